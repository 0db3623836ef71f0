#include "cli/headless.h"

#include <stdlib.h>
#include <time.h>

#include "io/pacer.h"
#include "io/level_load.h"
#include "io/probe.h"
#include "app/record.h"
#include "core/result_json.h"
#include "core/session.h"

/* Without a window nobody can plug the device back in and press a key, so a headless run
 * waits this long for a lost signal to return before it stops (keeping the result). */
#define HEADLESS_LOST_GIVE_UP_MS 10000u

/* A recording with errors is bad input (2); a device that will not open is a runtime
 * failure (1): the command was right, the world was not. */
static int headless_open_failure_code(const char *spec)
{
    ebb_diags ignored;
    ebb_diags_init(&ignored, spec);
    switch (ebb_probe_spec_kind(spec, &ignored)) {
    case EBB_PROBE_KIND_SERIAL:
    case EBB_PROBE_KIND_AUDIO:
    case EBB_PROBE_KIND_OSC:
    case EBB_PROBE_KIND_STDIN:
        return 1;
    default:
        return 2;
    }
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
    if (!ebb_level_load(cli->level, argv0, &level, &diags)) {
        ebb_diags_print(&diags, stderr);
        return 2;
    }
    ebb_diags_print(&diags, stderr); /* warnings */
    ebb_diags_init(&diags, cli->probe);
    bool calibrated = false;
    ebb_probe *probe = ebb_probe_open_calibrated(cli->probe, &calibrated, &diags);
    if (probe) {
        ebb_diags_print(&diags, stderr); /* warnings, e.g. a damaged calibration */
    }
    if (!probe) {
        ebb_diags_print(&diags, stderr);
        ebb_level_free(&level);
        return headless_open_failure_code(cli->probe);
    }
    ebb_probe_attach_level(probe, &level);
    ebb_session *s = ebb_session_create(&level);
    if (!s) {
        fputs("ebb: out of memory\n", stderr);
        ebb_probe_close(probe);
        ebb_level_free(&level);
        return 1;
    }
    /* Level time only advances on ticks with a signal, so poll by the tick count, not by
     * level time: a replay's clock is the recording's. Live sources are paced by the wall
     * clock; a replay runs as fast as the file allows. */
    const uint64_t start_us = ebb_pacer_now_us();
    const time_t started_at = time(NULL);
    uint32_t lost_ticks = 0;
    ebb_history_live *rec = ebb_record_begin(&level, started_at, cli->probe, stderr);
    ebb_tick_events ev;
    for (uint32_t tick = 0; !ebb_session_finished(s); tick++) {
        if (probe->realtime) {
            ebb_pacer_sleep_until_us(start_us + (uint64_t)tick * EBB_TICK_MS * 1000u);
        }
        ebb_frame frame;
        const ebb_probe_status st = ebb_probe_poll(probe, tick * EBB_TICK_MS, &frame);
        if (st == EBB_PROBE_ENDED) {
            ebb_session_abort(s);
            break;
        }
        if (st == EBB_PROBE_LOST) {
            frame.signal = EBB_SIGNAL_LOST;
        }
        ebb_session_tick(s, &frame, &ev);
        ebb_record_tick(rec, s, &frame, &ev);
        if (ev.signal_lost) {
            fprintf(stderr, "ebb: signal lost at %.2f s; the level is paused until it comes back\n",
                    (double)ebb_session_elapsed_ms(s) / 1000.0);
        }
        if (ev.signal_back) {
            fprintf(stderr, "ebb: signal back; carrying on from %.2f s\n",
                    (double)ebb_session_elapsed_ms(s) / 1000.0);
        }
        lost_ticks = ebb_session_signal_lost(s) ? lost_ticks + 1 : 0;
        if (lost_ticks * EBB_TICK_MS >= HEADLESS_LOST_GIVE_UP_MS) {
            fprintf(stderr, "ebb: no signal for %u s; stopping and keeping the result so far\n",
                    HEADLESS_LOST_GIVE_UP_MS / 1000u);
            ebb_session_abort(s);
            break;
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
