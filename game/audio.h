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

#include "level.h"
#include "synth.h"

typedef struct ebb_audio ebb_audio;

/* Opens the default device at 48 kHz mono S16 with a 480-sample buffer (10 ms, so a cue
 * starts within about a buffer of being asked for) and renders every cue. Returns NULL with
 * the reason in err when there is no usable device. */
ebb_audio *ebb_audio_open(char *err, size_t err_size);
void ebb_audio_close(ebb_audio *a);

/* Starts a cue (a new cue cuts the one still playing). NULL audio or EBB_CUE_NONE: nothing. */
void ebb_audio_play(ebb_audio *a, ebb_cue cue);

/* Plays one of the game's own sounds (signal lost/back, ticks, chimes) on its own channel,
 * so a level cue never cuts it. NULL audio: nothing. */
void ebb_audio_sound(ebb_audio *a, ebb_sound s);

/* Pauses or resumes whatever is playing (the pause overlay). */
void ebb_audio_pause(ebb_audio *a, bool paused);

/* The sound device's clock: frames mixed so far (wrapping at 2^32) and the rate. Returns
 * false without sound. The play clock follows it (see clock.h). */
bool ebb_audio_clock(ebb_audio *a, uint32_t *frames, int *rate);

#endif
