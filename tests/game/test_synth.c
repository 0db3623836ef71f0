/* Unit tests of the cue synthesiser (game/sound/synth.c): pure, no SDL, no sound device. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "sound/synth.h"

#define RATE 48000

static int16_t *render(ebb_cue cue, size_t *n)
{
    *n = ebb_synth_cue_len(cue, RATE);
    assert_true(*n > 0);
    int16_t *buf = calloc(*n, sizeof *buf);
    assert_non_null(buf);
    assert_int_equal(ebb_synth_cue(cue, RATE, buf, *n), *n);
    return buf;
}

/* Rising zero crossings per second in [from, to): one per period, so this is the pitch. */
static double crossing_rate(const int16_t *s, size_t from, size_t to)
{
    size_t count = 0;
    for (size_t i = from + 1; i < to; i++) {
        if (s[i - 1] < 0 && s[i] >= 0) {
            count++;
        }
    }
    return (double)count * RATE / (double)(to - from);
}

static int peak(const int16_t *s, size_t from, size_t to)
{
    int p = 0;
    for (size_t i = from; i < to; i++) {
        int v = abs((int)s[i]);
        p = v > p ? v : p;
    }
    return p;
}

static void test_breathe_in_rises(void **state)
{
    (void)state;
    size_t n;
    int16_t *s = render(EBB_CUE_BREATHE_IN, &n);
    double early = crossing_rate(s, n / 10, n * 3 / 10);
    double late = crossing_rate(s, n * 6 / 10, n * 8 / 10);
    assert_true(late > early * 1.15);
    /* It is the fifth from about 330 Hz to about 495 Hz. */
    assert_true(early > 300.0 && early < 420.0);
    assert_true(late > 420.0 && late < 520.0);
    free(s);
}

static void test_breathe_out_falls(void **state)
{
    (void)state;
    size_t n;
    int16_t *s = render(EBB_CUE_BREATHE_OUT, &n);
    double early = crossing_rate(s, n / 10, n * 3 / 10);
    double late = crossing_rate(s, n * 6 / 10, n * 8 / 10);
    assert_true(late < early / 1.15);
    free(s);
}

static void test_two_notes_direction(void **state)
{
    (void)state;
    size_t n;
    int16_t *s = render(EBB_CUE_SQUEEZE, &n);
    assert_true(crossing_rate(s, n / 2 + n / 10, n - n / 10) >
                crossing_rate(s, n / 10, n / 2 - n / 10) * 1.1);
    free(s);
    s = render(EBB_CUE_LET_GO, &n);
    assert_true(crossing_rate(s, n / 2 + n / 10, n - n / 10) <
                crossing_rate(s, n / 10, n / 2 - n / 10) / 1.1);
    free(s);
}

/* No clicks: every cue starts and ends at (nearly) zero, no sample jumps more than a sine
 * at the cue's level and frequency could, and the level stays gentle. */
static void test_no_clicks_and_gentle(void **state)
{
    (void)state;
    for (int cue = EBB_CUE_NONE + 1; cue < EBB_CUE_COUNT; cue++) {
        size_t n;
        int16_t *s = render((ebb_cue)cue, &n);
        assert_true(abs((int)s[0]) <= 64);
        assert_true(abs((int)s[n - 1]) <= 64);
        /* The first and last millisecond stay quiet: soft attack and release. */
        assert_true(peak(s, 0, RATE / 1000 / 4) < 600);
        assert_true(peak(s, n - RATE / 1000, n) < 2000);
        int p = peak(s, 0, n);
        assert_true(p > 3000);                              /* audible */
        assert_true(p <= (int)(EBB_SYNTH_PEAK * 32767.0f) + 1); /* gentle */
        /* Largest step between samples: a sine of amplitude A at f Hz moves at most
         * 2*pi*f*A/rate per sample; allow the harmonic and a margin (1100 Hz bound). */
        int max_step = 0;
        for (size_t i = 1; i < n; i++) {
            int d = abs((int)s[i] - (int)s[i - 1]);
            max_step = d > max_step ? d : max_step;
        }
        assert_true(max_step < (int)(6.2832 * 1100.0 * p / RATE * 1.5));
        free(s);
    }
}

static void test_lengths(void **state)
{
    (void)state;
    assert_int_equal(ebb_synth_cue_len(EBB_CUE_NONE, RATE), 0);
    for (int cue = EBB_CUE_NONE + 1; cue < EBB_CUE_COUNT; cue++) {
        size_t n = ebb_synth_cue_len((ebb_cue)cue, RATE);
        /* Every cue ends well within the shortest cued step the levels use (1 s). */
        assert_true(n >= RATE / 20 && n <= RATE * 12 / 10);
        /* Shorter buffers are filled without overrun. */
        int16_t small[100];
        assert_int_equal(ebb_synth_cue((ebb_cue)cue, RATE, small, 100), 100);
    }
    /* Breathing out is longer than breathing in (a long out-breath relaxes). */
    assert_true(ebb_synth_cue_len(EBB_CUE_BREATHE_OUT, RATE) >
                ebb_synth_cue_len(EBB_CUE_BREATHE_IN, RATE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breathe_in_rises),
        cmocka_unit_test(test_breathe_out_falls),
        cmocka_unit_test(test_two_notes_direction),
        cmocka_unit_test(test_no_clicks_and_gentle),
        cmocka_unit_test(test_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
