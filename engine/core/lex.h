/* The lexer of Ebb's text formats (levels and packs share one lexical syntax): turns text in
 * memory into tokens, one line at a time.
 *
 * Internal to the parsers (not part of the public core API); core/cursor.h is the layer they
 * read through. It reads from a buffer that need not be NUL-terminated, tracks 1-based line
 * and column (columns count UTF-8 characters, a tab is one column), skips comments and blank
 * space, and reports its own mistakes (unterminated or over-long strings, stray characters,
 * over-long lines) to the diagnostics list, returning an EBB_TOK_ERROR token so the parser
 * can skip the rest of the line. Like Lua's llex.c, it knows nothing about what the words
 * mean. */
#ifndef EBB_LEX_H
#define EBB_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/level.h"

typedef enum ebb_tok_kind {
    EBB_TOK_EOF = 0,
    EBB_TOK_EOL,    /* end of a line (comments are skipped before it) */
    EBB_TOK_WORD,   /* letters, digits, '-', '_', '/'; starts with a letter or '_' */
    EBB_TOK_NUMBER, /* [-]digits[.digits] followed by an optional unit (letters or '%') */
    EBB_TOK_STRING, /* "..." with \" and \\ escapes; value unescaped into str */
    EBB_TOK_RANGE,  /* .. */
    EBB_TOK_COMMA,
    EBB_TOK_PLUS,   /* + (in rest+10%) */
    EBB_TOK_RAW,    /* ebb_lex_raw only: any characters up to a blank, '#' or the line's end */
    EBB_TOK_ERROR   /* the lexer has reported a problem; skip the line */
} ebb_tok_kind;

/* Significant digits a number may have; more is an error, so values stay exact. */
#define EBB_LEX_DIGITS_MAX 12u
#define EBB_LEX_FRAC_MAX 6u

typedef struct ebb_token {
    ebb_tok_kind kind;
    const char *text; /* the token as written (not NUL-terminated) */
    size_t len;
    unsigned line, col;
    /* EBB_TOK_NUMBER: value = (negative ? -1 : 1) * mantissa / 10^frac_digits */
    bool negative;
    uint64_t mantissa;
    unsigned frac_digits;
    const char *unit; /* points into text; unit_len 0 when there is none */
    size_t unit_len;
    /* Hints for messages about a number written without a unit: "4 s" (the unit after a
     * space) and "1,5s" (a decimal comma). */
    bool unit_after_space, decimal_comma;
    /* EBB_TOK_STRING: unescaped value, NUL-terminated */
    char str[EBB_LEVEL_STRING_MAX + 1];
    size_t str_len;
} ebb_token;

typedef struct ebb_lex {
    const char *p, *end;
    unsigned line, col;
    bool line_start; /* next token is the first of a line: check the line length */
    ebb_diags *diags;
} ebb_lex;

/* Checks the whole text before lexing: size, NUL bytes and invalid UTF-8 are reported once
 * (a binary file should give one message, not thousands). Returns false if the text must
 * not be parsed. */
bool ebb_lex_check_text(const char *text, size_t len, ebb_diags *diags);

/* As ebb_lex_check_text, counting lines from first_line (a level inside a pack file). */
bool ebb_lex_check_text_at(const char *text, size_t len, unsigned first_line,
                           ebb_diags *diags);

void ebb_lex_init(ebb_lex *lx, const char *text, size_t len, ebb_diags *diags);

/* Sets the line number the next token is on (a level that starts inside a pack file). */
void ebb_lex_set_line(ebb_lex *lx, unsigned line);

/* Moves to p, the start of a line within the text, numbered `line` (a pack's parser jumps
 * over an embedded level, which the level parser reads on its own). */
void ebb_lex_jump(ebb_lex *lx, const char *p, unsigned line);

/* Reads the next token into *tok. At the end of the input returns EBB_TOK_EOL once (if the
 * last line had no newline) and then EBB_TOK_EOF forever. */
void ebb_lex_next(ebb_lex *lx, ebb_token *tok);

/* Skips the rest of the current line without tokenising it (after an error, so one mistake
 * gives one message). The next token is EBB_TOK_EOL or EBB_TOK_EOF. */
void ebb_lex_skip_line(ebb_lex *lx);

/* Reads the next blank-separated word as written, whatever its characters (an id, or a path
 * someone put where an id belongs), as an EBB_TOK_RAW token; an empty one (len 0) when the
 * line has no more words. A pack reads ids this way so that ../../etc/passwd is quoted whole
 * and named for what it is. */
void ebb_lex_raw(ebb_lex *lx, ebb_token *tok);

/* True when the token is a word spelled exactly `s`. */
bool ebb_tok_is(const ebb_token *tok, const char *s);

/* True when the number token has exactly the unit `u` ("" for none). */
bool ebb_tok_unit_is(const ebb_token *tok, const char *u);

/* Copies the token as written into buf for messages, shortened with "..." if needed. */
const char *ebb_tok_text(const ebb_token *tok, char *buf, size_t size);

/* Copies text[0..len) into buf (size >= 8) for messages, cut on a character boundary and
 * ended with "..." when it does not fit; "" when buf is smaller than 8. */
const char *ebb_lex_quote(const char *text, size_t len, char *buf, size_t size);

/* Values of tokens. Each reads one token as the named kind of value, checks its unit and
 * range, and on a mistake reports "WHAT VALUE: must be MIN..MAX" (or a missing value, when
 * the token is the end of the line) and returns false. `what` names the value in messages
 * ("pass", "repeat", "squeeze", "grace"...). */
bool ebb_tok_count(const ebb_token *t, ebb_diags *d, const char *what, unsigned min,
                   unsigned max, unsigned *out);

/* A duration written with s, ms or min, within min_ms..max_ms; rounded to the nearest tick
 * (EBB_TICK_MS) with a warning when it is not a whole number of ticks. */
bool ebb_tok_duration(const ebb_token *t, ebb_diags *d, const char *what, uint32_t min_ms,
                      uint32_t max_ms, uint32_t *out);

/* A percentage written with %, within min..max percent; *out is the fraction (0..1). */
bool ebb_tok_percent(const ebb_token *t, ebb_diags *d, const char *what, double min,
                     double max, float *out);

/* Formats a duration the way a level file writes it: "600s", "4s", "500ms". */
const char *ebb_lex_fmt_ms(uint32_t ms, char *buf, size_t size);

/* The closest of cands[0..n) to the word within edit distance 2 (1 for words shorter than six
 * letters; a swap of two letters counts one), or NULL. Ties go to the earlier candidate.
 * Used for "did you mean" suggestions. */
const char *ebb_lex_suggest(const char *word, size_t len, const char *const *cands, size_t n);

#endif
