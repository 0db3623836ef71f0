#include "sound/guide.h"

#include <stdio.h>
#include <string.h>

#include "sound/sonify.h"

static bool counts_down(ebb_step_kind k)
{
    return k == EBB_STEP_SQUEEZE || k == EBB_STEP_BREATHE_HOLD;
}

static ebb_pacer_phase pacer_phase(ebb_step_kind k)
{
    switch (k) {
    case EBB_STEP_BREATHE_IN:
        return EBB_PACER_IN;
    case EBB_STEP_BREATHE_OUT:
        return EBB_PACER_OUT;
    case EBB_STEP_BREATHE_HOLD:
        return EBB_PACER_HOLD;
    default:
        return EBB_PACER_NONE;
    }
}

static void add(ebb_guide_event *out, size_t max, size_t *n, ebb_guide_kind kind, int id,
                uint32_t at, uint32_t len)
{
    if (*n < max) {
        out[*n] = (ebb_guide_event){kind, id, at, len};
    }
    (*n)++;
}

size_t ebb_guide_plan(ebb_guide *g, const ebb_level *lv, uint32_t until_ms, bool pacer,
                      ebb_guide_event *out, size_t max)
{
    uint32_t from = g->planned_ms;
    if (until_ms <= from) {
        return 0;
    }
    size_t n = 0;
    uint32_t reached = until_ms;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        uint32_t s0 = st->start_ms, end = st->start_ms + st->duration_ms;
        if (end <= from && !(st->duration_ms == 0 && s0 >= from)) {
            continue;
        }
        if (s0 >= until_ms) {
            break;
        }
        size_t before = n;
        if (s0 >= from) {
            if (g->steps) {
                add(out, max, &n, EBB_GUIDE_STEP, (int)i, s0, 0);
            }
            if (st->cue != EBB_CUE_NONE) {
                add(out, max, &n, EBB_GUIDE_CUE, (int)st->cue, s0, 0);
            }
            ebb_pacer_phase ph = pacer_phase(st->kind);
            if (pacer && ph != EBB_PACER_NONE) {
                add(out, max, &n, EBB_GUIDE_PACER, (int)ph, s0, st->duration_ms);
            }
        }
        if (counts_down(st->kind)) {
            for (uint32_t k = 3; k >= 1; k--) {
                if (st->duration_ms < k * 1000u + 1000u) {
                    continue; /* in the step's first second: it would land on the cue */
                }
                uint32_t t = end - k * 1000u;
                if (t >= from && t < until_ms) {
                    add(out, max, &n, EBB_GUIDE_TICK, (int)k, t, 0);
                }
            }
        }
        if (n > max) {
            /* Out of room: stop before this step's sounds, so they come next time. */
            n = before;
            reached = s0 > from ? s0 : from;
            break;
        }
    }
    if (lv->step_count > 0 && n < max) {
        const ebb_step *last = &lv->steps[lv->step_count - 1];
        uint32_t end = last->start_ms + last->duration_ms;
        if (end >= from && end < reached) {
            add(out, max, &n, EBB_GUIDE_COMPLETE, 0, end, 0);
        }
    } else if (lv->step_count > 0 && reached > from) {
        const ebb_step *last = &lv->steps[lv->step_count - 1];
        uint32_t end = last->start_ms + last->duration_ms;
        if (end >= from && end < reached) {
            reached = end; /* no room for the chime: it comes next time */
        }
    }
    g->planned_ms = reached;
    return n;
}

bool ebb_guide_rep_good(const ebb_level *lv, size_t ended, float score)
{
    if (ended >= lv->step_count) {
        return false;
    }
    ebb_step_kind k = lv->steps[ended].kind;
    bool rep = k == EBB_STEP_SQUEEZE || k == EBB_STEP_RELEASE || k == EBB_STEP_FLICK;
    return rep && score >= EBB_GUIDE_GOOD;
}

void ebb_guide_note(ebb_guide *g, const char *text, uint32_t at_ms)
{
    ebb_guide_line *c = &g->captions[g->caption_next % EBB_GUIDE_CAPTIONS];
    snprintf(c->text, sizeof c->text, "%s", text);
    c->at_ms = at_ms;
    g->caption_next++;
}

const char *ebb_guide_caption(const ebb_guide *g, uint32_t now_ms)
{
    const ebb_guide_line *best = NULL;
    for (size_t i = 0; i < EBB_GUIDE_CAPTIONS; i++) {
        const ebb_guide_line *c = &g->captions[i];
        if (!c->text[0] || c->at_ms > now_ms || now_ms - c->at_ms >= EBB_GUIDE_CAPTION_MS) {
            continue;
        }
        if (!best || c->at_ms >= best->at_ms) {
            best = c;
        }
    }
    return best ? best->text : NULL;
}
