/* Tone synthesis for the audio cues: pure functions over int16 sample buffers (no SDL), so
 * they are unit-tested on their own (tests/game/test_synth.c).
 *
 * Every cue is a soft sine with a little second harmonic, a raised-cosine attack and
 * release (no clicks), and a gentle peak level (about a quarter of full scale):
 *   breathe-in   a rising glide over a fifth, 0.9 s
 *   breathe-out  a falling glide over a fifth, 1.1 s (a longer out-breath relaxes)
 *   squeeze      two notes up, 0.42 s
 *   let-go       two notes down, softer, 0.50 s
 *   hold         a soft steady tone, 0.60 s
 *   flick        a short bright blip, 0.09 s
 * Cues are short enough to end well before the next step could begin (steps last >= 100 ms
 * but cue-bearing steps in practice last seconds), and they are mono.
 *
 * The numbers (pitches, lengths, levels, fades) are data: assets/sounds.conf, parsed by
 * ebb_synth_parse and installed with ebb_synth_set at start-up. The same values are built in
 * here and are used when the file is missing or malformed. How a tone is made from them (the
 * glide, the envelope, the joined two notes) stays code, in synth.c. */
#ifndef EBB_SYNTH_H
#define EBB_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include <stdbool.h>

#include "core/diag.h"
#include "core/level.h"
#include "sound/reward.h"

#define EBB_SYNTH_PEAK 0.25f  /* of full scale */

/* One tone segment: frequency glides exponentially from f0 to f1 over the segment. */
typedef struct ebb_tone {
    float f0, f1;         /* Hz */
    float seconds;
    float amp;            /* 0..1 of full scale */
    float attack_s, release_s;
    float harmonic;       /* level of the second harmonic relative to the fundamental */
} ebb_tone;

/* Samples needed for a tone at rate. */
size_t ebb_synth_tone_len(const ebb_tone *t, int rate);

/* Writes min(len, ebb_synth_tone_len) samples; returns how many. */
size_t ebb_synth_tone(const ebb_tone *t, int rate, int16_t *out, size_t len);

/* Samples needed for a cue at rate (0 for EBB_CUE_NONE and unknown cues). */
size_t ebb_synth_cue_len(ebb_cue cue, int rate);

/* Renders a cue into out (at most len samples); returns the count written. */
size_t ebb_synth_cue(ebb_cue cue, int rate, int16_t *out, size_t len);

/* Sounds of the game itself (not level cues), rendered the same way:
 *   signal-lost  a double beep: two short plain tones with a gap (nothing else sounds like it)
 *   signal-back  one short soft rising blip
 *   tick         a quiet short click-tone for the last seconds of a hold
 *   rep-ok       a bright two-tone chime after a good rep
 *   complete     three rising notes at the end of a level */
typedef enum ebb_sound {
    EBB_SOUND_SIGNAL_LOST = 0,
    EBB_SOUND_SIGNAL_BACK,
    EBB_SOUND_TICK,
    EBB_SOUND_REP_OK,
    EBB_SOUND_COMPLETE,
    EBB_SOUND_COUNT
} ebb_sound;

/* ---- the sound definitions (assets/sounds.conf) ---- */

typedef enum ebb_tone_shape {
    EBB_SHAPE_GLIDE = 0,     /* one tone gliding from f0 to f1 */
    EBB_SHAPE_TWO_NOTES      /* f0 then f1, each `seconds` long, joined without a gap */
} ebb_tone_shape;

typedef struct ebb_cue_def {
    ebb_tone_shape shape;
    ebb_tone tone;
} ebb_cue_def;

typedef struct ebb_sound_part {
    float at_s;              /* start within the sound; parts follow one another */
    ebb_tone tone;
} ebb_sound_part;

#define EBB_SOUND_PARTS_MAX 3

typedef struct ebb_sound_def {
    int parts;
    ebb_sound_part part[EBB_SOUND_PARTS_MAX];
} ebb_sound_def;

/* The ambience bed (sonify.h renders it): its loop length and peak level of full scale. */
typedef struct ebb_ambience_def {
    float seconds, peak;
} ebb_ambience_def;

typedef struct ebb_synth_defs {
    ebb_cue_def cue[EBB_CUE_COUNT];  /* [EBB_CUE_NONE] unused */
    ebb_sound_def sound[EBB_SOUND_COUNT];
    ebb_ambience_def ambience;
    ebb_scape_def scape;             /* the calm soundscape's numbers (reward.h) */
} ebb_synth_defs;

const ebb_synth_defs *ebb_synth_builtin(void);
/* The definitions the ebb_synth_* renderers use now. */
const ebb_synth_defs *ebb_synth_current(void);
/* Uses these definitions from now on (copied); NULL goes back to the built-in ones. Call it
 * before rendering (ebb_audio_open renders every cue once). */
void ebb_synth_set(const ebb_synth_defs *defs);

/* Parses a sounds file (sounds_conf.c; the format is described in assets/sounds.conf). Every
 * cue and game sound must be defined, each value once and within its range. On any problem
 * returns false with every problem in d (file:line: field: what is wrong) and leaves out
 * untouched. */
bool ebb_synth_parse(const char *text, size_t len, ebb_synth_defs *out, ebb_diags *d);

/* The name a sounds file uses for a game sound: "signal-lost", "signal-back", "tick",
 * "rep-ok", "complete". */
const char *ebb_sound_name(ebb_sound s);

/* Where the two beeps of signal-lost start and how long each lasts (for tests). */
#define EBB_SYNTH_LOST_BEEP_S 0.13f
#define EBB_SYNTH_LOST_GAP_S 0.10f
#define EBB_SYNTH_LOST_HZ 587.33f

size_t ebb_synth_sound_len(ebb_sound s, int rate);
/* Renders a game sound into out (at most len samples, silence between parts); returns the
 * count written. */
size_t ebb_synth_sound(ebb_sound s, int rate, int16_t *out, size_t len);

#endif
