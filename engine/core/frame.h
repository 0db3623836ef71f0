/* The input frame: everything the session runner learns from the person in one tick.
 *
 * Every input source (keyboard, gamepad, mouse, replay file, and later serial, sound card,
 * OSC and the simulator) ends as one of these per tick, the way Doom's ticcmd_t is all the
 * simulation ever sees of a player. Recording these frames is enough to replay a session
 * bit for bit. */
#ifndef EBB_FRAME_H
#define EBB_FRAME_H

#include <stdint.h>

/* The session advances in fixed ticks of 10 ms (100 Hz). Why 100 Hz: it is fast enough that
 * a tick adds at most 10 ms to the probe-to-screen delay (feedback delay matters for motor
 * learning), fine enough to measure release times to 1/100 s, and every level duration written
 * in whole milliseconds of ten maps to an exact number of ticks, so no rounding drift. */
#define EBB_TICK_HZ 100
#define EBB_TICK_MS 10

typedef enum ebb_channel {
    EBB_CH_PF = 0,  /* pelvic floor */
    EBB_CH_ABD,     /* abdominal / accessory muscles */
    EBB_CH_BREATH,  /* breath (belt, or manual input following the breath) */
    EBB_CH_COUNT
} ebb_channel;

typedef enum ebb_signal_state {
    EBB_SIGNAL_OK = 0,
    EBB_SIGNAL_LOST     /* the source went quiet: the runner holds still until it returns */
} ebb_signal_state;

typedef struct ebb_frame {
    float effort[EBB_CH_COUNT]; /* 0..1 of the person's maximum (MVC); only valid if present */
    float raw[EBB_CH_COUNT];    /* value in the source's own unit, for recording */
    float env[EBB_CH_COUNT];    /* processed level before calibration (EMG envelope in uV,
                                   filtered pressure); 0 where the source does no processing */
    uint8_t present;            /* bit (1u << channel) set for each channel the source gives */
    uint8_t signal;             /* ebb_signal_state */
} ebb_frame;

/* The effort that breathing steps follow: the breath channel where the source has one,
 * otherwise the pelvic floor channel (manual input is a single channel). */
float ebb_frame_breath_effort(const ebb_frame *f);

/* A frame with only the pelvic floor channel set; value is clamped to 0..1. */
ebb_frame ebb_frame_pf(float effort);

#endif
