/* Scoring: step scores for each kind, level score weighting, stars, feedback lines. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/score.h"
#include "test_helpers.h"

/* Feeds effort(t) for each tick of a step and returns its result. */
static ebb_step_result run_step(const ebb_step *st, float (*effort)(uint32_t ms))
{
    ebb_step_acc acc;
    ebb_step_acc_reset(&acc);
    for (uint32_t ms = 0; ms < st->duration_ms; ms += 10) {
        ebb_step_acc_add(&acc, st, ms, effort(ms));
    }
    ebb_step_result r;
    ebb_step_result_make(&r, st, &acc, true);
    return r;
}

static float at_70(uint32_t ms) { (void)ms; return 0.7f; }
static float at_05(uint32_t ms) { (void)ms; return 0.05f; }
static float half_in(uint32_t ms) { return ms < 1000 ? 0.6f : 0.1f; }
static float release_1500(uint32_t ms) { return ms < 1500 ? 0.6f : 0.05f; }
static float release_300(uint32_t ms) { return ms < 300 ? 0.6f : 0.05f; }
static float flick_good(uint32_t ms) { return (ms >= 200 && ms < 600) ? 0.8f : 0.05f; }
static float flick_stuck(uint32_t ms) { return ms >= 200 ? 0.8f : 0.05f; }
static float flick_weak(uint32_t ms) { return ms >= 200 && ms < 600 ? 0.3f : 0.05f; }
static float rest_shaky(uint32_t ms) { return (ms / 10) % 2 ? 0.19f : 0.0f; }

static void squeeze_scores_time_in_band_after_grace(void **state)
{
    (void)state;
    ebb_step st = test_step(EBB_STEP_SQUEEZE, 2000, 0.4f, 0.8f, EBB_SCORE_IN_BAND);
    assert_float_equal(run_step(&st, at_70).score, 1.0f, 1e-6);
    assert_float_equal(run_step(&st, at_05).score, 0.0f, 1e-6);
    /* in band for the first second only */
    ebb_step_result r = run_step(&st, half_in);
    assert_float_equal(r.in_band, 0.5f, 1e-6);
    /* with a 500 ms grace the first half second does not count: 50 of 150 ticks */
    st.grace_ms = 500;
    r = run_step(&st, half_in);
    assert_float_equal(r.in_band, 50.0f / 150.0f, 1e-6);
}

static void release_scores_speed(void **state)
{
    (void)state;
    ebb_step st = test_step(EBB_STEP_RELEASE, 4000, 0.0f, 0.2f, EBB_SCORE_RELEASE);
    ebb_step_result fast = run_step(&st, release_300);
    ebb_step_result slow = run_step(&st, release_1500);
    ebb_step_result never = run_step(&st, at_70);
    assert_int_equal(fast.release_ms, 300);
    assert_float_equal(fast.score, 1.0f, 1e-6);
    assert_int_equal(slow.release_ms, 1500);
    /* 1.5 s lies 1.0 s into the 0.5..3.0 s slope: 1 - 1/2.5 */
    assert_float_equal(slow.score, 0.6f, 1e-5);
    assert_int_equal(never.release_ms, -1);
    assert_float_equal(never.score, 0.0f, 1e-6);
}

static void flick_must_rise_and_let_go(void **state)
{
    (void)state;
    ebb_step st = test_step(EBB_STEP_FLICK, 2000, 0.6f, 1.0f, EBB_SCORE_PEAK);
    ebb_step_result good = run_step(&st, flick_good);
    ebb_step_result stuck = run_step(&st, flick_stuck);
    ebb_step_result weak = run_step(&st, flick_weak);
    assert_true(good.flick_ok);
    assert_float_equal(good.score, 1.0f, 1e-6);
    assert_false(stuck.flick_ok);
    assert_float_equal(stuck.score, 0.6f, 1e-6);
    assert_false(weak.flick_ok);
    assert_float_equal(weak.score, 0.25f, 1e-5); /* half credit scaled by 0.3 / 0.6 */
}

static void rest_steadiness_counts(void **state)
{
    (void)state;
    ebb_step st = test_step(EBB_STEP_REST, 2000, 0.0f, 0.2f, EBB_SCORE_IN_BAND | EBB_SCORE_STEADY);
    ebb_step_result calm = run_step(&st, at_05);
    ebb_step_result shaky = run_step(&st, rest_shaky);
    assert_float_equal(calm.score, 1.0f, 1e-6);
    assert_float_equal(shaky.in_band, 1.0f, 1e-6);
    assert_true(shaky.sd > 0.09f);
    /* in band (weight 1) but not steady at all (weight 0.5) */
    assert_float_equal(shaky.score, 1.0f / 1.5f, 1e-5);
}

static void stars_follow_thresholds(void **state)
{
    (void)state;
    assert_int_equal(ebb_score_stars(0), 0);
    assert_int_equal(ebb_score_stars(39), 0);
    assert_int_equal(ebb_score_stars(40), 1);
    assert_int_equal(ebb_score_stars(64), 1);
    assert_int_equal(ebb_score_stars(65), 2);
    assert_int_equal(ebb_score_stars(84), 2);
    assert_int_equal(ebb_score_stars(85), 3);
    assert_int_equal(ebb_score_stars(100), 3);
}

static void level_score_is_duration_weighted_with_a_floor(void **state)
{
    (void)state;
    ebb_step steps[3] = {
        test_step(EBB_STEP_SQUEEZE, 6000, 0.4f, 0.8f, EBB_SCORE_IN_BAND),
        test_step(EBB_STEP_FLICK, 1000, 0.6f, 1.0f, EBB_SCORE_PEAK),
        test_step(EBB_STEP_REST, 2000, 0.0f, 0.2f, EBB_SCORE_IN_BAND),
    };
    ebb_level lv;
    test_level(&lv, steps, 3);
    ebb_step_result res[3] = {0};
    for (int i = 0; i < 3; i++) {
        res[i].kind = steps[i].kind;
        res[i].duration_ms = steps[i].duration_ms;
        res[i].reached = true;
        res[i].mean = res[i].sd = NAN;
        res[i].release_ms = -1;
    }
    res[0].score = 1.0f;
    res[1].score = 0.0f; /* 1 s flick weighs as 2 s */
    res[2].score = 0.5f;
    ebb_result r = {.level = &lv, .complete = true, .steps = res, .step_count = 3};
    ebb_result_summarise(&r);
    /* (6*1 + 2*0 + 2*0.5) / 10 = 0.7 */
    assert_int_equal(r.score, 70);
    assert_int_equal(r.stars, 2);
    assert_int_equal(r.flicks_total, 1);
    assert_int_equal(r.flicks_ok, 0);
    assert_true(r.feedback_count >= 2);
    assert_string_equal(r.feedback[0], "Good session: you followed the level well.");
}

static void feedback_names_release_time_kindly(void **state)
{
    (void)state;
    ebb_step steps[1] = {test_step(EBB_STEP_RELEASE, 4000, 0.0f, 0.2f,
                                   EBB_SCORE_RELEASE | EBB_SCORE_IN_BAND)};
    ebb_level lv;
    test_level(&lv, steps, 1);
    ebb_step_result res = run_step(&steps[0], release_1500);
    ebb_result r = {.level = &lv, .complete = true, .steps = &res, .step_count = 1};
    ebb_result_summarise(&r);
    assert_int_equal(r.release_mean_ms, 1500);
    int found = 0;
    for (size_t i = 0; i < r.feedback_count; i++) {
        if (strcmp(r.feedback[i], "You let go in about 1.5 s on average. A slow breath out "
                                  "helps it come sooner.") == 0) {
            found = 1;
        }
    }
    assert_true(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(squeeze_scores_time_in_band_after_grace),
        cmocka_unit_test(release_scores_speed),
        cmocka_unit_test(flick_must_rise_and_let_go),
        cmocka_unit_test(rest_steadiness_counts),
        cmocka_unit_test(stars_follow_thresholds),
        cmocka_unit_test(level_score_is_duration_weighted_with_a_floor),
        cmocka_unit_test(feedback_names_release_time_kindly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
