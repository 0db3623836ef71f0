/* Onset and release lag of an envelope on a recording, against a zero-phase reference.
 * Shared by the unit tests (which assert bounds) and the bench (which prints figures).
 *
 * Reference: the recording band-passed forward and backward (the pipeline's high-pass,
 * notches and low-pass, so no phase shift is left), squared, and averaged over a 40 ms
 * window centred on each tick's end: what the muscle did, free of any filter's delay. (A
 * centred window sees a sharp step up to half its width early, so the lags below include
 * up to 20 ms of that; a 100 ms window would add up to 50 ms to every causal envelope.)
 * Thresholds come from the reference: rest R = median tick, active A = 99th percentile;
 * a burst starts when a curve rises through on = sqrt(R·A) (the geometric middle) and ends
 * when it falls back through it; it re-arms only after falling below sqrt(R·on), so noise
 * around the threshold is one burst, not many. Times are interpolated between ticks.
 * Each reference onset is matched with the first envelope onset from 50 ms before it to
 * 700 ms after; reference bursts without one are missed, envelope bursts without one are
 * extra. The lag of a release is measured the same way from the matched burst's end. */
#ifndef EBB_TEST_EMG_ONSETS_H
#define EBB_TEST_EMG_ONSETS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dsp.h"

#define EMG_O_MAX_BURSTS 64

typedef struct emg_recording {
    float *x;      /* sound-card units */
    size_t n;
    unsigned rate;
} emg_recording;

/* Reads a 16-bit mono PCM WAV (as tests/data holds). Returns 0, or -1. */
static inline int emg_o_load_wav(const char *path, emg_recording *r)
{
    memset(r, 0, sizeof *r);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return -1;
    }
    unsigned char h[12], c[8];
    int ok = fread(h, 1, 12, f) == 12 && memcmp(h, "RIFF", 4) == 0;
    while (ok && fread(c, 1, 8, f) == 8) {
        const unsigned long size = (unsigned long)c[4] | (unsigned long)c[5] << 8 |
                                   (unsigned long)c[6] << 16 | (unsigned long)c[7] << 24;
        if (memcmp(c, "fmt ", 4) == 0) {
            unsigned char fm[16];
            ok = size >= 16 && fread(fm, 1, 16, f) == 16 && fm[0] == 1 && fm[2] == 1 &&
                 fm[14] == 16 && fseek(f, (long)size - 16, SEEK_CUR) == 0;
            r->rate = (unsigned)fm[4] | (unsigned)fm[5] << 8 | (unsigned)fm[6] << 16;
        } else if (memcmp(c, "data", 4) == 0) {
            r->n = size / 2;
            r->x = malloc(r->n * sizeof *r->x);
            for (size_t i = 0; r->x && i < r->n; i++) {
                unsigned char b[2];
                if (fread(b, 1, 2, f) != 2) {
                    r->n = i;
                    break;
                }
                r->x[i] = (float)(short)(unsigned short)(b[0] | b[1] << 8) / 32768.0f;
            }
            break;
        } else if (fseek(f, (long)(size + (size & 1u)), SEEK_CUR) != 0) {
            ok = 0;
        }
    }
    fclose(f);
    return ok && r->x && r->rate ? 0 : -1;
}

/* The reference envelope, one value per tick (as many as the pipeline gives). */
static inline size_t emg_o_reference(const emg_recording *r, unsigned mains, float *ref,
                                     size_t max)
{
    const double fs = (double)r->rate;
    double *y = malloc(r->n * sizeof *y);
    if (!y) {
        return 0;
    }
    ebb_biquad st[2 + 2 + EBB_EMG_NOTCH_MAX];
    size_t ns = 0;
    const double lp = fmin(450.0, 0.45 * fs);
    ebb_biquad_design(&st[ns++], EBB_BIQUAD_HIGHPASS, fs, 20.0, EBB_BUTTER4_Q1);
    ebb_biquad_design(&st[ns++], EBB_BIQUAD_HIGHPASS, fs, 20.0, EBB_BUTTER4_Q2);
    ebb_biquad_design(&st[ns++], EBB_BIQUAD_LOWPASS, fs, lp, EBB_BUTTER4_Q1);
    ebb_biquad_design(&st[ns++], EBB_BIQUAD_LOWPASS, fs, lp, EBB_BUTTER4_Q2);
    for (unsigned h = mains; mains && h <= fmin(2.0 * lp, 0.45 * fs) &&
                             ns < sizeof st / sizeof st[0]; h += mains) {
        ebb_biquad_design(&st[ns++], EBB_BIQUAD_NOTCH, fs, h, 30.0);
    }
    for (size_t i = 0; i < r->n; i++) {
        double s = (double)r->x[i] * EBB_EMG_FULL_SCALE_UV;
        for (size_t k = 0; k < ns; k++) {
            s = ebb_biquad_run(&st[k], s);
        }
        y[i] = s;
    }
    for (size_t k = 0; k < ns; k++) {
        ebb_biquad_reset(&st[k]);
    }
    for (size_t i = r->n; i-- > 0;) {
        double s = y[i];
        for (size_t k = 0; k < ns; k++) {
            s = ebb_biquad_run(&st[k], s);
        }
        y[i] = s * s;
    }
    const size_t half = r->rate / 50; /* 20 ms each side */
    size_t k = 0;
    for (; k < max; k++) {
        const size_t end = (size_t)(((uint64_t)k + 1) * r->rate / 100); /* tick k's end */
        if (end > r->n) {
            break;
        }
        const size_t a = end > half ? end - half : 0;
        const size_t b = end + half < r->n ? end + half : r->n;
        double sum = 0.0;
        for (size_t i = a; i < b; i++) {
            sum += y[i];
        }
        ref[k] = (float)sqrt(sum / (double)(b - a));
    }
    free(y);
    return k;
}

/* Runs the recording through a pipeline; returns the number of ticks written. */
static inline size_t emg_o_run(const emg_recording *r, const ebb_emg_desc *d, float *ticks,
                               size_t max, ebb_emg_mains *mains)
{
    ebb_emg *e = ebb_emg_create(d, NULL, 0);
    if (!e) {
        return 0;
    }
    size_t k = 0;
    for (size_t i = 0; i < r->n; i += 64) {
        const size_t n = r->n - i < 64 ? r->n - i : 64;
        ebb_emg_feed(e, r->x + i, n);
        while (k < max && ebb_emg_next_tick(e, &ticks[k])) {
            k++;
        }
    }
    if (mains) {
        *mains = ebb_emg_get_mains(e);
    }
    ebb_emg_destroy(e);
    return k;
}

typedef struct emg_o_events {
    size_t n;
    double on_ms[EMG_O_MAX_BURSTS], off_ms[EMG_O_MAX_BURSTS];
} emg_o_events;

static inline double emg_o_when(const float *v, size_t i, float level)
{
    /* tick i holds the value at (i + 1) * 10 ms; interpolate from tick i - 1 */
    const double t1 = (double)(i + 1) * 10.0;
    if (i == 0 || v[i] == v[i - 1]) {
        return t1;
    }
    return t1 - 10.0 + 10.0 * (level - v[i - 1]) / (v[i] - v[i - 1]);
}

/* Bursts of v from tick `skip` on (skip the settling time). */
static inline void emg_o_events_find(const float *v, size_t n, size_t skip, float on,
                                     float off, emg_o_events *ev)
{
    memset(ev, 0, sizeof *ev);
    int state = 0; /* 0 armed, 1 in a burst, 2 ended, waiting to re-arm */
    for (size_t i = skip; i < n; i++) {
        if (state == 0 && v[i] >= on && i > skip) {
            if (ev->n < EMG_O_MAX_BURSTS) {
                ev->on_ms[ev->n] = emg_o_when(v, i, on);
                ev->off_ms[ev->n] = -1.0;
                ev->n++;
            }
            state = 1;
        } else if (state >= 1 && v[i] < on && v[i - 1] >= on && ev->n) {
            ev->off_ms[ev->n - 1] = emg_o_when(v, i, on);
            state = 2;
        } else if (state == 2 && v[i] >= on) {
            state = 1; /* back above before re-arming: the same burst */
        }
        if (state == 2 && v[i] < off) {
            state = 0;
        }
    }
}

static int emg_o_cmpd(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int emg_o_cmpf(const void *a, const void *b)
{
    const float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

typedef struct emg_o_figures {
    size_t bursts, missed, extra;
    double onset_median_ms, onset_max_ms;
    double release_median_ms, release_max_ms;
    double contrast; /* median burst plateau over median rest, of the envelope */
} emg_o_figures;

static inline double emg_o_median(double *v, size_t n)
{
    if (n == 0) {
        return -1.0;
    }
    qsort(v, n, sizeof *v, emg_o_cmpd);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Thresholds from the reference (see the top); figures of env against it. */
static inline void emg_o_compare(const float *ref, const float *env, size_t n, size_t skip,
                                 emg_o_figures *f)
{
    memset(f, 0, sizeof *f);
    float *sorted = malloc(n * sizeof *sorted);
    if (!sorted || n <= skip + 10) {
        free(sorted);
        return;
    }
    memcpy(sorted, ref + skip, (n - skip) * sizeof *sorted);
    qsort(sorted, n - skip, sizeof *sorted, emg_o_cmpf);
    const double rest = sorted[(n - skip) / 2], act = sorted[(n - skip) * 99 / 100];
    const float on = (float)sqrt(rest * act), off = (float)sqrt(rest * on);
    emg_o_events er, ee;
    emg_o_events_find(ref, n, skip, on, off, &er);
    emg_o_events_find(env, n, skip, on, off, &ee);
    double lag_on[EMG_O_MAX_BURSTS], lag_off[EMG_O_MAX_BURSTS];
    size_t n_on = 0, n_off = 0;
    int used[EMG_O_MAX_BURSTS] = {0};
    f->bursts = er.n;
    for (size_t i = 0; i < er.n; i++) {
        size_t j = 0;
        while (j < ee.n && (used[j] || ee.on_ms[j] < er.on_ms[i] - 50.0)) {
            j++;
        }
        if (j == ee.n || ee.on_ms[j] > er.on_ms[i] + 700.0) {
            f->missed++;
            continue;
        }
        used[j] = 1;
        lag_on[n_on++] = ee.on_ms[j] - er.on_ms[i];
        if (er.off_ms[i] > 0.0 && ee.off_ms[j] > 0.0) {
            lag_off[n_off++] = ee.off_ms[j] - er.off_ms[i];
        }
    }
    for (size_t j = 0; j < ee.n; j++) {
        f->extra += !used[j];
    }
    f->onset_median_ms = emg_o_median(lag_on, n_on);
    f->onset_max_ms = n_on ? lag_on[n_on - 1] : -1.0;
    f->release_median_ms = emg_o_median(lag_off, n_off);
    f->release_max_ms = n_off ? lag_off[n_off - 1] : -1.0;
    /* contrast: envelope during reference bursts against envelope at reference rest */
    size_t nb = 0, nr = 0;
    for (size_t i = skip; i < n; i++) {
        if (ref[i] >= on) {
            sorted[nb++] = env[i];
        }
    }
    qsort(sorted, nb, sizeof *sorted, emg_o_cmpf);
    const double burst = nb ? sorted[nb / 2] : 0.0;
    for (size_t i = skip; i < n; i++) {
        if (ref[i] < off) {
            sorted[nr++] = env[i];
        }
    }
    qsort(sorted, nr, sizeof *sorted, emg_o_cmpf);
    const double quiet = nr ? sorted[nr / 2] : 0.0;
    f->contrast = quiet > 0.0 ? burst / quiet : 0.0;
    free(sorted);
}

#endif
