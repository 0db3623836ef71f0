/* The pack parser: pack text in memory → ebb_pack, with compiler-style diagnostics.
 *
 * It reuses the level lexer, line by line, as the level parser does: each line starts with a
 * word saying what it is; a mistake is reported where it is and the rest of the line is
 * skipped, so one run reports every problem. Ids are read as raw words (up to a blank or a
 * comment) rather than tokens, so that a path such as ../../etc/passwd or /abs is quoted
 * whole and named for what it is. Embedded levels (`level` ... `end-level`) are handed to the
 * level parser with a line offset, so their errors point at the pack's own lines. Checks that
 * need the whole pack run at the end (pack_check.c). Level blocks and the program lines are
 * read in pack_lines.c. Any error refuses the whole pack. */
#include "core/pack.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level_lex.h"
#include "core/pack_check.h"
#include "core/pack_parse.h"

static const char *const line_words[W_COUNT] = {
    "ebb-pack", "id", "title", "author", "notes", "use", "level", "end-level", "schedule",
    "unlock"};

/* Words that start lines of a level, not of a pack: named as such when met outside a block. */
static const char *const level_words[] = {
    "rest", "release", "squeeze", "hold", "flick", "ramp", "breathe", "repeat", "end",
    "kind", "character", "description", "pass", "flags", "ebb-level"};

void ebb_pk_next(pparser *P)
{
    unsigned after = P->lx.col; /* a missing value is placed just after the word before it */
    ebb_lex_next(&P->lx, &P->tok);
    if (P->tok.kind == EBB_TOK_EOL || P->tok.kind == EBB_TOK_EOF) {
        P->tok.col = after;
    }
}

bool ebb_pk_at_eol(const pparser *P)
{
    return P->tok.kind == EBB_TOK_EOL || P->tok.kind == EBB_TOK_EOF;
}

bool ebb_pk_expect_eol(pparser *P, const char *after)
{
    ebb_pk_next(P);
    if (ebb_pk_at_eol(P) || P->tok.kind == EBB_TOK_ERROR) {
        return ebb_pk_at_eol(P);
    }
    char tb[48];
    ERR(P, EBB_D_SYNTAX, P->tok.line, P->tok.col, "unexpected '%s' after %s",
        ebb_tok_text(&P->tok, tb, sizeof tb), after);
    return false;
}

int ebb_pk_find_word(const ebb_token *t, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ebb_tok_is(t, names[i])) {
            return (int)i;
        }
    }
    return -1;
}

/* Reports an unknown word with the closest known one, or with the list of known ones. */
void ebb_pk_unknown(pparser *P, const char *what, const char *const *names, size_t n,
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

static void lex_advance(ebb_lex *lx)
{
    if (((unsigned char)*lx->p & 0xC0u) != 0x80u) {
        lx->col++;
    }
    lx->p++;
}

/* Reads the next blank-separated word as written, whatever its characters, then moves the
 * current token past it. Returns false (and reports what was wanted) if the line ended. */
bool ebb_pk_take_raw(pparser *P, raw_word *w, const char *what, const char *need,
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
        ebb_pk_next(P);
        return false;
    }
    ebb_pk_next(P);
    return true;
}

bool ebb_pk_take_level_id(pparser *P, const raw_word *w, char *dst)
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
        ERR(P, ebb_pk_at_eol(P) ? EBB_D_MISSING : EBB_D_BAD_VALUE, P->tok.line, P->tok.col,
            "'%s' needs a quoted string, e.g. %s", what, example);
        return false;
    }
    snprintf(dst, size, "%s", P->tok.str);
    return ebb_pk_expect_eol(P, what);
}

static void line_version(pparser *P, unsigned line, unsigned col)
{
    if (!once(P, W_EBB_PACK, line, col)) {
        return;
    }
    ebb_pk_next(P);
    if (P->tok.kind == EBB_TOK_NUMBER && P->tok.mantissa != 1 && P->tok.unit_len == 0 &&
        P->tok.frac_digits == 0) {
        ERR(P, EBB_D_BAD_VALUE, P->tok.line, P->tok.col,
            "this pack is written in format version %llu; this Ebb reads version 1",
            (unsigned long long)P->tok.mantissa);
        return;
    }
    unsigned v = 0;
    if (ebb_tok_count(&P->tok, P->d, "ebb-pack", 1, 1, &v)) {
        ebb_pk_expect_eol(P, "the format version");
    }
}

static void line_pack_id(pparser *P, unsigned line, unsigned col)
{
    raw_word w;
    if (!once(P, W_ID, line, col) ||
        !ebb_pk_take_raw(P, &w, "id", "the pack's id", "id relaxation-first")) {
        return;
    }
    const char *why = ebb_pack_id_problem(w.text, w.len);
    if (why != NULL) {
        ERR(P, EBB_D_BAD_VALUE, w.line, w.col, "pack id '%s' %s", w.text, why);
        return;
    }
    memcpy(P->pk->id, w.text, w.len + 1);
    if (!ebb_pk_at_eol(P)) {
        char tb[48];
        ERR(P, EBB_D_SYNTAX, P->tok.line, P->tok.col, "unexpected '%s' after the id",
            ebb_tok_text(&P->tok, tb, sizeof tb));
    }
}

static void line_notes(pparser *P, unsigned line, unsigned col)
{
    ebb_pack *pk = P->pk;
    ebb_pk_next(P);
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

ebb_pack_level *ebb_pk_level_entry(pparser *P, const char *id, unsigned line, unsigned col)
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

static void line_use(pparser *P, unsigned line)
{
    raw_word w;
    char id[EBB_LEVEL_ID_MAX + 1];
    if (!ebb_pk_take_raw(P, &w, "use", "a level id",
                         "use strengthening/holds-and-flicks hold 6s") ||
        !ebb_pk_take_level_id(P, &w, id)) {
        return;
    }
    ebb_level_overrides ov;
    memset(&ov, 0, sizeof ov);
    bool seen[U_COUNT] = {false};
    while (!ebb_pk_at_eol(P)) {
        if (P->tok.kind == EBB_TOK_ERROR) {
            return;
        }
        int f = P->tok.kind == EBB_TOK_WORD ? ebb_pk_find_word(&P->tok, use_fields, U_COUNT) : -1;
        if (f < 0) {
            ebb_pk_unknown(P, "field", use_fields, U_COUNT,
                           "'use' takes hold, rest, reps and target");
            return;
        }
        if (seen[f]) {
            ERR(P, EBB_D_DUPLICATE, P->tok.line, P->tok.col, "'%s' is given twice on this line",
                use_fields[f]);
            return;
        }
        seen[f] = true;
        ebb_pk_next(P);
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
        ebb_pk_next(P);
    }
    ebb_pack_level *pl = ebb_pk_level_entry(P, id, w.line, w.col);
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
    int w = ebb_pk_find_word(&P->tok, line_words, W_COUNT);
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
        ebb_pk_next(P);
        if (once(P, W_TITLE, line, col)) {
            take_string(P, "title", "title \"Relaxation first\"", P->pk->title,
                        sizeof P->pk->title);
        }
        return;
    case W_AUTHOR:
        ebb_pk_next(P);
        if (once(P, W_AUTHOR, line, col)) {
            take_string(P, "author", "author \"Sam Lee, pelvic health physiotherapist\"",
                        P->pk->author, sizeof P->pk->author);
        }
        return;
    case W_NOTES:
        line_notes(P, line, col);
        return;
    case W_USE:
        line_use(P, line);
        return;
    case W_LEVEL:
        ebb_pk_line_level(P, line, col);
        return;
    case W_END_LEVEL:
        if (!end_due) {
            ERR(P, EBB_D_NESTING, line, col, "'end-level' without a 'level' line before it");
            return;
        }
        ebb_pk_expect_eol(P, "'end-level'");
        return;
    case W_SCHEDULE:
        ebb_pk_line_schedule(P, line, col);
        return;
    case W_UNLOCK:
        ebb_pk_line_unlock(P, line, col);
        return;
    default:
        break;
    }
    if (ebb_pk_find_word(&P->tok, level_words, sizeof level_words / sizeof level_words[0]) >= 0) {
        ERR(P, EBB_D_UNKNOWN_KEY, line, col, "'%s' belongs inside a level: put the level's "
            "lines between 'level' and 'end-level'", ebb_tok_text(&P->tok, tb, sizeof tb));
        return;
    }
    ebb_pk_unknown(P, "key", line_words, W_COUNT,
            "a pack line starts with ebb-pack, id, title, author, notes, use, level, "
            "schedule or unlock");
}

static void parse_lines(pparser *P)
{
    for (;;) {
        ebb_pk_next(P);
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
        if (!ebb_pk_at_eol(P)) {
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
