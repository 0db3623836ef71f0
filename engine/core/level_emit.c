/* The level parser's step lines, second half: what a line said (ebb_step_fields, read in
 * level_step.c) is checked against what its kind allows and turned into step templates,
 * with the kind's defaults and a therapist's overrides. An elevator becomes one squeeze step
 * per floor and a knack a lift step and a cough step, so the runner and the scorer only ever
 * see the kinds they know. */
#include <stdio.h>
#include <string.h>

#include "core/frame.h"
#include "core/level.h"
#include "core/lex.h"
#include "core/level_parser.h"

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

/* ---- what each kind of line allows -------------------------------------------------------- */

static void field_not_here(ebb_parser *P, const ebb_token *w, const ebb_step_fields *f, int fi,
                           const char *why)
{
    if (f->col[fi] != 0) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, f->col[fi], "'%s' %s",
                     ebb_p_field_names[fi], why);
    }
}

static void check_fields(ebb_parser *P, const ebb_token *w, const char *label,
                         const ebb_step_fields *f, ebb_step_kind kind, ebb_line_form form,
                         bool had_breathe)
{
    static const char ramp_only[] = "only applies to ramp steps";
    if (kind != EBB_STEP_RAMP) {
        field_not_here(P, w, f, EBB_F_FROM, ramp_only);
        field_not_here(P, w, f, EBB_F_TO, ramp_only);
        if (form != EBB_LF_ELEVATOR) {
            field_not_here(P, w, f, EBB_F_WIDTH, "only applies to ramp and steps");
        }
    }
    if (form != EBB_LF_ELEVATOR) {
        field_not_here(P, w, f, EBB_F_LEVELS, "only applies to steps (the elevator)");
    } else if (f->col[EBB_F_LEVELS] == 0) {
        EBB_P_ERR_AT(P, EBB_D_MISSING, w, "'steps' needs its floors, e.g. steps 20s levels "
                     "25%%,50%%,75%%");
    }
    if (kind < EBB_STEP_BREATHE_IN || kind > EBB_STEP_BREATHE_HOLD) {
        field_not_here(P, w, f, EBB_F_PF, "only applies to breathe steps");
    }
    if (f->target < 0) {
        if (kind == EBB_STEP_SQUEEZE && form == EBB_LF_PLAIN) {
            EBB_P_ERR_AT(P, EBB_D_MISSING, w, "'%s' needs a target: band LO%%..HI%% or above P%%",
                         label);
        } else if (kind == EBB_STEP_BREATHE_HOLD && !had_breathe) {
            EBB_P_ERR_AT(P, EBB_D_MISSING, w,
                         "'breathe hold' has no breathe step before it to take its band "
                         "from; give it band, below or above");
        }
    }
    if (kind == EBB_STEP_RAMP && (f->col[EBB_F_FROM] == 0 || f->col[EBB_F_TO] == 0)) {
        /* After the line's other mistakes, so messages stay in column order. */
        if (f->target >= 0) {
            ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, f->col[f->target],
                         "a ramp's band comes from 'from', 'to' and 'width', not '%s'",
                         ebb_p_field_names[f->target]);
        }
        EBB_P_ERR_AT(P, EBB_D_MISSING, w,
                     "'ramp' needs 'from' and 'to', e.g. ramp 10s from 20%% to 60%%");
        return;
    }
    if (f->target < 0) {
        return;
    }
    unsigned col = f->col[f->target];
    const char *given = ebb_p_field_names[f->target];
    if (kind == EBB_STEP_RAMP) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, col,
                     "a ramp's band comes from 'from', 'to' and 'width', not '%s'", given);
    } else if (form == EBB_LF_ELEVATOR) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, col,
                     "an elevator's bands come from 'levels' and 'width', not '%s'", given);
    } else if ((form == EBB_LF_KNACK || kind == EBB_STEP_FLICK) && f->target != EBB_F_ABOVE) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, col,
                     "a %s takes 'above P%%' (its threshold), not '%s'", label, given);
    } else if (kind == EBB_STEP_SQUEEZE && f->target == EBB_F_BELOW) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, col,
                     "a squeeze needs 'band' or 'above', not 'below'");
    } else if (kind == EBB_STEP_DROP && f->target == EBB_F_ABOVE) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, col,
                     "a drop lets go: give it 'below P%%' or a band, not 'above'");
    }
}

/* ---- filling in and emitting steps ------------------------------------------------------- */

/* Grace never eats more than a third of a step: the rest must be scored. */
static void set_grace(ebb_parser *P, const ebb_token *w, const ebb_step_fields *f, ebb_step *st)
{
    uint32_t third = st->duration_ms / 3u / EBB_TICK_MS * EBB_TICK_MS;
    if (f->col[EBB_F_GRACE] != 0) {
        st->grace_ms = f->grace_ms;
        if (st->grace_ms > third) {
            char a[24], b[24];
            ebb_p_report(P, EBB_SEV_WARNING, EBB_D_RANGE, w->line, f->col[EBB_F_GRACE],
                         "grace %s is more than a third of the step; using %s",
                         ebb_lex_fmt_ms(st->grace_ms, a, sizeof a),
                         ebb_lex_fmt_ms(third, b, sizeof b));
            st->grace_ms = third;
        }
    } else if (st->kind != EBB_STEP_RAMP) {
        st->grace_ms = third < EBB_LEVEL_GRACE_MS_DEFAULT ? third : EBB_LEVEL_GRACE_MS_DEFAULT;
    }
}

/* Fills the defaults of a one-step line: band, cue, caption, scoring. */
static void complete_plain(ebb_parser *P, const ebb_token *w, const ebb_step_fields *f,
                           ebb_step *st, bool had_breathe)
{
    static const float def_lo[EBB_STEP_KIND_COUNT] = {0.0f, 0.0f, 0.0f, 0.6f, 0.0f,
                                                      0.4f, 0.0f, 0.0f, 0.0f};
    static const float def_hi[EBB_STEP_KIND_COUNT] = {0.2f, 0.2f, 1.0f, 1.0f, 1.0f,
                                                      1.0f, 0.3f, 1.0f, 0.1f};
    static const uint32_t flags[EBB_STEP_KIND_COUNT] = {
        EBB_SCORE_IN_BAND | EBB_SCORE_STEADY, EBB_SCORE_RELEASE | EBB_SCORE_IN_BAND,
        EBB_SCORE_IN_BAND, EBB_SCORE_PEAK, EBB_SCORE_IN_BAND, EBB_SCORE_IN_BAND,
        EBB_SCORE_IN_BAND, EBB_SCORE_IN_BAND, EBB_SCORE_IN_BAND | EBB_SCORE_STEADY};
    if (st->kind == EBB_STEP_RAMP) {
        float half = f->width / 2.0f;
        st->lo0 = clamp01(f->from - half);
        st->hi0 = clamp01(f->from + half);
        st->lo1 = clamp01(f->to - half);
        st->hi1 = clamp01(f->to + half);
    } else {
        st->lo0 = def_lo[st->kind];
        st->hi0 = def_hi[st->kind];
        if (f->target >= 0) {
            st->lo0 = f->lo;
            st->hi0 = f->hi;
            st->rest_rel = f->rel;
        } else if (st->kind == EBB_STEP_BREATHE_HOLD && had_breathe) {
            st->lo0 = P->breathe_lo;
            st->hi0 = P->breathe_hi;
        }
        st->lo1 = st->lo0;
        st->hi1 = st->hi0;
    }
    set_grace(P, w, f, st);
    if (f->col[EBB_F_CUE] == 0) {
        st->cue = ebb_step_default_cue(st->kind);
    }
    if (f->col[EBB_F_CAPTION] == 0) {
        snprintf(st->caption, sizeof st->caption, "%s", ebb_step_default_caption(st->kind));
    }
    st->score_flags = f->col[EBB_F_SCORE] ? f->score_flags : flags[st->kind];
}

/* Slides a band back inside 0..100 %, keeping its width. */
static void slide_inside(ebb_step_fields *f)
{
    if (f->lo < 0.0f) {
        f->hi -= f->lo;
        f->lo = 0.0f;
    } else if (f->hi > 1.0f) {
        f->lo -= f->hi - 1.0f;
        f->hi = 1.0f;
    }
}

/* A therapist's pack may change holds, rests and targets, and a level's challenge its band
 * widths and rest ceilings too (see ebb_level_overrides). */
static void apply_overrides(ebb_parser *P, ebb_step *st, ebb_step_fields *f)
{
    const ebb_level_overrides *ov = &P->ov;
    if (st->kind == EBB_STEP_SQUEEZE) {
        if (ov->hold_ms != 0) {
            st->duration_ms = ov->hold_ms;
        }
        if (ov->target > 0.0f && f->target >= 0) {
            if (f->target == EBB_F_ABOVE) {
                f->lo = ov->target; /* an open band keeps its top: the target is its floor */
            } else {
                /* Re-centre, keeping the width, and slide it back inside 0..100%. */
                float w = f->hi - f->lo;
                f->lo = ov->target - w / 2.0f;
                f->hi = ov->target + w / 2.0f;
                slide_inside(f);
            }
        }
        if (ov->width > 0.0f && f->target == EBB_F_BAND) {
            /* A challenge narrows (or widens) the band around its centre. */
            float c = (f->lo + f->hi) / 2.0f;
            f->lo = c - ov->width / 2.0f;
            f->hi = c + ov->width / 2.0f;
            slide_inside(f);
        }
    } else if (st->kind == EBB_STEP_REST || st->kind == EBB_STEP_RELEASE) {
        if (P->depth > 0 && ov->rest_ms != 0) {
            st->duration_ms = ov->rest_ms;
        } else if (ov->rest_after_hold_ms != 0 && P->nsteps > 0 &&
                   (P->steps[P->nsteps - 1].kind == EBB_STEP_SQUEEZE ||
                    P->steps[P->nsteps - 1].kind == EBB_STEP_DROP)) {
            st->duration_ms = ov->rest_after_hold_ms;
        }
        if (ov->below > 0.0f && f->target == EBB_F_BELOW) {
            f->hi = ov->below; /* a challenge's rest ceiling */
        }
    }
}

static bool append_step(ebb_parser *P, const ebb_token *w, const ebb_step *st)
{
    ebb_step *s = ebb_p_grow(P, P->steps, &P->capsteps, P->nsteps + 1, sizeof *s);
    if (s == NULL) {
        return false;
    }
    P->steps = s;
    P->steps[P->nsteps] = *st;
    ebb_op o = {EBB_OP_STEP, 0, P->nsteps, EBB_NO_OP, EBB_NO_OP, w->line, w->col};
    P->nsteps++;
    return ebb_p_push_op(P, o);
}

/* The elevator: up floor by floor, then back down, each floor an equal share of the time
 * (the top floor takes what does not divide into whole ticks). */
static bool emit_elevator(ebb_parser *P, const ebb_token *w, const ebb_step_fields *f,
                          const ebb_step *tmpl)
{
    size_t k = f->nlevels, n = 2 * k - 1;
    uint32_t floor_ms = tmpl->duration_ms / (uint32_t)n / EBB_TICK_MS * EBB_TICK_MS;
    if (floor_ms < EBB_LEVEL_STEP_MS_MIN) {
        char a[24], b[24];
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_RANGE, w->line, w->col,
                     "steps %s with %zu floors up and down gives each floor %ums; make it at "
                     "least %s",
                     ebb_lex_fmt_ms(tmpl->duration_ms, a, sizeof a), k, floor_ms,
                     ebb_lex_fmt_ms((uint32_t)n * EBB_LEVEL_STEP_MS_MIN, b, sizeof b));
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        size_t fl = i < k ? i : n - 1 - i; /* 0-based floor */
        ebb_step st = *tmpl;
        st.duration_ms = floor_ms + (i == k - 1 ? tmpl->duration_ms - floor_ms * (uint32_t)n : 0u);
        /* A challenge's width narrows every floor, as it does a squeeze band. */
        float half = (P->ov.width > 0.0f ? P->ov.width : f->width) / 2.0f;
        st.lo0 = st.lo1 = clamp01(f->levels[fl] - half);
        st.hi0 = st.hi1 = clamp01(f->levels[fl] + half);
        set_grace(P, w, f, &st);
        if (f->col[EBB_F_CUE] == 0) {
            st.cue = i < k ? EBB_CUE_SQUEEZE : EBB_CUE_LET_GO;
        }
        if (f->col[EBB_F_CAPTION] == 0) {
            if (i == k - 1) {
                snprintf(st.caption, sizeof st.caption, "Top floor: hold it there");
            } else {
                snprintf(st.caption, sizeof st.caption, "%s to floor %zu", i < k ? "Up" : "Down",
                         fl + 1);
            }
        }
        st.score_flags = f->col[EBB_F_SCORE] ? f->score_flags : EBB_SCORE_IN_BAND;
        if (!append_step(P, w, &st)) {
            return false;
        }
    }
    return true;
}

/* The knack: lift before the cough cue, keep the lift through it. The cue comes two thirds
 * of the way in; the cough part has no grace, so what is scored there is being up at the
 * moment of the cue and staying up. */
static bool emit_knack(ebb_parser *P, const ebb_token *w, const ebb_step_fields *f,
                       const ebb_step *tmpl)
{
    ebb_step lift = *tmpl, cough = *tmpl;
    cough.duration_ms = tmpl->duration_ms / 3u / EBB_TICK_MS * EBB_TICK_MS;
    lift.duration_ms = tmpl->duration_ms - cough.duration_ms;
    lift.lo0 = lift.lo1 = f->target >= 0 ? f->lo : 0.4f;
    lift.hi0 = lift.hi1 = 1.0f;
    lift.rest_rel = f->rel;
    cough.lo0 = cough.lo1 = lift.lo0;
    cough.hi0 = cough.hi1 = 1.0f;
    cough.rest_rel = f->rel;
    set_grace(P, w, f, &lift);
    cough.grace_ms = 0;
    if (f->col[EBB_F_CUE] == 0) {
        lift.cue = EBB_CUE_SQUEEZE;
    }
    cough.cue = EBB_CUE_FLICK; /* a short bright blip: "cough now" */
    if (f->col[EBB_F_CAPTION] == 0) {
        snprintf(lift.caption, sizeof lift.caption, "Lift and hold, ready to cough");
    }
    snprintf(cough.caption, sizeof cough.caption, "Cough now, and keep the lift");
    lift.score_flags = cough.score_flags = f->col[EBB_F_SCORE] ? f->score_flags : EBB_SCORE_IN_BAND;
    return append_step(P, w, &lift) && append_step(P, w, &cough);
}

bool ebb_p_emit_step(ebb_parser *P, const ebb_token *w, ebb_step_fields *f, ebb_step *st,
                     ebb_line_form form, bool overridable, bool had_breathe, size_t errors,
                     const char *label)
{
    check_fields(P, w, label, f, st->kind, form, had_breathe);
    if (P->cur.diags->errors != errors) {
        return true; /* reported; the line was read to its end */
    }
    switch (form) {
    case EBB_LF_ELEVATOR:
        return emit_elevator(P, w, f, st);
    case EBB_LF_KNACK:
        return emit_knack(P, w, f, st);
    default:
        break;
    }
    if (overridable) {
        apply_overrides(P, st, f);
    } else if (st->kind == EBB_STEP_BREATHE_OUT && P->ov.out_ms != 0) {
        st->duration_ms = P->ov.out_ms; /* a challenge's longer out-breath */
    }
    complete_plain(P, w, f, st, had_breathe);
    if (P->cur.diags->errors != errors) {
        return true;
    }
    if (st->kind >= EBB_STEP_BREATHE_IN && st->kind <= EBB_STEP_BREATHE_HOLD) {
        P->breathe_lo = st->lo1;
        P->breathe_hi = st->hi1;
    }
    return append_step(P, w, st);
}
