/* The level model: what a level is once its text has been parsed.
 *
 * A level is a flat list of timed steps (repeat blocks are expanded by the parser, so the
 * runner never has to know about them), each with a target band for effort that may move
 * linearly over the step (ramps). Ownership: ebb_level_parse() allocates the steps;
 * ebb_level_free() releases them. A level is read-only after parsing and may be shared by
 * any number of sessions. */
#ifndef EBB_LEVEL_H
#define EBB_LEVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

/* Limits that keep a bad file from hurting anyone (or the program). */
#define EBB_LEVEL_FILE_MAX (256u * 1024u)        /* bytes */
#define EBB_LEVEL_LINE_MAX 400u                  /* characters in one line */
#define EBB_LEVEL_STRING_MAX 160u                /* characters in one quoted string */
#define EBB_LEVEL_STEPS_MAX 5000u                /* steps after expanding repeats */
#define EBB_LEVEL_REPEAT_DEPTH_MAX 4u
#define EBB_LEVEL_REPEAT_COUNT_MAX 200u
#define EBB_LEVEL_STEP_MS_MIN 100u
#define EBB_LEVEL_STEP_MS_MAX (10u * 60u * 1000u)  /* 10 min */
#define EBB_LEVEL_TOTAL_MS_MAX (90u * 60u * 1000u) /* 90 min */
#define EBB_LEVEL_GRACE_MS_DEFAULT 800u

typedef enum ebb_level_kind {
    EBB_LEVEL_BREATHING = 0,
    EBB_LEVEL_LENGTHENING,
    EBB_LEVEL_STRENGTHENING,
    EBB_LEVEL_ASSESSMENT,
    EBB_LEVEL_KIND_COUNT
} ebb_level_kind;

typedef enum ebb_step_kind {
    EBB_STEP_REST = 0,    /* stay below a ceiling; steadiness counts */
    EBB_STEP_RELEASE,     /* let go after a squeeze: how fast, then stay low */
    EBB_STEP_SQUEEZE,     /* stay inside a band ("hold" is the same step) */
    EBB_STEP_FLICK,       /* rise above a threshold and come back down within the step */
    EBB_STEP_RAMP,        /* follow a band that moves from one level to another */
    EBB_STEP_BREATHE_IN,  /* paced breathing phases: follow the breath */
    EBB_STEP_BREATHE_OUT,
    EBB_STEP_BREATHE_HOLD,
    EBB_STEP_DROP,        /* gentle reverse Kegel: let the floor drop below its rest level */
    EBB_STEP_KIND_COUNT
} ebb_step_kind;

/* Audio cue played when a step starts. Ids are what level files name. */
typedef enum ebb_cue {
    EBB_CUE_NONE = 0,
    EBB_CUE_BREATHE_IN,  /* rising tone */
    EBB_CUE_BREATHE_OUT, /* falling tone */
    EBB_CUE_HOLD,        /* soft steady tone */
    EBB_CUE_SQUEEZE,     /* brighter two-note up */
    EBB_CUE_LET_GO,      /* soft two-note down */
    EBB_CUE_FLICK,       /* short bright blip */
    EBB_CUE_COUNT
} ebb_cue;

/* What a step is scored on (bit flags). Defaults follow the step kind. */
enum {
    EBB_SCORE_IN_BAND = 1u << 0,    /* share of time inside the band */
    EBB_SCORE_RELEASE = 1u << 1,    /* time to drop below the ceiling */
    EBB_SCORE_STEADY = 1u << 2,     /* low variability */
    EBB_SCORE_PEAK = 1u << 3        /* reaching above the threshold (flicks) */
};

/* Level flags (safety and content notes shown to the person). */
enum {
    EBB_LEVEL_FLAG_BREATH_HOLDS = 1u << 0,   /* holds the breath: can make people light-headed */
    EBB_LEVEL_FLAG_BEGINNER_SHORT = 1u << 1, /* beginners should play it briefly */
    EBB_LEVEL_FLAG_NEEDS_PROBE = 1u << 2,    /* only a probe can show what it asks (drops) */
    EBB_LEVEL_FLAG_NOT_IF_OVERACTIVE = 1u << 3 /* strengthening: not before relaxation */
};

/* Which ends of a step's band were written relative to the person's rest (`rest+10%`).
 * The band itself is stored as an absolute effort: effort 0 is the calibrated rest, so
 * today rest+10% and 10% give the same band; a runner that measures rest in the session
 * may shift these ends by it. */
enum {
    EBB_REL_REST_LO = 1u << 0,
    EBB_REL_REST_HI = 1u << 1
};

typedef struct ebb_step {
    ebb_step_kind kind;
    uint32_t duration_ms;     /* a multiple of EBB_TICK_MS */
    uint32_t start_ms;        /* from level start; filled by the parser */
    uint32_t grace_ms;        /* reaction time at the start that is not scored */
    float lo0, hi0;           /* target band at the start of the step, 0..1 */
    float lo1, hi1;           /* target band at the end (equal to lo0/hi0 unless a ramp) */
    ebb_cue cue;
    uint32_t score_flags;
    char caption[EBB_LEVEL_STRING_MAX + 1];
    uint8_t rest_rel;         /* EBB_REL_REST_* bits: band ends given as rest+P% */
    bool has_pf;              /* breathe steps: a pelvic floor target is given (pf_lo..pf_hi) */
    float pf_lo, pf_hi;       /* stored for later runners; today breathe steps are scored on
                               * the breath channel (or pf when there is none) only */
    uint32_t line;            /* source line, for diagnostics and --explain */
    uint16_t rep;             /* 1-based index within the innermost repeat, 0 outside one */
    uint16_t reps;            /* count of the innermost repeat, 0 outside one */
} ebb_step;

#define EBB_LEVEL_ID_MAX 64u
#define EBB_LEVEL_CHALLENGES_MAX 4u

/* One `challenge N ...` line: how challenge N differs from the level as written (which is
 * challenge 1). Zero fields keep the level's own value. See docs/levels.md. */
typedef struct ebb_level_challenge {
    uint32_t hold_ms;  /* every squeeze/hold step */
    uint32_t rest_ms;  /* every rest/release step that follows a squeeze, hold or drop */
    float width;       /* 0..1: squeeze bands (and elevator floors) keep their centre and
                        * take this width */
    float below;       /* 0..1: the ceiling of every rest/release step written with `below` */
    uint32_t out_ms;   /* every `breathe out` step (a longer out-breath, a slower pace) */
    uint16_t reps;     /* the count of every outermost repeat block (breathing: the breaths) */
    unsigned line;     /* source line (0: challenge 1, the level as written) */
    unsigned col;      /* column of the word `challenge` */
} ebb_level_challenge;

/* What a challenge line changes, as the line writes it ("width 35% hold 9s rest 18s"), in
 * the order width, hold, rest, below, out, reps; "" for the level as written. */
const char *ebb_level_challenge_text(const ebb_level_challenge *c, char *buf, size_t size);

typedef struct ebb_level {
    char id[EBB_LEVEL_ID_MAX + 1];          /* e.g. "lengthening/drop-and-release" */
    char title[EBB_LEVEL_STRING_MAX + 1];
    char description[EBB_LEVEL_STRING_MAX + 1];
    char character[32];                     /* e.g. "lantern"; "" lets the game choose */
    ebb_level_kind kind;
    int pass_stars;                         /* stars needed to count as passed, 0..3 */
    uint32_t flags;
    ebb_step *steps;
    size_t step_count;
    uint32_t total_ms;
    /* challenges[0] is the level as written; 2..challenge_count come from its lines. */
    ebb_level_challenge challenges[EBB_LEVEL_CHALLENGES_MAX];
    unsigned challenge_count;               /* 1 when the level has no challenge lines */
    unsigned challenge;                     /* the challenge these steps were built for */
} ebb_level;

/* Parses level text from memory. `name` is used in diagnostics (usually the path).
 * Same as ebb_level_parse_ex(text, len, name, NULL, out, diags).
 * Returns true and fills *out when the text has no errors; otherwise returns false, leaves
 * *out empty (nothing to free) and every problem is in *diags. Warnings may be added
 * either way. Never prints, never exits. */
bool ebb_level_parse(const char *text, size_t len, const char *name, ebb_level *out,
                     ebb_diags *diags);

/* Changes a therapist's pack may make to a level (zero fields keep the level's own value).
 * Out-of-range values are errors in diags (line 0), named by the field. */
typedef struct ebb_level_overrides {
    uint32_t hold_ms;   /* every squeeze/hold step lasts this long */
    uint32_t rest_ms;   /* every release/rest step inside a repeat block lasts this long */
    uint16_t reps;      /* the count of every outermost repeat block */
    float target;       /* 0..1: squeeze bands are re-centred here, keeping their width */
    float width;        /* 0..1: squeeze bands keep their centre and take this width */
    float below;        /* 0..1: rest/release ceilings written with `below` become this */
    uint32_t rest_after_hold_ms; /* a challenge's rest: only rest/release steps that follow a
                                    squeeze, hold or drop (a flick's short rest stays as it is) */
    uint32_t out_ms;    /* a challenge's out-breath: every `breathe out` step lasts this long */
} ebb_level_overrides;

typedef struct ebb_level_parse_opts {
    ebb_level_overrides overrides;
    unsigned line_offset; /* added to every reported line (a level embedded in a pack file) */
    /* Build the steps for this challenge (1..4; 0 or 1: as written; past the level's last
     * challenge: its last). A pack's overrides win over the challenge's fields. */
    unsigned challenge;
} ebb_level_parse_opts;

/* ebb_level_parse with options; opts may be NULL. Overrides are applied before the limits
 * are checked, so an override cannot make a level longer than the limits allow. */
bool ebb_level_parse_ex(const char *text, size_t len, const char *name,
                        const ebb_level_parse_opts *opts, ebb_level *out, ebb_diags *diags);

void ebb_level_free(ebb_level *level);

/* Target band of a step at ms into it (linear between the start and end bands). */
void ebb_step_band_at(const ebb_step *step, uint32_t ms, float *lo, float *hi);

/* Index of the step active at ms from level start (the last step for ms >= total). */
size_t ebb_level_step_at(const ebb_level *level, uint32_t ms);

/* The one thing to say before a person plays this level, from its safety flags (breath-holds
 * first, then relaxation-first, short rounds, probe-only), or NULL when there is nothing. */
const char *ebb_level_safety_note(const ebb_level *level);

const char *ebb_level_kind_name(ebb_level_kind kind);
const char *ebb_step_kind_name(ebb_step_kind kind);
const char *ebb_cue_name(ebb_cue cue);
/* Comma-separated names of flags as a level file writes them ("breath-holds, ..."). */
const char *ebb_level_flags_text(uint32_t flags, char *buf, size_t size);
const char *ebb_score_flags_text(uint32_t flags, char *buf, size_t size);

/* The caption shown when a step does not give its own ("Let go", "Breathe in"...). */
const char *ebb_step_default_caption(ebb_step_kind kind);
ebb_cue ebb_step_default_cue(ebb_step_kind kind);

#endif
