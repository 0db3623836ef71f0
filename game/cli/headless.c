#include "cli/headless.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/history_trends.h"
#include "io/level_load.h"
#include "io/pack_store.h"
#include "io/probe.h"
#include "io/probe_pair.h"
#include "io/pump.h"
#include "app/record.h"
#include "core/result_json.h"
#include "core/session.h"

/* Without a window nobody can plug the device back in and press a key, so a headless run
 * waits this long for a lost signal to return before it stops (keeping the result). */
#define HEADLESS_LOST_GIVE_UP_MS 10000u

/* A recording with errors is bad input (2); a live device that will not open is a runtime
 * failure (1): the command was right, the world was not. */
static int headless_open_failure_code(const char *spec)
{
    return ebb_probe_spec_has(spec, EBB_PROBE_LIVE) ? 1 : 2;
}

static void headless_print_text(const ebb_result *r, FILE *out)
{
    fprintf(out, "%s: score %d, %d star%s%s\n", r->level->title, r->score, r->stars,
            r->stars == 1 ? "" : "s", r->complete ? "" : " (stopped early)");
    for (size_t i = 0; i < r->feedback_count; i++) {
        fprintf(out, "  %s\n", r->feedback[i]);
    }
}

int ebb_headless_play(const ebb_cli *cli, const char *argv0)
{
    ebb_diags diags;
    ebb_level level;
    if (!ebb_pack_store_choose_level(cli->level, argv0, &level, &diags)) {
        ebb_diags_print(&diags, stderr);
        return 2;
    }
    ebb_diags_print(&diags, stderr); /* warnings */
    ebb_diags_init(&diags, cli->probe);
    bool calibrated = false;
    ebb_probe *probe = ebb_probe_open_pair(cli->probe, cli->breath, &calibrated, &diags);
    if (probe) {
        ebb_diags_print(&diags, stderr); /* warnings, e.g. a damaged calibration */
    }
    if (!probe) {
        ebb_diags_print(&diags, stderr);
        ebb_level_free(&level);
        /* The pair names the breath source in its message when that is what failed. */
        const bool breath_failed = cli->breath && diags.count > 0 &&
                                   strncmp(diags.items[0].msg, "--breath ", 9) == 0;
        return headless_open_failure_code(breath_failed ? cli->breath : cli->probe);
    }
    ebb_probe_attach_level(probe, &level);
    ebb_session *s = ebb_session_create(&level);
    if (!s) {
        fputs("ebb: out of memory\n", stderr);
        ebb_probe_close(probe);
        ebb_level_free(&level);
        return 1;
    }
    /* Metrics also in the probe's unit (µV, cmH2O) when its readings have one. */
    const ebb_calib calib = ebb_probe_get_calib(probe);
    ebb_session_set_calib(s, &calib);
    /* The sentences compare with the person's own past; a replay is a re-scoring of a
     * recording, whose sentences stay what they were. */
    const time_t started_at = time(NULL);
    ebb_diags kd;
    ebb_diags_init(&kd, cli->probe);
    ebb_metrics_past past;
    if (ebb_probe_spec_kind(cli->probe, &kd) != EBB_PROBE_KIND_REPLAY &&
        ebb_history_past_load(level.id, started_at, &past)) {
        ebb_session_set_past(s, &past);
    }
    /* Level time only advances on ticks with a signal, so the pump polls by its own tick
     * count, not by level time: a replay's clock is the recording's. Live sources are paced
     * by the wall clock; a replay runs as fast as the file allows. */
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = probe, .give_up_ms = HEADLESS_LOST_GIVE_UP_MS,
                                          .pace = EBB_PUMP_PACE_LIVE});
    ebb_history_live *rec = ebb_record_begin(&level, started_at, cli->probe, stderr);
    ebb_tick_events ev;
    bool started = false, waited = false;
    while (!ebb_session_finished(s)) {
        ebb_pump_tick t;
        const ebb_pump_status st = ebb_pump_next(&pump, &t);
        if (st == EBB_PUMP_ENDED) {
            ebb_session_abort(s);
            break;
        }
        if (st == EBB_PUMP_GAVE_UP) {
            fprintf(stderr, "ebb: no signal for %u s; stopping and keeping the result so far\n",
                    HEADLESS_LOST_GIVE_UP_MS / 1000u);
            ebb_session_abort(s);
            break;
        }
        if (t.waiting && t.ms == 0) {
            fprintf(stderr, "ebb: waiting for the signal from %s\n", cli->probe);
        }
        ebb_session_tick(s, &t.frame, &ev);
        ebb_record_tick(rec, s, &t.frame, &ev);
        if (t.lost_began) {
            fprintf(stderr, "ebb: signal lost at %.2f s; the level is paused until it comes back\n",
                    (double)ebb_session_elapsed_ms(s) / 1000.0);
        }
        if (t.status == EBB_PUMP_FRAME && !started) {
            started = true;
            if (waited) {
                fprintf(stderr, "ebb: signal found; the level starts\n");
            }
        }
        waited = waited || t.waiting;
        if (t.back) {
            fprintf(stderr, "ebb: signal back; carrying on from %.2f s\n",
                    (double)ebb_session_elapsed_ms(s) / 1000.0);
        }
    }
    ebb_record_end(&rec, s, stderr);
    const ebb_result *r = ebb_session_result(s);
    int rc = 0;
    if (!r->complete) {
        fprintf(stderr, "ebb: the input ended at %.2f s, before the level's %.2f s; "
                        "the result covers what was played\n",
                (double)r->duration_ms / 1000.0, (double)level.total_ms / 1000.0);
        rc = 1;
    }
    if (cli->json) {
        ebb_result_write_json(r, stdout);
    } else {
        headless_print_text(r, stdout);
    }
    if (fflush(stdout) != 0) {
        rc = 1;
    }
    ebb_session_destroy(s);
    ebb_probe_close(probe);
    ebb_level_free(&level);
    return rc;
}

int ebb_headless_list(const char *argv0)
{
    const char *dir = ebb_levels_dir(argv0);
    ebb_catalog cat;
    if (!dir || !ebb_catalog_load(dir, &cat, stderr)) {
        fprintf(stderr, "ebb: no built-in levels found (set EBB_LEVELS_DIR to the levels directory)\n");
        return 1;
    }
    for (size_t i = 0; i < cat.count; i++) {
        const ebb_level *l = &cat.entries[i].level;
        printf("%-36s %-14s %2u:%02u  %s\n", l->id, ebb_level_kind_name(l->kind),
               l->total_ms / 60000u, (l->total_ms / 1000u) % 60u, l->title);
    }
    ebb_catalog_free(&cat);
    return 0;
}
