#include "core/session.h"

#include <stdlib.h>
#include <string.h>

struct ebb_session {
    const ebb_level *level;
    ebb_step_acc *acc;          /* one per step */
    ebb_step_result *results;   /* one per step, filled by ebb_session_result */
    ebb_result result;
    size_t step;                /* current step index; == step_count once finished */
    uint32_t step_ms;           /* time into the current step */
    uint32_t elapsed_ms;
    bool started, finished, aborted, lost;
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
    if (!s->acc || !s->results) {
        ebb_session_destroy(s);
        return NULL;
    }
    s->level = level;
    for (size_t i = 0; i < level->step_count; i++) {
        ebb_step_acc_reset(&s->acc[i]);
    }
    s->finished = level->step_count == 0;
    return s;
}

void ebb_session_destroy(ebb_session *s)
{
    if (!s) {
        return;
    }
    free(s->acc);
    free(s->results);
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
    ebb_step_acc_add(&s->acc[s->step], step, s->step_ms, session_effort(step, frame));
    s->step_ms += EBB_TICK_MS;
    s->elapsed_ms += EBB_TICK_MS;
    if (s->step_ms >= step->duration_ms) {
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
    ebb_result_summarise(r);
    return r;
}
