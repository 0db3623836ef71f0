/* Benchmark of the EMG pipeline: prints figures, asserts nothing (timings vary by machine).
 *
 *   1. envelope rise, fall, overshoot and ripple for each envelope candidate on synthetic
 *      steps (the table in docs/signal.md);
 *   2. onset and release lag against a zero-phase reference on a real recording
 *      (tests/data/emg-biosppy-1k.wav) and on synthetic bursts, with missed/extra bursts;
 *   3. mains detection on the recording and on synthetic hum;
 *   4. DSP throughput, the full-rate cascade (before) against the decimated one (now), as
 *      the median of 5 alternating runs, and the ring's;
 *   5. probe-sample-to-input-frame delay: the parts a sample waits through.
 *
 *   bench_dsp [RECORDING.wav] */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <time.h>

#include "../dsp/emg_measure.h"
#include "../dsp/emg_onsets.h"
#include "core/ring.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct cand {
    ebb_envelope kind;
    double hz;
    unsigned ticks;
    double slow_ms;
    ebb_adapt_detector detector;
    double threshold, cusum_k, cusum_h;
    const char *name;
} cand;

/* A CUSUM decision level no sum reaches: the jump test alone. */
#define NO_CUSUM 1e9

static const cand cands[] = {
    {EBB_ENVELOPE_RMS, 0, 10, 0, 0, 0, 0, 0, "moving RMS 100 ms (first)"},
    {EBB_ENVELOPE_RMS, 0, 25, 0, 0, 0, 0, 0, "moving RMS 250 ms"},
    {EBB_ENVELOPE_MAV, 0, 100, 0, 0, 0, 0, 0, "1 s mean of |x|"},
    {EBB_ENVELOPE_LP2, 4.0, 0, 0, 0, 0, 0, 0, "2nd-order LP 4 Hz"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_LOG, 0.35, 0, 0, "adaptive, log 0.35 (before)"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_LOG, 0.25, 0, 0, "adaptive, log 0.25"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_LOG, 0.50, 0, 0, "adaptive, log 0.50"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_NOISE, 0, 0, 0, "adaptive, noise 3 sd + CUSUM (now)"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_NOISE, 3.0, 0, NO_CUSUM, "adaptive, noise 3 sd, no CUSUM"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_NOISE, 2.0, 0, NO_CUSUM, "adaptive, noise 2 sd, no CUSUM"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_NOISE, 3.0, 1.0, 2.0, "adaptive, noise, CUSUM h 2"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 0, EBB_ADAPT_NOISE, 3.0, 1.0, 4.0, "adaptive, noise, CUSUM h 4"},
    {EBB_ENVELOPE_ADAPTIVE, 0, 0, 150, EBB_ADAPT_NOISE, 0, 0, 0, "adaptive, noise, slow 150 ms"},
};
#define CANDS (sizeof cands / sizeof cands[0])

static ebb_emg_desc cand_desc(const cand *c, unsigned rate)
{
    ebb_emg_desc d = {0};
    d.sample_rate = rate;
    d.envelope = c->kind;
    d.envelope_hz = c->hz;
    d.rms_ticks = c->ticks;
    d.adapt_slow_ms = c->slow_ms;
    d.adapt_detector = c->detector;
    d.adapt_threshold = c->threshold;
    d.adapt_cusum_k = c->cusum_k;
    d.adapt_cusum_h = c->cusum_h;
    return d;
}

static void envelope_table(unsigned rate)
{
    printf("\nEnvelope step response and ripple at %u Hz (50 uV rms sEMG-band noise):\n", rate);
    printf("| envelope | 10-90 %% rise | 50 %% delay | fall 50 %% | fall 90 %% | overshoot | "
           "ripple (sd/mean) | p1-p99 band | level |\n");
    printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < CANDS; i++) {
        const ebb_emg_desc d = cand_desc(&cands[i], rate);
        emg_step_figures f;
        if (emg_measure(&d, &f) != 0) {
            printf("| %s | (invalid) |\n", cands[i].name);
            continue;
        }
        printf("| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.1f %% | %.1f %% | %.0f %% | "
               "%.1f uV |\n", cands[i].name, f.rise_ms, f.t50_ms, f.fall50_ms, f.fall90_ms,
               f.overshoot_pct, f.ripple_pct, f.band_pct, f.level_uv);
    }
}

/* What a low rate costs: the default envelope (and the detector it replaced) at the rates of
 * common amplifiers. The synthetic bursts keep what each rate can carry (emg_signal.h). */
static void low_rate_table(void)
{
    printf("\nLow-rate amplifiers: adaptive envelope, 50 uV rms bursts band-limited to the rate:\n");
    printf("| rate | band kept | fast window | tick dof (model) | 50 %% delay | fall 50 %% | "
           "ripple (now) | ripple (log 0.35, before) | level |\n");
    printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    static const unsigned rates[] = {200, 250, 256, 500, 1000};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        ebb_emg_desc d = {0};
        d.sample_rate = rates[i];
        ebb_emg *e = ebb_emg_create(&d, NULL, 0);
        const ebb_emg_desc eff = ebb_emg_effective_desc(e);
        ebb_emg_destroy(e);
        emg_step_figures f, old;
        emg_measure(&d, &f);
        d.adapt_detector = EBB_ADAPT_LOG;
        emg_measure(&d, &old);
        printf("| %u Hz | 20..%.0f Hz | %u ms | %.1f | %.0f ms | %.0f ms | %.1f %% | %.1f %% | "
               "%.1f uV |\n", rates[i], eff.lowpass_hz, eff.adapt_fast_ticks * 10u,
               ebb_env_adapt_dof(eff.lowpass_hz), f.t50_ms, f.fall50_ms, f.ripple_pct,
               old.ripple_pct, f.level_uv);
    }
}

#define REC_TICKS 12000

static void onset_table(const char *title, const emg_recording *r, unsigned mains)
{
    static float ref[REC_TICKS], env[REC_TICKS];
    const size_t nref = emg_o_reference(r, mains, ref, REC_TICKS);
    printf("\nOnset and release lag against a zero-phase reference: %s\n", title);
    printf("| envelope | bursts | missed | extra | onset median | onset worst | "
           "release median | release worst | burst/rest |\n");
    printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < CANDS; i++) {
        ebb_emg_desc d = cand_desc(&cands[i], r->rate);
        d.mains_hz = mains;
        const size_t n = emg_o_run(r, &d, env, REC_TICKS, NULL);
        emg_o_figures f;
        emg_o_compare(ref, env, n < nref ? n : nref, EBB_EMG_SETTLE_MS / 10 + 20, &f);
        printf("| %s | %zu | %zu | %zu | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f |\n",
               cands[i].name, f.bursts, f.missed, f.extra, f.onset_median_ms, f.onset_max_ms,
               f.release_median_ms, f.release_max_ms, f.contrast);
    }
}

/* The emg_signal.h bursts (with 50 Hz hum) as a recording at `rate`. */
static emg_recording synthetic(unsigned rate, double mains, int hum, double seconds)
{
    emg_recording r = {0};
    r.rate = rate;
    r.n = (size_t)(seconds * rate);
    r.x = malloc(r.n * sizeof *r.x);
    emg_gen g;
    emg_gen_init(&g, rate, mains, 7);
    for (size_t i = 0; r.x && i < r.n; i++) {
        r.x[i] = emg_gen_next(&g, hum);
    }
    return r;
}

static void mains_table(const emg_recording *real)
{
    printf("\nMains found by itself (first second, Goertzel, hum over the floor):\n");
    printf("| input | chosen | 50 Hz family | 60 Hz family |\n| --- | --- | --- | --- |\n");
    const struct {
        const char *name;
        unsigned rate;
        double mains;
        int hum;
    } in[] = {{"synthetic, 50 Hz hum, 8 kHz", 8000, 50, 1},
              {"synthetic, 60 Hz hum, 8 kHz", 8000, 60, 1},
              {"synthetic, no hum, 8 kHz", 8000, 50, 0},
              {"synthetic, 60 Hz hum, 250 Hz", 250, 60, 1},
              {"synthetic, 50 Hz hum, 1 kHz", 1000, 50, 1}};
    static float t[1000];
    for (size_t i = 0; i < sizeof in / sizeof in[0] + (real ? 1 : 0); i++) {
        emg_recording r = i < sizeof in / sizeof in[0]
                              ? synthetic(in[i].rate, in[i].mains, in[i].hum, 1.2)
                              : *real;
        ebb_emg_desc d = {0};
        d.sample_rate = r.rate;
        d.mains_auto = true;
        ebb_emg_mains m;
        emg_recording head = r;
        head.n = r.n < (size_t)(1.2 * r.rate) ? r.n : (size_t)(1.2 * r.rate);
        emg_o_run(&head, &d, t, 1000, &m);
        printf("| %s | %s | %+.0f dB | %+.0f dB |\n",
               i < sizeof in / sizeof in[0] ? in[i].name : "real recording (BioSPPy, 1 kHz)",
               m.detected ? (m.in_use_hz == 50 ? "50 Hz" : "60 Hz") : "none (default 50 stays)",
               m.hum50_db, m.hum60_db);
        if (i < sizeof in / sizeof in[0]) {
            free(r.x);
        }
    }
}

static int cmp_d(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double run_throughput(unsigned rate, bool full_rate, const float *buf, size_t *notches,
                             unsigned *step)
{
    ebb_emg_desc d = {0};
    d.sample_rate = rate;
    d.full_rate = full_rate;
    ebb_emg *e = ebb_emg_create(&d, NULL, 0);
    const size_t block = rate / 100 ? rate / 100 : 1;
    const int reps = rate < 8000 ? 100 : 10;
    const double t0 = now_s();
    float v;
    for (int rep = 0; rep < reps; rep++) {
        for (size_t at = 0; at + block <= rate; at += block) {
            ebb_emg_feed(e, buf + at, block);
            while (ebb_emg_next_tick(e, &v)) {
            }
        }
    }
    const double dt = now_s() - t0;
    *notches = ebb_emg_notch_count(e);
    *step = ebb_emg_inner_step(e);
    ebb_emg_destroy(e);
    return (double)reps * rate / dt / 1e6;
}

static void throughput(void)
{
    static float buf[48000];
    printf("\nThroughput, one core, blocks of one tick, median of 5 alternating runs "
           "(M samples/s):\n");
    printf("| rate | notches | full-rate cascade (before) | low-pass, 1 in M kept (now) | M | "
           "speed-up |\n| --- | --- | --- | --- | --- | --- |\n");
    static const unsigned rates[] = {250, 1000, 8000, 16000, 44100, 48000};
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++) {
        emg_gen g;
        emg_gen_init(&g, (double)rates[r], 50.0, 3);
        for (unsigned i = 0; i < rates[r]; i++) {
            buf[i] = emg_gen_next(&g, 1);
        }
        double before[5], after[5];
        size_t notches = 0;
        unsigned step = 1;
        for (int k = 0; k < 5; k++) {
            before[k] = run_throughput(rates[r], true, buf, &notches, &step);
            after[k] = run_throughput(rates[r], false, buf, &notches, &step);
        }
        qsort(before, 5, sizeof before[0], cmp_d);
        qsort(after, 5, sizeof after[0], cmp_d);
        printf("| %u Hz | %zu | %.1f | %.1f | %u | %.1fx |\n", rates[r], notches, before[2],
               after[2], step, after[2] / before[2]);
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
    emg_step_figures f;
    emg_measure(&d, &f);
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

/* The machine is shared: say how busy it was (timings only; the signal figures are exact). */
static void print_load(const char *when)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double l1 = 0.0, l5 = 0.0, l15 = 0.0;
    if (f && fscanf(f, "%lf %lf %lf", &l1, &l5, &l15) == 3) {
        printf("load average %s: %.2f %.2f %.2f\n", when, l1, l5, l15);
    }
    if (f) {
        fclose(f);
    }
}

int main(int argc, char **argv)
{
    printf("bench_dsp: Ebb EMG pipeline figures (no assertions)\n");
    print_load("at start");
    envelope_table(8000);
    envelope_table(1000);
    low_rate_table();
    emg_recording real = {0};
    const char *path = argc > 1 ? argv[1] : "tests/data/emg-biosppy-1k.wav";
    if (emg_o_load_wav(path, &real) == 0) {
        onset_table("real recording (BioSPPy emg_1, 1 kHz, 30 s)", &real, 50);
    } else {
        printf("\n(no recording at %s: real-data figures skipped)\n", path);
    }
    static const unsigned syn_rates[] = {1000, 8000};
    for (size_t i = 0; i < 2; i++) {
        emg_recording s = synthetic(syn_rates[i], 50, 1, EMG_SIGNAL_S);
        char title[96];
        snprintf(title, sizeof title, "synthetic bursts (emg_signal.h, %u Hz, 50 Hz hum)",
                 syn_rates[i]);
        onset_table(title, &s, 50);
        free(s.x);
    }
    mains_table(real.x ? &real : NULL);
    free(real.x);
    throughput();
    delay_budget();
    print_load("at end");
    return 0;
}
