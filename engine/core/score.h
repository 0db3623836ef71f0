/* Scoring: per-step accumulators, step scores, the level score, stars and the plain-language
 * lines on the results screen.
 *
 * Step scores are 0..1. The level score is the duration-weighted mean of step scores
 * (each step weighs at least 2 s so that quick flicks count), as a whole number 0..100.
 * Stars: 1 from 40, 2 from 65, 3 from 85. */
#ifndef EBB_SCORE_H
#define EBB_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/level.h"
#include "core/metrics.h"

#define EBB_STARS_1 40
#define EBB_STARS_2 65
#define EBB_STARS_3 85

/* Effort a hair outside the band still counts as in it: a person cannot hold a line
 * exactly, and with manual input the ramp itself passes the edge. */
#define EBB_BAND_TOLERANCE 0.03f

/* Release counts as full marks up to this, falling to none at EBB_RELEASE_SLOW_MS. */
#define EBB_RELEASE_FAST_MS 500
#define EBB_RELEASE_SLOW_MS 3000

/* Flicks must drop back below this to count as let go. */
#define EBB_FLICK_RELAX_LEVEL 0.2f

typedef struct ebb_step_acc {
    uint32_t ticks;          /* ticks played in this step */
    uint32_t scored_ticks;   /* ticks after the grace period */
    uint32_t in_band_ticks;
    double sum, sum_sq;      /* of effort over scored ticks */
    float peak;
    int32_t release_ms;      /* first time below the ceiling, -1 until then */
    int32_t peak_ms;         /* flicks: when the threshold was first reached, -1 if never */
    bool flick_relaxed;      /* flicks: dropped back below the relax level after the peak */
    uint32_t pf_ticks;       /* breathe steps with a pelvic floor target: scored ticks */
    uint32_t pf_in_band_ticks;
} ebb_step_acc;

typedef struct ebb_step_result {
    ebb_step_kind kind;
    uint32_t start_ms, duration_ms;
    uint32_t line;
    bool reached;            /* the session got to this step */
    float score;             /* 0..1 */
    float in_band;           /* share of scored time in the band, 0..1 */
    float mean, sd, peak;    /* effort over scored time */
    int32_t release_ms;      /* release steps; -1 if never let go or not applicable */
    bool flick_ok;           /* flicks: reached the threshold and let go again */
    float pf_in_band;        /* breathe steps with a `pf` target: share of scored time the
                              * pelvic floor was inside it; NaN where there is no such target */
} ebb_step_result;

#define EBB_FEEDBACK_MAX 3
#define EBB_FEEDBACK_LEN 160

typedef struct ebb_result {
    const ebb_level *level;
    bool complete;           /* every step was played */
    uint32_t duration_ms;    /* level time played */
    int score;               /* 0..100 */
    int stars;               /* 0..3 */
    const ebb_step_result *steps;
    size_t step_count;
    /* Summary metrics; NaN or -1 where the level has no such steps. */
    float rest_mean, rest_sd;        /* effort over rest and release steps (scored time) */
    float rest_in_band;              /* share of rest time below the ceiling */
    int32_t release_mean_ms;         /* mean over release steps that let go */
    float hold_in_band;              /* over squeeze, ramp steps */
    float breath_in_band;            /* over breathe steps */
    int flicks_ok, flicks_total;
    char feedback[EBB_FEEDBACK_MAX][EBB_FEEDBACK_LEN];
    size_t feedback_count;
    /* Clinical metrics (docs/metrics.md); NULL when the result was not made by a session.
     * reps[i] belongs to step i. Borrowed from the session like `steps`. */
    const ebb_metrics_level *metrics;
    const ebb_metrics_rep *reps;
    const ebb_metrics_sentences *sentences;  /* one line per metric, against the past */
} ebb_result;

void ebb_step_acc_reset(ebb_step_acc *acc);

/* Adds one tick of effort at `ms` into the step. */
void ebb_step_acc_add(ebb_step_acc *acc, const ebb_step *step, uint32_t ms, float effort);

/* The same, with what a session knows besides: the measured rest that `rest+N%` band ends
 * are moved up by (0: the calibrated rest), and the pelvic floor's effort, which breathe
 * steps with a `pf` target are also scored on (NaN: none). */
void ebb_step_acc_add_ex(ebb_step_acc *acc, const ebb_step *step, uint32_t ms, float effort,
                         float measured_rest, float pf);

/* Turns a step's accumulator into its result (reached = the step was started). */
void ebb_step_result_make(ebb_step_result *r, const ebb_step *step, const ebb_step_acc *acc,
                          bool reached);

/* Fills the level score, stars, summaries and feedback lines from the step results. */
void ebb_result_summarise(ebb_result *r);

int ebb_score_stars(int score);

/* Writes the plain-language lines on what went well (feedback.c). */
void ebb_result_feedback(ebb_result *r);

#endif
