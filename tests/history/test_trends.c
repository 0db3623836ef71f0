/* The history read for comparisons and progress (io/history_trends.h), on a real SQLite file
 * in a temporary folder: the person's past of a level (last session and a week ago), the
 * sentences that compare with it, and the sessions the progress charts are drawn from. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/metrics.h"
#include "io/history_trends.h"
#include "hist_util.h"

static const time_t NOW = 1716800000; /* 2024-05-27, around 09:00 UTC */

/* A stored result with these metrics, as `ebb play --json` writes it. */
static void add(ebb_history *h, time_t when, const char *level, bool complete, double release,
                double rest, double rest_sd, int stars)
{
    char json[600];
    snprintf(json, sizeof json,
             "{\"level\":\"%s\",\"kind\":\"lengthening\",\"stars\":%d,\"metrics\":{"
             "\"rep_release_mean_s\":%.3f,\"recruit_mean_s\":null,\"rest\":{\"mean\":%.3f,"
             "\"sd\":%.3f},\"time_in_band\":0.800,\"tracking_error\":null,\"endurance_s\":4.000,"
             "\"breath_pacing\":null}}",
             level, stars, release, rest, rest_sd);
    ebb_history_session s = {when, level, 50, stars, complete, 60.0, json};
    char err[EBB_HISTORY_ERR_MAX];
    int64_t id = 0;
    assert_true(ebb_history_add(h, &s, &id, err, sizeof err));
}

static ebb_history *fresh(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/ebb-trends-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[400], err[EBB_HISTORY_ERR_MAX];
    snprintf(path, sizeof path, "%s/ebb/history.sqlite3", dir);
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    return h;
}

static void test_past_last_and_week(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    char dir[64];
    ebb_history *h = fresh(dir, sizeof dir);
    add(h, NOW - 30 * 86400, "a/level", true, 3.0, 0.30, 0.05, 1);  /* too long ago */
    add(h, NOW - 7 * 86400 - 3600, "a/level", true, 1.9, 0.20, 0.04, 2); /* a week ago */
    add(h, NOW - 9 * 86400, "a/level", true, 2.5, 0.25, 0.05, 2);   /* in the window, further */
    add(h, NOW - 86400, "a/level", true, 1.5, 0.10, 0.02, 3);       /* yesterday */
    add(h, NOW - 3600, "a/level", false, 9.0, 0.90, 0.30, 0);       /* stopped: not compared */
    add(h, NOW - 600, "b/level", true, 0.2, 0.01, 0.01, 3);         /* another level */
    add(h, NOW + 3600, "a/level", true, 0.1, 0.01, 0.01, 3);        /* after now */

    ebb_history_past p;
    char err[EBB_HISTORY_ERR_MAX];
    assert_true(ebb_history_past_read(h, "a/level", NOW, &p, err, sizeof err));
    assert_true(p.has_last);
    assert_true(p.has_week);
    assert_string_equal(p.last.when, "yesterday's");
    assert_int_equal(p.last.release_mean_ms, 1500);
    assert_float_equal(p.last.rest_mean, 0.10f, 1e-4f);
    assert_string_equal(p.week.when, "last week's");
    assert_int_equal(p.week.release_mean_ms, 1900);
    assert_float_equal(p.week.rest_sd, 0.04f, 1e-4f);
    assert_int_equal(p.week.endurance_ms, 4000);
    assert_true(isnan(p.week.tracking_error));
    assert_int_equal(p.week.recruit_mean_ms, -1);

    ebb_metrics_past pick;
    assert_true(ebb_history_past_pick(&p, &pick));
    assert_int_equal(pick.release_mean_ms, 1900);

    /* The sentence the person reads. */
    ebb_metrics_level m;
    memset(&m, 0, sizeof m);
    m.release_mean_ms = 1200;
    m.releases_done = m.releases_total = 3;
    m.rest.mean = m.rest.sd = m.time_in_band = m.tracking_error = m.breath_pacing = NAN;
    m.recruit_mean_ms = -1;
    m.pf_breath_in = NAN;
    ebb_metrics_sentences says;
    ebb_metrics_say(&m, &pick, &says);
    assert_true(says.count >= 1);
    assert_string_equal(says.text[0], "You let go in 1.2 s, quicker than last week's 1.9 s.");

    /* Only yesterday's: the last session is what there is. */
    assert_true(ebb_history_past_read(h, "a/level", NOW - 5 * 86400, &p, err, sizeof err));
    assert_true(p.has_last);
    assert_false(p.has_week);
    assert_string_equal(p.last.when, "last time's");
    assert_int_equal(p.last.release_mean_ms, 1900);
    assert_true(ebb_history_past_pick(&p, &pick));
    assert_int_equal(pick.release_mean_ms, 1900);
    /* No past at all for a level never played. */
    assert_true(ebb_history_past_read(h, "c/level", NOW, &p, err, sizeof err));
    assert_false(p.has_last);
    assert_false(p.has_week);
    assert_false(ebb_history_past_pick(&p, &pick));
    assert_int_equal(pick.release_mean_ms, -1);
    ebb_history_close(h);

    /* Through the default path, as play does it: XDG_DATA_HOME/ebb/history.sqlite3. */
    setenv("XDG_DATA_HOME", dir, 1);
    assert_true(ebb_history_past_load("a/level", NOW, &pick));
    assert_int_equal(pick.release_mean_ms, 1900);
    char none[120];
    snprintf(none, sizeof none, "%s/nothing-here", dir);
    setenv("XDG_DATA_HOME", none, 1);
    assert_false(ebb_history_past_load("a/level", NOW, &pick));
    assert_int_equal(hist_mode(none), 01000u); /* nothing was made */
    hist_rm_rf(dir);
}

/* A damaged result's times do not convert blindly: a release of 8.9e91 s is the longest
 * time an int32 holds, and a negative one is no figure (undefined behaviour before; gcc's
 * ASan build checks float-to-int). */
static void test_past_from_damaged_times(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    char dir[64];
    ebb_history *h = fresh(dir, sizeof dir);
    add(h, NOW - 86400, "a/level", true, 8.9e91, 0.10, 0.02, 3);
    add(h, NOW - 7 * 86400, "a/level", true, -3.0, 0.10, 0.02, 3);
    ebb_history_past p;
    char err[EBB_HISTORY_ERR_MAX];
    assert_true(ebb_history_past_read(h, "a/level", NOW, &p, err, sizeof err));
    assert_true(p.has_last);
    assert_int_equal(p.last.release_mean_ms, INT32_MAX);
    assert_true(p.has_week);
    assert_int_equal(p.week.release_mean_ms, -1);
    ebb_history_close(h);
    hist_rm_rf(dir);
}

static void test_progress_sessions(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    char dir[64];
    ebb_history *h = fresh(dir, sizeof dir);
    for (int d = 0; d < 14; d++) {
        add(h, NOW - (14 - d) * 86400, "a/level", true, 2.0 - 0.1 * d, 0.30 - 0.015 * d,
            0.06 - 0.003 * d, d < 7 ? 1 : 3);
    }
    ebb_progress_session *s = NULL;
    size_t n = 0;
    char err[EBB_HISTORY_ERR_MAX];
    assert_true(ebb_history_progress_sessions(h, NULL, &s, &n, err, sizeof err));
    assert_int_equal(n, 14);
    assert_int_equal(s[0].day, ebb_history_local_day(NOW - 14 * 86400));
    assert_int_equal(s[13].day, ebb_history_local_day(NOW - 86400));
    assert_int_equal(s[13].kind, EBB_LEVEL_LENGTHENING);
    assert_int_equal(s[13].stars, 3);
    assert_float_equal(s[0].release_s, 2.0f, 1e-4f);
    assert_float_equal(s[13].rest_mean, 0.30f - 0.015f * 13, 1e-4f);
    assert_true(isnan(s[0].mvc));
    ebb_progress p;
    ebb_progress_build(s, n, 21, NULL, &p);
    char line[EBB_PROGRESS_READING_MAX];
    ebb_progress_reading(&p, EBB_PROGRESS_REST, line, sizeof line);
    assert_string_equal(line, "Your rest has become lower and steadier over two weeks.");
    free(s);
    char since[EBB_HISTORY_TIME_MAX];
    ebb_history_time(NOW - 5 * 86400, since);
    assert_true(ebb_history_progress_sessions(h, since, &s, &n, err, sizeof err));
    assert_int_equal(n, 5);
    free(s);
    ebb_history_close(h);
    hist_rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_past_last_and_week),
        cmocka_unit_test(test_past_from_damaged_times),
        cmocka_unit_test(test_progress_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
