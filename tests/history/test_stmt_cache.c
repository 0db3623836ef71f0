/* The history store's kept statements (engine/io/history_stmt.c) on a real SQLite file: a
 * statement given back is found again by its text; one still in use is never handed out a
 * second time; nothing of one call (bindings, an open read) stays for the next; and a
 * connection with more statements than it keeps still runs them all. */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hist_util.h"
#include "io/history.h"
#include "io/history_db.h"

static char dir[256];
static char err[EBB_HISTORY_ERR_MAX];
static ebb_history *h;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ebb-hstmt-XXXXXX");
    if (!mkdtemp(dir)) {
        return -1;
    }
    char path[300];
    snprintf(path, sizeof path, "%s/history.sqlite3", dir);
    h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    return h ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ebb_history_close(h);
    hist_rm_rf(dir);
    return 0;
}

static void given_back_is_found_again(void **state)
{
    (void)state;
    sqlite3_stmt *a = NULL, *b = NULL;
    assert_int_equal(ebb_hdb_prepare(h, "SELECT count(*) FROM sessions;", &a), SQLITE_OK);
    assert_non_null(a);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    ebb_hdb_finish(h, a);
    assert_int_equal(ebb_hdb_prepare(h, "SELECT count(*) FROM sessions;", &b), SQLITE_OK);
    assert_ptr_equal(a, b);
    /* Found by its text, whatever string holds it and whatever follows the statement. */
    char copy[] = "SELECT count(*) FROM sessions;";
    ebb_hdb_finish(h, b);
    assert_int_equal(ebb_hdb_prepare(h, copy, &b), SQLITE_OK);
    assert_ptr_equal(a, b);
    ebb_hdb_finish(h, b);
    sqlite3_stmt *c = NULL, *d = NULL;
    assert_int_equal(ebb_hdb_prepare(h, "SELECT 1;  ", &c), SQLITE_OK);
    ebb_hdb_finish(h, c);
    assert_int_equal(ebb_hdb_prepare(h, "SELECT 1;  ", &d), SQLITE_OK);
    assert_ptr_equal(c, d);
    ebb_hdb_finish(h, d);
}

static void in_use_is_never_shared(void **state)
{
    (void)state;
    /* A report walks the sessions while it reads each one's steps: the same SQL may be in
     * use twice at once, each with its own place and parameters. */
    const char *sql = "SELECT ?1 * 2;";
    sqlite3_stmt *a = NULL, *b = NULL;
    assert_int_equal(ebb_hdb_prepare(h, sql, &a), SQLITE_OK);
    assert_int_equal(ebb_hdb_prepare(h, sql, &b), SQLITE_OK);
    assert_ptr_not_equal(a, b);
    sqlite3_bind_int(a, 1, 3);
    sqlite3_bind_int(b, 1, 5);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_int_equal(sqlite3_step(b), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(a, 0), 6);
    assert_int_equal(sqlite3_column_int(b, 0), 10);
    ebb_hdb_finish(h, a);
    ebb_hdb_finish(h, b);
}

static void nothing_stays_for_the_next_call(void **state)
{
    (void)state;
    assert_true(ebb_history_add(h, &(ebb_history_session){.started_at = 1700000000,
                                                          .level_id = "a/b", .complete = true},
                                NULL, err, sizeof err));
    assert_true(ebb_history_add(h, &(ebb_history_session){.started_at = 1700000100,
                                                          .level_id = "a/c", .complete = true},
                                NULL, err, sizeof err));
    const char *sql = "SELECT level_id FROM sessions WHERE ?1 IS NULL OR id = ?1 ORDER BY id;";
    sqlite3_stmt *st = NULL;
    assert_int_equal(ebb_hdb_prepare(h, sql, &st), SQLITE_OK);
    sqlite3_bind_int(st, 1, 2);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "a/c");
    /* Given back part-way: its read of the file ends, and its parameter is forgotten. */
    ebb_hdb_finish(h, st);
    assert_false(sqlite3_stmt_busy(st));
    sqlite3_stmt *again = NULL;
    assert_int_equal(ebb_hdb_prepare(h, sql, &again), SQLITE_OK);
    assert_ptr_equal(again, st);
    assert_int_equal(sqlite3_step(again), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(again, 0), "a/b");
    assert_int_equal(sqlite3_step(again), SQLITE_ROW);
    assert_int_equal(sqlite3_step(again), SQLITE_DONE);
    ebb_hdb_finish(h, again);
}

static void more_statements_than_kept(void **state)
{
    (void)state;
    enum { N = EBB_HDB_STMTS + 20 };
    sqlite3_stmt *st[N];
    char sql[N][32];
    for (int i = 0; i < N; i++) {
        snprintf(sql[i], sizeof sql[i], "SELECT %d;", i);
        assert_int_equal(ebb_hdb_prepare(h, sql[i], &st[i]), SQLITE_OK);
    }
    for (int i = 0; i < N; i++) {
        assert_int_equal(sqlite3_step(st[i]), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st[i], 0), i);
        ebb_hdb_finish(h, st[i]); /* kept, or finalized: ASan sees either way */
    }
    /* The store's own work still runs with every slot taken. */
    int64_t id = 0;
    assert_true(ebb_history_add(h, &(ebb_history_session){.started_at = 1700000200,
                                                          .level_id = "a/d"},
                                &id, err, sizeof err));
    ebb_history_row row;
    assert_true(ebb_history_get(h, id, &row, err, sizeof err));
    assert_string_equal(row.state, "stopped");
    sqlite3_stmt *first = NULL;
    assert_int_equal(ebb_hdb_prepare(h, sql[0], &first), SQLITE_OK);
    assert_int_equal(sqlite3_step(first), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(first, 0), 0);
    ebb_hdb_finish(h, first);
}

static void a_failed_write_rolls_back(void **state)
{
    (void)state;
    /* BEGIN, COMMIT and ROLLBACK are kept statements too: a write that fails half-way
     * leaves the store as it was, and the next write works. */
    size_t n0 = 0;
    ebb_history_row *rows = NULL;
    assert_true(ebb_history_query(h, &(ebb_history_filter){0}, &rows, &n0, err, sizeof err));
    free(rows);
    assert_int_equal(ebb_hdb_run(h, "BEGIN IMMEDIATE;"), SQLITE_OK);
    assert_int_equal(ebb_hdb_run(h, "INSERT INTO sessions (started_at, level_id, score, stars, "
                                    "complete, duration_s, result_json, state) VALUES "
                                    "('2024-01-01 00:00:00', 'x/y', 0, 0, 0, 0, '{}', 'done');"),
                     SQLITE_OK);
    assert_int_not_equal(ebb_hdb_run(h, "INSERT INTO no_such_table VALUES (1);"), SQLITE_OK);
    assert_int_equal(ebb_hdb_run(h, "ROLLBACK;"), SQLITE_OK);
    size_t n1 = 0;
    assert_true(ebb_history_query(h, &(ebb_history_filter){0}, &rows, &n1, err, sizeof err));
    free(rows);
    assert_int_equal(n1, n0);
    assert_true(ebb_history_add(h, &(ebb_history_session){.started_at = 1700000300,
                                                          .level_id = "a/e"},
                                NULL, err, sizeof err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(given_back_is_found_again, setup, teardown),
        cmocka_unit_test_setup_teardown(in_use_is_never_shared, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_stays_for_the_next_call, setup, teardown),
        cmocka_unit_test_setup_teardown(more_statements_than_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_write_rolls_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
