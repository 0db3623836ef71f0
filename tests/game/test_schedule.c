/* Unit tests of guidance scheduling (game/sound/schedule.c): level time to sound-device frames,
 * and the messages a level's guide hands to the voices. Tables print what they got. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "core/session.h"
#include "sound/schedule.h"

typedef struct frame_case {
    const char *name;
    bool seen;
    uint32_t audio_last;
    double audio_ms, ticked_ms, since_change_ms;
    int rate;
    uint32_t elapsed_ms, at_ms;
    bool ok;
    uint32_t frame;
} frame_case;

static void test_level_frame(void **state)
{
    (void)state;
    static const frame_case cases[] = {
        {"device not heard yet", false, 48000, 990, 1000, 0, 48000, 1000, 1000, false, 0},
        {"device stalled", true, 48000, 990, 1000, 151, 48000, 1000, 1000, false, 0},
        {"now, device 10 ms behind", true, 48000, 990, 1000, 0, 48000, 1000, 1000, true, 48480},
        {"20 ms ahead", true, 48000, 990, 1000, 150, 48000, 1000, 1020, true, 49440},
        {"already past", true, 48000, 990, 1000, 0, 48000, 1000, 980, true, 47520},
        {"frame count wraps", true, 4294967040u, 990, 1000, 0, 48000, 1000, 1000, true, 224},
        {"44.1 kHz rounds", true, 1000, 500, 500, 0, 44100, 500, 501, true, 1044},
        {"level and clock offset", true, 0, 0, 250, 0, 48000, 5000, 5000, true, 12000},
        {"absurdly far", true, 0, 0, 0, 0, 48000, 0, 4000000000u, false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const frame_case *k = &cases[i];
        ebb_clock c;
        ebb_clock_init(&c, 10.0);
        c.audio_seen = k->seen;
        c.audio_last = k->audio_last;
        c.audio_ms = k->audio_ms;
        c.ticked_ms = k->ticked_ms;
        c.since_change_ms = k->since_change_ms;
        uint32_t frame = 0;
        bool ok = ebb_schedule_level_frame(&c, k->rate, k->elapsed_ms, k->at_ms, &frame);
        printf("%-28s ok %d frame %u (want %d, %u)\n", k->name, ok, ok ? frame : 0u, k->ok,
               k->frame);
        assert_int_equal(ok, k->ok);
        if (ok) {
            assert_int_equal(frame, k->frame);
        }
    }
    uint32_t frame = 7;
    assert_false(ebb_schedule_level_frame(NULL, 48000, 0, 0, &frame));
    assert_int_equal(frame, 7);
}

static void test_frames(void **state)
{
    (void)state;
    static const struct { uint32_t ms; int rate; uint32_t frames; } cases[] = {
        {0, 48000, 0},       {10, 48000, 480},        {4000, 48000, 192000},
        {10, 44100, 441},    {1, 44100, 44},          {5400000, 192000, 1036800000u},
        {1000, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t got = ebb_schedule_frames(cases[i].ms, cases[i].rate);
        printf("%u ms at %d Hz: %u frames (want %u)\n", cases[i].ms, cases[i].rate, got,
               cases[i].frames);
        assert_int_equal(got, cases[i].frames);
    }
}

/* What the audio thread would read: the messages posted since the last call. */
static size_t drain(ebb_voices *vs, ebb_voice_msg *out, size_t max)
{
    size_t n = 0;
    unsigned tail = atomic_load(&vs->tail);
    unsigned head = atomic_load(&vs->head);
    while (tail != head && n < max) {
        out[n++] = vs->queue[tail % EBB_VOICE_QUEUE];
        tail++;
    }
    atomic_store(&vs->tail, tail);
    return n;
}

static const char level_text[] =
    "ebb-level 1\nid t/schedule\ntitle \"Schedule\"\nkind strengthening\n"
    "rest 2s below 15% cue let-go\nsqueeze 5s band 30%..50% cue squeeze\n";

static ebb_voices vs; /* large: not on the stack */

/* The device runs from frame 1000 at level time 0, 48 kHz; the clock keeps up exactly. */
static void clock_at(ebb_clock *c, uint32_t level_ms)
{
    ebb_clock_init(c, 10.0);
    c->audio_seen = true;
    c->audio_last = 1000u + level_ms * 48u;
    c->audio_ms = level_ms;
    c->ticked_ms = level_ms;
}

static void test_hand_out(void **state)
{
    (void)state;
    static ebb_diags d;
    ebb_level lv;
    ebb_diags_init(&d, "t.level");
    assert_true(ebb_level_parse(level_text, sizeof level_text - 1, "t.level", &lv, &d));
    ebb_session *ses = ebb_session_create(&lv);
    assert_non_null(ses);
    ebb_voices_init(&vs, 48000);
    ebb_schedule sch;
    ebb_schedule_init(&sch, &vs, 48000);
    ebb_guide g;
    memset(&g, 0, sizeof g);
    ebb_clock c;
    ebb_voice_msg m[32];

    /* The first frame: the rest's cue on the device frame of level time 0. */
    clock_at(&c, 0);
    ebb_schedule_frame(&sch, &g, &lv, ses, &c, false, 0.0f);
    size_t n = drain(&vs, m, 32);
    printf("first frame: %zu messages, slot %u at %u now %d\n", n, n ? m[0].slot : 0u,
           n ? m[0].start : 0u, n ? m[0].now : 0);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].type, EBB_VMSG_PLAY);
    assert_int_equal(m[0].slot, EBB_CUE_LET_GO);
    assert_int_equal(m[0].start, 1000);
    assert_false(m[0].now);

    /* 1.96 s in: the squeeze's cue at 2 s is handed out ahead, on its frame. */
    ebb_frame f = ebb_frame_pf(0.4f);
    ebb_tick_events ev;
    while (ebb_session_elapsed_ms(ses) < 1960) {
        ebb_session_tick(ses, &f, &ev);
        ebb_schedule_tick(&sch, &g, &lv, ses, &ev);
    }
    clock_at(&c, 1960);
    ebb_schedule_frame(&sch, &g, &lv, ses, &c, false, 0.0f);
    n = drain(&vs, m, 32);
    printf("at 1960 ms: %zu messages, slot %u at %u now %d\n", n, n ? m[0].slot : 0u,
           n ? m[0].start : 0u, n ? m[0].now : 0);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].slot, EBB_CUE_SQUEEZE);
    assert_int_equal(m[0].start, 1000u + 2000u * 48u);
    assert_false(m[0].now);

    /* A pause cancels what was handed out; the next frame hands it out again. */
    ebb_schedule_cancel(&sch);
    ebb_schedule_frame(&sch, &g, &lv, ses, &c, false, 0.0f);
    n = drain(&vs, m, 32);
    printf("after a cancel: %zu messages, first type %u, then slot %u at %u\n", n,
           n ? m[0].type : 0u, n > 1 ? m[1].slot : 0u, n > 1 ? m[1].start : 0u);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].type, EBB_VMSG_CANCEL);
    assert_int_equal(m[1].slot, EBB_CUE_SQUEEZE);
    assert_int_equal(m[1].start, 1000u + 2000u * 48u);

    /* Play to the end: ticks at 4, 5 and 6 s, and the complete chime on the last frame,
     * which the results screen then does not play again. */
    size_t ticks = 0, complete = 0;
    while (!ebb_session_finished(ses)) {
        ebb_session_tick(ses, &f, &ev);
        ebb_schedule_tick(&sch, &g, &lv, ses, &ev);
        uint32_t now = ebb_session_elapsed_ms(ses);
        clock_at(&c, now);
        ebb_schedule_frame(&sch, &g, &lv, ses, &c, false, 0.0f);
        n = drain(&vs, m, 32);
        for (size_t i = 0; i < n; i++) {
            if (m[i].type == EBB_VMSG_PLAY && m[i].slot == EBB_SLOT_TICK) {
                printf("tick at frame %u\n", m[i].start);
                assert_int_equal(m[i].start, 1000u + (4000u + 1000u * (uint32_t)ticks) * 48u);
                ticks++;
            }
            if (m[i].type == EBB_VMSG_PLAY && m[i].slot == EBB_SLOT_COMPLETE) {
                printf("complete at frame %u\n", m[i].start);
                assert_int_equal(m[i].start, 1000u + 7000u * 48u);
                complete++;
            }
        }
    }
    assert_int_equal(ticks, 3);
    assert_int_equal(complete, 1);
    assert_true(ebb_schedule_take_complete(&sch));
    assert_false(ebb_schedule_take_complete(&sch));

    /* Stopping fades the tone and the pacer once; stopping again posts nothing. */
    ebb_schedule_stop(&sch);
    n = drain(&vs, m, 32);
    assert_int_equal(n, 2);
    ebb_schedule_stop(&sch);
    assert_int_equal(drain(&vs, m, 32), 0);
    ebb_session_destroy(ses);
    ebb_level_free(&lv);
}

/* Without sound the captions still follow the ticks. */
static void test_no_sound_captions(void **state)
{
    (void)state;
    static ebb_diags d;
    ebb_level lv;
    ebb_diags_init(&d, "t.level");
    assert_true(ebb_level_parse(level_text, sizeof level_text - 1, "t.level", &lv, &d));
    ebb_session *ses = ebb_session_create(&lv);
    ebb_guide g;
    memset(&g, 0, sizeof g);
    ebb_frame f = ebb_frame_pf(0.4f);
    ebb_tick_events ev;
    while (ebb_session_elapsed_ms(ses) < 5100) {
        ebb_session_tick(ses, &f, &ev);
        ebb_schedule_tick(NULL, &g, &lv, ses, &ev);
        ebb_schedule_frame(NULL, &g, &lv, ses, NULL, false, 0.0f);
    }
    const char *cap = ebb_guide_caption(&g, 5100);
    printf("caption at 5.1 s: %s\n", cap ? cap : "(none)");
    assert_non_null(cap);
    assert_string_equal(cap, "2");
    ebb_schedule_stop(NULL);
    ebb_session_destroy(ses);
    ebb_level_free(&lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_frame),
        cmocka_unit_test(test_frames),
        cmocka_unit_test(test_hand_out),
        cmocka_unit_test(test_no_sound_captions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
