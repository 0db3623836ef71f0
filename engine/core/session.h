/* The session runner: plays one level against a stream of input frames, one per tick.
 *
 * The runner's output depends only on the level and the frames it is given (no clock, no
 * randomness, no I/O), so a recorded session replays bit for bit. The game calls
 * ebb_session_tick() at EBB_TICK_HZ from its fixed-step loop; headless runs call it as fast
 * as the input allows. Rendering and audio only read the session, never advance it.
 *
 * Ownership: the session keeps a pointer to the level, which must outlive it. */
#ifndef EBB_SESSION_H
#define EBB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/frame.h"
#include "core/calib.h"
#include "core/level.h"
#include "core/metrics.h"
#include "core/score.h"

typedef struct ebb_session ebb_session;

/* What happened during one tick, for cues and captions. */
typedef struct ebb_tick_events {
    int step_started;   /* index of the step that began this tick, or -1 */
    bool finished;      /* the last step ended this tick */
    bool signal_lost;   /* the input went quiet this tick: the session holds still */
    bool signal_back;   /* the input came back this tick */
} ebb_tick_events;

/* Returns NULL only when out of memory. */
ebb_session *ebb_session_create(const ebb_level *level);
void ebb_session_destroy(ebb_session *s);

/* Advances one tick with this frame. A frame whose signal is EBB_SIGNAL_LOST does not
 * advance level time. After the session has finished, further ticks do nothing. */
void ebb_session_tick(ebb_session *s, const ebb_frame *frame, ebb_tick_events *events);

/* Ends the session early (input ended before the level did). Steps not reached score 0 and
 * the result is marked incomplete. */
void ebb_session_abort(ebb_session *s);

bool ebb_session_finished(const ebb_session *s);
bool ebb_session_signal_lost(const ebb_session *s);
uint32_t ebb_session_elapsed_ms(const ebb_session *s);      /* level time played */
size_t ebb_session_step_index(const ebb_session *s);         /* current step */

/* Tells the session that pelvic floor readings (frame raw[EBB_CH_PF]) are in this calibrated
 * unit, so that metrics are also given in it (µV, cmH2O). Call before the first tick;
 * without it metrics are in % of MVC only. */
void ebb_session_set_calib(ebb_session *s, const ebb_calib *calib);

/* The person's past values that metric sentences compare with (copied; NULL: none). The
 * caller fills it from history; the core never reads history itself. */
void ebb_session_set_past(ebb_session *s, const ebb_metrics_past *past);

/* The measured rest `rest+N%` band ends are moved up by in the current step: the mean
 * pelvic floor effort over the scored time of the rest steps played so far (0, the
 * calibrated rest, before the first rest step has ended). */
float ebb_session_measured_rest(const ebb_session *s);

/* Score and metrics so far (complete once finished; the clinical metrics in r->metrics are
 * brought up to date when a step ends, so that calling this every frame stays cheap). The result borrows memory from the
 * session and stays valid until the next tick or destroy. */
const ebb_result *ebb_session_result(ebb_session *s);

#endif
