/* Unit tests of the play clock (game/app/clock.c) and the layout maths (game/gfx/layout.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "app/clock.h"
#include "gfx/layout.h"

static void test_wall_clock_ticks(void **state)
{
    (void)state;
    ebb_clock c;
    ebb_clock_init(&c, 10.0);
    int total = 0;
    for (int i = 0; i < 60; i++) {
        total += ebb_clock_advance(&c, 1000.0 / 60.0, false, 0, 0);
    }
    /* One second of 60 Hz frames is 100 ticks (give or take the last partial one). */
    assert_true(total >= 99 && total <= 100);
    float a = ebb_clock_alpha(&c);
    assert_true(a >= 0.0f && a <= 1.0f);
}

static void test_frame_cap(void **state)
{
    (void)state;
    ebb_clock c;
    ebb_clock_init(&c, 10.0);
    /* A 3-second stall hands over at most 250 ms: 25 ticks. */
    assert_int_equal(ebb_clock_advance(&c, 3000.0, false, 0, 0), 25);
    assert_int_equal(ebb_clock_advance(&c, -5.0, false, 0, 0), 0);
}

/* With sound, the device's clock rules: a device running 5 % fast gives 5 % more ticks than
 * the wall clock would. */
static void test_follows_audio(void **state)
{
    (void)state;
    ebb_clock c;
    ebb_clock_init(&c, 10.0);
    uint32_t frames = 4000000000u; /* near the wrap, to cross it */
    int total = ebb_clock_advance(&c, 16.0, true, frames, 48000);
    for (int i = 0; i < 200; i++) {         /* 200 callbacks of 10 ms wall each... */
        frames += 504;                        /* ...delivering 10.5 ms of sound each */
        total += ebb_clock_advance(&c, 10.0, true, frames, 48000);
    }
    /* 200 * 10.5 ms = 2100 ms of sound: 210 ticks (within the fill-in of one period). */
    assert_true(total >= 208 && total <= 211);
}

/* Large bursts (40 ms at a time) still give evenly spread ticks between them. */
static void test_audio_bursts_spread(void **state)
{
    (void)state;
    ebb_clock c;
    ebb_clock_init(&c, 10.0);
    uint32_t frames = 0;
    ebb_clock_advance(&c, 5.0, true, frames, 48000);
    int max_per_frame = 0, total = 0;
    for (int i = 0; i < 400; i++) { /* 5 ms frames, a 40 ms burst every 8 frames */
        if (i % 8 == 0) {
            frames += 1920;
        }
        int t = ebb_clock_advance(&c, 5.0, true, frames, 48000);
        max_per_frame = t > max_per_frame ? t : max_per_frame;
        total += t;
    }
    assert_true(total >= 195 && total <= 201);
    assert_true(max_per_frame <= 2);
}

/* A device that stops delivering hands over to the wall clock. */
static void test_audio_stall_falls_back(void **state)
{
    (void)state;
    ebb_clock c;
    ebb_clock_init(&c, 10.0);
    int total = ebb_clock_advance(&c, 10.0, true, 0, 48000);
    for (int i = 0; i < 100; i++) {
        total += ebb_clock_advance(&c, 10.0, true, 0, 48000); /* no frames for 1 s */
    }
    assert_true(total >= 80); /* stalled after 150 ms, then the wall clock ran */
}

/* Forgiving ticks not run pulls the clock back, so nothing is owed afterwards. */
static void test_forgive(void **state)
{
    (void)state;
    ebb_clock c;
    ebb_clock_init(&c, 10.0);
    assert_int_equal(ebb_clock_advance(&c, 95.0, false, 0, 0), 9);
    ebb_clock_forgive(&c, 6); /* ran 3 of them */
    assert_int_equal(ebb_clock_advance(&c, 5.0, false, 0, 0), 1);
    assert_int_equal(ebb_clock_advance(&c, 10.0, false, 0, 0), 1);
}

static void test_layout(void **state)
{
    (void)state;
    ebb_play_layout l;
    ebb_layout_play(&l, 1280, 720);
    assert_true(ebb_layout_effort_y(&l, 0.0f) > ebb_layout_effort_y(&l, 1.0f));
    assert_true(ebb_layout_effort_y(&l, -1.0f) == ebb_layout_effort_y(&l, 0.0f));
    float y = ebb_layout_effort_y(&l, 0.6f);
    float back = ebb_layout_y_effort(&l, y);
    assert_true(back > 0.599f && back < 0.601f);
    assert_true(ebb_layout_time_x(&l, 0.0f) == l.char_x);
    assert_true(ebb_layout_time_x(&l, l.ahead_s) <= 1280.5f);
    assert_true(l.char_x > 1280.0f * 0.2f && l.char_x < 1280.0f * 0.3f);
    /* The track clears the caption and the progress bar, even with a swollen character. */
    float r = ebb_layout_character_r(&l, EBB_LEVEL_BREATHING, 1.0f);
    assert_true(l.track_top - r > l.reps.y + l.reps.h);
    assert_true(l.track_bottom + r < l.progress.y);

    ebb_menu_layout m;
    ebb_layout_menu(&m, 1280, 720);
    int kinds[4] = {0, 1, 2, 2};
    ebb_menu_row rows[16];
    float scroll = 0.0f;
    size_t n = ebb_layout_menu_rows(&m, kinds, 4, 3, &scroll, rows, 16);
    assert_int_equal(n, 7); /* three headers, four cards */
    ebb_frect last = rows[6].rect;
    assert_int_equal(ebb_layout_menu_hit(&m, rows, n, last.x + 5.0f, last.y + 5.0f), 3);
    assert_int_equal(ebb_layout_menu_hit(&m, rows, n, 2.0f, 2.0f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wall_clock_ticks),
        cmocka_unit_test(test_frame_cap),
        cmocka_unit_test(test_follows_audio),
        cmocka_unit_test(test_audio_bursts_spread),
        cmocka_unit_test(test_audio_stall_falls_back),
        cmocka_unit_test(test_forgive),
        cmocka_unit_test(test_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
