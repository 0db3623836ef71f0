/* The history store against real SQLite files in a temporary directory: add and query,
 * reopen, and the files it must refuse with a clear message (damaged, newer, locked). */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "io/history.h"
#include "io/pack_store.h"

static char dir[256];
static char path[300];
static char err[EBB_HISTORY_ERR_MAX];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ebb-history-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        return -1;
    }
    /* A folder that does not exist yet: opening must create it. */
    snprintf(path, sizeof path, "%s/sub/history.sqlite3", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static ebb_history_session session(const char *id, time_t t, int stars, bool complete)
{
    ebb_history_session s = {t, id, stars * 30, stars, complete, 61.5, "{\"x\":1}"};
    return s;
}

static void test_add_query_reopen(void **state)
{
    (void)state;
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    const time_t day = 1714550400; /* 2024-05-01T08:00:00Z */
    ebb_history_session s[] = {
        session("lengthening/low-and-steady", day + 3600, 2, true),
        session("breathing/resonance", day, 3, true),
        session("lengthening/low-and-steady", day + 86400, 1, false),
    };
    int64_t id = 0;
    for (size_t i = 0; i < 3; i++) {
        assert_true(ebb_history_add(h, &s[i], &id, err, sizeof err));
    }
    assert_int_equal(id, 3);
    ebb_history_row *rows = NULL;
    size_t n = 0;
    assert_true(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].level_id, "breathing/resonance"); /* oldest first */
    assert_string_equal(rows[0].started_at, "2024-05-01T08:00:00Z");
    assert_int_equal(rows[1].stars, 2);
    assert_true(rows[1].complete);
    assert_false(rows[2].complete);
    assert_float_equal(rows[2].duration_s, 61.5, 1e-9);
    free(rows);
    ebb_history_filter f = {"lengthening/low-and-steady", "2024-05-01T09:00:00Z",
                            "2024-05-02T00:00:00Z"};
    assert_true(ebb_history_query(h, &f, &rows, &n, err, sizeof err));
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].stars, 2);
    free(rows);
    ebb_history_close(h);

    /* Reopened read-only: everything is still there, JSON included. */
    h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
    assert_non_null(h);
    assert_true(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
    assert_int_equal(n, 3);
    char *json = NULL;
    assert_true(ebb_history_result_json(h, rows[0].id, &json, err, sizeof err));
    assert_string_equal(json, "{\"x\":1}");
    free(json);
    free(rows);
    assert_false(ebb_history_result_json(h, 99, &json, err, sizeof err));
    assert_string_equal(err, "no session 99 in the history");
    ebb_history_close(h);
}

static void write_file(const char *p, const char *data, size_t len)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void test_damaged_file(void **state)
{
    (void)state;
    char bad[320];
    snprintf(bad, sizeof bad, "%s/damaged.sqlite3", dir);
    char junk[8192];
    memset(junk, 'x', sizeof junk);
    write_file(bad, junk, sizeof junk);
    err[0] = '\0';
    ebb_history *h = ebb_history_open(bad, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_null(h);
    char expect[600];
    snprintf(expect, sizeof expect, "the history at %s is damaged or is not an Ebb history "
             "(file is not a database). Move it aside (for example rename it to "
             "history.sqlite3.damaged) and Ebb will start a new one.", bad);
    assert_string_equal(err, expect);
    /* A real database cut short in its middle pages. */
    char cut[320];
    snprintf(cut, sizeof cut, "%s/cut.sqlite3", dir);
    h = ebb_history_open(cut, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    for (int i = 0; i < 300; i++) {
        ebb_history_session s = session("breathing/resonance", 1714550400 + i, 2, true);
        assert_true(ebb_history_add(h, &s, NULL, err, sizeof err));
    }
    ebb_history_close(h);
    FILE *f = fopen(cut, "r+b");
    assert_non_null(f);
    fseek(f, 4096 + 100, SEEK_SET);
    fwrite(junk, 1, sizeof junk, f);
    fclose(f);
    h = ebb_history_open(cut, EBB_HISTORY_READ_WRITE, err, sizeof err);
    if (h != NULL) {
        ebb_history_row *rows = NULL;
        size_t n = 0;
        assert_false(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
        ebb_history_close(h);
    }
    assert_non_null(strstr(err, "is damaged or is not an Ebb history"));
}

static void test_newer_and_missing(void **state)
{
    (void)state;
    char newer[320];
    snprintf(newer, sizeof newer, "%s/newer.sqlite3", dir);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(newer, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(ebb_history_open(newer, EBB_HISTORY_READ_WRITE, err, sizeof err));
    assert_non_null(strstr(err, "was written by a newer Ebb (format 7; this one reads 3)"));

    char missing[320];
    snprintf(missing, sizeof missing, "%s/none/history.sqlite3", dir);
    assert_null(ebb_history_open(missing, EBB_HISTORY_READ_ONLY, err, sizeof err));
    assert_non_null(strstr(err, "cannot open the history at"));
}

static void test_locked(void **state)
{
    (void)state;
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE;", NULL, NULL, NULL), SQLITE_OK);
    ebb_history_session s = session("breathing/resonance", 1714550400, 2, true);
    assert_false(ebb_history_add(h, &s, NULL, err, sizeof err));
    char expect[600];
    snprintf(expect, sizeof expect, "the history at %s is busy: another program (perhaps "
             "another Ebb) is using it. Close that and try again.", path);
    assert_string_equal(err, expect);
    sqlite3_exec(other, "ROLLBACK;", NULL, NULL, NULL);
    sqlite3_close(other);
    /* Nothing half-written: the failed add left no row, and the store still works. */
    assert_true(ebb_history_add(h, &s, NULL, err, sizeof err));
    ebb_history_row *rows = NULL;
    size_t n = 0;
    assert_true(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
    assert_int_equal(n, 4);
    free(rows);
    ebb_history_close(h);
}

static void test_dates(void **state)
{
    (void)state;
    int d = 0;
    assert_true(ebb_date_diff("2024-02-28", "2024-03-01", &d));
    assert_int_equal(d, 2); /* a leap year */
    assert_true(ebb_date_diff("2024-12-31", "2025-01-07", &d));
    assert_int_equal(d, 7);
    assert_true(ebb_date_diff("2024-05-02", "2024-05-01", &d));
    assert_int_equal(d, -1);
    assert_false(ebb_date_diff("2024-5-1", "2024-05-01", &d));
    char buf[EBB_HISTORY_TIME_MAX];
    ebb_history_time(0, buf);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_query_reopen),
        cmocka_unit_test(test_damaged_file),
        cmocka_unit_test(test_newer_and_missing),
        cmocka_unit_test(test_locked),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
