/* Writes a history of practice for the report and bench tests, with a clock we control:
 * DAYS days from 2024-05-01, each with a few levels played by the simulated person (one who
 * starts overactive and relaxes over the days), through the real runner, committed step by
 * step like a live session, with recordings. The first and last days include the pelvic
 * floor check with a µV calibration. The active pack's title is markup, to be escaped.
 *
 * With PACK, that pack is installed (and active) as of the first day, so its plan covers the
 * days played.
 *
 * Usage: make_week DATA_DIR LEVELS_DIR [DAYS [PACK]] */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/recording.h"
#include "core/session.h"
#include "core/sim.h"
#include "io/history.h"
#include "io/level_load.h"
#include "io/pack_store.h"
#include "io/recording_file.h"

static bool play(ebb_history *h, const ebb_level *lv, time_t when, ebb_sim_profile prof,
                 uint32_t seed, const ebb_calib *cal, int day)
{
    ebb_history_begin_info in = {
        .started_at = when, .level = lv, .probe_spec = cal ? "audio:default" : "keyboard",
        .pack_id = "start-gently",
        .pack_title = "<script>alert('pack')</script> Start & relax",
        .pack_text = "# a pack\n", .program_day = day,
        .profile = cal ? "audio-default" : NULL, .calib = cal, .with_recording = true,
    };
    char err[EBB_HISTORY_ERR_MAX], rec_path[1200];
    int64_t id = 0;
    if (!ebb_history_begin(h, &in, &id, rec_path, sizeof rec_path, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    ebb_recording_meta meta = {"sim", ""};
    ebb_history_time(when, meta.started_at);
    ebb_recording_writer *w = ebb_recording_writer_open(rec_path, &meta, lv, err, sizeof err);
    ebb_session *s = ebb_session_create(lv);
    ebb_sim sim;
    ebb_sim_init(&sim, prof, seed);
    ebb_tick_events ev;
    size_t next = 0;
    for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
        ebb_frame f = ebb_sim_tick(&sim, lv, ms);
        ebb_session_tick(s, &f, &ev);
        ebb_recording_writer_frame(w, &f);
        size_t upto = ev.finished ? lv->step_count : (ev.step_started > 0 ? (size_t)ev.step_started : 0);
        const ebb_result *r = upto > next ? ebb_session_result(s) : NULL;
        for (; r && next < upto; next++) {
            ebb_history_step_done(h, id, next, &r->steps[next], ebb_session_elapsed_ms(s), err,
                                  sizeof err);
        }
    }
    ebb_recording_writer_close(w);
    bool ok = ebb_history_store_result(h, id, ebb_session_result(s), true, err, sizeof err);
    ebb_session_destroy(s);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: make_week DATA_DIR LEVELS_DIR [DAYS]\n");
        return 2;
    }
    const int days = argc > 3 ? atoi(argv[3]) : 7;
    setenv("EBB_LEVELS_DIR", argv[2], 1);
    char path[1024];
    snprintf(path, sizeof path, "%s/ebb/history.sqlite3", argv[1]);
    char err[EBB_HISTORY_ERR_MAX];
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    static const char *const ids[] = {"lengthening/drop-and-release", "breathing/resonance",
                                      "strengthening/holds-and-flicks",
                                      "assessment/glazer-check"};
    static ebb_level levels[4];
    static ebb_diags diags;
    for (int i = 0; i < 4; i++) {
        ebb_diags_init(&diags, ids[i]);
        if (!ebb_level_load(ids[i], NULL, &levels[i], &diags)) {
            ebb_diags_print(&diags, stderr);
            return 1;
        }
    }
    /* A title with markup, as a level file could carry. */
    snprintf(levels[0].title, sizeof levels[0].title, "Drop <b>and</b> release");
    static const ebb_calib uv = {EBB_UNIT_UV, 4.0f, 60.0f};
    const time_t day0 = 1714550400; /* 2024-05-01T08:00:00Z */
    if (argc > 4) {
        char data[1100];
        snprintf(data, sizeof data, "%s", argv[1]);
        setenv("XDG_DATA_HOME", data, 1);
        ebb_pack_info info;
        bool updated = false;
        ebb_diags_init(&diags, argv[4]);
        if (ebb_pack_store_install(argv[4], argv[0], day0, &info, &updated, &diags, err,
                                   sizeof err) != 0) {
            ebb_diags_print(&diags, stderr);
            fprintf(stderr, "%s\n", err);
            return 1;
        }
    }
    int sessions = 0;
    for (int d = 0; d < days; d++) {
        const ebb_sim_profile prof = d < days / 2 ? EBB_SIM_OVERACTIVE : EBB_SIM_RELAXED;
        const time_t morning = day0 + (time_t)d * 86400;
        const int per_day = 1 + (d % 3 != 2) + (d % 4 == 0);
        for (int k = 0; k < per_day; k++) {
            const int which = (d + k) % 3;
            sessions += play(h, &levels[which], morning + k * 4 * 3600, prof,
                             (uint32_t)(d * 10 + k + 1), NULL, d);
        }
        if (d == 0 || d == days - 1) {
            sessions += play(h, &levels[3], morning + 10 * 3600, prof, (uint32_t)(d + 99), &uv,
                             d);
        }
    }
    printf("%d sessions over %d days\n", sessions, days);
    for (int i = 0; i < 4; i++) {
        ebb_level_free(&levels[i]);
    }
    ebb_history_close(h);
    return 0;
}
