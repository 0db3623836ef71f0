/* Progress over days and weeks: the person's sessions turned into daily series (rest tone and
 * its steadiness, release time, strongest squeeze, endurance, stars per level kind, sessions
 * per day against the plan), each with a one-line reading in plain words.
 *
 * Pure: the caller reads the sessions from the history (engine/io/history_trends.h) and the
 * plan from the active pack; nothing here reads a clock, a file or a database. Days are whole
 * local days numbered on any continuous scale (the history gives days from 1970-01-01). */
#ifndef EBB_PROGRESS_H
#define EBB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calib.h"
#include "core/level.h"
#include "core/pack.h"

/* The charts cover at most this many days, ending with the last day played. */
#define EBB_PROGRESS_DAYS_MAX 56
#define EBB_PROGRESS_READING_MAX 200

/* One finished session as the progress charts need it; NaN where it was not measured. */
typedef struct ebb_progress_session {
    int32_t day;              /* local day number */
    ebb_level_kind kind;
    int stars;
    float rest_mean, rest_sd; /* effort 0..1 over rest steps */
    float release_s;          /* mean release after squeezes */
    float endurance_s;        /* longest hold at or above target */
    float mvc;                /* the calibration in force (probe unit), NaN without one */
    ebb_unit mvc_unit;
} ebb_progress_session;

typedef enum ebb_progress_chart {
    EBB_PROGRESS_REST = 0,  /* rest tone (% of range) with its steadiness (SD) */
    EBB_PROGRESS_RELEASE,   /* seconds */
    EBB_PROGRESS_MVC,       /* the probe's unit */
    EBB_PROGRESS_ENDURANCE, /* seconds */
    EBB_PROGRESS_STARS,     /* mean stars a session, one line per level kind */
    EBB_PROGRESS_SESSIONS,  /* sessions a day, and the plan */
    EBB_PROGRESS_CHART_COUNT
} ebb_progress_chart;

/* A daily series: value[i] is day first_day + i, NaN on days without a value. */
typedef struct ebb_progress_series {
    float value[EBB_PROGRESS_DAYS_MAX];
} ebb_progress_series;

typedef struct ebb_progress {
    int32_t first_day, last_day;  /* the days the charts cover */
    int days;                     /* last_day - first_day + 1; 0: no sessions at all */
    size_t sessions;              /* sessions in those days */
    ebb_progress_series rest, rest_sd, release, endurance, mvc;
    ebb_unit mvc_unit;
    ebb_progress_series stars[EBB_LEVEL_KIND_COUNT];
    ebb_progress_series count;    /* sessions each day (0, never NaN, inside the range) */
    ebb_progress_series plan;     /* sessions the pack asked for each day; NaN: no pack */
} ebb_progress;

typedef enum ebb_progress_trend {
    EBB_TREND_UNKNOWN = 0,   /* too few days with a value */
    EBB_TREND_DOWN,
    EBB_TREND_FLAT,
    EBB_TREND_UP
} ebb_progress_trend;

/* Builds the daily series from sessions (any order) over the `days` days ending with the
 * last session's day (days <= EBB_PROGRESS_DAYS_MAX). plan: sessions asked for on each of
 * those days, oldest first (NULL: no pack). */
void ebb_progress_build(const ebb_progress_session *s, size_t n, int days, const float *plan,
                        ebb_progress *out);

/* The direction of a series: the mean of its first third of valued days against its last
 * third; changes smaller than `flat` (in the series' unit) are FLAT. Needs 3 valued days.
 * *from and *to (may be NULL) get those two means. */
ebb_progress_trend ebb_progress_trend_of(const ebb_progress_series *s, int days, float flat,
                                         float *from, float *to);

/* Lowest and highest value of a series (false when it has none). */
bool ebb_progress_range(const ebb_progress_series *s, int days, float *lo, float *hi);

/* A chart's one-line reading in calm plain words ("Your rest has become lower and steadier
 * over three weeks."). */
void ebb_progress_reading(const ebb_progress *p, ebb_progress_chart chart, char *buf,
                          size_t size);

/* "over 5 days", "over two weeks": how long the valued days of a series span. */
void ebb_progress_span_words(const ebb_progress_series *s, int days, char *buf, size_t size);

/* Sessions a pack's schedule asks for on day `day` of its program (1 = the install day; 0
 * before it). */
unsigned ebb_progress_plan_on(const ebb_pack *pack, int day);

/* A unit as a person reads it ("µV" rather than "uV"). */
const char *ebb_progress_unit_words(ebb_unit unit);

#endif
