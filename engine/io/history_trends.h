/* Reading the history for comparisons and progress: the person's own past values of a level's
 * metrics (for the results' sentences, "quicker than last week's 1.9 s"), and the finished
 * sessions of the last weeks as the progress charts need them (core/progress.h).
 *
 * Both read the metrics stored in each session's result JSON (docs/metrics.md names them), so
 * sessions re-scored by `ebb rescore` count with their new values. Nothing here writes. */
#ifndef EBB_HISTORY_TRENDS_H
#define EBB_HISTORY_TRENDS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/metrics.h"
#include "core/progress.h"
#include "io/history.h"

/* The past of one level: the last finished session before `now`, and the one closest to a
 * week before `now` (played 5 to 10 days before it). */
typedef struct ebb_history_past {
    bool has_last, has_week;
    ebb_metrics_past last;   /* when: "earlier today's", "yesterday's" or "last time's" */
    ebb_metrics_past week;   /* when: "last week's" */
} ebb_history_past;

bool ebb_history_past_read(ebb_history *h, const char *level_id, time_t now,
                           ebb_history_past *out, char *err, size_t err_size);

/* What the sentences compare with: a week ago when there is such a session (progress over a
 * week means more than over one session), else the last session, else nothing (false). */
bool ebb_history_past_pick(const ebb_history_past *p, ebb_metrics_past *out);

/* For play: opens the default history read-only and fills *out for level_id (false, with
 * *out empty, when there is no history or no past; never an error worth stopping for). */
bool ebb_history_past_load(const char *level_id, time_t now, ebb_metrics_past *out);

/* Finished sessions (done or stopped) started on or after `since` (ISO-8601 UTC; NULL: all),
 * oldest first, into a new array (free() it). Days are local dates as days from 1970-01-01. */
bool ebb_history_progress_sessions(ebb_history *h, const char *since,
                                   ebb_progress_session **out, size_t *count, char *err,
                                   size_t err_size);

/* The local date of t as days from 1970-01-01 (the scale progress sessions use). */
int32_t ebb_history_local_day(time_t t);

#endif
