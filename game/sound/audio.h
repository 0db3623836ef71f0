/* Sound: the step cues, synthesised at start-up (synth.h) and played through SDL_mixer.
 *
 * Opening is allowed to fail (no sound card is a normal situation): the game then plays
 * silently with captions and says so once. Ownership: ebb_audio_open() owns the device and
 * the chunks until ebb_audio_close(). */
#ifndef EBB_AUDIO_H
#define EBB_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/clock.h"
#include "sound/guide.h"
#include "sound/schedule.h"
#include "core/level.h"
#include "core/session.h"
#include "settings/settings.h"
#include "sound/synth.h"

typedef struct ebb_audio ebb_audio;

/* Opens the default device at 48 kHz mono S16 with a 480-sample buffer (10 ms, so a cue
 * starts within about a buffer of being asked for) and renders every cue. Returns NULL with
 * the reason in err when there is no usable device. */
ebb_audio *ebb_audio_open(char *err, size_t err_size);
void ebb_audio_close(ebb_audio *a);

/* Plays one of the game's own sounds (signal lost/back, ticks, chimes) on its own channel,
 * so a level cue never cuts it. NULL audio: nothing. */
void ebb_audio_sound(ebb_audio *a, ebb_sound s);

/* Pauses or resumes whatever is playing (the pause overlay). */
void ebb_audio_pause(ebb_audio *a, bool paused);

/* The sound device's clock: frames mixed so far (wrapping at 2^32) and the rate. Returns
 * false without sound. The play clock follows it (see clock.h). */
bool ebb_audio_clock(ebb_audio *a, uint32_t *frames, int *rate);

/* Applies the volumes (master x cue for cues and game sounds, master x ambience for the
 * ambience bed, which plays, looped, while the ambience volume is above 0). Cheap when nothing
 * changed: app.c calls it every frame. NULL audio: nothing. */
void ebb_audio_settings(ebb_audio *a, const ebb_settings *st);

/* ---- audio guidance in play (guide.h): each passes this device's schedule to the
 * ebb_schedule_* function of the same name (schedule.h says what they do). audio may be NULL:
 * nothing sounds, and the captions still follow. ---- */
void ebb_audio_guide_tick(ebb_audio *a, ebb_guide *g, const ebb_level *lv, ebb_session *s,
                          const ebb_tick_events *ev);
void ebb_audio_guide_frame(ebb_audio *a, ebb_guide *g, const ebb_level *lv, ebb_session *s,
                           const ebb_clock *c, bool eyes_closed, float effort);
void ebb_audio_guide_stop(ebb_audio *a);

/* ---- the voice (voice.h) and the calm soundscape (reward.h) ---- */

/* When a level loads: stops the last level's speech and, when the voice is on for this level
 * (settings), starts making its phrases on a worker thread; the guide speaks each phrase on
 * its step once it is ready. The voice is "loaded", and this returns, once the level's first
 * spoken phrase is ready (made or given up; at most 1.5 s): the level waits for nothing
 * else, and a later phrase not ready at its step is skipped (the step keeps its cue tone).
 * notes: the therapist's notes when the level comes from the active pack (said after the
 * first caption, voice.h), or NULL. Without a voice (flite missing or failing) it says so once
 * on stderr and the captions and tones carry on. NULL audio: nothing. */
void ebb_audio_voice_load(ebb_audio *a, const ebb_level *lv, const ebb_settings *st,
                          const char *const *notes, size_t note_count);

/* True once every phrase of the level is made; *ms is how long that took. */
bool ebb_audio_voice_loaded(ebb_audio *a, double *ms);

/* On the results screen, eyes closed and voice on: says the session's result, after the
 * chime. NULL session: nothing. */
void ebb_audio_voice_result(ebb_audio *a, const ebb_settings *st, ebb_session *s);

/* Once per tick in breathing and lengthening levels: the calm soundscape follows the pelvic
 * floor's rest (reward.h). */
void ebb_audio_calm(ebb_audio *a, const ebb_level *lv, ebb_session *s, const ebb_frame *f);

#endif
