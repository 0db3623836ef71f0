/* A synthetic surface-EMG test signal, shared by the generator, the unit tests and the bench.
 *
 * Resting noise (3 µV rms), mains hum (50 Hz at 100 µV plus its 3rd harmonic at 30 µV) and
 * three contractions: band-limited Gaussian noise bursts (30..300 Hz, 50 µV rms) at known
 * times. Values are in sound-card units, full scale 1.0 = EBB_EMG_FULL_SCALE_UV. The noise
 * comes from a fixed-seed xorshift, so every run and every machine gets the same samples. */
#ifndef EBB_TEST_EMG_SIGNAL_H
#define EBB_TEST_EMG_SIGNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dsp.h"

typedef struct emg_burst {
    double start_s;
    double length_s;
} emg_burst;

static const emg_burst emg_bursts[] = {{1.00, 0.80}, {2.50, 1.00}, {4.20, 0.60}};
#define EMG_BURSTS (sizeof emg_bursts / sizeof emg_bursts[0])
#define EMG_SIGNAL_S 6.0      /* total length; the last 1.2 s are rest */
#define EMG_REST_UV 3.0
#define EMG_BURST_UV 50.0
#define EMG_HUM_UV 100.0
#define EMG_HUM3_UV 30.0

typedef struct emg_gen {
    double fs;
    double mains;
    uint64_t rng;
    uint64_t n;             /* samples made */
    ebb_biquad rest_bp[2];  /* shapes the rest noise like the sEMG band */
    ebb_biquad burst_bp[2];
} emg_gen;

static inline double emg_uniform(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return ((double)(*s >> 11) + 0.5) / 9007199254740992.0; /* (0,1) */
}

static inline double emg_gauss(uint64_t *s)
{
    const double u1 = emg_uniform(s), u2 = emg_uniform(s);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* Upper band edge at a low sample rate (an amplifier at 200 Hz cannot carry 300 Hz): the
 * bursts then keep what the rate allows, as a real recording at that rate would. */
static inline double emg_top(double fs, double hi)
{
    return hi < 0.45 * fs ? hi : 0.45 * fs;
}

static inline void emg_gen_init(emg_gen *g, double fs, double mains, uint64_t seed)
{
    g->fs = fs;
    g->mains = mains;
    g->rng = seed ? seed : 0x9E3779B97F4A7C15ull;
    g->n = 0;
    ebb_biquad_design(&g->rest_bp[0], EBB_BIQUAD_HIGHPASS, fs, 20.0, 0.7071);
    ebb_biquad_design(&g->rest_bp[1], EBB_BIQUAD_LOWPASS, fs, emg_top(fs, 450.0), 0.7071);
    ebb_biquad_design(&g->burst_bp[0], EBB_BIQUAD_HIGHPASS, fs, 30.0, 0.7071);
    ebb_biquad_design(&g->burst_bp[1], EBB_BIQUAD_LOWPASS, fs, emg_top(fs, 300.0), 0.7071);
}

/* Gain that turns unit-variance white noise through the band-pass into unit rms, so the
 * stated µV levels hold at every rate: a 2nd-order Butterworth pair keeps about
 * 1.11 * (hi - lo) / (fs/2) of white noise power (its equivalent noise bandwidth). */
static inline double emg_band_norm(double fs, double lo, double hi)
{
    const double kept = 1.1107 * (hi - lo) / (fs / 2.0);
    return 1.0 / sqrt(kept);
}

static inline int emg_in_burst(double t)
{
    for (size_t i = 0; i < EMG_BURSTS; i++) {
        if (t >= emg_bursts[i].start_s && t < emg_bursts[i].start_s + emg_bursts[i].length_s) {
            return 1;
        }
    }
    return 0;
}

/* Next sample in sound-card units. hum_on/bursts_on select components (for unit tests). */
static inline float emg_gen_next(emg_gen *g, int hum_on)
{
    const double t = (double)g->n / g->fs;
    g->n++;
    const double rest_k = emg_band_norm(g->fs, 20.0, emg_top(g->fs, 450.0));
    const double burst_k = emg_band_norm(g->fs, 30.0, emg_top(g->fs, 300.0));
    double r = emg_gauss(&g->rng);
    r = ebb_biquad_run(&g->rest_bp[1], ebb_biquad_run(&g->rest_bp[0], r));
    double b = emg_gauss(&g->rng);
    b = ebb_biquad_run(&g->burst_bp[1], ebb_biquad_run(&g->burst_bp[0], b));
    double uv = EMG_REST_UV * rest_k * r;
    if (emg_in_burst(t)) {
        uv += EMG_BURST_UV * burst_k * b;
    }
    if (hum_on) {
        const double w = 6.283185307179586 * g->mains * t;
        /* An amplifier's anti-alias filter removes what lies above its Nyquist: a low-rate
         * recording keeps only the harmonics below 0.45 fs. */
        uv += EMG_HUM_UV * sin(w);
        if (3.0 * g->mains < 0.45 * g->fs) {
            uv += EMG_HUM3_UV * sin(3.0 * w + 0.3);
        }
    }
    return (float)(uv / (double)EBB_EMG_FULL_SCALE_UV);
}

/* Onsets: upward crossings of `on`, re-armed after falling below `off`. Returns the count
 * (at most max), as tick indices. */
static inline size_t emg_onsets(const float *env, size_t n, float on, float off, size_t *out,
                                size_t max)
{
    size_t k = 0;
    int armed = 1;
    for (size_t i = 0; i < n; i++) {
        if (armed && env[i] >= on) {
            if (k < max) {
                out[k] = i;
            }
            k++;
            armed = 0;
        } else if (!armed && env[i] < off) {
            armed = 1;
        }
    }
    return k;
}

#endif
