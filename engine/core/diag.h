/* Diagnostics: compiler-style messages about content (levels, packs, replay files).
 *
 * Loaders never print and never exit: they append to an ebb_diags list and carry on, so that
 * one run reports every mistake in a file (Doom's deh_io.c, Lua's llex.c). The caller decides
 * to refuse the whole file when any error was added, and prints the list as
 *   file:line:col: error: message
 * Each message has a stable code that tests assert on. */
#ifndef EBB_DIAG_H
#define EBB_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum ebb_severity { EBB_SEV_WARNING = 0, EBB_SEV_ERROR } ebb_severity;

/* Stable diagnostic ids. Add at the end; never renumber. */
#define EBB_DIAG_CODES(X)                                                     \
    X(EBB_D_NONE, "none")                                                     \
    X(EBB_D_IO, "io")                  /* cannot read the file */             \
    X(EBB_D_TOO_BIG, "too-big")        /* file, line or string too long */    \
    X(EBB_D_BINARY, "binary")          /* NUL or invalid bytes */             \
    X(EBB_D_SYNTAX, "syntax")          /* bad token, unterminated string */   \
    X(EBB_D_UNKNOWN_KEY, "unknown-key")                                       \
    X(EBB_D_UNKNOWN_STEP, "unknown-step")                                     \
    X(EBB_D_MISSING, "missing")        /* a required field or value */        \
    X(EBB_D_DUPLICATE, "duplicate")                                           \
    X(EBB_D_BAD_VALUE, "bad-value")    /* wrong type or unit */               \
    X(EBB_D_RANGE, "range")            /* value outside its allowed range */  \
    X(EBB_D_NESTING, "nesting")        /* repeat/end mismatch or too deep */  \
    X(EBB_D_LIMIT, "limit")            /* too many steps, too long in total */\
    X(EBB_D_EMPTY, "empty")            /* no steps / no rows */               \
    X(EBB_D_ORDER, "order")            /* time not increasing, header late */ \
    X(EBB_D_STYLE, "style")            /* warning: legal but doubtful */

#define EBB_DIAG_ENUM(id, name) id,
typedef enum ebb_diag_code { EBB_DIAG_CODES(EBB_DIAG_ENUM) EBB_D_COUNT } ebb_diag_code;
#undef EBB_DIAG_ENUM

#define EBB_DIAG_MSG_MAX 240

typedef struct ebb_diag {
    ebb_severity severity;
    ebb_diag_code code;
    unsigned line;   /* 1-based; 0 when the message is about the whole file */
    unsigned col;    /* 1-based; 0 when unknown */
    char msg[EBB_DIAG_MSG_MAX];
} ebb_diag;

/* Keeps the first EBB_DIAGS_MAX messages and counts the rest, so a binary file cannot
 * produce a million lines of output. */
#define EBB_DIAGS_MAX 64

typedef struct ebb_diags {
    char file[256];             /* name used in messages, as the user gave it */
    ebb_diag items[EBB_DIAGS_MAX];
    size_t count;               /* kept in items */
    size_t dropped;             /* added past EBB_DIAGS_MAX */
    size_t errors;              /* all errors, kept or dropped */
    size_t warnings;
} ebb_diags;

void ebb_diags_init(ebb_diags *d, const char *file);

#if defined(__GNUC__)
#define EBB_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define EBB_PRINTF(fmt, args)
#endif

void ebb_diags_add(ebb_diags *d, ebb_severity sev, ebb_diag_code code, unsigned line,
                   unsigned col, const char *fmt, ...) EBB_PRINTF(6, 7);

/* Writes every kept message, one a line, "file:line:col: error: message", and a line
 * saying how many were left out, if any. */
void ebb_diags_print(const ebb_diags *d, FILE *out);

/* Formats one message as it would be printed (without newline). */
void ebb_diag_format(const ebb_diags *d, const ebb_diag *m, char *buf, size_t size);

const char *ebb_diag_code_name(ebb_diag_code code);

#endif
