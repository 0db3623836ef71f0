/* The simulated person: deterministic, and the profiles show what they claim to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/session.h"
#include "core/sim.h"
#include "test_helpers.h"

/* Squeeze, then let go, five times: the shape of a lengthening level. */
static void make_level(ebb_level *lv, ebb_step *steps)
{
    for (int i = 0; i < 5; i++) {
        steps[2 * i] = test_step(EBB_STEP_SQUEEZE, 3000, 0.25f, 0.5f, EBB_SCORE_IN_BAND);
        steps[2 * i + 1] = test_step(EBB_STEP_RELEASE, 8000, 0.0f, 0.15f,
                                     EBB_SCORE_RELEASE | EBB_SCORE_IN_BAND);
    }
    test_level(lv, steps, 10);
}

static ebb_result play(const ebb_level *lv, ebb_sim_profile profile, ebb_step_result *copy)
{
    ebb_sim sim;
    ebb_sim_init(&sim, profile, 7u);
    ebb_session *s = ebb_session_create(lv);
    ebb_tick_events ev;
    for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
        ebb_frame f = ebb_sim_tick(&sim, lv, ms);
        ebb_session_tick(s, &f, &ev);
    }
    ebb_result r = *ebb_session_result(s);
    memcpy(copy, r.steps, r.step_count * sizeof *copy);
    r.steps = copy;
    ebb_session_destroy(s);
    return r;
}

static void overactive_rests_higher_and_lets_go_slower(void **state)
{
    (void)state;
    ebb_step steps[10];
    ebb_level lv;
    make_level(&lv, steps);
    ebb_step_result a[10], b[10];
    ebb_result relaxed = play(&lv, EBB_SIM_RELAXED, a);
    ebb_result over = play(&lv, EBB_SIM_OVERACTIVE, b);
    assert_true(relaxed.rest_mean < 0.08f);
    assert_true(over.rest_mean > 0.12f);
    assert_true(relaxed.release_mean_ms >= 0 && relaxed.release_mean_ms < 900);
    assert_true(over.release_mean_ms < 0 || over.release_mean_ms > 1500);
    assert_true(relaxed.score > over.score + 25);
}

static void weak_cannot_reach_high_bands(void **state)
{
    (void)state;
    ebb_step steps[1] = {test_step(EBB_STEP_SQUEEZE, 5000, 0.5f, 0.9f, EBB_SCORE_IN_BAND)};
    ebb_level lv;
    test_level(&lv, steps, 1);
    ebb_step_result a[1], b[1];
    ebb_result relaxed = play(&lv, EBB_SIM_RELAXED, a);
    ebb_result weak = play(&lv, EBB_SIM_WEAK, b);
    assert_true(relaxed.steps[0].in_band > 0.8f);
    assert_true(weak.steps[0].in_band < 0.1f);
    assert_true(weak.steps[0].peak < 0.5f);
}

static void same_seed_same_frames(void **state)
{
    (void)state;
    ebb_sim x, y;
    ebb_sim_init(&x, EBB_SIM_FATIGUE, 3u);
    ebb_sim_init(&y, EBB_SIM_FATIGUE, 3u);
    for (uint32_t ms = 0; ms < 20000; ms += EBB_TICK_MS) {
        ebb_frame fx = ebb_sim_tick(&x, NULL, ms);
        ebb_frame fy = ebb_sim_tick(&y, NULL, ms);
        assert_memory_equal(&fx, &fy, sizeof fx);
        assert_true(fx.effort[EBB_CH_PF] >= 0.0f && fx.effort[EBB_CH_PF] <= 1.0f);
    }
}

static void profiles_have_names(void **state)
{
    (void)state;
    ebb_sim_profile p;
    assert_true(ebb_sim_profile_parse("overactive", &p));
    assert_int_equal(p, EBB_SIM_OVERACTIVE);
    assert_string_equal(ebb_sim_profile_name(EBB_SIM_WEAK), "weak");
    assert_false(ebb_sim_profile_parse("sleepy", &p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overactive_rests_higher_and_lets_go_slower),
        cmocka_unit_test(weak_cannot_reach_high_bands),
        cmocka_unit_test(same_seed_same_frames),
        cmocka_unit_test(profiles_have_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
