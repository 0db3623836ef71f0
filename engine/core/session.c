#include "core/session.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A measured rest above this is not a rest: `rest+N%` bands stop following it there, so
 * that a tense start cannot lift a "let go" ceiling out of reach. */
#define SESSION_MEASURED_REST_MAX 0.5f

struct ebb_session {
    const ebb_level *level;
    ebb_step_acc *acc;          /* one per step */
    ebb_step_result *results;   /* one per step, filled by ebb_session_result */
    ebb_result result;
    size_t step;                /* current step index; == step_count once finished */
    uint32_t step_ms;           /* time into the current step */
    uint32_t elapsed_ms;
    bool started, finished, aborted, lost;
    /* The trace the clinical metrics are computed from, one value per level tick. */
    float *tr_pf, *tr_unit, *tr_breath;
    size_t tr_cap;
    bool any_breath, calibrated;
    ebb_unit unit;
    float *step_rest;           /* per step: measured rest in force while it was played */
    double rest_sum, rest_n;    /* pf effort over scored ticks of finished rest steps */
    ebb_metrics_rep *reps;
    size_t reps_final;          /* reps[0..reps_final) can no longer change */
    ebb_metrics_level metrics;
    ebb_metrics_past past;
    ebb_metrics_sentences sentences;
    size_t metrics_step;        /* s->step when metrics were last computed; SIZE_MAX: never */
    bool metrics_finished;
};

ebb_session *ebb_session_create(const ebb_level *level)
{
    ebb_session *s = calloc(1, sizeof *s);
    if (!s) {
        return NULL;
    }
    const size_t n = level->step_count ? level->step_count : 1;
    s->acc = calloc(n, sizeof *s->acc);
    s->results = calloc(n, sizeof *s->results);
    s->step_rest = calloc(n, sizeof *s->step_rest);
    s->reps = calloc(n, sizeof *s->reps);
    s->tr_cap = level->total_ms / EBB_TICK_MS + 1;
    s->tr_pf = calloc(s->tr_cap, sizeof *s->tr_pf);
    s->tr_unit = calloc(s->tr_cap, sizeof *s->tr_unit);
    s->tr_breath = calloc(s->tr_cap, sizeof *s->tr_breath);
    if (!s->acc || !s->results || !s->step_rest || !s->reps || !s->tr_pf || !s->tr_unit ||
        !s->tr_breath) {
        ebb_session_destroy(s);
        return NULL;
    }
    s->level = level;
    for (size_t i = 0; i < level->step_count; i++) {
        ebb_step_acc_reset(&s->acc[i]);
    }
    s->finished = level->step_count == 0;
    s->metrics_step = SIZE_MAX;
    ebb_metrics_past_none(&s->past);
    return s;
}

void ebb_session_destroy(ebb_session *s)
{
    if (!s) {
        return;
    }
    free(s->acc);
    free(s->results);
    free(s->step_rest);
    free(s->reps);
    free(s->tr_pf);
    free(s->tr_unit);
    free(s->tr_breath);
    free(s);
}

/* Which effort a step follows: breathing phases follow the breath, everything else the
 * pelvic floor. */
static float session_effort(const ebb_step *step, const ebb_frame *f)
{
    switch (step->kind) {
    case EBB_STEP_BREATHE_IN:
    case EBB_STEP_BREATHE_OUT:
    case EBB_STEP_BREATHE_HOLD:
        return ebb_frame_breath_effort(f);
    default:
        return f->effort[EBB_CH_PF];
    }
}

static void session_trace(ebb_session *s, const ebb_frame *f)
{
    const size_t k = s->elapsed_ms / EBB_TICK_MS;
    if (k >= s->tr_cap) {
        return; /* cannot happen: the level's total time bounds the ticks */
    }
    s->tr_pf[k] = f->effort[EBB_CH_PF];
    s->tr_unit[k] = f->raw[EBB_CH_PF];
    const bool breath = (f->present & (1u << EBB_CH_BREATH)) != 0;
    s->tr_breath[k] = breath ? f->effort[EBB_CH_BREATH] : NAN;
    s->any_breath = s->any_breath || breath;
}

/* A rest step adds its scored time to the measured rest of the steps after it. */
static void session_step_ended(ebb_session *s, const ebb_step *step)
{
    if (step->kind == EBB_STEP_REST) {
        const size_t s0 = step->start_ms / EBB_TICK_MS;
        const size_t end = s0 + step->duration_ms / EBB_TICK_MS;
        for (size_t k = s0 + step->grace_ms / EBB_TICK_MS; k < end && k < s->tr_cap; k++) {
            s->rest_sum += s->tr_pf[k];
            s->rest_n += 1.0;
        }
    }
    if (s->step + 1 < s->level->step_count) {
        float rest = s->rest_n > 0.0 ? (float)(s->rest_sum / s->rest_n) : 0.0f;
        rest = rest < 0.0f ? 0.0f : rest;
        s->step_rest[s->step + 1] = rest > SESSION_MEASURED_REST_MAX ? SESSION_MEASURED_REST_MAX
                                                                     : rest;
    }
}

void ebb_session_tick(ebb_session *s, const ebb_frame *frame, ebb_tick_events *ev)
{
    ev->step_started = -1;
    ev->finished = false;
    ev->signal_lost = false;
    ev->signal_back = false;
    if (s->finished) {
        return;
    }
    if (frame->signal == EBB_SIGNAL_LOST) {
        ev->signal_lost = !s->lost;
        s->lost = true;
        return;
    }
    if (s->lost) {
        s->lost = false;
        ev->signal_back = true;
    }
    if (!s->started) {
        s->started = true;
        ev->step_started = 0;
    }

    const ebb_step *step = &s->level->steps[s->step];
    const float pf = frame->effort[EBB_CH_PF];
    ebb_step_acc_add_ex(&s->acc[s->step], step, s->step_ms, session_effort(step, frame),
                        s->step_rest[s->step], pf);
    session_trace(s, frame);
    s->step_ms += EBB_TICK_MS;
    s->elapsed_ms += EBB_TICK_MS;
    if (s->step_ms >= step->duration_ms) {
        session_step_ended(s, step);
        s->step++;
        s->step_ms = 0;
        if (s->step >= s->level->step_count) {
            s->finished = true;
            ev->finished = true;
        } else {
            ev->step_started = (int)s->step;
        }
    }
}

void ebb_session_abort(ebb_session *s)
{
    if (!s->finished) {
        s->aborted = true;
        s->finished = true;
    }
}

bool ebb_session_finished(const ebb_session *s) { return s->finished; }
bool ebb_session_signal_lost(const ebb_session *s) { return s->lost; }
uint32_t ebb_session_elapsed_ms(const ebb_session *s) { return s->elapsed_ms; }

size_t ebb_session_step_index(const ebb_session *s)
{
    /* Once finished, report the last step so callers can always index the level. */
    if (s->step >= s->level->step_count) {
        return s->level->step_count ? s->level->step_count - 1 : 0;
    }
    return s->step;
}

void ebb_session_set_calib(ebb_session *s, const ebb_calib *calib)
{
    s->calibrated = calib && calib->unit != EBB_UNIT_NONE;
    s->unit = s->calibrated ? calib->unit : EBB_UNIT_NONE;
    s->metrics_step = SIZE_MAX;
    s->reps_final = 0;
}

void ebb_session_set_past(ebb_session *s, const ebb_metrics_past *past)
{
    if (past) {
        s->past = *past;
    } else {
        ebb_metrics_past_none(&s->past);
    }
    s->metrics_step = SIZE_MAX;
}

float ebb_session_measured_rest(const ebb_session *s)
{
    return s->step_rest[s->step < s->level->step_count ? s->step : s->level->step_count - 1];
}

/* Rep metrics of a step can change until the release window after it has been played
 * (its release, or a flick's fall, is looked for up to EBB_METRICS_RELEASE_WINDOW_MS past
 * the step): only then are they frozen, so that a session read live gives the same values as
 * one re-scored at the end. Level metrics are recomputed when a step ends or the session
 * finishes, not on every call. */
static void session_metrics(ebb_session *s)
{
    if (s->metrics_step == s->step && s->metrics_finished == s->finished) {
        return;
    }
    const ebb_level *lv = s->level;
    const ebb_metrics_trace tr = {
        .pf = s->tr_pf,
        .pf_unit = s->calibrated ? s->tr_unit : NULL,
        .breath = s->any_breath ? s->tr_breath : NULL,
        .step_rest = s->step_rest,
        .ticks = s->elapsed_ms / EBB_TICK_MS,
        .unit = s->unit,
    };
    for (size_t i = s->reps_final; i < lv->step_count; i++) {
        ebb_metrics_rep_compute(lv, i, &tr, &s->reps[i]);
        const ebb_step *st = &lv->steps[i];
        const size_t settled = (st->start_ms + st->duration_ms + EBB_METRICS_RELEASE_WINDOW_MS) /
                               EBB_TICK_MS;
        if (s->reps_final == i && (s->finished || tr.ticks >= settled)) {
            s->reps_final = i + 1;
        }
    }
    ebb_metrics_level_compute(lv, &tr, s->reps, &s->metrics);
    ebb_metrics_say(&s->metrics, &s->past, &s->sentences);
    s->metrics_step = s->step;
    s->metrics_finished = s->finished;
}

const ebb_result *ebb_session_result(ebb_session *s)
{
    const ebb_level *lv = s->level;
    for (size_t i = 0; i < lv->step_count; i++) {
        const bool reached = i < s->step || (i == s->step && s->acc[i].ticks > 0);
        ebb_step_result_make(&s->results[i], &lv->steps[i], &s->acc[i], reached);
    }
    ebb_result *r = &s->result;
    r->level = lv;
    r->complete = s->finished && !s->aborted;
    r->duration_ms = s->elapsed_ms;
    r->steps = s->results;
    r->step_count = lv->step_count;
    session_metrics(s);
    r->metrics = &s->metrics;
    r->reps = s->reps;
    r->sentences = &s->sentences;
    ebb_result_summarise(r);
    return r;
}
