/* The history store, writing: whole sessions, live sessions step by step, re-scored
 * results, and deleting a session with its recording. Every write is one transaction. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/result_json.h"
#include "io/history_db.h"

/* A transaction around fn: BEGIN IMMEDIATE takes the write lock at once, so a busy store
 * waits (busy timeout) instead of failing half-way. */
static bool tx_begin(ebb_history *h, int *rc)
{
    *rc = ebb_hdb_run(h, "BEGIN IMMEDIATE;");
    return *rc == SQLITE_OK;
}

static bool tx_end(ebb_history *h, int rc, const char *doing, char *err, size_t err_size)
{
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_run(h, "COMMIT;");
    }
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, doing);
        ebb_hdb_run(h, "ROLLBACK;");
        return false;
    }
    return true;
}

static void bind_real_or_null(sqlite3_stmt *st, int i, double v)
{
    if (isfinite(v)) {
        sqlite3_bind_double(st, i, v);
    } else {
        sqlite3_bind_null(st, i);
    }
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (s != NULL) {
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, i);
    }
}

/* A quick fingerprint of a pack's text (FNV-1a, 64 bits): the same text is stored once. */
static void text_hash(const char *s, char out[17])
{
    uint64_t x = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        x = (x ^ *p) * 1099511628211ull;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)x);
}

/* INSERT OR IGNORE then SELECT: the id of a row that may already exist. Parameters are
 * numbered alike in both statements (texts, then reals, then ref); the SELECT names only the
 * ones its UNIQUE key needs. */
static int upsert_id(ebb_history *h, const char *insert, const char *select,
                     const char *const *text, int ntext, const double *real, int nreal,
                     int64_t ref, int64_t *id)
{
    for (int pass = 0; pass < 2; pass++) {
        sqlite3_stmt *st = NULL;
        int rc = ebb_hdb_prepare(h, pass == 0 ? insert : select, &st);
        if (rc != SQLITE_OK) {
            return rc;
        }
        int n = sqlite3_bind_parameter_count(st);
        for (int i = 1; i <= n; i++) {
            if (i <= ntext) {
                sqlite3_bind_text(st, i, text[i - 1], -1, SQLITE_TRANSIENT);
            } else if (i <= ntext + nreal) {
                sqlite3_bind_double(st, i, real[i - ntext - 1]);
            } else {
                sqlite3_bind_int64(st, i, ref);
            }
        }
        if (pass == 0) {
            rc = ebb_hdb_step_finish(h, st);
        } else {
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                *id = sqlite3_column_int64(st, 0);
                rc = SQLITE_OK;
            }
            ebb_hdb_finish(h, st);
        }
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    return SQLITE_OK;
}

static int step_row(ebb_history *h, int64_t id, size_t index, const ebb_step_result *s)
{
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h,
            "INSERT OR REPLACE INTO step_results (session_id, step_index, kind, "
            "line, start_s, duration_s, reached, score, in_band, mean, sd, peak, "
            "release_s, flick_ok) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?);", &st);
    if (rc != SQLITE_OK) {
        return rc;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)index);
    sqlite3_bind_text(st, 3, ebb_step_kind_name(s->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, (int)s->line);
    sqlite3_bind_double(st, 5, (double)s->start_ms / 1000.0);
    sqlite3_bind_double(st, 6, (double)s->duration_ms / 1000.0);
    sqlite3_bind_int(st, 7, s->reached ? 1 : 0);
    bind_real_or_null(st, 8, (double)s->score);
    bind_real_or_null(st, 9, (double)s->in_band);
    bind_real_or_null(st, 10, (double)s->mean);
    bind_real_or_null(st, 11, (double)s->sd);
    bind_real_or_null(st, 12, (double)s->peak);
    bind_real_or_null(st, 13, s->release_ms >= 0 ? (double)s->release_ms / 1000.0 : NAN);
    if (s->kind == EBB_STEP_FLICK) {
        sqlite3_bind_int(st, 14, s->flick_ok ? 1 : 0);
    } else {
        sqlite3_bind_null(st, 14);
    }
    return ebb_hdb_step_finish(h, st);
}

static char *result_json(const ebb_result *r)
{
    char *json = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&json, &len);
    if (mem == NULL) {
        return NULL;
    }
    ebb_result_write_json(r, mem);
    fclose(mem);
    /* The JSON writer ends with a newline; the stored object does not need it. */
    while (len > 0 && (json[len - 1] == '\n' || json[len - 1] == '\r')) {
        json[--len] = '\0';
    }
    return json;
}

/* The whole result into the rows of session id, inside the caller's transaction. */
static int store_result(ebb_history *h, int64_t id, const ebb_result *r, bool final)
{
    char *json = result_json(r);
    if (json == NULL) {
        return SQLITE_NOMEM;
    }
    int reached = 0;
    for (size_t i = 0; i < r->step_count; i++) {
        reached += r->steps[i].reached ? 1 : 0;
    }
    char now[EBB_HISTORY_TIME_MAX];
    ebb_history_time(time(NULL), now);
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h,
            "UPDATE sessions SET score = ?2, stars = ?3, complete = ?4, "
            "duration_s = ?5, result_json = ?6, step_count = ?7, steps_done = ?8, "
            "title = ?9, kind = ?10, "
            "state = CASE WHEN ?11 THEN (CASE WHEN ?4 THEN 'done' ELSE 'stopped' END)"
            " ELSE state END, "
            "ended_at = CASE WHEN ?11 THEN ?12 ELSE ended_at END WHERE id = ?1;", &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, r->score);
        sqlite3_bind_int(st, 3, r->stars);
        sqlite3_bind_int(st, 4, r->complete ? 1 : 0);
        sqlite3_bind_double(st, 5, (double)r->duration_ms / 1000.0);
        sqlite3_bind_text(st, 6, json, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)r->step_count);
        sqlite3_bind_int(st, 8, reached);
        sqlite3_bind_text(st, 9, r->level ? r->level->title : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 10, r->level ? ebb_level_kind_name(r->level->kind) : "", -1,
                          SQLITE_STATIC);
        sqlite3_bind_int(st, 11, final ? 1 : 0);
        sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
        rc = ebb_hdb_step_finish(h, st);
    }
    free(json);
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_prepare(h,
                "INSERT OR REPLACE INTO level_results (session_id, level_id, kind, "
                "score, stars, complete, duration_s, rest_mean, rest_sd, rest_in_band, "
                "release_mean_s, hold_in_band, breath_in_band, flicks_ok, flicks_total) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);", &st);
    }
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, r->level ? r->level->id : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, r->level ? ebb_level_kind_name(r->level->kind) : "", -1,
                          SQLITE_STATIC);
        sqlite3_bind_int(st, 4, r->score);
        sqlite3_bind_int(st, 5, r->stars);
        sqlite3_bind_int(st, 6, r->complete ? 1 : 0);
        sqlite3_bind_double(st, 7, (double)r->duration_ms / 1000.0);
        bind_real_or_null(st, 8, (double)r->rest_mean);
        bind_real_or_null(st, 9, (double)r->rest_sd);
        bind_real_or_null(st, 10, (double)r->rest_in_band);
        bind_real_or_null(st, 11, r->release_mean_ms >= 0 ? r->release_mean_ms / 1000.0 : NAN);
        bind_real_or_null(st, 12, (double)r->hold_in_band);
        bind_real_or_null(st, 13, (double)r->breath_in_band);
        sqlite3_bind_int(st, 14, r->flicks_ok);
        sqlite3_bind_int(st, 15, r->flicks_total);
        rc = ebb_hdb_step_finish(h, st);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < r->step_count; i++) {
        rc = step_row(h, id, i, &r->steps[i]);
    }
    return rc;
}

static int insert_session(ebb_history *h, const ebb_history_session *s, int64_t *id)
{
    char when[EBB_HISTORY_TIME_MAX];
    ebb_history_time(s->started_at, when);
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h,
            "INSERT INTO sessions (started_at, level_id, score, stars, complete, "
            "duration_s, result_json, state) VALUES (?,?,?,?,?,?,?,?);", &st);
    if (rc != SQLITE_OK) {
        return rc;
    }
    sqlite3_bind_text(st, 1, when, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, s->level_id ? s->level_id : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, s->score);
    sqlite3_bind_int(st, 4, s->stars);
    sqlite3_bind_int(st, 5, s->complete ? 1 : 0);
    sqlite3_bind_double(st, 6, s->duration_s);
    sqlite3_bind_text(st, 7, s->result_json ? s->result_json : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, s->complete ? "done" : "stopped", -1, SQLITE_STATIC);
    rc = ebb_hdb_step_finish(h, st);
    *id = sqlite3_last_insert_rowid(h->db);
    return rc;
}

bool ebb_history_add(ebb_history *h, const ebb_history_session *s, int64_t *id_out, char *err,
                     size_t err_size)
{
    int rc;
    int64_t id = 0;
    if (tx_begin(h, &rc)) {
        rc = insert_session(h, s, &id);
    }
    if (!tx_end(h, rc, "save the session in", err, err_size)) {
        return false;
    }
    if (id_out != NULL) {
        *id_out = id;
    }
    return true;
}

bool ebb_history_add_result(ebb_history *h, const ebb_result *r, time_t started_at,
                            int64_t *id_out, char *err, size_t err_size)
{
    ebb_history_session s = {
        .started_at = started_at,
        .level_id = r->level ? r->level->id : "",
        .complete = r->complete,
    };
    int rc;
    int64_t id = 0;
    if (tx_begin(h, &rc)) {
        rc = insert_session(h, &s, &id);
        if (rc == SQLITE_OK) {
            rc = store_result(h, id, r, true);
        }
    }
    if (!tx_end(h, rc, "save the session in", err, err_size)) {
        return false;
    }
    if (id_out != NULL) {
        *id_out = id;
    }
    return true;
}

/* The pack, probe profile and calibration in force, each stored once. */
static int begin_refs(ebb_history *h, const ebb_history_begin_info *in, int64_t *pack,
                      int64_t *calib, const char *now)
{
    int rc = SQLITE_OK;
    if (in->pack_id != NULL && in->pack_text != NULL) {
        char hash[17];
        text_hash(in->pack_text, hash);
        const char *t[] = {in->pack_id, in->pack_title ? in->pack_title : "", hash,
                           in->pack_text, now};
        rc = upsert_id(h, "INSERT OR IGNORE INTO packs (pack_id, title, text_hash, text, "
                          "first_seen) VALUES (?,?,?,?,?);",
                       "SELECT id FROM packs WHERE pack_id = ?1 AND text_hash = ?3;",
                       t, 5, NULL, 0, 0, pack);
    }
    if (rc == SQLITE_OK && in->profile != NULL && in->calib != NULL) {
        int64_t profile = 0;
        const char *t[] = {in->profile, in->probe_spec ? in->probe_spec : "", now};
        rc = upsert_id(h, "INSERT OR IGNORE INTO probe_profiles (name, probe, first_seen) "
                          "VALUES (?,?,?);",
                       "SELECT id FROM probe_profiles WHERE name = ?1;", t, 3, NULL, 0, 0, &profile);
        if (rc == SQLITE_OK) {
            const char *ct[] = {ebb_unit_name(in->calib->unit), now};
            const double cr[] = {(double)in->calib->rest, (double)in->calib->mvc};
            rc = upsert_id(h, "INSERT OR IGNORE INTO calibrations (unit, first_seen, rest, mvc, "
                              "profile_id) VALUES (?,?,?,?,?);",
                           "SELECT id FROM calibrations WHERE unit = ?1 AND rest = ?3 AND "
                           "mvc = ?4 AND profile_id = ?5;",
                           ct, 2, cr, 2, profile, calib);
        }
    }
    return rc;
}

bool ebb_history_begin(ebb_history *h, const ebb_history_begin_info *in, int64_t *id_out,
                       char *rec_path, size_t rec_size, char *err, size_t err_size)
{
    if (rec_path != NULL && rec_size > 0) {
        rec_path[0] = '\0';
    }
    char when[EBB_HISTORY_TIME_MAX], now[EBB_HISTORY_TIME_MAX];
    ebb_history_time(in->started_at, when);
    ebb_history_time(time(NULL), now);
    int64_t pack = 0, calib = 0, id = 0;
    char rel[64] = "";
    int rc;
    if (tx_begin(h, &rc)) {
        rc = begin_refs(h, in, &pack, &calib, now);
    }
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_prepare(h,
                "INSERT INTO sessions (started_at, level_id, score, stars, complete, "
                "duration_s, result_json, state, title, kind, probe, step_count, "
                "steps_done, writer_pid, pack_ref, program_day, calibration_id) "
                "VALUES (?1, ?2, 0, 0, 0, 0, '{}', 'live', ?3, ?4, ?5, ?6, 0, ?7, ?8, "
                "?9, ?10);", &st);
    }
    if (rc == SQLITE_OK) {
        const ebb_level *lv = in->level;
        sqlite3_bind_text(st, 1, when, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, lv->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, lv->title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, ebb_level_kind_name(lv->kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, in->probe_spec ? in->probe_spec : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)lv->step_count);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)getpid());
        if (pack > 0) {
            sqlite3_bind_int64(st, 8, pack);
            sqlite3_bind_int(st, 9, in->program_day);
        }
        if (calib > 0) {
            sqlite3_bind_int64(st, 10, calib);
        }
        rc = ebb_hdb_step_finish(h, st);
        id = sqlite3_last_insert_rowid(h->db);
    }
    if (rc == SQLITE_OK && in->with_recording) {
        snprintf(rel, sizeof rel, "recordings/session-%lld.ebbrec", (long long)id);
        rc = ebb_hdb_prepare(h, "UPDATE sessions SET recording = ?2 WHERE id = ?1;", &st);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, id);
            bind_text_or_null(st, 2, rel);
            rc = ebb_hdb_step_finish(h, st);
        }
    }
    if (!tx_end(h, rc, "save the session in", err, err_size)) {
        return false;
    }
    if (rel[0] != '\0' && rec_path != NULL) {
        char dir[1100];
        snprintf(dir, sizeof dir, "%s/recordings", h->dir);
        if (!ebb_hdb_private_dirs(dir, err, err_size)) {
            return false;
        }
        ebb_hdb_recording_abs(h, rel, rec_path, rec_size);
    }
    *id_out = id;
    return true;
}

bool ebb_history_step_done(ebb_history *h, int64_t id, size_t index,
                           const ebb_step_result *step, uint32_t elapsed_ms, char *err,
                           size_t err_size)
{
    int rc;
    if (tx_begin(h, &rc)) {
        rc = step_row(h, id, index, step);
    }
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_prepare(h,
                "UPDATE sessions SET steps_done = MAX(steps_done, ?2), duration_s = ?3 "
                "WHERE id = ?1;", &st);
    }
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)index + 1);
        sqlite3_bind_double(st, 3, (double)elapsed_ms / 1000.0);
        rc = ebb_hdb_step_finish(h, st);
    }
    return tx_end(h, rc, "save a step in", err, err_size);
}

bool ebb_history_store_result(ebb_history *h, int64_t id, const ebb_result *r, bool final,
                              char *err, size_t err_size)
{
    int rc;
    if (tx_begin(h, &rc)) {
        rc = store_result(h, id, r, final);
    }
    return tx_end(h, rc, "save the session in", err, err_size);
}

bool ebb_history_delete(ebb_history *h, int64_t id, char *err, size_t err_size)
{
    ebb_history_row row;
    if (!ebb_history_get(h, id, &row, err, err_size)) {
        return false;
    }
    if (strcmp(row.state, "live") == 0) {
        sqlite3_stmt *st = NULL;
        long long pid = 0;
        const char *pid_sql = "SELECT writer_pid FROM sessions WHERE id = ?1;";
        if (ebb_hdb_prepare(h, pid_sql, &st) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, id);
            if (sqlite3_step(st) == SQLITE_ROW) {
                pid = sqlite3_column_int64(st, 0);
            }
        }
        ebb_hdb_finish(h, st);
        if (ebb_hdb_writer_alive(h, row.recording, pid)) {
            ebb_hdb_say(err, err_size, "session %lld is being played right now; delete it "
                        "once it has ended", (long long)id);
            return false;
        }
    }
    static const char *const sql[] = {
        "DELETE FROM step_results WHERE session_id = ?1;",
        "DELETE FROM level_results WHERE session_id = ?1;",
        "DELETE FROM sessions WHERE id = ?1;",
    };
    int rc;
    if (tx_begin(h, &rc)) {
        for (size_t i = 0; rc == SQLITE_OK && i < sizeof sql / sizeof sql[0]; i++) {
            sqlite3_stmt *st = NULL;
            rc = ebb_hdb_prepare(h, sql[i], &st);
            if (rc == SQLITE_OK) {
                sqlite3_bind_int64(st, 1, id);
                rc = ebb_hdb_step_finish(h, st);
            }
        }
    }
    if (!tx_end(h, rc, "delete from", err, err_size)) {
        return false;
    }
    char path[1200];
    if (ebb_hdb_recording_abs(h, row.recording, path, sizeof path) && unlink(path) != 0 &&
        access(path, F_OK) == 0) {
        ebb_hdb_say(err, err_size, "session %lld is deleted, but its recording %s could not "
                    "be removed; delete that file by hand", (long long)id, path);
        return false;
    }
    return true;
}
