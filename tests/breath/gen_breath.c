/* Writes a synthetic breath recording (breath_signal.h) as raw float32 LE mono, exactly what
 * PortAudio opens through ALSA's `file` plugin, and its truth as CSV (t0,t1,phase).
 *   gen_breath RATE KIND SECONDS OUT.f32 TRUTH.csv [START]
 * KIND: paced6, paced12 (breaths from START s on, 3 by default, after a quiet start for the calibration),
 *       room (room noise only), clicks (room noise and typing from 3 s on).
 *       A "-dry" suffix leaves the room out (to mix with a room played apart). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breath_signal.h"

int main(int argc, char **argv)
{
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: gen_breath RATE paced6|paced12|room|clicks SECONDS OUT.f32 TRUTH.csv\n");
        return 2;
    }
    const unsigned rate = (unsigned)strtoul(argv[1], NULL, 10);
    char kind[32];
    snprintf(kind, sizeof kind, "%s", argv[2]);
    char *dry = strstr(kind, "-dry");
    if (dry) {
        *dry = '\0';
    }
    const double secs = strtod(argv[3], NULL);
    if (rate < 8000 || secs < 4.0 || secs > 600.0) {
        fprintf(stderr, "gen_breath: bad rate or length\n");
        return 2;
    }
    bs_truth truth[256];
    size_t nt = 0;
    double clicks[256];
    size_t nc = 0;
    if (strcmp(kind, "paced6") == 0 || strcmp(kind, "paced12") == 0) {
        const double start = argc == 7 ? strtod(argv[6], NULL) : 3.0;
        nt = bs_schedule(kind[5] == '6' ? 6.0 : 12.0, start, secs - 1.0, truth, 256);
    } else if (strcmp(kind, "clicks") == 0) {
        for (double t = 3.0; t < secs - 1.0 && nc < 256; t += 0.45 + 0.3 * (double)(nc % 3)) {
            clicks[nc++] = t;
        }
    } else if (strcmp(kind, "room") != 0) {
        fprintf(stderr, "gen_breath: unknown kind '%s'\n", kind);
        return 2;
    }
    const size_t n = (size_t)(secs * rate);
    float *x = malloc(n * sizeof *x);
    if (!x) {
        return 1;
    }
    bs_render_room(x, n, rate, truth, nt, clicks, nc, 42, dry ? 0.0 : BS_ROOM_RMS);
    FILE *f = fopen(argv[4], "wb");
    FILE *t = fopen(argv[5], "w");
    if (!f || !t || fwrite(x, sizeof *x, n, f) != n) {
        fprintf(stderr, "gen_breath: cannot write %s or %s\n", argv[4], argv[5]);
        return 1;
    }
    fprintf(t, "t0,t1,phase\n");
    for (size_t i = 0; i < nt; i++) {
        fprintf(t, "%.3f,%.3f,%s\n", truth[i].t0, truth[i].t1, ebb_breath_phase_name(truth[i].phase));
    }
    free(x);
    fclose(f);
    return fclose(t) == 0 ? 0 : 1;
}
