/* Benchmark of the core outside the signal pipeline: level parsing, the session runner, and
 * whole headless plays. Prints figures; asserts nothing (the machine is shared and noisy).
 *
 *   bench_session LEVELS_DIR */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, opendir */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/session.h"
#include "core/sim.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *buf = malloc(EBB_LEVEL_FILE_MAX + 1);
    *len = buf ? fread(buf, 1, EBB_LEVEL_FILE_MAX, f) : 0;
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_session LEVELS_DIR\n");
        return 2;
    }
    const char *groups[] = {"breathing", "lengthening", "strengthening", "assessment"};
    double parse_s = 0.0, play_s = 0.0;
    unsigned long parses = 0, ticks = 0;
    unsigned levels = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", argv[1], groups[g]);
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (!strstr(e->d_name, ".level")) {
                continue;
            }
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            size_t len = 0;
            char *text = read_all(path, &len);
            if (!text) {
                continue;
            }
            ebb_level lv;
            ebb_diags diags;
            const double t0 = now_s();
            const int reps = 200;
            bool ok = true;
            for (int r = 0; r < reps && ok; r++) {
                ebb_diags_init(&diags, path);
                ok = ebb_level_parse(text, len, path, &lv, &diags);
                if (ok && r + 1 < reps) {
                    ebb_level_free(&lv);
                }
            }
            parse_s += now_s() - t0;
            parses += (unsigned long)reps;
            free(text);
            if (!ok) {
                continue;
            }
            /* A whole play with the simulated person, as `--headless --probe sim` does. */
            ebb_sim sim;
            ebb_sim_init(&sim, EBB_SIM_FATIGUE, 1u);
            ebb_session *s = ebb_session_create(&lv);
            ebb_tick_events ev;
            const double t1 = now_s();
            for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
                const ebb_frame f = ebb_sim_tick(&sim, &lv, ms);
                ebb_session_tick(s, &f, &ev);
                ticks++;
            }
            const ebb_result *res = ebb_session_result(s);
            play_s += now_s() - t1;
            printf("  %-34s %5.1f min  score %3d\n", lv.id, (double)lv.total_ms / 60000.0,
                   res->score);
            ebb_session_destroy(s);
            ebb_level_free(&lv);
            levels++;
        }
        if (d) {
            closedir(d);
        }
    }
    printf("levels: %u\n", levels);
    printf("parse: %.1f us per level file (%lu parses)\n", parse_s / (double)parses * 1e6, parses);
    printf("session + simulated person: %.2f M ticks/s (%lu ticks = %.1f min of play in %.3f s)\n",
           (double)ticks / play_s / 1e6, ticks, (double)ticks / 100.0 / 60.0, play_s);
    printf("per tick: %.0f ns (the real-time budget is 10 000 000 ns)\n", play_s / (double)ticks * 1e9);
    return 0;
}
