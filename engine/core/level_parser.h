/* The level parser's state and the calls between its parts: level_parse.c (lines, header,
 * repeats, the whole file), level_step.c (step lines), level_emit.c (a step line's checks and
 * defaults) and level_expand.c (repeats expanded). It reads through the parser cursor
 * (cursor.h), shared with the pack parser. Not part of the public core API. */
#ifndef EBB_LEVEL_PARSER_H
#define EBB_LEVEL_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cursor.h"
#include "core/diag.h"
#include "core/level.h"

#define EBB_NO_OP ((size_t)-1)

typedef enum ebb_op_kind { EBB_OP_STEP, EBB_OP_OPEN, EBB_OP_CLOSE } ebb_op_kind;

/* One line that matters to the shape of the level, in source order. A step line that
 * expands into several steps (an elevator, a knack) gives one OP_STEP per step. */
typedef struct ebb_op {
    ebb_op_kind kind;
    uint16_t count; /* OP_OPEN: the repeat count */
    size_t step;    /* OP_STEP: index into the step templates; OP_OPEN: step lines before */
    size_t match;   /* OP_OPEN: index of its OP_CLOSE */
    size_t parent;  /* OP_OPEN: the enclosing OP_OPEN, or EBB_NO_OP */
    unsigned line, col;
} ebb_op;

/* Fields of a `challenge N ...` line (level_challenge.c). */
enum { EBB_C_WIDTH, EBB_C_HOLD, EBB_C_REST, EBB_C_BELOW, EBB_C_OUT, EBB_C_REPS, EBB_C_COUNT };

enum { EBB_K_ID, EBB_K_TITLE, EBB_K_KIND, EBB_K_CHARACTER, EBB_K_DESCRIPTION, EBB_K_PASS,
       EBB_K_FLAGS, EBB_K_COUNT };

typedef struct ebb_parser {
    ebb_cursor cur;       /* the current token, and where messages go */
    ebb_level lv;         /* header fields; steps are attached only at the end */
    ebb_level_overrides ov;
    unsigned want_challenge; /* the challenge to build (level_challenge.c) */
    /* Column of each field on each challenge line (0: not given), for messages about a
     * field that only the rest of the file can judge (reps past the rounds a breath-holding
     * level allows, out with no out-breath to lengthen). */
    unsigned challenge_col[EBB_LEVEL_CHALLENGES_MAX][EBB_C_COUNT];
    bool rounds_reported[EBB_LEVEL_CHALLENGES_MAX];
    unsigned key_line[EBB_K_COUNT];
    bool key_suggested[EBB_K_COUNT]; /* a misspelt key was taken for this one */
    bool version_allowed; /* nothing but blank and comment lines so far */
    unsigned first_step_line, first_step_col;
    unsigned first_hold_line, first_hold_col; /* first 'breathe hold' (for the breath-holds flag warning) */
    ebb_step *steps;      /* step templates, before repeats are expanded */
    size_t nsteps, capsteps;
    ebb_op *ops;
    size_t nops, capops;
    size_t open;          /* the innermost open repeat, or EBB_NO_OP */
    unsigned depth;
    bool nesting_ok;      /* every repeat has its end: the ops form a tree */
    bool have_breathe;    /* a breathe step came before: its end band is in breathe_lo/hi */
    float breathe_lo, breathe_hi;
    bool too_deep;        /* some repeat nests past the limit */
    size_t step_lines;    /* step lines read, with or without errors */
    size_t errors_before; /* errors in diags before this file */
    bool oom;
} ebb_parser;

void ebb_p_report(ebb_parser *P, ebb_severity sev, ebb_diag_code code, unsigned line,
                  unsigned col, const char *fmt, ...) EBB_PRINTF(6, 7);

#define EBB_P_ERR_AT(P, code, tokp, ...) \
    ebb_p_report((P), EBB_SEV_ERROR, (code), (tokp)->line, (tokp)->col, __VA_ARGS__)

/* Grows arr to hold need items (see level_parse.c); NULL with "out of memory" reported. */
void *ebb_p_grow(ebb_parser *P, void *arr, size_t *cap, size_t need, size_t size);
bool ebb_p_push_op(ebb_parser *P, ebb_op o);
/* The first step or repeat line: header keys after it are out of order. */
void ebb_p_body_starts(ebb_parser *P, const ebb_token *t);

typedef enum ebb_line_form { EBB_LF_PLAIN, EBB_LF_ELEVATOR, EBB_LF_KNACK } ebb_line_form;

/* Fields of a step line, in the order of ebb_p_field_names. */
enum { EBB_F_BAND, EBB_F_BELOW, EBB_F_ABOVE, EBB_F_FROM, EBB_F_TO, EBB_F_WIDTH, EBB_F_CAPTION,
       EBB_F_CUE, EBB_F_GRACE, EBB_F_LEVELS, EBB_F_PF, EBB_F_SCORE, EBB_F_COUNT };
extern const char *const ebb_p_field_names[EBB_F_COUNT];

#define EBB_LEVELS_MAX 8u /* floors of an elevator */

/* What one step line said, before defaults are filled in. */
typedef struct ebb_step_fields {
    unsigned col[EBB_F_COUNT]; /* column where each field was given; 0 when not given */
    int target;                /* EBB_F_BAND, _BELOW or _ABOVE: the one that set lo/hi; -1 */
    float lo, hi;
    uint8_t rel;               /* EBB_REL_REST_* */
    float from, to, width;
    uint32_t grace_ms;
    float levels[EBB_LEVELS_MAX];
    size_t nlevels;
    uint32_t score_flags;
} ebb_step_fields;

/* level_step.c: the word at the start of a line as a step, or -1. */
bool ebb_p_is_step_word(const ebb_token *t);
/* level_step.c: reads one step line (the current token is its first word). Returns false
 * when the rest of the line must be skipped. */
bool ebb_p_parse_step(ebb_parser *P);

/* level_emit.c: checks a step line's fields against its kind, fills in defaults and
 * overrides and appends its step(s). `errors` is the error count before the line;
 * `overridable`: written as squeeze/hold/rest/release. Returns false on out of memory. */
bool ebb_p_emit_step(ebb_parser *P, const ebb_token *w, ebb_step_fields *f, ebb_step *st,
                     ebb_line_form form, bool overridable, bool had_breathe, size_t errors,
                     const char *label);

/* level_challenge.c: reads a `challenge N ...` line (the current token is its first word). */
bool ebb_p_parse_challenge(ebb_parser *P);
/* level_challenge.c: at the first step, folds the wanted challenge into P->ov. */
void ebb_p_apply_challenge(ebb_parser *P);
/* level_challenge.c: at an outermost `repeat` written with `count`: a level that holds the
 * breath (or is kept short for beginners) lets a challenge at most double its rounds. */
void ebb_p_check_challenge_rounds(ebb_parser *P, unsigned count);
/* level_challenge.c: once every line is read: `out` and `reps` must have something to change. */
void ebb_p_check_challenge_targets(ebb_parser *P);
/* level_challenge.c: after a clean parse, builds every other challenge of the level and
 * reports, at its line, one that breaks the limits (90 minutes, 5000 steps). */
bool ebb_p_check_other_challenges(const char *text, size_t len, const char *name,
                                  const ebb_level_parse_opts *opts, const ebb_level *built,
                                  ebb_diags *diags);

/* level_parse.c: the whole parse; `others`: also build every other challenge (see above). */
bool ebb_p_parse_level(const char *text, size_t len, const char *name,
                       const ebb_level_parse_opts *opts, ebb_level *out, ebb_diags *diags,
                       bool others);

/* level_expand.c: checks a pack's overrides (errors without a line). */
bool ebb_p_check_overrides(const ebb_level_overrides *ov, ebb_diags *diags);
/* level_expand.c: measures the repeats against the limits and, when the file is clean,
 * expands them into P->lv.steps. */
void ebb_p_finish_steps(ebb_parser *P);

#endif
