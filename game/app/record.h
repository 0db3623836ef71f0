/* Keeping what the person did: a finished (or stopped) session goes into the history
 * (SQLite, engine/io/history.h) so that progress and pack programs can use it.
 *
 * Sessions driven by a replay or the simulator are re-scorings and demos, not practice, so
 * they are not recorded. A history that cannot be written is reported once and never stops
 * the game. */
#ifndef EBB_RECORD_H
#define EBB_RECORD_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/score.h"

/* Returns true when the session was stored (false: not a practice session, or an error that
 * was written to warn, which may be NULL). */
bool ebb_record_session(const ebb_result *r, time_t started_at, const char *probe_spec,
                        FILE *warn);

#endif
