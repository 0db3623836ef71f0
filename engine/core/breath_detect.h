/* Breath from a microphone: phase detection (in / out / pause) from the sound of breathing.
 *
 * Pure code (libc and libm only). An out-breath near a laptop or headset microphone is
 * broadband noise; an in-breath is the same kind of noise, quieter; silence is a pause. Per
 * sample and per 10 ms tick:
 *
 *   x ─▶ band-pass (4th-order Butterworth high-pass 200 Hz, low-pass 3.5 kHz or 0.45·fs):
 *        above the rumble of rooms and handling, below what small microphones add as hiss
 *     ─▶ mean power over the tick, in dB
 *     ─▶ median of the last 5 ticks (50 ms): a keyboard click or a tap lasts one or two
 *        ticks and vanishes here, at a cost of 20 ms
 *     ─▶ minus the noise floor, learnt during a quiet calibration (the first `calib_ms`
 *        after creation or ebb_breath_recalibrate), then followed slowly during pauses
 *     ─▶ phases with hysteresis: sound starts above floor + EBB_BREATH_ON_DB and ends below
 *        floor + EBB_BREATH_OFF_DB. Breaths alternate, so a new sound is the opposite of
 *        the last breath; its loudness corrects the guess (an out-breath is louder than an
 *        in-breath: the split is learnt as the midpoint of the two kinds' peaks).
 *     ─▶ a lung-volume guess 0..1 for the game: rising while breathing in, falling while
 *        breathing out, held in a pause (pacing is scored from its direction).
 *
 * A sound shorter than EBB_BREATH_MIN_MS is not counted as a breath (a cough, a click that
 * survived the median) and does not change which breath comes next.
 *
 * Memory: allocated by ebb_breath_create(); feeding samples never allocates. Not thread-safe:
 * one thread feeds and collects (the probe's poll), never the audio callback. */
#ifndef EBB_BREATH_DETECT_H
#define EBB_BREATH_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EBB_BREATH_RATE_MIN 8000u
#define EBB_BREATH_RATE_MAX 48000u
#define EBB_BREATH_CALIB_MS_DEFAULT 2000u
#define EBB_BREATH_CALIB_MS_MAX 10000u
#define EBB_BREATH_ON_DB 5.0f   /* a sound starts this far above the floor */
#define EBB_BREATH_OFF_DB 3.0f  /* ... and ends below this (hysteresis) */
#define EBB_BREATH_MIN_MS 250u  /* shorter sounds are not breaths */
#define EBB_BREATH_FLOOR_MIN_DB (-100.0f) /* the floor is never taken below this (dBFS) */
#define EBB_BREATH_TICK_QUEUE 128u

typedef enum ebb_breath_phase {
    EBB_BREATH_PAUSE = 0,
    EBB_BREATH_IN,
    EBB_BREATH_OUT
} ebb_breath_phase;

/* Zero fields take the defaults. */
typedef struct ebb_breath_desc {
    unsigned rate;      /* sample rate, EBB_BREATH_RATE_MIN..MAX */
    uint32_t calib_ms;  /* quiet calibration at the start (default 2000 ms) */
    float in_fill_s;    /* an in-breath this long fills the volume guess from 0 to 1 (3 s) */
    float out_empty_s;  /* an out-breath this long empties it (4 s) */
} ebb_breath_desc;

typedef struct ebb_breath_tick {
    ebb_breath_phase phase;
    bool calibrating;   /* still learning the floor: phase is PAUSE, volume held */
    float level_db;     /* band energy over the floor (after the median), dB */
    float volume;       /* lung-volume guess 0..1 */
} ebb_breath_tick;

typedef struct ebb_breath_stats {
    float floor_db;     /* the noise floor, dB of full scale (band power) */
    float split_db;     /* the in/out loudness split over the floor (NAN until learnt) */
    uint64_t breaths_in, breaths_out; /* sounds long enough to count, by kind */
    uint64_t short_sounds;            /* sounds too short to be breaths */
    uint64_t non_finite;              /* NaN/inf samples read as silence */
} ebb_breath_stats;

typedef struct ebb_breath ebb_breath;

/* Returns NULL with the reason in err for a rate or calibration out of range. */
ebb_breath *ebb_breath_create(const ebb_breath_desc *desc, char *err, size_t err_size);
void ebb_breath_destroy(ebb_breath *b);

/* Forgets the floor and learns it again over the next calib_ms (`ebb calibrate --probe mic`,
 * or a new room). Phase goes to PAUSE; the volume guess is kept. */
void ebb_breath_recalibrate(ebb_breath *b);

/* Feeds samples (full scale ±1). Each completed tick is queued; collect them with
 * ebb_breath_next_tick (the oldest are dropped past EBB_BREATH_TICK_QUEUE). */
void ebb_breath_feed(ebb_breath *b, const float *x, size_t n);
bool ebb_breath_next_tick(ebb_breath *b, ebb_breath_tick *out);

ebb_breath_stats ebb_breath_get_stats(const ebb_breath *b);
const char *ebb_breath_phase_name(ebb_breath_phase p);

#endif
