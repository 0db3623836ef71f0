/* Eyes-closed sound: the effort tone (sonification), the breathing pacer in sound, and the
 * ambience bed. Pure (no SDL, no allocation, no locks): the audio thread renders these sample
 * by sample from targets the game thread hands over (voices.h), and the unit tests render
 * them into plain buffers (tests/game/test_sonify.c).
 *
 *   effort tone  a soft sine (a touch of second harmonic) whose pitch follows effort
 *                exponentially, EBB_SONIFY_LOW_HZ at 0 to EBB_SONIFY_HIGH_HZ at 1 (an octave:
 *                equal steps of effort sound like equal steps of pitch). Pitch and level are
 *                smoothed (EBB_SONIFY_SMOOTH_S) so a jumpy signal never warbles, and the level
 *                rises a little with effort. Quiet: at most EBB_SONIFY_PEAK of full scale.
 *   pacer        the breathing steps in sound: over a breathe-in step a tone glides up a fifth
 *                (EBB_PACER_LOW_HZ to EBB_PACER_HIGH_HZ) with an airy swell of soft filtered
 *                noise, over a breathe-out step it glides down; a breath hold is a soft steady
 *                tone. Each phase fades in and out (no clicks), so the level can be followed
 *                by sound alone.
 *   ambience     a quiet ocean-like bed: brown-ish noise with slow swells, rendered once at
 *                start-up and looped (its end joins its start without a seam). */
#ifndef EBB_SONIFY_H
#define EBB_SONIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EBB_SONIFY_LOW_HZ 220.0f
#define EBB_SONIFY_HIGH_HZ 440.0f
#define EBB_SONIFY_PEAK 0.09f     /* of full scale, at full effort */
#define EBB_SONIFY_SMOOTH_S 0.05f /* time constant of the pitch and level smoothing */
#define EBB_PACER_LOW_HZ 196.0f   /* G3 */
#define EBB_PACER_HIGH_HZ 293.66f /* D4: a fifth above */
#define EBB_PACER_PEAK 0.10f      /* of full scale */

typedef enum ebb_pacer_phase {
    EBB_PACER_NONE = 0,
    EBB_PACER_IN,
    EBB_PACER_OUT,
    EBB_PACER_HOLD
} ebb_pacer_phase;

/* Pitch of the effort tone for an effort 0..1 (clamped). */
float ebb_sonify_effort_hz(float effort);

/* The pacer's shape at `pos` seconds into a phase lasting `len` seconds: its pitch (Hz) and
 * its level (0..1 of EBB_PACER_PEAK), and how much breath noise joins in (0..1). Pitch glides
 * with a smoothstep (gentle at both ends); the level fades in over the first 0.3 s and out over
 * the last 0.35 s (shorter in short phases). NONE or pos outside [0, len]: level 0. */
void ebb_pacer_shape(ebb_pacer_phase phase, float pos, float len, float *hz, float *level,
                     float *air);

/* The running state of the effort tone and the pacer (zeroed by init; a plain struct so the
 * audio thread can own it without allocating). */
typedef struct ebb_sonify {
    float rate;
    double phase;        /* effort tone oscillator, radians */
    double pacer_phase;  /* pacer oscillator */
    float hz, amp;       /* smoothed effort tone */
    float pacer_hz;      /* last pacer pitch (kept through fades) */
    float pacer_amp;     /* smoothed pacer level */
    float air_lp1, air_lp2; /* breath-noise filter */
    float air_k;         /* its coefficient */
    uint32_t noise;      /* xorshift state */
} ebb_sonify;

void ebb_sonify_init(ebb_sonify *s, int rate);

/* What the effort tone should do now. */
typedef struct ebb_sonify_target {
    bool on;
    float effort;        /* 0..1 */
} ebb_sonify_target;

/* Adds one sample of the effort tone to *out (float, full scale is 1). */
void ebb_sonify_tone(ebb_sonify *s, const ebb_sonify_target *t, float *out);

/* Adds one sample of the pacer at `pos` seconds into a phase of `len` seconds. */
void ebb_sonify_pacer(ebb_sonify *s, ebb_pacer_phase phase, float pos, float len, float *out);

/* Renders n samples of the ambience bed (loopable: sample n-1 runs on into sample 0), peak
 * about `peak` of full scale. Deterministic for a given seed. */
void ebb_ambience_render(int16_t *out, size_t n, int rate, float peak, uint32_t seed);

#endif
