#include "sound/speech.h"

#include <SDL.h>
#include <flite.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sound/voice.h"

/* flite_cmu_us_slt does not declare its register function in a header. */
cst_voice *register_cmu_us_slt(const char *voxdir);
void unregister_cmu_us_slt(cst_voice *v);

static SDL_SpinLock open_lock;
static SDL_mutex *speak_lock;
static cst_voice *voice;
static int opened; /* 0 not tried, 1 ready, -1 failed */
static char open_err[160];

bool ebb_speech_open(char *err, size_t err_size)
{
    SDL_AtomicLock(&open_lock);
    if (opened == 0) {
        const char *no = getenv("EBB_TEST_NO_VOICE");
        if (no && strcmp(no, "1") == 0) {
            snprintf(open_err, sizeof open_err, "the voice was turned off for a test");
        } else if (!(speak_lock = SDL_CreateMutex())) {
            snprintf(open_err, sizeof open_err, "%s", SDL_GetError());
        } else {
            flite_init();
            voice = register_cmu_us_slt(NULL);
            if (!voice) {
                snprintf(open_err, sizeof open_err, "flite has no cmu_us_slt voice");
            }
        }
        opened = voice ? 1 : -1;
    }
    bool ok = opened == 1;
    SDL_AtomicUnlock(&open_lock);
    if (!ok && err && err_size) {
        snprintf(err, err_size, "%s", open_err);
    }
    return ok;
}

int16_t *ebb_speech_say(const char *text, float speed, int rate, size_t *len)
{
    *len = 0;
    if (opened != 1 || !text || !text[0] || rate <= 0) {
        return NULL;
    }
    float sp = speed > 0.3f && speed < 3.0f ? speed : 1.0f;
    SDL_LockMutex(speak_lock);
    /* flite's own knob is a stretch of every duration: its inverse is the speed. */
    feat_set_float(voice->features, "duration_stretch", 1.0f / sp);
    cst_wave *w = flite_text_to_wave(text, voice);
    SDL_UnlockMutex(speak_lock);
    if (!w || w->num_samples <= 0 || w->sample_rate <= 0 || w->num_channels != 1) {
        if (w) {
            delete_wave(w);
        }
        return NULL;
    }
    size_t n = ebb_voice_resampled_len((size_t)w->num_samples, w->sample_rate, rate);
    int16_t *out = n ? malloc(n * sizeof *out) : NULL;
    if (out) {
        ebb_voice_resample(w->samples, (size_t)w->num_samples, w->sample_rate, out, n, rate);
        *len = n;
    }
    delete_wave(w);
    return out;
}

void ebb_speech_close(void)
{
    SDL_AtomicLock(&open_lock);
    if (opened == 1) {
        unregister_cmu_us_slt(voice);
        voice = NULL;
        SDL_DestroyMutex(speak_lock);
        speak_lock = NULL;
    }
    opened = 0;
    SDL_AtomicUnlock(&open_lock);
}
