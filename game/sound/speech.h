/* Speech synthesis with flite (voice cmu_us_slt, a calm female US English voice built into
 * the library, so there are no voice files to find). The only file that includes flite:
 * the game links flite, engine/ never does.
 *
 * flite is not made to be used from two threads at once: every call here takes one lock
 * (the voice worker, voice_worker.c, and the results voice share it). Never call these from
 * the frame loop or the audio callback: a short phrase takes tens of milliseconds. */
#ifndef EBB_SPEECH_H
#define EBB_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Makes the voice ready (once; later calls return the first answer). False with the reason
 * in err when there is no voice: the game then keeps its captions and tones. The environment
 * variable EBB_TEST_NO_VOICE=1 makes it fail, so tests can walk that path. */
bool ebb_speech_open(char *err, size_t err_size);

/* Says text at `speed` (1 = the voice's own pace, 1.3 = 30 % faster) and returns mono S16
 * samples at `rate` (resampled from the voice's 16 kHz), malloc'd, with *len set; NULL when
 * synthesis fails or the voice is not open. The caller frees. */
int16_t *ebb_speech_say(const char *text, float speed, int rate, size_t *len);

/* ebb_speech_say through a cache of made phrases on disk ($XDG_CACHE_HOME/ebb/voice, else
 * ~/.cache/ebb/voice; one file per text, speed and rate): a level played before loads its
 * voice at once. Anything wrong with the cache (no directory, a damaged file) just means
 * synthesising again. */
int16_t *ebb_speech_say_cached(const char *text, float speed, int rate, size_t *len);

/* Drops the `drop` highest mel-cepstral coefficients of every frame (flite's
 * mlsa_speed_param, 0..15): cheaper synthesis, a coarser voice. 0, the default, keeps the voice
 * as it was recorded; tests/bench/bench_voice.c compares. Phrases in the cache do not record
 * it: call it before any phrase is made. */
void ebb_speech_set_coarse(int drop);

/* Releases what ebb_speech_open made (at exit; nothing may be speaking). */
void ebb_speech_close(void);

#endif
