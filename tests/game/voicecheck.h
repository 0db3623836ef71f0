/* Shared by voicecheck.c (the command and its spoken, late and silent checks) and
 * voicecheck_more.c (the eyes-closed and pack-notes checks): the recording, its measures and
 * the sound trace. See voicecheck.c for what each mode checks. */
#ifndef EBB_VOICECHECK_H
#define EBB_VOICECHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/level.h"

#define RATE 48000
#define WIN 240                /* 5 ms */
#define SPEECH_RMS 600.0       /* about -35 dB of full scale */
#define QUIET_RMS 150.0
#define ONSET_RMS 200.0        /* speech begins: a breathy "h" is already this loud */
#define MS(x) ((long)((x) * RATE / 1000))
#define EYES_RMS 3000.0        /* speech over the effort tone and pacer (20 ms at most ~2200) */
#define COUNT_MS 800.0         /* "1. Breathe in" lasts longer than this, "Breathe in" not */
#define RESULT_MS 2000.0       /* "Level complete. Score ... out of 100. ..." */
#define NOTE_MORE_MS 3000.0   /* the test pack's notes last about 6 s */
#define LATE_DRIFT_MS 1000.0   /* the held-back phrase is seconds late: a wait would show */

/* The recording being checked (S16 mono at RATE). */
extern const int16_t *S;
extern size_t N;

/* The trace: per step, the frame of its phrase or cue (-1: none, -2: started late), and the
 * result said at the end. */
#define STEPS_MAX 64
extern long PHRASE_AT[STEPS_MAX], CUE_AT[STEPS_MAX], RESULT_AT;
bool read_trace(const char *path);

double rms(long from, long len);
/* Best normalised correlation of a cue's first 80 ms with the recording near `at`. */
double cue_match(ebb_cue cue, long at, long *best_at);
/* The first 5 ms window louder than `level` in [from, to), or -1. */
long onset(long from, long to, double level);

int check_eyes(const ebb_level *lv, double tol);
int check_note(const ebb_level *lv, double tol, char **argv);

#endif
