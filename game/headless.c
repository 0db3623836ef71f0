#include "headless.h"

#include <stdlib.h>

#include "level_load.h"
#include "probe.h"
#include "result_json.h"
#include "session.h"

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
    ebb_probe *probe = ebb_probe_open(cli->probe, &diags);
    if (!probe) {
        ebb_diags_print(&diags, stderr);
        ebb_level_free(&level);
        return 2;
    }
    ebb_session *s = ebb_session_create(&level);
    if (!s) {
        fputs("ebb: out of memory\n", stderr);
        ebb_probe_close(probe);
        ebb_level_free(&level);
        return 1;
    }
    /* Level time only advances on ticks with a signal, so poll by the tick count, not by
     * level time: a replay's clock is the recording's. */
    ebb_tick_events ev;
    for (uint32_t tick = 0; !ebb_session_finished(s); tick++) {
        ebb_frame frame;
        if (ebb_probe_poll(probe, tick * EBB_TICK_MS, &frame) == EBB_PROBE_ENDED) {
            ebb_session_abort(s);
            break;
        }
        ebb_session_tick(s, &frame, &ev);
    }
    const ebb_result *r = ebb_session_result(s);
    int rc = 0;
    if (!r->complete) {
        fprintf(stderr, "ebb: the recording ended at %.2f s, before the level's %.2f s; "
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
