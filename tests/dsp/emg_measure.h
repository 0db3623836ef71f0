/* Measurements of the envelope, shared by the unit tests (which assert bounds) and the bench
 * (which prints figures for docs/signal.md).
 *
 * Step response: band-limited noise (30..300 Hz, like sEMG) whose rms steps from 0 to
 * 50 µV at t = 1 s and back to 0 at t = 2 s; the tick envelopes of 32 noise seeds are
 * averaged, so the curve is the filter's response to the amplitude steps and not one noisy
 * realisation. The fall is measured as well as the rise: a slow decay would show letting go
 * later than it happens, and release time is what an overactive floor needs to see. Times are read with
 * linear interpolation between ticks; tick k holds the envelope at (k + 1) * 10 ms.
 * Ripple: a steady 50 µV rms burst for 20 s; ripple = standard deviation / mean of the tick
 * values (what the person sees as a trembling bar when holding still), and the 1st..99th
 * percentile band. */
#ifndef EBB_TEST_EMG_MEASURE_H
#define EBB_TEST_EMG_MEASURE_H

#include <stdlib.h>
#include <string.h>

#include "emg_signal.h"

typedef struct emg_step_figures {
    double t10_ms, t50_ms, t90_ms; /* after the step */
    double rise_ms;                /* t90 - t10 */
    double overshoot_pct;
    double fall50_ms, fall90_ms;   /* after the release: down by half, and by 90 % */
    double ripple_pct;             /* std / mean in steady state */
    double band_pct;               /* (p99 - p1) / mean */
    double level_uv;               /* steady mean */
} emg_step_figures;

#define EMG_M_SEEDS 32
#define EMG_M_TICKS 300            /* 3 s: 1 s rest, 1 s contraction, 1 s rest */
#define EMG_M_STEP 100
#define EMG_M_RELEASE 200
#define EMG_M_RIPPLE_TICKS 2000    /* 20 s */

/* Runs n samples of burst-band noise at rms `uv` (0 = silence) into e, appending ticks. */
static inline size_t emg_m_run(ebb_emg *e, emg_gen *g, size_t n, double uv, float *ticks,
                               size_t at, size_t max)
{
    const double k = emg_band_norm(g->fs, 30.0, emg_top(g->fs, 300.0)) * uv / (double)EBB_EMG_FULL_SCALE_UV;
    for (size_t i = 0; i < n; i++) {
        double b = emg_gauss(&g->rng);
        b = ebb_biquad_run(&g->burst_bp[1], ebb_biquad_run(&g->burst_bp[0], b));
        const float x = (float)(k * b);
        ebb_emg_feed(e, &x, 1);
        while (at < max && ebb_emg_next_tick(e, &ticks[at])) {
            at++;
        }
    }
    return at;
}

/* Time (ms after the step) where the averaged curve first reaches `level` (or, with
 * `down`, first falls to it). */
static inline double emg_m_cross_dir(const double *avg, size_t step_tick, double level,
                                     int down)
{
    for (size_t i = step_tick; i < EMG_M_TICKS; i++) {
        if (down ? avg[i] <= level : avg[i] >= level) {
            const double t1 = (double)(i + 1) * 10.0;
            const double t0 = t1 - 10.0;
            const double f = i > 0 ? (level - avg[i - 1]) / (avg[i] - avg[i - 1]) : 0.0;
            return t0 + f * (t1 - t0) - (double)step_tick * 10.0;
        }
    }
    return -1.0;
}

static inline double emg_m_cross(const double *avg, size_t step_tick, double level)
{
    return emg_m_cross_dir(avg, step_tick, level, 0);
}

static int emg_m_cmp(const void *a, const void *b)
{
    const float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Fills f for the pipeline described by d (sample_rate set). Returns 0, or -1 on error. */
static inline int emg_measure(const ebb_emg_desc *d, emg_step_figures *f)
{
    static double avg[EMG_M_TICKS];
    static float ticks[EMG_M_RIPPLE_TICKS + 8];
    memset(avg, 0, sizeof avg);
    memset(f, 0, sizeof *f);
    const size_t fs = d->sample_rate, step_tick = EMG_M_STEP;
    for (uint64_t s = 1; s <= EMG_M_SEEDS; s++) {
        ebb_emg *e = ebb_emg_create(d, NULL, 0);
        if (!e) {
            return -1;
        }
        emg_gen g;
        emg_gen_init(&g, (double)fs, 50.0, s * 7919u);
        size_t n = emg_m_run(e, &g, fs, 0.0, ticks, 0, EMG_M_TICKS);
        n = emg_m_run(e, &g, fs, EMG_BURST_UV, ticks, n, EMG_M_TICKS);
        n = emg_m_run(e, &g, fs, 0.0, ticks, n, EMG_M_TICKS);
        for (size_t i = 0; i < n; i++) {
            avg[i] += ticks[i] / EMG_M_SEEDS;
        }
        ebb_emg_destroy(e);
    }
    double final = 0.0, peak = 0.0;
    for (size_t i = EMG_M_RELEASE - 40; i < EMG_M_RELEASE; i++) {
        final += avg[i] / 40.0;
    }
    for (size_t i = step_tick; i < EMG_M_RELEASE; i++) {
        peak = avg[i] > peak ? avg[i] : peak;
    }
    const double base = avg[step_tick - 1];
    f->t10_ms = emg_m_cross(avg, step_tick, base + 0.1 * (final - base));
    f->t50_ms = emg_m_cross(avg, step_tick, base + 0.5 * (final - base));
    f->t90_ms = emg_m_cross(avg, step_tick, base + 0.9 * (final - base));
    f->rise_ms = f->t90_ms - f->t10_ms;
    f->overshoot_pct = 100.0 * (peak - final) / (final - base);
    f->fall50_ms = emg_m_cross_dir(avg, EMG_M_RELEASE, final - 0.5 * (final - base), 1);
    f->fall90_ms = emg_m_cross_dir(avg, EMG_M_RELEASE, final - 0.9 * (final - base), 1);

    ebb_emg *e = ebb_emg_create(d, NULL, 0);
    if (!e) {
        return -1;
    }
    emg_gen g;
    emg_gen_init(&g, (double)fs, 50.0, 12345);
    emg_m_run(e, &g, fs, EMG_BURST_UV, ticks, 0, EMG_M_RIPPLE_TICKS); /* settle, dropped */
    const size_t n = emg_m_run(e, &g, fs * 20, EMG_BURST_UV, ticks, 0, EMG_M_RIPPLE_TICKS);
    ebb_emg_destroy(e);
    double sum = 0.0, sq = 0.0;
    for (size_t i = 0; i < n; i++) {
        sum += ticks[i];
    }
    const double m = sum / (double)n;
    for (size_t i = 0; i < n; i++) {
        sq += (ticks[i] - m) * (ticks[i] - m);
    }
    qsort(ticks, n, sizeof ticks[0], emg_m_cmp);
    f->level_uv = m;
    f->ripple_pct = 100.0 * sqrt(sq / (double)n) / m;
    f->band_pct = 100.0 * (ticks[n * 99 / 100] - ticks[n / 100]) / m;
    return 0;
}

#endif
