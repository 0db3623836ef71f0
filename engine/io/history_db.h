/* Inside the history store: the handle and the helpers its files share (history_schema.c opens
 * and migrates, history_sessions.c writes, history_query.c reads; export.c and report.c read
 * whole tables through the same connection). Only engine/io and its tests include this. */
#ifndef EBB_HISTORY_DB_H
#define EBB_HISTORY_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "io/history.h"

/* A prepared statement kept for reuse (history_stmt.c). */
typedef struct ebb_hdb_stmt {
    char *sql;           /* its text, the key it is found by */
    sqlite3_stmt *st;
    bool busy;           /* handed out and not yet given back */
} ebb_hdb_stmt;

/* More than the store has distinct statements, so every one stays prepared. */
#define EBB_HDB_STMTS 48

struct ebb_history {
    sqlite3 *db;
    ebb_hdb_stmt stmts[EBB_HDB_STMTS];
    bool fresh_statements; /* compile every statement anew, as before: the bench's baseline */
    bool empty;          /* read-only and no table yet: every query finds nothing */
    bool read_only;
    int version;         /* schema version after opening (EBB_HISTORY_SCHEMA unless empty) */
    size_t recovered;    /* sessions found cut off and marked interrupted by this open */
    char path[1024];
    char dir[1024];      /* the folder holding the file: recordings live under it */
};

void ebb_hdb_say(char *err, size_t n, const char *fmt, ...) EBB_PRINTF(3, 4);

/* Turns an SQLite failure into words that say what to do. */
void ebb_hdb_error(char *err, size_t n, sqlite3 *db, int rc, const char *path,
                   const char *doing);

/* Runs SQL that may hold several statements (the schema, pragmas), compiled afresh. */
int ebb_hdb_exec(ebb_history *h, const char *sql);

/* One statement, compiled once per connection and reused: *st is ready to bind and step,
 * and goes back with ebb_hdb_finish (never sqlite3_finalize). SQLite's result code. */
int ebb_hdb_prepare(ebb_history *h, const char *sql, sqlite3_stmt **st);
void ebb_hdb_finish(ebb_history *h, sqlite3_stmt *st);

/* Runs a prepared statement (an INSERT, UPDATE or DELETE) and gives it back: SQLITE_OK or
 * the error. */
int ebb_hdb_step_finish(ebb_history *h, sqlite3_stmt *st);

/* One statement without parameters run to its end (BEGIN, COMMIT, ROLLBACK): SQLITE_OK or
 * the error. */
int ebb_hdb_run(ebb_history *h, const char *sql);

/* Finalizes every kept statement: before the connection closes. */
void ebb_hdb_forget(ebb_history *h);

/* Column i of a row, stored in seconds, in whole milliseconds: `none` for NULL, for a
 * negative value and for NaN, and at most `max`. A damaged file can hold any double there,
 * and converting one beyond the integer's range is undefined behaviour (fuzz_history). */
int64_t ebb_hdb_column_ms(sqlite3_stmt *st, int i, int64_t none, int64_t max);

/* Makes room for one more element in a growing array of rows read from a query: doubles
 * *cap (from 32) when count has reached it. Returns the array (moved, perhaps), or NULL when
 * memory ran out (buf is then left as it was, for the caller to free). */
void *ebb_hdb_grow(void *buf, size_t *cap, size_t count, size_t elem);

/* Makes path private (0600) if it exists; the umask never decides who reads health data. */
void ebb_hdb_private_file(const char *path);

/* mkdir -p with 0700 for every folder created, and 0700 on the last one whatever the umask. */
bool ebb_hdb_private_dirs(const char *dir, char *err, size_t err_size);

/* Absolute path of a session's recording from its stored relative name. */
bool ebb_hdb_recording_abs(const ebb_history *h, const char *rel, char *buf, size_t size);

/* Whether the writer of a live session is still at work (it holds a lock on its recording,
 * or, without one, its process still runs). */
bool ebb_hdb_writer_alive(const ebb_history *h, const char *recording_rel, long long pid);

#endif
