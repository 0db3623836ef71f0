/* Raw EMG over the line protocol (header raw=emg): the decoder runs the samples through the
 * EMG chain at the header's rate (engine/core/lineproto.c, dsp.h). Signal measurements on
 * seeded synthetic bursts, and the header's problems named field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/lineproto.h"
#include "emg_signal.h"

static void feeds(ebb_lineproto *lp, const char *text)
{
    ebb_lineproto_feed(lp, (const uint8_t *)text, strlen(text));
}

/* Plays the emg_signal.h recording at `rate` as µV lines, a frame per 10 ms of samples (as
 * the probe polls), the header again every `every_s` seconds. Writes each frame's pf effort
 * into eff (up to max) and returns the count. */
static size_t play(ebb_lineproto *lp, unsigned rate, double every_s, float *eff, size_t max)
{
    emg_gen g;
    emg_gen_init(&g, (double)rate, 50.0, 21);
    char header[96];
    snprintf(header, sizeof header, "# ebb units=uV rate=%u channels=pf raw=emg\n", rate);
    const size_t total = (size_t)(EMG_SIGNAL_S * rate);
    const size_t every = (size_t)(every_s * rate);
    size_t frames = 0;
    uint32_t phase = 0;
    for (size_t i = 0; i < total; i++) {
        if (i % every == 0) {
            feeds(lp, header);
        }
        char line[32];
        snprintf(line, sizeof line, "%.2f\n", (double)emg_gen_next(&g, 1) * EBB_EMG_FULL_SCALE_UV);
        feeds(lp, line);
        phase += 100;
        if (phase >= rate) {
            phase -= rate;
            ebb_frame f;
            ebb_lineproto_frame(lp, &f);
            if (frames < max) {
                eff[frames] = f.effort[EBB_CH_PF];
            }
            frames++;
        }
    }
    return frames < max ? frames : max;
}

static float median_of(const float *v, size_t from, size_t to)
{
    float tmp[200];
    size_t n = 0;
    for (size_t i = from; i < to && n < 200; i++) {
        float x = v[i];
        size_t k = n++;
        for (; k > 0 && tmp[k - 1] > x; k--) {
            tmp[k] = tmp[k - 1];
        }
        tmp[k] = x;
    }
    return n ? tmp[n / 2] : -1.0f;
}

/* Bursts show, rest stays low, the settle time holds 0, at each amplifier rate; the header
 * repeated every 2 s keeps the filters (a repeat must not start a new settle time). */
static void test_raw_bursts_at_amplifier_rates(void **state)
{
    (void)state;
    static const unsigned rates[] = {200, 250, 256, 1000};
    static float eff[700];
    for (size_t r = 0; r < 4; r++) {
        ebb_lineproto *lp = ebb_lineproto_create(EBB_LINEPROTO_AUTO);
        assert_non_null(lp);
        const size_t n = play(lp, rates[r], 2.0, eff, 700);
        const ebb_lineproto_stats st = ebb_lineproto_get_stats(lp);
        assert_int_equal(st.raw_channels, 1u << EBB_CH_PF);
        assert_int_equal(st.dropped_total, 0);
        assert_string_equal(ebb_lineproto_problem(lp), "");
        assert_true(n >= 590);
        /* frame k covers 10 ms ending at (k + 1) * 10 ms */
        for (size_t k = 0; k < 79; k++) {
            if (eff[k] != 0.0f) {
                fail_msg("%u Hz: effort %.3f at %zu ms while the filters settle", rates[r],
                         (double)eff[k], (k + 1) * 10);
            }
        }
        const struct { size_t from, to; bool burst; } win[] = {
            {115, 175, true}, {265, 345, true}, {435, 475, true}, /* repeats at 2 and 4 s */
            {380, 415, false}, {530, 590, false}};
        for (size_t w = 0; w < sizeof win / sizeof win[0]; w++) {
            const float m = median_of(eff, win[w].from, win[w].to);
            if (win[w].burst ? !(m > 0.45f) : !(m < 0.06f)) {
                fail_msg("%u Hz: median effort %.3f from %zu to %zu ms (%s)", rates[r],
                         (double)m, win[w].from * 10, win[w].to * 10,
                         win[w].burst ? "a burst: wanted > 0.45" : "rest: wanted < 0.06");
            }
        }
        ebb_lineproto_destroy(lp);
    }
}

/* Raw samples swing both ways and may be large; plain µV envelope values may not. */
static void test_raw_range_and_back_to_values(void **state)
{
    (void)state;
    ebb_lineproto *lp = ebb_lineproto_create(EBB_LINEPROTO_ASCII);
    feeds(lp, "# ebb units=uV rate=1000 channels=pf raw=emg\n-5000\n5000\n150000\n");
    ebb_lineproto_stats st = ebb_lineproto_get_stats(lp);
    assert_int_equal(st.samples, 2);
    assert_int_equal(st.dropped[EBB_LP_DROP_RANGE], 1);
    /* A header without raw: lines are envelope values again, and -5000 µV is not one. */
    feeds(lp, "# ebb units=uV rate=1000 channels=pf\n-5000\n30\n");
    st = ebb_lineproto_get_stats(lp);
    assert_int_equal(st.raw_channels, 0);
    assert_int_equal(st.samples, 3);
    assert_int_equal(st.dropped[EBB_LP_DROP_RANGE], 2);
    ebb_frame f;
    ebb_lineproto_frame(lp, &f);
    assert_float_equal(f.raw[EBB_CH_PF], 30.0f, 1e-6f); /* the value itself, no envelope */
    /* Only the µV channel is raw; a pressure channel beside it stays a value. */
    feeds(lp, "# ebb units=uV,cmH2O rate=500 channels=pf,abd raw=emg\n12,20\n");
    st = ebb_lineproto_get_stats(lp);
    assert_int_equal(st.raw_channels, 1u << EBB_CH_PF);
    ebb_lineproto_frame(lp, &f);
    assert_float_equal(f.raw[EBB_CH_ABD], 20.0f, 1e-6f);
    ebb_lineproto_destroy(lp);
}

/* Each unusable header names its field and the fix; with raw=emg unusable the samples are
 * refused (counted as "raw"), never read as values; a good header clears the problem. */
static void test_raw_header_problems_named(void **state)
{
    (void)state;
    static const struct {
        const char *header, *problem;
    } cases[] = {
        {"# ebb units=uV rate=150 channels=pf raw=emg",
         "header field 'rate': raw EMG at 150 samples a second is outside 200..48000; set the "
         "amplifier to 200 or more"},
        {"# ebb units=uV rate=50000 raw=emg",
         "header field 'rate': raw EMG at 50000 samples a second is outside 200..48000; set "
         "the amplifier to 200 or more"},
        {"# ebb units=uV channels=pf raw=emg",
         "header field 'rate': raw=emg needs the amplifier's sample rate, e.g. rate=250"},
        {"# ebb units=cmH2O rate=250 raw=emg",
         "header field 'units': raw=emg needs the samples in microvolts; add units=uV"},
        {"# ebb units=uV rate=250 raw=eeg", "header field 'raw': 'eeg' is not emg or none"},
        {"# ebb units=uV rate=250 raw=emg mains=55",
         "header field 'mains': '55' is not 50, 60 or auto"},
        {"# ebb units=uV rate=1e9 raw=emg",
         "header field 'rate': '1e9' is not a number of samples a second in 1..100000"},
        {"# ebb units=volts rate=250 raw=emg",
         "header field 'units': 'volts' is not one of none, uV, cmH2O, mmHg, hPa for all "
         "channels, or one per channel in channels= order"},
        {"# ebb units=uV channels=pf,pf rate=250",
         "header field 'channels': 'pf,pf' is not 1 to 3 of pf, abd, breath without repeats"},
        {"# ebb unit=uV rate=250",
         "header field 'unit' is unknown; the fields are units, rate, channels, raw and mains"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ebb_lineproto *lp = ebb_lineproto_create(EBB_LINEPROTO_ASCII);
        feeds(lp, cases[i].header);
        feeds(lp, "\n12.5\n-3\n");
        const ebb_lineproto_stats st = ebb_lineproto_get_stats(lp);
        if (strcmp(ebb_lineproto_problem(lp), cases[i].problem) != 0 ||
            st.header_problems == 0) {
            fail_msg("'%s': told '%s'", cases[i].header, ebb_lineproto_problem(lp));
        }
        const bool raw_asked = strstr(cases[i].header, "raw=emg") != NULL &&
                               strstr(cases[i].header, "mains=55") == NULL &&
                               strstr(cases[i].header, "1e9") == NULL;
        if (raw_asked && (st.samples != 0 || st.dropped[EBB_LP_DROP_RAW] != 2)) {
            fail_msg("'%s': %llu samples taken, %llu refused as raw", cases[i].header,
                     (unsigned long long)st.samples,
                     (unsigned long long)st.dropped[EBB_LP_DROP_RAW]);
        }
        feeds(lp, "# ebb units=uV rate=250 channels=pf raw=emg\n1\n");
        assert_string_equal(ebb_lineproto_problem(lp), "");
        assert_int_equal(ebb_lineproto_get_stats(lp).raw_channels, 1u << EBB_CH_PF);
        ebb_lineproto_destroy(lp);
    }
    assert_string_equal(ebb_lineproto_drop_name(EBB_LP_DROP_RAW), "raw");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_bursts_at_amplifier_rates),
        cmocka_unit_test(test_raw_range_and_back_to_values),
        cmocka_unit_test(test_raw_header_problems_named),
    };
    return cmocka_run_group_tests_name("lineproto_raw", tests, NULL, NULL);
}
