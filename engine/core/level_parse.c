/* The level parser: level text in memory → ebb_level, with compiler-style diagnostics.
 *
 * It reads line by line. Each line starts with a word that says what it is (a header key, a
 * step kind, `repeat`, `end`, `ebb-level`); a mistake is reported where it is and the rest of
 * that line is skipped, so that one run reports every problem in the file (Doom's deh_io.c).
 * Steps and repeat markers are kept in source order as "ops"; only once the whole file is
 * known to be clean are the repeats measured against the limits and expanded into the flat
 * step list the session runner plays. Any error refuses the whole file. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/frame.h"
#include "core/level.h"
#include "core/cursor.h"
#include "core/level_parser.h"

static const char *const key_names[EBB_K_COUNT] = {
    "id", "title", "kind", "character", "description", "pass", "flags"};
static const char *const key_examples[EBB_K_COUNT] = {
    "id breathing/box", "title \"Box breathing\"", "kind breathing", "character balloon",
    "description \"Slow breaths with a long out-breath.\"", "pass 2", "flags breath-holds"};

/* Every word a line may start with, header keys first (suggestions rely on the order). */
static const char *const line_words[] = {
    "id", "title", "kind", "character", "description", "pass", "flags",
    "rest", "release", "squeeze", "hold", "flick", "ramp", "breathe", "drop", "steps",
    "knack", "cough", "repeat", "end", "ebb-level", "challenge"};
#define LINE_WORDS_N (sizeof line_words / sizeof line_words[0])

static const char *const level_kinds[EBB_LEVEL_KIND_COUNT] = {
    "breathing", "lengthening", "strengthening", "assessment"};


void ebb_p_report(ebb_parser *P, ebb_severity sev, ebb_diag_code code, unsigned line,
                   unsigned col, const char *fmt, ...)
{
    char msg[EBB_DIAG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): va_start is the line above */
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ebb_diags_add(P->cur.diags, sev, code, line, col, "%s", msg);
}

static void out_of_memory(ebb_parser *P)
{
    if (!P->oom) {
        P->oom = true;
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
    }
}

/* Returns arr grown to hold at least need items of size each (it may have moved), or NULL
 * with an error reported; arr is still valid and owned by the caller then. */
void *ebb_p_grow(ebb_parser *P, void *arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return arr;
    }
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = (ncap < need || ncap > (size_t)-1 / size) ? NULL : realloc(arr, ncap * size);
    if (p == NULL) {
        out_of_memory(P);
        return NULL;
    }
    *cap = ncap;
    return p;
}

bool ebb_p_push_op(ebb_parser *P, ebb_op o)
{
    ebb_op *ops = ebb_p_grow(P, P->ops, &P->capops, P->nops + 1, sizeof *ops);
    if (ops == NULL) {
        return false;
    }
    P->ops = ops;
    P->ops[P->nops++] = o;
    return true;
}

/* ---- header ------------------------------------------------------------------------------ */

static bool valid_id(const ebb_token *t)
{
    size_t slashes = 0;
    if (t->kind != EBB_TOK_WORD || t->len == 0 || t->len > EBB_LEVEL_ID_MAX ||
        t->text[0] == '/' || t->text[t->len - 1] == '/') {
        return false;
    }
    for (size_t i = 0; i < t->len; i++) {
        char c = t->text[i];
        if (c == '/') {
            slashes++;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return slashes == 1;
}

static bool header_flags(ebb_parser *P)
{
    /* In bit order of EBB_LEVEL_FLAG_*. */
    static const char *const flag_names[] = {"breath-holds", "beginner-short", "needs-probe",
                                             "not-if-overactive"};
    const size_t n = sizeof flag_names / sizeof flag_names[0];
    for (;;) {
        if (ebb_cursor_failed(&P->cur)) {
            return false;
        }
        if (P->cur.tok.kind != EBB_TOK_WORD) {
            char tb[48];
            EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, &P->cur.tok, "expected a flag name, found '%s'",
                         ebb_tok_text(&P->cur.tok, tb, sizeof tb));
            return false;
        }
        int fl = ebb_cursor_find_word(&P->cur.tok, flag_names, n);
        if (fl < 0) {
            ebb_cursor_unknown(&P->cur, EBB_D_BAD_VALUE, "flag", flag_names, n,
                               "the flags are breath-holds, beginner-short, needs-probe and "
                               "not-if-overactive");
            return false;
        }
        if (P->lv.flags & (1u << fl)) {
            ebb_p_report(P, EBB_SEV_WARNING, EBB_D_DUPLICATE, P->cur.tok.line, P->cur.tok.col,
                         "flag '%s' is listed twice", flag_names[fl]);
        }
        P->lv.flags |= 1u << fl;
        ebb_cursor_next(&P->cur);
        if (ebb_cursor_at_eol(&P->cur)) {
            return true;
        }
        if (P->cur.tok.kind != EBB_TOK_COMMA) {
            if (ebb_cursor_failed(&P->cur)) {
                return false;
            }
            char tb[48];
            EBB_P_ERR_AT(P, EBB_D_SYNTAX, &P->cur.tok, "expected ',' between flags, found '%s'",
                         ebb_tok_text(&P->cur.tok, tb, sizeof tb));
            return false;
        }
        ebb_cursor_next(&P->cur);
    }
}

static bool header_value(ebb_parser *P, int key)
{
    char tb[48];
    const ebb_token *t = &P->cur.tok;
    unsigned n = 0;
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    switch (key) {
    case EBB_K_ID:
        if (!valid_id(t)) {
            EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, t,
                   "id '%s' is not valid: use lower-case letters, digits and '-' with one '/', "
                   "at most %u characters (e.g. breathing/box)",
                   ebb_tok_text(&P->cur.tok, tb, sizeof tb), EBB_LEVEL_ID_MAX);
            return false;
        }
        memcpy(P->lv.id, t->text, t->len);
        P->lv.id[t->len] = '\0';
        return ebb_cursor_expect_eol(&P->cur, "the id");
    case EBB_K_TITLE:
        return ebb_cursor_take_string(&P->cur, "title", key_examples[EBB_K_TITLE], P->lv.title,
                                      sizeof P->lv.title) &&
               ebb_cursor_expect_eol(&P->cur, "the title");
    case EBB_K_DESCRIPTION:
        return ebb_cursor_take_string(&P->cur, "description", key_examples[EBB_K_DESCRIPTION],
                                      P->lv.description, sizeof P->lv.description) &&
               ebb_cursor_expect_eol(&P->cur, "the description");
    case EBB_K_KIND: {
        int k = ebb_cursor_find_word(t, level_kinds, EBB_LEVEL_KIND_COUNT);
        if (k < 0) {
            ebb_cursor_unknown(&P->cur, EBB_D_BAD_VALUE, "kind", level_kinds, EBB_LEVEL_KIND_COUNT,
                         "use breathing, lengthening, strengthening or assessment");
            return false;
        }
        P->lv.kind = (ebb_level_kind)k;
        return ebb_cursor_expect_eol(&P->cur, "the kind");
    }
    case EBB_K_CHARACTER:
        if (t->kind != EBB_TOK_WORD || t->len >= sizeof P->lv.character) {
            EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, t,
                   "character '%s' must be one word of at most %zu characters",
                   ebb_tok_text(&P->cur.tok, tb, sizeof tb), sizeof P->lv.character - 1);
            return false;
        }
        memcpy(P->lv.character, t->text, t->len);
        P->lv.character[t->len] = '\0';
        return ebb_cursor_expect_eol(&P->cur, "the character");
    case EBB_K_PASS:
        if (!ebb_tok_count(&P->cur.tok, P->cur.diags, "pass", 0, 3, &n)) {
            return false;
        }
        P->lv.pass_stars = (int)n;
        /* "pass 2 stars" reads better to a person; the word is optional. */
        ebb_cursor_next(&P->cur);
        if (ebb_tok_is(&P->cur.tok, "stars") || ebb_tok_is(&P->cur.tok, "star")) {
            return ebb_cursor_expect_eol(&P->cur, "the pass value");
        }
        if (ebb_cursor_at_eol(&P->cur)) {
            return true;
        }
        if (!ebb_cursor_failed(&P->cur)) {
            EBB_P_ERR_AT(P, EBB_D_SYNTAX, &P->cur.tok, "unexpected '%s' after the pass value; "
                         "write e.g. pass 2 stars", ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        }
        return false;
    default:
        return header_flags(P);
    }
}

static bool parse_header(ebb_parser *P, int key)
{
    ebb_token k = P->cur.tok;
    if (P->first_step_line != 0) {
        EBB_P_ERR_AT(P, EBB_D_ORDER, &k, "header key '%s' must come before the first step (line %u)",
               key_names[key], P->first_step_line);
    }
    if (P->key_line[key] != 0) {
        EBB_P_ERR_AT(P, EBB_D_DUPLICATE, &k, "duplicate key '%s': it is already given on line %u",
               key_names[key], P->key_line[key]);
    } else {
        P->key_line[key] = k.line;
    }
    ebb_cursor_next(&P->cur);
    if (ebb_cursor_at_eol(&P->cur)) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, k.line, P->cur.tok.col,
               "'%s' needs a value, e.g. %s", key_names[key], key_examples[key]);
        return true;
    }
    return header_value(P, key);
}

static bool parse_version(ebb_parser *P)
{
    ebb_token w = P->cur.tok;
    if (!P->version_allowed) {
        EBB_P_ERR_AT(P, EBB_D_ORDER, &w, "'ebb-level 1' must be the first line of the file");
    }
    ebb_cursor_next(&P->cur);
    const ebb_token *t = &P->cur.tok;
    if (ebb_cursor_at_eol(&P->cur)) {
        ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, w.line, P->cur.tok.col,
               "'ebb-level' needs the format version: ebb-level 1");
        return true;
    }
    if (ebb_cursor_failed(&P->cur)) {
        return false;
    }
    if (t->kind != EBB_TOK_NUMBER || t->unit_len > 0 || t->frac_digits > 0 || t->negative ||
        t->mantissa != 1) {
        char tb[48];
        EBB_P_ERR_AT(P, EBB_D_BAD_VALUE, t,
               "format version '%s' is not supported; this Ebb reads 'ebb-level 1'",
               ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        return false;
    }
    return ebb_cursor_expect_eol(&P->cur, "the format version");
}

/* ---- repeat blocks ----------------------------------------------------------------------- */

void ebb_p_body_starts(ebb_parser *P, const ebb_token *t)
{
    if (P->first_step_line == 0) {
        P->first_step_line = t->line;
        P->first_step_col = t->col;
        ebb_p_apply_challenge(P); /* every challenge line has been read */
    }
}

static bool parse_repeat(ebb_parser *P)
{
    ebb_token w = P->cur.tok;
    ebb_p_body_starts(P, &w);
    ebb_cursor_next(&P->cur);
    unsigned count = 1;
    /* The block opens even when the count is wrong, so its `end` still matches. */
    bool ok = ebb_tok_count(&P->cur.tok, P->cur.diags, "repeat", 1, EBB_LEVEL_REPEAT_COUNT_MAX,
                            &count);
    if (ok && P->depth == 0) {
        ebb_p_check_challenge_rounds(P, count);
        if (P->ov.reps != 0) {
            count = P->ov.reps; /* a pack (or the challenge) sets the count of outermost blocks */
        }
    }
    /* `step` remembers how many step lines came before, to notice an empty block. */
    ebb_op o = {EBB_OP_OPEN, (uint16_t)count, P->step_lines, EBB_NO_OP, P->open, w.line, w.col};
    if (!ebb_p_push_op(P, o)) {
        return false;
    }
    P->open = P->nops - 1;
    P->depth++;
    if (P->depth == EBB_LEVEL_REPEAT_DEPTH_MAX + 1) {
        EBB_P_ERR_AT(P, EBB_D_NESTING, &w, "repeat blocks nest %u deep here; the limit is %u",
               P->depth, EBB_LEVEL_REPEAT_DEPTH_MAX);
        P->too_deep = true;
    }
    return ok && ebb_cursor_expect_eol(&P->cur, "the repeat count");
}

static bool parse_end(ebb_parser *P)
{
    ebb_token w = P->cur.tok;
    if (P->open == EBB_NO_OP) {
        EBB_P_ERR_AT(P, EBB_D_NESTING, &w, "'end' without a matching 'repeat'");
        P->nesting_ok = false;
        return ebb_cursor_expect_eol(&P->cur, "'end'");
    }
    ebb_op o = {EBB_OP_CLOSE, 0, 0, EBB_NO_OP, EBB_NO_OP, w.line, w.col};
    if (!ebb_p_push_op(P, o)) {
        return false;
    }
    ebb_op *open = &P->ops[P->open];
    open->match = P->nops - 1;
    if (open->step == P->step_lines) {
        ebb_p_report(P, EBB_SEV_WARNING, EBB_D_STYLE, open->line, open->col,
               "'repeat' on line %u has no steps", open->line);
    }
    P->open = open->parent;
    P->depth--;
    return ebb_cursor_expect_eol(&P->cur, "'end'");
}

/* ---- lines ----------------------------------------------------------------------------- */

static void unknown_line_word(ebb_parser *P)
{
    char tb[48];
    const char *best = ebb_lex_suggest(P->cur.tok.text, P->cur.tok.len, line_words, LINE_WORDS_N);
    ebb_tok_text(&P->cur.tok, tb, sizeof tb);
    bool key = P->first_step_line == 0;
    if (best != NULL) {
        key = false;
        for (size_t i = 0; i < EBB_K_COUNT; i++) {
            if (best == line_words[i]) {
                key = true;
                P->key_suggested[i] = true; /* "missing 'title'" after "titel" is noise */
            }
        }
    }
    if (!key) {
        /* Taken for a misspelt step: it starts the steps, and the level is not "empty". */
        ebb_p_body_starts(P, &P->cur.tok);
        P->step_lines++;
    }
    if (best != NULL) {
        EBB_P_ERR_AT(P, key ? EBB_D_UNKNOWN_KEY : EBB_D_UNKNOWN_STEP, &P->cur.tok,
               "unknown %s '%s'; did you mean '%s'?", key ? "key" : "step", tb, best);
    } else if (key) {
        EBB_P_ERR_AT(P, EBB_D_UNKNOWN_KEY, &P->cur.tok,
               "unknown key '%s'; the keys are id, title, kind, character, description, pass "
               "and flags",
               tb);
    } else {
        EBB_P_ERR_AT(P, EBB_D_UNKNOWN_STEP, &P->cur.tok,
               "unknown step '%s'; the steps are rest, release, squeeze (or hold), flick, ramp, "
               "steps, drop, knack (or cough) and breathe in/out/hold",
               tb);
    }
}

/* ---- the whole file ---------------------------------------------------------------------- */

static void parse_line(ebb_parser *P)
{
    bool ok = true;
    if (P->cur.tok.kind != EBB_TOK_WORD) {
        char tb[48];
        EBB_P_ERR_AT(P, EBB_D_SYNTAX, &P->cur.tok,
               "expected a header key or a step at the start of the line, found '%s'",
               ebb_tok_text(&P->cur.tok, tb, sizeof tb));
        ok = false;
    } else if (ebb_tok_is(&P->cur.tok, "ebb-level")) {
        ok = parse_version(P);
    } else if (ebb_tok_is(&P->cur.tok, "repeat")) {
        ok = parse_repeat(P);
    } else if (ebb_tok_is(&P->cur.tok, "end")) {
        ok = parse_end(P);
    } else if (ebb_tok_is(&P->cur.tok, "challenge")) {
        ok = ebb_p_parse_challenge(P);
    } else {
        int key = ebb_cursor_find_word(&P->cur.tok, key_names, EBB_K_COUNT);
        if (key >= 0) {
            ok = parse_header(P, key);
        } else if (ebb_p_is_step_word(&P->cur.tok)) {
            ok = ebb_p_parse_step(P);
        } else {
            unknown_line_word(P);
            ok = false;
        }
    }
    P->version_allowed = false;
    if (!ok && !ebb_cursor_at_eol(&P->cur)) {
        ebb_cursor_skip_line(&P->cur);
        ebb_cursor_next(&P->cur);
    }
}

static void check_required(ebb_parser *P)
{
    static const int required[] = {EBB_K_ID, EBB_K_TITLE, EBB_K_KIND};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        int k = required[i];
        if (P->key_line[k] == 0 && !P->key_suggested[k]) {
            ebb_p_report(P, EBB_SEV_ERROR, EBB_D_MISSING, P->first_step_line,
                   P->first_step_line ? P->first_step_col : 0,
                   "missing required header key '%s'; add it before the first step, e.g. %s",
                   key_names[k], key_examples[k]);
        }
    }
}

static void close_unmatched(ebb_parser *P)
{
    if (P->open == EBB_NO_OP) {
        return;
    }
    /* In source order, outermost first, like every other message. */
    for (size_t i = 0; i < P->nops; i++) {
        const ebb_op *o = &P->ops[i];
        if (o->kind == EBB_OP_OPEN && o->match == EBB_NO_OP) {
            ebb_p_report(P, EBB_SEV_ERROR, EBB_D_NESTING, o->line, o->col,
                   "'repeat' on line %u has no matching 'end'", o->line);
        }
    }
    P->open = EBB_NO_OP;
    P->nesting_ok = false;
}

static void parse_lines(ebb_parser *P)
{
    for (;;) {
        ebb_cursor_next(&P->cur);
        if (P->cur.tok.kind == EBB_TOK_EOF || P->oom) {
            break;
        }
        if (P->cur.tok.kind == EBB_TOK_EOL) {
            continue;
        }
        if (P->cur.tok.kind == EBB_TOK_ERROR) {
            /* An unreadable line may have been a step: do not also say there are none. */
            P->step_lines++;
            P->version_allowed = false;
            ebb_cursor_skip_line(&P->cur);
            ebb_cursor_next(&P->cur);
            continue;
        }
        parse_line(P);
    }
}

/* A flag tells the person before they start; a level that holds the breath without it would
 * surprise someone who gets light-headed. Only on an otherwise clean file: after errors it
 * would be noise. */
static void check_flags(ebb_parser *P)
{
    if (P->first_hold_line != 0 && !(P->lv.flags & EBB_LEVEL_FLAG_BREATH_HOLDS) &&
        P->cur.diags->errors == P->errors_before) {
        ebb_p_report(P, EBB_SEV_WARNING, EBB_D_STYLE, P->first_hold_line, P->first_hold_col,
                     "the level holds the breath; add 'flags breath-holds' so the person is "
                     "told before starting");
    }
}

bool ebb_level_parse(const char *text, size_t len, const char *name, ebb_level *out,
                     ebb_diags *diags)
{
    return ebb_level_parse_ex(text, len, name, NULL, out, diags);
}

bool ebb_level_parse_ex(const char *text, size_t len, const char *name,
                        const ebb_level_parse_opts *opts, ebb_level *out, ebb_diags *diags)
{
    return ebb_p_parse_level(text, len, name, opts, out, diags, true);
}

bool ebb_p_parse_level(const char *text, size_t len, const char *name,
                       const ebb_level_parse_opts *opts, ebb_level *out, ebb_diags *diags,
                       bool others)
{
    memset(out, 0, sizeof *out);
    if (name != NULL && name[0] != '\0') {
        snprintf(diags->file, sizeof diags->file, "%s", name);
    }
    size_t errors_before = diags->errors;
    unsigned first_line = 1u + (opts ? opts->line_offset : 0u);
    if (text == NULL && len > 0) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "no text to read");
        return false;
    }
    if ((opts && !ebb_p_check_overrides(&opts->overrides, diags)) ||
        !ebb_lex_check_text_at(text ? text : "", len, first_line, diags)) {
        return false;
    }
    ebb_parser *P = calloc(1, sizeof *P);
    if (P == NULL) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
        return false;
    }
    ebb_cursor_init(&P->cur, text ? text : "", len, first_line, diags);
    if (opts) {
        P->ov = opts->overrides;
        P->want_challenge = opts->challenge;
    }
    P->lv.pass_stars = 2;
    P->lv.challenge_count = 1;
    P->lv.challenge = 1;
    P->version_allowed = true;
    P->open = EBB_NO_OP;
    P->nesting_ok = true;
    P->errors_before = errors_before;

    parse_lines(P);
    if (!P->oom) {
        close_unmatched(P);
        check_required(P);
        check_flags(P);
        ebb_p_check_challenge_targets(P);
        ebb_p_finish_steps(P);
    }
    bool ok = diags->errors == errors_before;
    if (ok) {
        *out = P->lv;
        P->lv.steps = NULL;
    }
    free(P->lv.steps);
    free(P->steps);
    free(P->ops);
    free(P);
    /* Every challenge must fit the limits, not only the one played now: a person who steps
     * up must never meet a level the checker let through unbuilt. */
    if (ok && others && out->challenge_count > 1 &&
        !ebb_p_check_other_challenges(text, len, name, opts, out, diags)) {
        ebb_level_free(out);
        memset(out, 0, sizeof *out);
        ok = false;
    }
    return ok;
}
