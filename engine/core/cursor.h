/* The parser cursor: the current token of a line-oriented text (a level or a pack) and the
 * small moves and messages every line parser of Ebb makes with it.
 *
 * Internal to the parsers (not part of the public core API). The level parser
 * (level_parse.c, level_step.c) and the pack parser (pack.c, pack_body.c) each embed one
 * ebb_cursor and read through it, so that a missing value, a stray word after a line's last
 * value or a misspelt word is reported the same way, at the same column, in both formats.
 * It sits on the lexer (lex.h) as Lua's lparser.c sits on llex.c. */
#ifndef EBB_CURSOR_H
#define EBB_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/lex.h"

typedef struct ebb_cursor {
    ebb_lex lx;
    ebb_token tok;    /* the current token */
    ebb_diags *diags; /* where every message goes */
} ebb_cursor;

/* Starts before the first token of text[0..len); `first_line` numbers its first line (a level
 * inside a pack file starts further down). Call ebb_cursor_next for the first token. */
void ebb_cursor_init(ebb_cursor *c, const char *text, size_t len, unsigned first_line,
                     ebb_diags *diags);

/* Reads the next token. At the end of a line, its column is just after the token before it:
 * that is where a missing value is reported, as compilers do. */
void ebb_cursor_next(ebb_cursor *c);

/* The current token ends the line (or the text). */
bool ebb_cursor_at_eol(const ebb_cursor *c);

/* The lexer has already reported the current token: say nothing more about the line. */
bool ebb_cursor_failed(const ebb_cursor *c);

/* Skips the rest of the line unread (after a mistake, so one mistake gives one message). */
void ebb_cursor_skip_line(ebb_cursor *c);

/* After a line's last value: reads on, true at the end of the line; anything more is reported
 * as "unexpected 'X' after <after>". */
bool ebb_cursor_expect_eol(ebb_cursor *c, const char *after);

/* The index of the word t in names[0..n), or -1. */
int ebb_cursor_find_word(const ebb_token *t, const char *const *names, size_t n);

/* Reports the current token as an unknown `what` (under `code`) with the closest of
 * names[0..n) ("did you mean"), or, when none is close, with the sentence `known`. */
void ebb_cursor_unknown(ebb_cursor *c, ebb_diag_code code, const char *what,
                        const char *const *names, size_t n, const char *known);

/* The current token as a quoted string, copied into dst; otherwise reports that `what` needs
 * one, with `example`, and returns false. Does not move on. */
bool ebb_cursor_take_string(ebb_cursor *c, const char *what, const char *example, char *dst,
                            size_t size);

/* A word read as written, whatever its characters (see ebb_lex_raw). */
typedef struct ebb_raw_word {
    const char *at;                  /* in the text being parsed */
    size_t len;
    char text[EBB_LEVEL_ID_MAX + 8]; /* for messages: shortened with "..." if longer */
    unsigned line, col;
} ebb_raw_word;

/* Reads the next word as written into *w, then moves the current token past it. When the
 * line has ended, reports "'<what>' needs <need>, e.g. <example>" and returns false. */
bool ebb_cursor_take_raw(ebb_cursor *c, ebb_raw_word *w, const char *what, const char *need,
                         const char *example);

#endif
