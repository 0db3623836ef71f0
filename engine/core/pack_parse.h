/* Internal to the pack parser (pack.c reads the header lines, pack_lines.c the level blocks
 * and the program): the parser state and the helpers both halves share. */
#ifndef EBB_PACK_PARSE_H
#define EBB_PACK_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/level_lex.h"
#include "core/pack.h"

enum { W_EBB_PACK, W_ID, W_TITLE, W_AUTHOR, W_NOTES, W_USE, W_LEVEL, W_END_LEVEL, W_SCHEDULE,
       W_UNLOCK, W_COUNT };
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

#define ERR(P, code, line, col, ...) \
    ebb_diags_add((P)->d, EBB_SEV_ERROR, (code), (line), (col), __VA_ARGS__)

typedef struct raw_word {
    char text[EBB_LEVEL_ID_MAX + 8]; /* as written, shortened with "..." if longer */
    size_t len;                      /* the whole length as written */
    unsigned line, col;
} raw_word;

bool ebb_pk_at_eol(const pparser *P);
void ebb_pk_next(pparser *P);
bool ebb_pk_expect_eol(pparser *P, const char *after);
int ebb_pk_find_word(const ebb_token *t, const char *const *names, size_t n);
void ebb_pk_unknown(pparser *P, const char *what, const char *const *names, size_t n,
                    const char *known);
bool ebb_pk_take_raw(pparser *P, raw_word *w, const char *what, const char *need,
                     const char *example);
bool ebb_pk_take_level_id(pparser *P, const raw_word *w, char *dst);
ebb_pack_level *ebb_pk_level_entry(pparser *P, const char *id, unsigned line, unsigned col);

void ebb_pk_line_level(pparser *P, unsigned line, unsigned col);
void ebb_pk_line_schedule(pparser *P, unsigned line, unsigned col);
void ebb_pk_line_unlock(pparser *P, unsigned line, unsigned col);

#endif
