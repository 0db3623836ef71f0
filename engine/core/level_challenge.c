/* `challenge N ...` lines: a level's harder versions (docs/levels.md, "Challenges").
 *
 * The level as written is challenge 1. Lines `challenge 2` to `challenge 4` say how each next
 * one differs: band width, hold and rest lengths, rest ceiling, and for breathing the
 * out-breath and the number of breaths. They are header lines, so by the first step the
 * parser knows every challenge, and the one asked for is folded into the overrides that step
 * lines already apply (a pack's own overrides win). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lex.h"
#include "core/level_parser.h"

#define C_WIDTH EBB_C_WIDTH
#define C_HOLD EBB_C_HOLD
#define C_REST EBB_C_REST
#define C_BELOW EBB_C_BELOW
#define C_OUT EBB_C_OUT
#define C_REPS EBB_C_REPS
#define C_COUNT EBB_C_COUNT
static const char *const fields[C_COUNT] = {"width", "hold", "rest", "below", "out", "reps"};

/* The same bounds as a pack's `use ... reps N`: the same word means the same thing. */
#define REPS_MAX 50u

static bool read_field(ebb_parser *P, int f, ebb_level_challenge *c)
{
    const ebb_token *t = &P->cur.tok;
    ebb_diags *d = P->cur.diags;
    switch (f) {
    case C_WIDTH:
        return ebb_tok_percent(t, d, "width", 5.0, 100.0, &c->width);
    case C_HOLD:
        return ebb_tok_duration(t, d, "hold", 1000u, 60000u, &c->hold_ms);
    case C_REST:
        return ebb_tok_duration(t, d, "rest", 1000u, 120000u, &c->rest_ms);
    case C_OUT:
        return ebb_tok_duration(t, d, "out", 2000u, 20000u, &c->out_ms);
    case C_REPS: {
        unsigned n = 0;
        bool ok = ebb_tok_count(t, d, "reps", 1, REPS_MAX, &n);
        c->reps = (uint16_t)n;
        return ok;
    }
    default:
        return ebb_tok_percent(t, d, "below", 1.0, 100.0, &c->below);
    }
}

bool ebb_p_parse_challenge(ebb_parser *P)
{
    ebb_token w = P->cur.tok;
    if (P->first_step_line != 0) {
        EBB_P_ERR_AT(P, EBB_D_ORDER, &w, "'challenge' must come before the first step (line %u)",
                     P->first_step_line);
    }
    ebb_cursor_next(&P->cur);
    unsigned n = 0;
    if (ebb_cursor_at_eol(&P->cur)) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, w.line, P->cur.tok.col,
                     "'challenge' needs its number and what changes, e.g. challenge 2 hold 8s");
        return true;
    }
    if (!ebb_tok_count(&P->cur.tok, P->cur.diags, "challenge", 1, EBB_LEVEL_CHALLENGES_MAX, &n)) {
        return false;
    }
    if (n == 1) {
        EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, &P->cur.tok, "challenge 1 is the level as written; "
                     "number the harder ones 2, 3 and 4");
        return false;
    }
    unsigned have = P->lv.challenge_count;
    if (n != have + 1) {
        EBB_P_ERR_AT(P, n <= have ? EBB_D_DUPLICATE : EBB_D_ORDER, &P->cur.tok,
                     n <= have ? "challenge %u is already given on line %u"
                               : "challenge %u must follow challenge %u", n,
                     n <= have ? P->lv.challenges[n - 1].line : n - 1);
        return false;
    }
    ebb_level_challenge c;
    memset(&c, 0, sizeof c);
    c.line = w.line;
    c.col = w.col;
    unsigned *cols = P->challenge_col[n - 1];
    bool seen[C_COUNT] = {false};
    ebb_cursor_next(&P->cur);
    if (ebb_cursor_at_eol(&P->cur)) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, w.line, P->cur.tok.col,
                     "challenge %u changes nothing: give width, hold, rest, below, out or "
                     "reps, e.g. challenge %u hold 8s", n, n);
        return true;
    }
    while (!ebb_cursor_at_eol(&P->cur)) {
        if (ebb_cursor_failed(&P->cur)) {
            return false;
        }
        int f = ebb_cursor_find_word(&P->cur.tok, fields, C_COUNT);
        if (f < 0) {
            ebb_cursor_unknown(&P->cur, EBB_D_UNKNOWN_KEY, "challenge field", fields, C_COUNT,
                               "a challenge changes width, hold, rest, below, out and reps");
            return false;
        }
        if (seen[f]) {
            EBB_P_ERR_AT(P, EBB_D_DUPLICATE, &P->cur.tok, "'%s' is given twice", fields[f]);
            return false;
        }
        seen[f] = true;
        cols[f] = P->cur.tok.col;
        ebb_cursor_next(&P->cur);
        if (ebb_cursor_at_eol(&P->cur)) {
            ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, w.line, P->cur.tok.col,
                         "'%s' needs a value", fields[f]);
            return true;
        }
        if (!read_field(P, f, &c)) {
            return false;
        }
        ebb_cursor_next(&P->cur);
    }
    P->lv.challenges[n - 1] = c;
    P->lv.challenge_count = n;
    return true;
}

void ebb_p_apply_challenge(ebb_parser *P)
{
    unsigned n = P->want_challenge;
    if (n < 1) {
        n = 1;
    }
    if (n > P->lv.challenge_count) {
        n = P->lv.challenge_count;
    }
    P->lv.challenge = n;
    const ebb_level_challenge *c = &P->lv.challenges[n - 1];
    ebb_level_overrides *ov = &P->ov;
    /* A therapist's pack has the last word: only what it leaves alone changes. */
    if (ov->hold_ms == 0) {
        ov->hold_ms = c->hold_ms;
    }
    if (ov->rest_ms == 0) {
        ov->rest_after_hold_ms = c->rest_ms;
    }
    if (ov->width <= 0.0f) {
        ov->width = c->width;
    }
    if (ov->below <= 0.0f) {
        ov->below = c->below;
    }
    if (ov->reps == 0) {
        ov->reps = c->reps;
    }
    if (ov->out_ms == 0) {
        ov->out_ms = c->out_ms;
    }
}

/* ---- what only the whole file can judge --------------------------------------------------- */

void ebb_p_check_challenge_rounds(ebb_parser *P, unsigned count)
{
    /* Breath-holds make some people light-headed, and a level kept short for beginners says
     * so before it starts: its rounds may grow, but not past twice the level's own
     * (Weil's 4-7-8: four breaths to begin, never more than eight). */
    if (!(P->lv.flags & (EBB_LEVEL_FLAG_BREATH_HOLDS | EBB_LEVEL_FLAG_BEGINNER_SHORT))) {
        return;
    }
    for (unsigned n = 2; n <= P->lv.challenge_count; n++) {
        const ebb_level_challenge *c = &P->lv.challenges[n - 1];
        if (c->reps <= 2u * count || P->rounds_reported[n - 1]) {
            continue;
        }
        P->rounds_reported[n - 1] = true;
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_RANGE, c->line, P->challenge_col[n - 1][C_REPS],
                     "challenge %u reps %u: a level that holds the breath or is kept short "
                     "for beginners may at most double its rounds (repeat %u here: at most %u)",
                     n, (unsigned)c->reps, count, 2u * count);
    }
}

void ebb_p_check_challenge_targets(ebb_parser *P)
{
    bool outs = false, blocks = false;
    for (size_t i = 0; i < P->nsteps; i++) {
        outs = outs || P->steps[i].kind == EBB_STEP_BREATHE_OUT;
    }
    for (size_t i = 0; i < P->nops; i++) {
        blocks = blocks || (P->ops[i].kind == EBB_OP_OPEN && P->ops[i].parent == EBB_NO_OP);
    }
    for (unsigned n = 2; n <= P->lv.challenge_count; n++) {
        const ebb_level_challenge *c = &P->lv.challenges[n - 1];
        const unsigned *cols = P->challenge_col[n - 1];
        if (c->out_ms != 0 && !outs) {
            ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, c->line, cols[C_OUT],
                         "challenge %u: 'out' lengthens 'breathe out' steps, and this level "
                         "has none", n);
        }
        if (c->reps != 0 && !blocks) {
            ebb_p_report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, c->line, cols[C_REPS],
                         "challenge %u: 'reps' sets the count of 'repeat' blocks, and this "
                         "level has none", n);
        }
    }
}

bool ebb_p_check_other_challenges(const char *text, size_t len, const char *name,
                                  const ebb_level_parse_opts *opts, const ebb_level *built,
                                  ebb_diags *diags)
{
    ebb_diags *scratch = malloc(sizeof *scratch); /* large: keep it off the stack */
    if (scratch == NULL) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
        return false;
    }
    bool ok = true;
    for (unsigned n = 1; n <= built->challenge_count; n++) {
        if (n == built->challenge) {
            continue;
        }
        ebb_level_parse_opts o;
        memset(&o, 0, sizeof o);
        if (opts != NULL) {
            o = *opts;
        }
        o.challenge = n;
        ebb_diags_init(scratch, name ? name : "");
        ebb_level lv;
        if (ebb_p_parse_level(text, len, name, &o, &lv, scratch, false)) {
            ebb_level_free(&lv);
            continue;
        }
        const char *first = "it does not build";
        for (size_t i = 0; i < scratch->count; i++) {
            if (scratch->items[i].severity == EBB_SEV_ERROR) {
                first = scratch->items[i].msg;
                break;
            }
        }
        const ebb_level_challenge *c = &built->challenges[n - 1];
        char said[96];
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, c->line, c->col,
                      "challenge %u (%s) does not fit: %s", n,
                      n == 1 ? "the level as written" : ebb_level_challenge_text(c, said, sizeof said),
                      first);
        ok = false;
    }
    free(scratch);
    return ok;
}

/* ---- words for a person ------------------------------------------------------------------- */

/* Appends " key value" to buf (cut short at its end). */
static void put(char *buf, size_t size, const char *key, const char *value)
{
    size_t k = strlen(buf);
    if (k + 1 < size) {
        snprintf(buf + k, size - k, "%s%s %s", k ? " " : "", key, value);
    }
}

/* A percentage with at most one decimal and no trailing ".0". */
static const char *pct(float v, char *t, size_t size)
{
    int tenths = (int)(v * 1000.0f + 0.5f) % 100001;
    if (tenths % 10 == 0) {
        snprintf(t, size, "%d%%", tenths / 10);
    } else {
        snprintf(t, size, "%d.%d%%", tenths / 10, tenths % 10);
    }
    return t;
}

const char *ebb_level_challenge_text(const ebb_level_challenge *c, char *buf, size_t size)
{
    char t[24];
    if (size == 0) {
        return buf;
    }
    buf[0] = '\0';
    if (c->width > 0.0f) {
        put(buf, size, "width", pct(c->width, t, sizeof t));
    }
    if (c->hold_ms != 0) {
        put(buf, size, "hold", ebb_lex_fmt_ms(c->hold_ms, t, sizeof t));
    }
    if (c->rest_ms != 0) {
        put(buf, size, "rest", ebb_lex_fmt_ms(c->rest_ms, t, sizeof t));
    }
    if (c->below > 0.0f) {
        put(buf, size, "below", pct(c->below, t, sizeof t));
    }
    if (c->out_ms != 0) {
        put(buf, size, "out", ebb_lex_fmt_ms(c->out_ms, t, sizeof t));
    }
    if (c->reps != 0) {
        snprintf(t, sizeof t, "%u", (unsigned)c->reps);
        put(buf, size, "reps", t);
    }
    return buf;
}
