/* `ebb calibrate --probe mic`: the microphone has no range to save (it learns the room's quiet
 * each time it opens), so calibrating it means checking that it hears you: it learns the
 * floor, then listens to a few breaths and says what it heard, and what to change if it heard
 * nothing. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "cli/cmd_calibrate.h"
#include "io/probe_mic.h"
#include "io/pump.h"

#define MIC_LISTEN_S 15u

int ebb_cmd_calibrate_mic(const char *spec)
{
    ebb_diags diags;
    ebb_diags_init(&diags, spec);
    ebb_probe *p = ebb_probe_open(spec, &diags);
    if (!p) {
        ebb_diags_print(&diags, stderr);
        return 1;
    }
    printf("Listening to the room: stay quiet for 2 s.\n");
    fflush(stdout);
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = p, .give_up_ms = 10000u,
                                          .pace = EBB_PUMP_PACE_LIVE});
    bool told = false;
    unsigned heard_ms = 0;
    int rc = 0;
    while (heard_ms < MIC_LISTEN_S * 1000u) {
        ebb_pump_tick t;
        const ebb_pump_status st = ebb_pump_next(&pump, &t);
        if (st == EBB_PUMP_GAVE_UP || st == EBB_PUMP_ENDED) {
            fprintf(stderr, "ebb: the microphone sent nothing for 10 s; check that it is on "
                            "and not muted\n");
            rc = 1;
            break;
        }
        if (st != EBB_PUMP_FRAME) {
            continue;
        }
        if (!told) {
            printf("Now breathe slowly, in and out, for %u s, as you would in a level.\n",
                   MIC_LISTEN_S);
            fflush(stdout);
            told = true;
        }
        heard_ms += EBB_TICK_MS;
    }
    ebb_breath_stats bs;
    unsigned rate = 0;
    if (rc == 0 && ebb_probe_mic_stats(p, &bs, &rate)) {
        printf("Room: %.0f dB (of full scale, %u Hz). Heard %llu in-breaths and %llu "
               "out-breaths.\n",
               (double)bs.floor_db, rate, (unsigned long long)bs.breaths_in,
               (unsigned long long)bs.breaths_out);
        if (bs.breaths_in + bs.breaths_out == 0) {
            printf("No breath was heard: bring the microphone closer (a hand's width from "
                   "your mouth), or pick another with `ebb devices`.\n");
            rc = 1;
        } else if (!isnan(bs.split_db)) {
            printf("In- and out-breaths are told apart at about %.0f dB above the room. "
                   "Nothing needs saving: the room is learnt again each time a level starts.\n",
                   (double)bs.split_db);
        } else {
            printf("Nothing needs saving: the room is learnt again each time a level starts.\n");
        }
    }
    ebb_probe_close(p);
    return rc;
}
