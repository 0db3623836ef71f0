/* Unit tests of the probe pump (engine/io/pump.c): lost, ended, giving up and lost episodes,
 * decided once for every mode.
 *
 * TEST DOUBLE: the "scripted" backend below exists only in this file. It is a probe backend
 * written to the contract of io/probe_backend.h whose poll answers from a script, one
 * character a tick ('.' a good frame, 'L' lost, 'E' ended, 'o' a good status with a frame
 * wrongly marked lost, 'l' a lost status with a frame wrongly marked good), so the pump's
 * decisions can be checked tick by tick. It is never registered in the probe table; the
 * real backends are tested against real components (ptys, UDP, pipes) in this folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/pacer.h"
#include "io/probe_backend.h"
#include "io/pump.h"

typedef struct scripted {
    const char *script;
    size_t polls;          /* how often the pump asked */
    uint32_t last_ms;      /* the time it asked for last */
} scripted;

static ebb_probe_status scripted_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    scripted *s = p->impl;
    const size_t i = s->polls++;
    s->last_ms = ms;
    const char c = i < strlen(s->script) ? s->script[i] : 'E';
    *frame = ebb_frame_pf(0.25f);
    switch (c) {
    case 'L':
        frame->signal = EBB_SIGNAL_LOST;
        return EBB_PROBE_LOST;
    case 'l':
        return EBB_PROBE_LOST; /* the frame still says OK: only the status may count */
    case 'o':
        frame->signal = EBB_SIGNAL_LOST; /* the status says OK: only the status may count */
        return EBB_PROBE_OK;
    case 'E':
        return EBB_PROBE_ENDED;
    default:
        return EBB_PROBE_OK;
    }
}

static void scripted_close(ebb_probe *p)
{
    free(p->impl);
}

static const ebb_probe_ops scripted_ops = {.name = "scripted", .poll = scripted_poll,
                                           .close = scripted_close};

/* A probe as a backend's opener makes it; `as` is the table row it poses as (live or not). */
static ebb_probe *scripted_open(const char *script, ebb_probe_kind as)
{
    scripted *s = calloc(1, sizeof *s);
    ebb_probe *p = calloc(1, sizeof *p);
    assert_non_null(s);
    assert_non_null(p);
    s->script = script;
    p->ops = &scripted_ops;
    p->impl = s;
    p->kind = ebb_probe_kind_get(as);
    return p;
}

static size_t polls(const ebb_probe *p)
{
    return ((const scripted *)p->impl)->polls;
}

static void pump_start(ebb_pump *pump, ebb_probe *p, uint32_t give_up_ms)
{
    ebb_pump_init(pump, &(ebb_pump_desc){.probe = p, .give_up_ms = give_up_ms,
                                         .pace = EBB_PUMP_PACE_NONE});
}

/* Runs the whole script and writes one character per tick: F frame, L lost, E ended, G gave
 * up; '<' marks lost_began and '>' back, appended after the tick's letter. */
static void run(ebb_pump *pump, size_t ticks, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < ticks && n + 3 < size; i++) {
        ebb_pump_tick t;
        const ebb_pump_status st = ebb_pump_next(pump, &t);
        assert_int_equal(st, t.status);
        out[n++] = "FLEG"[st];
        if (t.lost_began) {
            out[n++] = '<';
        }
        if (t.back) {
            out[n++] = '>';
        }
    }
    out[n] = '\0';
}

static void test_good_frames_pass_through(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open("...", EBB_PROBE_KIND_STDIN);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(ebb_pump_time_ms(&pump), i * EBB_TICK_MS);
        ebb_pump_tick t;
        assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
        assert_int_equal(t.ms, i * EBB_TICK_MS);
        assert_int_equal(((scripted *)p->impl)->last_ms, i * EBB_TICK_MS);
        assert_int_equal(t.frame.signal, EBB_SIGNAL_OK);
        assert_float_equal(t.frame.effort[EBB_CH_PF], 0.25f, 1e-6f);
        assert_false(t.waiting || t.lost_began || t.back);
        assert_int_equal(t.lost_ms, 0);
    }
    assert_int_equal(ebb_pump_lost_count(&pump), 0);
    ebb_probe_close(p);
}

/* A source that has not delivered yet is waited for, not counted as lost. */
static void test_waiting_is_not_an_episode(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open("LLL..", EBB_PROBE_KIND_STDIN);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    ebb_pump_tick t;
    for (uint32_t i = 1; i <= 3; i++) {
        assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_LOST);
        assert_true(t.waiting);
        assert_false(t.lost_began);
        assert_int_equal(t.frame.signal, EBB_SIGNAL_LOST);
        assert_int_equal(t.lost_ms, i * EBB_TICK_MS);
    }
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    assert_false(t.back); /* nothing was announced, so nothing comes back */
    assert_false(t.waiting);
    assert_int_equal(ebb_pump_lost_count(&pump), 0);
    ebb_probe_close(p);
}

static void test_episodes_are_counted_and_announced_once(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open("..LL..LLL.", EBB_PROBE_KIND_SERIAL);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    char got[64];
    run(&pump, 10, got, sizeof got);
    assert_string_equal(got, "FFL<LF>FL<LLF>");
    assert_int_equal(ebb_pump_lost_count(&pump), 2);
    assert_int_equal(ebb_pump_lost_ms(&pump), 0);
    ebb_probe_close(p);
}

/* Only the status says lost: a frame marked otherwise is corrected, both ways. */
static void test_lost_is_the_status_only(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open(".o.l.", EBB_PROBE_KIND_OSC);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    ebb_pump_tick t;
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    assert_int_equal(t.frame.signal, EBB_SIGNAL_OK);
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_LOST);
    assert_int_equal(t.frame.signal, EBB_SIGNAL_LOST);
    assert_true(t.lost_began);
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    assert_true(t.back);
    assert_int_equal(ebb_pump_lost_count(&pump), 1);
    ebb_probe_close(p);
}

static void test_gives_up_after_give_up_ms_in_a_row(void **state)
{
    (void)state;
    /* Two short stretches (30 ms) do not add up; the third, 50 ms long, gives up. */
    ebb_probe *p = scripted_open(".LLL.LLL.LLLLL...", EBB_PROBE_KIND_STDIN);
    ebb_pump pump;
    pump_start(&pump, p, 50);
    char got[64];
    run(&pump, 16, got, sizeof got);
    assert_string_equal(got, "FL<LLF>L<LLF>L<LLLGGG");
    assert_int_equal(polls(p), 14); /* after giving up, the probe is not asked again */
    assert_int_equal(ebb_pump_lost_count(&pump), 3);
    ebb_pump_tick t;
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_GAVE_UP);
    assert_int_equal(t.frame.signal, EBB_SIGNAL_LOST);
    ebb_probe_close(p);
}

/* Waiting for the first frame counts towards giving up too: nobody may be there at all. */
static void test_gives_up_while_waiting(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open("LLLLL", EBB_PROBE_KIND_STDIN);
    ebb_pump pump;
    pump_start(&pump, p, 30);
    char got[16];
    run(&pump, 4, got, sizeof got);
    assert_string_equal(got, "LLGG");
    ebb_probe_close(p);
}

static void test_never_gives_up_without_a_limit(void **state)
{
    (void)state;
    static char script[3002];
    memset(script, 'L', 3000);
    script[0] = '.';
    script[3000] = '.';
    ebb_probe *p = scripted_open(script, EBB_PROBE_KIND_SERIAL);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    ebb_pump_tick t;
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    for (int i = 1; i < 3000; i++) {
        assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_LOST);
    }
    assert_int_equal(t.lost_ms, 2999u * EBB_TICK_MS);
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    assert_true(t.back);
    ebb_probe_close(p);
}

static void test_ended_is_final(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open("..E..", EBB_PROBE_KIND_REPLAY);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    char got[16];
    run(&pump, 5, got, sizeof got);
    assert_string_equal(got, "FFEEE");
    assert_int_equal(polls(p), 3);
    ebb_pump_tick t;
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_ENDED);
    assert_int_equal(t.frame.signal, EBB_SIGNAL_LOST);
    ebb_probe_close(p);
}

/* Ended while lost is still ended: the input is over, not missing. */
static void test_ended_while_lost(void **state)
{
    (void)state;
    ebb_probe *p = scripted_open(".LLE", EBB_PROBE_KIND_STDIN);
    ebb_pump pump;
    pump_start(&pump, p, 0);
    char got[16];
    run(&pump, 5, got, sizeof got);
    assert_string_equal(got, "FL<LEE");
    ebb_probe_close(p);
    p = scripted_open(".LE", EBB_PROBE_KIND_STDIN);
    pump_start(&pump, p, 20);
    run(&pump, 3, got, sizeof got);
    assert_string_equal(got, "FL<E");
    ebb_probe_close(p);
}

/* Live sources are paced to the wall clock unless the caller has its own clock; replays and
 * the simulator only when asked. */
static void test_pacing(void **state)
{
    (void)state;
    ebb_probe *live = scripted_open("......", EBB_PROBE_KIND_AUDIO);
    ebb_probe *sim = scripted_open("......", EBB_PROBE_KIND_SIM);
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = sim});
    assert_false(ebb_pump_paced(&pump));
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = sim, .pace = EBB_PUMP_PACE_ALWAYS});
    assert_true(ebb_pump_paced(&pump));
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = live, .pace = EBB_PUMP_PACE_NONE});
    assert_false(ebb_pump_paced(&pump));
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = live});
    assert_true(ebb_pump_paced(&pump));
    /* Six paced ticks span five tick intervals of real time. */
    const uint64_t t0 = ebb_pacer_now_us();
    ebb_pump_tick t;
    for (int i = 0; i < 6; i++) {
        assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_FRAME);
    }
    assert_true(ebb_pacer_now_us() - t0 >= 5u * EBB_TICK_MS * 1000u);
    ebb_probe_close(live);
    ebb_probe_close(sim);
}

/* No probe (window play with manual input keeps its own frames): the pump says ended. */
static void test_no_probe(void **state)
{
    (void)state;
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = NULL});
    ebb_pump_tick t;
    assert_int_equal(ebb_pump_next(&pump, &t), EBB_PUMP_ENDED);
    assert_false(ebb_pump_paced(&pump));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_frames_pass_through),
        cmocka_unit_test(test_waiting_is_not_an_episode),
        cmocka_unit_test(test_episodes_are_counted_and_announced_once),
        cmocka_unit_test(test_lost_is_the_status_only),
        cmocka_unit_test(test_gives_up_after_give_up_ms_in_a_row),
        cmocka_unit_test(test_gives_up_while_waiting),
        cmocka_unit_test(test_never_gives_up_without_a_limit),
        cmocka_unit_test(test_ended_is_final),
        cmocka_unit_test(test_ended_while_lost),
        cmocka_unit_test(test_pacing),
        cmocka_unit_test(test_no_probe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
