/* The adaptive EMG envelope: steady while the level holds, quick when it moves.
 *
 * A fixed averaging window cannot do both: the 100 ms moving RMS trembles by 9.6 % on a
 * steady contraction and reaches half of a step after 33 ms; a longer window trembles less
 * and follows later. This one blends a fast and a slow estimate with a change detector:
 *
 *   fast  = mean square over the last `fast_ticks` ticks (30 ms)
 *   slow  = exponential average of each tick's mean square (time constant `slow_ms`, 300 ms)
 *   d     = |ln(fast / slow)| / 2, how far the level has moved (log amplitude)
 *   w     = 0 below `threshold`, 1 above twice it, linear between
 *   slow += w · (fast − slow)   then the output is sqrt(slow)
 *
 * While the person holds still, d stays within the fast estimate's own noise (about 0.17 for
 * 30 ms of sEMG) and the output is the slow average. A squeeze or a release moves the fast
 * estimate by far more, w goes to 1 and the output jumps to the fast value: the rise and the
 * fall are both as quick as a 30 ms window, so letting go is shown as quickly as squeezing.
 * The log ratio makes the detector scale-free (it works the same at 3 µV and at 300 µV).
 * It plays the role of the speed term in the 1€ filter (Casiez et al., CHI 2012), measured
 * against the signal's own noise rather than as a raw derivative.
 *
 * Works per 10 ms tick on mean squares, so it costs nothing per sample. Pure code. */
#ifndef EBB_DSP_ENVELOPE_H
#define EBB_DSP_ENVELOPE_H

#include <stddef.h>

#define EBB_ENV_FAST_TICKS_MAX 10u

typedef struct ebb_env_adapt_desc {
    unsigned fast_ticks; /* 3 (30 ms) */
    double slow_ms;      /* 300 ms */
    double threshold;    /* 0.35 (about 2 standard deviations of the fast estimate) */
} ebb_env_adapt_desc;

typedef struct ebb_env_adapt {
    ebb_env_adapt_desc desc;
    double alpha;                          /* per tick, from slow_ms */
    double ring[EBB_ENV_FAST_TICKS_MAX];   /* recent tick mean squares */
    size_t pos, filled;
    double slow;
    unsigned follow;                       /* ticks left following the fast estimate */
    double last_w;                         /* change weight of the last tick, for tests */
} ebb_env_adapt;

/* Fills defaults (zero fields) and clamps to the valid range; returns the state ready. */
void ebb_env_adapt_init(ebb_env_adapt *a, const ebb_env_adapt_desc *desc);

/* Takes one tick's mean square (µV²) and returns the envelope in µV. */
double ebb_env_adapt_step(ebb_env_adapt *a, double mean_square);

#endif
