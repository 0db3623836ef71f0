/* Internal to the pack parser (pack.c reads the header lines, pack_body.c the level blocks
 * and the program): the parser state and the helpers both halves share. The cursor they read
 * through is the level parser's too (cursor.h). */
#ifndef EBB_PACK_PARSER_H
#define EBB_PACK_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/cursor.h"
#include "core/pack.h"

enum { W_EBB_PACK, W_ID, W_TITLE, W_AUTHOR, W_NOTES, W_USE, W_LEVEL, W_END_LEVEL, W_SCHEDULE,
       W_UNLOCK, W_COUNT };
typedef struct pparser {
    ebb_cursor cur;
    ebb_pack *pk;
    const char *text;
    unsigned key_line[W_COUNT]; /* header keys given once: where */
    bool seen_line;             /* a line with content was read */
    bool end_level_due;         /* the lexer was moved to the end-level of a block */
} pparser;

#define ERR(P, code, line, col, ...) \
    ebb_diags_add((P)->cur.diags, EBB_SEV_ERROR, (code), (line), (col), __VA_ARGS__)

/* The raw word w as a level id, copied into dst; otherwise says what is wrong with it. */
bool ebb_pk_take_level_id(pparser *P, const ebb_raw_word *w, char *dst);
/* The current token as one of a line's fields[0..n), or -1 with the reason reported (an
 * unknown word, with `known` listing the fields; or, when seen is not NULL, one given twice
 * on the line, which seen[] records). */
int ebb_pk_field(pparser *P, const char *const *fields, size_t n, const char *known,
                 bool *seen);
ebb_pack_level *ebb_pk_level_entry(pparser *P, const char *id, unsigned line, unsigned col);

void ebb_pk_line_level(pparser *P, unsigned line, unsigned col);
void ebb_pk_line_schedule(pparser *P, unsigned line, unsigned col);
void ebb_pk_line_unlock(pparser *P, unsigned line, unsigned col);

#endif
