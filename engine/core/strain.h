/* "Lift, don't push": spotting straining (bearing down) instead of lifting, from the
 * accessory (abdominal) channel. Pure (no SDL), unit-tested in tests/game/test_strain.c.
 *
 * Pressure probes also read abdominal pressure, and a second channel (abdominal pressure or
 * EMG) shows when the belly works with the pelvic floor. During a squeeze, when the abd
 * effort is above EBB_STRAIN_ABD_MIN and above EBB_STRAIN_RATIO x the pf effort for
 * EBB_STRAIN_HOLD_S, the game shows a gentle hint; it then stays up at least
 * EBB_STRAIN_SHOW_S so it never flickers. Frames without the abd channel never trigger it. */
#ifndef EBB_STRAIN_H
#define EBB_STRAIN_H

#include <stdbool.h>

#include "core/frame.h"
#include "core/level.h"

#define EBB_STRAIN_ABD_MIN 0.35f
#define EBB_STRAIN_RATIO 0.6f
#define EBB_STRAIN_HOLD_S 0.5f
#define EBB_STRAIN_SHOW_S 3.0f
#define EBB_STRAIN_TEXT "Lift, don't push \xe2\x80\x94 let your belly stay soft"

typedef struct ebb_strain {
    float over_s;   /* how long the condition has held without a break */
    float show_s;   /* how much longer the hint stays up */
} ebb_strain;

void ebb_strain_init(ebb_strain *s);

/* Whether a step asks for a lift (squeeze, flick, ramp): only then is straining watched. */
bool ebb_strain_step_watched(ebb_step_kind kind);

/* One tick of dt_s seconds with this frame, during a step that is watched or not. Returns
 * whether the hint shows now. A lost frame changes nothing. */
bool ebb_strain_tick(ebb_strain *s, const ebb_frame *f, bool watched, float dt_s);

#endif
