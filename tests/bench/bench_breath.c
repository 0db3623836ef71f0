/* Breath detection from a microphone (core/breath_detect.h) on synthetic recordings
 * (tests/breath/breath_signal.h): the phase-change delay, the miss and false-alarm rates,
 * over 6 and 12 breaths a minute, three sample rates, five recordings each, and rooms up to
 * 12 dB louder than the tests use; then false alarms in ten minutes of room noise and of
 * typing; then the cost. `make bench` runs it. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "breath_signal.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t detect(const float *x, size_t n, unsigned rate, ebb_breath_phase *phases,
                     ebb_breath_stats *st)
{
    char err[128];
    ebb_breath *b = ebb_breath_create(&(ebb_breath_desc){.rate = rate}, err, sizeof err);
    size_t k = 0;
    for (size_t i = 0; i < n; i += 1024) {
        ebb_breath_feed(b, x + i, n - i < 1024 ? n - i : 1024);
        ebb_breath_tick t;
        while (ebb_breath_next_tick(b, &t)) {
            phases[k++] = t.phase;
        }
    }
    *st = ebb_breath_get_stats(b);
    ebb_breath_destroy(b);
    return k;
}

int main(void)
{
    static const unsigned rates[] = {8000, 16000, 48000};
    static const double rooms[] = {1.0, 2.0, 4.0}; /* room noise x1, +6 dB, +12 dB */
    const double len = 93.0;
    printf("breath detection on synthetic recordings (%.0f s each, 5 per row; delays are |detected - truth| at each start and end of a breath)\n", len);
    printf("%-22s %8s %8s %8s %9s %8s %8s\n", "condition", "changes", "mean ms", "max ms",
           ">150 ms", "missed", "false");
    for (size_t ri = 0; ri < 3; ri++) {
        for (int bpm = 6; bpm <= 12; bpm += 6) {
            for (size_t rm = 0; rm < 3; rm++) {
                unsigned changes = 0, found = 0, breaths = 0, missed = 0, det = 0, fa = 0;
                double sum = 0.0, mx = 0.0;
                const unsigned rate = rates[ri];
                const size_t n = (size_t)(len * rate);
                float *x = malloc(n * sizeof *x);
                ebb_breath_phase *ph = malloc((n / (rate / 100u) + 1u) * sizeof *ph);
                for (uint64_t seed = 1; seed <= 5; seed++) {
                    bs_truth truth[64];
                    const size_t nt = bs_schedule(bpm, 3.0, len, truth, 64);
                    bs_render_room(x, n, rate, truth, nt, NULL, 0, seed * 31u + (uint64_t)bpm,
                                   BS_ROOM_RMS * rooms[rm]);
                    ebb_breath_stats st;
                    const size_t k = detect(x, n, rate, ph, &st);
                    const bs_score s = bs_compare(ph, k, truth, nt, 1000.0);
                    changes += s.changes;
                    breaths += s.breaths;
                    missed += s.missed;
                    det += s.detected;
                    fa += s.false_alarms;
                    /* within 150 ms of the truth, as the tests ask */
                    const bs_score s150 = bs_compare(ph, k, truth, nt, 150.0);
                    found += s150.changes_found;
                    sum += s.delay_mean_ms * s.changes_found;
                    mx = s.delay_max_ms > mx ? s.delay_max_ms : mx;
                }
                char cond[40];
                snprintf(cond, sizeof cond, "%u Hz %2d/min room+%.0fdB", rate, bpm,
                         20.0 * log10(rooms[rm]));
                printf("%-22s %8u %8.0f %8.0f %8.1f%% %7.1f%% %7.1f%%\n", cond, changes,
                       sum / changes, mx, 100.0 * (changes - found) / changes,
                       100.0 * missed / breaths, det ? 100.0 * fa / det : 0.0);
                free(x);
                free(ph);
            }
        }
    }
    /* False alarms where nobody breathes. */
    const unsigned rate = 16000;
    const double quiet = 600.0;
    const size_t n = (size_t)(quiet * rate);
    float *x = malloc(n * sizeof *x);
    ebb_breath_phase *ph = malloc((n / (rate / 100u) + 1u) * sizeof *ph);
    double clicks[2000];
    size_t nc = 0;
    for (double t = 3.0; t < quiet - 1.0 && nc < 2000; t += 0.25 + 0.2 * (double)(nc % 4)) {
        clicks[nc++] = t;
    }
    for (int typing = 0; typing <= 1; typing++) {
        bs_render(x, n, rate, NULL, 0, clicks, typing ? nc : 0, 99);
        ebb_breath_stats st;
        const size_t k = detect(x, n, rate, ph, &st);
        size_t sounding = 0;
        for (size_t i = 0; i < k; i++) {
            sounding += ph[i] != EBB_BREATH_PAUSE;
        }
        printf("%.0f min of room noise%s: %llu false breaths, %llu short sounds, %zu sounding ticks\n",
               quiet / 60.0, typing ? " and typing" : "", (unsigned long long)(st.breaths_in + st.breaths_out),
               (unsigned long long)st.short_sounds, sounding);
        if (typing) {
            printf("  (%zu keyboard clicks)\n", nc);
        }
    }
    /* Cost. */
    ebb_breath_stats st;
    const double t0 = now_s();
    detect(x, n, rate, ph, &st);
    const double dt = now_s() - t0;
    printf("cost: %.0f s of 16 kHz audio in %.3f s (%.0fx real time)\n", quiet, dt, quiet / dt);
    free(x);
    free(ph);
    return 0;
}
