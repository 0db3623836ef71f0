/* The pack parser, second half (the body after the header lines): embedded levels
 * (`level` ... `end-level`) and the program (`schedule`, `unlock`). See pack.c for the
 * whole. */
#include <stdio.h>
#include <string.h>

#include "core/pack_check.h"
#include "core/pack_parser.h"

/* True when the line at p (up to end) has `end-level` as its first word. */
static bool is_end_level_line(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    static const char kw[] = "end-level";
    size_t n = sizeof kw - 1;
    if ((size_t)(end - p) < n || memcmp(p, kw, n) != 0) {
        return false;
    }
    p += n;
    return p == end || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '#';
}

/* The id a level's text claims (its `id` line), even when the level has errors, so that a
 * broken level does not also cause "unknown level" messages wherever the program names it. */
static bool claimed_id(const char *p, const char *end, char *dst, unsigned *line_in_body)
{
    unsigned line = 1;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        const char *q = p;
        while (q < le && (*q == ' ' || *q == '\t')) {
            q++;
        }
        if (le - q > 3 && memcmp(q, "id", 2) == 0 && (q[2] == ' ' || q[2] == '\t')) {
            q += 2;
            while (q < le && (*q == ' ' || *q == '\t')) {
                q++;
            }
            size_t n = 0;
            while (q + n < le && q[n] != ' ' && q[n] != '\t' && q[n] != '\r' && q[n] != '#') {
                n++;
            }
            if (n > 0 && n <= EBB_LEVEL_ID_MAX && ebb_pack_level_id_problem(q, n) == NULL) {
                memcpy(dst, q, n);
                dst[n] = '\0';
                *line_in_body = line;
                return true;
            }
            return false;
        }
        line++;
        p = eol ? eol + 1 : end;
    }
    return false;
}

void ebb_pk_line_level(pparser *P, unsigned line, unsigned col)
{
    if (!ebb_cursor_expect_eol(&P->cur, "'level' (the level's lines start on the next line)")) {
        ebb_cursor_skip_line(&P->cur);
        ebb_cursor_next(&P->cur);
    }
    ebb_lex *lx = &P->cur.lx;
    const char *body = lx->p, *p = lx->p;
    unsigned end_line = lx->line;
    while (p < lx->end && !is_end_level_line(p, lx->end)) {
        const char *eol = memchr(p, '\n', (size_t)(lx->end - p));
        p = eol ? eol + 1 : lx->end;
        end_line++;
    }
    if (p >= lx->end) {
        ERR(P, EBB_D_NESTING, line, col,
            "'level' on line %u has no matching 'end-level': add a line 'end-level' after the "
            "level's last step", line);
        ebb_lex_jump(lx, lx->end, end_line);
        return;
    }
    size_t body_len = (size_t)(p - body);
    /* Move the lexer to the end-level line; the main loop reads it. */
    ebb_lex_jump(lx, p, end_line);
    P->end_level_due = true;

    ebb_level_parse_opts lo;
    memset(&lo, 0, sizeof lo);
    lo.line_offset = line;
    ebb_level lv;
    char id[EBB_LEVEL_ID_MAX + 1];
    unsigned id_line = 0;
    bool ok = ebb_level_parse_ex(body, body_len, NULL, &lo, &lv, P->cur.diags);
    if (ok) {
        snprintf(id, sizeof id, "%s", lv.id);
        claimed_id(body, body + body_len, id, &id_line);
    } else if (!claimed_id(body, body + body_len, id, &id_line)) {
        return; /* the level parser has said what is wrong with its id */
    }
    unsigned at = id_line ? line + id_line : line;
    ebb_pack_level *pl = ebb_pk_level_entry(P, id, at, 1);
    if (pl != NULL && pl->embedded) {
        ERR(P, EBB_D_DUPLICATE, at, 1, "a level with id '%s' is already in this pack (line %u); "
            "give each level its own id", id, pl->line);
    } else if (pl != NULL) {
        pl->embedded = true;
        pl->text_off = (size_t)(body - P->text);
        pl->text_len = body_len;
        pl->line_offset = line;
        pl->line = at;
        if (ok) {
            snprintf(pl->title, sizeof pl->title, "%s", lv.title);
        }
    }
    if (ok) {
        ebb_level_free(&lv);
    }
}

/* ---- program ---------------------------------------------------------------------------- */

/* N or A..B, each within 1..max. */
static bool take_span(pparser *P, const char *what, unsigned max, unsigned *a, unsigned *b)
{
    if (!ebb_tok_count(&P->cur.tok, P->cur.diags, what, 1, max, a)) {
        return false;
    }
    ebb_token first = P->cur.tok;
    ebb_cursor_next(&P->cur);
    if (P->cur.tok.kind != EBB_TOK_RANGE) {
        *b = *a;
        return true;
    }
    ebb_cursor_next(&P->cur);
    if (!ebb_tok_count(&P->cur.tok, P->cur.diags, what, 1, max, b)) {
        return false;
    }
    if (*b < *a) {
        ERR(P, EBB_D_RANGE, first.line, first.col,
            "%s %u..%u: the first must not come after the last", what, *a, *b);
        return false;
    }
    ebb_cursor_next(&P->cur);
    return true;
}

enum { S_DAYS, S_DAY, S_WEEKS, S_WEEK, S_PER_DAY, S_EVERY, S_COUNT };
static const char *const slot_fields[S_COUNT] = {"days", "day", "weeks", "week", "per-day",
                                                 "every"};

void ebb_pk_line_schedule(pparser *P, unsigned line, unsigned col)
{
    ebb_raw_word w;
    ebb_pack_slot s;
    memset(&s, 0, sizeof s);
    if (!ebb_cursor_take_raw(&P->cur, &w, "schedule", "a level id",
                         "schedule breathing/resonance days 1..28") ||
        !ebb_pk_take_level_id(P, &w, s.level_id)) {
        return;
    }
    s.per_day = 1;
    s.every = 1;
    s.line = line;
    s.col = w.col;
    bool when = false, per_day = false, every = false;
    while (!ebb_cursor_at_eol(&P->cur)) {
        int f = ebb_pk_field(P, slot_fields, S_COUNT,
                             "'schedule' takes days (or weeks), per-day and every", NULL);
        if (f < 0) {
            return;
        }
        ebb_token ft = P->cur.tok;
        bool *seen = f <= S_WEEK ? &when : f == S_PER_DAY ? &per_day : &every;
        if (*seen) {
            ERR(P, EBB_D_DUPLICATE, ft.line, ft.col, "%s", f <= S_WEEK ?
                "give the days (or the weeks) once per line; write another 'schedule' line "
                "for another stretch" : "this field is given twice on this line");
            return;
        }
        *seen = true;
        ebb_cursor_next(&P->cur);
        unsigned a = 0, b = 0;
        if (f == S_DAYS || f == S_DAY) {
            if (!take_span(P, slot_fields[f], EBB_PACK_DAYS_MAX, &a, &b)) {
                return;
            }
            s.first_day = a;
            s.last_day = b;
        } else if (f == S_WEEKS || f == S_WEEK) {
            if (!take_span(P, slot_fields[f], EBB_PACK_WEEKS_MAX, &a, &b)) {
                return;
            }
            s.first_day = (a - 1u) * 7u + 1u;
            s.last_day = b * 7u;
        } else {
            if (!ebb_tok_count(&P->cur.tok, P->cur.diags, slot_fields[f],
                               1, f == S_PER_DAY ? EBB_PACK_PER_DAY_MAX : 30u,
                               f == S_PER_DAY ? &s.per_day : &s.every)) {
                return;
            }
            ebb_cursor_next(&P->cur);
        }
    }
    if (!when) {
        ERR(P, EBB_D_MISSING, P->cur.tok.line, P->cur.tok.col,
            "'schedule' needs the days or weeks, e.g. days 1..28 or weeks 2..4");
        return;
    }
    if (P->pk->slot_count >= EBB_PACK_SLOTS_MAX) {
        ERR(P, EBB_D_LIMIT, line, col, "too many 'schedule' lines: the limit is %u",
            EBB_PACK_SLOTS_MAX);
        return;
    }
    P->pk->slots[P->pk->slot_count++] = s;
}

enum { L_AFTER, L_STARS, L_TIMES, L_COUNT };
static const char *const unlock_fields[L_COUNT] = {"after", "stars", "times"};

void ebb_pk_line_unlock(pparser *P, unsigned line, unsigned col)
{
    ebb_raw_word w;
    ebb_pack_unlock u;
    memset(&u, 0, sizeof u);
    if (!ebb_cursor_take_raw(&P->cur, &w, "unlock", "a level id",
                  "unlock strengthening/holds-and-flicks after lengthening/drop-and-release") ||
        !ebb_pk_take_level_id(P, &w, u.level_id)) {
        return;
    }
    u.stars = 2;
    u.times = 1;
    u.line = line;
    u.col = w.col;
    bool seen[L_COUNT] = {false};
    while (!ebb_cursor_at_eol(&P->cur)) {
        int f = ebb_pk_field(P, unlock_fields, L_COUNT, "'unlock' takes after, stars and times",
                             seen);
        if (f < 0) {
            return;
        }
        if (f == L_AFTER) {
            ebb_raw_word a;
            if (!ebb_cursor_take_raw(&P->cur, &a, "after", "a level id",
                                 "after lengthening/drop-and-release") ||
                !ebb_pk_take_level_id(P, &a, u.after_id)) {
                return;
            }
            u.after_col = a.col;
            continue;
        }
        ebb_cursor_next(&P->cur);
        if (!ebb_tok_count(&P->cur.tok, P->cur.diags, unlock_fields[f], 1,
                           f == L_STARS ? 3u : EBB_PACK_TIMES_MAX,
                           f == L_STARS ? &u.stars : &u.times)) {
            return;
        }
        ebb_cursor_next(&P->cur);
    }
    if (!seen[L_AFTER]) {
        ERR(P, EBB_D_MISSING, P->cur.tok.line, P->cur.tok.col,
            "'unlock' needs the level that opens it, e.g. after lengthening/drop-and-release "
            "stars 2 times 2");
        return;
    }
    if (strcmp(u.level_id, u.after_id) == 0) {
        ERR(P, EBB_D_BAD_VALUE, w.line, w.col,
            "'%s' cannot unlock itself: name the level that must be played first", u.level_id);
        return;
    }
    if (P->pk->unlock_count >= EBB_PACK_UNLOCKS_MAX) {
        ERR(P, EBB_D_LIMIT, line, col, "too many 'unlock' lines: the limit is %u",
            EBB_PACK_UNLOCKS_MAX);
        return;
    }
    P->pk->unlocks[P->pk->unlock_count++] = u;
}

