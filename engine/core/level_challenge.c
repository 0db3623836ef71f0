/* `challenge N ...` lines: a level's harder versions (docs/levels.md, "Challenges").
 *
 * The level as written is challenge 1. Lines `challenge 2` to `challenge 4` say how each next
 * one differs: band width, hold and rest lengths, rest ceiling. They are header lines, so by
 * the first step the parser knows every challenge, and the one asked for is folded into the
 * overrides that step lines already apply (a pack's own overrides win). */
#include <string.h>

#include "core/level_parser.h"

enum { C_WIDTH, C_HOLD, C_REST, C_BELOW, C_COUNT };
static const char *const fields[C_COUNT] = {"width", "hold", "rest", "below"};

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
    bool seen[C_COUNT] = {false};
    ebb_cursor_next(&P->cur);
    if (ebb_cursor_at_eol(&P->cur)) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, w.line, P->cur.tok.col,
                     "challenge %u changes nothing: give width, hold, rest or below, e.g. "
                     "challenge %u hold 8s", n, n);
        return true;
    }
    while (!ebb_cursor_at_eol(&P->cur)) {
        if (ebb_cursor_failed(&P->cur)) {
            return false;
        }
        int f = ebb_cursor_find_word(&P->cur.tok, fields, C_COUNT);
        if (f < 0) {
            ebb_cursor_unknown(&P->cur, EBB_D_UNKNOWN_KEY, "challenge field", fields, C_COUNT,
                               "a challenge changes width, hold, rest and below");
            return false;
        }
        if (seen[f]) {
            EBB_P_ERR_AT(P, EBB_D_DUPLICATE, &P->cur.tok, "'%s' is given twice", fields[f]);
            return false;
        }
        seen[f] = true;
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
}
