#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */
/* How long a level with a 40-caption pack takes to load its voice: 40 rest steps, each with
 * the therapist's own words (no two alike, so nothing is shared), made by the voice worker
 * with flite exactly as the game does at level load (voice_worker.h). Prints the time to the
 * first phrase (what the level waits for before it starts), to all of them, the seconds of
 * speech made: first with an empty phrase cache (a pack never played), then again (the cache
 * of made phrases, speech.h), then at 1.4x speaking rate (empty again). The aim is under a
 * second for all. The cache is a fresh temporary directory, removed after. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "sound/speech.h"
#include "sound/voice.h"
#include "sound/voice_worker.h"

#define CAPTIONS 40
#define RATE 48000

static const char *const WORDS[] = {
    "Let your belly soften", "Breathe low and slow", "Let the floor rest",
    "Unclench your jaw", "Let your shoulders drop", "Feel the chair hold you",
    "Let the breath come by itself", "Soft and heavy", "Let go a little more",
    "Notice the out breath"};

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static int run(const ebb_level *lv, float speed, const char *what)
{
    ebb_voice_set set;
    ebb_voice_opts o = {false, speed};
    if (!ebb_voice_plan(&set, lv, &o)) {
        return 1;
    }
    size_t count = set.count;
    double t0 = now_ms();
    ebb_voice_job *j = ebb_voice_job_start(&set, speed, RATE);
    if (!j) {
        return 1;
    }
    const ebb_voice_set *vs = ebb_voice_job_set(j);
    while (atomic_load(&((ebb_voice_set *)vs)->done) == 0u) {
        SDL_Delay(1);
    }
    double first = now_ms() - t0;
    ebb_voice_job_wait(j);
    double all = 0.0;
    ebb_voice_job_finished(j, &all);
    double speech_s = 0.0;
    size_t made = 0;
    for (size_t i = 0; i < vs->count; i++) {
        if (atomic_load(&((ebb_voice_set *)vs)->pcm[i])) {
            speech_s += (double)vs->len[i] / RATE;
            made++;
        }
    }
    printf("voice load, %zu captions at %.1fx, %s: first phrase %.0f ms, all %.0f ms "
           "(%zu made, %.1f s of speech)\n", count, (double)speed, what, first, all, made,
           speech_s);
    ebb_voice_job_stop(j);
    return made == count ? 0 : 1;
}

int main(void)
{
    char err[200];
    if (SDL_Init(0) != 0 || !ebb_speech_open(err, sizeof err)) {
        fprintf(stderr, "bench_voice: no voice: %s\n", SDL_GetError());
        return 1;
    }
    static char text[CAPTIONS * 120 + 400];
    size_t n = (size_t)snprintf(text, sizeof text,
                                "ebb-level 1\nid bench/voice\ntitle \"Forty captions\"\n"
                                "kind lengthening\ndescription \"A pack's own words.\"\n");
    for (int i = 0; i < CAPTIONS; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "rest 5s below 20%% caption \"%s, step %d\"\n",
                              WORDS[i % 10], i + 1);
    }
    static ebb_diags d;
    ebb_diags_init(&d, "bench");
    ebb_level lv;
    if (!ebb_level_parse(text, n, "bench", &lv, &d)) {
        ebb_diags_print(&d, stderr);
        return 1;
    }
    char dir[] = "/tmp/ebb-bench-voice-XXXXXX";
    if (!mkdtemp(dir)) {
        return 1;
    }
    setenv("XDG_CACHE_HOME", dir, 1);
    int bad = run(&lv, 1.0f, "never played");
    bad |= run(&lv, 1.0f, "played before");
    bad |= run(&lv, 1.4f, "never played");
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "bench_voice: could not remove %s\n", dir);
    }
    ebb_level_free(&lv);
    ebb_speech_close();
    SDL_Quit();
    return bad;
}
