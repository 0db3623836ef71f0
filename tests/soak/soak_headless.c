/* Accelerated soak: hours of simulated play in ONE process, as fast as the machine allows.
 * It loops over the built-in levels (each loaded from its file again, as `ebb play` does),
 * drives each through the simulator probe and the session runner, and records each as a
 * live session would be: the history row, a commit per step, the recording of every frame,
 * the result. Every half hour of level time it prints the resident memory (VmRSS).
 *
 * Memory must be flat: after the first hour (SQLite's page cache and the allocator's arenas
 * have reached their working size) RSS may not grow by more than --bound-kb (default 2048
 * KiB) by the end. A leak of even 100 bytes a level would pass ~300 KiB over 8 hours only
 * if it were that small; one per tick (2.9 M ticks) would not.
 *
 * Usage: soak_headless LEVELS_DIR WORKDIR [--hours H] [--bound-kb K]. Exit 0 when flat. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/session.h"
#include "io/history_live.h"
#include "io/level_load.h"
#include "io/probe.h"
#include "io/pump.h"

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kb;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One level from its file, start to end. Adds its level time to *played_ms. */
static bool play_one(const char *path, const char *db, uint64_t *played_ms, unsigned *saved)
{
    ebb_diags diags;
    ebb_level level;
    if (!ebb_level_load(path, NULL, &level, &diags)) {
        ebb_diags_print(&diags, stderr);
        return false;
    }
    ebb_diags_init(&diags, "sim");
    ebb_probe *probe = ebb_probe_open("sim", &diags);
    ebb_session *s = probe ? ebb_session_create(&level) : NULL;
    if (s == NULL) {
        ebb_diags_print(&diags, stderr);
        ebb_probe_close(probe);
        ebb_level_free(&level);
        return false;
    }
    ebb_probe_attach_level(probe, &level);
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = probe, .pace = EBB_PUMP_PACE_NONE});
    char err[512];
    /* Recorded as a live probe's session would be: that is the path a person's play takes. */
    const ebb_history_live_desc d = {&level, "stdin", time(NULL), db};
    ebb_history_live *L = ebb_history_live_start(&d, err, sizeof err);
    if (L == NULL) {
        fprintf(stderr, "soak: %s\n", err);
    }
    ebb_tick_events ev;
    while (!ebb_session_finished(s)) {
        ebb_pump_tick t;
        if (ebb_pump_next(&pump, &t) == EBB_PUMP_ENDED) {
            ebb_session_abort(s);
            break;
        }
        ebb_session_tick(s, &t.frame, &ev);
        if (L != NULL) {
            ebb_history_live_tick(L, s, &t.frame, &ev);
        }
    }
    bool ok = L != NULL && ebb_history_live_finish(L, s, err, sizeof err);
    if (L != NULL && !ok) {
        fprintf(stderr, "soak: %s\n", err);
    }
    *saved += ok;
    *played_ms += ebb_session_result(s)->duration_ms;
    ebb_session_destroy(s);
    ebb_probe_close(probe);
    ebb_level_free(&level);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: soak_headless LEVELS_DIR WORKDIR [--hours H] [--bound-kb K]\n");
        return 2;
    }
    double hours = 8.0;
    long bound_kb = 2048;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--hours") == 0) {
            hours = atof(argv[i + 1]);
        } else if (strcmp(argv[i], "--bound-kb") == 0) {
            bound_kb = atol(argv[i + 1]);
        }
    }
    ebb_catalog cat;
    if (!ebb_catalog_load(argv[1], &cat, stderr) || cat.count == 0) {
        fprintf(stderr, "soak: no levels in %s\n", argv[1]);
        return 2;
    }
    /* The paths only: each level is loaded afresh from its file every time it is played. */
    size_t n = cat.count;
    char (*paths)[EBB_PATH_MAX] = calloc(n, sizeof *paths);
    for (size_t i = 0; paths != NULL && i < n; i++) {
        snprintf(paths[i], sizeof paths[i], "%s", cat.entries[i].path);
    }
    ebb_catalog_free(&cat);
    if (paths == NULL) {
        return 1;
    }
    char db[1200];
    snprintf(db, sizeof db, "%s/history.sqlite3", argv[2]);
    setenv("XDG_DATA_HOME", argv[2], 1); /* recordings go beside the store's data folder */

    const uint64_t goal_ms = (uint64_t)(hours * 3600.0 * 1000.0);
    const uint64_t every_ms = 30u * 60u * 1000u;
    uint64_t played = 0, next_print = 0;
    unsigned levels = 0, saved = 0;
    long rss_first_hour = -1, rss_max_after = 0, rss_start = rss_kb();
    const double t0 = now_s();
    printf("level_hours  wall_s  levels  saved  rss_kb\n");
    printf("%11.2f  %6.1f  %6u  %5u  %6ld\n", 0.0, 0.0, 0u, 0u, rss_start);
    while (played < goal_ms) {
        if (!play_one(paths[levels % n], db, &played, &saved)) {
            fprintf(stderr, "soak: level %s failed\n", paths[levels % n]);
            free(paths);
            return 1;
        }
        levels++;
        if (played >= next_print + every_ms) {
            next_print = played - played % every_ms;
            const long rss = rss_kb();
            printf("%11.2f  %6.1f  %6u  %5u  %6ld\n", (double)played / 3.6e6, now_s() - t0,
                   levels, saved, rss);
            fflush(stdout);
            if (played >= 3600u * 1000u && rss_first_hour < 0) {
                rss_first_hour = rss;
            }
            if (rss_first_hour >= 0 && rss > rss_max_after) {
                rss_max_after = rss;
            }
        }
    }
    free(paths);
    const long rss_end = rss_kb();
    const long growth = rss_max_after - rss_first_hour;
    printf("soak: %.2f hours of level time in %.1f s (%u levels, %u saved); RSS %ld KiB at "
           "start, %ld after the first hour, %ld at the end, at most %ld after the first hour "
           "(+%ld KiB, bound %ld)\n",
           (double)played / 3.6e6, now_s() - t0, levels, saved, rss_start, rss_first_hour,
           rss_end, rss_max_after, growth, bound_kb);
    if (saved != levels) {
        printf("FAIL: %u of %u levels were not saved\n", levels - saved, levels);
        return 1;
    }
#if defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer keeps freed memory in quarantine, so RSS grows by design: here the
     * run is for its leak and error checks, and the bound is for the plain build. */
    printf("(RSS bound not checked under AddressSanitizer)\n");
    rss_first_hour = -1;
#endif
    if (rss_first_hour >= 0 && growth > bound_kb) {
        printf("FAIL: resident memory grew by %ld KiB after the first hour\n", growth);
        return 1;
    }
    return 0;
}
