/* The history store's prepared statements, kept for the life of a connection. Compiling SQL
 * cost more than running it: a step saved during play, or a session's rows in a report, ran
 * the same few statements each time, and preparing them took about 40 % of the time of
 * writing a session and its report (see docs/performance.md). A statement is found again by
 * its text; one still in use is never handed out twice, and a statement that finds the
 * cache full is simply finalized after use, as before. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/history_db.h"

int ebb_hdb_prepare(ebb_history *h, const char *sql, sqlite3_stmt **st)
{
    *st = NULL;
    if (h->fresh_statements) {
        return sqlite3_prepare_v2(h->db, sql, -1, st, NULL);
    }
    ebb_hdb_stmt *free_slot = NULL;
    for (size_t i = 0; i < EBB_HDB_STMTS; i++) {
        ebb_hdb_stmt *c = &h->stmts[i];
        if (c->st == NULL) {
            free_slot = free_slot ? free_slot : c;
        } else if (!c->busy && strcmp(c->sql, sql) == 0) {
            c->busy = true;
            *st = c->st;
            return SQLITE_OK;
        }
    }
    /* PERSISTENT: SQLite keeps such statements out of its small lookaside buffers. */
    const unsigned flags = free_slot ? SQLITE_PREPARE_PERSISTENT : 0;
    int rc = sqlite3_prepare_v3(h->db, sql, -1, flags, st, NULL);
    if (rc != SQLITE_OK || *st == NULL || free_slot == NULL) {
        return rc;
    }
    char *copy = strdup(sql);
    if (copy != NULL) {
        *free_slot = (ebb_hdb_stmt){.sql = copy, .st = *st, .busy = true};
    }
    return SQLITE_OK;
}

void ebb_hdb_finish(ebb_history *h, sqlite3_stmt *st)
{
    if (st == NULL) {
        return;
    }
    for (size_t i = 0; i < EBB_HDB_STMTS; i++) {
        ebb_hdb_stmt *c = &h->stmts[i];
        if (c->st == st) {
            /* Reset ends the statement's read of the file (a WAL reader would otherwise hold
             * back checkpoints); cleared bindings keep no text of this call for the next. */
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            c->busy = false;
            return;
        }
    }
    sqlite3_finalize(st);
}

int ebb_hdb_step_finish(ebb_history *h, sqlite3_stmt *st)
{
    const int rc = sqlite3_step(st);
    ebb_hdb_finish(h, st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int ebb_hdb_run(ebb_history *h, const char *sql)
{
    sqlite3_stmt *st = NULL;
    const int rc = ebb_hdb_prepare(h, sql, &st);
    return rc == SQLITE_OK ? ebb_hdb_step_finish(h, st) : rc;
}

void ebb_hdb_forget(ebb_history *h)
{
    for (size_t i = 0; i < EBB_HDB_STMTS; i++) {
        sqlite3_finalize(h->stmts[i].st);
        free(h->stmts[i].sql);
        h->stmts[i] = (ebb_hdb_stmt){0};
    }
}

int64_t ebb_hdb_column_ms(sqlite3_stmt *st, int i, int64_t none, int64_t max)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        return none;
    }
    const double ms = floor(sqlite3_column_double(st, i) * 1000.0 + 0.5);
    if (!(ms >= 0.0)) { /* negative, or not a number */
        return none;
    }
    return ms >= (double)max ? max : (int64_t)ms;
}
