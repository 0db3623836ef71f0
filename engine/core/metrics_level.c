/* Level metrics and the Glazer-style assessment, from the trace and the per-rep metrics.
 * Definitions and tolerances: docs/metrics.md. */
#include "core/metrics.h"

#include <math.h>
#include <string.h>

#include "core/frame.h"
#include "core/score.h"

#define TICKS(ms) ((size_t)(ms) / EBB_TICK_MS)
/* A squeeze this long or longer in an assessment is its endurance hold, not one of the holds. */
#define METRICS_ENDURANCE_MIN_MS 30000u

typedef struct metrics_sum {
    double n, sum, sum_sq, usum, usum_sq;
} metrics_sum;

static void sum_add(metrics_sum *s, const ebb_metrics_trace *tr, size_t k)
{
    s->n += 1.0;
    s->sum += tr->pf[k];
    s->sum_sq += (double)tr->pf[k] * tr->pf[k];
    if (tr->pf_unit) {
        s->usum += tr->pf_unit[k];
        s->usum_sq += (double)tr->pf_unit[k] * tr->pf_unit[k];
    }
}

static void stats_from(const metrics_sum *s, bool unit, ebb_metrics_stats *out)
{
    out->mean = out->sd = out->cv = NAN;
    out->mean_unit = out->sd_unit = out->cv_unit = NAN;
    out->ms = (uint32_t)s->n * EBB_TICK_MS;
    if (s->n <= 0.0) {
        return;
    }
    const double m = s->sum / s->n, v = s->sum_sq / s->n - m * m;
    out->mean = (float)m;
    out->sd = (float)sqrt(v > 0.0 ? v : 0.0);
    out->cv = out->mean >= EBB_METRICS_CV_MIN_MEAN ? out->sd / out->mean : NAN;
    if (unit) {
        const double um = s->usum / s->n, uv = s->usum_sq / s->n - um * um;
        out->mean_unit = (float)um;
        out->sd_unit = (float)sqrt(uv > 0.0 ? uv : 0.0);
        out->cv_unit = fabs(um) > 1e-6 ? out->sd_unit / out->mean_unit : NAN;
    }
}

ebb_metrics_stats ebb_metrics_stats_range(const ebb_metrics_trace *tr, size_t from, size_t to)
{
    metrics_sum s = {0};
    to = to < tr->ticks ? to : tr->ticks;
    for (size_t k = from; k < to; k++) {
        sum_add(&s, tr, k);
    }
    ebb_metrics_stats out;
    stats_from(&s, tr->pf_unit != NULL, &out);
    return out;
}

static float step_rest_of(const ebb_metrics_trace *tr, size_t index)
{
    return tr->step_rest ? tr->step_rest[index] : 0.0f;
}

static bool is_breath(ebb_step_kind k)
{
    return k == EBB_STEP_BREATHE_IN || k == EBB_STEP_BREATHE_OUT || k == EBB_STEP_BREATHE_HOLD;
}

/* The effort a step follows on tick k (breathing follows the breath channel where there is one). */
static float followed(const ebb_step *st, const ebb_metrics_trace *tr, size_t k)
{
    if (is_breath(st->kind) && tr->breath && !isnan(tr->breath[k])) {
        return tr->breath[k];
    }
    return tr->pf[k];
}

/* Ticks of step i that were played: [*s0, *end). False when none. */
static bool step_span(const ebb_level *lv, size_t i, const ebb_metrics_trace *tr, size_t *s0,
                      size_t *end)
{
    const ebb_step *st = &lv->steps[i];
    *s0 = TICKS(st->start_ms);
    *end = *s0 + TICKS(st->duration_ms);
    *end = *end < tr->ticks ? *end : tr->ticks;
    return *s0 < tr->ticks;
}

/* Time in band, tracking error, and rest stats over every played step. */
static void level_band_and_rest(const ebb_level *lv, const ebb_metrics_trace *tr,
                                ebb_metrics_level *out)
{
    double scored = 0.0, in_band = 0.0, track_n = 0.0, track_sq = 0.0;
    metrics_sum rest = {0};
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        size_t s0, end;
        if (!step_span(lv, i, tr, &s0, &end)) {
            break;
        }
        bool let_go = st->kind != EBB_STEP_RELEASE;
        for (size_t k = s0 + TICKS(st->grace_ms); k < end; k++) {
            float lo = 0.0f, hi = 1.0f;
            ebb_metrics_band_at(st, (uint32_t)((k - s0) * EBB_TICK_MS), step_rest_of(tr, i), &lo,
                                &hi);
            const float e = followed(st, tr, k);
            scored += 1.0;
            in_band += (e >= lo - EBB_BAND_TOLERANCE && e <= hi + EBB_BAND_TOLERANCE) ? 1.0 : 0.0;
            if (st->kind == EBB_STEP_SQUEEZE || st->kind == EBB_STEP_RAMP) {
                const float d = fmaxf(fmaxf(lo - EBB_BAND_TOLERANCE - e, e - hi - EBB_BAND_TOLERANCE),
                                      0.0f);
                track_n += 1.0;
                track_sq += (double)d * d;
            }
            let_go = let_go || e <= hi + EBB_BAND_TOLERANCE;
            if ((st->kind == EBB_STEP_REST || st->kind == EBB_STEP_RELEASE) && let_go) {
                sum_add(&rest, tr, k);
            }
        }
    }
    out->time_in_band = scored > 0.0 ? (float)(in_band / scored) : NAN;
    out->tracking_error = track_n > 0.0 ? (float)sqrt(track_sq / track_n) : NAN;
    stats_from(&rest, tr->pf_unit != NULL, &out->rest);
}

static void level_reps(const ebb_level *lv, const ebb_metrics_rep *reps, ebb_metrics_level *out)
{
    int64_t rel = 0, rec = 0;
    int rel_n = 0, rec_n = 0;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        if (st->kind == EBB_STEP_SQUEEZE && st->duration_ms > out->endurance_asked_ms) {
            out->endurance_asked_ms = st->duration_ms;
        }
        const ebb_metrics_rep *r = &reps[i];
        if (!r->is_rep || !r->played) {
            continue;
        }
        out->reps_total++;
        out->reps_achieved += r->reached ? 1 : 0;
        if (st->kind == EBB_STEP_SQUEEZE && r->longest_above_ms > out->endurance_ms) {
            out->endurance_ms = r->longest_above_ms;
        }
        if (st->kind != EBB_STEP_FLICK) {
            out->releases_total++;
            if (r->release_ms >= 0) {
                rel += r->release_ms;
                rel_n++;
            }
        }
        if (r->recruit_ms >= 0) {
            rec += r->recruit_ms;
            rec_n++;
        }
    }
    out->release_mean_ms = rel_n ? (int32_t)(rel / rel_n) : -1;
    out->releases_done = rel_n;
    out->recruit_mean_ms = rec_n ? (int32_t)(rec / rec_n) : -1;
}

/* Pacing from the breath channel, and the pelvic floor's own target during breath phases. */
static void level_breath(const ebb_level *lv, const ebb_metrics_trace *tr, ebb_metrics_level *out)
{
    double pf_n[3] = {0}, pf_in[3] = {0};
    int followed_n = 0;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        size_t s0, end;
        if (!step_span(lv, i, tr, &s0, &end)) {
            break;
        }
        if (!is_breath(st->kind)) {
            continue;
        }
        const int phase = (int)st->kind - (int)EBB_STEP_BREATHE_IN;
        if (st->has_pf) {
            for (size_t k = s0 + TICKS(st->grace_ms); k < end; k++) {
                pf_n[phase] += 1.0;
                pf_in[phase] += (tr->pf[k] >= st->pf_lo - EBB_BAND_TOLERANCE &&
                                 tr->pf[k] <= st->pf_hi + EBB_BAND_TOLERANCE) ? 1.0 : 0.0;
            }
        }
        const bool whole = end == s0 + TICKS(st->duration_ms);
        if (!tr->breath || !whole || end - s0 < 2 || isnan(tr->breath[s0]) ||
            isnan(tr->breath[end - 1])) {
            continue;
        }
        const float d = tr->breath[end - 1] - tr->breath[s0];
        bool ok = false;
        switch (st->kind) {
        case EBB_STEP_BREATHE_IN: ok = d >= EBB_METRICS_BREATH_MOVE; break;
        case EBB_STEP_BREATHE_OUT: ok = d <= -EBB_METRICS_BREATH_MOVE; break;
        default: ok = fabsf(d) < EBB_METRICS_BREATH_MOVE; break;
        }
        out->breath_phases++;
        followed_n += ok ? 1 : 0;
    }
    out->breath_pacing = out->breath_phases ? (float)followed_n / (float)out->breath_phases : NAN;
    float *pf_share[3] = {&out->pf_breath_in, &out->pf_breath_out, &out->pf_breath_hold};
    for (int p = 0; p < 3; p++) {
        *pf_share[p] = pf_n[p] > 0.0 ? (float)(pf_in[p] / pf_n[p]) : NAN;
    }
}

static float mean_or_nan(double sum, int n) { return n ? (float)(sum / n) : NAN; }
static int32_t mean_ms(int64_t sum, int n) { return n ? (int32_t)(sum / n) : -1; }

static void assess_flicks(const ebb_level *lv, const ebb_metrics_rep *reps,
                          ebb_metrics_assessment *a)
{
    double peak = 0.0, upeak = 0.0;
    int64_t on = 0, rise = 0, rel = 0;
    int on_n = 0, rise_n = 0, rel_n = 0;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_metrics_rep *r = &reps[i];
        if (lv->steps[i].kind != EBB_STEP_FLICK || !r->played) {
            continue;
        }
        a->flicks++;
        peak += r->peak;
        upeak += r->peak_unit;
        if (r->onset_ms >= 0) { on += r->onset_ms; on_n++; }
        if (r->rise_ms >= 0) { rise += r->rise_ms; rise_n++; }
        if (r->release_ms >= 0) { rel += r->release_ms; rel_n++; }
    }
    a->flick_peak = mean_or_nan(peak, a->flicks);
    a->flick_peak_unit = mean_or_nan(upeak, a->flicks);
    a->flick_onset_ms = mean_ms(on, on_n);
    a->flick_rise_ms = mean_ms(rise, rise_n);
    a->flick_release_ms = mean_ms(rel, rel_n);
}

static void assess_holds(const ebb_level *lv, const ebb_metrics_trace *tr,
                         const ebb_metrics_rep *reps, ebb_metrics_assessment *a)
{
    metrics_sum hold = {0};
    double peak = 0.0, upeak = 0.0;
    int64_t rel = 0;
    int rel_n = 0;
    size_t endurance = SIZE_MAX;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        size_t s0, end;
        if (st->kind != EBB_STEP_SQUEEZE || !step_span(lv, i, tr, &s0, &end)) {
            continue;
        }
        if (st->duration_ms >= METRICS_ENDURANCE_MIN_MS) {
            endurance = endurance == SIZE_MAX ? i : endurance;
            continue;
        }
        a->holds++;
        for (size_t k = s0 + TICKS(st->grace_ms); k < end; k++) {
            sum_add(&hold, tr, k);
        }
        peak += reps[i].peak;
        upeak += reps[i].peak_unit;
        if (reps[i].release_ms >= 0) { rel += reps[i].release_ms; rel_n++; }
    }
    ebb_metrics_stats hs;
    stats_from(&hold, tr->pf_unit != NULL, &hs);
    a->hold_mean = hs.mean;
    a->hold_mean_unit = hs.mean_unit;
    a->hold_peak = mean_or_nan(peak, a->holds);
    a->hold_peak_unit = mean_or_nan(upeak, a->holds);
    a->hold_release_ms = mean_ms(rel, rel_n);

    a->endurance_mean = a->endurance_mean_unit = NAN;
    a->endurance_first = a->endurance_last = NAN;
    a->endurance_first_unit = a->endurance_last_unit = NAN;
    a->endurance_decline = a->endurance_decline_unit = NAN;
    size_t s0, end;
    if (endurance == SIZE_MAX || !step_span(lv, endurance, tr, &s0, &end)) {
        return;
    }
    const ebb_step *st = &lv->steps[endurance];
    const size_t from = s0 + TICKS(st->grace_ms);
    const ebb_metrics_stats all = ebb_metrics_stats_range(tr, from, end);
    a->endurance_mean = all.mean;
    a->endurance_mean_unit = all.mean_unit;
    if (end != s0 + TICKS(st->duration_ms) || end - from < 2 * TICKS(EBB_METRICS_DECLINE_MS)) {
        return; /* the decline needs the whole hold */
    }
    const ebb_metrics_stats first = ebb_metrics_stats_range(tr, from, from + TICKS(EBB_METRICS_DECLINE_MS));
    const ebb_metrics_stats last = ebb_metrics_stats_range(tr, end - TICKS(EBB_METRICS_DECLINE_MS), end);
    a->endurance_first = first.mean;
    a->endurance_last = last.mean;
    a->endurance_first_unit = first.mean_unit;
    a->endurance_last_unit = last.mean_unit;
    if (first.mean >= EBB_METRICS_CV_MIN_MEAN) {
        a->endurance_decline = (first.mean - last.mean) / first.mean;
    }
    if (fabsf(first.mean_unit) > 1e-6f) { /* NaN when not calibrated: the test is false */
        a->endurance_decline_unit = (first.mean_unit - last.mean_unit) / first.mean_unit;
    }
}

static ebb_metrics_stats rest_step_stats(const ebb_level *lv, size_t i, const ebb_metrics_trace *tr)
{
    size_t s0, end;
    if (lv->steps[i].kind != EBB_STEP_REST || !step_span(lv, i, tr, &s0, &end)) {
        metrics_sum none = {0};
        ebb_metrics_stats out;
        stats_from(&none, false, &out);
        return out;
    }
    return ebb_metrics_stats_range(tr, s0 + TICKS(lv->steps[i].grace_ms), end);
}

static void level_assessment(const ebb_level *lv, const ebb_metrics_trace *tr,
                             const ebb_metrics_rep *reps, ebb_metrics_assessment *a)
{
    memset(a, 0, sizeof *a);
    if (lv->kind != EBB_LEVEL_ASSESSMENT || lv->step_count < 2) {
        return;
    }
    a->present = true;
    a->pre_rest = rest_step_stats(lv, 0, tr);
    a->post_rest = rest_step_stats(lv, lv->step_count - 1, tr);
    assess_flicks(lv, reps, a);
    assess_holds(lv, tr, reps, a);
}

void ebb_metrics_level_compute(const ebb_level *level, const ebb_metrics_trace *tr,
                               const ebb_metrics_rep *reps, ebb_metrics_level *out)
{
    memset(out, 0, sizeof *out);
    out->unit = tr->pf_unit ? tr->unit : EBB_UNIT_NONE;
    level_band_and_rest(level, tr, out);
    level_reps(level, reps, out);
    level_breath(level, tr, out);
    out->measured_rest = 0.0f;
    for (size_t i = 0; i < level->step_count; i++) {
        if (TICKS(level->steps[i].start_ms) < tr->ticks) {
            out->measured_rest = step_rest_of(tr, i);
        }
    }
    level_assessment(level, tr, reps, &out->assessment);
}
