#define _POSIX_C_SOURCE 200809L /* strdup */
/* The history store, reading: sessions by filter or id, their steps, their JSON and their
 * recordings. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/history_db.h"

#define ROW_COLUMNS                                                                         \
    "id, started_at, level_id, title, score, stars, complete, duration_s, state, "          \
    "steps_done, step_count, probe, COALESCE(recording, ''), "                              \
    "COALESCE((SELECT pack_id FROM packs WHERE packs.id = sessions.pack_ref), ''), "       \
    "COALESCE(program_day, -1)"

static void copy_text(char *dst, size_t size, const unsigned char *src)
{
    snprintf(dst, size, "%s", src ? (const char *)src : "");
}

static void read_row(sqlite3_stmt *st, ebb_history_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    copy_text(r->started_at, sizeof r->started_at, sqlite3_column_text(st, 1));
    copy_text(r->level_id, sizeof r->level_id, sqlite3_column_text(st, 2));
    copy_text(r->title, sizeof r->title, sqlite3_column_text(st, 3));
    r->score = sqlite3_column_int(st, 4);
    r->stars = sqlite3_column_int(st, 5);
    r->complete = sqlite3_column_int(st, 6) != 0;
    r->duration_s = sqlite3_column_double(st, 7);
    copy_text(r->state, sizeof r->state, sqlite3_column_text(st, 8));
    r->steps_done = sqlite3_column_int(st, 9);
    r->step_count = sqlite3_column_int(st, 10);
    copy_text(r->probe, sizeof r->probe, sqlite3_column_text(st, 11));
    copy_text(r->recording, sizeof r->recording, sqlite3_column_text(st, 12));
    copy_text(r->pack_id, sizeof r->pack_id, sqlite3_column_text(st, 13));
    r->program_day = sqlite3_column_int(st, 14);
}

bool ebb_history_query(ebb_history *h, const ebb_history_filter *f, ebb_history_row **rows,
                       size_t *count, char *err, size_t err_size)
{
    *rows = NULL;
    *count = 0;
    if (h->empty) {
        return true;
    }
    static const ebb_history_filter none = {NULL, NULL, NULL};
    f = f ? f : &none;
    /* Bounded (strcat was not): a longer column list cuts the SQL, which then fails to
     * prepare, instead of writing past the buffer. */
    char sql[700];
    snprintf(sql, sizeof sql, "SELECT " ROW_COLUMNS " FROM sessions WHERE 1%s%s%s"
             " ORDER BY started_at, id;", f->level_id ? " AND level_id = ?1" : "",
             f->since ? " AND started_at >= ?2" : "", f->until ? " AND started_at < ?3" : "");
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, sql, &st);
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    if (f->level_id) {
        sqlite3_bind_text(st, 1, f->level_id, -1, SQLITE_TRANSIENT);
    }
    if (f->since) {
        sqlite3_bind_text(st, 2, f->since, -1, SQLITE_TRANSIENT);
    }
    if (f->until) {
        sqlite3_bind_text(st, 3, f->until, -1, SQLITE_TRANSIENT);
    }
    size_t cap = 0;
    ebb_history_row *out = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        void *grown = ebb_hdb_grow(out, &cap, *count, sizeof *out);
        if (grown == NULL) {
            rc = SQLITE_NOMEM;
            break;
        }
        out = grown;
        read_row(st, &out[(*count)++]);
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        free(out);
        *count = 0;
        return false;
    }
    *rows = out;
    return true;
}

static bool no_session(int64_t id, char *err, size_t err_size)
{
    ebb_hdb_say(err, err_size, "no session %lld in the history", (long long)id);
    return false;
}

bool ebb_history_get(ebb_history *h, int64_t id, ebb_history_row *row, char *err,
                     size_t err_size)
{
    if (h->empty) {
        return no_session(id, err, err_size);
    }
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, "SELECT " ROW_COLUMNS " FROM sessions WHERE id = ?1;", &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        read_row(st, row);
        ebb_hdb_finish(h, st);
        return true;
    }
    ebb_hdb_finish(h, st);
    if (rc == SQLITE_DONE) {
        return no_session(id, err, err_size);
    }
    ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
    return false;
}

static float column_float(sqlite3_stmt *st, int i, float none)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? none : (float)sqlite3_column_double(st, i);
}

bool ebb_history_steps(ebb_history *h, int64_t id, ebb_history_step_row **steps,
                       size_t *count, char *err, size_t err_size)
{
    *steps = NULL;
    *count = 0;
    if (h->empty) {
        return true;
    }
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, "SELECT step_index, kind, line, start_s, duration_s, reached, "
                                "score, in_band, mean, sd, peak, release_s, flick_ok "
                                "FROM step_results WHERE session_id = ?1 ORDER BY step_index;",
                             &st);
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 0;
    ebb_history_step_row *out = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        void *grown = ebb_hdb_grow(out, &cap, *count, sizeof *out);
        if (grown == NULL) {
            rc = SQLITE_NOMEM;
            break;
        }
        out = grown;
        ebb_history_step_row *s = &out[(*count)++];
        s->index = sqlite3_column_int(st, 0);
        copy_text(s->kind, sizeof s->kind, sqlite3_column_text(st, 1));
        s->line = sqlite3_column_int(st, 2);
        s->start_ms = (uint32_t)ebb_hdb_column_ms(st, 3, 0, UINT32_MAX);
        s->duration_ms = (uint32_t)ebb_hdb_column_ms(st, 4, 0, UINT32_MAX);
        s->reached = sqlite3_column_int(st, 5) != 0;
        s->score = column_float(st, 6, 0.0f);
        s->in_band = column_float(st, 7, 0.0f);
        s->mean = column_float(st, 8, 0.0f);
        s->sd = column_float(st, 9, 0.0f);
        s->peak = column_float(st, 10, 0.0f);
        s->release_ms = (int32_t)ebb_hdb_column_ms(st, 11, -1, INT32_MAX);
        s->flick_ok = sqlite3_column_int(st, 12) != 0;
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        free(out);
        *count = 0;
        return false;
    }
    *steps = out;
    return true;
}

bool ebb_history_result_json(ebb_history *h, int64_t id, char **json, char *err,
                             size_t err_size)
{
    *json = NULL;
    sqlite3_stmt *st = NULL;
    int rc = h->empty ? SQLITE_DONE
                      : ebb_hdb_prepare(h, "SELECT result_json FROM sessions WHERE id = ?;", &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        *json = strdup(t ? (const char *)t : "{}");
        rc = *json ? SQLITE_OK : SQLITE_NOMEM;
    } else if (rc == SQLITE_DONE) {
        ebb_hdb_finish(h, st);
        return no_session(id, err, err_size);
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    return true;
}

bool ebb_history_recording_path(ebb_history *h, int64_t id, char *buf, size_t size, char *err,
                                size_t err_size)
{
    ebb_history_row row;
    if (!ebb_history_get(h, id, &row, err, err_size)) {
        return false;
    }
    if (!ebb_hdb_recording_abs(h, row.recording, buf, size)) {
        ebb_hdb_say(err, err_size, "session %lld has no recording (sessions played before "
                    "this version of Ebb, or with a replay, are not recorded)", (long long)id);
        return false;
    }
    return true;
}

bool ebb_history_recent_sessions(ebb_history *h, const char *level_id, const char *since,
                                 ebb_challenge_session *out, size_t max, size_t *count,
                                 char *err, size_t err_size)
{
    *count = 0;
    if (h->empty || max == 0) {
        return true;
    }
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h,
        "SELECT complete, json_extract(result_json, '$.metrics.time_in_band'),"
        " json_extract(result_json, '$.metrics.rest.mean'),"
        " json_extract(result_json, '$.metrics.rest.sd'),"
        " json_extract(result_json, '$.metrics.breath_pacing') FROM sessions"
        " WHERE level_id = ?1 AND started_at >= ?2 AND state IN ('done', 'stopped')"
        " AND json_valid(result_json) ORDER BY started_at DESC, id DESC LIMIT ?3;", &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, level_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, since ? since : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    }
    /* Newest first from SQLite; handed back oldest first. */
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ebb_challenge_session *s = &out[*count];
        s->complete = sqlite3_column_int(st, 0) != 0;
        s->time_in_band = column_float(st, 1, NAN);
        s->rest_mean = column_float(st, 2, NAN);
        s->rest_sd = column_float(st, 3, NAN);
        s->breath_pacing = column_float(st, 4, NAN);
        (*count)++;
        rc = SQLITE_OK;
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        *count = 0;
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    for (size_t i = 0; i < *count / 2; i++) {
        ebb_challenge_session t = out[i];
        out[i] = out[*count - 1 - i];
        out[*count - 1 - i] = t;
    }
    return true;
}
