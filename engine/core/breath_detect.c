#include "core/breath_detect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dsp_filter.h"
#include "core/frame.h"

#define MEDIAN_TICKS 5u
#define CALIB_TICKS_MAX (EBB_BREATH_CALIB_MS_MAX / EBB_TICK_MS)
/* A loudness that contradicts the alternation by this much relabels the sound. */
#define RELABEL_DB 3.0f
/* An out-breath guessed by alternation is checked against its peak after this long. */
#define RELABEL_OUT_MS 400u
/* How a sound's peak moves the learnt peak of its kind (one breath in four). */
#define PEAK_WEIGHT 0.25f
/* The floor follows the room during pauses with this time constant; quicker downwards
 * (a fan switched off), slowly upwards so that a long quiet breath cannot lift it. */
#define FLOOR_UP_S 20.0f
#define FLOOR_DOWN_S 2.0f

struct ebb_breath {
    ebb_breath_desc desc;
    ebb_biquad band[4];      /* two high-pass then two low-pass sections */
    unsigned tick_samples, in_tick;
    double power;            /* sum of squares in the current tick */
    float med[MEDIAN_TICKS];
    unsigned med_n;
    /* calibration */
    unsigned calib_ticks, calib_n;
    float calib_db[CALIB_TICKS_MAX];
    bool calibrating;
    float floor_db;
    /* the sound in progress */
    ebb_breath_phase phase, last_breath; /* last_breath: PAUSE until a breath was counted */
    unsigned seg_ticks;
    float seg_peak;
    float peak_in, peak_out; /* learnt peaks over the floor (NAN until seen) */
    float volume;
    ebb_breath_stats stats;
    ebb_breath_tick queue[EBB_BREATH_TICK_QUEUE];
    unsigned q_head, q_count;
};

const char *ebb_breath_phase_name(ebb_breath_phase p)
{
    switch (p) {
    case EBB_BREATH_IN: return "in";
    case EBB_BREATH_OUT: return "out";
    default: return "pause";
    }
}

ebb_breath *ebb_breath_create(const ebb_breath_desc *desc, char *err, size_t err_size)
{
    ebb_breath_desc d = *desc;
    if (d.rate < EBB_BREATH_RATE_MIN || d.rate > EBB_BREATH_RATE_MAX) {
        snprintf(err, err_size, "breath detection needs a sample rate of %u..%u Hz, not %u",
                 EBB_BREATH_RATE_MIN, EBB_BREATH_RATE_MAX, d.rate);
        return NULL;
    }
    if (d.calib_ms == 0) {
        d.calib_ms = EBB_BREATH_CALIB_MS_DEFAULT;
    }
    if (d.calib_ms < 200u || d.calib_ms > EBB_BREATH_CALIB_MS_MAX) {
        snprintf(err, err_size, "breath calibration must last 200..%u ms, not %u",
                 EBB_BREATH_CALIB_MS_MAX, (unsigned)d.calib_ms);
        return NULL;
    }
    if (!(d.in_fill_s > 0.0f)) {
        d.in_fill_s = 3.0f;
    }
    if (!(d.out_empty_s > 0.0f)) {
        d.out_empty_s = 4.0f;
    }
    ebb_breath *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    b->desc = d;
    const double fs = (double)d.rate;
    const double lp = fs * 0.45 < 3500.0 ? fs * 0.45 : 3500.0;
    ebb_biquad_design(&b->band[0], EBB_BIQUAD_HIGHPASS, fs, 200.0, EBB_BUTTER4_Q1);
    ebb_biquad_design(&b->band[1], EBB_BIQUAD_HIGHPASS, fs, 200.0, EBB_BUTTER4_Q2);
    ebb_biquad_design(&b->band[2], EBB_BIQUAD_LOWPASS, fs, lp, EBB_BUTTER4_Q1);
    ebb_biquad_design(&b->band[3], EBB_BIQUAD_LOWPASS, fs, lp, EBB_BUTTER4_Q2);
    b->tick_samples = d.rate / EBB_TICK_HZ;
    b->calib_ticks = d.calib_ms / EBB_TICK_MS;
    b->peak_in = b->peak_out = NAN;
    b->stats.split_db = NAN;
    ebb_breath_recalibrate(b);
    return b;
}

void ebb_breath_destroy(ebb_breath *b)
{
    free(b);
}

void ebb_breath_recalibrate(ebb_breath *b)
{
    b->calibrating = true;
    b->calib_n = 0;
    b->phase = EBB_BREATH_PAUSE;
    b->seg_ticks = 0;
}

static int breath_cmp(const void *a, const void *b)
{
    const float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static float breath_median(const float *v, unsigned n, float *scratch)
{
    memcpy(scratch, v, n * sizeof *v);
    qsort(scratch, n, sizeof *scratch, breath_cmp);
    return scratch[n / 2];
}

static float breath_split(const ebb_breath *b)
{
    return isnan(b->peak_in) || isnan(b->peak_out) ? NAN : 0.5f * (b->peak_in + b->peak_out);
}

/* A sound ended: count it if it was long enough, and learn its loudness. */
static void breath_end_sound(ebb_breath *b)
{
    if (b->seg_ticks * EBB_TICK_MS >= EBB_BREATH_MIN_MS) {
        float *peak = b->phase == EBB_BREATH_OUT ? &b->peak_out : &b->peak_in;
        *peak = isnan(*peak) ? b->seg_peak : *peak + PEAK_WEIGHT * (b->seg_peak - *peak);
        if (b->phase == EBB_BREATH_OUT) {
            b->stats.breaths_out++;
        } else {
            b->stats.breaths_in++;
        }
        b->last_breath = b->phase;
    } else {
        b->stats.short_sounds++;
    }
    b->phase = EBB_BREATH_PAUSE;
    b->seg_ticks = 0;
}

/* The phase machine, once a tick, on the level over the floor. */
static void breath_step(ebb_breath *b, float level)
{
    const float split = breath_split(b);
    if (b->phase == EBB_BREATH_PAUSE) {
        if (level > EBB_BREATH_ON_DB) {
            /* Breaths alternate; the very first is taken as an in-breath (levels start
             * with one), unless it is already loud enough to be an out-breath. */
            b->phase = b->last_breath == EBB_BREATH_IN ? EBB_BREATH_OUT : EBB_BREATH_IN;
            if (!isnan(split) && level > split + RELABEL_DB) {
                b->phase = EBB_BREATH_OUT;
            }
            b->seg_ticks = 1;
            b->seg_peak = level;
        } else {
            /* Follow the room while nothing sounds. */
            const float diff = level;
            const float tau = diff < 0.0f ? FLOOR_DOWN_S : FLOOR_UP_S;
            b->floor_db += diff * ((float)EBB_TICK_MS / 1000.0f) / tau;
            if (b->floor_db < EBB_BREATH_FLOOR_MIN_DB) {
                b->floor_db = EBB_BREATH_FLOOR_MIN_DB;
            }
        }
    } else if (level < EBB_BREATH_OFF_DB) {
        breath_end_sound(b);
    } else {
        b->seg_ticks++;
        if (level > b->seg_peak) {
            b->seg_peak = level;
        }
        if (!isnan(split)) {
            if (b->phase == EBB_BREATH_IN && level > split + RELABEL_DB) {
                b->phase = EBB_BREATH_OUT;
            } else if (b->phase == EBB_BREATH_OUT &&
                       b->seg_ticks * EBB_TICK_MS == RELABEL_OUT_MS &&
                       b->seg_peak < split - RELABEL_DB) {
                b->phase = EBB_BREATH_IN;
            }
        }
    }
    const float dt = (float)EBB_TICK_MS / 1000.0f;
    if (b->phase == EBB_BREATH_IN) {
        b->volume += dt / b->desc.in_fill_s;
    } else if (b->phase == EBB_BREATH_OUT) {
        b->volume -= dt / b->desc.out_empty_s;
    }
    b->volume = b->volume < 0.0f ? 0.0f : b->volume > 1.0f ? 1.0f : b->volume;
    b->stats.split_db = breath_split(b);
}

static void breath_push_tick(ebb_breath *b, const ebb_breath_tick *t)
{
    if (b->q_count == EBB_BREATH_TICK_QUEUE) { /* nobody collects: drop the oldest */
        b->q_head = (b->q_head + 1u) % EBB_BREATH_TICK_QUEUE;
        b->q_count--;
    }
    b->queue[(b->q_head + b->q_count) % EBB_BREATH_TICK_QUEUE] = *t;
    b->q_count++;
}

static void breath_tick(ebb_breath *b)
{
    const double p = b->power / (double)b->tick_samples;
    b->power = 0.0;
    const float db = (float)(10.0 * log10(p + 1e-20));
    if (b->med_n < MEDIAN_TICKS) {
        b->med[b->med_n++] = db;
    } else {
        memmove(b->med, b->med + 1, (MEDIAN_TICKS - 1u) * sizeof b->med[0]);
        b->med[MEDIAN_TICKS - 1u] = db;
    }
    float scratch[CALIB_TICKS_MAX];
    const float md = breath_median(b->med, b->med_n, scratch);
    ebb_breath_tick t = {.phase = EBB_BREATH_PAUSE, .volume = b->volume};
    if (b->calibrating) {
        b->calib_db[b->calib_n++] = md;
        t.calibrating = true;
        if (b->calib_n >= b->calib_ticks) {
            /* The median: a cough or a chair creaking during calibration does not count. */
            b->floor_db = breath_median(b->calib_db, b->calib_n, scratch);
            if (b->floor_db < EBB_BREATH_FLOOR_MIN_DB) {
                /* Digital silence (a muted input, a sound server before it plays): no real
                 * microphone is this quiet, and a floor down here would hear anything. */
                b->floor_db = EBB_BREATH_FLOOR_MIN_DB;
            }
            b->calibrating = false;
        }
    } else {
        const float level = md - b->floor_db;
        breath_step(b, level);
        t.phase = b->phase;
        t.level_db = level;
        t.volume = b->volume;
    }
    b->stats.floor_db = b->floor_db;
    breath_push_tick(b, &t);
}

void ebb_breath_feed(ebb_breath *b, const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v = (double)x[i];
        if (!isfinite(v)) {
            v = 0.0;
            b->stats.non_finite++;
        }
        for (unsigned s = 0; s < 4u; s++) {
            v = ebb_biquad_run(&b->band[s], v);
        }
        b->power += v * v;
        if (++b->in_tick == b->tick_samples) {
            b->in_tick = 0;
            breath_tick(b);
        }
    }
}

bool ebb_breath_next_tick(ebb_breath *b, ebb_breath_tick *out)
{
    if (b->q_count == 0) {
        return false;
    }
    *out = b->queue[b->q_head];
    b->q_head = (b->q_head + 1u) % EBB_BREATH_TICK_QUEUE;
    b->q_count--;
    return true;
}

ebb_breath_stats ebb_breath_get_stats(const ebb_breath *b)
{
    return b->stats;
}
