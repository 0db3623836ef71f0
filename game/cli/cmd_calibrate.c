#include "cli/cmd_calibrate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/audio_list.h"
#include "io/calib_store.h"
#include "io/probe.h"
#include "io/pump.h"

/* Once a second: what to do now, how long is left, and a bar of the reading so the person
 * sees the probe respond. */
static void calibrate_show(const ebb_calib_run *run, float raw, float lo, float hi)
{
    const float span = hi > lo ? hi - lo : 1.0f;
    const int n = (int)lrintf(fmaxf(0.0f, fminf(1.0f, (raw - lo) / span)) * 30.0f);
    char bar[31];
    for (int i = 0; i < 30; i++) {
        bar[i] = i < n ? '#' : ' ';
    }
    bar[30] = '\0';
    const int squeeze = ebb_calib_run_squeeze_index(run);
    printf("%-48s %s%2u s  [%s]\n", ebb_calib_run_caption(run),
           squeeze ? (squeeze == 1 ? "1 of 3 " : squeeze == 2 ? "2 of 3 " : "3 of 3 ") : "",
           (ebb_calib_run_phase_left_ms(run) + 999u) / 1000u, bar);
    fflush(stdout);
}

int ebb_cmd_calibrate(const ebb_cli *cli, const char *spec)
{
    const ebb_probe_kind_info *k = ebb_probe_spec_info(spec, NULL);
    if (k && k->kind == EBB_PROBE_KIND_MIC && !cli->profile) {
        return ebb_cmd_calibrate_mic(spec);
    }
    char profile[EBB_CALIB_PROFILE_MAX];
    if (cli->profile) {
        snprintf(profile, sizeof profile, "%s", cli->profile);
    } else if (!ebb_calib_profile_for(spec, profile, sizeof profile)) {
        fprintf(stderr, "ebb: '%s' gives effort directly and needs no calibration; to calibrate "
                        "from a recording, name the probe it is for with --profile NAME\n", spec);
        return 2;
    }
    ebb_diags diags;
    ebb_diags_init(&diags, spec);
    ebb_probe *p = ebb_probe_open(spec, &diags);
    if (!p) {
        ebb_diags_print(&diags, stderr);
        return ebb_probe_spec_has(spec, EBB_PROBE_LIVE) ? 1 : 2;
    }
    printf("Calibrating '%s' (about %u s). Sit or lie comfortably.\n", profile,
           ebb_calib_run_total_ms() / 1000u);
    ebb_calib_run run;
    ebb_calib_run_init(&run, EBB_UNIT_NONE);
    float lo = INFINITY, hi = -INFINITY;
    /* Calibration waits for the signal like a level does, for half a minute at most. */
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = p, .give_up_ms = EBB_CALIB_LOST_GIVE_UP_MS,
                                          .pace = EBB_PUMP_PACE_LIVE});
    int rc = 0;
    while (ebb_calib_run_phase(&run) != EBB_CALIB_PHASE_DONE) {
        ebb_pump_tick t;
        const ebb_pump_status st = ebb_pump_next(&pump, &t);
        if (st == EBB_PUMP_ENDED) {
            fprintf(stderr, "ebb: the input ended before calibration finished; nothing was saved\n");
            rc = 1;
            break;
        }
        if (st == EBB_PUMP_GAVE_UP) {
            fprintf(stderr, "ebb: no signal for %u s; nothing was saved\n",
                    EBB_CALIB_LOST_GIVE_UP_MS / 1000u);
            rc = 1;
            break;
        }
        if (t.lost_began) {
            fprintf(stderr, "Signal lost: check the probe. Calibration carries on when it returns.\n");
        }
        if (st != EBB_PUMP_FRAME) {
            continue;
        }
        const float raw = t.frame.raw[EBB_CH_PF];
        lo = fminf(lo, raw);
        hi = fmaxf(hi, raw);
        ebb_calib_run_tick(&run, raw);
        if (run.ms % 1000u == 0 || run.ms == EBB_TICK_MS) {
            calibrate_show(&run, raw, lo, hi);
        }
    }
    /* The unit is known once readings have come (a serial header may declare it late). */
    run.unit = ebb_probe_get_stats(p).unit;
    char mains[96];
    ebb_probe_emg_mains_text(p, mains, sizeof mains); /* "" unless an EMG probe */
    printf("%s%s", mains, *mains ? "\n" : "");
    ebb_probe_close(p);
    if (rc != 0) {
        return rc;
    }
    ebb_calib_result result;
    ebb_calib_run_result(&run, &result);
    char err[512];
    if (result.status != EBB_CALIB_OK) {
        fprintf(stderr, "%s\n", result.message);
        return 1;
    }
    if (!ebb_calib_save(profile, &result, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    printf("%s\nSaved for '%s'.\n", result.message, profile);
    return 0;
}
