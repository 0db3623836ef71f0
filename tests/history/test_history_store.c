/* The history store (schema 2) against real SQLite files: a new file, the file today's
 * release writes (tests/data/history-v1.sqlite3) migrated without losing a session, live
 * sessions committed step by step, a writer that dies part-way found and marked
 * interrupted, deletion, and private modes whatever the umask. */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hist_util.h"
#include "io/history.h"

static char dir[256];
static char err[EBB_HISTORY_ERR_MAX];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ebb-hstore-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hist_rm_rf(dir);
    return 0;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    assert_non_null(in);
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        assert_int_equal(fwrite(buf, 1, n, out), n);
    }
    fclose(in);
    fclose(out);
}

static int64_t scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

typedef struct v1_row {
    int64_t id;
    char started_at[32], level_id[80];
    int score, stars, complete;
    double duration_s;
    char *json;
} v1_row;

/* The rows as today's release wrote them, read with plain SQLite. */
static size_t read_v1(const char *path, v1_row *rows, size_t cap)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(scalar(db, "PRAGMA user_version;"), 1);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, started_at, level_id, score, stars, "
                                            "complete, duration_s, result_json FROM sessions "
                                            "ORDER BY id;", -1, &st, NULL), SQLITE_OK);
    size_t n = 0;
    while (n < cap && sqlite3_step(st) == SQLITE_ROW) {
        v1_row *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        snprintf(r->started_at, sizeof r->started_at, "%s", sqlite3_column_text(st, 1));
        snprintf(r->level_id, sizeof r->level_id, "%s", sqlite3_column_text(st, 2));
        r->score = sqlite3_column_int(st, 3);
        r->stars = sqlite3_column_int(st, 4);
        r->complete = sqlite3_column_int(st, 5);
        r->duration_s = sqlite3_column_double(st, 6);
        r->json = strdup((const char *)sqlite3_column_text(st, 7));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void test_migrate_v1(void **state)
{
    (void)state;
    char path[320];
    snprintf(path, sizeof path, "%s/v1/history.sqlite3", dir);
    char sub[300];
    snprintf(sub, sizeof sub, "%s/v1", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    copy_file(EBB_SOURCE_DIR "/tests/data/history-v1.sqlite3", path);
    assert_int_equal(chmod(path, 0644), 0); /* as today's release leaves it */
    v1_row before[16];
    size_t n1 = read_v1(path, before, 16);
    assert_true(n1 >= 3);

    /* A reader (ebb today) opening the old file upgrades it in place. */
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
    assert_non_null(h);
    ebb_history_row *rows = NULL;
    size_t n = 0;
    assert_true(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
    assert_int_equal(n, n1);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].id, before[i].id);
        assert_string_equal(rows[i].started_at, before[i].started_at);
        assert_string_equal(rows[i].level_id, before[i].level_id);
        assert_int_equal(rows[i].score, before[i].score);
        assert_int_equal(rows[i].stars, before[i].stars);
        assert_int_equal(rows[i].complete, before[i].complete != 0);
        assert_float_equal(rows[i].duration_s, before[i].duration_s, 1e-9);
        assert_string_equal(rows[i].state, before[i].complete ? "done" : "stopped");
        char *json = NULL;
        assert_true(ebb_history_result_json(h, rows[i].id, &json, err, sizeof err));
        assert_string_equal(json, before[i].json);
        free(json);
        /* The steps kept in version 1's JSON became rows. */
        ebb_history_step_row *steps = NULL;
        size_t ns = 0;
        assert_true(ebb_history_steps(h, rows[i].id, &steps, &ns, err, sizeof err));
        assert_int_equal(ns, (size_t)rows[i].step_count);
        assert_true(ns >= 3);
        assert_non_null(strstr(before[i].json, steps[0].kind));
        free(steps);
        free(before[i].json);
    }
    assert_string_equal(rows[0].title, "Short test");
    assert_int_equal(rows[0].steps_done, 3);
    free(rows);
    ebb_history_close(h);

    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(scalar(db, "PRAGMA user_version;"), EBB_HISTORY_SCHEMA);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM level_results;"), (int64_t)n1);
    assert_int_equal(scalar(db, "SELECT (SELECT COUNT(*) FROM step_results) > 0;"), 1);
    sqlite3_stmt *ic = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check;", -1, &ic, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(ic), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(ic, 0), "ok");
    sqlite3_finalize(ic);
    sqlite3_close(db);
    assert_int_equal(hist_mode(path), 0600);

    /* And opened again it is simply version 2, unchanged. */
    h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    assert_true(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
    assert_int_equal(n, n1);
    free(rows);
    ebb_history_close(h);
}

static void test_new_schema(void **state)
{
    (void)state;
    char path[320];
    snprintf(path, sizeof path, "%s/new/a/history.sqlite3", dir);
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    ebb_history_close(h);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(scalar(db, "PRAGMA user_version;"), 3);
    static const char *const tables[] = {"sessions", "level_results", "step_results",
                                         "packs", "probe_profiles", "calibrations",
                                         "challenges"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                  "AND name = '%s';", tables[i]);
        assert_int_equal(scalar(db, sql), 1);
    }
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode;", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Plays the test level through the real runner, committing each step as it ends. Stops
 * after `steps` steps when steps < 4 (the caller then leaves without finishing). */
static int64_t play(ebb_history *h, const ebb_level *lv, size_t steps, time_t when)
{
    ebb_session *s = ebb_session_create(lv);
    assert_non_null(s);
    static const ebb_calib cal = {EBB_UNIT_UV, 4.0f, 60.0f};
    ebb_history_begin_info in = {
        .started_at = when, .level = lv, .probe_spec = "stdin", .pack_id = "pelvic-start",
        .pack_title = "Start <gently>", .pack_text = "pack text", .program_day = 3,
        .profile = "stdin", .calib = &cal,
    };
    int64_t id = 0;
    char rec[600];
    assert_true(ebb_history_begin(h, &in, &id, rec, sizeof rec, err, sizeof err));
    size_t done = 0;
    ebb_tick_events ev;
    for (unsigned i = 0; !ebb_session_finished(s) && done < steps; i++) {
        ebb_frame f = ebb_frame_pf(hist_effort(i));
        ebb_session_tick(s, &f, &ev);
        if ((ev.step_started > 0 || ev.finished) && done < steps) {
            const ebb_result *r = ebb_session_result(s);
            size_t ended = ev.finished ? lv->step_count - 1 : (size_t)ev.step_started - 1;
            assert_true(ebb_history_step_done(h, id, ended, &r->steps[ended],
                                              ebb_session_elapsed_ms(s), err, sizeof err));
            done++;
        }
    }
    if (steps >= lv->step_count) {
        assert_true(ebb_history_store_result(h, id, ebb_session_result(s), true, err,
                                             sizeof err));
    }
    ebb_session_destroy(s);
    return id;
}

static void test_live_and_interrupted(void **state)
{
    (void)state;
    char path[320];
    snprintf(path, sizeof path, "%s/live/history.sqlite3", dir);
    ebb_level lv;
    assert_true(hist_level(&lv));
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    int64_t whole = play(h, &lv, 4, 1714550400);
    ebb_history_row row;
    assert_true(ebb_history_get(h, whole, &row, err, sizeof err));
    assert_string_equal(row.state, "done");
    assert_int_equal(row.steps_done, 4);
    assert_string_equal(row.title, "History <test> & co");
    assert_string_equal(row.pack_id, "pelvic-start");
    assert_int_equal(row.program_day, 3);
    assert_true(row.score > 0);
    ebb_history_close(h);

    /* A writer in another process dies after two steps (no goodbye, like a kill). */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        ebb_history *c = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
        if (c == NULL) {
            _exit(3);
        }
        play(c, &lv, 2, 1714550400 + 86400);
        _exit(0); /* no close, no finish */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    assert_int_equal(ebb_history_recovered(h), 1);
    ebb_history_row *rows = NULL;
    size_t n = 0;
    assert_true(ebb_history_query(h, NULL, &rows, &n, err, sizeof err));
    assert_int_equal(n, 2);
    assert_string_equal(rows[1].state, "interrupted");
    assert_int_equal(rows[1].steps_done, 2);
    assert_float_equal(rows[1].duration_s, 2.0, 1e-9);
    ebb_history_step_row *steps = NULL;
    size_t ns = 0;
    assert_true(ebb_history_steps(h, rows[1].id, &steps, &ns, err, sizeof err));
    assert_int_equal(ns, 2);
    assert_string_equal(steps[0].kind, "rest");
    assert_string_equal(steps[1].kind, "squeeze");
    assert_true(steps[1].peak > 0.55f);
    free(steps);
    int64_t cut = rows[1].id;
    free(rows);
    ebb_history_close(h);
    /* Found once: the next open has nothing more to recover. */
    h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_int_equal(ebb_history_recovered(h), 0);

    /* Deleting removes the session and its steps; the other stays. */
    assert_true(ebb_history_delete(h, cut, err, sizeof err));
    assert_false(ebb_history_get(h, cut, &row, err, sizeof err));
    assert_true(ebb_history_steps(h, cut, &steps, &ns, err, sizeof err));
    assert_int_equal(ns, 0);
    assert_true(ebb_history_get(h, whole, &row, err, sizeof err));
    assert_false(ebb_history_delete(h, 999, err, sizeof err));
    assert_string_equal(err, "no session 999 in the history");
    ebb_history_close(h);
    ebb_level_free(&lv);
}

static void test_private_whatever_umask(void **state)
{
    (void)state;
    mode_t old = umask(0);
    char path[320], sub[300];
    snprintf(sub, sizeof sub, "%s/open/ebb", dir);
    snprintf(path, sizeof path, "%s/history.sqlite3", sub);
    ebb_level lv;
    assert_true(hist_level(&lv));
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    ebb_history_begin_info in = {.started_at = 1714550400, .level = &lv, .with_recording = true};
    int64_t id = 0;
    char rec[600];
    assert_true(ebb_history_begin(h, &in, &id, rec, sizeof rec, err, sizeof err));
    assert_non_null(strstr(rec, "/recordings/session-"));
    char p[400];
    assert_int_equal(hist_mode(sub), 0700);
    snprintf(p, sizeof p, "%s/recordings", sub);
    assert_int_equal(hist_mode(p), 0700);
    assert_int_equal(hist_mode(path), 0600);
    snprintf(p, sizeof p, "%s-wal", path);
    assert_int_equal(hist_mode(p), 0600);
    snprintf(p, sizeof p, "%s-shm", path);
    assert_int_equal(hist_mode(p), 0600);
    ebb_history_close(h);
    umask(old);
    ebb_level_free(&lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_v1),
        cmocka_unit_test(test_new_schema),
        cmocka_unit_test(test_live_and_interrupted),
        cmocka_unit_test(test_private_whatever_umask),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
