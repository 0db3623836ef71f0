#include "sound/voice_worker.h"

#include <SDL.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "sound/speech.h"

struct ebb_voice_job {
    ebb_voice_set set;
    float speed;
    int rate;
    SDL_Thread *thread;
    atomic_bool stop;
    atomic_bool finished;
    Uint64 started;
    double ms;              /* written by the worker before `finished` */
    Uint32 slow_ms;         /* EBB_TEST_VOICE_SLOW_MS: a pause before the second phrase */
};

/* A test's stand-in for a machine too busy to make a phrase in time (run_voice.sh late):
 * waits ms before the second phrase, a little at a time, so that stopping never waits. */
static void pause_for(ebb_voice_job *j, Uint32 ms)
{
    for (Uint32 t = 0; t < ms && !atomic_load_explicit(&j->stop, memory_order_relaxed); t += 10) {
        SDL_Delay(10);
    }
}

static int work(void *arg)
{
    ebb_voice_job *j = arg;
    for (size_t i = 0; i < j->set.count; i++) {
        if (atomic_load_explicit(&j->stop, memory_order_relaxed)) {
            break;
        }
        if (i == 1 && j->slow_ms) {
            pause_for(j, j->slow_ms);
            if (atomic_load_explicit(&j->stop, memory_order_relaxed)) {
                break;
            }
        }
        ebb_voice_make(&j->set, i, j->speed, j->rate, ebb_speech_say_cached);
        if (i == 0) {
            /* The level waits for the first phrase (audio.c) and nothing else runs meanwhile;
             * the rest are made while it plays, below the game and the sound: a slow phrase
             * must never delay a frame (the level would forgive the time, and every later
             * step would move). */
            SDL_SetThreadPriority(SDL_THREAD_PRIORITY_LOW);
        }
    }
    j->ms = (double)(SDL_GetPerformanceCounter() - j->started) * 1000.0 /
            (double)SDL_GetPerformanceFrequency();
    atomic_store_explicit(&j->finished, true, memory_order_release);
    return 0;
}

ebb_voice_job *ebb_voice_job_start(ebb_voice_set *set, float speed, int rate)
{
    ebb_voice_job *j = calloc(1, sizeof *j);
    if (!j) {
        ebb_voice_set_free(set);
        return NULL;
    }
    j->set = *set;
    *set = (ebb_voice_set){0};
    j->speed = speed;
    j->rate = rate;
    atomic_init(&j->stop, false);
    atomic_init(&j->finished, false);
    const char *slow = getenv("EBB_TEST_VOICE_SLOW_MS");
    if (slow && slow[0]) {
        char *end = NULL;
        long ms = strtol(slow, &end, 10);
        j->slow_ms = *end == '\0' && ms > 0 && ms <= 60000 ? (Uint32)ms : 0u;
    }
    j->started = SDL_GetPerformanceCounter();
    j->thread = SDL_CreateThread(work, "ebb-voice", j);
    if (!j->thread) {
        ebb_voice_set_free(&j->set);
        free(j);
        return NULL;
    }
    return j;
}

const ebb_voice_set *ebb_voice_job_set(const ebb_voice_job *j)
{
    return j ? &j->set : NULL;
}

bool ebb_voice_job_finished(const ebb_voice_job *j, double *ms)
{
    if (!j || !atomic_load_explicit(&j->finished, memory_order_acquire)) {
        return false;
    }
    if (ms) {
        *ms = j->ms;
    }
    return true;
}

void ebb_voice_job_wait(ebb_voice_job *j)
{
    if (j && j->thread) {
        SDL_WaitThread(j->thread, NULL);
        j->thread = NULL;
    }
}

void ebb_voice_job_stop(ebb_voice_job *j)
{
    if (!j) {
        return;
    }
    atomic_store_explicit(&j->stop, true, memory_order_relaxed);
    ebb_voice_job_wait(j);
    ebb_voice_set_free(&j->set);
    free(j);
}
