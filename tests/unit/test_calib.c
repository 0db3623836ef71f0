/* Calibration: default ranges, raw -> effort, and the guided rest + three squeezes run. */
#include <math.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/calib_run.h"

static void effort_maps_rest_to_zero_and_mvc_to_one(void **state)
{
    (void)state;
    ebb_calib c = {EBB_UNIT_UV, 4.0f, 44.0f};
    assert_float_equal(ebb_calib_effort(&c, 4.0f), 0.0f, 1e-6);
    assert_float_equal(ebb_calib_effort(&c, 24.0f), 0.5f, 1e-6);
    assert_float_equal(ebb_calib_effort(&c, 44.0f), 1.0f, 1e-6);
    assert_float_equal(ebb_calib_effort(&c, 100.0f), 1.0f, 1e-6); /* clamped */
    assert_float_equal(ebb_calib_effort(&c, 1.0f), 0.0f, 1e-6);
    assert_float_equal(ebb_calib_effort(&c, NAN), 0.0f, 1e-6);
    ebb_calib d = ebb_calib_default(EBB_UNIT_UV);
    assert_float_equal(d.rest, 2.0f, 1e-6);
    assert_float_equal(d.mvc, 60.0f, 1e-6);
    ebb_unit u;
    assert_true(ebb_unit_parse("\xc2\xb5V", &u));
    assert_int_equal(u, EBB_UNIT_UV);
    assert_true(ebb_unit_parse("cmH2O", &u));
    assert_int_equal(u, EBB_UNIT_CMH2O);
    assert_false(ebb_unit_parse("psi", &u));
}

/* A person: rest at `rest` with a small wobble, squeezes reaching peaks[k]. */
static void run_person(ebb_calib_run *run, float rest, const float *peaks, float spike)
{
    uint32_t tick = 0;
    while (ebb_calib_run_phase(run) != EBB_CALIB_PHASE_DONE) {
        float v = rest + 0.2f * (float)((int)(tick % 7u) - 3) / 3.0f;
        const int k = ebb_calib_run_squeeze_index(run);
        if (k > 0 && ebb_calib_run_phase_left_ms(run) < 4500u) {
            v = peaks[k - 1];
        }
        if (tick == 2500u) {
            v = spike; /* one knock on the cable during rest between squeezes */
        }
        ebb_calib_run_tick(run, v);
        tick++;
    }
    assert_int_equal(tick * 10u, ebb_calib_run_total_ms());
}

static void run_finds_rest_and_best_squeeze(void **state)
{
    (void)state;
    ebb_calib_run run;
    ebb_calib_run_init(&run, EBB_UNIT_UV);
    assert_int_equal(ebb_calib_run_phase(&run), EBB_CALIB_PHASE_REST);
    assert_string_equal(ebb_calib_run_caption(&run), "Rest quietly and let everything go soft");
    const float peaks[3] = {40.0f, 52.0f, 47.0f};
    run_person(&run, 3.0f, peaks, 500.0f);
    ebb_calib_result r;
    ebb_calib_run_result(&run, &r);
    assert_int_equal(r.status, EBB_CALIB_OK);
    assert_float_equal(r.calib.rest, 3.0f, 0.05);
    assert_true(r.rest_sd > 0.05f && r.rest_sd < 0.3f);
    /* best of three, and the 500 uV spike between squeezes is not a maximum */
    assert_float_equal(r.calib.mvc, 52.0f, 1e-4);
    assert_float_equal(r.squeezes[0], 40.0f, 1e-4);
    assert_int_equal(r.calib.unit, EBB_UNIT_UV);
}

static void run_refuses_when_squeezes_do_not_stand_out(void **state)
{
    (void)state;
    ebb_calib_run run;
    ebb_calib_run_init(&run, EBB_UNIT_UV);
    const float peaks[3] = {3.1f, 3.0f, 3.2f};
    run_person(&run, 3.0f, peaks, 3.0f);
    ebb_calib_result r;
    ebb_calib_run_result(&run, &r);
    assert_int_equal(r.status, EBB_CALIB_NO_DIFFERENCE);
    assert_non_null(strstr(r.message, "nothing was saved"));
}

static void phases_follow_the_plan(void **state)
{
    (void)state;
    ebb_calib_run run;
    ebb_calib_run_init(&run, EBB_UNIT_NONE);
    for (int i = 0; i < 2000; i++) {
        ebb_calib_run_tick(&run, 0.1f);
    }
    assert_int_equal(ebb_calib_run_phase(&run), EBB_CALIB_PHASE_SQUEEZE);
    assert_int_equal(ebb_calib_run_squeeze_index(&run), 1);
    assert_int_equal(ebb_calib_run_phase_left_ms(&run), 5000);
    for (int i = 0; i < 500; i++) {
        ebb_calib_run_tick(&run, 0.1f);
    }
    assert_int_equal(ebb_calib_run_phase(&run), EBB_CALIB_PHASE_BETWEEN);
    assert_int_equal(ebb_calib_run_squeeze_index(&run), 0);
    assert_string_equal(ebb_calib_run_caption(&run), "Let go and rest");
}

static void pressure_rest_drift_is_re_zeroed_during_quiet_rest(void **state)
{
    (void)state;
    ebb_calib c = {EBB_UNIT_CMH2O, 0.0f, 40.0f};
    ebb_calib_drift d;
    ebb_calib_drift_init(&d, &c);
    /* The probe warms up: rest now reads 2 cmH2O (effort 0.05) */
    float e = 0.0f;
    for (int i = 0; i < 500; i++) { /* 5 s: too soon to re-zero */
        e = ebb_calib_drift_effort(&d, &c, 2.0f);
    }
    assert_float_equal(e, 0.05f, 1e-4);
    for (int i = 0; i < 4000; i++) { /* 40 s of quiet rest */
        e = ebb_calib_drift_effort(&d, &c, 2.0f);
    }
    assert_true(e < 0.005f);
    assert_float_equal(c.rest, 2.0f, 0.05);
    assert_float_equal(c.mvc - c.rest, 40.0f, 1e-3); /* the person's range is kept */
    /* a squeeze is measured from the new rest */
    assert_float_equal(ebb_calib_drift_effort(&d, &c, 22.0f), 0.5f, 0.01);
    /* a creeping offset is followed only up to a fifth of the range from the calibration */
    ebb_calib big = {EBB_UNIT_CMH2O, 0.0f, 40.0f};
    ebb_calib_drift db;
    ebb_calib_drift_init(&db, &big);
    const float steps[4] = {3.9f, 7.8f, 11.7f, 15.6f}; /* each just under the quiet line */
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < 20000; i++) {
            ebb_calib_drift_effort(&db, &big, steps[k]);
        }
    }
    assert_float_equal(big.rest, 8.0f, 1e-3);
}

static void emg_is_not_re_zeroed(void **state)
{
    (void)state;
    ebb_calib c = {EBB_UNIT_UV, 2.0f, 60.0f};
    ebb_calib_drift d;
    ebb_calib_drift_init(&d, &c);
    for (int i = 0; i < 5000; i++) {
        ebb_calib_drift_effort(&d, &c, 5.0f);
    }
    assert_float_equal(c.rest, 2.0f, 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(effort_maps_rest_to_zero_and_mvc_to_one),
        cmocka_unit_test(run_finds_rest_and_best_squeeze),
        cmocka_unit_test(run_refuses_when_squeezes_do_not_stand_out),
        cmocka_unit_test(phases_follow_the_plan),
        cmocka_unit_test(pressure_rest_drift_is_re_zeroed_during_quiet_rest),
        cmocka_unit_test(emg_is_not_re_zeroed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
