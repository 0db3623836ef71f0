/* The adaptive EMG envelope: steady while the level holds, quick when it moves.
 *
 * A fixed averaging window cannot do both: the 100 ms moving RMS trembles by 9.5 % on a
 * steady contraction and reaches half of a step after 33 ms; a longer window trembles less
 * and follows later. This one blends a fast and a slow estimate with a change detector:
 *
 *   fast  = mean square over the last `fast_ticks` ticks (30 ms)
 *   slow  = exponential average of each tick's mean square (time constant `slow_ms`, 300 ms)
 *   w     = 0 while the detector sees no change, 1 on a clear one, linear between
 *   slow += w · (fast − slow)   then the output is sqrt(slow)
 *
 * While the person holds still the output is the slow average. A squeeze or a release moves
 * the fast estimate by far more than its own noise, w goes to 1 and the output jumps to the
 * fast value: the rise and the fall are both as quick as a 30 ms window, so letting go is
 * shown as quickly as squeezing. It plays the role of the speed term in the 1€ filter
 * (Casiez et al., CHI 2012), measured against the signal's own noise rather than as a raw
 * derivative.
 *
 * Two detectors (docs/signal.md compares them):
 *
 *  - EBB_ADAPT_NOISE (default). A tick's mean square of band-limited noise is a scaled
 *    chi-square with N degrees of freedom, N ≈ 2 × bandwidth × 10 ms (`dof`, from the band
 *    the pipeline keeps: about 7 for the 30..300 Hz sEMG band, 2 at 250 Hz). The log of it
 *    then has a known mean and spread (digamma and trigamma of N/2), whatever the level, so
 *    both tests below are in standard deviations of that noise:
 *      z    = (ln(fast / slow) − bias) / sd, for fast's F·N degrees of freedom:
 *             a jump; w ramps from 0 at `threshold` (3 sd) to 1 at twice it;
 *      CUSUM (Page 1954) on each tick's z: up += z − k, down −= z + k (floored at 0, k =
 *             `cusum_k`, 1 sd): a ramp too slow for one tick to show but steady in one
 *             direction; w ramps from 0 at `cusum_h` (3 sd) to 1 at twice it.
 *    Noise moves up and down at random and the sums drain; a real rise adds up. On the
 *    recording this shows onsets at 20 ms against 34 ms for the jump test alone, and it
 *    tells noise from change equally well at 1 kHz and 8 kHz (ripple 4.8 % and 4.1 %; the
 *    log-ratio detector gave 7.5 and 5.7 %).
 *  - EBB_ADAPT_LOG (before): d = |ln(fast / slow)| / 2, w from `threshold` (0.35 in log
 *    amplitude) to twice it.
 *
 * Works per 10 ms tick on mean squares, so it costs nothing per sample. Pure code. */
#ifndef EBB_DSP_ENVELOPE_H
#define EBB_DSP_ENVELOPE_H

#include <stddef.h>

#define EBB_ENV_FAST_TICKS_MAX 10u

typedef enum ebb_adapt_detector {
    EBB_ADAPT_NOISE = 0, /* jump and CUSUM tests in standard deviations of the noise */
    EBB_ADAPT_LOG,       /* log-ratio threshold alone (before) */
    EBB_ADAPT_COUNT
} ebb_adapt_detector;

typedef struct ebb_env_adapt_desc {
    unsigned fast_ticks; /* 3 (30 ms) */
    double slow_ms;      /* 300 ms */
    ebb_adapt_detector detector;
    double threshold;    /* NOISE: 3.0 sd; LOG: 0.35 (log amplitude) */
    double dof;          /* NOISE: degrees of freedom of one tick's mean square, 7 */
    double cusum_k;      /* NOISE: drift allowance, 1.0 sd per tick */
    double cusum_h;      /* NOISE: decision level, 3.0 sd */
} ebb_env_adapt_desc;

typedef struct ebb_env_adapt {
    ebb_env_adapt_desc desc;
    double alpha;                          /* per tick, from slow_ms */
    double sd1, bias1, sd_fast, bias_fast; /* log noise of one tick and of the fast window */
    double ring[EBB_ENV_FAST_TICKS_MAX];   /* recent tick mean squares */
    size_t pos, filled;
    double slow;
    double up, down;                       /* CUSUM sums */
    unsigned follow;                       /* ticks left following the fast estimate */
    double last_w;                         /* change weight of the last tick, for tests */
} ebb_env_adapt;

/* Fills defaults (zero fields) and clamps to the valid range; returns the state ready. */
void ebb_env_adapt_init(ebb_env_adapt *a, const ebb_env_adapt_desc *desc);

/* Takes one tick's mean square (µV²) and returns the envelope in µV. */
double ebb_env_adapt_step(ebb_env_adapt *a, double mean_square);

/* Degrees of freedom of one 10 ms tick's mean square for the sEMG band (30..300 Hz) cut
 * at `lowpass_hz`: 2 × 1.3 × bandwidth × 10 ms (the 1.3 is the filters' skirts, measured:
 * 7.1 at 8 kHz, 6.3 at 1 kHz, 2.2 at 250 Hz). Never below 1. */
double ebb_env_adapt_dof(double lowpass_hz);

#endif
