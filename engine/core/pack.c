/* The pack parser: pack text in memory → ebb_pack, with compiler-style diagnostics.
 *
 * It reuses the level lexer, line by line, as the level parser does: each line starts with a
 * word saying what it is; a mistake is reported where it is and the rest of the line is
 * skipped, so one run reports every problem. Ids are read as raw words (up to a blank or a
 * comment) rather than tokens, so that a path such as ../../etc/passwd or /abs is quoted
 * whole and named for what it is. Embedded levels (`level` ... `end-level`) are handed to the
 * level parser with a line offset, so their errors point at the pack's own lines. Checks that
 * need the whole pack run at the end (pack_check.c). Any error refuses the whole pack. */
#include "pack.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "level_lex.h"
#include "pack_check.h"

enum { W_EBB_PACK, W_ID, W_TITLE, W_AUTHOR, W_NOTES, W_USE, W_LEVEL, W_END_LEVEL, W_SCHEDULE,
       W_UNLOCK, W_COUNT };
static const char *const line_words[W_COUNT] = {
    "ebb-pack", "id", "title", "author", "notes", "use", "level", "end-level", "schedule",
    "unlock"};

/* Words that start lines of a level, not of a pack: named as such when met outside a block. */
static const char *const level_words[] = {
    "rest", "release", "squeeze", "hold", "flick", "ramp", "breathe", "repeat", "end",
    "kind", "character", "description", "pass", "flags", "ebb-level"};

typedef struct pparser {
    ebb_lex lx;
    ebb_token tok;
    ebb_diags *d;
    ebb_pack *pk;
    const char *text;
    unsigned key_line[W_COUNT]; /* header keys given once: where */
    bool seen_line;             /* a line with content was read */
    bool end_level_due;         /* the lexer was moved to the end-level of a block */
} pparser;

static void next(pparser *P)
{
    unsigned after = P->lx.col; /* a missing value is placed just after the word before it */
    ebb_lex_next(&P->lx, &P->tok);
    if (P->tok.kind == EBB_TOK_EOL || P->tok.kind == EBB_TOK_EOF) {
        P->tok.col = after;
    }
}

static bool at_eol(const pparser *P)
{
    return P->tok.kind == EBB_TOK_EOL || P->tok.kind == EBB_TOK_EOF;
}

#define ERR(P, code, line, col, ...) \
    ebb_diags_add((P)->d, EBB_SEV_ERROR, (code), (line), (col), __VA_ARGS__)

static bool expect_eol(pparser *P, const char *after)
{
    next(P);
    if (at_eol(P) || P->tok.kind == EBB_TOK_ERROR) {
        return at_eol(P);
    }
    char tb[48];
    ERR(P, EBB_D_SYNTAX, P->tok.line, P->tok.col, "unexpected '%s' after %s",
        ebb_tok_text(&P->tok, tb, sizeof tb), after);
    return false;
}

static int find_word(const ebb_token *t, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ebb_tok_is(t, names[i])) {
            return (int)i;
        }
    }
    return -1;
}

/* Reports an unknown word with the closest known one, or with the list of known ones. */
static void unknown(pparser *P, const char *what, const char *const *names, size_t n,
                    const char *known)
{
    char tb[48];
    if (P->tok.kind == EBB_TOK_ERROR) {
        return;
    }
    const char *best = ebb_lex_suggest(P->tok.text, P->tok.len, names, n);
    ebb_tok_text(&P->tok, tb, sizeof tb);
    if (best != NULL) {
        ERR(P, EBB_D_UNKNOWN_KEY, P->tok.line, P->tok.col, "unknown %s '%s'; did you mean '%s'?",
            what, tb, best);
    } else {
        ERR(P, EBB_D_UNKNOWN_KEY, P->tok.line, P->tok.col, "unknown %s '%s'; %s", what, tb,
            known);
    }
}

/* ---- raw words (ids) -------------------------------------------------------------------- */

typedef struct raw_word {
    char text[EBB_LEVEL_ID_MAX + 8]; /* as written, shortened with "..." if longer */
    size_t len;                      /* the whole length as written */
    unsigned line, col;
} raw_word;

static void lex_advance(ebb_lex *lx)
{
    if (((unsigned char)*lx->p & 0xC0u) != 0x80u) {
        lx->col++;
    }
    lx->p++;
}

/* Reads the next blank-separated word as written, whatever its characters, then moves the
 * current token past it. Returns false (and reports what was wanted) if the line ended. */
static bool take_raw(pparser *P, raw_word *w, const char *what, const char *need,
                     const char *example)
{
    ebb_lex *lx = &P->lx;
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t')) {
        lex_advance(lx);
    }
    w->line = lx->line;
    w->col = lx->col;
    const char *start = lx->p;
    while (lx->p < lx->end && *lx->p != ' ' && *lx->p != '\t' && *lx->p != '\r' &&
           *lx->p != '\n' && *lx->p != '#') {
        lex_advance(lx);
    }
    w->len = (size_t)(lx->p - start);
    if (w->len < sizeof w->text) {
        memcpy(w->text, start, w->len);
        w->text[w->len] = '\0';
    } else {
        size_t n = sizeof w->text - 4;
        while (n > 0 && ((unsigned char)start[n] & 0xC0u) == 0x80u) {
            n--;
        }
        memcpy(w->text, start, n);
        memcpy(w->text + n, "...", 4);
    }
    if (w->len == 0) {
        ERR(P, EBB_D_MISSING, w->line, w->col, "'%s' needs %s, e.g. %s", what, need, example);
        next(P);
        return false;
    }
    next(P);
    return true;
}

static bool take_level_id(pparser *P, const raw_word *w, char *dst)
{
    const char *why = ebb_pack_level_id_problem(w->text, w->len);
    if (why != NULL) {
        ERR(P, EBB_D_BAD_VALUE, w->line, w->col, "level '%s' %s", w->text, why);
        return false;
    }
    memcpy(dst, w->text, w->len + 1);
    return true;
}

/* ---- header ----------------------------------------------------------------------------- */

static bool once(pparser *P, int key, unsigned line, unsigned col)
{
    if (P->key_line[key] != 0) {
        ERR(P, EBB_D_DUPLICATE, line, col, "'%s' is already given on line %u", line_words[key],
            P->key_line[key]);
        return false;
    }
    P->key_line[key] = line;
    return true;
}

static bool take_string(pparser *P, const char *what, const char *example, char *dst,
                        size_t size)
{
    if (P->tok.kind == EBB_TOK_ERROR) {
        return false;
    }
    if (P->tok.kind != EBB_TOK_STRING) {
        ERR(P, at_eol(P) ? EBB_D_MISSING : EBB_D_BAD_VALUE, P->tok.line, P->tok.col,
            "'%s' needs a quoted string, e.g. %s", what, example);
        return false;
    }
    snprintf(dst, size, "%s", P->tok.str);
    return expect_eol(P, what);
}

static void line_version(pparser *P, unsigned line, unsigned col)
{
    if (!once(P, W_EBB_PACK, line, col)) {
        return;
    }
    next(P);
    if (P->tok.kind == EBB_TOK_NUMBER && P->tok.mantissa != 1 && P->tok.unit_len == 0 &&
        P->tok.frac_digits == 0) {
        ERR(P, EBB_D_BAD_VALUE, P->tok.line, P->tok.col,
            "this pack is written in format version %llu; this Ebb reads version 1",
            (unsigned long long)P->tok.mantissa);
        return;
    }
    unsigned v = 0;
    if (ebb_tok_count(&P->tok, P->d, "ebb-pack", 1, 1, &v)) {
        expect_eol(P, "the format version");
    }
}

static void line_pack_id(pparser *P, unsigned line, unsigned col)
{
    raw_word w;
    if (!once(P, W_ID, line, col) || !take_raw(P, &w, "id", "the pack's id", "id relaxation-first")) {
        return;
    }
    const char *why = ebb_pack_id_problem(w.text, w.len);
    if (why != NULL) {
        ERR(P, EBB_D_BAD_VALUE, w.line, w.col, "pack id '%s' %s", w.text, why);
        return;
    }
    memcpy(P->pk->id, w.text, w.len + 1);
    if (!at_eol(P)) {
        char tb[48];
        ERR(P, EBB_D_SYNTAX, P->tok.line, P->tok.col, "unexpected '%s' after the id",
            ebb_tok_text(&P->tok, tb, sizeof tb));
    }
}

static void line_notes(pparser *P, unsigned line, unsigned col)
{
    ebb_pack *pk = P->pk;
    next(P);
    if (pk->note_count >= EBB_PACK_NOTES_MAX) {
        ERR(P, EBB_D_LIMIT, line, col,
            "too many 'notes' lines: the limit is %u; keep the notes short and put more in "
            "a letter", EBB_PACK_NOTES_MAX);
        return;
    }
    if (take_string(P, "notes", "notes \"Stop if anything hurts.\"", pk->notes[pk->note_count],
                    sizeof pk->notes[0])) {
        pk->note_count++;
    }
}

/* ---- levels ----------------------------------------------------------------------------- */

static ebb_pack_level *level_entry(pparser *P, const char *id, unsigned line, unsigned col)
{
    ebb_pack *pk = P->pk;
    for (size_t i = 0; i < pk->level_count; i++) {
        if (strcmp(pk->levels[i].id, id) == 0) {
            return &pk->levels[i];
        }
    }
    if (pk->level_count >= EBB_PACK_LEVELS_MAX) {
        ERR(P, EBB_D_LIMIT, line, col, "too many levels in one pack: the limit is %u",
            EBB_PACK_LEVELS_MAX);
        return NULL;
    }
    ebb_pack_level *pl = &pk->levels[pk->level_count++];
    memset(pl, 0, sizeof *pl);
    snprintf(pl->id, sizeof pl->id, "%s", id);
    pl->line = line;
    return pl;
}

enum { U_HOLD, U_REST, U_REPS, U_TARGET, U_COUNT };
static const char *const use_fields[U_COUNT] = {"hold", "rest", "reps", "target"};

static void line_use(pparser *P, unsigned line, unsigned col)
{
    raw_word w;
    char id[EBB_LEVEL_ID_MAX + 1];
    if (!take_raw(P, &w, "use", "a level id", "use strengthening/holds-and-flicks hold 6s") ||
        !take_level_id(P, &w, id)) {
        return;
    }
    ebb_level_overrides ov;
    memset(&ov, 0, sizeof ov);
    bool seen[U_COUNT] = {false};
    while (!at_eol(P)) {
        if (P->tok.kind == EBB_TOK_ERROR) {
            return;
        }
        int f = P->tok.kind == EBB_TOK_WORD ? find_word(&P->tok, use_fields, U_COUNT) : -1;
        if (f < 0) {
            unknown(P, "field", use_fields, U_COUNT, "'use' takes hold, rest, reps and target");
            return;
        }
        if (seen[f]) {
            ERR(P, EBB_D_DUPLICATE, P->tok.line, P->tok.col, "'%s' is given twice on this line",
                use_fields[f]);
            return;
        }
        seen[f] = true;
        next(P);
        unsigned n = 0;
        bool ok = true;
        switch (f) {
        case U_HOLD:
            ok = ebb_tok_duration(&P->tok, P->d, "hold", EBB_PACK_HOLD_MS_MIN,
                                  EBB_PACK_HOLD_MS_MAX, &ov.hold_ms);
            break;
        case U_REST:
            ok = ebb_tok_duration(&P->tok, P->d, "rest", EBB_PACK_REST_MS_MIN,
                                  EBB_PACK_REST_MS_MAX, &ov.rest_ms);
            break;
        case U_REPS:
            ok = ebb_tok_count(&P->tok, P->d, "reps", 1, EBB_PACK_REPS_MAX, &n);
            ov.reps = (uint16_t)n;
            break;
        default:
            ok = ebb_tok_percent(&P->tok, P->d, "target", 5.0, 100.0, &ov.target);
            break;
        }
        if (!ok) {
            return;
        }
        next(P);
    }
    ebb_pack_level *pl = level_entry(P, id, w.line, w.col);
    if (pl == NULL) {
        return;
    }
    if (pl->use_line != 0) {
        ERR(P, EBB_D_DUPLICATE, w.line, w.col, "'use %s' is already given on line %u: put all "
            "its changes on one line", id, pl->use_line);
        return;
    }
    pl->use_line = line;
    pl->use_col = w.col;
    pl->overrides = ov;
    pl->has_overrides = seen[U_HOLD] || seen[U_REST] || seen[U_REPS] || seen[U_TARGET];
}

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

static void line_level(pparser *P, unsigned line, unsigned col)
{
    if (!expect_eol(P, "'level' (the level's lines start on the next line)")) {
        ebb_lex_skip_line(&P->lx);
        next(P);
    }
    ebb_lex *lx = &P->lx;
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
        lx->p = lx->end;
        return;
    }
    size_t body_len = (size_t)(p - body);
    /* Move the lexer to the end-level line; the main loop reads it. */
    lx->p = p;
    lx->line = end_line;
    lx->col = 1;
    lx->line_start = true;
    P->end_level_due = true;

    ebb_level_parse_opts lo;
    memset(&lo, 0, sizeof lo);
    lo.line_offset = line;
    ebb_level lv;
    char id[EBB_LEVEL_ID_MAX + 1];
    unsigned id_line = 0;
    bool ok = ebb_level_parse_ex(body, body_len, P->d->file, &lo, &lv, P->d);
    if (ok) {
        snprintf(id, sizeof id, "%s", lv.id);
        claimed_id(body, body + body_len, id, &id_line);
    } else if (!claimed_id(body, body + body_len, id, &id_line)) {
        return; /* the level parser has said what is wrong with its id */
    }
    unsigned at = id_line ? line + id_line : line;
    ebb_pack_level *pl = level_entry(P, id, at, 1);
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
    if (!ebb_tok_count(&P->tok, P->d, what, 1, max, a)) {
        return false;
    }
    ebb_token first = P->tok;
    next(P);
    if (P->tok.kind != EBB_TOK_RANGE) {
        *b = *a;
        return true;
    }
    next(P);
    if (!ebb_tok_count(&P->tok, P->d, what, 1, max, b)) {
        return false;
    }
    if (*b < *a) {
        ERR(P, EBB_D_RANGE, first.line, first.col,
            "%s %u..%u: the first must not come after the last", what, *a, *b);
        return false;
    }
    next(P);
    return true;
}

enum { S_DAYS, S_DAY, S_WEEKS, S_WEEK, S_PER_DAY, S_EVERY, S_COUNT };
static const char *const slot_fields[S_COUNT] = {"days", "day", "weeks", "week", "per-day",
                                                 "every"};

static void line_schedule(pparser *P, unsigned line, unsigned col)
{
    raw_word w;
    ebb_pack_slot s;
    memset(&s, 0, sizeof s);
    if (!take_raw(P, &w, "schedule", "a level id", "schedule breathing/resonance days 1..28") ||
        !take_level_id(P, &w, s.level_id)) {
        return;
    }
    s.per_day = 1;
    s.every = 1;
    s.line = line;
    s.col = w.col;
    bool when = false, per_day = false, every = false;
    while (!at_eol(P)) {
        if (P->tok.kind == EBB_TOK_ERROR) {
            return;
        }
        int f = P->tok.kind == EBB_TOK_WORD ? find_word(&P->tok, slot_fields, S_COUNT) : -1;
        if (f < 0) {
            unknown(P, "field", slot_fields, S_COUNT,
                    "'schedule' takes days (or weeks), per-day and every");
            return;
        }
        ebb_token ft = P->tok;
        bool *seen = f <= S_WEEK ? &when : f == S_PER_DAY ? &per_day : &every;
        if (*seen) {
            ERR(P, EBB_D_DUPLICATE, ft.line, ft.col, "%s", f <= S_WEEK ?
                "give the days (or the weeks) once per line; write another 'schedule' line "
                "for another stretch" : "this field is given twice on this line");
            return;
        }
        *seen = true;
        next(P);
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
            if (!ebb_tok_count(&P->tok, P->d, slot_fields[f],
                               1, f == S_PER_DAY ? EBB_PACK_PER_DAY_MAX : 30u,
                               f == S_PER_DAY ? &s.per_day : &s.every)) {
                return;
            }
            next(P);
        }
    }
    if (!when) {
        ERR(P, EBB_D_MISSING, P->tok.line, P->tok.col,
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

static void line_unlock(pparser *P, unsigned line, unsigned col)
{
    raw_word w;
    ebb_pack_unlock u;
    memset(&u, 0, sizeof u);
    if (!take_raw(P, &w, "unlock", "a level id",
                  "unlock strengthening/holds-and-flicks after lengthening/drop-and-release") ||
        !take_level_id(P, &w, u.level_id)) {
        return;
    }
    u.stars = 2;
    u.times = 1;
    u.line = line;
    u.col = w.col;
    bool seen[L_COUNT] = {false};
    while (!at_eol(P)) {
        if (P->tok.kind == EBB_TOK_ERROR) {
            return;
        }
        int f = P->tok.kind == EBB_TOK_WORD ? find_word(&P->tok, unlock_fields, L_COUNT) : -1;
        if (f < 0) {
            unknown(P, "field", unlock_fields, L_COUNT, "'unlock' takes after, stars and times");
            return;
        }
        if (seen[f]) {
            ERR(P, EBB_D_DUPLICATE, P->tok.line, P->tok.col, "'%s' is given twice on this line",
                unlock_fields[f]);
            return;
        }
        seen[f] = true;
        if (f == L_AFTER) {
            raw_word a;
            if (!take_raw(P, &a, "after", "a level id", "after lengthening/drop-and-release") ||
                !take_level_id(P, &a, u.after_id)) {
                return;
            }
            u.after_col = a.col;
            continue;
        }
        next(P);
        if (!ebb_tok_count(&P->tok, P->d, unlock_fields[f], 1,
                           f == L_STARS ? 3u : EBB_PACK_TIMES_MAX,
                           f == L_STARS ? &u.stars : &u.times)) {
            return;
        }
        next(P);
    }
    if (!seen[L_AFTER]) {
        ERR(P, EBB_D_MISSING, P->tok.line, P->tok.col,
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

/* ---- lines ------------------------------------------------------------------------------ */

static void parse_line(pparser *P)
{
    char tb[48];
    unsigned line = P->tok.line, col = P->tok.col;
    if (P->tok.kind != EBB_TOK_WORD) {
        ERR(P, EBB_D_SYNTAX, line, col, "a line starts with a word such as 'title' or "
            "'schedule', not '%s'", ebb_tok_text(&P->tok, tb, sizeof tb));
        return;
    }
    int w = find_word(&P->tok, line_words, W_COUNT);
    bool first = !P->seen_line;
    bool end_due = P->end_level_due;
    P->seen_line = true;
    P->end_level_due = false;
    if (first && w != W_EBB_PACK) {
        ERR(P, EBB_D_MISSING, line, col, "a pack starts with the line 'ebb-pack 1' (a level "
            "file is checked with 'ebb check', not installed as a pack)");
    }
    switch (w) {
    case W_EBB_PACK:
        if (!first) {
            ERR(P, EBB_D_ORDER, line, col, "'ebb-pack 1' must be the first line of the pack");
            return;
        }
        line_version(P, line, col);
        return;
    case W_ID:
        line_pack_id(P, line, col);
        return;
    case W_TITLE:
        next(P);
        if (once(P, W_TITLE, line, col)) {
            take_string(P, "title", "title \"Relaxation first\"", P->pk->title,
                        sizeof P->pk->title);
        }
        return;
    case W_AUTHOR:
        next(P);
        if (once(P, W_AUTHOR, line, col)) {
            take_string(P, "author", "author \"Sam Lee, pelvic health physiotherapist\"",
                        P->pk->author, sizeof P->pk->author);
        }
        return;
    case W_NOTES:
        line_notes(P, line, col);
        return;
    case W_USE:
        line_use(P, line, col);
        return;
    case W_LEVEL:
        line_level(P, line, col);
        return;
    case W_END_LEVEL:
        if (!end_due) {
            ERR(P, EBB_D_NESTING, line, col, "'end-level' without a 'level' line before it");
            return;
        }
        expect_eol(P, "'end-level'");
        return;
    case W_SCHEDULE:
        line_schedule(P, line, col);
        return;
    case W_UNLOCK:
        line_unlock(P, line, col);
        return;
    default:
        break;
    }
    if (find_word(&P->tok, level_words, sizeof level_words / sizeof level_words[0]) >= 0) {
        ERR(P, EBB_D_UNKNOWN_KEY, line, col, "'%s' belongs inside a level: put the level's "
            "lines between 'level' and 'end-level'", ebb_tok_text(&P->tok, tb, sizeof tb));
        return;
    }
    unknown(P, "key", line_words, W_COUNT,
            "a pack line starts with ebb-pack, id, title, author, notes, use, level, "
            "schedule or unlock");
}

static void parse_lines(pparser *P)
{
    for (;;) {
        next(P);
        if (P->tok.kind == EBB_TOK_EOF) {
            return;
        }
        if (P->tok.kind == EBB_TOK_EOL) {
            continue;
        }
        if (P->tok.kind != EBB_TOK_ERROR) {
            parse_line(P);
        } else {
            P->seen_line = true;
            P->end_level_due = false;
        }
        /* Whatever is left of the line was either read or is past an error. */
        if (!at_eol(P)) {
            ebb_lex_skip_line(&P->lx);
        }
    }
}

static void check_required(pparser *P)
{
    static const struct { int key; const char *example; } req[] = {
        {W_ID, "id relaxation-first"},
        {W_TITLE, "title \"Relaxation first\""},
        {W_AUTHOR, "author \"Sam Lee, pelvic health physiotherapist\""}};
    for (size_t i = 0; i < sizeof req / sizeof req[0]; i++) {
        if (P->key_line[req[i].key] == 0) {
            ERR(P, EBB_D_MISSING, 0, 0, "the pack has no '%s': add a line such as %s",
                line_words[req[i].key], req[i].example);
        }
    }
    if (P->pk->slot_count == 0 && P->seen_line) {
        ERR(P, EBB_D_EMPTY, 0, 0, "the pack has no program: add at least one line such as "
            "'schedule breathing/resonance days 1..28'");
    }
}

bool ebb_pack_parse(const char *text, size_t len, const char *name,
                    const ebb_pack_parse_opts *opts, ebb_pack *out, ebb_diags *diags)
{
    static const ebb_pack_parse_opts no_opts = {NULL, 0};
    memset(out, 0, sizeof *out);
    size_t errors_before = diags->errors;
    (void)name; /* messages are named by diags->file */
    if (len > EBB_PACK_FILE_MAX) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, 0, 0,
                      "pack is %zu bytes; the limit is 256 KiB (%u bytes)", len,
                      EBB_PACK_FILE_MAX);
        return false;
    }
    if (!ebb_lex_check_text(text, len, diags)) {
        return false;
    }
    /* The pack keeps its own copy: embedded levels are parsed again from it when played. */
    out->text = malloc(len + 1);
    if (out->text == NULL) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
        return false;
    }
    if (len > 0) {
        memcpy(out->text, text, len);
    }
    out->text[len] = '\0';
    out->text_len = len;
    pparser P;
    memset(&P, 0, sizeof P);
    P.d = diags;
    P.pk = out;
    P.text = out->text;
    ebb_lex_init(&P.lx, out->text, len, diags);
    parse_lines(&P);
    if (!P.seen_line) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_EMPTY, 0, 0,
                      "the pack is empty: it starts with 'ebb-pack 1' (see docs/packs.md)");
    }
    check_required(&P);
    if (diags->errors == errors_before) {
        ebb_pack_cross_check(out, opts ? opts : &no_opts, diags);
    }
    if (diags->errors != errors_before) {
        ebb_pack_free(out);
        return false;
    }
    return true;
}

void ebb_pack_free(ebb_pack *pack)
{
    free(pack->text);
    memset(pack, 0, sizeof *pack);
}
