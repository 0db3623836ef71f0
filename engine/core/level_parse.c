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

#include "frame.h"
#include "level.h"
#include "level_lex.h"

#define NO_OP ((size_t)-1)

typedef enum op_kind { OP_STEP, OP_OPEN, OP_CLOSE } op_kind;

/* One line that matters to the shape of the level, in source order. */
typedef struct op {
    op_kind kind;
    uint16_t count; /* OP_OPEN: the repeat count */
    size_t step;    /* OP_STEP: index into the step templates; OP_OPEN: step lines before */
    size_t match;   /* OP_OPEN: index of its OP_CLOSE */
    size_t parent;  /* OP_OPEN: the enclosing OP_OPEN, or NO_OP */
    unsigned line, col;
} op;

enum { K_ID, K_TITLE, K_KIND, K_CHARACTER, K_DESCRIPTION, K_PASS, K_FLAGS, K_COUNT };
static const char *const key_names[K_COUNT] = {
    "id", "title", "kind", "character", "description", "pass", "flags"};
static const char *const key_examples[K_COUNT] = {
    "id breathing/box", "title \"Box breathing\"", "kind breathing", "character balloon",
    "description \"Slow breaths with a long out-breath.\"", "pass 2", "flags breath-holds"};

/* Every word a line may start with, header keys first (suggestions rely on the order). */
static const char *const line_words[] = {
    "id", "title", "kind", "character", "description", "pass", "flags",
    "rest", "release", "squeeze", "hold", "flick", "ramp", "breathe",
    "repeat", "end", "ebb-level"};
#define LINE_WORDS_N (sizeof line_words / sizeof line_words[0])

static const char *const level_kinds[EBB_LEVEL_KIND_COUNT] = {
    "breathing", "lengthening", "strengthening", "assessment"};

enum { F_BAND, F_BELOW, F_ABOVE, F_FROM, F_TO, F_WIDTH, F_CAPTION, F_CUE, F_GRACE, F_COUNT };
static const char *const field_names[F_COUNT] = {
    "band", "below", "above", "from", "to", "width", "caption", "cue", "grace"};

static const char *const cue_names[EBB_CUE_COUNT] = {
    "none", "breathe-in", "breathe-out", "hold", "squeeze", "let-go", "flick"};

typedef struct parser {
    ebb_lex lx;
    ebb_token tok;        /* the current token */
    ebb_diags *diags;
    ebb_level lv;         /* header fields; steps are attached only at the end */
    unsigned key_line[K_COUNT];
    bool version_allowed; /* nothing but blank and comment lines so far */
    unsigned first_step_line, first_step_col;
    ebb_step *steps;      /* one template per step line, before repeats are expanded */
    size_t nsteps, capsteps;
    op *ops;
    size_t nops, capops;
    size_t open;          /* the innermost open repeat, or NO_OP */
    unsigned depth;
    bool nesting_ok;      /* every repeat has its end: the ops form a tree */
    bool have_breathe;    /* a breathe step came before: its end band is in breathe_lo/hi */
    float breathe_lo, breathe_hi;
    bool too_deep;        /* some repeat nests past the limit */
    size_t step_lines;    /* step lines read, with or without errors */
    size_t errors_before; /* errors in diags before this file */
    bool oom;
} parser;

static void report(parser *P, ebb_severity sev, ebb_diag_code code, unsigned line,
                   unsigned col, const char *fmt, ...) EBB_PRINTF(6, 7);

static void report(parser *P, ebb_severity sev, ebb_diag_code code, unsigned line,
                   unsigned col, const char *fmt, ...)
{
    char msg[EBB_DIAG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ebb_diags_add(P->diags, sev, code, line, col, "%s", msg);
}

#define ERR_AT(P, code, tokp, ...) \
    report((P), EBB_SEV_ERROR, (code), (tokp)->line, (tokp)->col, __VA_ARGS__)

static void next(parser *P)
{
    /* A missing value is reported just after the token before it, as compilers do. */
    unsigned after = P->lx.col;
    ebb_lex_next(&P->lx, &P->tok);
    if (P->tok.kind == EBB_TOK_EOL || P->tok.kind == EBB_TOK_EOF) {
        P->tok.col = after;
    }
}

/* The lexer has already reported this token: say nothing more about the line. */
static bool lex_failed(const parser *P)
{
    return P->tok.kind == EBB_TOK_ERROR;
}

static bool at_eol(const parser *P)
{
    return P->tok.kind == EBB_TOK_EOL || P->tok.kind == EBB_TOK_EOF;
}

static const char *tok_text(const parser *P, char *buf, size_t size)
{
    return ebb_tok_text(&P->tok, buf, size);
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

static void out_of_memory(parser *P)
{
    if (!P->oom) {
        P->oom = true;
        report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
    }
}

/* Returns arr grown to hold at least need items of size each (it may have moved), or NULL
 * with an error reported; arr is still valid and owned by the caller then. */
static void *grow(parser *P, void *arr, size_t *cap, size_t need, size_t size)
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

static bool push_op(parser *P, op o)
{
    op *ops = grow(P, P->ops, &P->capops, P->nops + 1, sizeof *ops);
    if (ops == NULL) {
        return false;
    }
    P->ops = ops;
    P->ops[P->nops++] = o;
    return true;
}

/* After the last value of a line: anything more is a mistake. */
static bool expect_eol(parser *P, const char *after)
{
    next(P);
    if (at_eol(P)) {
        return true;
    }
    if (lex_failed(P)) {
        return false;
    }
    char tb[48];
    ERR_AT(P, EBB_D_SYNTAX, &P->tok, "unexpected '%s' after %s", tok_text(P, tb, sizeof tb),
           after);
    return false;
}

/* ---- values ------------------------------------------------------------------------------ */

static bool take_string(parser *P, const char *what, const char *example, char *dst,
                        size_t size)
{
    if (P->tok.kind != EBB_TOK_STRING) {
        if (lex_failed(P)) {
            return false;
        }
        ERR_AT(P, EBB_D_BAD_VALUE, &P->tok, "'%s' must be a quoted string, e.g. %s", what,
               example);
        return false;
    }
    snprintf(dst, size, "%s", P->tok.str);
    return true;
}

/* Reports an unknown word with the closest known one, or with the list of known ones. */
static void unknown_word(parser *P, ebb_diag_code code, const char *what,
                         const char *const *names, size_t n, const char *known)
{
    char tb[48];
    if (lex_failed(P)) {
        return;
    }
    const char *best = ebb_lex_suggest(P->tok.text, P->tok.len, names, n);
    tok_text(P, tb, sizeof tb);
    if (best != NULL) {
        ERR_AT(P, code, &P->tok, "unknown %s '%s'; did you mean '%s'?", what, tb, best);
    } else {
        ERR_AT(P, code, &P->tok, "unknown %s '%s'; %s", what, tb, known);
    }
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

static bool header_flags(parser *P)
{
    static const char *const flag_names[] = {"breath-holds"};
    for (;;) {
        if (lex_failed(P)) {
            return false;
        }
        if (P->tok.kind != EBB_TOK_WORD) {
            char tb[48];
            ERR_AT(P, EBB_D_BAD_VALUE, &P->tok, "expected a flag name, found '%s'",
                   tok_text(P, tb, sizeof tb));
            return false;
        }
        if (!ebb_tok_is(&P->tok, "breath-holds")) {
            unknown_word(P, EBB_D_BAD_VALUE, "flag", flag_names, 1,
                         "the only flag is breath-holds");
            return false;
        }
        P->lv.flags |= EBB_LEVEL_FLAG_BREATH_HOLDS;
        next(P);
        if (at_eol(P)) {
            return true;
        }
        if (P->tok.kind != EBB_TOK_COMMA) {
            if (lex_failed(P)) {
                return false;
            }
            char tb[48];
            ERR_AT(P, EBB_D_SYNTAX, &P->tok, "expected ',' between flags, found '%s'",
                   tok_text(P, tb, sizeof tb));
            return false;
        }
        next(P);
    }
}

static bool header_value(parser *P, int key)
{
    char tb[48];
    const ebb_token *t = &P->tok;
    unsigned n = 0;
    if (lex_failed(P)) {
        return false;
    }
    switch (key) {
    case K_ID:
        if (!valid_id(t)) {
            ERR_AT(P, EBB_D_BAD_VALUE, t,
                   "id '%s' is not valid: use lower-case letters, digits and '-' with one '/', "
                   "at most %u characters (e.g. breathing/box)",
                   tok_text(P, tb, sizeof tb), EBB_LEVEL_ID_MAX);
            return false;
        }
        memcpy(P->lv.id, t->text, t->len);
        P->lv.id[t->len] = '\0';
        return expect_eol(P, "the id");
    case K_TITLE:
        return take_string(P, "title", key_examples[K_TITLE], P->lv.title, sizeof P->lv.title) &&
               expect_eol(P, "the title");
    case K_DESCRIPTION:
        return take_string(P, "description", key_examples[K_DESCRIPTION], P->lv.description,
                           sizeof P->lv.description) &&
               expect_eol(P, "the description");
    case K_KIND: {
        int k = find_word(t, level_kinds, EBB_LEVEL_KIND_COUNT);
        if (k < 0) {
            unknown_word(P, EBB_D_BAD_VALUE, "kind", level_kinds, EBB_LEVEL_KIND_COUNT,
                         "use breathing, lengthening, strengthening or assessment");
            return false;
        }
        P->lv.kind = (ebb_level_kind)k;
        return expect_eol(P, "the kind");
    }
    case K_CHARACTER:
        if (t->kind != EBB_TOK_WORD || t->len >= sizeof P->lv.character) {
            ERR_AT(P, EBB_D_BAD_VALUE, t,
                   "character '%s' must be one word of at most %zu characters",
                   tok_text(P, tb, sizeof tb), sizeof P->lv.character - 1);
            return false;
        }
        memcpy(P->lv.character, t->text, t->len);
        P->lv.character[t->len] = '\0';
        return expect_eol(P, "the character");
    case K_PASS:
        if (!ebb_tok_count(&P->tok, P->diags, "pass", 0, 3, &n)) {
            return false;
        }
        P->lv.pass_stars = (int)n;
        return expect_eol(P, "the pass value");
    default:
        return header_flags(P);
    }
}

static bool parse_header(parser *P, int key)
{
    ebb_token k = P->tok;
    if (P->first_step_line != 0) {
        ERR_AT(P, EBB_D_ORDER, &k, "header key '%s' must come before the first step (line %u)",
               key_names[key], P->first_step_line);
    }
    if (P->key_line[key] != 0) {
        ERR_AT(P, EBB_D_DUPLICATE, &k, "duplicate key '%s': it is already given on line %u",
               key_names[key], P->key_line[key]);
    } else {
        P->key_line[key] = k.line;
    }
    next(P);
    if (at_eol(P)) {
        report(P, EBB_SEV_ERROR, EBB_D_MISSING, k.line, P->tok.col,
               "'%s' needs a value, e.g. %s", key_names[key], key_examples[key]);
        return true;
    }
    return header_value(P, key);
}

static bool parse_version(parser *P)
{
    ebb_token w = P->tok;
    if (!P->version_allowed) {
        ERR_AT(P, EBB_D_ORDER, &w, "'ebb-level 1' must be the first line of the file");
    }
    next(P);
    const ebb_token *t = &P->tok;
    if (at_eol(P)) {
        report(P, EBB_SEV_ERROR, EBB_D_MISSING, w.line, P->tok.col,
               "'ebb-level' needs the format version: ebb-level 1");
        return true;
    }
    if (lex_failed(P)) {
        return false;
    }
    if (t->kind != EBB_TOK_NUMBER || t->unit_len > 0 || t->frac_digits > 0 || t->negative ||
        t->mantissa != 1) {
        char tb[48];
        ERR_AT(P, EBB_D_BAD_VALUE, t,
               "format version '%s' is not supported; this Ebb reads 'ebb-level 1'",
               tok_text(P, tb, sizeof tb));
        return false;
    }
    return expect_eol(P, "the format version");
}

/* ---- repeat blocks ----------------------------------------------------------------------- */

static void body_starts(parser *P, const ebb_token *t)
{
    if (P->first_step_line == 0) {
        P->first_step_line = t->line;
        P->first_step_col = t->col;
    }
}

static bool parse_repeat(parser *P)
{
    ebb_token w = P->tok;
    body_starts(P, &w);
    next(P);
    unsigned count = 1;
    /* The block opens even when the count is wrong, so its `end` still matches. */
    bool ok = ebb_tok_count(&P->tok, P->diags, "repeat", 1, EBB_LEVEL_REPEAT_COUNT_MAX, &count);
    /* `step` remembers how many step lines came before, to notice an empty block. */
    op o = {OP_OPEN, (uint16_t)count, P->step_lines, NO_OP, P->open, w.line, w.col};
    if (!push_op(P, o)) {
        return false;
    }
    P->open = P->nops - 1;
    P->depth++;
    if (P->depth == EBB_LEVEL_REPEAT_DEPTH_MAX + 1) {
        ERR_AT(P, EBB_D_NESTING, &w, "repeat blocks nest %u deep here; the limit is %u",
               P->depth, EBB_LEVEL_REPEAT_DEPTH_MAX);
        P->too_deep = true;
    }
    return ok && expect_eol(P, "the repeat count");
}

static bool parse_end(parser *P)
{
    ebb_token w = P->tok;
    if (P->open == NO_OP) {
        ERR_AT(P, EBB_D_NESTING, &w, "'end' without a matching 'repeat'");
        P->nesting_ok = false;
        return expect_eol(P, "'end'");
    }
    op o = {OP_CLOSE, 0, 0, NO_OP, NO_OP, w.line, w.col};
    if (!push_op(P, o)) {
        return false;
    }
    op *open = &P->ops[P->open];
    open->match = P->nops - 1;
    if (open->step == P->step_lines) {
        report(P, EBB_SEV_WARNING, EBB_D_STYLE, open->line, open->col,
               "'repeat' on line %u has no steps", open->line);
    }
    P->open = open->parent;
    P->depth--;
    return expect_eol(P, "'end'");
}

/* ---- steps ------------------------------------------------------------------------------- */

static int step_word(const ebb_token *t)
{
    static const char *const words[] = {"rest", "release", "squeeze", "hold",
                                        "flick", "ramp", "breathe"};
    static const ebb_step_kind kinds[] = {EBB_STEP_REST, EBB_STEP_RELEASE, EBB_STEP_SQUEEZE,
                                          EBB_STEP_SQUEEZE, EBB_STEP_FLICK, EBB_STEP_RAMP,
                                          EBB_STEP_BREATHE_IN};
    int i = find_word(t, words, sizeof words / sizeof words[0]);
    return i < 0 ? -1 : (int)kinds[i];
}

static void unknown_line_word(parser *P)
{
    char tb[48];
    const char *best = ebb_lex_suggest(P->tok.text, P->tok.len, line_words, LINE_WORDS_N);
    tok_text(P, tb, sizeof tb);
    bool key = P->first_step_line == 0;
    if (best != NULL) {
        key = false;
        for (size_t i = 0; i < K_COUNT; i++) {
            key = key || best == line_words[i];
        }
    }
    if (!key) {
        /* Taken for a misspelt step: it starts the steps, and the level is not "empty". */
        body_starts(P, &P->tok);
        P->step_lines++;
    }
    if (best != NULL) {
        ERR_AT(P, key ? EBB_D_UNKNOWN_KEY : EBB_D_UNKNOWN_STEP, &P->tok,
               "unknown %s '%s'; did you mean '%s'?", key ? "key" : "step", tb, best);
    } else if (key) {
        ERR_AT(P, EBB_D_UNKNOWN_KEY, &P->tok,
               "unknown key '%s'; the keys are id, title, kind, character, description, pass "
               "and flags",
               tb);
    } else {
        ERR_AT(P, EBB_D_UNKNOWN_STEP, &P->tok,
               "unknown step '%s'; the steps are rest, release, squeeze (or hold), flick, ramp "
               "and breathe in/out/hold",
               tb);
    }
}

/* What one step line said, before defaults are filled in. */
typedef struct step_fields {
    unsigned col[F_COUNT]; /* column where each field was given; 0 when not given */
    int target;            /* F_BAND, F_BELOW or F_ABOVE: the one that set lo/hi; -1 if none */
    float lo, hi;
    float from, to, width;
    uint32_t grace_ms;
} step_fields;

static bool percent(parser *P, const char *what, double min, float *out)
{
    return ebb_tok_percent(&P->tok, P->diags, what, min, 100.0, out);
}

static bool parse_band(parser *P, step_fields *f)
{
    const ebb_token *t = &P->tok;
    const char *start = t->text;
    unsigned line = t->line, col = t->col;
    if (lex_failed(P)) {
        return false;
    }
    if (t->kind != EBB_TOK_NUMBER) {
        report(P, EBB_SEV_ERROR, at_eol(P) ? EBB_D_MISSING : EBB_D_BAD_VALUE, t->line, t->col,
               "'band' needs two ends, LO%%..HI%%, e.g. band 25%%..45%%");
        return false;
    }
    if (!percent(P, "band", 0.0, &f->lo)) {
        return false;
    }
    next(P);
    if (lex_failed(P)) {
        return false;
    }
    if (t->kind != EBB_TOK_RANGE) {
        ERR_AT(P, EBB_D_BAD_VALUE, t, "'band' needs two ends, LO%%..HI%%, e.g. band 25%%..45%%");
        return false;
    }
    next(P);
    if (!percent(P, "band", 0.0, &f->hi)) {
        return false;
    }
    if (f->lo >= f->hi) {
        int n = (int)(t->text + t->len - start);
        report(P, EBB_SEV_ERROR, EBB_D_RANGE, line, col,
               "band %.*s: the low end must be below the high end", n, start);
    }
    return true;
}

static bool parse_cue(parser *P, ebb_step *st)
{
    char tb[48];
    int c = find_word(&P->tok, cue_names, EBB_CUE_COUNT);
    if (c >= 0) {
        st->cue = (ebb_cue)c;
        return true;
    }
    if (lex_failed(P)) {
        return false;
    }
    if (at_eol(P)) {
        ERR_AT(P, EBB_D_MISSING, &P->tok, "'cue' needs a value, e.g. cue let-go");
    } else if (P->tok.kind != EBB_TOK_WORD) {
        ERR_AT(P, EBB_D_BAD_VALUE, &P->tok, "'cue' needs a cue name such as let-go, not '%s'",
               tok_text(P, tb, sizeof tb));
    } else {
        unknown_word(P, EBB_D_BAD_VALUE, "cue", cue_names, EBB_CUE_COUNT,
                     "use breathe-in, breathe-out, hold, squeeze, let-go, flick or none");
    }
    return false;
}

/* One FIELD VALUE pair; the current token is the field name. */
static bool parse_field(parser *P, step_fields *f, ebb_step *st)
{
    char tb[48];
    const ebb_token *t = &P->tok;
    if (lex_failed(P)) {
        return false;
    }
    if (t->kind != EBB_TOK_WORD) {
        ERR_AT(P, EBB_D_SYNTAX, t,
               "expected a field (band, below, above, from, to, width, caption, cue, grace), "
               "found '%s'",
               tok_text(P, tb, sizeof tb));
        return false;
    }
    int fi = find_word(t, field_names, F_COUNT);
    if (fi < 0) {
        unknown_word(P, EBB_D_UNKNOWN_KEY, "field", field_names, F_COUNT,
                     "the fields are band, below, above, from, to, width, caption, cue and "
                     "grace");
        return false;
    }
    bool is_target = fi == F_BAND || fi == F_BELOW || fi == F_ABOVE;
    if (f->col[fi] != 0) {
        ERR_AT(P, EBB_D_DUPLICATE, t, "duplicate field '%s' in this step", field_names[fi]);
    } else if (is_target && f->target >= 0) {
        ERR_AT(P, EBB_D_DUPLICATE, t, "'%s' and '%s' both set the target; give only one",
               field_names[f->target], field_names[fi]);
    }
    f->col[fi] = t->col;
    if (is_target) {
        f->target = fi;
    }
    next(P);
    switch (fi) {
    case F_BAND:
        return parse_band(P, f);
    case F_BELOW:
        f->lo = 0.0f;
        return percent(P, "below", 0.0, &f->hi);
    case F_ABOVE:
        f->hi = 1.0f;
        return percent(P, "above", 0.0, &f->lo);
    case F_FROM:
        return percent(P, "from", 0.0, &f->from);
    case F_TO:
        return percent(P, "to", 0.0, &f->to);
    case F_WIDTH:
        return percent(P, "width", 1.0, &f->width);
    case F_CAPTION:
        return take_string(P, "caption", "caption \"Let go\"", st->caption, sizeof st->caption);
    case F_CUE:
        return parse_cue(P, st);
    default:
        return ebb_tok_duration(t, P->diags, "grace", 0, EBB_LEVEL_STEP_MS_MAX, &f->grace_ms);
    }
}

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

/* Sets the band of a ramp from its centre line and width (clamped to 0..100%). */
static void ramp_band(parser *P, const ebb_token *w, const step_fields *f, ebb_step *st)
{
    if (f->target >= 0) {
        report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, f->col[f->target],
               "a ramp's band comes from 'from', 'to' and 'width', not '%s'",
               field_names[f->target]);
    }
    if (f->col[F_FROM] == 0 || f->col[F_TO] == 0) {
        ERR_AT(P, EBB_D_MISSING, w, "'ramp' needs 'from' and 'to', e.g. ramp 10s from 20%% to 60%%");
    }
    float half = f->width / 2.0f;
    st->lo0 = clamp01(f->from - half);
    st->hi0 = clamp01(f->from + half);
    st->lo1 = clamp01(f->to - half);
    st->hi1 = clamp01(f->to + half);
}

/* The band of every other kind: the one given, or the kind's default. */
static void fixed_band(parser *P, const ebb_token *w, const char *label, const step_fields *f,
                       ebb_step *st, bool had_breathe)
{
    static const float def_lo[EBB_STEP_KIND_COUNT] = {0.0f, 0.0f, 0.0f, 0.6f,
                                                      0.0f, 0.4f, 0.0f, 0.0f};
    static const float def_hi[EBB_STEP_KIND_COUNT] = {0.2f, 0.2f, 1.0f, 1.0f,
                                                      1.0f, 1.0f, 0.3f, 1.0f};
    static const int ramp_only[] = {F_FROM, F_TO, F_WIDTH};
    for (size_t i = 0; i < 3; i++) {
        if (f->col[ramp_only[i]] != 0) {
            report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, f->col[ramp_only[i]],
                   "'%s' only applies to ramp steps", field_names[ramp_only[i]]);
        }
    }
    st->lo0 = def_lo[st->kind];
    st->hi0 = def_hi[st->kind];
    if (f->target >= 0) {
        st->lo0 = f->lo;
        st->hi0 = f->hi;
        if (st->kind == EBB_STEP_SQUEEZE && f->target == F_BELOW) {
            report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, f->col[F_BELOW],
                   "a squeeze needs 'band' or 'above', not 'below'");
        } else if (st->kind == EBB_STEP_FLICK && f->target != F_ABOVE) {
            report(P, EBB_SEV_ERROR, EBB_D_BAD_VALUE, w->line, f->col[f->target],
                   "a flick takes 'above P%%' (its threshold), not '%s'",
                   field_names[f->target]);
        }
    } else if (st->kind == EBB_STEP_SQUEEZE) {
        ERR_AT(P, EBB_D_MISSING, w, "'%s' needs a target: band LO%%..HI%% or above P%%", label);
    } else if (st->kind == EBB_STEP_BREATHE_HOLD) {
        if (had_breathe) {
            st->lo0 = P->breathe_lo;
            st->hi0 = P->breathe_hi;
        } else {
            ERR_AT(P, EBB_D_MISSING, w,
                   "'breathe hold' has no breathe step before it to take its band from; give "
                   "it band, below or above");
        }
    }
    st->lo1 = st->lo0;
    st->hi1 = st->hi0;
}

/* Fills what the line did not give: band, grace, cue, caption, scoring. */
static void complete_step(parser *P, const ebb_token *w, const char *label,
                          const step_fields *f, ebb_step *st, bool had_breathe)
{
    static const uint32_t flags[EBB_STEP_KIND_COUNT] = {
        EBB_SCORE_IN_BAND | EBB_SCORE_STEADY, EBB_SCORE_RELEASE | EBB_SCORE_IN_BAND,
        EBB_SCORE_IN_BAND, EBB_SCORE_PEAK, EBB_SCORE_IN_BAND, EBB_SCORE_IN_BAND,
        EBB_SCORE_IN_BAND, EBB_SCORE_IN_BAND};
    if (st->kind == EBB_STEP_RAMP) {
        ramp_band(P, w, f, st);
    } else {
        fixed_band(P, w, label, f, st, had_breathe);
    }
    /* Grace never eats more than a third of a step: the rest must be scored. */
    uint32_t third = st->duration_ms / 3u / EBB_TICK_MS * EBB_TICK_MS;
    if (f->col[F_GRACE] != 0) {
        st->grace_ms = f->grace_ms;
        if (st->grace_ms > third) {
            char a[24], b[24];
            report(P, EBB_SEV_WARNING, EBB_D_RANGE, w->line, f->col[F_GRACE],
                   "grace %s is more than a third of the step; using %s",
                   ebb_lex_fmt_ms(st->grace_ms, a, sizeof a), ebb_lex_fmt_ms(third, b, sizeof b));
            st->grace_ms = third;
        }
    } else if (st->kind != EBB_STEP_RAMP) {
        st->grace_ms = third < EBB_LEVEL_GRACE_MS_DEFAULT ? third : EBB_LEVEL_GRACE_MS_DEFAULT;
    }
    if (f->col[F_CUE] == 0) {
        st->cue = ebb_step_default_cue(st->kind);
    }
    if (f->col[F_CAPTION] == 0) {
        snprintf(st->caption, sizeof st->caption, "%s", ebb_step_default_caption(st->kind));
    }
    st->score_flags = flags[st->kind];
}

static bool append_step(parser *P, const ebb_token *w, const ebb_step *st)
{
    ebb_step *s = grow(P, P->steps, &P->capsteps, P->nsteps + 1, sizeof *s);
    if (s == NULL) {
        return false;
    }
    P->steps = s;
    P->steps[P->nsteps] = *st;
    op o = {OP_STEP, 0, P->nsteps, NO_OP, NO_OP, w->line, w->col};
    P->nsteps++;
    return push_op(P, o);
}

/* `breathe` must be followed by its phase; the step kind and label follow from it. */
static bool breathe_phase(parser *P, ebb_step *st, char *label, size_t size)
{
    static const char *const phases[] = {"in", "out", "hold"};
    next(P);
    int ph = find_word(&P->tok, phases, 3);
    if (ph >= 0) {
        st->kind = (ebb_step_kind)((int)EBB_STEP_BREATHE_IN + ph);
        snprintf(label, size, "breathe %s", phases[ph]);
        return true;
    }
    if (P->tok.kind == EBB_TOK_WORD || lex_failed(P)) {
        unknown_word(P, EBB_D_UNKNOWN_STEP, "breathe phase", phases, 3, "use in, out or hold");
    } else {
        ERR_AT(P, at_eol(P) ? EBB_D_MISSING : EBB_D_SYNTAX, &P->tok,
               "'breathe' needs a phase: in, out or hold");
    }
    return false;
}

static bool parse_step(parser *P, ebb_step_kind kind)
{
    ebb_token w = P->tok;
    size_t errors = P->diags->errors;
    char label[16];
    bool had_breathe = P->have_breathe;
    ebb_step st;
    memset(&st, 0, sizeof st);
    st.kind = kind;
    st.line = w.line;
    snprintf(label, sizeof label, "%.*s", (int)w.len, w.text);
    body_starts(P, &w);
    P->step_lines++;
    if (kind == EBB_STEP_BREATHE_IN) {
        /* Even a broken breathe line counts as one, so a 'breathe hold' after it is not
         * also blamed for having nothing to follow. */
        P->have_breathe = true;
        if (!breathe_phase(P, &st, label, sizeof label)) {
            return false;
        }
    }
    next(P);
    if (!ebb_tok_duration(&P->tok, P->diags, label, EBB_LEVEL_STEP_MS_MIN,
                          EBB_LEVEL_STEP_MS_MAX, &st.duration_ms)) {
        return false;
    }
    step_fields f;
    memset(&f, 0, sizeof f);
    f.target = -1;
    f.width = 0.2f;
    for (next(P); !at_eol(P); next(P)) {
        if (!parse_field(P, &f, &st)) {
            return false;
        }
    }
    complete_step(P, &w, label, &f, &st, had_breathe);
    if (P->diags->errors != errors) {
        return true; /* reported; the line was read to its end */
    }
    if (st.kind >= EBB_STEP_BREATHE_IN) {
        P->breathe_lo = st.lo1;
        P->breathe_hi = st.hi1;
    }
    return append_step(P, &w, &st);
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
static void measure(const parser *P, size_t from, size_t to, uint64_t *steps, uint64_t *ms)
{
    for (size_t i = from; i < to; i++) {
        const op *o = &P->ops[i];
        if (o->kind == OP_STEP) {
            *steps = sat_add(*steps, 1);
            *ms = sat_add(*ms, P->steps[o->step].duration_ms);
        } else if (o->kind == OP_OPEN) {
            uint64_t s = 0, m = 0;
            measure(P, i + 1, o->match, &s, &m);
            *steps = sat_add(*steps, sat_mul(s, o->count));
            *ms = sat_add(*ms, sat_mul(m, o->count));
            i = o->match;
        }
    }
}

static void expand(parser *P, size_t from, size_t to, uint16_t rep, uint16_t reps,
                   uint32_t *t)
{
    for (size_t i = from; i < to; i++) {
        const op *o = &P->ops[i];
        if (o->kind == OP_STEP) {
            ebb_step *s = &P->lv.steps[P->lv.step_count++];
            *s = P->steps[o->step];
            s->start_ms = *t;
            s->rep = rep;
            s->reps = reps;
            *t += s->duration_ms;
        } else if (o->kind == OP_OPEN) {
            for (uint16_t k = 1; k <= o->count; k++) {
                expand(P, i + 1, o->match, k, o->count, t);
            }
            i = o->match;
        }
    }
}

static void finish_steps(parser *P)
{
    if (P->step_lines == 0) {
        report(P, EBB_SEV_ERROR, EBB_D_EMPTY, 0, 0,
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
        report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0,
               "the level has %llu steps after expanding repeats; the limit is %u",
               (unsigned long long)steps, EBB_LEVEL_STEPS_MAX);
    }
    if (ms > EBB_LEVEL_TOTAL_MS_MAX) {
        report(P, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0,
               "the level lasts %llu s after expanding repeats; the limit is %u min",
               (unsigned long long)(ms / 1000u + (ms % 1000u != 0)),
               EBB_LEVEL_TOTAL_MS_MAX / 60000u);
    }
    if (P->diags->errors != P->errors_before) {
        return;
    }
    P->lv.steps = malloc((size_t)steps * sizeof *P->lv.steps);
    if (P->lv.steps == NULL) {
        out_of_memory(P);
        return;
    }
    uint32_t t = 0;
    expand(P, 0, P->nops, 0, 0, &t);
    P->lv.total_ms = t;
}

/* ---- the whole file ---------------------------------------------------------------------- */

static void parse_line(parser *P)
{
    bool ok = true;
    if (P->tok.kind != EBB_TOK_WORD) {
        char tb[48];
        ERR_AT(P, EBB_D_SYNTAX, &P->tok,
               "expected a header key or a step at the start of the line, found '%s'",
               tok_text(P, tb, sizeof tb));
        ok = false;
    } else if (ebb_tok_is(&P->tok, "ebb-level")) {
        ok = parse_version(P);
    } else if (ebb_tok_is(&P->tok, "repeat")) {
        ok = parse_repeat(P);
    } else if (ebb_tok_is(&P->tok, "end")) {
        ok = parse_end(P);
    } else {
        int key = find_word(&P->tok, key_names, K_COUNT);
        int kind = step_word(&P->tok);
        if (key >= 0) {
            ok = parse_header(P, key);
        } else if (kind >= 0) {
            ok = parse_step(P, (ebb_step_kind)kind);
        } else {
            unknown_line_word(P);
            ok = false;
        }
    }
    P->version_allowed = false;
    if (!ok && !at_eol(P)) {
        ebb_lex_skip_line(&P->lx);
        next(P);
    }
}

static void check_required(parser *P)
{
    static const int required[] = {K_ID, K_TITLE, K_KIND};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        int k = required[i];
        if (P->key_line[k] == 0) {
            report(P, EBB_SEV_ERROR, EBB_D_MISSING, P->first_step_line,
                   P->first_step_line ? P->first_step_col : 0,
                   "missing required header key '%s'; add it before the first step, e.g. %s",
                   key_names[k], key_examples[k]);
        }
    }
}

static void close_unmatched(parser *P)
{
    if (P->open == NO_OP) {
        return;
    }
    /* In source order, outermost first, like every other message. */
    for (size_t i = 0; i < P->nops; i++) {
        const op *o = &P->ops[i];
        if (o->kind == OP_OPEN && o->match == NO_OP) {
            report(P, EBB_SEV_ERROR, EBB_D_NESTING, o->line, o->col,
                   "'repeat' on line %u has no matching 'end'", o->line);
        }
    }
    P->open = NO_OP;
    P->nesting_ok = false;
}

static void parse_lines(parser *P)
{
    for (;;) {
        next(P);
        if (P->tok.kind == EBB_TOK_EOF || P->oom) {
            break;
        }
        if (P->tok.kind == EBB_TOK_EOL) {
            continue;
        }
        if (P->tok.kind == EBB_TOK_ERROR) {
            P->version_allowed = false;
            ebb_lex_skip_line(&P->lx);
            next(P);
            continue;
        }
        parse_line(P);
    }
}

bool ebb_level_parse(const char *text, size_t len, const char *name, ebb_level *out,
                     ebb_diags *diags)
{
    memset(out, 0, sizeof *out);
    if (name != NULL && name[0] != '\0') {
        snprintf(diags->file, sizeof diags->file, "%s", name);
    }
    size_t errors_before = diags->errors;
    if (text == NULL && len > 0) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "no text to read");
        return false;
    }
    if (!ebb_lex_check_text(text ? text : "", len, diags)) {
        return false;
    }
    parser *P = calloc(1, sizeof *P);
    if (P == NULL) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
        return false;
    }
    ebb_lex_init(&P->lx, text ? text : "", len, diags);
    P->diags = diags;
    P->lv.pass_stars = 2;
    P->version_allowed = true;
    P->open = NO_OP;
    P->nesting_ok = true;
    P->errors_before = errors_before;

    parse_lines(P);
    if (!P->oom) {
        close_unmatched(P);
        check_required(P);
        finish_steps(P);
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
    return ok;
}
