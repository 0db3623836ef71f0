/* The single-producer / single-consumer ring: order, capacity, wraparound, drops, and a
 * producer thread racing a consumer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>
#include <cmocka.h>

#include "core/ring.h"

int run_ring_tests(void);

static void rejects_sizes_not_power_of_two(void **state)
{
    (void)state;
    assert_null(ebb_ring_create(0));
    assert_null(ebb_ring_create(1));
    assert_null(ebb_ring_create(100));
    ebb_ring *r = ebb_ring_create(64);
    assert_non_null(r);
    assert_int_equal(ebb_ring_capacity(r), 64);
    ebb_ring_destroy(r);
}

static void keeps_order_across_wraparound(void **state)
{
    (void)state;
    ebb_ring *r = ebb_ring_create(8);
    float in[5], out[8];
    float next_in = 0.0f, next_out = 0.0f;
    /* 5 in, 5 out, 40 times: positions wrap the 8-slot buffer many times, and every push
     * after the first crosses the end of the buffer at a different offset. */
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 5; i++) {
            in[i] = next_in++;
        }
        assert_int_equal(ebb_ring_push(r, in, 5), 5);
        assert_int_equal(ebb_ring_count(r), 5);
        assert_int_equal(ebb_ring_pop(r, out, 8), 5);
        for (int i = 0; i < 5; i++) {
            assert_float_equal(out[i], next_out++, 0.0);
        }
        assert_int_equal(ebb_ring_count(r), 0);
    }
    assert_int_equal(ebb_ring_pushed(r), 200);
    assert_int_equal(ebb_ring_dropped(r), 0);
    ebb_ring_destroy(r);
}

static void drops_and_counts_when_full(void **state)
{
    (void)state;
    ebb_ring *r = ebb_ring_create(4);
    const float in[6] = {1, 2, 3, 4, 5, 6};
    float out[6] = {0};
    assert_int_equal(ebb_ring_push(r, in, 6), 4); /* the newest two do not fit */
    assert_int_equal(ebb_ring_dropped(r), 2);
    assert_int_equal(ebb_ring_push(r, in, 1), 0);
    assert_int_equal(ebb_ring_dropped(r), 3);
    assert_int_equal(ebb_ring_pop(r, out, 2), 2); /* partial pop frees exactly two */
    assert_float_equal(out[0], 1.0f, 0.0);
    assert_float_equal(out[1], 2.0f, 0.0);
    assert_int_equal(ebb_ring_push(r, in + 4, 2), 2);
    assert_int_equal(ebb_ring_pop(r, out, 6), 4);
    assert_float_equal(out[0], 3.0f, 0.0);
    assert_float_equal(out[1], 4.0f, 0.0);
    assert_float_equal(out[2], 5.0f, 0.0);
    assert_float_equal(out[3], 6.0f, 0.0);
    assert_int_equal(ebb_ring_pop(r, out, 6), 0);
    ebb_ring_destroy(r);
}

#define RACE_N 2000000u

static int race_producer(void *arg)
{
    ebb_ring *r = arg;
    float block[37];
    uint32_t v = 0;
    while (v < RACE_N) {
        size_t n = 0;
        while (n < 37 && v + n < RACE_N) {
            block[n] = (float)(v + n);
            n++;
        }
        size_t done = 0;
        while (done < n) { /* a real callback would drop; the test waits so nothing is lost */
            done += ebb_ring_push(r, block + done, n - done);
        }
        v += (uint32_t)n;
    }
    return 0;
}

static void threads_race_without_loss_or_reorder(void **state)
{
    (void)state;
    ebb_ring *r = ebb_ring_create(256);
    thrd_t t;
    assert_int_equal(thrd_create(&t, race_producer, r), thrd_success);
    float out[64];
    uint32_t expect = 0;
    int bad = 0;
    while (expect < RACE_N) {
        const size_t n = ebb_ring_pop(r, out, 64);
        for (size_t i = 0; i < n; i++) {
            bad += out[i] != (float)expect;
            expect++;
        }
    }
    thrd_join(t, NULL);
    assert_int_equal(bad, 0);
    assert_int_equal(ebb_ring_pushed(r), RACE_N); /* retried pushes count drops; pushed is exact */
    ebb_ring_destroy(r);
}

int run_ring_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rejects_sizes_not_power_of_two),
        cmocka_unit_test(keeps_order_across_wraparound),
        cmocka_unit_test(drops_and_counts_when_full),
        cmocka_unit_test(threads_race_without_loss_or_reorder),
    };
    return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
