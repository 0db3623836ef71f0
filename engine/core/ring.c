#include "core/ring.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct ebb_ring {
    /* head and tail on separate cache lines so producer and consumer do not fight over one */
    _Alignas(64) atomic_size_t head;     /* next position to write; only the producer stores */
    _Alignas(64) atomic_size_t tail;     /* next position to read; only the consumer stores */
    _Alignas(64) atomic_uint_fast64_t pushed;
    atomic_uint_fast64_t dropped;
    size_t mask;
    float *buf;
};

ebb_ring *ebb_ring_create(size_t capacity)
{
    if (capacity < 2 || (capacity & (capacity - 1)) != 0) {
        return NULL;
    }
    /* aligned_alloc, not calloc: the struct is over-aligned (64) and calloc only promises
     * max_align_t. sizeof is a multiple of 64 because of the member alignment. */
    ebb_ring *r = aligned_alloc(64, sizeof *r);
    float *buf = calloc(capacity, sizeof *buf);
    if (!r || !buf) {
        free(r);
        free(buf);
        return NULL;
    }
    memset(r, 0, sizeof *r);
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    atomic_init(&r->pushed, 0);
    atomic_init(&r->dropped, 0);
    r->mask = capacity - 1;
    r->buf = buf;
    return r;
}

void ebb_ring_destroy(ebb_ring *r)
{
    if (r) {
        free(r->buf);
        free(r);
    }
}

size_t ebb_ring_capacity(const ebb_ring *r)
{
    return r->mask + 1;
}

/* Copies n samples between the ring at position pos and a flat array, in at most two runs
 * (before and after the end of the buffer). */
static void ring_copy_in(ebb_ring *r, size_t pos, const float *x, size_t n)
{
    const size_t at = pos & r->mask;
    const size_t first = n < r->mask + 1 - at ? n : r->mask + 1 - at;
    memcpy(r->buf + at, x, first * sizeof *x);
    memcpy(r->buf, x + first, (n - first) * sizeof *x);
}

static void ring_copy_out(const ebb_ring *r, size_t pos, float *out, size_t n)
{
    const size_t at = pos & r->mask;
    const size_t first = n < r->mask + 1 - at ? n : r->mask + 1 - at;
    memcpy(out, r->buf + at, first * sizeof *out);
    memcpy(out + first, r->buf, (n - first) * sizeof *out);
}

size_t ebb_ring_push(ebb_ring *r, const float *x, size_t n)
{
    const size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    const size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    const size_t space = r->mask + 1 - (head - tail);
    const size_t m = n < space ? n : space;
    ring_copy_in(r, head, x, m);
    atomic_store_explicit(&r->head, head + m, memory_order_release);
    atomic_fetch_add_explicit(&r->pushed, m, memory_order_relaxed);
    if (m < n) {
        atomic_fetch_add_explicit(&r->dropped, n - m, memory_order_relaxed);
    }
    return m;
}

size_t ebb_ring_pop(ebb_ring *r, float *out, size_t max)
{
    const size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    const size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    const size_t avail = head - tail;
    const size_t m = max < avail ? max : avail;
    ring_copy_out(r, tail, out, m);
    atomic_store_explicit(&r->tail, tail + m, memory_order_release);
    return m;
}

size_t ebb_ring_count(const ebb_ring *r)
{
    const size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    const size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    return head - tail;
}

uint64_t ebb_ring_pushed(const ebb_ring *r)
{
    return atomic_load_explicit(&r->pushed, memory_order_relaxed);
}

uint64_t ebb_ring_dropped(const ebb_ring *r)
{
    return atomic_load_explicit(&r->dropped, memory_order_relaxed);
}
