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

#include "core/pack_check.h"
#include "core/pack_parser.h"

static const char *const line_words[W_COUNT] = {
    "ebb-pack", "id", "title", "author", "notes", "use", "level", "end-level", "schedule",
    "unlock"};

/* Words that start lines of a level, not of a pack: named as such when met outside a block. */
static const char *const level_words[] = {
    "rest", "release", "squeeze", "hold", "flick", "ramp", "breathe", "repeat", "end",
    "kind", "character", "description", "pass", "flags", "ebb-level"};

bool ebb_pk_take_level_id(pparser *P, const ebb_raw_word *w, char *dst)
{
    const char *why = ebb_pack_level_id_problem(w->at, w->len);
    if (why != NULL) {
        ERR(P, EBB_D_BAD_VALUE, w->line, w->col, "level '%s' %s", w->text, why);
        return false;
    }
    memcpy(dst, w->at, w->len);
    dst[w->len] = '\0';
    return true;
}

int ebb_pk_field(pparser *P, const char *const *fields, size_t n, const char *known,
                 bool *seen)
{
    const ebb_token *t = &P->cur.tok;
    if (ebb_cursor_failed(&P->cur)) {
        return -1;
    }
    int f = t->kind == EBB_TOK_WORD ? ebb_cursor_find_word(t, fields, n) : -1;
    if (f < 0) {
        ebb_cursor_unknown(&P->cur, EBB_D_UNKNOWN_KEY, "field", fields, n, known);
        return -1;
    }
    if (seen != NULL && seen[f]) {
        ERR(P, EBB_D_DUPLICATE, t->line, t->col, "'%s' is given twice on this line", fields[f]);
        return -1;
    }
    if (seen != NULL) {
        seen[f] = true;
    }
    return f;
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
    return ebb_cursor_take_string(&P->cur, what, example, dst, size) &&
           ebb_cursor_expect_eol(&P->cur, what);
}

static void line_version(pparser *P, unsigned line, unsigned col)
{
    if (!once(P, W_EBB_PACK, line, col)) {
        return;
    }
    ebb_cursor_next(&P->cur);
    if (P->cur.tok.kind == EBB_TOK_NUMBER && P->cur.tok.mantissa != 1 && P->cur.tok.unit_len == 0 &&
        P->cur.tok.frac_digits == 0) {
        ERR(P, EBB_D_BAD_VALUE, P->cur.tok.line, P->cur.tok.col,
            "this pack is written in format version %llu; this Ebb reads version 1",
            (unsigned long long)P->cur.tok.mantissa);
        return;
    }
    unsigned v = 0;
    if (ebb_tok_count(&P->cur.tok, P->cur.diags, "ebb-pack", 1, 1, &v)) {
        ebb_cursor_expect_eol(&P->cur, "the format version");
    }
}

static void line_pack_id(pparser *P, unsigned line, unsigned col)
{
    ebb_raw_word w;
    if (!once(P, W_ID, line, col) ||
        !ebb_cursor_take_raw(&P->cur, &w, "id", "the pack's id", "id relaxation-first")) {
        return;
    }
    const char *why = ebb_pack_id_problem(w.at, w.len);
    if (why != NULL) {
        ERR(P, EBB_D_BAD_VALUE, w.line, w.col, "pack id '%s' %s", w.text, why);
        return;
    }
    memcpy(P->pk->id, w.at, w.len);
    P->pk->id[w.len] = '\0';
    if (!ebb_cursor_at_eol(&P->cur)) {
        char tb[48];
        ERR(P, EBB_D_SYNTAX, P->cur.tok.line, P->cur.tok.col, "unexpected '%s' after the id",
            ebb_tok_text(&P->cur.tok, tb, sizeof tb));
    }
}

static void line_notes(pparser *P, unsigned line, unsigned col)
{
    ebb_pack *pk = P->pk;
    ebb_cursor_next(&P->cur);
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

enum { U_HOLD, U_REST, U_REPS, U_TARGET, U_CHALLENGE, U_COUNT };
static const char *const use_fields[U_COUNT] = {"hold", "rest", "reps", "target", "challenge"};

static void line_use(pparser *P, unsigned line)
{
    ebb_raw_word w;
    char id[EBB_LEVEL_ID_MAX + 1];
    if (!ebb_cursor_take_raw(&P->cur, &w, "use", "a level id",
                         "use strengthening/holds-and-flicks hold 6s") ||
        !ebb_pk_take_level_id(P, &w, id)) {
        return;
    }
    ebb_level_overrides ov;
    memset(&ov, 0, sizeof ov);
    bool seen[U_COUNT] = {false};
    unsigned challenge = 0;
    bool max = false;
    while (!ebb_cursor_at_eol(&P->cur)) {
        int f = ebb_pk_field(P, use_fields, U_COUNT, "'use' takes hold, rest, reps, target and challenge",
                             seen);
        if (f < 0) {
            return;
        }
        ebb_cursor_next(&P->cur);
        unsigned n = 0;
        bool ok = true;
        switch (f) {
        case U_HOLD:
            ok = ebb_tok_duration(&P->cur.tok, P->cur.diags, "hold", EBB_PACK_HOLD_MS_MIN,
                                  EBB_PACK_HOLD_MS_MAX, &ov.hold_ms);
            break;
        case U_REST:
            ok = ebb_tok_duration(&P->cur.tok, P->cur.diags, "rest", EBB_PACK_REST_MS_MIN,
                                  EBB_PACK_REST_MS_MAX, &ov.rest_ms);
            break;
        case U_REPS:
            ok = ebb_tok_count(&P->cur.tok, P->cur.diags, "reps", 1, EBB_PACK_REPS_MAX, &n);
            ov.reps = (uint16_t)n;
            break;
        case U_CHALLENGE:
            /* `challenge N` fixes the level's challenge; `challenge max N` caps the offers. */
            if (ebb_tok_is(&P->cur.tok, "max")) {
                ebb_cursor_next(&P->cur);
                max = true;
            }
            ok = ebb_tok_count(&P->cur.tok, P->cur.diags, "challenge", 1,
                               EBB_LEVEL_CHALLENGES_MAX, &challenge);
            break;
        default:
            ok = ebb_tok_percent(&P->cur.tok, P->cur.diags, "target", 5.0, 100.0, &ov.target);
            break;
        }
        if (!ok) {
            return;
        }
        ebb_cursor_next(&P->cur);
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
    pl->has_overrides = seen[U_HOLD] || seen[U_REST] || seen[U_REPS] || seen[U_TARGET] ||
                        (seen[U_CHALLENGE] && !max);
    pl->challenge = max ? 0 : challenge;
    pl->challenge_max = max ? challenge : 0;
}

/* ---- lines ------------------------------------------------------------------------------ */

static void parse_line(pparser *P)
{
    char tb[48];
    unsigned line = P->cur.tok.line, col = P->cur.tok.col;
    if (P->cur.tok.kind != EBB_TOK_WORD) {
        ERR(P, EBB_D_SYNTAX, line, col, "a line starts with a word such as 'title' or "
            "'schedule', not '%s'", ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        return;
    }
    int w = ebb_cursor_find_word(&P->cur.tok, line_words, W_COUNT);
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
        ebb_cursor_next(&P->cur);
        if (once(P, W_TITLE, line, col)) {
            take_string(P, "title", "title \"Relaxation first\"", P->pk->title,
                        sizeof P->pk->title);
        }
        return;
    case W_AUTHOR:
        ebb_cursor_next(&P->cur);
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
        ebb_cursor_expect_eol(&P->cur, "'end-level'");
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
    if (ebb_cursor_find_word(&P->cur.tok, level_words,
                             sizeof level_words / sizeof level_words[0]) >= 0) {
        ERR(P, EBB_D_UNKNOWN_KEY, line, col, "'%s' belongs inside a level: put the level's "
            "lines between 'level' and 'end-level'", ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        return;
    }
    ebb_cursor_unknown(&P->cur, EBB_D_UNKNOWN_KEY, "key", line_words, W_COUNT,
            "a pack line starts with ebb-pack, id, title, author, notes, use, level, "
            "schedule or unlock");
}

static void parse_lines(pparser *P)
{
    for (;;) {
        ebb_cursor_next(&P->cur);
        if (P->cur.tok.kind == EBB_TOK_EOF) {
            return;
        }
        if (P->cur.tok.kind == EBB_TOK_EOL) {
            continue;
        }
        if (P->cur.tok.kind != EBB_TOK_ERROR) {
            parse_line(P);
        } else {
            P->seen_line = true;
            P->end_level_due = false;
        }
        /* Whatever is left of the line was either read or is past an error. */
        if (!ebb_cursor_at_eol(&P->cur)) {
            ebb_cursor_skip_line(&P->cur);
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
    ebb_cursor_init(&P.cur, out->text, len, 1, diags);
    P.pk = out;
    P.text = out->text;
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
