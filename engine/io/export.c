/* CSV export of the history: one query per file, every column as SQLite holds it. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include "io/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/fileio.h"
#include "io/history_db.h"

const char *const ebb_export_names[EBB_EXPORT_FILES] = {"sessions.csv", "level_results.csv",
                                                        "reps.csv", "calibrations.csv"};

static const char *const export_sql[EBB_EXPORT_FILES] = {
    "SELECT s.id, s.started_at, s.ended_at, s.level_id, s.title, s.kind, s.state, s.complete,"
    " s.score, s.stars, s.duration_s, s.steps_done, s.step_count, s.probe,"
    " p.pack_id, p.title AS pack_title, s.program_day, s.calibration_id, s.recording"
    " FROM sessions s LEFT JOIN packs p ON p.id = s.pack_ref ORDER BY s.started_at, s.id;",
    "SELECT session_id, level_id, kind, score, stars, complete, duration_s, rest_mean, rest_sd,"
    " rest_in_band, release_mean_s, hold_in_band, breath_in_band, flicks_ok, flicks_total,"
    " metrics_json FROM level_results ORDER BY session_id;",
    "SELECT session_id, step_index, kind, line, start_s, duration_s, reached, score, in_band,"
    " mean, sd, peak, release_s, flick_ok, metrics_json FROM step_results"
    " ORDER BY session_id, step_index;",
    "SELECT c.id, p.name AS profile, p.probe, c.unit, c.rest, c.mvc, c.first_seen"
    " FROM calibrations c JOIN probe_profiles p ON p.id = c.profile_id ORDER BY c.id;",
};

void ebb_csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') {
            fputc('"', out);
        }
        fputc(*s, out);
    }
    fputc('"', out);
}

/* One query as CSV into a new buffer. */
static int export_table(ebb_history *h, const char *sql, char **data, size_t *len,
                        size_t *rows)
{
    FILE *out = open_memstream(data, len);
    if (out == NULL) {
        return SQLITE_NOMEM;
    }
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, sql, &st);
    if (rc != SQLITE_OK) {
        fclose(out);
        return rc;
    }
    const int nc = sqlite3_column_count(st);
    for (int c = 0; c < nc; c++) {
        fputs(c ? "," : "", out);
        ebb_csv_field(out, sqlite3_column_name(st, c));
    }
    fputc('\n', out);
    *rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < nc; c++) {
            fputs(c ? "," : "", out);
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_NULL:
                break;
            case SQLITE_INTEGER:
                fprintf(out, "%lld", (long long)sqlite3_column_int64(st, c));
                break;
            case SQLITE_FLOAT:
                fprintf(out, "%.17g", sqlite3_column_double(st, c));
                break;
            default:
                ebb_csv_field(out, (const char *)sqlite3_column_text(st, c));
                break;
            }
        }
        fputc('\n', out);
        (*rows)++;
    }
    ebb_hdb_finish(h, st);
    if (fclose(out) != 0) {
        return SQLITE_NOMEM;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

bool ebb_export_csv(ebb_history *h, const char *dir, size_t rows[EBB_EXPORT_FILES], char *err,
                    size_t err_size)
{
    if (!ebb_hdb_private_dirs(dir, err, err_size)) {
        return false;
    }
    for (size_t i = 0; i < EBB_EXPORT_FILES; i++) {
        char *data = NULL;
        size_t len = 0, n = 0;
        int rc = h->empty ? SQLITE_OK : export_table(h, export_sql[i], &data, &len, &n);
        if (rc != SQLITE_OK) {
            free(data);
            ebb_hdb_error(err, err_size, h->db, rc, h->path, "export");
            return false;
        }
        bool ok = ebb_file_write_atomic(dir, ebb_export_names[i], data ? data : "",
                                        data ? len : 0, err, err_size);
        free(data);
        if (!ok) {
            return false;
        }
        if (rows != NULL) {
            rows[i] = n;
        }
    }
    return true;
}
