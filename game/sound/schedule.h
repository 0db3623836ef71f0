/* Guidance scheduling: the sounds of the guide plan (guide.h) handed to the voices (voices.h),
 * each on the sound-device frame where its level time falls.
 *
 * Pure arithmetic and bookkeeping (no SDL), so it runs and is tested without a sound card:
 * tests/game/test_schedule.c. audio.c owns the device and the voices and passes its
 * ebb_schedule in; everything here happens on the game thread. A NULL schedule means "no
 * sound": the captions of ticks and chimes still follow (the play screen shows them).
 *
 * Level time and device frames: the play clock (clock.h) knows that clock time audio_ms was
 * heard when the device had mixed audio_last frames, and that its ticks run one for one with
 * level ticks (ticked_ms handed out for elapsed_ms of level time). A sound due at level time
 * at_ms therefore starts on frame audio_last + (ticked_ms + at_ms - elapsed_ms - audio_ms) *
 * rate / 1000. When the clock is not following the device (no sound seen yet, or stalled), a
 * sound starts at once instead. */
#ifndef EBB_SCHEDULE_H
#define EBB_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#include "app/clock.h"
#include "core/level.h"
#include "core/session.h"
#include "sound/guide.h"
#include "sound/voice.h"
#include "sound/voices.h"

/* The voices' slots: 1..EBB_CUE_COUNT-1 are the step cues (by ebb_cue), then these. */
#define EBB_SLOT_TICK EBB_CUE_COUNT
#define EBB_SLOT_REP_OK (EBB_CUE_COUNT + 1)
#define EBB_SLOT_COMPLETE (EBB_CUE_COUNT + 2)

/* How far ahead sounds are handed out, once per frame: more than a display frame and a device
 * buffer, so a cue is posted before its frame is mixed. */
#define EBB_SCHEDULE_AHEAD_MS 60u

typedef struct ebb_schedule {
    ebb_voices *voices;  /* where the messages go (audio.c owns it) */
    int rate;            /* device frames per second */
    unsigned cancels;    /* CANCEL messages posted: a pause or a lost signal */
    bool quiet;          /* the tone and the pacer are off (nothing to stop) */
    bool complete_sent;  /* the level-complete chime is scheduled on the last frame */
    const ebb_voice_set *speech; /* the level's phrases (voice.h), or NULL: no voice */
    uint32_t spoken_at;  /* level time of the last phrase handed out: its cue stays quiet */
    bool spoken;
    unsigned phrases;    /* phrases handed out (for tests) */
    const ebb_clock *clock; /* the play clock last seen by ebb_schedule_frame: a phrase due in
                             * a catch-up tick still gets its frame, and starts part-way
                             * through if that frame has passed (voices.c), never late */
    /* Optional, for tests: told of every cue and phrase handed out, with the step it starts
     * and its device frame (now: started at once, frame unknown). audio.c sets it from
     * EBB_TEST_SOUND_TRACE. */
    void (*trace)(void *ctx, bool phrase, size_t step, bool now, uint32_t frame);
    void *trace_ctx;
} ebb_schedule;

void ebb_schedule_init(ebb_schedule *s, ebb_voices *voices, int rate);

/* The device frame where level time at_ms falls, the level having played elapsed_ms; false
 * when the clock is not following the device (the sound then starts at once). */
bool ebb_schedule_level_frame(const ebb_clock *c, int rate, uint32_t elapsed_ms,
                              uint32_t at_ms, uint32_t *frame);

/* A length in level milliseconds as device frames (rounded down). */
uint32_t ebb_schedule_frames(uint32_t ms, int rate);

/* Starts a slot at once (a game sound outside the level's own plan). */
void ebb_schedule_play_now(ebb_schedule *s, int slot);

/* Forgets what was handed out ahead (the game pauses): it would sound at the wrong moment. */
void ebb_schedule_cancel(ebb_schedule *s);

/* True once after the level-complete chime was scheduled with the level's last frame: the
 * results screen's own chime is then not played a second time. */
bool ebb_schedule_take_complete(ebb_schedule *s);

/* Once per tick, after ebb_session_tick: the rep chime when a squeeze, release or flick ended
 * well, and any sound due now that was not handed out ahead (after a catch-up). */
void ebb_schedule_tick(ebb_schedule *s, ebb_guide *g, const ebb_level *lv, ebb_session *ses,
                       const ebb_tick_events *ev);

/* Once per frame, after the ticks: hands out the sounds of the next EBB_SCHEDULE_AHEAD_MS,
 * each on its device frame, and in eyes-closed mode sets the effort tone (effort 0..1) and
 * the pacer. While the signal is lost, what was handed out is cancelled and nothing more is. */
void ebb_schedule_frame(ebb_schedule *s, ebb_guide *g, const ebb_level *lv, ebb_session *ses,
                        const ebb_clock *c, bool eyes_closed, float effort);

/* The level is over or left: the effort tone and the pacer fade out, nothing more is due. */
void ebb_schedule_stop(ebb_schedule *s);

#endif
