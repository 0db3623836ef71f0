/* A live session's record: the history row written when the level starts, each step
 * committed as it ends, the input frames appended to the session's recording, and the
 * whole result stored when it ends. This is what the window and headless play call; the
 * order of writes is what makes a kill at any moment lose no completed step
 * (docs/history.md, "Durability").
 *
 * Ownership: _start() returns a record that _finish() stores, closes and frees. Failures
 * never stop play: the first one is kept as a message (ebb_history_live_error) and the
 * record goes on with whatever still works. */
#ifndef EBB_HISTORY_LIVE_H
#define EBB_HISTORY_LIVE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/session.h"

typedef struct ebb_history_live ebb_history_live;

typedef struct ebb_history_live_desc {
    const ebb_level *level;
    const char *probe_spec;
    time_t started_at;
    const char *path;  /* the store; NULL: the default (ebb_history_default_path) */
} ebb_history_live_desc;

/* Opens the store, writes the live row (with the active pack and the probe's calibration)
 * and starts the recording. NULL with a message in err when the store cannot be written. */
ebb_history_live *ebb_history_live_start(const ebb_history_live_desc *d, char *err,
                                         size_t err_size);

/* After each ebb_session_tick: records the frame the session was given and commits the
 * steps that ended this tick. */
void ebb_history_live_tick(ebb_history_live *L, ebb_session *s, const ebb_frame *frame,
                           const ebb_tick_events *ev);

/* Stores the result (finished, or stopped early) and frees L. False with a message when
 * something could not be stored. */
bool ebb_history_live_finish(ebb_history_live *L, ebb_session *s, char *err, size_t err_size);

int64_t ebb_history_live_id(const ebb_history_live *L);

/* The first thing that went wrong, or "". */
const char *ebb_history_live_error(const ebb_history_live *L);

#endif
