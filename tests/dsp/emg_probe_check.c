/* Real-component check of the EMG path: opens a probe through the public probe interface,
 * collects its tick envelopes, finds the burst onsets of the emg_signal.h test signal and
 * checks them against the signal's known burst times.
 *
 *   emg_probe_check audio [RATE]     PortAudio capture (ALSA_CONFIG_PATH set by the caller to
 *                                    a config whose capture PCM is the `file` plugin)
 *   emg_probe_check replay:X.wav [RATE]   WAV replay of the signal generated at RATE
 *   emg_probe_check --list           lists audio inputs; fails when there are none
 *
 * Tolerances, and why:
 * - Both: every onset lies 10..120 ms after its burst starts (the envelope's rise to the
 *   20 µV threshold, about half the plateau; the bench measures a 33 ms 50 % delay for the
 *   default envelope, and noise moves single crossings by a tick or two), each burst's plateau is
 *   30..70 µV (50 µV rms noise has a rectified mean near 40 µV) and rest between bursts is
 *   under 10 µV although the hum is 100 µV: the notches work.
 * - audio: the ALSA file plugin delivers faster than real time and PortAudio may start a
 *   buffer late, so only the spacing between onsets is checked: within ±20 ms (2 ticks) of
 *   the spacing of the bursts. The absolute offset is printed.
 * - WAV: the replay is exact, so absolute onsets are checked to ±10 ms of the same signal
 *   run offline through the pipeline. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/audio_list.h"
#include "emg_signal.h"
#include "io/probe.h"

#define MAX_TICKS 2000
#define WANT_TICKS ((size_t)(EMG_SIGNAL_S * 100))
#define ON_UV 20.0f
#define OFF_UV 10.0f

static float ticks[MAX_TICKS];

static int failures;

#define CHECK(cond, ...)                                                                     \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "FAIL: " __VA_ARGS__);                                           \
            fputc('\n', stderr);                                                             \
            failures++;                                                                      \
        }                                                                                    \
    } while (0)

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static size_t collect_audio(ebb_probe *p, unsigned want_rate)
{
    const unsigned rate = ebb_probe_audio_rate(p);
    printf("audio: capturing at %u Hz\n", rate);
    CHECK(rate == want_rate, "opened at %u Hz, the file was made for %u Hz", rate, want_rate);
    size_t n = 0;
    int lost_polls = 0;
    for (int waited = 0; n < WANT_TICKS && waited < 20000; waited += 2) {
        ebb_probe_status st;
        n += ebb_probe_audio_drain(p, ticks + n, MAX_TICKS - n, &st);
        lost_polls += st == EBB_PROBE_LOST;
        sleep_ms(2);
    }
    const ebb_audio_stats as = ebb_probe_audio_stats(p);
    printf("audio: %zu ticks, %d polls reported lost; %llu samples delivered, %llu dropped, "
           "%llu overflows\n", n, lost_polls, (unsigned long long)as.samples,
           (unsigned long long)as.dropped, (unsigned long long)as.overflows);
    /* A normal poll through the interface must also work and see the signal. */
    ebb_frame f;
    const ebb_probe_status st = ebb_probe_poll(p, 0, &f);
    CHECK(st == EBB_PROBE_OK && f.signal == EBB_SIGNAL_OK && (f.present & 1u),
          "poll() after capture: status %d signal %d", (int)st, (int)f.signal);
    return n;
}

static size_t collect_replay(ebb_probe *p)
{
    size_t n = 0;
    ebb_frame f;
    for (uint32_t ms = 0; n < MAX_TICKS; ms += EBB_TICK_MS) {
        const ebb_probe_status st = ebb_probe_poll(p, ms, &f);
        if (st == EBB_PROBE_ENDED) {
            break;
        }
        CHECK(st == EBB_PROBE_OK, "replay poll at %u ms: status %d", ms, (int)st);
        ticks[n++] = f.raw[EBB_CH_PF];
    }
    printf("replay: %zu ticks\n", n);
    CHECK(n == WANT_TICKS, "replay gave %zu ticks, expected %zu", n, WANT_TICKS);
    return n;
}

/* Onsets after the pipeline has settled (EBB_EMG_SETTLE_MS: the notches ring down from the
 * hum switched on at t = 0); the first burst starts at 1 s. */
static size_t settled_onsets(const float *env, size_t n, size_t *on)
{
    const size_t skip = EBB_EMG_SETTLE_MS / EBB_TICK_MS;
    if (n <= skip) {
        return 0;
    }
    const size_t k = emg_onsets(env + skip, n - skip, ON_UV, OFF_UV, on, EMG_BURSTS);
    for (size_t i = 0; i < k && i < EMG_BURSTS; i++) {
        on[i] += skip;
    }
    return k;
}

/* The same signal run offline through the pipeline: the reference onsets. */
static size_t offline_onsets(unsigned rate, size_t *on)
{
    static float ref[MAX_TICKS];
    char err[256];
    const ebb_emg_desc d = ebb_audio_emg_desc(rate);
    ebb_emg *e = ebb_emg_create(&d, err, sizeof err);
    if (!e) {
        fprintf(stderr, "FAIL: %s\n", err);
        exit(1);
    }
    emg_gen g;
    emg_gen_init(&g, (double)rate, 50.0, 1);
    size_t n = 0;
    for (size_t i = 0; i < (size_t)(EMG_SIGNAL_S * rate); i++) {
        const float x = emg_gen_next(&g, 1);
        ebb_emg_feed(e, &x, 1);
        while (n < MAX_TICKS && ebb_emg_next_tick(e, &ref[n])) {
            n++;
        }
    }
    ebb_emg_destroy(e);
    return settled_onsets(ref, n, on);
}

static double mean(const float *x, size_t a, size_t b)
{
    double s = 0.0;
    for (size_t i = a; i < b; i++) {
        s += x[i];
    }
    return s / (double)(b - a);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: emg_probe_check audio|replay:FILE.wav [RATE]\n");
        return 2;
    }
    if (strcmp(argv[1], "--list") == 0) { /* what `ebb devices` prints for audio */
        const int inputs = ebb_audio_list(stdout);
        return inputs >= 1 ? 0 : 1;
    }
    const int live = strncmp(argv[1], "audio", 5) == 0;
    unsigned rate = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 8000u;
    ebb_diags diags;
    ebb_probe *p = ebb_probe_open(argv[1], &diags);
    if (!p) {
        ebb_diags_print(&diags, stderr);
        return 1;
    }
    const size_t n = live ? collect_audio(p, rate) : collect_replay(p);
    ebb_probe_close(p);
    size_t on[EMG_BURSTS] = {0}, ref[EMG_BURSTS] = {0};
    const size_t n_on = settled_onsets(ticks, n < WANT_TICKS ? n : WANT_TICKS, on);
    const size_t n_ref = offline_onsets(rate, ref);
    CHECK(n_ref == EMG_BURSTS, "offline reference found %zu onsets", n_ref);
    CHECK(n_on == EMG_BURSTS, "found %zu onsets in %zu ticks, expected %zu", n_on, n,
          (size_t)EMG_BURSTS);
    if (n_on != EMG_BURSTS || n_ref != EMG_BURSTS) {
        return 1;
    }
    const long offset = (long)on[0] - (long)ref[0];
    for (size_t i = 0; i < EMG_BURSTS; i++) {
        const long truth_ms = lround(emg_bursts[i].start_s * 1000.0);
        /* tick k holds the envelope at the end of its 10 ms: (k + 1) * 10 ms */
        const long got_ms = (long)(on[i] + 1) * EBB_TICK_MS;
        const long ref_ms = (long)(ref[i] + 1) * EBB_TICK_MS;
        printf("burst %zu: starts %ld ms, offline onset %ld ms, probe onset %ld ms",
               i + 1, truth_ms, ref_ms, got_ms);
        CHECK(ref_ms - truth_ms >= 10 && ref_ms - truth_ms <= 120,
              "offline onset %ld ms is not 10..120 ms after the burst at %ld ms", ref_ms,
              truth_ms);
        if (live) {
            const long spacing = (long)(on[i] - on[0]) * EBB_TICK_MS;
            const long want = lround((emg_bursts[i].start_s - emg_bursts[0].start_s) * 1000.0);
            printf(", spacing %ld ms (bursts %ld ms)\n", spacing, want);
            CHECK(labs(spacing - want) <= 20, "burst %zu spacing %ld ms, expected %ld ±20 ms",
                  i + 1, spacing, want);
        } else {
            printf("\n");
            CHECK(labs(got_ms - ref_ms) <= 10, "burst %zu onset %ld ms, offline %ld ±10 ms",
                  i + 1, got_ms, ref_ms);
        }
        /* plateau: the middle half of the burst, shifted by the capture offset */
        const long a = lround((emg_bursts[i].start_s + emg_bursts[i].length_s * 0.25) * 100) +
                       offset;
        const long b = lround((emg_bursts[i].start_s + emg_bursts[i].length_s * 0.75) * 100) +
                       offset;
        if (a >= 0 && (size_t)b <= n) {
            const double plateau = mean(ticks, (size_t)a, (size_t)b);
            printf("  plateau %.1f uV\n", plateau);
            CHECK(plateau >= 30.0 && plateau <= 70.0, "burst %zu plateau %.1f uV", i + 1,
                  plateau);
        }
    }
    if (live) {
        printf("capture offset vs offline: %ld ms\n", offset * EBB_TICK_MS);
    }
    /* rest between bursts 1 and 2 (1.95..2.45 s), despite 100 µV of hum */
    const long ra = 195 + offset, rb = 245 + offset;
    if (ra >= 0 && (size_t)rb <= n) {
        const double rest = mean(ticks, (size_t)ra, (size_t)rb);
        printf("rest between bursts %.2f uV\n", rest);
        CHECK(rest < 10.0, "rest %.2f uV is not below 10 uV: is the hum notched?", rest);
    }
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
