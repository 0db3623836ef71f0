#define _POSIX_C_SOURCE 200809L /* localtime_r */
/* Reading the history for comparisons and progress (history_trends.h). */
#include "io/history_trends.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/history_db.h"

/* The metrics the sentences compare (metrics_say.c), from a session's result JSON. */
#define PAST_COLUMNS                                                                        \
    "json_extract(result_json, '$.metrics.rep_release_mean_s'),"                          \
    "json_extract(result_json, '$.metrics.recruit_mean_s'),"                              \
    "json_extract(result_json, '$.metrics.rest.mean'),"                                   \
    "json_extract(result_json, '$.metrics.rest.sd'),"                                     \
    "json_extract(result_json, '$.metrics.time_in_band'),"                                \
    "json_extract(result_json, '$.metrics.tracking_error'),"                              \
    "json_extract(result_json, '$.metrics.endurance_s'),"                                 \
    "json_extract(result_json, '$.metrics.breath_pacing'),"                               \
    "json_extract(result_json, '$.assessment.endurance_decline'),"                        \
    "json_extract(result_json, '$.assessment.flick_peak'),"                               \
    "CAST(julianday(date(?2, 'localtime')) - julianday(date(started_at, 'localtime')) "   \
    "AS INTEGER)"

static float col_f(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : (float)sqlite3_column_double(st, i);
}

static int32_t col_ms(sqlite3_stmt *st, int i)
{
    return (int32_t)ebb_hdb_column_ms(st, i, -1, INT32_MAX);
}

static void read_past(sqlite3_stmt *st, ebb_metrics_past *p)
{
    ebb_metrics_past_none(p);
    p->release_mean_ms = col_ms(st, 0);
    p->recruit_mean_ms = col_ms(st, 1);
    p->rest_mean = col_f(st, 2);
    p->rest_sd = col_f(st, 3);
    p->time_in_band = col_f(st, 4);
    p->tracking_error = col_f(st, 5);
    const int32_t endurance = col_ms(st, 6);
    p->endurance_ms = endurance > 0 ? (uint32_t)endurance : 0u;
    p->breath_pacing = col_f(st, 7);
    p->endurance_decline = col_f(st, 8);
    p->flick_peak = col_f(st, 9);
}

/* One row of sql (bound: ?1 level, ?2 now, ?3 and ?4 the window) into *p; *found says
 * whether there was one. */
static bool past_one(ebb_history *h, const char *sql, const char *level_id, const char *now,
                     const char *lo, const char *hi, ebb_metrics_past *p, bool *found,
                     int *days_ago, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, sql, &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, level_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
        if (lo) {
            sqlite3_bind_text(st, 3, lo, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, hi, -1, SQLITE_TRANSIENT);
        }
        rc = sqlite3_step(st);
    }
    *found = rc == SQLITE_ROW;
    if (*found) {
        read_past(st, p);
        *days_ago = sqlite3_column_int(st, 10);
        rc = SQLITE_DONE;
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    return true;
}

bool ebb_history_past_read(ebb_history *h, const char *level_id, time_t now,
                           ebb_history_past *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    ebb_metrics_past_none(&out->last);
    ebb_metrics_past_none(&out->week);
    if (h->empty) {
        return true;
    }
    char t_now[EBB_HISTORY_TIME_MAX], t_lo[EBB_HISTORY_TIME_MAX], t_hi[EBB_HISTORY_TIME_MAX],
        t_week[EBB_HISTORY_TIME_MAX];
    ebb_history_time(now, t_now);
    ebb_history_time(now - 10 * 86400, t_lo);
    ebb_history_time(now - 5 * 86400, t_hi);
    ebb_history_time(now - 7 * 86400, t_week);
    static const char last_sql[] =
        "SELECT " PAST_COLUMNS " FROM sessions WHERE level_id = ?1 AND state = 'done' "
        "AND started_at < ?2 AND json_valid(result_json) "
        "ORDER BY started_at DESC, id DESC LIMIT 1;";
    static const char week_sql[] =
        "SELECT " PAST_COLUMNS " FROM sessions WHERE level_id = ?1 AND state = 'done' "
        "AND started_at >= ?3 AND started_at < ?4 AND json_valid(result_json) "
        "ORDER BY abs(julianday(started_at) - julianday(?2) + 7), id DESC LIMIT 1;";
    int days = 0;
    if (!past_one(h, last_sql, level_id, t_now, NULL, NULL, &out->last, &out->has_last, &days,
                  err, err_size)) {
        return false;
    }
    if (out->has_last) {
        snprintf(out->last.when, sizeof out->last.when, "%s",
                 days <= 0 ? "earlier today's" : days == 1 ? "yesterday's" : "last time's");
    }
    if (!past_one(h, week_sql, level_id, t_now, t_lo, t_hi, &out->week, &out->has_week, &days,
                  err, err_size)) {
        return false;
    }
    if (out->has_week) {
        snprintf(out->week.when, sizeof out->week.when, "last week's");
    }
    (void)t_week;
    return true;
}

bool ebb_history_past_pick(const ebb_history_past *p, ebb_metrics_past *out)
{
    if (p->has_week) {
        *out = p->week;
    } else if (p->has_last) {
        *out = p->last;
    } else {
        ebb_metrics_past_none(out);
        return false;
    }
    return true;
}

bool ebb_history_past_load(const char *level_id, time_t now, ebb_metrics_past *out)
{
    ebb_metrics_past_none(out);
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    if (!ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        return false;
    }
    FILE *f = fopen(path, "rb"); /* no history yet: nothing to compare with, and nothing made */
    if (!f) {
        return false;
    }
    fclose(f);
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
    if (!h) {
        return false;
    }
    ebb_history_past past;
    const bool ok = ebb_history_past_read(h, level_id, now, &past, err, sizeof err) &&
                    ebb_history_past_pick(&past, out);
    ebb_history_close(h);
    return ok;
}

int32_t ebb_history_local_day(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    /* Days from 1970-01-01 to the local calendar date (Hinnant's days_from_civil). */
    const int m = tm.tm_mon + 1, d = tm.tm_mday;
    const int y = tm.tm_year + 1900 - (m <= 2);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static ebb_level_kind kind_of(const unsigned char *name)
{
    for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
        if (name && strcmp((const char *)name, ebb_level_kind_name((ebb_level_kind)k)) == 0) {
            return (ebb_level_kind)k;
        }
    }
    return EBB_LEVEL_KIND_COUNT;
}

bool ebb_history_progress_sessions(ebb_history *h, const char *since,
                                   ebb_progress_session **out, size_t *count, char *err,
                                   size_t err_size)
{
    *out = NULL;
    *count = 0;
    if (h->empty) {
        return true;
    }
    static const char sql[] =
        "SELECT CAST(julianday(date(started_at, 'localtime')) - 2440587.5 AS INTEGER),"
        " COALESCE(NULLIF(kind, ''), json_extract(result_json, '$.kind')), stars,"
        " json_extract(result_json, '$.metrics.rest.mean'),"
        " json_extract(result_json, '$.metrics.rest.sd'),"
        " json_extract(result_json, '$.metrics.rep_release_mean_s'),"
        " json_extract(result_json, '$.metrics.endurance_s'),"
        " c.mvc, c.unit"
        " FROM sessions LEFT JOIN calibrations c ON c.id = sessions.calibration_id"
        " WHERE state IN ('done', 'stopped') AND json_valid(result_json)"
        " AND (?1 IS NULL OR started_at >= ?1)"
        " ORDER BY started_at, sessions.id;";
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, sql, &st);
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    if (since) {
        sqlite3_bind_text(st, 1, since, -1, SQLITE_TRANSIENT);
    }
    size_t cap = 0;
    ebb_progress_session *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        void *grown = ebb_hdb_grow(v, &cap, *count, sizeof *v);
        if (grown == NULL) {
            rc = SQLITE_NOMEM;
            break;
        }
        v = grown;
        ebb_progress_session *s = &v[(*count)++];
        s->day = (int32_t)sqlite3_column_int(st, 0);
        s->kind = kind_of(sqlite3_column_text(st, 1));
        s->stars = sqlite3_column_int(st, 2);
        s->rest_mean = col_f(st, 3);
        s->rest_sd = col_f(st, 4);
        s->release_s = col_f(st, 5);
        s->endurance_s = col_f(st, 6);
        s->mvc = col_f(st, 7);
        s->mvc_unit = EBB_UNIT_NONE;
        const unsigned char *u = sqlite3_column_text(st, 8);
        if (!u || !ebb_unit_parse((const char *)u, &s->mvc_unit)) {
            s->mvc = NAN;
        }
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        free(v);
        *count = 0;
        return false;
    }
    *out = v;
    return true;
}
