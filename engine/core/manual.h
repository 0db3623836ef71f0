/* Manual input: turns keys, a gamepad trigger or the mouse into effort with a realistic ramp.
 *
 * A real squeeze takes a few hundred milliseconds to build and to let go; a key is on or off.
 * This model sits between the two so that keyboard play looks and scores like a person:
 *   - Space held: effort rises toward the hold level (default 70 %) with a 0.25 s time
 *     constant (10-90 % in about 0.55 s); released: it falls back to the base level with a
 *     0.30 s time constant.
 *   - Up/Down held: with Space, move the hold level; without Space, move the base level
 *     (a slow, graded squeeze). Both move 40 % a second, so a tap is a small step.
 *   - An analog value (gamepad trigger, mouse height) 0..1 is followed with a 0.08 s time
 *     constant, only to smooth the device's own jitter.
 * Pure and deterministic: advances exactly one tick per call. */
#ifndef EBB_MANUAL_H
#define EBB_MANUAL_H

#include <stdbool.h>

#define EBB_MANUAL_HOLD_DEFAULT 0.7f
#define EBB_MANUAL_RISE_TAU_S 0.25f
#define EBB_MANUAL_FALL_TAU_S 0.30f
#define EBB_MANUAL_ANALOG_TAU_S 0.08f
#define EBB_MANUAL_ARROW_RATE 0.4f  /* per second */

typedef struct ebb_manual_input {
    bool squeeze;   /* Space */
    bool up, down;  /* arrows */
    bool analog_active;
    float analog;   /* 0..1 when analog_active */
} ebb_manual_input;

typedef struct ebb_manual {
    float effort;      /* current output, 0..1 */
    float hold_level;  /* where Space squeezes to */
    float base_level;  /* where effort settles without Space */
} ebb_manual;

void ebb_manual_init(ebb_manual *m);

/* Advances one tick and returns the new effort. */
float ebb_manual_tick(ebb_manual *m, const ebb_manual_input *in);

#endif
