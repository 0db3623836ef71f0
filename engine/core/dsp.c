#include "core/dsp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dsp_envelope.h"
#include "core/dsp_mains.h"
#include "core/frame.h"

#define DSP_PI 3.14159265358979323846

/* ---- the pipeline ---------------------------------------------------------------------------- */

struct ebb_emg {
    ebb_emg_desc desc;
    float scale;                 /* full_scale_uv */
    unsigned step;               /* keep one sample in `step` after the low-pass */
    unsigned step_left;
    double inner_fs;             /* sample_rate / step */
    ebb_biquad hp[2];
    ebb_biquad lp[2];
    ebb_biquad notch[EBB_EMG_NOTCH_MAX];
    size_t notches, notches50;
    unsigned notch_hz;           /* mains the notches are for (0: none; 110: both) */
    /* mains detection (mains_auto): both families notched until the first second is heard */
    bool listening, detected;
    ebb_mains_detect mains;
    ebb_mains_result mains_result;
    /* envelope */
    ebb_biquad env2;             /* LP2 */
    double env1_a, env1_y;       /* LP1: y += a (x - y) */
    ebb_env_adapt adapt;
    double blk[EBB_EMG_MAV_TICKS_MAX]; /* RMS: sum of squares of each past tick; MAV: sum |x| */
    uint32_t blk_count[EBB_EMG_MAV_TICKS_MAX];
    size_t blk_pos;
    double acc;                  /* current tick's sum (of squares, or of |x|) and count */
    uint32_t acc_n;
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
                        "sample rate %.0f Hz is outside 200..48000 Hz; open the sound card "
                        "at 8000, 16000, 44100 or 48000 Hz, or set the amplifier to 200 Hz "
                        "or more", (double)d->sample_rate);
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
    if (d->envelope == EBB_ENVELOPE_MAV && d->rms_ticks > EBB_EMG_MAV_TICKS_MAX) {
        return emg_fail(err, size, "moving mean of %.0f ticks is longer than 100 ticks (1 s); "
                        "use 100 or less", (double)d->rms_ticks);
    }
    if (d->envelope != EBB_ENVELOPE_MAV && d->rms_ticks > EBB_EMG_RMS_TICKS_MAX) {
        return emg_fail(err, size, "moving-RMS window of %.0f ticks is longer than 32 ticks "
                        "(320 ms); use 10", (double)d->rms_ticks);
    }
    if (d->adapt_fast_ticks == 0) {
        /* The fast estimate needs about 16 degrees of freedom (2 x bandwidth x window) to
         * tell a change from the signal's own noise: 30 ms of the 30..300 Hz sEMG band, but
         * a 200 Hz amplifier keeps only 30..90 Hz and needs a longer window. */
        const double band = fmin(300.0, d->lowpass_hz) - 30.0;
        const double ticks = band > 0.0 ? ceil(8.0 / band * (double)EBB_TICK_HZ) : 10.0;
        d->adapt_fast_ticks = ticks < 3.0 ? 3u : (ticks > 10.0 ? 10u : (unsigned)ticks);
    }
    if ((unsigned)d->adapt_detector >= (unsigned)EBB_ADAPT_COUNT) {
        return emg_fail(err, size, "adaptive change detector %.0f is unknown; use "
                        "EBB_ADAPT_NOISE", (double)d->adapt_detector);
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

/* Notches at the harmonics of `mains` up to `top`, appended to the cascade. */
static void emg_add_notches(ebb_emg *e, unsigned mains, double top)
{
    for (unsigned h = 1; e->notches < EBB_EMG_NOTCH_MAX; h++) {
        const double f = (double)(h * mains);
        if (f > top) {
            break;
        }
        ebb_biquad_design(&e->notch[e->notches++], EBB_BIQUAD_NOTCH, e->inner_fs, f,
                          e->desc.notch_q);
    }
}

/* Harmonics beyond twice the low-pass corner are already >= 24 dB down through the 4th-order
 * low-pass; notching them too would only cost time. Above 0.45 fs is outside the band (and
 * near Nyquist a notch design degenerates). */
static double emg_notch_top(const ebb_emg *e)
{
    return fmin(e->desc.notch_max_hz, 0.45 * e->inner_fs);
}

static void emg_design(ebb_emg *e)
{
    const ebb_emg_desc *d = &e->desc;
    const double fs = (double)d->sample_rate;
    e->step = d->full_rate ? 1u : d->sample_rate / EBB_EMG_INNER_RATE_MIN;
    if (e->step < 1) {
        e->step = 1;
    }
    e->step_left = 1; /* the first sample is kept */
    e->inner_fs = fs / (double)e->step;
    ebb_biquad_design(&e->hp[0], EBB_BIQUAD_HIGHPASS, e->inner_fs, d->highpass_hz,
                      EBB_BUTTER4_Q1);
    ebb_biquad_design(&e->hp[1], EBB_BIQUAD_HIGHPASS, e->inner_fs, d->highpass_hz,
                      EBB_BUTTER4_Q2);
    ebb_biquad_design(&e->lp[0], EBB_BIQUAD_LOWPASS, fs, d->lowpass_hz, EBB_BUTTER4_Q1);
    ebb_biquad_design(&e->lp[1], EBB_BIQUAD_LOWPASS, fs, d->lowpass_hz, EBB_BUTTER4_Q2);
    e->notches = 0;
    e->notch_hz = 0;
    e->listening = false;
    if (!d->no_notch) {
        const double top = emg_notch_top(e);
        if (d->mains_auto) {
            /* 50 Hz's first: when 60 Hz wins, dropping the earlier family changes the input
             * of the kept ones only by what the 50 Hz notches removed, which is little. */
            emg_add_notches(e, 50, top);
            e->notches50 = e->notches;
            emg_add_notches(e, 60, top);
            e->notch_hz = 110;
            e->listening = true;
            ebb_mains_detect_init(&e->mains, e->inner_fs);
        } else {
            emg_add_notches(e, d->mains_hz, top);
            e->notch_hz = d->mains_hz;
        }
    }
    ebb_biquad_design(&e->env2, EBB_BIQUAD_LOWPASS, e->inner_fs, d->envelope_hz,
                      0.70710678118654752);
    e->env1_a = 1.0 - exp(-2.0 * DSP_PI * d->envelope_hz / e->inner_fs);
    /* The detector's noise model follows the band actually kept: a low rate keeps a
     * narrower band, whose tick powers scatter more (fewer degrees of freedom). */
    const ebb_env_adapt_desc ad = {.fast_ticks = d->adapt_fast_ticks,
                                   .slow_ms = d->adapt_slow_ms,
                                   .detector = d->adapt_detector,
                                   .threshold = d->adapt_threshold,
                                   .dof = ebb_env_adapt_dof(d->lowpass_hz),
                                   .cusum_k = d->adapt_cusum_k,
                                   .cusum_h = d->adapt_cusum_h};
    ebb_env_adapt_init(&e->adapt, &ad);
}

/* The first second is heard: keep the family that hums (or the setting), drop the other,
 * keeping the kept filters' state so nothing rings. */
static void emg_mains_decide(ebb_emg *e)
{
    e->listening = false;
    e->mains_result = ebb_mains_detect_result(&e->mains);
    const unsigned keep = e->mains_result.hz ? e->mains_result.hz : e->desc.mains_hz;
    e->detected = e->mains_result.hz != 0;
    size_t n = 0;
    for (size_t k = 0; k < e->notches; k++) {
        const bool is50 = k < e->notches50; /* the 50 Hz harmonics come first */
        if ((keep == 50) == is50) {
            e->notch[n++] = e->notch[k];
        }
    }
    e->notches = n;
    e->notch_hz = keep;
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
    const ebb_envelope kind = e->desc.envelope;
    if (kind == EBB_ENVELOPE_RMS || kind == EBB_ENVELOPE_MAV) {
        e->blk[e->blk_pos] = e->acc;
        e->blk_count[e->blk_pos] = e->acc_n;
        e->blk_pos = (e->blk_pos + 1) % e->desc.rms_ticks;
        double sum = 0.0;
        uint64_t n = 0;
        for (size_t i = 0; i < e->desc.rms_ticks; i++) {
            sum += e->blk[i];
            n += e->blk_count[i];
        }
        v = n ? sum / (double)n : 0.0;
        v = kind == EBB_ENVELOPE_RMS ? sqrt(v) : v;
    } else if (kind == EBB_ENVELOPE_ADAPTIVE) {
        v = ebb_env_adapt_step(&e->adapt, e->acc_n ? e->acc / (double)e->acc_n : 0.0);
    } else {
        v = e->env_now;
    }
    e->acc = 0.0;
    e->acc_n = 0;
    /* The LP2 step response overshoots 4 %, and its ringing can dip a hair below zero after a
     * burst ends: an amplitude is never negative. */
    return v > 0.0 ? (float)v : 0.0f;
}

/* With hold_settle the ticks of the settle time read 0; at its end the envelope forgets
 * what the ringing filters gave it and starts from the signal. */
static float emg_settled_value(ebb_emg *e)
{
    const uint64_t settle = EBB_EMG_SETTLE_MS / EBB_TICK_MS;
    if (!e->desc.hold_settle || e->stats.ticks >= settle) {
        return emg_tick_value(e);
    }
    (void)emg_tick_value(e);
    if (e->stats.ticks + 1 == settle) {
        ebb_env_adapt_init(&e->adapt, &e->adapt.desc);
        memset(e->blk, 0, sizeof e->blk);
        memset(e->blk_count, 0, sizeof e->blk_count);
        e->env1_y = 0.0;
        ebb_biquad_reset(&e->env2);
    }
    return 0.0f;
}

/* The stages after the low-pass, on one kept sample. */
static void emg_inner(ebb_emg *e, double s, ebb_envelope kind)
{
    s = ebb_biquad_run(&e->hp[0], s);
    s = ebb_biquad_run(&e->hp[1], s);
    const bool decide = e->listening && ebb_mains_detect_feed(&e->mains, s);
    for (size_t k = 0; k < e->notches; k++) {
        s = ebb_biquad_run(&e->notch[k], s);
    }
    if (decide) {
        emg_mains_decide(e);
    }
    switch (kind) {
    case EBB_ENVELOPE_RMS:
    case EBB_ENVELOPE_ADAPTIVE:
        e->acc += s * s;
        e->acc_n++;
        break;
    case EBB_ENVELOPE_MAV:
        e->acc += fabs(s);
        e->acc_n++;
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
}

/* Samples are fractions of full scale; anything beyond this is clipped here. */
#define EMG_SAMPLE_MAX 16.0

void ebb_emg_feed(ebb_emg *e, const float *x, size_t n)
{
    const uint32_t rate = e->desc.sample_rate;
    const ebb_envelope kind = e->desc.envelope;
    const double scale = (double)e->scale;
    for (size_t i = 0; i < n; i++) {
        double s = (double)x[i];
        if (!isfinite(s)) {
            e->stats.non_finite++;
            s = 0.0;
        } else if (fabs(s) > EMG_SAMPLE_MAX) {
            /* A float sample far beyond full scale (a broken driver or file: 8.9e37 was
             * seen) would overflow the filters to inf, then NaN, for the rest of the session. */
            s = s > 0.0 ? EMG_SAMPLE_MAX : -EMG_SAMPLE_MAX;
        }
        s = ebb_biquad_run(&e->lp[0], s * scale);
        s = ebb_biquad_run(&e->lp[1], s);
        if (--e->step_left == 0) {
            e->step_left = e->step;
            emg_inner(e, s, kind);
        }
        e->phase += EBB_TICK_HZ;
        if (e->phase >= rate) {
            e->phase -= rate;
            emg_push_tick(e, emg_settled_value(e));
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

ebb_emg_mains ebb_emg_get_mains(const ebb_emg *e)
{
    ebb_emg_mains m = {0};
    m.in_use_hz = e->notch_hz;
    m.listening = e->listening;
    m.detected = e->detected;
    m.hum50_db = e->mains_result.hum50_db;
    m.hum60_db = e->mains_result.hum60_db;
    return m;
}

unsigned ebb_emg_inner_step(const ebb_emg *e)
{
    return e->step;
}

/* The low-pass runs at the input rate, the rest at the inner rate: a frequency above the
 * inner Nyquist reaches them folded, as it does in the samples. */
double ebb_emg_band_gain_db(const ebb_emg *e, double f)
{
    const double fs = (double)e->desc.sample_rate;
    const double fi = e->inner_fs;
    double fa = fmod(f, fi);
    fa = fa > fi / 2.0 ? fi - fa : fa;
    double g = ebb_biquad_gain_db(&e->lp[0], fs, f) + ebb_biquad_gain_db(&e->lp[1], fs, f) +
               ebb_biquad_gain_db(&e->hp[0], fi, fa) + ebb_biquad_gain_db(&e->hp[1], fi, fa);
    for (size_t k = 0; k < e->notches; k++) {
        g += ebb_biquad_gain_db(&e->notch[k], fi, fa);
    }
    return g;
}
