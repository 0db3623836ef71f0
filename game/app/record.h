/* Keeping what the person did: a practice session is written to the history as it is
 * played (engine/io/history_live.h): its row when the level starts, each step as it ends,
 * its input frames to a recording beside the history, and the result at the end.
 *
 * Sessions driven by a replay or the simulator are re-scorings and demos, not practice, so
 * they are not recorded. A history that cannot be written is reported once and never stops
 * the game. */
#ifndef EBB_RECORD_H
#define EBB_RECORD_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/session.h"
#include "io/history_live.h"

/* Starts recording a session that begins now. NULL when it is not practice or when the
 * history cannot be written (said once on warn, which may be NULL). */
ebb_history_live *ebb_record_begin(const ebb_level *level, time_t started_at,
                                   const char *probe_spec, FILE *warn);

/* After each ebb_session_tick, with the frame the session was given. L may be NULL. */
void ebb_record_tick(ebb_history_live *L, ebb_session *s, const ebb_frame *frame,
                     const ebb_tick_events *ev);

/* Stores the result (finished or stopped early) and ends the record; *L becomes NULL.
 * Returns true when everything was kept. */
bool ebb_record_end(ebb_history_live **L, ebb_session *s, FILE *warn);

#endif
