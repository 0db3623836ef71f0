/* The history store: every played session, kept on the person's own machine in SQLite.
 *
 * One file, $XDG_DATA_HOME/ebb/history.sqlite3 (~/.local/share/ebb/ when XDG_DATA_HOME is
 * not set), with one table:
 *   sessions(id, started_at, level_id, score, stars, complete, duration_s, result_json)
 * started_at is ISO-8601 UTC ("2024-05-01T08:30:00Z"), so text order is time order.
 * The schema version is PRAGMA user_version (1). Every write is one transaction: a session
 * is stored whole or not at all. A locked, damaged or newer file gives an error message that
 * says what to do; nothing here crashes or exits.
 *
 * Ownership: ebb_history_open() returns a handle the caller closes with ebb_history_close().
 * Errors are written into a caller buffer (err, err_size), one sentence or two. */
#ifndef EBB_HISTORY_H
#define EBB_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/level.h"
#include "core/score.h"

#define EBB_HISTORY_SCHEMA 1
#define EBB_HISTORY_ERR_MAX 512
#define EBB_HISTORY_TIME_MAX 24 /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

typedef struct ebb_history ebb_history;

typedef enum ebb_history_mode {
    EBB_HISTORY_READ_ONLY = 0, /* the file must exist (ebb today: nothing to create) */
    EBB_HISTORY_READ_WRITE     /* created with its directory if missing */
} ebb_history_mode;

/* One stored session. */
typedef struct ebb_history_row {
    int64_t id;
    char started_at[EBB_HISTORY_TIME_MAX];
    char level_id[EBB_LEVEL_ID_MAX + 1];
    int score;
    int stars;
    bool complete;
    double duration_s;
} ebb_history_row;

/* What to add. result_json may be NULL (stored as "{}"). */
typedef struct ebb_history_session {
    time_t started_at;
    const char *level_id;
    int score;
    int stars;
    bool complete;
    double duration_s;
    const char *result_json;
} ebb_history_session;

/* Which rows to read; zero fields mean "any". Times compare as ISO-8601 UTC text. */
typedef struct ebb_history_filter {
    const char *level_id;
    const char *since; /* started_at >= since */
    const char *until; /* started_at < until */
} ebb_history_filter;

/* $XDG_DATA_HOME/ebb (or ~/.local/share/ebb). False, with a message, if neither is set. */
bool ebb_data_dir(char *buf, size_t size, char *err, size_t err_size);

/* <data dir>/history.sqlite3 */
bool ebb_history_default_path(char *buf, size_t size, char *err, size_t err_size);

/* Opens (and with READ_WRITE creates, with its parent directory) the store at path.
 * Returns NULL with a message on failure. */
ebb_history *ebb_history_open(const char *path, ebb_history_mode mode, char *err,
                              size_t err_size);
void ebb_history_close(ebb_history *h);

/* Adds one session; its new id is written to *id_out if not NULL. */
bool ebb_history_add(ebb_history *h, const ebb_history_session *s, int64_t *id_out, char *err,
                     size_t err_size);

/* Adds a finished (or stopped) session from its result, with the result as JSON. */
bool ebb_history_add_result(ebb_history *h, const ebb_result *r, time_t started_at,
                            int64_t *id_out, char *err, size_t err_size);

/* Reads the matching rows, oldest first, into a new array (*rows, free() it; NULL when
 * there are none). */
bool ebb_history_query(ebb_history *h, const ebb_history_filter *f, ebb_history_row **rows,
                       size_t *count, char *err, size_t err_size);

/* The stored JSON of one session into a new string (free() it). */
bool ebb_history_result_json(ebb_history *h, int64_t id, char **json, char *err,
                             size_t err_size);

/* Formats t as ISO-8601 UTC. */
void ebb_history_time(time_t t, char buf[EBB_HISTORY_TIME_MAX]);

#endif
