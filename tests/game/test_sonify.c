/* Unit tests of the eyes-closed sound and the guidance plan (game/sound/sonify.c, voices.c,
 * guide.c): pure, no SDL, no sound device. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sound/guide.h"
#include "sound/sonify.h"
#include "sound/voices.h"

#define RATE 48000

/* Rising zero crossings per second over out[from..to). */
static double crossing_rate(const float *s, size_t from, size_t to)
{
    size_t count = 0;
    for (size_t i = from + 1; i < to; i++) {
        if (s[i - 1] < 0.0f && s[i] >= 0.0f) {
            count++;
        }
    }
    return (double)count * RATE / (double)(to - from);
}

static float peak(const float *s, size_t from, size_t to)
{
    float p = 0.0f;
    for (size_t i = from; i < to; i++) {
        float v = s[i] < 0.0f ? -s[i] : s[i];
        p = v > p ? v : p;
    }
    return p;
}

static void test_effort_pitch(void **state)
{
    (void)state;
    assert_float_equal(ebb_sonify_effort_hz(0.0f), 220.0f, 0.01f);
    assert_float_equal(ebb_sonify_effort_hz(1.0f), 440.0f, 0.01f);
    assert_float_equal(ebb_sonify_effort_hz(0.5f), 311.13f, 0.05f);
    assert_float_equal(ebb_sonify_effort_hz(-3.0f), 220.0f, 0.01f); /* clamped */
    assert_float_equal(ebb_sonify_effort_hz(7.0f), 440.0f, 0.01f);
}

/* The tone's pitch follows effort once smoothed, it stays quiet, and it glides (no jump). */
static void test_tone_follows_effort(void **state)
{
    (void)state;
    size_t n = RATE; /* 1 s at effort 0.2, then 1 s at 0.8 */
    float *out = calloc(2 * n, sizeof *out);
    assert_non_null(out);
    ebb_sonify s;
    ebb_sonify_init(&s, RATE);
    ebb_sonify_target t = {true, 0.2f};
    for (size_t i = 0; i < 2 * n; i++) {
        t.effort = i < n ? 0.2f : 0.8f;
        ebb_sonify_tone(&s, &t, &out[i]);
    }
    assert_float_equal(crossing_rate(out, n / 2, n), 252.7, 3.0);
    assert_float_equal(crossing_rate(out, n + n / 2, 2 * n), 383.0, 3.0);
    assert_true(peak(out, 0, 2 * n) <= EBB_SONIFY_PEAK + 0.001f);
    /* Smoothed: no sample-to-sample step bigger than a sine at 440 Hz can make. */
    float max_step = 0.0f;
    for (size_t i = 1; i < 2 * n; i++) {
        float d = out[i] - out[i - 1];
        d = d < 0.0f ? -d : d;
        max_step = d > max_step ? d : max_step;
    }
    assert_true(max_step < EBB_SONIFY_PEAK * 2.0f * 3.1416f * 460.0f / RATE * 1.3f);
    free(out);
}

static void test_tone_off_fades(void **state)
{
    (void)state;
    ebb_sonify s;
    ebb_sonify_init(&s, RATE);
    ebb_sonify_target t = {true, 0.5f};
    float v = 0.0f;
    for (int i = 0; i < RATE / 2; i++) {
        v = 0.0f;
        ebb_sonify_tone(&s, &t, &v);
    }
    t.on = false;
    float last = 1.0f;
    for (int i = 0; i < RATE; i++) {
        last = 0.0f;
        ebb_sonify_tone(&s, &t, &last);
    }
    assert_true(last < 1e-4f && last > -1e-4f);
}

/* Breathe in rises a fifth, breathe out falls, both fade in and out; nothing outside. */
static void test_pacer_shape(void **state)
{
    (void)state;
    float hz, level, air;
    ebb_pacer_shape(EBB_PACER_IN, 0.0f, 4.0f, &hz, &level, &air);
    assert_float_equal(hz, EBB_PACER_LOW_HZ, 0.5f);
    assert_float_equal(level, 0.0f, 1e-6f);
    ebb_pacer_shape(EBB_PACER_IN, 2.0f, 4.0f, &hz, &level, &air);
    assert_true(hz > EBB_PACER_LOW_HZ && hz < EBB_PACER_HIGH_HZ);
    assert_float_equal(level, 1.0f, 1e-6f);
    assert_float_equal(air, 1.0f, 1e-3f);
    ebb_pacer_shape(EBB_PACER_IN, 4.0f, 4.0f, &hz, &level, &air);
    assert_float_equal(hz, EBB_PACER_HIGH_HZ, 0.5f);
    assert_float_equal(level, 0.0f, 1e-6f);
    float prev = 0.0f;
    for (int i = 0; i <= 60; i++) { /* out: falling all the way */
        ebb_pacer_shape(EBB_PACER_OUT, 6.0f * (float)i / 60.0f, 6.0f, &hz, &level, &air);
        if (i > 0) {
            assert_true(hz <= prev + 1e-3f);
        }
        prev = hz;
    }
    assert_float_equal(hz, EBB_PACER_LOW_HZ, 0.5f);
    ebb_pacer_shape(EBB_PACER_IN, 5.0f, 4.0f, &hz, &level, &air);
    assert_float_equal(level, 0.0f, 1e-6f);
    ebb_pacer_shape(EBB_PACER_NONE, 1.0f, 4.0f, &hz, &level, &air);
    assert_float_equal(level, 0.0f, 1e-6f);
}

static ebb_voices vs; /* large: not on the stack */

/* A sound posted for a device frame starts on exactly that frame, even mid-buffer. */
static void test_voice_starts_on_its_frame(void **state)
{
    (void)state;
    static int16_t click[100];
    for (size_t i = 0; i < 100; i++) {
        click[i] = 16000;
    }
    ebb_voices_init(&vs, RATE);
    ebb_voices_set_slot(&vs, 3, click, 100, 1.0f);
    ebb_voice_msg m = {EBB_VMSG_PLAY, 3, 0, false, 1000u + 777u, 0, NULL};
    assert_true(ebb_voices_post(&vs, &m));
    float out[480];
    uint32_t frame = 1000u;
    int first = -1;
    for (int b = 0; b < 4; b++) {
        ebb_voices_render(&vs, frame, out, 480);
        for (int i = 0; i < 480 && first < 0; i++) {
            if (out[i] != 0.0f) {
                first = (int)frame + i;
            }
        }
        frame += 480;
    }
    assert_int_equal(first, 1000 + 777);
    /* Late (already past): it starts at once. */
    m.start = frame - 5000u;
    assert_true(ebb_voices_post(&vs, &m));
    ebb_voices_render(&vs, frame, out, 480);
    assert_true(out[0] != 0.0f);
}

/* Cancel drops what has not started; the ring refuses more than it holds. */
static void test_voice_cancel_and_full(void **state)
{
    (void)state;
    static int16_t click[10] = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    ebb_voices_init(&vs, RATE);
    ebb_voices_set_slot(&vs, 1, click, 10, 1.0f);
    ebb_voice_msg play = {EBB_VMSG_PLAY, 1, 0, false, 300u, 0, NULL};
    ebb_voice_msg cancel = {EBB_VMSG_CANCEL, 0, 0, true, 0, 0, NULL};
    assert_true(ebb_voices_post(&vs, &play));
    assert_true(ebb_voices_post(&vs, &cancel));
    float out[480];
    ebb_voices_render(&vs, 0, out, 480);
    assert_true(peak(out, 0, 480) == 0.0f);
    int posted = 0;
    while (ebb_voices_post(&vs, &play)) {
        posted++;
    }
    assert_int_equal(posted, EBB_VOICE_QUEUE);
}

/* A pacer phase posted for a frame rises through the phase. */
static void test_voice_pacer(void **state)
{
    (void)state;
    ebb_voices_init(&vs, RATE);
    ebb_voice_msg m = {EBB_VMSG_PACER, 0, EBB_PACER_IN, false, 4800u, (uint32_t)RATE * 4u, NULL};
    assert_true(ebb_voices_post(&vs, &m));
    size_t n = (size_t)RATE * 5u;
    float *out = calloc(n, sizeof *out);
    assert_non_null(out);
    for (size_t at = 0; at < n; at += 480) {
        ebb_voices_render(&vs, (uint32_t)at, out + at, 480);
    }
    assert_true(peak(out, 0, 4800) == 0.0f);       /* not before its frame */
    assert_true(peak(out, 48000, 96000) > 0.03f);  /* audible, soft */
    assert_true(peak(out, 0, n) <= EBB_PACER_PEAK * 1.2f);
    /* Filtered noise blurs zero crossings a little: compare early and late halves loosely. */
    double early = crossing_rate(out, 4800 + 24000, 4800 + 60000);
    double late = crossing_rate(out, 4800 + 132000, 4800 + 168000);
    assert_true(late > early * 1.2);
    free(out);
}

static ebb_level make_level(void)
{
    static ebb_step steps[3];
    memset(steps, 0, sizeof steps);
    steps[0] = (ebb_step){.kind = EBB_STEP_BREATHE_IN, .duration_ms = 4000, .start_ms = 0,
                          .cue = EBB_CUE_BREATHE_IN};
    steps[1] = (ebb_step){.kind = EBB_STEP_SQUEEZE, .duration_ms = 6000, .start_ms = 4000,
                          .cue = EBB_CUE_HOLD};
    steps[2] = (ebb_step){.kind = EBB_STEP_SQUEEZE, .duration_ms = 1500, .start_ms = 10000,
                          .cue = EBB_CUE_SQUEEZE};
    ebb_level lv;
    memset(&lv, 0, sizeof lv);
    lv.steps = steps;
    lv.step_count = 3;
    lv.total_ms = 11500;
    return lv;
}

static void test_guide_plan(void **state)
{
    (void)state;
    ebb_level lv = make_level();
    ebb_guide g;
    memset(&g, 0, sizeof g);
    ebb_guide_event ev[32];
    size_t n = ebb_guide_plan(&g, &lv, 20000, true, ev, 32);
    /* cue+pacer, cue + ticks at 7, 8, 9 s, cue (1.5 s: no tick in its first second), end */
    assert_int_equal(n, 8);
    assert_int_equal(ev[0].kind, EBB_GUIDE_CUE);
    assert_int_equal(ev[1].kind, EBB_GUIDE_PACER);
    assert_int_equal(ev[1].id, EBB_PACER_IN);
    assert_int_equal(ev[1].length_ms, 4000);
    assert_int_equal(ev[3].kind, EBB_GUIDE_TICK);
    assert_int_equal(ev[3].id, 3);
    assert_int_equal(ev[3].at_ms, 7000);
    assert_int_equal(ev[5].at_ms, 9000);
    assert_int_equal(ev[6].kind, EBB_GUIDE_CUE);
    assert_int_equal(ev[7].kind, EBB_GUIDE_COMPLETE);
    assert_int_equal(ev[7].at_ms, 11500);
    /* In slices: each sound exactly once, nothing before its time. */
    memset(&g, 0, sizeof g);
    size_t total = 0;
    for (uint32_t t = 60; t < 20000; t += 60) {
        n = ebb_guide_plan(&g, &lv, t, false, ev, 32);
        for (size_t i = 0; i < n; i++) {
            assert_true(ev[i].at_ms < t);
            assert_true(ev[i].at_ms + 60u >= t);
        }
        total += n;
    }
    assert_int_equal(total, 7); /* no pacer */
    /* Too little room: what does not fit comes next time. */
    memset(&g, 0, sizeof g);
    n = ebb_guide_plan(&g, &lv, 20000, true, ev, 3);
    assert_int_equal(n, 2);
    assert_int_equal(g.planned_ms, 4000);
}

static void test_guide_rep_and_captions(void **state)
{
    (void)state;
    ebb_level lv = make_level();
    assert_true(ebb_guide_rep_good(&lv, 1, 0.8f));
    assert_false(ebb_guide_rep_good(&lv, 1, 0.5f));
    assert_false(ebb_guide_rep_good(&lv, 0, 0.9f)); /* a breath is not a rep */
    assert_false(ebb_guide_rep_good(&lv, 9, 0.9f));
    ebb_guide g;
    memset(&g, 0, sizeof g);
    assert_null(ebb_guide_caption(&g, 0));
    ebb_guide_note(&g, "3", 7000);
    ebb_guide_note(&g, "2", 8000);
    assert_null(ebb_guide_caption(&g, 6999));
    assert_string_equal(ebb_guide_caption(&g, 7500), "3");
    assert_string_equal(ebb_guide_caption(&g, 8100), "2");
    assert_null(ebb_guide_caption(&g, 8000 + EBB_GUIDE_CAPTION_MS));
}

/* The ambience loops without a seam and stays quiet. */
static void test_ambience(void **state)
{
    (void)state;
    size_t n = (size_t)RATE * 4u;
    int16_t *a = calloc(n, sizeof *a);
    assert_non_null(a);
    ebb_ambience_render(a, n, RATE, 0.12f, 7u);
    int top = 0;
    for (size_t i = 0; i < n; i++) {
        int v = a[i] < 0 ? -a[i] : a[i];
        top = v > top ? v : top;
    }
    assert_true(top <= (int)(0.12f * 32767.0f) + 1);
    assert_true(top > 1000);
    int seam = abs((int)a[0] - (int)a[n - 1]);
    assert_true(seam < 200); /* low-passed: neighbours are close, across the loop too */
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_effort_pitch),
        cmocka_unit_test(test_tone_follows_effort),
        cmocka_unit_test(test_tone_off_fades),
        cmocka_unit_test(test_pacer_shape),
        cmocka_unit_test(test_voice_starts_on_its_frame),
        cmocka_unit_test(test_voice_cancel_and_full),
        cmocka_unit_test(test_voice_pacer),
        cmocka_unit_test(test_guide_plan),
        cmocka_unit_test(test_guide_rep_and_captions),
        cmocka_unit_test(test_ambience),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
