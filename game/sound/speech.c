#include "sound/speech.h"

#define _POSIX_C_SOURCE 200809L /* mkdir, getpid */
#include <SDL.h>
#include <flite.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sound/voice.h"

/* flite_cmu_us_slt does not declare its register function in a header. */
cst_voice *register_cmu_us_slt(const char *voxdir);
void unregister_cmu_us_slt(cst_voice *v);

static SDL_SpinLock open_lock;
static SDL_mutex *speak_lock;
static cst_voice *voice;
static int opened; /* 0 not tried, 1 ready, -1 failed */
static char open_err[160];
static int coarse; /* mlsa_speed_param: high coefficients dropped (0: none, the voice's own) */

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
    feat_set_int(voice->features, "mlsa_speed_param", coarse);
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

void ebb_speech_set_coarse(int drop)
{
    if (speak_lock) {
        SDL_LockMutex(speak_lock);
    }
    coarse = drop < 0 ? 0 : (drop > 15 ? 15 : drop);
    if (speak_lock) {
        SDL_UnlockMutex(speak_lock);
    }
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

/* ---- the cache of made phrases ---- */

#define CACHE_MAGIC "ebb-voice 1 cmu_us_slt\n"

static bool cache_dir(char *out, size_t size)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char base[1024];
    if (xdg && xdg[0] == '/') {
        snprintf(base, sizeof base, "%s", xdg);
    } else if (home && home[0] == '/') {
        snprintf(base, sizeof base, "%s/.cache", home);
    } else {
        return false;
    }
    char ebb[1100];
    snprintf(ebb, sizeof ebb, "%s/ebb", base);
    for (char *p = base + 1; *p; p++) { /* the cache folder may not exist yet */
        if (*p == '/') {
            *p = '\0';
            mkdir(base, 0700);
            *p = '/';
        }
    }
    mkdir(base, 0700);
    mkdir(ebb, 0700);
    int n = snprintf(out, size, "%s/voice", ebb);
    if (n < 0 || (size_t)n >= size) {
        return false;
    }
    mkdir(out, 0700);
    struct stat st;
    return stat(out, &st) == 0 && S_ISDIR(st.st_mode);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 1099511628211ull;
    }
    return h;
}

int16_t *ebb_speech_say_cached(const char *text, float speed, int rate, size_t *len)
{
    *len = 0;
    if (opened != 1 || !text || !text[0] || rate <= 0) {
        return NULL;
    }
    char dir[1200], path[1300];
    if (!cache_dir(dir, sizeof dir)) {
        return ebb_speech_say(text, speed, rate, len);
    }
    /* The key: the text, the speed in hundredths and the rate. The file repeats them, so a
     * clash of hashes is noticed and simply synthesises again. */
    int centi = (int)lrintf(speed * 100.0f);
    char head[EBB_VOICE_TEXT_MAX + EBB_VOICE_NOTE_MAX + 100];
    int hn = snprintf(head, sizeof head, "%s%d %d %s\n", CACHE_MAGIC, centi, rate, text);
    if (hn < 0 || (size_t)hn >= sizeof head) {
        return ebb_speech_say(text, speed, rate, len);
    }
    uint64_t h = fnv(1469598103934665603ull, head, (size_t)hn);
    snprintf(path, sizeof path, "%s/%016llx.pcm", dir, (unsigned long long)h);
    FILE *f = fopen(path, "rb");
    if (f) {
        char got[sizeof head];
        uint32_t n = 0;
        int16_t *s = NULL;
        if (fread(got, 1, (size_t)hn, f) == (size_t)hn && memcmp(got, head, (size_t)hn) == 0 &&
            fread(&n, sizeof n, 1, f) == 1 && n > 0 && n < 60u * (uint32_t)rate &&
            (s = malloc(n * sizeof *s)) != NULL && fread(s, sizeof *s, n, f) == n) {
            fclose(f);
            *len = n;
            return s;
        }
        free(s);
        fclose(f);
    }
    int16_t *s = ebb_speech_say(text, speed, rate, len);
    if (s && *len > 0 && *len < 60u * (size_t)rate) {
        char tmp[1400];
        snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
        FILE *w = fopen(tmp, "wb");
        uint32_t n = (uint32_t)*len;
        bool ok = w && fwrite(head, 1, (size_t)hn, w) == (size_t)hn &&
                  fwrite(&n, sizeof n, 1, w) == 1 && fwrite(s, sizeof *s, n, w) == n;
        if (w) {
            ok = fclose(w) == 0 && ok;
        }
        if (!ok || rename(tmp, path) != 0) {
            remove(tmp); /* a full disk or no rights: no cache, nothing else lost */
        }
    }
    return s;
}
