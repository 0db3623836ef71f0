/* Scheduled sounds for the audio thread: cues, ticks and chimes that start on an exact frame
 * of the sound device, the breathing pacer, and the effort tone (sonify.h).
 *
 * Pure (no SDL) and lock-free. One producer (the game thread) posts messages into a
 * single-producer/single-consumer ring (C11 atomics) and writes the effort into an atomic;
 * one consumer (the audio callback) renders. ebb_voices_render() never allocates, locks or
 * does I/O, and its work is bounded (at most EBB_VOICES_MAX voices, one pacer, one tone).
 *
 * Why schedule: the game learns of a step change only on the frame after the device clock
 * passed it (up to a frame of the display, ~16 ms, plus a buffer), so a sound started "now"
 * would land up to ~26 ms late. Posted a little ahead (schedule.c looks ahead 60 ms) with the
 * device frame where the step begins, a cue starts on that very frame. A message that
 * arrives late starts at once.
 *
 * Ownership: the sample data of the slots belongs to the caller and must outlive rendering. */
#ifndef EBB_VOICES_H
#define EBB_VOICES_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sound/reward.h"
#include "sound/sonify.h"

#define EBB_VOICE_SLOTS 16  /* prepared sounds (cues and game sounds) */
#define EBB_VOICES_MAX 6    /* sounding at once */
#define EBB_VOICE_QUEUE 64  /* messages in flight (a power of two) */

typedef enum ebb_voice_msg_type {
    EBB_VMSG_PLAY = 1,      /* start slot at `start` (or at once if `now` or already past) */
    EBB_VMSG_PACER,         /* pacer phase from `start` for `length` frames (NONE: stop) */
    EBB_VMSG_CANCEL,        /* forget sounds, speech and pacer phases not started yet */
    EBB_VMSG_SPEAK,         /* speak `pcm` (`length` frames at the rate) from `start` */
    EBB_VMSG_HUSH           /* stop all speech now, with a short fade (its samples go away) */
} ebb_voice_msg_type;

typedef struct ebb_voice_msg {
    uint8_t type;           /* ebb_voice_msg_type */
    uint8_t slot;           /* PLAY */
    uint8_t phase;          /* PACER: ebb_pacer_phase */
    bool now;
    uint32_t start;         /* device frame (wraps) */
    uint32_t length;        /* PACER, SPEAK: frames */
    const int16_t *pcm;     /* SPEAK: owned by the caller until a HUSH has been taken */
} ebb_voice_msg;

typedef struct ebb_voice {
    bool active, started;
    uint8_t slot;
    uint32_t start;
    size_t pos;
} ebb_voice;

/* Speech: at most two phrases at once (one ending while the next is posted ahead). While a
 * phrase sounds, everything else on the guide channel is ducked (EBB_VOICES_DUCK) so that
 * the words stay clear; the schedule also keeps phrases clear of cues and countdown ticks. */
#define EBB_SPEECH_MAX 2
#define EBB_VOICES_DUCK 0.3f

typedef struct ebb_speech_voice {
    bool active, started;
    const int16_t *pcm;
    uint32_t len, pos, start;
    uint32_t fade;          /* > 0: fading out over this many more frames (a hush) */
} ebb_speech_voice;

/* Gains of the layers (settings), 0..1, as atomics the game thread writes. */
typedef enum ebb_voices_layer {
    EBB_LAYER_CUES = 0,     /* cues, ticks, chimes, pacer, effort tone */
    EBB_LAYER_SPEECH,
    EBB_LAYER_REWARD,       /* the calm soundscape: drone and chimes (reward.h) */
    EBB_LAYER_COUNT
} ebb_voices_layer;

typedef struct ebb_pacer_seg {
    bool pending;           /* for `next`: waiting for its start frame */
    bool now;
    uint8_t phase;
    uint32_t start, length;
} ebb_pacer_seg;

typedef struct ebb_voices {
    int rate;
    /* Set before rendering starts, read-only afterwards. */
    const int16_t *sample[EBB_VOICE_SLOTS];
    size_t len[EBB_VOICE_SLOTS];
    float gain[EBB_VOICE_SLOTS];
    /* Game thread to audio thread. */
    ebb_voice_msg queue[EBB_VOICE_QUEUE];
    atomic_uint head;       /* written by the producer */
    atomic_uint tail;       /* written by the consumer */
    atomic_uint effort_q;   /* effort * 65535 */
    atomic_bool tone_on;
    atomic_uint gain_q[EBB_LAYER_COUNT]; /* gain * 65535 */
    atomic_bool reward_on;
    atomic_uint calm_q, busy_q;          /* * 65535 */
    atomic_uint hushes_taken;            /* HUSH messages the audio thread has taken */
    /* Audio thread only. */
    ebb_speech_voice speech[EBB_SPEECH_MAX];
    float duck;
    ebb_reward reward;
    float reward_level;                  /* fades the soundscape in and out */
    ebb_voice v[EBB_VOICES_MAX];
    ebb_pacer_seg pacer, pacer_next;
    ebb_sonify sonify;
} ebb_voices;

void ebb_voices_init(ebb_voices *vs, int rate);

/* Before rendering starts: the samples of a slot (mono, at the rate) and its gain (0..1). */
void ebb_voices_set_slot(ebb_voices *vs, int slot, const int16_t *samples, size_t len,
                         float gain);

/* Game thread. Returns false when the ring is full (the message is dropped). */
bool ebb_voices_post(ebb_voices *vs, const ebb_voice_msg *m);
void ebb_voices_set_effort(ebb_voices *vs, bool on, float effort);

/* Game thread: a layer's gain (0..1); the soundscape on or off, and how calm and busy. */
void ebb_voices_set_gain(ebb_voices *vs, ebb_voices_layer layer, float gain);
void ebb_voices_set_reward(ebb_voices *vs, bool on, float calm, float busy);

/* Audio thread: renders device frames [frame, frame + n) into out (overwrites; full scale 1). */
void ebb_voices_render(ebb_voices *vs, uint32_t frame, float *out, size_t n);

#endif
