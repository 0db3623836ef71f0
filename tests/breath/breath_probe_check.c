/* Real-component check of the mic probe: opens `mic` (or a spec) through the probe table,
 * with ALSA_CONFIG_PATH set by the caller to a config whose capture PCM is the `file` plugin
 * reading a gen_breath recording, collects every tick, and compares the phases with the
 * truth (breath_signal.h): every phase change within 150 ms, no breath missed, no false one.
 * With an empty truth (room noise, clicks) no tick may sound at all.
 *   breath_probe_check SPEC TRUTH.csv SECONDS */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "breath_signal.h"
#include "io/probe.h"
#include "io/probe_mic.h"

#define MAX_TICKS 60000

static ebb_breath_tick ticks[MAX_TICKS];
static ebb_breath_phase phases[MAX_TICKS];

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: breath_probe_check SPEC TRUTH.csv SECONDS\n");
        return 2;
    }
    bs_truth truth[256];
    size_t nt = 0;
    FILE *tf = fopen(argv[2], "r");
    char line[128];
    if (!tf || !fgets(line, sizeof line, tf)) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    char ph[16];
    while (nt < 256 && fgets(line, sizeof line, tf) &&
           sscanf(line, "%lf,%lf,%15s", &truth[nt].t0, &truth[nt].t1, ph) == 3) {
        truth[nt].phase = strcmp(ph, "out") == 0 ? EBB_BREATH_OUT : EBB_BREATH_IN;
        nt++;
    }
    fclose(tf);
    const size_t want = (size_t)(strtod(argv[3], NULL) * 100.0);

    ebb_diags d;
    ebb_diags_init(&d, argv[1]);
    ebb_probe *p = ebb_probe_open(argv[1], &d);
    if (!p) {
        ebb_diags_print(&d, stderr);
        return 1;
    }
    size_t n = 0;
    for (int waited = 0; n < want && waited < 150000; waited++) {
        ebb_probe_status st;
        n += ebb_probe_mic_drain(p, ticks + n, (want < MAX_TICKS ? want : MAX_TICKS) - n, &st);
        nanosleep(&(struct timespec){0, 200000L}, NULL);
    }
    ebb_breath_stats bst;
    unsigned rate = 0;
    ebb_probe_mic_stats(p, &bst, &rate); /* before the trailing silence lowers the floor */
    const ebb_probe_stats ps = ebb_probe_get_stats(p);
    ebb_probe_close(p);
    printf("mic: %u Hz, %zu ticks, %llu samples, %llu dropped; floor %.1f dBFS, split %.1f dB, "
           "%llu in, %llu out, %llu short sounds\n",
           rate, n, (unsigned long long)ps.samples, (unsigned long long)ps.dropped,
           (double)bst.floor_db, (double)bst.split_db, (unsigned long long)bst.breaths_in,
           (unsigned long long)bst.breaths_out, (unsigned long long)bst.short_sounds);
    if (n < want) {
        printf("FAIL: only %zu of %zu ticks arrived\n", n, want);
        return 1;
    }
    if (getenv("EBB_BREATH_DUMP")) {
        for (size_t i = 0; i < n; i++) {
            printf("%zu %s %.1f %.2f%s\n", i, ebb_breath_phase_name(ticks[i].phase),
                   (double)ticks[i].level_db, (double)ticks[i].volume, ticks[i].calibrating ? " c" : "");
        }
    }
    unsigned sounding = 0;
    for (size_t i = 0; i < n; i++) {
        phases[i] = ticks[i].phase;
        sounding += phases[i] != EBB_BREATH_PAUSE;
    }
    if (nt == 0) {
        printf("%u sounding ticks in %zu\n", sounding, n);
        if (sounding || bst.breaths_in || bst.breaths_out) {
            printf("FAIL: a breath was heard where there was none\n");
            return 1;
        }
        printf("ok: no breath heard\n");
        return 0;
    }
    const bs_score s = bs_compare(phases, n, truth, nt, 150.0);
    printf("%u/%u phase changes within 150 ms (mean %.0f ms, max %.0f ms); %u/%u breaths "
           "missed; %u/%u detected were false\n",
           s.changes_found, s.changes, s.delay_mean_ms, s.delay_max_ms, s.missed, s.breaths,
           s.false_alarms, s.detected);
    if (s.changes_found != s.changes || s.missed || s.false_alarms) {
        printf("FAIL: phases do not follow the recorded breath\n");
        return 1;
    }
    printf("ok: the microphone follows the breath\n");
    return 0;
}
