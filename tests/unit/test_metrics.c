/* Metrics against ground truth: synthetic signals whose onsets, plateaus and release times
 * are known, each metric checked within a stated tolerance (docs/metrics.md says why).
 *
 * Tolerances:
 *   TOL_TICK  10 ms  one tick: the trace is sampled every EBB_TICK_MS, so an edge that falls
 *                    between two ticks is seen at the next one.
 *   TOL_EDGE  20 ms  two ticks: a time between two detected edges (each off by up to a tick).
 *   TOL_NOISY 40 ms  with +-0.01 noise on a 0.6 swing a threshold crossing can move by a tick
 *                    or two more.
 * "Leaving rest" is defined as crossing base + EBB_METRICS_ONSET_MARGIN (3 % of MVC), so the
 * true onset of a linear rise is its start plus the time it takes to climb that margin.
 *   Levels (means, SD, peaks) are exact up to float rounding: 1e-4. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/frame.h"
#include "core/metrics.h"
#include "core/score.h"
#include "test_helpers.h"

#define TOL_TICK 10.0
#define TOL_EDGE 20.0
#define TOL_NOISY 40.0
#define TOL_LEVEL 1e-4

/* Checks |got - want| <= tol and prints both on failure, with the case's name. */
#define CHECK_NEAR(name, what, got, want, tol)                                               \
    do {                                                                                      \
        const double g_ = (double)(got), w_ = (double)(want);                                 \
        if (!(fabs(g_ - w_) <= (tol))) {                                                      \
            print_error("%s: %s = %.4f, expected %.4f +- %.4f\n", (name), (what), g_, w_,   \
                        (double)(tol));                                                       \
            fail();                                                                           \
        }                                                                                     \
    } while (0)

/* ---- synthetic signals ---------------------------------------------------------------- */

/* Piecewise linear value at t (ms) through points (t0,v0) (t1,v1)...; flat outside. */
static float pwl(const double *pts, size_t n, double t)
{
    if (t <= pts[0]) {
        return (float)pts[1];
    }
    for (size_t i = 0; i + 1 < n; i++) {
        const double t0 = pts[2 * i], v0 = pts[2 * i + 1], t1 = pts[2 * i + 2], v1 = pts[2 * i + 3];
        if (t <= t1) {
            return (float)(t1 > t0 ? v0 + (v1 - v0) * (t - t0) / (t1 - t0) : v1);
        }
    }
    return (float)pts[2 * n - 1];
}

static uint32_t noise_seed = 1u;
static float noise(float amp)
{
    noise_seed = noise_seed * 1664525u + 1013904223u;
    return amp * ((float)(noise_seed >> 8) / 8388608.0f - 1.0f);
}

typedef struct trace_buf {
    float pf[8000], unit[8000], breath[8000];
    ebb_metrics_trace tr;
} trace_buf;

static void trace_fill(trace_buf *b, size_t ticks, const double *pts, size_t n, float amp)
{
    noise_seed = 7u;
    for (size_t k = 0; k < ticks; k++) {
        b->pf[k] = pwl(pts, n, (double)k * EBB_TICK_MS) + (amp > 0.0f ? noise(amp) : 0.0f);
        b->unit[k] = 2.0f + 50.0f * b->pf[k]; /* a µV probe: rest 2, MVC 52 */
        b->breath[k] = NAN;
    }
    b->tr = (ebb_metrics_trace){.pf = b->pf, .pf_unit = b->unit, .ticks = ticks,
                                .unit = EBB_UNIT_UV};
}

/* ---- squeeze reps ---------------------------------------------------------------------- */

/* Level: rest 2 s below 15 %, squeeze 4 s band 40..80 %, release 4 s below 15 %. The person
 * rests at `base`, leaves rest at 2000 + onset, rises linearly over `rise` ms to `plateau`,
 * holds, lets go `delay` ms after the squeeze ends and falls linearly over `fall` ms. */
typedef struct squeeze_case {
    const char *name;
    double base, plateau, onset, rise, delay, fall;
    float noise;
} squeeze_case;

static const squeeze_case squeeze_cases[] = {
    {"quick and clean", 0.05, 0.65, 300, 200, 0, 200, 0.0f},
    {"slow rise", 0.05, 0.65, 500, 1200, 0, 300, 0.0f},
    {"late, slow release", 0.10, 0.70, 250, 300, 400, 2500, 0.0f},
    {"low plateau", 0.05, 0.45, 300, 400, 100, 600, 0.0f},
    {"noisy", 0.05, 0.65, 300, 300, 0, 800, 0.01f},
};

static void squeeze_level(ebb_level *lv, ebb_step *st)
{
    st[0] = test_step(EBB_STEP_REST, 2000, 0.0f, 0.15f, EBB_SCORE_IN_BAND);
    st[1] = test_step(EBB_STEP_SQUEEZE, 4000, 0.4f, 0.8f, EBB_SCORE_IN_BAND);
    st[2] = test_step(EBB_STEP_RELEASE, 4000, 0.0f, 0.15f, EBB_SCORE_RELEASE);
    test_level(lv, st, 3);
}

static void squeeze_reps_match_ground_truth(void **state)
{
    (void)state;
    ebb_step st[3];
    ebb_level lv;
    squeeze_level(&lv, st);
    static trace_buf b;
    for (size_t c = 0; c < sizeof squeeze_cases / sizeof squeeze_cases[0]; c++) {
        const squeeze_case *k = &squeeze_cases[c];
        const double on = 2000 + k->onset, top = on + k->rise, end = 6000 + k->delay;
        const double pts[] = {0, k->base, on, k->base, top, k->plateau, end, k->plateau,
                              end + k->fall, k->base, 10000, k->base};
        trace_fill(&b, 1000, pts, 6, k->noise);
        ebb_metrics_rep r;
        ebb_metrics_rep_compute(&lv, 1, &b.tr, &r);
        const double tol = k->noise > 0.0f ? TOL_NOISY : TOL_EDGE;
        const double swing = k->plateau - k->base;
        /* Ground truth from the signal's own shape, not from the code under test. */
        const double lo_cross = (0.4 - EBB_BAND_TOLERANCE - k->base) / swing; /* share of rise */
        const double want_above = 4000 - (k->onset + (lo_cross > 0 ? lo_cross : 0) * k->rise);
        const double ceiling = 0.15 + EBB_BAND_TOLERANCE;
        const double want_release = k->delay + k->fall * (k->plateau - ceiling) / swing;
        assert_true(r.is_rep && r.played);
        CHECK_NEAR(k->name, "peak", r.peak, k->plateau, TOL_LEVEL + k->noise);
        CHECK_NEAR(k->name, "peak_unit", r.peak_unit, 2.0 + 50.0 * k->plateau, 0.01 + 50 * k->noise);
        CHECK_NEAR(k->name, "base", r.base, k->base, TOL_LEVEL + k->noise);
        /* Leaving rest is crossing base + EBB_METRICS_ONSET_MARGIN on the way up. */
        const double margin = EBB_METRICS_ONSET_MARGIN / swing * k->rise;
        CHECK_NEAR(k->name, "onset_ms", r.onset_ms, k->onset + margin, tol);
        CHECK_NEAR(k->name, "recruit_ms", r.recruit_ms, 0.9 * k->rise - margin, tol);
        CHECK_NEAR(k->name, "release_ms", r.release_ms, want_release, tol);
        CHECK_NEAR(k->name, "above_ms", r.above_ms, want_above, tol);
        CHECK_NEAR(k->name, "longest_above_ms", r.longest_above_ms, want_above, tol);
        if (k->plateau <= 0.8 + EBB_BAND_TOLERANCE) {
            CHECK_NEAR(k->name, "in_band_ms", r.in_band_ms, want_above, tol);
        }
        assert_true(r.reached);
        assert_int_equal(r.rise_ms, -1); /* rise and fall are for flicks */
    }
}

/* A squeeze that never reaches the band, and one whose release is not played yet. */
static void squeeze_rep_not_reached_and_not_yet_released(void **state)
{
    (void)state;
    ebb_step st[3];
    ebb_level lv;
    squeeze_level(&lv, st);
    static trace_buf b;
    const double weak[] = {0, 0.05, 2300, 0.05, 2800, 0.25, 6000, 0.25, 6300, 0.05};
    trace_fill(&b, 1000, weak, 5, 0.0f);
    ebb_metrics_rep r;
    ebb_metrics_rep_compute(&lv, 1, &b.tr, &r);
    assert_false(r.reached);
    assert_int_equal(r.above_ms, 0);
    CHECK_NEAR("weak", "peak", r.peak, 0.25, TOL_LEVEL);
    /* It rose, so it has an onset and a recruitment time even though it stayed low. */
    CHECK_NEAR("weak", "recruit_ms", r.recruit_ms, (0.18 - EBB_METRICS_ONSET_MARGIN) / 0.2 * 500,
               TOL_EDGE);

    const double held[] = {0, 0.05, 2300, 0.05, 2500, 0.65, 9000, 0.65};
    trace_fill(&b, 650, held, 4, 0.0f); /* 0.5 s into the release step, still squeezing */
    ebb_metrics_rep_compute(&lv, 1, &b.tr, &r);
    assert_int_equal(r.release_ms, -1);
    b.tr.ticks = 100; /* only the rest step played: the rep was not reached */
    ebb_metrics_rep_compute(&lv, 1, &b.tr, &r);
    assert_false(r.played);
}

/* ---- flicks ---------------------------------------------------------------------------- */

typedef struct flick_case {
    const char *name;
    double base, peak, onset, rise, hold, fall;
    bool reached;
} flick_case;

static const flick_case flick_cases[] = {
    {"sharp", 0.05, 0.85, 200, 150, 50, 200, true},
    {"slow fall", 0.05, 0.80, 300, 200, 100, 900, true},
    {"too slow to let go", 0.05, 0.80, 300, 300, 800, 2000, false},
    {"raised rest", 0.18, 0.75, 250, 200, 0, 400, true},
};

static void flick_reps_match_ground_truth(void **state)
{
    (void)state;
    ebb_step st[3];
    st[0] = test_step(EBB_STEP_REST, 2000, 0.0f, 0.2f, EBB_SCORE_IN_BAND);
    st[1] = test_step(EBB_STEP_FLICK, 2000, 0.6f, 1.0f, EBB_SCORE_PEAK);
    st[2] = test_step(EBB_STEP_REST, 4000, 0.0f, 0.2f, EBB_SCORE_IN_BAND);
    ebb_level lv;
    test_level(&lv, st, 3);
    static trace_buf b;
    for (size_t c = 0; c < sizeof flick_cases / sizeof flick_cases[0]; c++) {
        const flick_case *k = &flick_cases[c];
        const double on = 2000 + k->onset, top = on + k->rise, down = top + k->hold;
        const double pts[] = {0, k->base, on, k->base, top, k->peak, down, k->peak,
                              down + k->fall, k->base, 8000, k->base};
        trace_fill(&b, 800, pts, 6, 0.0f);
        ebb_metrics_rep r;
        ebb_metrics_rep_compute(&lv, 1, &b.tr, &r);
        const double swing = k->peak - k->base;
        CHECK_NEAR(k->name, "peak", r.peak, k->peak, TOL_LEVEL);
        CHECK_NEAR(k->name, "onset_ms", r.onset_ms,
                   k->onset + EBB_METRICS_ONSET_MARGIN / swing * k->rise, TOL_EDGE);
        CHECK_NEAR(k->name, "rise_ms (10-90 %)", r.rise_ms, 0.8 * k->rise, TOL_EDGE);
        CHECK_NEAR(k->name, "fall_ms (90-10 %)", r.fall_ms, 0.8 * k->fall, TOL_EDGE);
        /* Release: from the peak (its first tick) to below the flick's relax level. */
        const double want_release = k->hold + k->fall * (k->peak - EBB_FLICK_RELAX_LEVEL) / swing;
        CHECK_NEAR(k->name, "release_ms", r.release_ms, want_release, TOL_EDGE);
        if (r.reached != k->reached) {
            print_error("%s: reached = %d, expected %d\n", k->name, r.reached, k->reached);
            fail();
        }
    }
}

/* ---- level metrics --------------------------------------------------------------------- */

static void rest_mean_sd_cv_are_exact(void **state)
{
    (void)state;
    ebb_step st[1] = {test_step(EBB_STEP_REST, 10000, 0.0f, 0.2f, EBB_SCORE_STEADY)};
    ebb_level lv;
    test_level(&lv, st, 1);
    static trace_buf b;
    trace_fill(&b, 1000, (const double[]){0, 0}, 1, 0.0f);
    for (size_t k = 0; k < 1000; k++) { /* a square wave 0.08 +- 0.02 */
        b.pf[k] = (k % 2) ? 0.10f : 0.06f;
        b.unit[k] = 2.0f + 50.0f * b.pf[k];
    }
    ebb_metrics_rep reps[1];
    ebb_metrics_rep_compute(&lv, 0, &b.tr, &reps[0]);
    ebb_metrics_level m;
    ebb_metrics_level_compute(&lv, &b.tr, reps, &m);
    CHECK_NEAR("square", "rest.mean", m.rest.mean, 0.08, TOL_LEVEL);
    CHECK_NEAR("square", "rest.sd", m.rest.sd, 0.02, TOL_LEVEL);
    CHECK_NEAR("square", "rest.cv", m.rest.cv, 0.25, TOL_LEVEL);
    CHECK_NEAR("square", "rest.mean_unit (uV)", m.rest.mean_unit, 6.0, 1e-3);
    CHECK_NEAR("square", "rest.sd_unit (uV)", m.rest.sd_unit, 1.0, 1e-3);
    CHECK_NEAR("square", "rest.cv_unit", m.rest.cv_unit, 1.0 / 6.0, 1e-3);
    CHECK_NEAR("square", "rest.ms", m.rest.ms, 10000, 0);
    CHECK_NEAR("square", "time_in_band", m.time_in_band, 1.0, TOL_LEVEL);
    assert_int_equal(m.unit, EBB_UNIT_UV);
    /* Uncalibrated: no unit values. */
    b.tr.pf_unit = NULL;
    ebb_metrics_level_compute(&lv, &b.tr, reps, &m);
    assert_true(isnan(m.rest.mean_unit) && isnan(m.rest.cv_unit));
    assert_int_equal(m.unit, EBB_UNIT_NONE);
}

static void time_in_band_tracking_and_endurance(void **state)
{
    (void)state;
    ebb_step st[3];
    st[0] = test_step(EBB_STEP_REST, 10000, 0.0f, 0.15f, EBB_SCORE_IN_BAND);
    st[1] = test_step(EBB_STEP_SQUEEZE, 10000, 0.4f, 0.6f, EBB_SCORE_IN_BAND);
    st[2] = test_step(EBB_STEP_SQUEEZE, 12000, 0.4f, 0.6f, EBB_SCORE_IN_BAND);
    ebb_level lv;
    test_level(&lv, st, 3);
    static trace_buf b;
    trace_fill(&b, 3200, (const double[]){0, 0}, 1, 0.0f);
    for (size_t k = 0; k < 3200; k++) {
        const size_t ms = k * 10;
        if (ms < 10000) {
            b.pf[k] = ms < 3000 ? 0.30f : 0.05f;                /* rest: 70 % in band */
        } else if (ms < 20000) {
            b.pf[k] = 0.25f;                                    /* 0.12 below band - tolerance */
        } else {
            const size_t t = ms - 20000; /* above 1-5 s, dip 0.1 s, above to 7 s, off 0.5 s, on */
            const bool up = (t >= 1000 && t < 5000) || (t >= 5100 && t < 7000) || t >= 7500;
            b.pf[k] = up ? 0.5f : 0.1f;
        }
    }
    ebb_metrics_rep reps[3];
    for (size_t i = 0; i < 3; i++) {
        ebb_metrics_rep_compute(&lv, i, &b.tr, &reps[i]);
    }
    ebb_metrics_level m;
    ebb_metrics_level_compute(&lv, &b.tr, reps, &m);
    /* In band: 7 s of rest + 0 s of step 1 + 10.4 s of step 2, over 32 s. */
    CHECK_NEAR("band", "time_in_band", m.time_in_band, (7.0 + 0.0 + 10.4) / 32.0, TOL_LEVEL);
    /* RMS distance outside the band: 0.12 for 10 s, 0.27 for 1.6 s, 0 the rest (22 s). */
    CHECK_NEAR("band", "tracking_error", m.tracking_error,
               sqrt((10.0 * 0.12 * 0.12 + 1.6 * 0.27 * 0.27) / 22.0), 1e-3);
    CHECK_NEAR("band", "endurance_ms", m.endurance_ms, 6000, TOL_TICK);
    CHECK_NEAR("band", "endurance_asked_ms", m.endurance_asked_ms, 12000, 0);
    CHECK_NEAR("band", "reps_total", m.reps_total, 2, 0);
    CHECK_NEAR("band", "reps_achieved", m.reps_achieved, 1, 0);
}

/* A ramp's band moves: tracking error is measured against the band at each tick. */
static void ramp_tracking_follows_the_moving_band(void **state)
{
    (void)state;
    ebb_step st[1] = {test_step(EBB_STEP_RAMP, 4000, 0.2f, 0.3f, EBB_SCORE_IN_BAND)};
    st[0].lo1 = 0.6f;
    st[0].hi1 = 0.7f;
    ebb_level lv;
    test_level(&lv, st, 1);
    static trace_buf b;
    const double offsets[] = {0.05, -0.13, 0.25}; /* inside, 0.10 under, 0.12 over */
    const double want_err[] = {0.0, 0.10, 0.12};
    const double want_band[] = {1.0, 0.0, 0.0};
    for (size_t c = 0; c < 3; c++) {
        trace_fill(&b, 400, (const double[]){0, 0.2 + offsets[c], 4000, 0.6 + offsets[c]}, 2, 0.0f);
        ebb_metrics_rep reps[1];
        ebb_metrics_rep_compute(&lv, 0, &b.tr, &reps[0]);
        ebb_metrics_level m;
        ebb_metrics_level_compute(&lv, &b.tr, reps, &m);
        char name[32];
        snprintf(name, sizeof name, "ramp offset %+.2f", offsets[c]);
        /* The band at tick k is exactly the line at k: distances are constant. */
        CHECK_NEAR(name, "tracking_error", m.tracking_error, want_err[c], 1e-4);
        CHECK_NEAR(name, "time_in_band", m.time_in_band, want_band[c], 1e-4);
    }
}

static void breath_pacing_and_pf_target(void **state)
{
    (void)state;
    ebb_step st[4];
    for (size_t i = 0; i < 4; i++) {
        st[i] = test_step(i % 2 ? EBB_STEP_BREATHE_OUT : EBB_STEP_BREATHE_IN, 4000, 0.3f, 1.0f,
                          EBB_SCORE_IN_BAND);
        st[i].has_pf = i % 2 == 0;
        st[i].pf_lo = 0.0f;
        st[i].pf_hi = 0.2f;
    }
    ebb_level lv;
    test_level(&lv, st, 4);
    static trace_buf b;
    trace_fill(&b, 1600, (const double[]){0, 0.05}, 1, 0.0f);
    for (size_t k = 0; k < 1600; k++) {
        const size_t ms = k * 10, into = ms % 4000;
        const float up = (float)into / 4000.0f;
        /* in, out, then an in-breath that does not rise (followed 3 of 4), then out. */
        b.breath[k] = ms < 4000 ? up : ms < 8000 ? 1.0f - up : ms < 12000 ? 0.1f : 0.8f - up * 0.7f;
        /* pf: soft for the whole first in-breath, tense for the second half of the second */
        b.pf[k] = (ms >= 10000 && ms < 12000) ? 0.5f : 0.05f;
    }
    b.tr.breath = b.breath;
    ebb_metrics_rep reps[4];
    for (size_t i = 0; i < 4; i++) {
        ebb_metrics_rep_compute(&lv, i, &b.tr, &reps[i]);
    }
    ebb_metrics_level m;
    ebb_metrics_level_compute(&lv, &b.tr, reps, &m);
    CHECK_NEAR("breath", "breath_phases", m.breath_phases, 4, 0);
    CHECK_NEAR("breath", "breath_pacing", m.breath_pacing, 0.75, TOL_LEVEL);
    CHECK_NEAR("breath", "pf_breath_in", m.pf_breath_in, 0.75, TOL_LEVEL);
    assert_true(isnan(m.pf_breath_out));
    /* Without a breath channel pacing is not measured at all. */
    b.tr.breath = NULL;
    ebb_metrics_level_compute(&lv, &b.tr, reps, &m);
    assert_true(isnan(m.breath_pacing));
    assert_int_equal(m.breath_phases, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(squeeze_reps_match_ground_truth),
        cmocka_unit_test(squeeze_rep_not_reached_and_not_yet_released),
        cmocka_unit_test(flick_reps_match_ground_truth),
        cmocka_unit_test(rest_mean_sd_cv_are_exact),
        cmocka_unit_test(time_in_band_tracking_and_endurance),
        cmocka_unit_test(ramp_tracking_follows_the_moving_band),
        cmocka_unit_test(breath_pacing_and_pf_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
