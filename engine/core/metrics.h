/* Clinical metrics: per rep, per level and for the Glazer-style assessment, computed from the
 * trace of one played level (docs/metrics.md defines each one, its unit and its source).
 *
 * Everything here is a pure function of the level and the trace: no clock, no I/O. The
 * session keeps the trace (one value per level tick) and calls these; a re-scoring tool can
 * call them on a recorded session the same way.
 *
 * Units: effort values are 0..1 of the person's calibrated range (rest -> MVC) and are shown
 * as "% MVC"; *_unit values are in the probe's own unit (µV, cmH2O...) and are NaN unless the
 * session was calibrated. Times are milliseconds, -1 where there is no such time. NaN means
 * "not measured here" (the level has no such step, or it was not reached). */
#ifndef EBB_METRICS_H
#define EBB_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calib.h"
#include "core/level.h"

/* Effort within this much of "rest" counts as resting when finding where a rise began:
 * about the noise of a quiet probe (3 % of MVC). */
#define EBB_METRICS_ONSET_MARGIN 0.03f
/* A hold above target is not broken by dips shorter than this (tremor, a breath). */
#define EBB_METRICS_HOLD_GAP_MS 250
/* The mean over this long before a rep is its starting level ("rest" for recruitment). */
#define EBB_METRICS_BASE_MS 1000u
/* Below this mean effort a coefficient of variation means nothing (division by ~0). */
#define EBB_METRICS_CV_MIN_MEAN 0.01f
/* Release is looked for this long after a squeeze ends before it counts as "not yet". */
#define EBB_METRICS_RELEASE_WINDOW_MS 10000u
/* The first and last stretch of an endurance hold compared for its decline. */
#define EBB_METRICS_DECLINE_MS 10000u
/* A breath phase is followed when the breath moved this much (of its range) the asked way. */
#define EBB_METRICS_BREATH_MOVE 0.15f

/* What the session recorded, one value per level tick (EBB_TICK_MS). Borrowed. */
typedef struct ebb_metrics_trace {
    const float *pf;          /* pelvic floor effort 0..1 */
    const float *pf_unit;     /* the probe's reading in `unit`, or NULL when not calibrated */
    const float *breath;      /* breath effort 0..1, NaN on ticks without a breath channel;
                               * NULL when no tick had one */
    const float *step_rest;   /* per step: the measured rest that `rest+N%` ends were scored
                               * against (NULL: 0, the calibrated rest) */
    size_t ticks;             /* ticks played */
    ebb_unit unit;            /* EBB_UNIT_NONE when not calibrated */
} ebb_metrics_trace;

/* One rep: a squeeze, hold, flick, ramp or elevator step. */
typedef struct ebb_metrics_rep {
    bool is_rep;              /* the step is a squeeze, flick or ramp */
    bool played;              /* the session got into this step */
    bool reached;             /* squeeze/ramp: in band at least half the scored time;
                               * flick: rose to the threshold and let go within the step */
    uint32_t in_band_ms;      /* scored time inside the band */
    float peak, peak_unit;    /* highest effort in the step */
    float base;               /* mean effort over the second before the step */
    int32_t onset_ms;         /* from the cue (step start) to leaving rest */
    int32_t recruit_ms;       /* from leaving rest to 90 % of this rep's peak */
    int32_t release_ms;       /* squeeze: from the step's end back below the rest ceiling;
                               * flick: from the peak back below it */
    uint32_t above_ms;        /* time in the step at or above the target's lower edge */
    uint32_t longest_above_ms;/* longest such hold (dips < EBB_METRICS_HOLD_GAP_MS bridged) */
    int32_t rise_ms, fall_ms; /* flicks: 10->90 % and 90->10 % of (peak - base) */
} ebb_metrics_rep;

/* Mean, SD and coefficient of variation of a stretch of signal, in effort and in the unit. */
typedef struct ebb_metrics_stats {
    float mean, sd, cv;           /* effort; cv = sd / mean (NaN when mean is ~0) */
    float mean_unit, sd_unit, cv_unit;
    uint32_t ms;                  /* time the stats cover */
} ebb_metrics_stats;

/* The Glazer-style check (levels/assessment/glazer-check.level). */
typedef struct ebb_metrics_assessment {
    bool present;
    ebb_metrics_stats pre_rest, post_rest;
    int flicks;                        /* flicks played */
    float flick_peak, flick_peak_unit; /* mean of flick peaks */
    int32_t flick_onset_ms;            /* mean latency from cue to leaving rest */
    int32_t flick_rise_ms, flick_release_ms; /* means */
    int holds;
    float hold_mean, hold_mean_unit;   /* mean amplitude over the holds' scored time */
    float hold_peak, hold_peak_unit;   /* mean of the holds' peaks */
    int32_t hold_release_ms;           /* mean release after a hold, over holds that let go */
    float endurance_mean, endurance_mean_unit;
    float endurance_first, endurance_last;  /* mean over the first / last 10 s (effort) */
    float endurance_first_unit, endurance_last_unit;
    float endurance_decline;           /* (first - last) / first, 0..1; NaN if first ~0 */
    float endurance_decline_unit;      /* the same from the probe's readings (rest not
                                        * taken away, as the Glazer literature reports it) */
} ebb_metrics_assessment;

typedef struct ebb_metrics_level {
    float time_in_band;        /* share of scored time in band over all played steps */
    float tracking_error;      /* RMS distance outside the band on squeeze/ramp steps */
    int reps_achieved, reps_total;   /* over played reps */
    uint32_t endurance_ms;     /* longest hold at or above target */
    uint32_t endurance_asked_ms; /* longest squeeze/hold step the level asks for */
    int32_t release_mean_ms;   /* mean release after squeezes, ramps (not flicks) that let go */
    int releases_done, releases_total; /* squeezes/ramps that came back under the ceiling
                               * within the window, of those played */
    int32_t recruit_mean_ms;   /* mean rep recruitment time */
    ebb_metrics_stats rest;    /* over rest steps, and release steps once let go */
    float breath_pacing;       /* share of breath phases followed; NaN without a breath channel */
    int breath_phases;         /* phases judged */
    float pf_breath_in, pf_breath_out, pf_breath_hold; /* share of time the pelvic floor was
                               * in its target during in-, out- and held breaths (NaN: no
                               * such target) */
    float measured_rest;       /* the rest `rest+N%` was scored against at the end */
    ebb_unit unit;
    ebb_metrics_assessment assessment;
} ebb_metrics_level;

/* Per-rep metrics of step `index`. Needs the trace up to the end of the next step for the
 * release time (what is not yet played counts as not yet measured). */
void ebb_metrics_rep_compute(const ebb_level *level, size_t index, const ebb_metrics_trace *tr,
                             ebb_metrics_rep *out);

/* Level metrics from the trace and the reps (reps[i] for each step; filled by the caller
 * with ebb_metrics_rep_compute). */
void ebb_metrics_level_compute(const ebb_level *level, const ebb_metrics_trace *tr,
                               const ebb_metrics_rep *reps, ebb_metrics_level *out);

/* Mean/SD/CV over ticks [from, to) of the trace. */
ebb_metrics_stats ebb_metrics_stats_range(const ebb_metrics_trace *tr, size_t from, size_t to);

/* The band a step asks for at ms into it, with `rest+N%` ends moved up by the measured rest. */
void ebb_metrics_band_at(const ebb_step *step, uint32_t ms, float measured_rest, float *lo,
                         float *hi);

/* ---- Feedback against the person's own past ---------------------------------------------
 * The past comes from history, which is filled by the caller: this module never reads a
 * database. Every field is NaN (or -1 for times) when there is nothing to compare with;
 * `when` names the past session in words ("last week's", "Tuesday's"). Tests fill it by hand
 * as a test double of the history store. */
typedef struct ebb_metrics_past {
    char when[32];             /* e.g. "last week's"; "" gives "last time's" */
    int32_t release_mean_ms;
    int32_t recruit_mean_ms;
    float rest_mean;           /* effort */
    float rest_sd;
    float time_in_band;
    float tracking_error;
    uint32_t endurance_ms;     /* 0: unknown */
    float breath_pacing;
    float endurance_decline;
    float flick_peak;
} ebb_metrics_past;

/* A past with nothing in it. */
void ebb_metrics_past_none(ebb_metrics_past *p);

#define EBB_METRICS_SAY_MAX 12
#define EBB_METRICS_SAY_LEN 256

typedef struct ebb_metrics_sentences {
    size_t count;
    char id[EBB_METRICS_SAY_MAX][24];                 /* metric id, e.g. "release" */
    char text[EBB_METRICS_SAY_MAX][EBB_METRICS_SAY_LEN];
} ebb_metrics_sentences;

/* One calm sentence per metric this level measured, compared with the past where the past
 * has that metric ("You let go in 1.2 s, quicker than last week's 1.9 s."). */
void ebb_metrics_say(const ebb_metrics_level *m, const ebb_metrics_past *past,
                     ebb_metrics_sentences *out);

#endif
