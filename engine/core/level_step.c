/* The level parser's step lines: `KIND [PHASE] DURATION [FIELD VALUE]...`.
 *
 * Each line becomes one or more step templates. Most kinds give one step; an elevator
 * (`steps`) gives one squeeze step per floor, up and back down, and a knack gives a lift
 * step and a cough step, so the session runner and the scorer only ever see the kinds they
 * know. What the line did not say is filled from the kind's defaults. */
#include <stdio.h>
#include <string.h>

#include "core/frame.h"
#include "core/level.h"
#include "core/lex.h"
#include "core/level_parser.h"

static const char *const step_words[] = {"rest",  "release", "squeeze", "hold",
                                         "flick", "ramp",    "breathe", "drop",
                                         "steps", "knack",   "cough"};
#define STEP_WORDS_N (sizeof step_words / sizeof step_words[0])
static const ebb_step_kind step_kinds[STEP_WORDS_N] = {
    EBB_STEP_REST,  EBB_STEP_RELEASE,    EBB_STEP_SQUEEZE, EBB_STEP_SQUEEZE,
    EBB_STEP_FLICK, EBB_STEP_RAMP,       EBB_STEP_BREATHE_IN, EBB_STEP_DROP,
    EBB_STEP_SQUEEZE, EBB_STEP_SQUEEZE, EBB_STEP_SQUEEZE};
static const ebb_line_form step_forms[STEP_WORDS_N] = {
    EBB_LF_PLAIN, EBB_LF_PLAIN, EBB_LF_PLAIN,    EBB_LF_PLAIN, EBB_LF_PLAIN, EBB_LF_PLAIN,
    EBB_LF_PLAIN, EBB_LF_PLAIN, EBB_LF_ELEVATOR, EBB_LF_KNACK, EBB_LF_KNACK};

const char *const ebb_p_field_names[EBB_F_COUNT] = {
    "band", "below", "above", "from", "to", "width", "caption", "cue", "grace", "levels",
    "pf", "score"};

static const char *const cue_names[EBB_CUE_COUNT] = {
    "none", "breathe-in", "breathe-out", "hold", "squeeze", "let-go", "flick"};

/* In bit order of EBB_SCORE_*. */
static const char *const score_names[] = {"time-in-band", "release-speed", "steadiness", "peak"};
#define SCORE_NAMES_N (sizeof score_names / sizeof score_names[0])

#define KNACK_MS_MIN 1000u     /* a lift and a cough need at least a second */
#define KNACK_MS_MAX 60000u

bool ebb_p_is_step_word(const ebb_token *t)
{
    return ebb_cursor_find_word(t, step_words, STEP_WORDS_N) >= 0;
}

/* ---- values ------------------------------------------------------------------------------ */

/* P% or rest+P% (P points above the person's rest); *rel tells which. */
static bool level_value(ebb_parser *P, const char *what, double min, float *out, bool *rel)
{
    *rel = false;
    if (ebb_tok_is(&P->cur.tok, "rest")) {
        ebb_token w = P->cur.tok;
        ebb_cursor_next(&P->cur);
        if (P->cur.tok.kind != EBB_TOK_PLUS) {
            if (!ebb_cursor_failed(&P->cur)) {
                EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, &w,
                             "'rest' needs an amount above it, e.g. %s rest+10%%", what);
            }
            return false;
        }
        ebb_cursor_next(&P->cur);
        *rel = true;
    }
    return ebb_tok_percent(&P->cur.tok, P->cur.diags, what, min, 100.0, out);
}

static bool parse_band(ebb_parser *P, const char *what, float *lo, float *hi, uint8_t *rel)
{
    const ebb_token *t = &P->cur.tok;
    const char *start = t->text;
    unsigned line = t->line, col = t->col;
    bool rlo = false, rhi = false;
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    if (t->kind != EBB_TOK_NUMBER && !ebb_tok_is(t, "rest")) {
        ebb_p_report(P, EBB_SEV_ERROR, ebb_cursor_at_eol(&P->cur) ? EBB_D_MISSING : EBB_D_BAD_VALUE,
                     t->line, t->col, "'%s' needs two ends, LO%%..HI%%, e.g. %s 25%%..45%%",
                     what, what);
        return false;
    }
    if (!level_value(P, what, 0.0, lo, &rlo)) {
        return false;
    }
    ebb_cursor_next(&P->cur);
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    if (t->kind != EBB_TOK_RANGE) {
        EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, t, "'%s' needs two ends, LO%%..HI%%, e.g. %s 25%%..45%%",
                     what, what);
        return false;
    }
    ebb_cursor_next(&P->cur);
    if (!level_value(P, what, 0.0, hi, &rhi)) {
        return false;
    }
    *rel = (uint8_t)((rlo ? EBB_REL_REST_LO : 0u) | (rhi ? EBB_REL_REST_HI : 0u));
    if (*lo >= *hi) {
        int n = (int)(t->text + t->len - start);
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_RANGE, line, col,
                     "%s %.*s: the low end must be below the high end", what, n, start);
    }
    return true;
}

/* below P / above P / band LO..HI, for a step's target (F_*) or a breathe step's pf. */
static bool parse_target(ebb_parser *P, int which, const char *what, float *lo, float *hi,
                         uint8_t *rel)
{
    bool r = false;
    switch (which) {
    case EBB_F_BAND:
        return parse_band(P, what, lo, hi, rel);
    case EBB_F_BELOW:
        *lo = 0.0f;
        if (!level_value(P, what, 0.0, hi, &r)) {
            return false;
        }
        *rel = r ? EBB_REL_REST_HI : 0u;
        return true;
    default:
        *hi = 1.0f;
        if (!level_value(P, what, 0.0, lo, &r)) {
            return false;
        }
        *rel = r ? EBB_REL_REST_LO : 0u;
        return true;
    }
}

static bool parse_cue(ebb_parser *P, ebb_step *st)
{
    char tb[48];
    int c = ebb_cursor_find_word(&P->cur.tok, cue_names, EBB_CUE_COUNT);
    if (c >= 0) {
        st->cue = (ebb_cue)c;
        return true;
    }
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    if (ebb_cursor_at_eol(&P->cur)) {
        EBB_P_ERR_AT(P, EBB_D_MISSING, &P->cur.tok, "'cue' needs a value, e.g. cue let-go");
    } else if (P->cur.tok.kind != EBB_TOK_WORD) {
        EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, &P->cur.tok,
                     "'cue' needs a cue name such as let-go, not '%s'",
                     ebb_tok_text(&P->cur.tok, tb, sizeof tb));
    } else {
        ebb_cursor_unknown(&P->cur, EBB_D_BAD_VALUE, "cue", cue_names, EBB_CUE_COUNT,
                           "use breathe-in, breathe-out, hold, squeeze, let-go, flick or none");
    }
    return false;
}

/* A comma-separated list: `score time-in-band,steadiness` or `levels 25%,50%`. The current
 * token is the first item; item() reads one. */
static bool parse_list(ebb_parser *P, const char *what, ebb_step_fields *f,
                       bool (*item)(ebb_parser *, ebb_step_fields *))
{
    for (;;) {
        if (!item(P, f)) {
            return false;
        }
        /* Peek without a lookahead token: a comma may follow, with blanks around it. */
        const char *q = P->cur.lx.p;
        while (q < P->cur.lx.end && (*q == ' ' || *q == '\t')) {
            q++;
        }
        if (q >= P->cur.lx.end || *q != ',') {
            return true;
        }
        ebb_cursor_next(&P->cur); /* the comma */
        ebb_cursor_next(&P->cur);
        if (ebb_cursor_at_eol(&P->cur)) {
            EBB_P_ERR_AT(P, EBB_D_MISSING, &P->cur.tok, "'%s' list ends with ','", what);
            return false;
        }
    }
}

static bool score_item(ebb_parser *P, ebb_step_fields *f)
{
    char tb[48];
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    int i = ebb_cursor_find_word(&P->cur.tok, score_names, SCORE_NAMES_N);
    if (i < 0) {
        if (P->cur.tok.kind == EBB_TOK_WORD) {
            ebb_cursor_unknown(&P->cur, EBB_D_BAD_VALUE, "measure", score_names, SCORE_NAMES_N,
                               "the measures are time-in-band, release-speed, steadiness "
                               "and peak");
        } else {
            ebb_p_report(P, EBB_SEV_ERROR,
                         ebb_cursor_at_eol(&P->cur) ? EBB_D_MISSING : EBB_D_BAD_VALUE,
                         P->cur.tok.line, P->cur.tok.col,
                         "'score' needs measures, e.g. score time-in-band,steadiness%s%s%s",
                         ebb_cursor_at_eol(&P->cur) ? "" : "; found '",
                         ebb_cursor_at_eol(&P->cur) ? "" : ebb_tok_text(&P->cur.tok, tb, sizeof tb),
                         ebb_cursor_at_eol(&P->cur) ? "" : "'");
        }
        return false;
    }
    if (f->score_flags & (1u << i)) {
        ebb_p_report(P, EBB_SEV_WARNING, EBB_D_DUPLICATE, P->cur.tok.line, P->cur.tok.col,
                     "measure '%s' is listed twice", score_names[i]);
    }
    f->score_flags |= 1u << i;
    return true;
}

static bool level_item(ebb_parser *P, ebb_step_fields *f)
{
    char tb[48];
    float v = 0.0f;
    if (!ebb_tok_percent(&P->cur.tok, P->cur.diags, "levels", 1.0, 100.0, &v)) {
        return false;
    }
    if (f->nlevels == EBB_LEVELS_MAX) {
        EBB_P_ERR_AT(P, EBB_D_LIMIT, &P->cur.tok, "an elevator has at most %u floors",
                     EBB_LEVELS_MAX);
        return false;
    }
    if (f->nlevels > 0 && v <= f->levels[f->nlevels - 1]) {
        EBB_P_ERR_AT(P, EBB_D_RANGE, &P->cur.tok,
                     "levels %s: each floor must be higher than the one before; the elevator "
                     "climbs, then comes back down by itself",
                     ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        return false;
    }
    f->levels[f->nlevels++] = v;
    return true;
}

/* pf below P% / pf above P% / pf band LO%..HI%: breathe steps only. */
static bool parse_pf(ebb_parser *P, ebb_step *st)
{
    static const char *const forms[] = {"band", "below", "above"};
    int which = ebb_cursor_find_word(&P->cur.tok, forms, 3);
    if (which < 0) {
        if (ebb_cursor_failed(&P->cur)) {
            return false;
        }
        ebb_p_report(P, EBB_SEV_ERROR, ebb_cursor_at_eol(&P->cur) ? EBB_D_MISSING : EBB_D_BAD_VALUE,
                     P->cur.tok.line, P->cur.tok.col,
                     "'pf' needs a target: pf below P%%, pf above P%% or pf band LO%%..HI%%");
        return false;
    }
    uint8_t rel = 0;
    ebb_cursor_next(&P->cur);
    st->has_pf = true;
    return parse_target(P, which, "pf", &st->pf_lo, &st->pf_hi, &rel);
}

/* One FIELD VALUE pair; the current token is the field name. */
static bool parse_field(ebb_parser *P, ebb_step_fields *f, ebb_step *st)
{
    char tb[48];
    const ebb_token *t = &P->cur.tok;
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    if (t->kind != EBB_TOK_WORD) {
        EBB_P_ERR_AT(P, EBB_D_SYNTAX, t,
                     "expected a field (band, below, above, caption, cue, grace, score...), "
                     "found '%s'",
                     ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        return false;
    }
    int fi = ebb_cursor_find_word(t, ebb_p_field_names, EBB_F_COUNT);
    if (fi < 0) {
        ebb_cursor_unknown(&P->cur, EBB_D_UNKNOWN_KEY, "field", ebb_p_field_names, EBB_F_COUNT,
                           "the fields are band, below, above, from, to, width, levels, pf, "
                           "caption, cue, grace and score");
        return false;
    }
    bool is_target = fi == EBB_F_BAND || fi == EBB_F_BELOW || fi == EBB_F_ABOVE;
    if (f->col[fi] != 0) {
        EBB_P_ERR_AT(P, EBB_D_DUPLICATE, t, "duplicate field '%s' in this step",
                     ebb_p_field_names[fi]);
    } else if (is_target && f->target >= 0) {
        EBB_P_ERR_AT(P, EBB_D_DUPLICATE, t, "'%s' and '%s' both set the target; give only one",
                     ebb_p_field_names[f->target], ebb_p_field_names[fi]);
    }
    f->col[fi] = t->col;
    if (is_target) {
        f->target = fi;
    }
    ebb_cursor_next(&P->cur);
    switch (fi) {
    case EBB_F_BAND:
    case EBB_F_BELOW:
    case EBB_F_ABOVE:
        return parse_target(P, fi, ebb_p_field_names[fi], &f->lo, &f->hi, &f->rel);
    case EBB_F_FROM:
        return ebb_tok_percent(t, P->cur.diags, "from", 0.0, 100.0, &f->from);
    case EBB_F_TO:
        return ebb_tok_percent(t, P->cur.diags, "to", 0.0, 100.0, &f->to);
    case EBB_F_WIDTH:
        return ebb_tok_percent(t, P->cur.diags, "width", 1.0, 100.0, &f->width);
    case EBB_F_CAPTION:
        return ebb_cursor_take_string(&P->cur, "caption", "caption \"Let go\"", st->caption,
                                 sizeof st->caption);
    case EBB_F_CUE:
        return parse_cue(P, st);
    case EBB_F_LEVELS:
        return parse_list(P, "levels", f, level_item);
    case EBB_F_PF:
        return parse_pf(P, st);
    case EBB_F_SCORE:
        return parse_list(P, "score", f, score_item);
    default:
        return ebb_tok_duration(t, P->cur.diags, "grace", 0, EBB_LEVEL_STEP_MS_MAX, &f->grace_ms);
    }
}

/* `breathe` must be followed by its phase; the step kind and label follow from it. */
static bool breathe_phase(ebb_parser *P, ebb_step *st, char *label, size_t size)
{
    static const char *const phases[] = {"in", "out", "hold"};
    ebb_cursor_next(&P->cur);
    int ph = ebb_cursor_find_word(&P->cur.tok, phases, 3);
    if (ph >= 0) {
        st->kind = (ebb_step_kind)((int)EBB_STEP_BREATHE_IN + ph);
        snprintf(label, size, "breathe %s", phases[ph]);
        return true;
    }
    if (P->cur.tok.kind == EBB_TOK_WORD || ebb_cursor_failed(&P->cur)) {
        ebb_cursor_unknown(&P->cur, EBB_D_UNKNOWN_STEP, "breathe phase", phases, 3,
                           "use in, out or hold");
    } else {
        EBB_P_ERR_AT(P, ebb_cursor_at_eol(&P->cur) ? EBB_D_MISSING : EBB_D_SYNTAX, &P->cur.tok,
                     "'breathe' needs a phase: in, out or hold");
    }
    return false;
}

bool ebb_p_parse_step(ebb_parser *P)
{
    ebb_token w = P->cur.tok;
    size_t errors = P->cur.diags->errors;
    char label[16];
    bool had_breathe = P->have_breathe;
    int wi = ebb_cursor_find_word(&w, step_words, STEP_WORDS_N);
    ebb_line_form form = step_forms[wi];
    ebb_step st;
    memset(&st, 0, sizeof st);
    st.kind = step_kinds[wi];
    st.line = w.line;
    snprintf(label, sizeof label, "%s", step_words[wi]);
    ebb_p_body_starts(P, &w);
    P->step_lines++;
    if (st.kind == EBB_STEP_BREATHE_IN) {
        /* Even a broken breathe line counts as one, so a 'breathe hold' after it is not
         * also blamed for having nothing to follow. */
        P->have_breathe = true;
        if (!breathe_phase(P, &st, label, sizeof label)) {
            return false;
        }
        if (st.kind == EBB_STEP_BREATHE_HOLD && P->first_hold_line == 0) {
            P->first_hold_line = w.line;
            P->first_hold_col = w.col;
        }
    }
    ebb_cursor_next(&P->cur);
    if (!ebb_tok_duration(&P->cur.tok, P->cur.diags, label,
                          form == EBB_LF_KNACK ? KNACK_MS_MIN : EBB_LEVEL_STEP_MS_MIN,
                          form == EBB_LF_KNACK ? KNACK_MS_MAX : EBB_LEVEL_STEP_MS_MAX,
                          &st.duration_ms)) {
        return false;
    }
    ebb_step_fields f;
    memset(&f, 0, sizeof f);
    f.target = -1;
    f.width = 0.2f;
    for (ebb_cursor_next(&P->cur); !ebb_cursor_at_eol(&P->cur); ebb_cursor_next(&P->cur)) {
        if (!parse_field(P, &f, &st)) {
            return false;
        }
    }
    return ebb_p_emit_step(P, &w, &f, &st, form, wi <= 3, had_breathe, errors, label);
}
