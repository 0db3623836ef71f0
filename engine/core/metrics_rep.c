/* Per-rep metrics: what one squeeze, hold, flick or ramp did, read off the trace.
 * Definitions and tolerances: docs/metrics.md. */
#include "core/metrics.h"

#include <math.h>
#include <string.h>

#include "core/frame.h"
#include "core/score.h"

#define TICKS(ms) ((size_t)(ms) / EBB_TICK_MS)

void ebb_metrics_band_at(const ebb_step *step, uint32_t ms, float measured_rest, float *lo,
                         float *hi)
{
    ebb_step_band_at(step, ms, lo, hi);
    if (step->rest_rel & EBB_REL_REST_LO) {
        *lo = fminf(*lo + measured_rest, 1.0f);
    }
    if (step->rest_rel & EBB_REL_REST_HI) {
        *hi = fminf(*hi + measured_rest, 1.0f);
    }
}

static bool rep_kind(ebb_step_kind k)
{
    return k == EBB_STEP_SQUEEZE || k == EBB_STEP_FLICK || k == EBB_STEP_RAMP;
}

static float step_rest_of(const ebb_metrics_trace *tr, size_t index)
{
    return tr->step_rest ? tr->step_rest[index] : 0.0f;
}

/* The ceiling a squeeze must come back under: the next step's own ceiling when it is a
 * resting step, otherwise the level a flick must drop to. */
static float rep_rest_ceiling(const ebb_level *level, size_t index, const ebb_metrics_trace *tr)
{
    if (level->steps[index].kind != EBB_STEP_FLICK && index + 1 < level->step_count) {
        const ebb_step *next = &level->steps[index + 1];
        if (next->kind == EBB_STEP_REST || next->kind == EBB_STEP_RELEASE ||
            next->kind == EBB_STEP_DROP) {
            float lo = 0.0f, hi = 1.0f;
            ebb_metrics_band_at(next, 0, step_rest_of(tr, index + 1), &lo, &hi);
            return hi + EBB_BAND_TOLERANCE;
        }
    }
    return EBB_FLICK_RELAX_LEVEL;
}

/* First tick in [from, to) at or below ceiling, or SIZE_MAX. */
static size_t first_at_or_below(const float *v, size_t from, size_t to, float ceiling)
{
    for (size_t k = from; k < to; k++) {
        if (v[k] <= ceiling) {
            return k;
        }
    }
    return SIZE_MAX;
}

/* Release: first tick at or below the ceiling from `from`, within the window. -1 when it has
 * not happened in what was played (yet). */
static int32_t rep_release(const ebb_metrics_trace *tr, size_t from, float ceiling)
{
    if (from >= tr->ticks) {
        return -1;
    }
    size_t to = from + TICKS(EBB_METRICS_RELEASE_WINDOW_MS);
    to = to < tr->ticks ? to : tr->ticks;
    const size_t k = first_at_or_below(tr->pf, from, to, ceiling);
    return k == SIZE_MAX ? -1 : (int32_t)((k - from) * EBB_TICK_MS);
}

static void rep_rise(const ebb_metrics_trace *tr, size_t s0, size_t peak_k,
                     ebb_metrics_rep *out)
{
    const float amp = out->peak - out->base;
    if (amp < 2.0f * EBB_METRICS_ONSET_MARGIN) {
        return; /* no clear rise above where the rep started */
    }
    const float *pf = tr->pf;
    size_t t90 = s0;
    while (t90 < peak_k && pf[t90] < out->base + 0.9f * amp) {
        t90++;
    }
    /* Walk back from the 90 % point to where the signal left rest, and to the 10 % point. */
    size_t onset = t90, t10 = t90;
    while (onset > s0 && pf[onset - 1] > out->base + EBB_METRICS_ONSET_MARGIN) {
        onset--;
    }
    while (t10 > s0 && pf[t10 - 1] >= out->base + 0.1f * amp) {
        t10--;
    }
    out->onset_ms = (int32_t)((onset - s0) * EBB_TICK_MS);
    out->recruit_ms = (int32_t)((t90 - onset) * EBB_TICK_MS);
    out->rise_ms = (int32_t)((t90 - t10) * EBB_TICK_MS); /* kept for flicks only */
}

static void rep_fall(const ebb_metrics_trace *tr, size_t peak_k, ebb_metrics_rep *out)
{
    const float amp = out->peak - out->base;
    if (amp < 2.0f * EBB_METRICS_ONSET_MARGIN) {
        return;
    }
    size_t to = peak_k + TICKS(EBB_METRICS_RELEASE_WINDOW_MS);
    to = to < tr->ticks ? to : tr->ticks;
    const size_t f90 = first_at_or_below(tr->pf, peak_k, to, out->base + 0.9f * amp);
    const size_t f10 = f90 == SIZE_MAX ? SIZE_MAX
                                       : first_at_or_below(tr->pf, f90, to, out->base + 0.1f * amp);
    if (f10 != SIZE_MAX) {
        out->fall_ms = (int32_t)((f10 - f90) * EBB_TICK_MS);
    }
}

void ebb_metrics_rep_compute(const ebb_level *level, size_t index, const ebb_metrics_trace *tr,
                             ebb_metrics_rep *out)
{
    memset(out, 0, sizeof *out);
    out->peak = NAN;
    out->peak_unit = NAN;
    out->base = NAN;
    out->onset_ms = out->recruit_ms = out->release_ms = -1;
    out->rise_ms = out->fall_ms = -1;
    const ebb_step *st = &level->steps[index];
    out->is_rep = rep_kind(st->kind);
    const size_t s0 = TICKS(st->start_ms);
    if (!out->is_rep || s0 >= tr->ticks) {
        return;
    }
    out->played = true;
    const size_t n = TICKS(st->duration_ms);
    const size_t end = s0 + n < tr->ticks ? s0 + n : tr->ticks;
    const size_t grace = TICKS(st->grace_ms);
    const float rest = step_rest_of(tr, index);

    /* Where the rep started from: the mean over the second before it. */
    const size_t b0 = s0 > TICKS(EBB_METRICS_BASE_MS) ? s0 - TICKS(EBB_METRICS_BASE_MS) : 0;
    double bsum = 0.0;
    for (size_t k = b0; k < s0; k++) {
        bsum += tr->pf[k];
    }
    out->base = s0 > b0 ? (float)(bsum / (double)(s0 - b0)) : tr->pf[s0];

    size_t peak_k = s0, scored = 0, in_band = 0, above = 0;
    size_t run_start = SIZE_MAX, last_above = 0, longest = 0;
    out->peak = tr->pf[s0];
    for (size_t k = s0; k < end; k++) {
        const float e = tr->pf[k];
        if (e > out->peak) {
            out->peak = e;
            peak_k = k;
        }
        const size_t j = k - s0;
        float lo = 0.0f, hi = 1.0f;
        ebb_metrics_band_at(st, (uint32_t)(j * EBB_TICK_MS), rest, &lo, &hi);
        if (j >= grace) { /* the reaction time at the start is not scored */
            scored++;
            in_band += (e >= lo - EBB_BAND_TOLERANCE && e <= hi + EBB_BAND_TOLERANCE) ? 1u : 0u;
        }
        /* Holding counts from the moment the target is reached, grace or not. */
        if (e >= lo - EBB_BAND_TOLERANCE) {
            above++;
            if (run_start == SIZE_MAX || k - last_above > TICKS(EBB_METRICS_HOLD_GAP_MS)) {
                run_start = k;
            }
            last_above = k;
            const size_t len = last_above - run_start + 1;
            longest = len > longest ? len : longest;
        }
    }
    out->in_band_ms = (uint32_t)(in_band * EBB_TICK_MS);
    out->above_ms = (uint32_t)(above * EBB_TICK_MS);
    out->longest_above_ms = (uint32_t)(longest * EBB_TICK_MS);
    if (tr->pf_unit) {
        out->peak_unit = tr->pf_unit[s0];
        for (size_t k = s0; k < end; k++) {
            out->peak_unit = tr->pf_unit[k] > out->peak_unit ? tr->pf_unit[k] : out->peak_unit;
        }
    }
    rep_rise(tr, s0, peak_k, out);
    if (st->kind != EBB_STEP_FLICK) {
        out->rise_ms = -1;
        out->reached = scored > 0 && 2 * in_band >= scored;
        out->release_ms = rep_release(tr, s0 + n, rep_rest_ceiling(level, index, tr));
        return;
    }
    /* Flicks: up to the threshold and back down, all inside the step. */
    const bool rose = out->peak >= st->lo0 - EBB_BAND_TOLERANCE;
    out->release_ms = rep_release(tr, peak_k, EBB_FLICK_RELAX_LEVEL);
    out->reached = rose && out->release_ms >= 0 && peak_k + TICKS((uint32_t)out->release_ms) < end;
    rep_fall(tr, peak_k, out);
}
