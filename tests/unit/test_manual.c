/* Manual input: Space gives a realistic ramp, not a jump; arrows give fine control. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/frame.h"
#include "core/manual.h"

static int ticks_until(ebb_manual *m, const ebb_manual_input *in, float level, int rising)
{
    for (int t = 1; t < 1000; t++) {
        float e = ebb_manual_tick(m, in);
        if (rising ? e >= level : e <= level) {
            return t;
        }
    }
    return -1;
}

static void space_ramps_up_like_a_squeeze(void **state)
{
    (void)state;
    ebb_manual m;
    ebb_manual_init(&m);
    ebb_manual_input in = {.squeeze = true};
    float first = ebb_manual_tick(&m, &in);
    assert_true(first > 0.0f);
    assert_true(first < 0.05f); /* not a jump */
    ebb_manual_init(&m);
    const float hold = EBB_MANUAL_HOLD_DEFAULT;
    int t10 = ticks_until(&m, &in, 0.1f * hold, 1);
    int t90 = ticks_until(&m, &in, 0.9f * hold, 1) + t10;
    int rise_ms = (t90 - t10) * EBB_TICK_MS;
    /* 10-90 % of a first-order rise is tau * ln 9 = 0.25 * 2.197 = 549 ms */
    assert_in_range(rise_ms, 520, 580);
    for (int i = 0; i < 300; i++) {
        ebb_manual_tick(&m, &in);
    }
    assert_float_equal(m.effort, hold, 1e-3);
}

static void letting_go_falls_back_to_rest(void **state)
{
    (void)state;
    ebb_manual m;
    ebb_manual_init(&m);
    m.effort = 0.7f;
    ebb_manual_input in = {0};
    int t = ticks_until(&m, &in, 0.07f, 0);
    /* to 10 % of the start takes tau * ln 10 = 0.30 * 2.30 = 691 ms */
    assert_in_range(t * EBB_TICK_MS, 660, 720);
}

static void arrows_move_hold_level_and_base(void **state)
{
    (void)state;
    ebb_manual m;
    ebb_manual_init(&m);
    ebb_manual_input up = {.up = true};
    for (int i = 0; i < 50; i++) { /* 0.5 s of Up: base to 0.2 */
        ebb_manual_tick(&m, &up);
    }
    assert_float_equal(m.base_level, 0.2f, 1e-4);
    assert_true(m.effort > 0.05f && m.effort < 0.2f); /* follows, a little behind */
    ebb_manual_input squeeze_down = {.squeeze = true, .down = true};
    for (int i = 0; i < 25; i++) { /* 0.25 s: hold level 0.7 -> 0.6 */
        ebb_manual_tick(&m, &squeeze_down);
    }
    assert_float_equal(m.hold_level, 0.6f, 1e-4);
    assert_float_equal(m.base_level, 0.2f, 1e-4);
    /* the hold level never goes below 0.1 so Space always does something */
    for (int i = 0; i < 500; i++) {
        ebb_manual_tick(&m, &squeeze_down);
    }
    assert_float_equal(m.hold_level, 0.1f, 1e-6);
}

static void analog_input_is_followed_closely(void **state)
{
    (void)state;
    ebb_manual m;
    ebb_manual_init(&m);
    ebb_manual_input in = {.analog_active = true, .analog = 0.5f};
    int t = ticks_until(&m, &in, 0.45f, 1);
    assert_in_range(t * EBB_TICK_MS, 150, 220); /* tau 0.08 * ln 10 = 184 ms */
    in.analog = 7.0f; /* out of range is clamped */
    for (int i = 0; i < 200; i++) {
        ebb_manual_tick(&m, &in);
    }
    assert_float_equal(m.effort, 1.0f, 1e-3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(space_ramps_up_like_a_squeeze),
        cmocka_unit_test(letting_go_falls_back_to_rest),
        cmocka_unit_test(arrows_move_hold_level_and_base),
        cmocka_unit_test(analog_input_is_followed_closely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
