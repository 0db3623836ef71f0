#include "core/score.h"

#include <math.h>
#include <string.h>

#include "core/frame.h"

/* Below this standard deviation (in effort, 0..1) rest counts as fully steady; at twice it,
 * not at all. Healthy rest varies by a few percent of maximum. */
#define SCORE_STEADY_SD 0.04f

/* Weights of the parts of a step score, by what the step is scored on. */
#define SCORE_W_IN_BAND 1.0f
#define SCORE_W_RELEASE 1.0f
#define SCORE_W_STEADY 0.5f
#define SCORE_W_PEAK 1.0f

/* A step weighs at least this much in the level score, so 2 s flicks are not lost among
 * 10 s holds. */
#define SCORE_MIN_WEIGHT_MS 2000u

void ebb_step_acc_reset(ebb_step_acc *acc)
{
    memset(acc, 0, sizeof *acc);
    acc->release_ms = -1;
    acc->peak_ms = -1;
}

void ebb_step_acc_add(ebb_step_acc *acc, const ebb_step *step, uint32_t ms, float effort)
{
    ebb_step_acc_add_ex(acc, step, ms, effort, 0.0f, NAN);
}

void ebb_step_acc_add_ex(ebb_step_acc *acc, const ebb_step *step, uint32_t ms, float effort,
                         float measured_rest, float pf)
{
    float lo = 0.0f, hi = 1.0f;
    ebb_metrics_band_at(step, ms, measured_rest, &lo, &hi);
    acc->ticks++;
    if (effort > acc->peak) {
        acc->peak = effort;
    }
    if (acc->release_ms < 0 && effort <= hi + EBB_BAND_TOLERANCE) {
        acc->release_ms = (int32_t)ms;
    }
    if (step->kind == EBB_STEP_FLICK) {
        if (acc->peak_ms < 0 && effort >= lo - EBB_BAND_TOLERANCE) {
            acc->peak_ms = (int32_t)ms;
        } else if (acc->peak_ms >= 0 && effort <= EBB_FLICK_RELAX_LEVEL) {
            acc->flick_relaxed = true;
        }
    }
    if (ms < step->grace_ms) {
        return;
    }
    acc->scored_ticks++;
    if (step->has_pf && !isnan(pf)) {
        acc->pf_ticks++;
        if (pf >= step->pf_lo - EBB_BAND_TOLERANCE && pf <= step->pf_hi + EBB_BAND_TOLERANCE) {
            acc->pf_in_band_ticks++;
        }
    }
    if (effort >= lo - EBB_BAND_TOLERANCE && effort <= hi + EBB_BAND_TOLERANCE) {
        acc->in_band_ticks++;
    }
    acc->sum += effort;
    acc->sum_sq += (double)effort * effort;
}

static float score_clamp01(float v)
{
    return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

static float score_release(int32_t release_ms)
{
    if (release_ms < 0) {
        return 0.0f;
    }
    if (release_ms <= EBB_RELEASE_FAST_MS) {
        return 1.0f;
    }
    return score_clamp01(1.0f - (float)(release_ms - EBB_RELEASE_FAST_MS) /
                                    (float)(EBB_RELEASE_SLOW_MS - EBB_RELEASE_FAST_MS));
}

static float score_flick(const ebb_step *step, const ebb_step_result *r)
{
    if (r->flick_ok) {
        return 1.0f;
    }
    if (r->peak >= step->lo0 - EBB_BAND_TOLERANCE) {
        return 0.6f; /* rose well but did not let go in time */
    }
    return step->lo0 > 0.0f ? 0.5f * score_clamp01(r->peak / step->lo0) : 0.0f;
}

void ebb_step_result_make(ebb_step_result *r, const ebb_step *step, const ebb_step_acc *acc,
                          bool reached)
{
    memset(r, 0, sizeof *r);
    r->kind = step->kind;
    r->start_ms = step->start_ms;
    r->duration_ms = step->duration_ms;
    r->line = step->line;
    r->reached = reached;
    r->release_ms = -1;
    r->mean = NAN;
    r->sd = NAN;
    r->pf_in_band = NAN;
    if (!reached || acc->ticks == 0) {
        return;
    }
    r->peak = acc->peak;
    if (acc->scored_ticks > 0) {
        const double n = (double)acc->scored_ticks;
        const double mean = acc->sum / n;
        const double var = acc->sum_sq / n - mean * mean;
        r->mean = (float)mean;
        r->sd = (float)sqrt(var > 0.0 ? var : 0.0);
        r->in_band = (float)((double)acc->in_band_ticks / n);
    }
    if (step->score_flags & EBB_SCORE_RELEASE) {
        r->release_ms = acc->release_ms;
    }
    if (acc->pf_ticks > 0) {
        r->pf_in_band = (float)((double)acc->pf_in_band_ticks / (double)acc->pf_ticks);
    }
    if (step->kind == EBB_STEP_FLICK) {
        r->flick_ok = acc->peak_ms >= 0 && acc->flick_relaxed;
    }

    float total = 0.0f, weight = 0.0f;
    if (step->score_flags & EBB_SCORE_IN_BAND) {
        total += SCORE_W_IN_BAND * r->in_band;
        weight += SCORE_W_IN_BAND;
    }
    if (step->score_flags & EBB_SCORE_RELEASE) {
        total += SCORE_W_RELEASE * score_release(r->release_ms);
        weight += SCORE_W_RELEASE;
    }
    if ((step->score_flags & EBB_SCORE_STEADY) && acc->scored_ticks > 0) {
        total += SCORE_W_STEADY * score_clamp01(2.0f - r->sd / SCORE_STEADY_SD);
        weight += SCORE_W_STEADY;
    }
    if (step->score_flags & EBB_SCORE_PEAK) {
        total += SCORE_W_PEAK * score_flick(step, r);
        weight += SCORE_W_PEAK;
    }
    /* A breath phase with a pelvic floor target (`breathe in 4s pf below 20%`) asks two
     * things at once; both count alike. */
    if (!isnan(r->pf_in_band)) {
        total += SCORE_W_IN_BAND * r->pf_in_band;
        weight += SCORE_W_IN_BAND;
    }
    r->score = weight > 0.0f ? score_clamp01(total / weight) : 0.0f;
}

int ebb_score_stars(int score)
{
    if (score >= EBB_STARS_3) {
        return 3;
    }
    if (score >= EBB_STARS_2) {
        return 2;
    }
    return score >= EBB_STARS_1 ? 1 : 0;
}

static float step_mean(const ebb_step_result *s) { return s->mean; }
static float step_sd(const ebb_step_result *s) { return s->sd; }
static float step_in_band(const ebb_step_result *s) { return s->in_band; }

/* Duration-weighted mean of a per-step value over reached steps that match `kinds` (bits of
 * ebb_step_kind); NaN when no step matches. */
static float score_weighted(const ebb_result *r, uint32_t kinds,
                            float (*get)(const ebb_step_result *))
{
    double total = 0.0, weight = 0.0;
    for (size_t i = 0; i < r->step_count; i++) {
        const ebb_step_result *s = &r->steps[i];
        if (!s->reached || !(kinds & (1u << s->kind))) {
            continue;
        }
        const float v = get(s);
        if (isnan(v)) {
            continue;
        }
        total += (double)v * s->duration_ms;
        weight += s->duration_ms;
    }
    return weight > 0.0 ? (float)(total / weight) : NAN;
}

#define KIND_BIT(k) (1u << (k))

void ebb_result_summarise(ebb_result *r)
{
    double total = 0.0, weight = 0.0;
    int64_t release_sum = 0;
    int release_n = 0;
    r->flicks_ok = 0;
    r->flicks_total = 0;
    for (size_t i = 0; i < r->step_count; i++) {
        const ebb_step_result *s = &r->steps[i];
        const double w = s->duration_ms > SCORE_MIN_WEIGHT_MS ? s->duration_ms : SCORE_MIN_WEIGHT_MS;
        total += (double)s->score * w;
        weight += w;
        if (!s->reached) {
            continue;
        }
        if (s->kind == EBB_STEP_RELEASE && s->release_ms >= 0) {
            release_sum += s->release_ms;
            release_n++;
        }
        if (s->kind == EBB_STEP_FLICK) {
            r->flicks_total++;
            r->flicks_ok += s->flick_ok ? 1 : 0;
        }
    }
    const double mean = weight > 0.0 ? total / weight : 0.0;
    r->score = (int)floor(mean * 100.0 + 0.5);
    r->stars = ebb_score_stars(r->score);

    const uint32_t rest_kinds = KIND_BIT(EBB_STEP_REST) | KIND_BIT(EBB_STEP_RELEASE);
    const uint32_t hold_kinds = KIND_BIT(EBB_STEP_SQUEEZE) | KIND_BIT(EBB_STEP_RAMP);
    const uint32_t breath_kinds = KIND_BIT(EBB_STEP_BREATHE_IN) | KIND_BIT(EBB_STEP_BREATHE_OUT) |
                                  KIND_BIT(EBB_STEP_BREATHE_HOLD);
    r->rest_mean = score_weighted(r, rest_kinds, step_mean);
    r->rest_sd = score_weighted(r, rest_kinds, step_sd);
    r->rest_in_band = score_weighted(r, rest_kinds, step_in_band);
    r->hold_in_band = score_weighted(r, hold_kinds, step_in_band);
    r->breath_in_band = score_weighted(r, breath_kinds, step_in_band);
    r->release_mean_ms = release_n > 0 ? (int32_t)(release_sum / release_n) : -1;
    ebb_result_feedback(r);
}
