/* A reader for the small text files in assets/ (palettes.conf, sounds.conf):
 *
 *   # a comment: a line whose first non-blank character is '#'
 *   [section name]
 *   key = value
 *
 * Blank lines are skipped; a value runs to the end of the line (trailing blanks dropped), so
 * a colour like #0e1b2e is a value, not a comment. The reader only splits lines; what the
 * sections and keys mean is up to the caller (theme.c, synth.c). Pure: no I/O. */
#ifndef EBB_CONF_H
#define EBB_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

#define EBB_CONF_NAME_MAX 64
#define EBB_CONF_VALUE_MAX 128

typedef enum ebb_conf_item {
    EBB_CONF_END = 0,
    EBB_CONF_SECTION,  /* c->section holds the name between the brackets, blanks trimmed */
    EBB_CONF_KEY,      /* c->key and c->value */
    EBB_CONF_BAD       /* a line that is neither; already reported in diags */
} ebb_conf_item;

typedef struct ebb_conf {
    const char *p, *end;
    unsigned line;     /* of the item just returned */
    char section[EBB_CONF_NAME_MAX];
    char key[EBB_CONF_NAME_MAX];
    char value[EBB_CONF_VALUE_MAX];
} ebb_conf;

void ebb_conf_init(ebb_conf *c, const char *text, size_t len);
ebb_conf_item ebb_conf_next(ebb_conf *c, ebb_diags *d);

/* A decimal number in [lo, hi] filling the whole of v. */
bool ebb_conf_float(const char *v, float lo, float hi, float *out);

#endif
