/* "Lift, don't push" detection (engine/core/strain.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/strain.h"

static ebb_frame two(float pf, float abd)
{
    ebb_frame f = ebb_frame_pf(pf);
    f.effort[EBB_CH_ABD] = abd;
    f.present |= (uint8_t)(1u << EBB_CH_ABD);
    return f;
}

/* Ticks of 10 ms; returns whether the hint showed after `ticks`. */
static bool run(ebb_strain *s, ebb_frame f, bool watched, int ticks)
{
    bool on = false;
    for (int i = 0; i < ticks; i++) {
        on = ebb_strain_tick(s, &f, watched, 0.01f);
    }
    return on;
}

static void pushing_shows_after_half_a_second(void **state)
{
    (void)state;
    ebb_strain s;
    ebb_strain_init(&s);
    assert_false(run(&s, two(0.5f, 0.5f), true, 45));
    assert_true(run(&s, two(0.5f, 0.5f), true, 10));
}

static void lifting_alone_never_shows(void **state)
{
    (void)state;
    ebb_strain s;
    ebb_strain_init(&s);
    /* belly a little active but well under the pelvic floor */
    assert_false(run(&s, two(0.8f, 0.4f), true, 300));
    /* belly quiet */
    assert_false(run(&s, two(0.5f, 0.1f), true, 300));
}

static void no_abd_channel_never_shows(void **state)
{
    (void)state;
    ebb_strain s;
    ebb_strain_init(&s);
    ebb_frame f = ebb_frame_pf(0.5f);
    f.effort[EBB_CH_ABD] = 0.9f; /* not present: ignored */
    assert_false(run(&s, f, true, 300));
}

static void only_during_squeezes(void **state)
{
    (void)state;
    ebb_strain s;
    ebb_strain_init(&s);
    assert_false(run(&s, two(0.1f, 0.6f), false, 300));
    assert_true(ebb_strain_step_watched(EBB_STEP_SQUEEZE));
    assert_true(ebb_strain_step_watched(EBB_STEP_FLICK));
    assert_false(ebb_strain_step_watched(EBB_STEP_REST));
    assert_false(ebb_strain_step_watched(EBB_STEP_BREATHE_IN));
}

static void a_break_restarts_the_count(void **state)
{
    (void)state;
    ebb_strain s;
    ebb_strain_init(&s);
    assert_false(run(&s, two(0.5f, 0.5f), true, 40));
    assert_false(run(&s, two(0.5f, 0.1f), true, 1));
    assert_false(run(&s, two(0.5f, 0.5f), true, 40));
}

static void stays_up_then_fades(void **state)
{
    (void)state;
    ebb_strain s;
    ebb_strain_init(&s);
    assert_true(run(&s, two(0.5f, 0.5f), true, 60));
    assert_true(run(&s, two(0.5f, 0.0f), true, 250)); /* 2.5 s later: still up */
    assert_false(run(&s, two(0.5f, 0.0f), true, 60)); /* past 3 s: gone */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pushing_shows_after_half_a_second),
        cmocka_unit_test(lifting_alone_never_shows),
        cmocka_unit_test(no_abd_channel_never_shows),
        cmocka_unit_test(only_during_squeezes),
        cmocka_unit_test(a_break_restarts_the_count),
        cmocka_unit_test(stays_up_then_fades),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
