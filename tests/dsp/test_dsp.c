/* The EMG pipeline: filter responses at chosen frequencies (designed and measured with
 * tones), notch depth, rectification, envelope step response and ripple within the bounds
 * documented in docs/signal.md, decimation to ticks, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "emg_measure.h"

int run_ring_tests(void);

#define TEST_PI 3.14159265358979323846
/* cmocka's assert_float_equal works in float; these figures are doubles */
#define assert_near(a, b, tol) assert_true(fabs((double)(a) - (double)(b)) <= (double)(tol))

/* mains 0: no notches (100 Hz is a harmonic of 50 Hz mains, so band tests turn them off) */
static ebb_emg *make(unsigned rate, unsigned mains, ebb_envelope env)
{
    ebb_emg_desc d = {0};
    d.sample_rate = rate;
    d.mains_hz = mains;
    d.no_notch = mains == 0;
    d.envelope = env;
    char err[256] = "";
    ebb_emg *e = ebb_emg_create(&d, err, sizeof err);
    if (!e) {
        fail_msg("create: %s", err);
    }
    return e;
}

/* Feeds `seconds` of a tone of amplitude amp_uv and returns the mean tick envelope over the
 * last half (the first half lets the filters settle). */
static double tone_envelope(ebb_emg *e, double f, double amp_uv, double seconds, double sign)
{
    const ebb_emg_desc d = ebb_emg_effective_desc(e);
    const size_t n = (size_t)(seconds * d.sample_rate);
    double sum = 0.0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const double t = (double)i / d.sample_rate;
        const float x = (float)(sign * amp_uv / EBB_EMG_FULL_SCALE_UV * sin(2.0 * TEST_PI * f * t));
        ebb_emg_feed(e, &x, 1);
        float v;
        while (ebb_emg_next_tick(e, &v)) {
            if (i > n / 2) {
                sum += v;
                count++;
            }
        }
    }
    return sum / (double)count;
}

static double db(double ratio)
{
    return 20.0 * log10(ratio);
}

static void biquad_refuses_bad_corners(void **state)
{
    (void)state;
    ebb_biquad bq;
    assert_false(ebb_biquad_design(&bq, EBB_BIQUAD_LOWPASS, 8000, 4000, 0.7));
    assert_false(ebb_biquad_design(&bq, EBB_BIQUAD_LOWPASS, 8000, 0, 0.7));
    assert_false(ebb_biquad_design(&bq, EBB_BIQUAD_NOTCH, 8000, 50, 0));
    assert_near(ebb_biquad_run(&bq, 0.25), 0.25, 0.0); /* left as a pass-through */
    assert_true(ebb_biquad_design(&bq, EBB_BIQUAD_HIGHPASS, 8000, 20, 0.7071));
    assert_near(ebb_biquad_gain_db(&bq, 8000, 20), -3.01, 0.05);
}

/* High-pass 20 Hz, 4th order: passes 100 Hz, rejects 5 Hz (motion artefact band). */
static void highpass_passes_100hz_rejects_5hz(void **state)
{
    (void)state;
    static const unsigned rates[] = {8000, 16000, 48000};
    for (size_t i = 0; i < 3; i++) {
        ebb_emg *e = make(rates[i], 0, EBB_ENVELOPE_RMS);
        assert_true(ebb_emg_band_gain_db(e, 100) > -0.5);
        assert_near(ebb_emg_band_gain_db(e, 20), -3.0, 0.5);
        assert_true(ebb_emg_band_gain_db(e, 5) < -45.0);
        /* measured: a 100 µV tone's RMS is 70.7 µV */
        assert_near(tone_envelope(e, 100, 100, 1.0, 1), 70.7, 2.5);
        ebb_emg_reset(e);
        assert_true(tone_envelope(e, 5, 100, 2.0, 1) < 0.6); /* > 44 dB down */
        ebb_emg_destroy(e);
    }
}

/* Mains notch deeper than 30 dB at the fundamental and harmonics, for 50 and 60 Hz mains,
 * while the neighbouring frequencies pass. */
static void notch_removes_mains_and_harmonics(void **state)
{
    (void)state;
    ebb_emg *e = make(8000, 50, EBB_ENVELOPE_RMS);
    assert_int_equal(ebb_emg_notch_count(e), 18); /* 50..900 Hz: up to twice the LP corner */
    assert_true(ebb_emg_band_gain_db(e, 50) < -60.0);
    assert_true(ebb_emg_band_gain_db(e, 150) < -60.0);
    assert_true(ebb_emg_band_gain_db(e, 75) > -0.5);
    const double rms_ref = 1000.0 / sqrt(2.0);
    assert_true(db(tone_envelope(e, 50, 1000, 2.0, 1) / rms_ref) < -30.0);
    ebb_emg_reset(e);
    assert_true(db(tone_envelope(e, 150, 1000, 2.0, 1) / rms_ref) < -30.0);
    ebb_emg_destroy(e);

    e = make(48000, 60, EBB_ENVELOPE_RMS);
    assert_true(ebb_emg_band_gain_db(e, 60) < -60.0);
    assert_true(ebb_emg_band_gain_db(e, 180) < -60.0);
    assert_true(ebb_emg_band_gain_db(e, 50) > -0.5);
    assert_true(db(tone_envelope(e, 60, 1000, 2.0, 1) / rms_ref) < -30.0);
    ebb_emg_destroy(e);

    ebb_emg_desc d = {.sample_rate = 8000, .no_notch = true};
    e = ebb_emg_create(&d, NULL, 0);
    assert_int_equal(ebb_emg_notch_count(e), 0);
    assert_true(ebb_emg_band_gain_db(e, 50) > -0.5);
    ebb_emg_destroy(e);
}

/* Low-pass 450 Hz, 4th order; lowered to 0.45 fs when a caller asks for more than that. */
static void lowpass_at_450hz(void **state)
{
    (void)state;
    ebb_emg_desc d = {.sample_rate = 8000, .no_notch = true}; /* 450 Hz is a 50 Hz harmonic */
    ebb_emg *e = ebb_emg_create(&d, NULL, 0);
    assert_near(ebb_emg_band_gain_db(e, 450), -3.0, 0.3);
    assert_true(ebb_emg_band_gain_db(e, 300) > -0.5);
    assert_true(ebb_emg_band_gain_db(e, 1000) < -25.0);
    assert_true(ebb_emg_band_gain_db(e, 2000) < -50.0);
    assert_true(tone_envelope(e, 2000, 1000, 1.0, 1) < 3.0); /* 707 µV rms in, > 47 dB down */
    ebb_emg_destroy(e);

    d.lowpass_hz = 5000;
    e = ebb_emg_create(&d, NULL, 0);
    assert_near(ebb_emg_effective_desc(e).lowpass_hz, 3600.0, 1e-9);
    ebb_emg_destroy(e);
}

/* Full-wave rectification: a sine's rectified mean is 2A/pi, the same for x and -x. */
static void rectifies_full_wave(void **state)
{
    (void)state;
    static const ebb_envelope kinds[] = {EBB_ENVELOPE_LP1, EBB_ENVELOPE_LP2};
    for (size_t k = 0; k < 2; k++) {
        ebb_emg *e = make(8000, 50, kinds[k]);
        const double pos = tone_envelope(e, 125, 100, 2.0, 1); /* between mains harmonics */
        ebb_emg_reset(e);
        const double neg = tone_envelope(e, 125, 100, 2.0, -1);
        assert_near(pos, 200.0 / TEST_PI, 200.0 / TEST_PI * 0.02);
        assert_near(pos, neg, 1e-9); /* negation is exact through linear filters */
        ebb_emg_destroy(e);
    }
}

/* Envelope step response and ripple inside the bounds docs/signal.md states. */
static void envelope_step_and_ripple_within_bounds(void **state)
{
    (void)state;
    ebb_emg_desc d = {.sample_rate = 8000, .envelope = EBB_ENVELOPE_RMS};
    emg_step_figures f;
    assert_int_equal(emg_measure(&d, &f), 0);
    assert_true(f.rise_ms > 60.0 && f.rise_ms < 100.0);    /* measured 82 ms */
    assert_true(f.t50_ms > 20.0 && f.t50_ms < 45.0);       /* measured 33 ms */
    assert_true(f.ripple_pct < 12.0);                      /* measured 9.6 % */
    assert_true(f.overshoot_pct < 8.0);
    assert_near(f.level_uv, 42.0, 3.0);             /* the bursts' 50 µV rms, band-pass */

    d.envelope = EBB_ENVELOPE_LP2; /* 4 Hz */
    assert_int_equal(emg_measure(&d, &f), 0);
    assert_true(f.rise_ms > 70.0 && f.rise_ms < 100.0);    /* measured 84 ms */
    assert_true(f.t50_ms > 50.0 && f.t50_ms < 75.0);       /* measured 62 ms */
    assert_true(f.ripple_pct < 12.0);                      /* measured 9.5 % */
}

/* Exactly 100 ticks per second of samples, whatever the block size and rate. */
static void decimates_to_exact_ticks(void **state)
{
    (void)state;
    static const unsigned rates[] = {8000, 11025, 22050, 44100, 48000};
    static float zeros[1100]; /* blocks go up to 996 + 37 samples */
    for (size_t r = 0; r < 5; r++) {
        ebb_emg *e = make(rates[r], 50, EBB_ENVELOPE_RMS);
        assert_int_equal(ebb_emg_samples_to_tick(e), (rates[r] + 99) / 100);
        size_t fed = 0;
        for (size_t block = 1; fed < rates[r]; block = block % 997 + 37) {
            const size_t n = block < rates[r] - fed ? block : rates[r] - fed;
            ebb_emg_feed(e, zeros, n);
            fed += n;
        }
        assert_int_equal(ebb_emg_ticks_waiting(e), 100);
        assert_int_equal(ebb_emg_get_stats(e).samples, rates[r]);
        ebb_emg_destroy(e);
    }
}

static void drops_garbage_and_counts_lost_ticks(void **state)
{
    (void)state;
    ebb_emg *e = make(8000, 50, EBB_ENVELOPE_RMS);
    float x[80];
    for (int i = 0; i < 80; i++) {
        x[i] = i % 3 == 0 ? NAN : (i % 3 == 1 ? INFINITY : 0.01f);
    }
    for (int t = 0; t < 300; t++) { /* 3 s, never collected: the queue keeps 2.56 s */
        ebb_emg_feed(e, x, 80);
    }
    const ebb_emg_stats s = ebb_emg_get_stats(e);
    assert_int_equal(s.non_finite, 300 * 54);
    assert_int_equal(s.ticks, 300);
    assert_int_equal(s.ticks_lost, 300 - EBB_EMG_TICK_QUEUE);
    float v;
    while (ebb_emg_next_tick(e, &v)) {
        assert_true(isfinite(v) && v >= 0.0f);
    }
    ebb_emg_destroy(e);
}

static void refuses_bad_descriptions_with_the_fix(void **state)
{
    (void)state;
    char err[256];
    ebb_emg_desc d = {.sample_rate = 199};
    assert_null(ebb_emg_create(&d, err, sizeof err));
    assert_non_null(strstr(err, "outside 200..48000 Hz"));
    d = (ebb_emg_desc){.sample_rate = 48001};
    assert_null(ebb_emg_create(&d, err, sizeof err));
    assert_non_null(strstr(err, "outside 200..48000 Hz"));
    d = (ebb_emg_desc){.sample_rate = 8000, .mains_hz = 55};
    assert_null(ebb_emg_create(&d, err, sizeof err));
    assert_string_equal(err, "mains frequency 55 Hz is not 50 or 60; use 50 (Europe, Asia, "
                             "Africa, Australia) or 60 (the Americas)");
    d = (ebb_emg_desc){.sample_rate = 8000, .rms_ticks = 40};
    assert_null(ebb_emg_create(&d, err, sizeof err));
    assert_non_null(strstr(err, "use 10"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(biquad_refuses_bad_corners),
        cmocka_unit_test(highpass_passes_100hz_rejects_5hz),
        cmocka_unit_test(notch_removes_mains_and_harmonics),
        cmocka_unit_test(lowpass_at_450hz),
        cmocka_unit_test(rectifies_full_wave),
        cmocka_unit_test(envelope_step_and_ripple_within_bounds),
        cmocka_unit_test(decimates_to_exact_ticks),
        cmocka_unit_test(drops_garbage_and_counts_lost_ticks),
        cmocka_unit_test(refuses_bad_descriptions_with_the_fix),
    };
    const int failed = cmocka_run_group_tests_name("dsp", tests, NULL, NULL);
    return failed + run_ring_tests();
}
