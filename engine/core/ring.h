/* A lock-free single-producer / single-consumer ring of float samples.
 *
 * Made for the sound-card callback (sokol_audio's push model): the callback runs on the
 * audio thread and must not allocate, lock or do I/O, so all it does is ebb_ring_push();
 * the game thread drains it with ebb_ring_pop() when it polls the probe.
 *
 * Exactly one thread may push and exactly one (other) thread may pop. The positions are
 * free-running counters in C11 atomics with acquire/release ordering: the producer publishes
 * samples by storing `head` with release after writing them, the consumer frees space by
 * storing `tail` with release after reading. The capacity is a power of two so that a
 * position maps to a slot with a mask, and counters may wrap around SIZE_MAX freely.
 *
 * Ownership: ebb_ring_create() allocates; ebb_ring_destroy() frees (after the producer has
 * stopped). */
#ifndef EBB_RING_H
#define EBB_RING_H

#include <stddef.h>
#include <stdint.h>

typedef struct ebb_ring ebb_ring;

/* capacity must be a power of two, at least 2. Returns NULL otherwise or without memory. */
ebb_ring *ebb_ring_create(size_t capacity);
void ebb_ring_destroy(ebb_ring *r);

size_t ebb_ring_capacity(const ebb_ring *r);

/* Producer side. Copies as many of the n samples as fit and returns how many; the rest are
 * dropped and counted (a consumer that stopped polling must not stall the audio thread). */
size_t ebb_ring_push(ebb_ring *r, const float *x, size_t n);

/* Consumer side. Copies up to max samples, oldest first; returns how many. */
size_t ebb_ring_pop(ebb_ring *r, float *out, size_t max);

/* Samples waiting (a snapshot; either side may call it). */
size_t ebb_ring_count(const ebb_ring *r);

/* Totals since creation, readable from any thread. */
uint64_t ebb_ring_pushed(const ebb_ring *r);
uint64_t ebb_ring_dropped(const ebb_ring *r);

#endif
