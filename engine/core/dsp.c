#include "core/dsp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/frame.h"

#define DSP_PI 3.14159265358979323846

/* ---- biquads --------------------------------------------------------------------------------- */

static void biquad_passthrough(ebb_biquad *bq)
{
    memset(bq, 0, sizeof *bq);
    bq->b0 = 1.0;
}

bool ebb_biquad_design(ebb_biquad *bq, ebb_biquad_type type, double fs, double f0, double q)
{
    biquad_passthrough(bq);
    if (!(fs > 0.0) || !(f0 > 0.0) || !(f0 < fs / 2.0) || !(q > 0.0)) {
        return false;
    }
    const double w0 = 2.0 * DSP_PI * f0 / fs;
    const double cw = cos(w0);
    const double alpha = sin(w0) / (2.0 * q);
    double b0, b1, b2;
    switch (type) {
    case EBB_BIQUAD_LOWPASS:
        b0 = (1.0 - cw) / 2.0;
        b1 = 1.0 - cw;
        b2 = b0;
        break;
    case EBB_BIQUAD_HIGHPASS:
        b0 = (1.0 + cw) / 2.0;
        b1 = -(1.0 + cw);
        b2 = b0;
        break;
    case EBB_BIQUAD_NOTCH:
        b0 = 1.0;
        b1 = -2.0 * cw;
        b2 = 1.0;
        break;
    default:
        return false;
    }
    const double a0 = 1.0 + alpha;
    bq->b0 = b0 / a0;
    bq->b1 = b1 / a0;
    bq->b2 = b2 / a0;
    bq->a1 = -2.0 * cw / a0;
    bq->a2 = (1.0 - alpha) / a0;
    return true;
}

void ebb_biquad_reset(ebb_biquad *bq)
{
    bq->z1 = 0.0;
    bq->z2 = 0.0;
}

double ebb_biquad_gain_db(const ebb_biquad *bq, double fs, double f)
{
    /* H(e^jw) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) */
    const double w = 2.0 * DSP_PI * f / fs;
    const double c1 = cos(w), s1 = sin(w), c2 = cos(2.0 * w), s2 = sin(2.0 * w);
    const double nr = bq->b0 + bq->b1 * c1 + bq->b2 * c2;
    const double ni = -(bq->b1 * s1 + bq->b2 * s2);
    const double dr = 1.0 + bq->a1 * c1 + bq->a2 * c2;
    const double di = -(bq->a1 * s1 + bq->a2 * s2);
    const double num = nr * nr + ni * ni;
    const double den = dr * dr + di * di;
    if (num <= 0.0) {
        return -400.0; /* an exact zero (notch centre): report "very deep" rather than -inf */
    }
    return 10.0 * log10(num / den);
}

/* ---- the pipeline ---------------------------------------------------------------------------- */

struct ebb_emg {
    ebb_emg_desc desc;
    float scale;                 /* full_scale_uv */
    ebb_biquad hp[2];
    ebb_biquad lp[2];
    ebb_biquad notch[EBB_EMG_NOTCH_MAX];
    size_t notches;
    /* envelope */
    ebb_biquad env2;             /* LP2 */
    double env1_a, env1_y;       /* LP1: y += a (x - y) */
    double rms_block[EBB_EMG_RMS_TICKS_MAX]; /* sum of squares of each past tick */
    uint32_t rms_count[EBB_EMG_RMS_TICKS_MAX];
    size_t rms_pos;
    double rms_acc;              /* current tick's sum of squares and count */
    uint32_t rms_n;
    double env_now;              /* latest envelope sample */
    /* decimation to ticks: a phase accumulator so rates like 22050 Hz give exact 100 Hz */
    uint32_t phase;
    float queue[EBB_EMG_TICK_QUEUE];
    size_t q_head, q_count;
    ebb_emg_stats stats;
};

static bool emg_fail(char *err, size_t size, const char *msg, double value)
{
    if (err && size) {
        snprintf(err, size, msg, value);
    }
    return false;
}

/* Fills defaults and checks ranges; messages name the field and the fix. */
static bool emg_resolve(ebb_emg_desc *d, char *err, size_t size)
{
    if (d->sample_rate < EBB_EMG_RATE_MIN || d->sample_rate > EBB_EMG_RATE_MAX) {
        return emg_fail(err, size,
                        "sample rate %.0f Hz is outside 8000..48000 Hz; open the sound card "
                        "at 8000, 16000, 44100 or 48000 Hz", (double)d->sample_rate);
    }
    const double fs = (double)d->sample_rate;
    if (d->mains_hz == 0) {
        d->mains_hz = 50;
    }
    if (d->mains_hz != 50 && d->mains_hz != 60) {
        return emg_fail(err, size, "mains frequency %.0f Hz is not 50 or 60; use 50 (Europe, "
                        "Asia, Africa, Australia) or 60 (the Americas)", (double)d->mains_hz);
    }
    if (d->highpass_hz == 0.0) {
        d->highpass_hz = 20.0;
    }
    if (d->lowpass_hz == 0.0) {
        d->lowpass_hz = 450.0;
    }
    if (d->lowpass_hz > 0.45 * fs) {
        d->lowpass_hz = 0.45 * fs;
    }
    if (!(d->highpass_hz > 0.0) || !(d->highpass_hz < d->lowpass_hz)) {
        return emg_fail(err, size, "high-pass corner %.1f Hz must be above 0 and below the "
                        "low-pass corner; use 20 Hz", d->highpass_hz);
    }
    if (d->notch_q == 0.0) {
        d->notch_q = 30.0;
    }
    if (!(d->notch_q > 0.5)) {
        return emg_fail(err, size, "notch Q %.2f is too low; use 30", d->notch_q);
    }
    if (d->notch_max_hz == 0.0) {
        d->notch_max_hz = 2.0 * d->lowpass_hz;
    }
    if ((unsigned)d->envelope >= (unsigned)EBB_ENVELOPE_COUNT) {
        return emg_fail(err, size, "envelope kind %.0f is unknown; use EBB_ENVELOPE_RMS",
                        (double)d->envelope);
    }
    if (d->envelope_hz == 0.0) {
        d->envelope_hz = d->envelope == EBB_ENVELOPE_LP1 ? 3.0 : 4.0;
    }
    if (!(d->envelope_hz > 0.0) || !(d->envelope_hz <= 40.0)) {
        return emg_fail(err, size, "envelope corner %.1f Hz must be in 0..40 Hz (ticks are "
                        "100 Hz); use 4 Hz", d->envelope_hz);
    }
    if (d->rms_ticks == 0) {
        d->rms_ticks = 10;
    }
    if (d->rms_ticks > EBB_EMG_RMS_TICKS_MAX) {
        return emg_fail(err, size, "moving-RMS window of %.0f ticks is longer than 32 ticks "
                        "(320 ms); use 10", (double)d->rms_ticks);
    }
    if (d->full_scale_uv == 0.0f) {
        d->full_scale_uv = EBB_EMG_FULL_SCALE_UV;
    }
    if (!(d->full_scale_uv > 0.0f) || !isfinite(d->full_scale_uv)) {
        return emg_fail(err, size, "full scale %.1f uV must be positive; use 1000",
                        (double)d->full_scale_uv);
    }
    return true;
}

static void emg_design(ebb_emg *e)
{
    const ebb_emg_desc *d = &e->desc;
    const double fs = (double)d->sample_rate;
    ebb_biquad_design(&e->hp[0], EBB_BIQUAD_HIGHPASS, fs, d->highpass_hz, EBB_BUTTER4_Q1);
    ebb_biquad_design(&e->hp[1], EBB_BIQUAD_HIGHPASS, fs, d->highpass_hz, EBB_BUTTER4_Q2);
    ebb_biquad_design(&e->lp[0], EBB_BIQUAD_LOWPASS, fs, d->lowpass_hz, EBB_BUTTER4_Q1);
    ebb_biquad_design(&e->lp[1], EBB_BIQUAD_LOWPASS, fs, d->lowpass_hz, EBB_BUTTER4_Q2);
    e->notches = 0;
    if (!d->no_notch) {
        /* Harmonics beyond twice the low-pass corner are already >= 24 dB down through the
         * 4th-order low-pass; notching them too would only cost time. Near Nyquist a notch
         * design degenerates, hence 0.47 fs. */
        const double top = fmin(d->notch_max_hz, 0.47 * fs);
        for (unsigned h = 1; e->notches < EBB_EMG_NOTCH_MAX; h++) {
            const double f = (double)(h * d->mains_hz);
            if (f > top) {
                break;
            }
            ebb_biquad_design(&e->notch[e->notches++], EBB_BIQUAD_NOTCH, fs, f, d->notch_q);
        }
    }
    ebb_biquad_design(&e->env2, EBB_BIQUAD_LOWPASS, fs, d->envelope_hz, 0.70710678118654752);
    e->env1_a = 1.0 - exp(-2.0 * DSP_PI * d->envelope_hz / fs);
}

void ebb_emg_reset(ebb_emg *e)
{
    const ebb_emg_desc d = e->desc;
    const float scale = e->scale;
    memset(e, 0, sizeof *e);
    e->desc = d;
    e->scale = scale;
    emg_design(e);
}

ebb_emg *ebb_emg_create(const ebb_emg_desc *desc, char *err, size_t err_size)
{
    ebb_emg_desc d = *desc;
    if (!emg_resolve(&d, err, err_size)) {
        return NULL;
    }
    ebb_emg *e = calloc(1, sizeof *e);
    if (!e) {
        emg_fail(err, err_size, "out of memory creating the EMG pipeline (%.0f bytes)",
                 (double)sizeof *e);
        return NULL;
    }
    e->desc = d;
    e->scale = d.full_scale_uv;
    emg_design(e);
    return e;
}

void ebb_emg_destroy(ebb_emg *e)
{
    free(e);
}

ebb_emg_desc ebb_emg_effective_desc(const ebb_emg *e)
{
    return e->desc;
}

static void emg_push_tick(ebb_emg *e, float v)
{
    if (e->q_count == EBB_EMG_TICK_QUEUE) {
        /* Nobody collected for 2.56 s: keep the newest, count what we overwrite. */
        e->q_head = (e->q_head + 1) % EBB_EMG_TICK_QUEUE;
        e->q_count--;
        e->stats.ticks_lost++;
    }
    e->queue[(e->q_head + e->q_count) % EBB_EMG_TICK_QUEUE] = v;
    e->q_count++;
    e->stats.ticks++;
}

static float emg_tick_value(ebb_emg *e)
{
    double v;
    if (e->desc.envelope == EBB_ENVELOPE_RMS) {
        e->rms_block[e->rms_pos] = e->rms_acc;
        e->rms_count[e->rms_pos] = e->rms_n;
        e->rms_pos = (e->rms_pos + 1) % e->desc.rms_ticks;
        e->rms_acc = 0.0;
        e->rms_n = 0;
        double sum = 0.0;
        uint64_t n = 0;
        for (size_t i = 0; i < e->desc.rms_ticks; i++) {
            sum += e->rms_block[i];
            n += e->rms_count[i];
        }
        v = n ? sqrt(sum / (double)n) : 0.0;
    } else {
        v = e->env_now;
    }
    /* The LP2 step response overshoots 4 %, and its ringing can dip a hair below zero after a
     * burst ends: an amplitude is never negative. */
    return v > 0.0 ? (float)v : 0.0f;
}

void ebb_emg_feed(ebb_emg *e, const float *x, size_t n)
{
    const uint32_t rate = e->desc.sample_rate;
    const ebb_envelope kind = e->desc.envelope;
    for (size_t i = 0; i < n; i++) {
        double s = (double)x[i];
        if (!isfinite(s)) {
            e->stats.non_finite++;
            s = 0.0;
        }
        s *= (double)e->scale;
        s = ebb_biquad_run(&e->hp[0], s);
        s = ebb_biquad_run(&e->hp[1], s);
        for (size_t k = 0; k < e->notches; k++) {
            s = ebb_biquad_run(&e->notch[k], s);
        }
        s = ebb_biquad_run(&e->lp[0], s);
        s = ebb_biquad_run(&e->lp[1], s);
        switch (kind) {
        case EBB_ENVELOPE_RMS:
            e->rms_acc += s * s;
            e->rms_n++;
            break;
        case EBB_ENVELOPE_LP2:
            e->env_now = ebb_biquad_run(&e->env2, fabs(s));
            break;
        case EBB_ENVELOPE_LP1:
            e->env1_y += e->env1_a * (fabs(s) - e->env1_y);
            e->env_now = e->env1_y;
            break;
        default:
            break;
        }
        e->phase += EBB_TICK_HZ;
        if (e->phase >= rate) {
            e->phase -= rate;
            emg_push_tick(e, emg_tick_value(e));
        }
    }
    e->stats.samples += n;
}

bool ebb_emg_next_tick(ebb_emg *e, float *uv)
{
    if (e->q_count == 0) {
        return false;
    }
    *uv = e->queue[e->q_head];
    e->q_head = (e->q_head + 1) % EBB_EMG_TICK_QUEUE;
    e->q_count--;
    return true;
}

size_t ebb_emg_ticks_waiting(const ebb_emg *e)
{
    return e->q_count;
}

size_t ebb_emg_samples_to_tick(const ebb_emg *e)
{
    const uint32_t left = e->desc.sample_rate - e->phase;
    return (size_t)((left + EBB_TICK_HZ - 1) / EBB_TICK_HZ);
}

ebb_emg_stats ebb_emg_get_stats(const ebb_emg *e)
{
    return e->stats;
}

size_t ebb_emg_notch_count(const ebb_emg *e)
{
    return e->notches;
}

double ebb_emg_band_gain_db(const ebb_emg *e, double f)
{
    const double fs = (double)e->desc.sample_rate;
    double g = ebb_biquad_gain_db(&e->hp[0], fs, f) + ebb_biquad_gain_db(&e->hp[1], fs, f) +
               ebb_biquad_gain_db(&e->lp[0], fs, f) + ebb_biquad_gain_db(&e->lp[1], fs, f);
    for (size_t k = 0; k < e->notches; k++) {
        g += ebb_biquad_gain_db(&e->notch[k], fs, f);
    }
    return g;
}
