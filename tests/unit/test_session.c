/* The session runner: tick timing, step changes, signal loss, determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/session.h"
#include "test_helpers.h"

static void runner_counts_ticks_and_starts_steps_on_time(void **state)
{
    (void)state;
    ebb_step steps[3] = {
        test_step(EBB_STEP_REST, 1000, 0.0f, 0.2f, EBB_SCORE_IN_BAND),
        test_step(EBB_STEP_SQUEEZE, 2500, 0.4f, 0.8f, EBB_SCORE_IN_BAND),
        test_step(EBB_STEP_RELEASE, 500, 0.0f, 0.2f, EBB_SCORE_RELEASE),
    };
    ebb_level lv;
    test_level(&lv, steps, 3);
    ebb_session *s = ebb_session_create(&lv);
    assert_non_null(s);

    ebb_frame f = ebb_frame_pf(0.1f);
    ebb_tick_events ev;
    int starts[8];
    uint32_t start_at[8];
    int nstarts = 0, ticks = 0, finished_at = -1;
    while (!ebb_session_finished(s) && ticks < 10000) {
        uint32_t before = ebb_session_elapsed_ms(s);
        ebb_session_tick(s, &f, &ev);
        ticks++;
        if (ev.step_started >= 0) {
            starts[nstarts] = ev.step_started;
            /* step 0 starts on the first tick; later steps when the previous one has run */
            start_at[nstarts++] = ev.step_started == 0 ? before : ebb_session_elapsed_ms(s);
        }
        if (ev.finished) {
            finished_at = ticks;
        }
    }
    assert_int_equal(ticks, 400); /* 4 s at 100 Hz */
    assert_int_equal(finished_at, 400);
    assert_int_equal(nstarts, 3);
    assert_int_equal(starts[0], 0);
    assert_int_equal(starts[1], 1);
    assert_int_equal(starts[2], 2);
    assert_int_equal(start_at[0], 0);
    assert_int_equal(start_at[1], 1000);
    assert_int_equal(start_at[2], 3500);
    assert_int_equal(ebb_session_elapsed_ms(s), 4000);

    /* further ticks do nothing */
    ebb_session_tick(s, &f, &ev);
    assert_int_equal(ev.step_started, -1);
    assert_false(ev.finished);
    assert_int_equal(ebb_session_elapsed_ms(s), 4000);
    ebb_session_destroy(s);
}

static void runner_holds_still_while_signal_is_lost(void **state)
{
    (void)state;
    ebb_step steps[1] = {test_step(EBB_STEP_REST, 1000, 0.0f, 0.2f, EBB_SCORE_IN_BAND)};
    ebb_level lv;
    test_level(&lv, steps, 1);
    ebb_session *s = ebb_session_create(&lv);
    ebb_frame ok = ebb_frame_pf(0.05f);
    ebb_frame lost = {.signal = EBB_SIGNAL_LOST};
    ebb_tick_events ev;
    for (int i = 0; i < 30; i++) {
        ebb_session_tick(s, &ok, &ev);
    }
    assert_int_equal(ebb_session_elapsed_ms(s), 300);
    ebb_session_tick(s, &lost, &ev);
    assert_true(ev.signal_lost);
    assert_true(ebb_session_signal_lost(s));
    for (int i = 0; i < 50; i++) {
        ebb_session_tick(s, &lost, &ev);
        assert_false(ev.signal_lost); /* reported once */
    }
    assert_int_equal(ebb_session_elapsed_ms(s), 300);
    ebb_session_tick(s, &ok, &ev);
    assert_true(ev.signal_back);
    assert_int_equal(ebb_session_elapsed_ms(s), 310);
    ebb_session_destroy(s);
}

static void runner_scores_breathing_on_the_breath_channel(void **state)
{
    (void)state;
    ebb_step steps[1] = {
        test_step(EBB_STEP_BREATHE_IN, 1000, 0.4f, 1.0f, EBB_SCORE_IN_BAND),
    };
    ebb_level lv;
    test_level(&lv, steps, 1);
    ebb_session *s = ebb_session_create(&lv);
    ebb_frame f = ebb_frame_pf(0.0f); /* pelvic floor at rest ... */
    f.effort[EBB_CH_BREATH] = 0.8f;   /* ... while the breath channel rises */
    f.present |= 1u << EBB_CH_BREATH;
    ebb_tick_events ev;
    while (!ebb_session_finished(s)) {
        ebb_session_tick(s, &f, &ev);
    }
    const ebb_result *r = ebb_session_result(s);
    assert_float_equal(r->steps[0].in_band, 1.0f, 1e-6);
    ebb_session_destroy(s);
}

static uint32_t lcg(uint32_t *x)
{
    *x = *x * 1664525u + 1013904223u;
    return *x >> 8;
}

static void runner_is_deterministic(void **state)
{
    (void)state;
    ebb_step steps[4] = {
        test_step(EBB_STEP_REST, 2000, 0.0f, 0.2f, EBB_SCORE_IN_BAND | EBB_SCORE_STEADY),
        test_step(EBB_STEP_SQUEEZE, 3000, 0.4f, 0.8f, EBB_SCORE_IN_BAND),
        test_step(EBB_STEP_RELEASE, 3000, 0.0f, 0.2f, EBB_SCORE_RELEASE | EBB_SCORE_IN_BAND),
        test_step(EBB_STEP_FLICK, 2000, 0.6f, 1.0f, EBB_SCORE_PEAK),
    };
    ebb_level lv;
    test_level(&lv, steps, 4);
    ebb_result copies[2];
    ebb_step_result per_step[2][4];
    for (int run = 0; run < 2; run++) {
        ebb_session *s = ebb_session_create(&lv);
        uint32_t seed = 42;
        ebb_tick_events ev;
        while (!ebb_session_finished(s)) {
            ebb_frame f = ebb_frame_pf((float)(lcg(&seed) % 1000u) / 1000.0f);
            ebb_session_tick(s, &f, &ev);
        }
        copies[run] = *ebb_session_result(s);
        memcpy(per_step[run], copies[run].steps, sizeof per_step[run]);
        ebb_session_destroy(s);
    }
    assert_int_equal(copies[0].score, copies[1].score);
    assert_memory_equal(per_step[0], per_step[1], sizeof per_step[0]);
}

static void aborted_session_is_incomplete_and_keeps_what_was_played(void **state)
{
    (void)state;
    ebb_step steps[2] = {
        test_step(EBB_STEP_REST, 1000, 0.0f, 0.2f, EBB_SCORE_IN_BAND),
        test_step(EBB_STEP_REST, 1000, 0.0f, 0.2f, EBB_SCORE_IN_BAND),
    };
    ebb_level lv;
    test_level(&lv, steps, 2);
    ebb_session *s = ebb_session_create(&lv);
    ebb_frame f = ebb_frame_pf(0.05f);
    ebb_tick_events ev;
    for (int i = 0; i < 100; i++) {
        ebb_session_tick(s, &f, &ev);
    }
    ebb_session_abort(s);
    assert_true(ebb_session_finished(s));
    const ebb_result *r = ebb_session_result(s);
    assert_false(r->complete);
    assert_int_equal(r->duration_ms, 1000);
    assert_true(r->steps[0].reached);
    assert_float_equal(r->steps[0].score, 1.0f, 1e-6);
    assert_false(r->steps[1].reached);
    assert_int_equal(r->score, 50);
    ebb_session_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runner_counts_ticks_and_starts_steps_on_time),
        cmocka_unit_test(runner_holds_still_while_signal_is_lost),
        cmocka_unit_test(runner_scores_breathing_on_the_breath_channel),
        cmocka_unit_test(runner_is_deterministic),
        cmocka_unit_test(aborted_session_is_incomplete_and_keeps_what_was_played),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
