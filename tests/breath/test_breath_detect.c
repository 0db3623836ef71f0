/* The breath detector (core/breath_detect.h) on synthetic recordings (breath_signal.h): phase
 * changes within 150 ms of the truth at 6 and 12 breaths a minute and at three sample rates,
 * no breath in 30 s of room noise, none from keyboard clicks, the volume guess following the
 * breath, and bad descriptions refused. Prints what it measured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breath_signal.h"

static int failures;

#define CHECK(cond, ...)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            failures++;                                                                        \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                        \
            printf(__VA_ARGS__);                                                               \
            printf("\n");                                                                      \
        }                                                                                      \
    } while (0)

typedef struct run {
    ebb_breath_phase *phase;
    float *volume;
    size_t n;
    ebb_breath_stats stats;
} run;

static run detect(const float *x, size_t n, unsigned rate)
{
    char err[128];
    ebb_breath *b = ebb_breath_create(&(ebb_breath_desc){.rate = rate}, err, sizeof err);
    run r = {.phase = calloc(n / (rate / 100u) + 1u, sizeof *r.phase),
             .volume = calloc(n / (rate / 100u) + 1u, sizeof *r.volume)};
    for (size_t i = 0; i < n; i += 500) {
        ebb_breath_feed(b, x + i, n - i < 500 ? n - i : 500);
        ebb_breath_tick t;
        while (ebb_breath_next_tick(b, &t)) {
            r.phase[r.n] = t.phase;
            r.volume[r.n++] = t.volume;
        }
    }
    r.stats = ebb_breath_get_stats(b);
    ebb_breath_destroy(b);
    return r;
}

static void run_free(run *r)
{
    free(r->phase);
    free(r->volume);
}

static void paced(unsigned rate, double bpm, uint64_t seed)
{
    const double len = 63.0;
    const size_t n = (size_t)(len * rate);
    float *x = malloc(n * sizeof *x);
    bs_truth truth[64] = {{0}};
    const size_t nt = bs_schedule(bpm, 3.0, len, truth, 64);
    bs_render(x, n, rate, truth, nt, NULL, 0, seed);
    run r = detect(x, n, rate);
    const bs_score s = bs_compare(r.phase, r.n, truth, nt, 150.0);
    printf("%5u Hz %4.0f/min: %u/%u changes within 150 ms (mean %.0f ms, max %.0f ms), "
           "%u/%u breaths missed, %u/%u false\n",
           rate, bpm, s.changes_found, s.changes, s.delay_mean_ms, s.delay_max_ms, s.missed,
           s.breaths, s.false_alarms, s.detected);
    CHECK(s.changes_found == s.changes, "every phase change within 150 ms");
    CHECK(s.missed == 0 && s.false_alarms == 0, "no misses, no false alarms");
    /* The volume rises over each in-breath and falls over each out-breath. */
    for (size_t i = 0; i < nt; i++) {
        const size_t a = (size_t)(truth[i].t0 * 100.0), e = (size_t)(truth[i].t1 * 100.0);
        const float d = r.volume[e] - r.volume[a];
        CHECK(truth[i].phase == EBB_BREATH_IN ? d >= 0.15f : d <= -0.15f,
              "volume moves with breath %zu (%s): %+.2f", i, ebb_breath_phase_name(truth[i].phase), (double)d);
    }
    run_free(&r);
    free(x);
}

static unsigned sounding_ticks(const run *r)
{
    unsigned k = 0;
    for (size_t i = 0; i < r->n; i++) {
        k += r->phase[i] != EBB_BREATH_PAUSE;
    }
    return k;
}

static void room_only(unsigned rate)
{
    const size_t n = (size_t)(32.0 * rate);
    float *x = malloc(n * sizeof *x);
    bs_render(x, n, rate, NULL, 0, NULL, 0, 7);
    run r = detect(x, n, rate);
    printf("%5u Hz room noise 30 s: %u sounding ticks, %llu breaths\n", rate, sounding_ticks(&r),
           (unsigned long long)(r.stats.breaths_in + r.stats.breaths_out));
    CHECK(sounding_ticks(&r) == 0, "room noise is a pause throughout");
    run_free(&r);
    free(x);
}

static void clicks(unsigned rate)
{
    const size_t n = (size_t)(20.0 * rate);
    float *x = malloc(n * sizeof *x);
    double at[24];
    for (int i = 0; i < 24; i++) {
        at[i] = 3.0 + 0.7 * i + 0.013 * (i % 5); /* typing: irregular, some in quick pairs */
    }
    bs_render(x, n, rate, NULL, 0, at, 24, 11);
    run r = detect(x, n, rate);
    printf("%5u Hz 24 keyboard clicks: %u sounding ticks, %llu breaths, %llu short sounds\n", rate,
           sounding_ticks(&r), (unsigned long long)(r.stats.breaths_in + r.stats.breaths_out),
           (unsigned long long)r.stats.short_sounds);
    CHECK(r.stats.breaths_in + r.stats.breaths_out == 0, "clicks are not breaths");
    CHECK(sounding_ticks(&r) == 0, "clicks do not even move the phase");
    run_free(&r);
    free(x);
}

static void refuses(void)
{
    char err[128] = "";
    CHECK(!ebb_breath_create(&(ebb_breath_desc){.rate = 4000}, err, sizeof err), "4 kHz refused");
    CHECK(strstr(err, "8000..48000") != NULL, "message names the range: %s", err);
    CHECK(!ebb_breath_create(&(ebb_breath_desc){.rate = 8000, .calib_ms = 60000}, err, sizeof err),
          "a minute of calibration refused");
}

int main(void)
{
    static const unsigned rates[] = {8000, 16000, 48000};
    for (size_t i = 0; i < 3; i++) {
        paced(rates[i], 6.0, 1 + i);
        paced(rates[i], 12.0, 5 + i);
        room_only(rates[i]);
        clicks(rates[i]);
    }
    refuses();
    printf(failures ? "%d failure(s)\n" : "ok\n", failures);
    return failures ? 1 : 0;
}
