/* ebb export --csv: the four files load back and match the database cell for cell (text
 * exactly, numbers to the bit), are private whatever the umask, and leave no temp file. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/session.h"
#include "hist_util.h"
#include "io/export.h"
#include "io/history.h"

static char dir[256];

/* A minimal CSV reader (RFC 4180 quotes): the next record's fields, NULL at the end. */
static size_t csv_record(const char **p, char fields[32][4096])
{
    size_t n = 0;
    if (**p == '\0') {
        return 0;
    }
    for (;;) {
        char *o = fields[n];
        if (**p == '"') {
            (*p)++;
            while (**p && !(**p == '"' && (*p)[1] != '"')) {
                if (**p == '"') {
                    (*p)++;
                }
                *o++ = *(*p)++;
            }
            (*p)++;
        } else {
            while (**p && **p != ',' && **p != '\n') {
                *o++ = *(*p)++;
            }
        }
        *o = '\0';
        n++;
        if (**p == ',') {
            (*p)++;
            continue;
        }
        if (**p == '\n') {
            (*p)++;
        }
        return n;
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Compares one exported file with the table it came from. */
static void compare(sqlite3 *db, const char *file, const char *sql, size_t *rows_out)
{
    const char *p = slurp(file);
    static char f[32][4096];
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    const int nc = sqlite3_column_count(st);
    size_t n = csv_record(&p, f);
    assert_int_equal(n, (size_t)nc);
    for (int c = 0; c < nc; c++) {
        assert_string_equal(f[c], sqlite3_column_name(st, c));
    }
    size_t rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        n = csv_record(&p, f);
        assert_int_equal(n, (size_t)nc);
        for (int c = 0; c < nc; c++) {
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_NULL:
                assert_string_equal(f[c], "");
                break;
            case SQLITE_INTEGER:
                assert_int_equal(strtoll(f[c], NULL, 10), sqlite3_column_int64(st, c));
                break;
            case SQLITE_FLOAT: {
                const double v = strtod(f[c], NULL), w = sqlite3_column_double(st, c);
                assert_memory_equal(&v, &w, sizeof v);
                break;
            }
            default:
                assert_string_equal(f[c], (const char *)sqlite3_column_text(st, c));
            }
        }
        rows++;
    }
    sqlite3_finalize(st);
    assert_int_equal(csv_record(&p, f), 0); /* nothing after the last row */
    *rows_out = rows;
}

static void test_export_loads_back(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ebb-export-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[400], out[400];
    snprintf(path, sizeof path, "%s/ebb/history.sqlite3", dir);
    snprintf(out, sizeof out, "%s/export/for-the-therapist", dir);
    ebb_level lv;
    assert_true(hist_level(&lv));
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, NULL, 0);
    assert_non_null(h);
    /* Sessions with a pack, a calibration, a title with a comma and quotes. */
    snprintf(lv.title, sizeof lv.title, "Holds, \"gently\"\nand slowly");
    static const ebb_calib cal = {EBB_UNIT_UV, 3.25f, 61.5f};
    for (int k = 0; k < 3; k++) {
        ebb_session *s = ebb_session_create(&lv);
        ebb_tick_events ev;
        for (unsigned i = 0; !ebb_session_finished(s) && i < (k == 2 ? 150u : 1000u); i++) {
            ebb_frame f = ebb_frame_pf(hist_effort(i) + 0.01f * (float)k);
            ebb_session_tick(s, &f, &ev);
        }
        ebb_history_begin_info in = {
            .started_at = 1714550400 + k * 86400, .level = &lv, .probe_spec = "serial:/dev/x",
            .pack_id = "start", .pack_title = "Start, gently", .pack_text = "text",
            .program_day = k, .profile = "serial-dev-x", .calib = &cal,
        };
        int64_t id = 0;
        assert_true(ebb_history_begin(h, &in, &id, NULL, 0, NULL, 0));
        assert_true(ebb_history_store_result(h, id, ebb_session_result(s), true, NULL, 0));
        ebb_session_destroy(s);
    }
    mode_t old = umask(0);
    size_t rows[EBB_EXPORT_FILES];
    char err[1200];
    assert_true(ebb_export_csv(h, out, rows, err, sizeof err));
    umask(old);
    ebb_history_close(h);
    assert_int_equal(rows[0], 3);
    assert_int_equal(rows[2], 12);
    assert_int_equal(rows[3], 1); /* one calibration, used three times */
    assert_int_equal(hist_mode(out), 0700);

    static const char *const sql[EBB_EXPORT_FILES] = {
        "SELECT s.id, s.started_at, s.ended_at, s.level_id, s.title, s.kind, s.state,"
        " s.complete, s.score, s.stars, s.duration_s, s.steps_done, s.step_count, s.probe,"
        " p.pack_id, p.title AS pack_title, s.program_day, s.calibration_id, s.recording"
        " FROM sessions s LEFT JOIN packs p ON p.id = s.pack_ref ORDER BY s.started_at, s.id;",
        "SELECT * FROM level_results ORDER BY session_id;",
        "SELECT * FROM step_results ORDER BY session_id, step_index;",
        "SELECT c.id, p.name AS profile, p.probe, c.unit, c.rest, c.mvc, c.first_seen"
        " FROM calibrations c JOIN probe_profiles p ON p.id = c.profile_id ORDER BY c.id;",
    };
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (size_t i = 0; i < EBB_EXPORT_FILES; i++) {
        char file[600];
        snprintf(file, sizeof file, "%s/%s", out, ebb_export_names[i]);
        assert_int_equal(hist_mode(file), 0600);
        size_t n = 0;
        compare(db, file, sql[i], &n);
        assert_int_equal(n, rows[i]);
    }
    sqlite3_close(db);
    /* Nothing but the four files: no temporary file left behind. */
    DIR *d = opendir(out);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)) != NULL) {
        files += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
    }
    closedir(d);
    assert_int_equal(files, EBB_EXPORT_FILES);
    ebb_level_free(&lv);
    hist_rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_loads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
