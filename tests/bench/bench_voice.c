#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */
/* How long a level with a 40-caption pack takes to load its voice: 40 rest steps, each with
 * the therapist's own words (no two alike, so nothing is shared), made with flite exactly as
 * the game does at level load. Side by side:
 *
 *   up front   the old way: every phrase made on the game's thread before the level starts;
 *              the level is playable once all 40 are made.
 *   worker     the game's way (voice_worker.h): one worker thread makes them in step order;
 *              the level is "loaded", and starts, once its first spoken phrase is ready (made
 *              or given up; audio.c waits for nothing else). The rest come while it plays.
 *   cached     the worker again, with every phrase already in the on-disk cache (speech.h).
 *   with notes the worker, the level from a pack with two notes (said after the first
 *              caption: the first phrase, which the level waits for, is longer).
 *
 * For each: cold load to the first phrase ready, to all 40 ready, and when the level could
 * start; medians of REPS runs, each with a fresh empty cache. Then the cost of one phrase
 * (median over the 40, no cache): made at the device's 48 kHz (flite's 16 kHz resampled, as
 * the game does), at flite's own 16 kHz (no resampling), and with flite's mlsa_speed_param
 * (speech.h, ebb_speech_set_coarse) at 10. The voice object is registered once and reused for
 * every phrase in all of these (speech.c). Figures only: no assertion on time. */
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
#define REPS 3

static const char *const WORDS[] = {
    "Let your belly soften", "Breathe low and slow", "Let the floor rest",
    "Unclench your jaw", "Let your shoulders drop", "Feel the chair hold you",
    "Let the breath come by itself", "Soft and heavy", "Let go a little more",
    "Notice the out breath"};

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_d);
    return n == 0 ? 0.0 : (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0);
}

static char cache_root[] = "/tmp/ebb-bench-voice-XXXXXX";
static int fresh_count;

/* A new, empty phrase cache (XDG_CACHE_HOME) under the bench's temporary directory. */
static void fresh_cache(void)
{
    char dir[sizeof cache_root + 32];
    snprintf(dir, sizeof dir, "%s/%d", cache_root, fresh_count++);
    setenv("XDG_CACHE_HOME", dir, 1);
}

typedef struct timing {
    double first, all, playable;
    size_t made;
} timing;

static size_t count_made(const ebb_voice_set *vs)
{
    size_t made = 0;
    for (size_t i = 0; i < vs->count; i++) {
        made += atomic_load(&((ebb_voice_set *)vs)->pcm[i]) ? 1u : 0u;
    }
    return made;
}

/* Every phrase made on this thread before the level may start; *per gets each phrase's ms. */
static bool up_front(const ebb_level *lv, ebb_voice_say_fn say, int rate, timing *t,
                     double *per)
{
    ebb_voice_set set;
    ebb_voice_opts o = {false, 1.0f, NULL, 0};
    if (!ebb_voice_plan(&set, lv, &o)) {
        return false;
    }
    double t0 = now_ms();
    for (size_t i = 0; i < set.count; i++) {
        double a = now_ms();
        ebb_voice_make(&set, i, 1.0f, rate, say);
        double b = now_ms();
        if (per) {
            per[i] = b - a;
        }
        if (i == 0) {
            t->first = b - t0;
        }
    }
    t->all = now_ms() - t0;
    t->playable = t->all;
    t->made = count_made(&set);
    bool ok = t->made == set.count;
    ebb_voice_set_free(&set);
    return ok;
}

/* The pack's notes said after the first caption (docs/packs.md's example). */
static const char *const NOTES[] = {
    "Relaxation comes first: the floor learns to let go before it works harder.",
    "Never push through pain. If pain rises, stop, and tell me at our next session."};

/* The game's way: the worker; playable once the first phrase is done. */
static bool worker(const ebb_level *lv, bool notes, timing *t)
{
    ebb_voice_set set;
    ebb_voice_opts o = {false, 1.0f, notes ? NOTES : NULL, notes ? 2u : 0u};
    if (!ebb_voice_plan(&set, lv, &o)) {
        return false;
    }
    size_t count = set.count;
    double t0 = now_ms();
    ebb_voice_job *j = ebb_voice_job_start(&set, 1.0f, RATE);
    if (!j) {
        return false;
    }
    const ebb_voice_set *vs = ebb_voice_job_set(j);
    while (atomic_load(&((ebb_voice_set *)vs)->done) == 0u) {
        SDL_Delay(1);
    }
    t->first = now_ms() - t0;
    t->playable = t->first;
    ebb_voice_job_wait(j);
    t->all = now_ms() - t0;
    t->made = count_made(vs);
    ebb_voice_job_stop(j);
    return t->made == count;
}

static void row(const char *name, timing *t, size_t reps)
{
    double f[REPS], a[REPS], p[REPS];
    for (size_t r = 0; r < reps; r++) {
        f[r] = t[r].first;
        a[r] = t[r].all;
        p[r] = t[r].playable;
    }
    printf("  %-10s %14.0f %12.0f %16.0f\n", name, median(f, reps), median(a, reps),
           median(p, reps));
}

int main(void)
{
    char err[200];
    if (SDL_Init(0) != 0 || !ebb_speech_open(err, sizeof err)) {
        fprintf(stderr, "bench_voice: no voice: %s\n", err);
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
    if (!mkdtemp(cache_root)) {
        return 1;
    }
    int bad = 0;
    timing old[REPS], neu[REPS], cached[REPS], noted[REPS], t;
    static double per[3][REPS * CAPTIONS];
    for (int r = 0; r < REPS; r++) {
        fresh_cache();
        bad |= !up_front(&lv, ebb_speech_say_cached, RATE, &old[r], NULL);
        fresh_cache();
        bad |= !worker(&lv, false, &neu[r]);
        bad |= !worker(&lv, false, &cached[r]); /* the same cache, now full */
        fresh_cache();
        bad |= !worker(&lv, true, &noted[r]);
        /* The cost of one phrase, no cache, on this thread, the variants interleaved so that
         * the machine's load falls on all of them alike. */
        bad |= !up_front(&lv, ebb_speech_say, RATE, &t, per[0] + r * CAPTIONS);
        bad |= !up_front(&lv, ebb_speech_say, 16000, &t, per[1] + r * CAPTIONS);
        ebb_speech_set_coarse(10);
        bad |= !up_front(&lv, ebb_speech_say, RATE, &t, per[2] + r * CAPTIONS);
        ebb_speech_set_coarse(0);
    }
    printf("voice load, %d captions at 1.0x, medians of %d runs (ms):\n", CAPTIONS, REPS);
    printf("  %-10s %14s %12s %16s\n", "path", "first ready", "all ready", "level playable");
    row("up front", old, REPS);
    row("worker", neu, REPS);
    row("cached", cached, REPS);
    row("with notes", noted, REPS);
    printf("one phrase (about 2 s of speech), median of %d (ms): 48 kHz (the game) %.1f, "
           "16 kHz (no resampling) %.1f, mlsa_speed_param 10 (coarser voice) %.1f\n",
           REPS * CAPTIONS, median(per[0], REPS * CAPTIONS), median(per[1], REPS * CAPTIONS),
           median(per[2], REPS * CAPTIONS));

    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache_root);
    if (system(cmd) != 0) {
        fprintf(stderr, "bench_voice: could not remove %s\n", cache_root);
    }
    ebb_level_free(&lv);
    ebb_speech_close();
    SDL_Quit();
    return bad;
}
