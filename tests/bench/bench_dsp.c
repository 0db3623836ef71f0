/* Benchmark of the EMG pipeline: prints figures, asserts nothing (timings vary by machine).
 *
 *   1. envelope 10-90 % rise time, 50 % delay, overshoot and ripple for each envelope filter
 *      candidate (the table in docs/signal.md);
 *   2. DSP throughput in samples per second at 8, 16 and 48 kHz, and the ring's;
 *   3. probe-sample-to-input-frame delay: the parts a sample waits through between the
 *      amplifier and the frame the game reads. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <time.h>

#include "../dsp/emg_measure.h"
#include "core/ring.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void envelope_table(unsigned rate)
{
    static const struct {
        ebb_envelope kind;
        double hz;
        unsigned rms_ticks;
        const char *name;
    } cands[] = {
        {EBB_ENVELOPE_LP1, 2.0, 0, "LP1 2 Hz"},   {EBB_ENVELOPE_LP1, 3.0, 0, "LP1 3 Hz"},
        {EBB_ENVELOPE_LP1, 5.0, 0, "LP1 5 Hz"},   {EBB_ENVELOPE_LP2, 3.0, 0, "LP2 3 Hz"},
        {EBB_ENVELOPE_LP2, 4.0, 0, "LP2 4 Hz"},   {EBB_ENVELOPE_LP2, 5.0, 0, "LP2 5 Hz"},
        {EBB_ENVELOPE_LP2, 8.0, 0, "LP2 8 Hz"},   {EBB_ENVELOPE_RMS, 0.0, 5, "RMS 50 ms"},
        {EBB_ENVELOPE_RMS, 0.0, 10, "RMS 100 ms"}, {EBB_ENVELOPE_RMS, 0.0, 20, "RMS 200 ms"},
    };
    printf("\nEnvelope step response and ripple at %u Hz (50 uV rms sEMG-band noise):\n", rate);
    printf("| envelope | 10-90 %% rise | 50 %% delay | overshoot | ripple (sd/mean) | "
           "p1-p99 band | level |\n");
    printf("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
        ebb_emg_desc d = {0};
        d.sample_rate = rate;
        d.envelope = cands[i].kind;
        d.envelope_hz = cands[i].hz;
        d.rms_ticks = cands[i].rms_ticks;
        emg_step_figures f;
        if (emg_measure(&d, &f) != 0) {
            printf("| %s | (invalid) |\n", cands[i].name);
            continue;
        }
        printf("| %s%s | %.0f ms | %.0f ms | %.1f %% | %.1f %% | %.0f %% | %.1f uV |\n",
               cands[i].name, i == 8 ? " (default)" : "", f.rise_ms, f.t50_ms,
               f.overshoot_pct, f.ripple_pct, f.band_pct, f.level_uv);
    }
}

static void throughput(void)
{
    static float buf[48000];
    printf("\nThroughput (default pipeline, 10 s of signal, blocks of one tick):\n");
    static const unsigned rates[] = {8000, 16000, 48000};
    for (size_t r = 0; r < 3; r++) {
        ebb_emg_desc d = {0};
        d.sample_rate = rates[r];
        ebb_emg *e = ebb_emg_create(&d, NULL, 0);
        emg_gen g;
        emg_gen_init(&g, (double)rates[r], 50.0, 3);
        for (unsigned i = 0; i < rates[r]; i++) {
            buf[i] = emg_gen_next(&g, 1);
        }
        const size_t block = rates[r] / 100;
        const double t0 = now_s();
        float v;
        for (int rep = 0; rep < 10; rep++) {
            for (size_t at = 0; at < rates[r]; at += block) {
                ebb_emg_feed(e, buf + at, block);
                while (ebb_emg_next_tick(e, &v)) {
                }
            }
        }
        const double dt = now_s() - t0;
        printf("  %5u Hz: %zu notches, %.2f Msamples/s (%.0fx real time, %.1f us per tick)\n",
               rates[r], ebb_emg_notch_count(e), 10.0 * rates[r] / dt / 1e6,
               10.0 / dt, dt / 1000.0 * 1e6);
        ebb_emg_destroy(e);
    }
    ebb_ring *ring = ebb_ring_create(65536);
    const double t0 = now_s();
    for (int rep = 0; rep < 2000; rep++) {
        for (size_t at = 0; at < 48000; at += 480) {
            ebb_ring_push(ring, buf + at, 480);
            ebb_ring_pop(ring, buf + at, 480);
        }
    }
    const double dt = now_s() - t0;
    printf("  ring push+pop: %.0f Msamples/s\n", 2000.0 * 48000.0 / dt / 1e6);
    ebb_ring_destroy(ring);
}

static void delay_budget(void)
{
    ebb_emg_desc d = {0};
    d.sample_rate = 8000;
    ebb_emg *e = ebb_emg_create(&d, NULL, 0);
    const ebb_emg_desc eff = ebb_emg_effective_desc(e);
    /* Measured end to end (band-pass, rectifier, envelope, decimation together): the step
     * figures already include the band-pass group delay (a few ms at 100 Hz). */
    ebb_emg_destroy(e);
    emg_step_figures f;
    emg_measure(&eff, &f);
    printf("\nProbe-sample-to-input-frame delay (default pipeline, 8 kHz, audio probe):\n");
    printf("  PortAudio buffer (one tick of samples)      10 ms\n");
    printf("  wait in the ring for the next poll            0..10 ms (5 ms mean at 100 Hz "
           "polls)\n");
    printf("  decimation to the tick boundary               0..10 ms (part of the figures "
           "below)\n");
    printf("  envelope 50 %% delay after a step              %.0f ms (10 %%: %.0f ms, "
           "90 %%: %.0f ms)\n", f.t50_ms, f.t10_ms, f.t90_ms);
    printf("  total to half a step                          ~%.0f ms mean, %.0f ms worst\n",
           10.0 + 5.0 + f.t50_ms, 10.0 + 10.0 + f.t50_ms);
}

int main(void)
{
    printf("bench_dsp: Ebb EMG pipeline figures (no assertions)\n");
    envelope_table(8000);
    envelope_table(48000);
    throughput();
    delay_budget();
    return 0;
}
