/* The spoken guide: what a level says and when, and the phrases ready to play.
 *
 * Pure (no SDL, no flite), so it is tested without a sound card: tests/game/test_voice.c.
 * voice_worker.c synthesises the phrases (speech.h) on a worker thread when a level loads;
 * schedule.c hands each ready phrase to the voices (voices.h) on the device frame where its
 * step starts; a phrase not ready in time leaves the step its cue tone, as without a voice.
 *
 *   every step     its caption (the level's or the therapist's own words in a pack, else the
 *                  step kind's plain caption), at the step's start, in place of its cue tone
 *                  (words and a tone at once would blur both)
 *   eyes closed    each breathe-in also says the breath's number ("3. Breathe in")
 *   a pack's notes when the level comes from the active pack, its therapist's notes follow the
 *                  level's first spoken caption ("Settle in. Relaxation comes first: ..."),
 *                  all of them if they fit its window, else the first, else the caption alone
 *   window         a phrase must end before the step's first countdown tick, or before the
 *                  step ends, with a gap (EBB_VOICE_GAP_MS) for the next cue or chime: if it
 *                  is longer, it is said faster, then only its first clause, then the step
 *                  kind's plain word, then cut with a fade. Speech never moves the level's clock: it is
 *                  placed on the level's time, never the other way round. */
#ifndef EBB_VOICE_H
#define EBB_VOICE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/level.h"

#define EBB_VOICE_TEXT_MAX 200
#define EBB_VOICE_NOTE_MAX 1000    /* a pack's notes, joined, as spoken */
#define EBB_VOICE_SHORT_MAX 48
#define EBB_VOICE_GAP_MS 200u      /* quiet before the next tick, cue or chime */
#define EBB_VOICE_MIN_MS 350u      /* a window shorter than this is not spoken */
#define EBB_VOICE_SPEED_MIN 0.7f
#define EBB_VOICE_SPEED_MAX 1.6f   /* the fastest a phrase is said to make it fit */
#define EBB_VOICE_FADE_MS 30u

typedef struct ebb_voice_opts {
    bool eyes_closed;
    float speed;               /* the speaking rate setting: 1 = the voice's own pace */
    const char *const *notes;  /* the therapist's notes for this level (a pack's), or NULL */
    size_t note_count;
} ebb_voice_opts;

typedef struct ebb_voice_line {
    char text[EBB_VOICE_TEXT_MAX];
    char short_text[EBB_VOICE_SHORT_MAX]; /* its first clause (up to , ; : .), or "" */
    char word[16];             /* the step kind's plain word ("Let go", "In"...) */
    uint32_t window_ms;        /* the longest it may last */
    bool with_notes;           /* the set's notes follow it (the level's first phrase) */
} ebb_voice_line;

/* A level's phrases and, per step, which one it says. The samples are published by the
 * worker (release) and read by the game thread (acquire) without locks. */
typedef struct ebb_voice_set {
    size_t count;
    ebb_voice_line *line;
    uint16_t *step_phrase;     /* per step: phrase index + 1, 0 = silent */
    size_t step_count;
    _Atomic(int16_t *) *pcm;   /* NULL until ready (and for good if it could not be made) */
    uint32_t *len;             /* frames, written before pcm is published */
    atomic_uint done;          /* phrases finished (made or given up) */
    char *notes;               /* all the notes, joined, or NULL; said after a with_notes line */
    char *first_note;          /* the first alone (NULL when it is all there is) */
} ebb_voice_set;

/* Plans a level's phrases into *set (zeroed first). Identical phrases with the same window
 * are made once. Returns false when out of memory (set left empty). */
bool ebb_voice_plan(ebb_voice_set *set, const ebb_level *lv, const ebb_voice_opts *o);
void ebb_voice_set_free(ebb_voice_set *set);

/* The phrase step `step` says, ready to play, or NULL (none, or not ready yet). */
const int16_t *ebb_voice_ready(const ebb_voice_set *set, size_t step, uint32_t *frames);

/* A synthesiser: text at speed into malloc'd samples at rate (speech.h's ebb_speech_say). */
typedef int16_t *(*ebb_voice_say_fn)(const char *text, float speed, int rate, size_t *len);

/* Makes phrase i fit its window (faster, then its first clause, then the step kind's word,
 * each said as fast as needed up to EBB_VOICE_SPEED_MAX, then cut with a fade) and
 * publishes it. Returns false when nothing could be said (the step keeps its tone). */
bool ebb_voice_make(ebb_voice_set *set, size_t i, float speed, int rate, ebb_voice_say_fn say);

/* Linear resampling of mono S16 (16 kHz speech to the device rate). */
size_t ebb_voice_resampled_len(size_t n, int from_rate, int to_rate);
void ebb_voice_resample(const int16_t *in, size_t n, int from_rate, int16_t *out, size_t m,
                        int to_rate);

#endif

/* A set of one phrase (the result at the end, eyes closed), with room up to window_ms. */
bool ebb_voice_plan_text(ebb_voice_set *set, const char *text, uint32_t window_ms);

/* What is said at the end, eyes closed: "Level complete. Score 82 out of 100. 2 stars."
 * (or "Level stopped." when it was left part-way), then its first feedback line. */
void ebb_voice_result_text(bool complete, int score, int stars, const char *feedback,
                           char *out, size_t size);
