/* Synthetic breath recordings and their truth, and the scoring of detected phases against it.
 * Shared by the unit test, the generator for the capture tests and the bench (header only,
 * C11 + libm + core/dsp_filter.h).
 *
 * A breath near a microphone: band-passed noise whose amplitude rises with a raised-cosine
 * attack and falls with a raised-cosine decay, out-breaths about 10 dB louder than
 * in-breaths, each breath's loudness varying by ±20 %, over a room-noise floor (low-passed
 * noise, a fan or a distant road, 30 dB under the out-breaths). The truth of a breath is the
 * stretch where its burst sounds, from the start of the attack to the end of the decay. */
#ifndef EBB_TEST_BREATH_SIGNAL_H
#define EBB_TEST_BREATH_SIGNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/breath_detect.h"
#include "core/dsp_filter.h"

#define BS_ATTACK_S 0.25
#define BS_DECAY_S 0.35
#define BS_ROOM_RMS 0.0015
#define BS_OUT_RMS 0.045
#define BS_IN_RMS 0.014

typedef struct bs_truth {
    double t0, t1;          /* seconds */
    ebb_breath_phase phase; /* IN or OUT */
} bs_truth;

typedef struct bs_rng {
    uint64_t s;
} bs_rng;

static inline double bs_uniform(bs_rng *r)
{
    r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(r->s >> 11) * (1.0 / 9007199254740992.0);
}

/* Roughly Gaussian (sum of four uniforms), unit variance. */
static inline double bs_gauss(bs_rng *r)
{
    return (bs_uniform(r) + bs_uniform(r) + bs_uniform(r) + bs_uniform(r) - 2.0) * 1.7320508;
}

static inline double bs_envelope(double t, double t0, double t1)
{
    const double pi = 3.14159265358979323846;
    if (t < t0 || t >= t1) {
        return 0.0;
    }
    if (t - t0 < BS_ATTACK_S) {
        const double s = sin(0.5 * pi * (t - t0) / BS_ATTACK_S);
        return s * s;
    }
    if (t1 - t < BS_DECAY_S) {
        const double s = sin(0.5 * pi * (t1 - t) / BS_DECAY_S);
        return s * s;
    }
    return 1.0;
}

/* The schedule at 6 or 12 (or any) breaths a minute from start_s to end_s: in 35 %, pause
 * 5 %, out 50 %, pause 10 % of each cycle (a long, easy out-breath). Returns the count. */
static inline size_t bs_schedule(double bpm, double start_s, double end_s, bs_truth *truth,
                                 size_t max)
{
    const double cycle = 60.0 / bpm;
    size_t n = 0;
    for (double t = start_s; t + cycle <= end_s + 1e-9 && n + 2 <= max; t += cycle) {
        truth[n++] = (bs_truth){t, t + 0.35 * cycle, EBB_BREATH_IN};
        truth[n++] = (bs_truth){t + 0.40 * cycle, t + 0.90 * cycle, EBB_BREATH_OUT};
    }
    return n;
}

/* Writes n samples at rate: the room floor, the breaths of `truth`, and clicks (a 4 ms
 * broadband transient, as loud as a keyboard next to a laptop's microphone) at the times in
 * `clicks`. */
static inline void bs_render_room(float *out, size_t n, unsigned rate, const bs_truth *truth,
                                  size_t n_truth, const double *clicks, size_t n_clicks,
                                  uint64_t seed, double room_rms)
{
    bs_rng rng = {seed * 2654435761u + 1u};
    ebb_biquad room, breath_hp, breath_lp;
    const double fs = (double)rate;
    ebb_biquad_design(&room, EBB_BIQUAD_LOWPASS, fs, 800.0, 0.7071);
    ebb_biquad_design(&breath_hp, EBB_BIQUAD_HIGHPASS, fs, 150.0, 0.7071);
    ebb_biquad_design(&breath_lp, EBB_BIQUAD_LOWPASS, fs, fs * 0.45 < 3000.0 ? fs * 0.45 : 3000.0,
                      0.7071);
    double *gain = malloc((n_truth ? n_truth : 1) * sizeof *gain);
    for (size_t i = 0; i < n_truth; i++) {
        gain[i] = (truth[i].phase == EBB_BREATH_OUT ? BS_OUT_RMS : BS_IN_RMS) *
                  (0.8 + 0.4 * bs_uniform(&rng));
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const double t = (double)i / fs;
        double x = ebb_biquad_run(&room, bs_gauss(&rng)) * room_rms * 2.0;
        while (k < n_truth && truth[k].t1 <= t) {
            k++;
        }
        const double w = bs_gauss(&rng);
        const double bn = ebb_biquad_run(&breath_lp, ebb_biquad_run(&breath_hp, w));
        if (k < n_truth) {
            x += bn * gain[k] * bs_envelope(t, truth[k].t0, truth[k].t1);
        }
        for (size_t c = 0; c < n_clicks; c++) {
            const double dt = t - clicks[c];
            if (dt >= 0.0 && dt < 0.004) {
                x += 0.4 * bs_gauss(&rng) * exp(-dt / 0.001);
            }
        }
        out[i] = (float)x;
    }
    free(gain);
}

static inline void bs_render(float *out, size_t n, unsigned rate, const bs_truth *truth,
                             size_t n_truth, const double *clicks, size_t n_clicks, uint64_t seed)
{
    bs_render_room(out, n, rate, truth, n_truth, clicks, n_clicks, seed, BS_ROOM_RMS);
}

/* ---- scoring --------------------------------------------------------------------------- */

typedef struct bs_score {
    unsigned changes;       /* phase changes in the truth (starts and ends of breaths) */
    unsigned changes_found; /* ... matched by a detected change into the same phase */
    double delay_mean_ms;   /* mean |detected - truth| over those found */
    double delay_max_ms;    /* the largest */
    unsigned breaths, missed;        /* truth breaths, and those no detected sound of the
                                        same kind overlaps */
    unsigned detected, false_alarms; /* detected breaths (sounds of EBB_BREATH_MIN_MS or
                                        more), and those no truth breath of the same kind
                                        overlaps */
} bs_score;

/* phases[i] is the detected phase of tick i (time i·10 ms). `window_ms`: how far a detected
 * change may sit from the truth to be matched. */
static inline bs_score bs_compare(const ebb_breath_phase *phases, size_t n_ticks,
                                  const bs_truth *truth, size_t n_truth, double window_ms)
{
    bs_score s = {0};
    double sum = 0.0;
    for (size_t i = 0; i < n_truth; i++) {
        const double at[2] = {truth[i].t0, truth[i].t1};
        const ebb_breath_phase into[2] = {truth[i].phase, EBB_BREATH_PAUSE};
        for (int e = 0; e < 2; e++) {
            s.changes++;
            double best = 1e9;
            for (size_t k = 1; k < n_ticks; k++) {
                if (phases[k] == into[e] && phases[k - 1] != into[e]) {
                    const double d = (double)k * 10.0 - at[e] * 1000.0;
                    if (fabs(d) < fabs(best)) {
                        best = d;
                    }
                }
            }
            if (fabs(best) <= window_ms) {
                s.changes_found++;
                sum += fabs(best);
                if (fabs(best) > s.delay_max_ms) {
                    s.delay_max_ms = fabs(best);
                }
            }
        }
        /* missed: no tick inside the breath detected as its kind */
        s.breaths++;
        bool seen = false;
        for (size_t k = (size_t)(truth[i].t0 * 100.0); k < n_ticks && k < (size_t)(truth[i].t1 * 100.0); k++) {
            seen = seen || phases[k] == truth[i].phase;
        }
        s.missed += !seen;
    }
    s.delay_mean_ms = s.changes_found ? sum / s.changes_found : 0.0;
    /* detected sounds */
    for (size_t k = 0; k < n_ticks;) {
        if (phases[k] == EBB_BREATH_PAUSE) {
            k++;
            continue;
        }
        size_t e = k;
        while (e < n_ticks && phases[e] == phases[k]) {
            e++;
        }
        if ((e - k) * 10u >= EBB_BREATH_MIN_MS) {
            s.detected++;
            bool overlaps = false;
            for (size_t i = 0; i < n_truth; i++) {
                overlaps = overlaps || (truth[i].phase == phases[k] &&
                                        truth[i].t0 * 100.0 < (double)e &&
                                        truth[i].t1 * 100.0 > (double)k);
            }
            s.false_alarms += !overlaps;
        }
        k = e;
    }
    return s;
}

#endif
