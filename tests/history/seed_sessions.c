/* Writes COUNT sessions of one level, played by the simulated person PROFILE through the real
 * runner, into the history under DATA_DIR, a second apart (or DAYS_APART days) ending now,
 * stored as live sessions are (begun, step by step, ended). For tests of what the game makes of a history:
 * the challenge offer on the results screen, the days practised on the menu.
 *
 * Usage: seed_sessions DATA_DIR LEVELS_DIR LEVEL_ID PROFILE COUNT [DAYS_APART] */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/session.h"
#include "core/sim.h"
#include "io/history.h"
#include "io/level_load.h"

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: seed_sessions DATA_DIR LEVELS_DIR LEVEL_ID PROFILE COUNT "
                        "[DAYS_APART]\n");
        return 2;
    }
    setenv("XDG_DATA_HOME", argv[1], 1);
    setenv("EBB_LEVELS_DIR", argv[2], 1);
    ebb_sim_profile prof;
    if (!ebb_sim_profile_parse(argv[4], &prof)) {
        fprintf(stderr, "unknown profile %s\n", argv[4]);
        return 2;
    }
    int count = atoi(argv[5]);
    long apart = argc > 6 ? atol(argv[6]) * 86400L : 1L;
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, argv[3]);
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    if (!ebb_level_load(argv[3], NULL, &lv, &d) ||
        !ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        ebb_diags_print(&d, stderr);
        return 1;
    }
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    time_t now = time(NULL);
    bool ok = true;
    for (int i = 0; ok && i < count; i++) {
        time_t when = now - (time_t)(count - 1 - i) * apart;
        ebb_history_begin_info in = {.started_at = when, .level = &lv, .probe_spec = "keyboard",
                                     .program_day = -1};
        int64_t id = 0;
        ok = ebb_history_begin(h, &in, &id, NULL, 0, err, sizeof err);
        ebb_session *s = ok ? ebb_session_create(&lv) : NULL;
        ebb_sim sim;
        ebb_sim_init(&sim, prof, 7u + (uint32_t)i);
        ebb_tick_events ev;
        size_t next = 0;
        for (uint32_t ms = 0; s && ok && !ebb_session_finished(s); ms += EBB_TICK_MS) {
            ebb_frame f = ebb_sim_tick(&sim, &lv, ms);
            ebb_session_tick(s, &f, &ev);
            size_t upto = ev.finished ? lv.step_count
                                      : (ev.step_started > 0 ? (size_t)ev.step_started : 0);
            const ebb_result *r = upto > next ? ebb_session_result(s) : NULL;
            for (; r && ok && next < upto; next++) {
                ok = ebb_history_step_done(h, id, next, &r->steps[next],
                                           ebb_session_elapsed_ms(s), err, sizeof err);
            }
        }
        ok = ok && ebb_history_store_result(h, id, ebb_session_result(s), true, err, sizeof err);
        ebb_session_destroy(s);
    }
    if (!ok) {
        fprintf(stderr, "%s\n", err);
    }
    ebb_history_close(h);
    ebb_level_free(&lv);
    return ok ? 0 : 1;
}
