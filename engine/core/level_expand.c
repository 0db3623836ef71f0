/* The level parser's last stage: a therapist's overrides are checked, the repeat blocks are
 * measured against the limits (without expanding them: four nested blocks of 200 must not
 * allocate 1.6 billion steps to find out they are too many) and, when the whole file is
 * clean, expanded into the flat step list the session runner plays. */
#include <stdlib.h>

#include "core/frame.h"
#include "core/level.h"
#include "core/lex.h"
#include "core/level_parser.h"

/* One override duration: like a step's, 100 ms..10 min and a whole number of ticks. A
 * pack's overrides come from code, not text, so a bad one is a plain error without a line. */
static bool check_override_ms(const char *what, uint32_t ms, ebb_diags *d)
{
    char a[24], b[24], c[24];
    if (ms == 0) {
        return true;
    }
    if (ms < EBB_LEVEL_STEP_MS_MIN || ms > EBB_LEVEL_STEP_MS_MAX || ms % EBB_TICK_MS != 0) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, 0, 0,
                      "override %s %s: must be %s..%s in steps of %u ms", what,
                      ebb_lex_fmt_ms(ms, a, sizeof a),
                      ebb_lex_fmt_ms(EBB_LEVEL_STEP_MS_MIN, b, sizeof b),
                      ebb_lex_fmt_ms(EBB_LEVEL_STEP_MS_MAX, c, sizeof c), (unsigned)EBB_TICK_MS);
        return false;
    }
    return true;
}

bool ebb_p_check_overrides(const ebb_level_overrides *ov, ebb_diags *d)
{
    bool ok = check_override_ms("hold", ov->hold_ms, d);
    ok = check_override_ms("rest", ov->rest_ms, d) && ok;
    ok = check_override_ms("rest", ov->rest_after_hold_ms, d) && ok;
    ok = check_override_ms("out", ov->out_ms, d) && ok;
    if (ov->reps > EBB_LEVEL_REPEAT_COUNT_MAX) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, 0, 0, "override reps %u: must be 1..%u",
                      (unsigned)ov->reps, EBB_LEVEL_REPEAT_COUNT_MAX);
        ok = false;
    }
    /* `!(x >= 0)` also catches NaN. */
    if (!(ov->width >= 0.0f && ov->width <= 1.0f) || !(ov->below >= 0.0f && ov->below <= 1.0f)) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, 0, 0,
                      "override width or below: must be 0%%..100%%");
        ok = false;
    }
    if (!(ov->target >= 0.0f && ov->target <= 1.0f)) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, 0, 0,
                      "override target %g%%: must be 0%%..100%%", (double)ov->target * 100.0);
        ok = false;
    }
    return ok;
}

/* ---- measuring and expanding repeats ---------------------------------------------------- */

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    return (b != 0 && a > UINT64_MAX / b) ? UINT64_MAX : a * b;
}

/* Steps and milliseconds of ops[from..to) once expanded; saturates instead of overflowing
 * (four nested repeats of 200 can ask for 1.6 billion copies). */
static void measure(const ebb_parser *P, size_t from, size_t to, uint64_t *steps, uint64_t *ms)
{
    for (size_t i = from; i < to; i++) {
        const ebb_op *o = &P->ops[i];
        if (o->kind == EBB_OP_STEP) {
            *steps = sat_add(*steps, 1);
            *ms = sat_add(*ms, P->steps[o->step].duration_ms);
        } else if (o->kind == EBB_OP_OPEN) {
            uint64_t s = 0, m = 0;
            measure(P, i + 1, o->match, &s, &m);
            *steps = sat_add(*steps, sat_mul(s, o->count));
            *ms = sat_add(*ms, sat_mul(m, o->count));
            i = o->match;
        }
    }
}

static void expand(ebb_parser *P, size_t from, size_t to, uint16_t rep, uint16_t reps,
                   uint32_t *t)
{
    for (size_t i = from; i < to; i++) {
        const ebb_op *o = &P->ops[i];
        if (o->kind == EBB_OP_STEP) {
            ebb_step *s = &P->lv.steps[P->lv.step_count++];
            *s = P->steps[o->step];
            s->start_ms = *t;
            s->rep = rep;
            s->reps = reps;
            *t += s->duration_ms;
        } else if (o->kind == EBB_OP_OPEN) {
            for (uint16_t k = 1; k <= o->count; k++) {
                expand(P, i + 1, o->match, k, o->count, t);
            }
            i = o->match;
        }
    }
}

void ebb_p_finish_steps(ebb_parser *P)
{
    if (P->step_lines == 0) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_EMPTY, 0, 0,
               "the level has no steps; add at least one, e.g. rest 4s");
        return;
    }
    /* Only a well-formed tree of blocks can be measured; past the depth limit it is not
     * worth the stack to try. */
    if (!P->nesting_ok || P->too_deep) {
        return;
    }
    uint64_t steps = 0, ms = 0;
    measure(P, 0, P->nops, &steps, &ms);
    if (steps > EBB_LEVEL_STEPS_MAX) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0,
               "the level has %llu steps after expanding repeats; the limit is %u",
               (unsigned long long)steps, EBB_LEVEL_STEPS_MAX);
    }
    if (ms > EBB_LEVEL_TOTAL_MS_MAX) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0,
               "the level lasts %llu s after expanding repeats; the limit is %u min",
               /* NOLINTNEXTLINE(bugprone-misplaced-widening-cast): uint64_t for %llu */
               (unsigned long long)(ms / 1000u + (ms % 1000u != 0)),
               EBB_LEVEL_TOTAL_MS_MAX / 60000u);
    }
    if (P->cur.diags->errors != P->errors_before) {
        return;
    }
    /* At least one element: malloc(0) may return NULL, which would read as out of memory. */
    P->lv.steps = malloc((size_t)(steps ? steps : 1) * sizeof *P->lv.steps);
    if (P->lv.steps == NULL) {
        P->oom = true;
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
        return;
    }
    uint32_t t = 0;
    expand(P, 0, P->nops, 0, 0, &t);
    P->lv.total_ms = t;
}

