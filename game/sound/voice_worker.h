/* Makes a voice set's phrases (voice.h) with flite (speech.h) on a worker thread, in the
 * order the level says them, so a level starts at once and each phrase is ready well before
 * its step. The set is published phrase by phrase (atomics); the worker never touches the
 * audio thread. Ownership: the job owns the set until ebb_voice_job_stop(). */
#ifndef EBB_VOICE_WORKER_H
#define EBB_VOICE_WORKER_H

#include <stdbool.h>

#include "sound/voice.h"

typedef struct ebb_voice_job ebb_voice_job;

/* Takes *set (moved into the job; *set is zeroed) and starts making it at speed and rate.
 * NULL when the thread cannot start (the set is freed). */
ebb_voice_job *ebb_voice_job_start(ebb_voice_set *set, float speed, int rate);

/* The phrases (valid until stop). */
const ebb_voice_set *ebb_voice_job_set(const ebb_voice_job *j);

/* True once every phrase is made or given up; *ms is how long making them all took. */
bool ebb_voice_job_finished(const ebb_voice_job *j, double *ms);

/* Waits for the worker to finish (tests, the bench). */
void ebb_voice_job_wait(ebb_voice_job *j);

/* Asks the worker to stop after the phrase it is making, waits, frees everything. Nothing
 * may still be playing its samples (audio.c hushes the voices first). NULL: nothing. */
void ebb_voice_job_stop(ebb_voice_job *j);

#endif
