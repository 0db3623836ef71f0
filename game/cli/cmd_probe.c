#include "cli/cmd_probe.h"

#include <math.h>
#include <stdio.h>

#include "io/audio_list.h"
#include "io/ble_list.h"
#include "io/probe.h"
#include "io/pump.h"
#include "io/serial_list.h"

static const char *const probe_channel_names[EBB_CH_COUNT] = {"pf", "abd", "breath"};

static void probe_header(uint8_t present, FILE *out)
{
    fputs("t", out);
    for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
        if (present & (1u << ch)) {
            fprintf(out, ",%s_raw,%s_env,%s_effort", probe_channel_names[ch],
                    probe_channel_names[ch], probe_channel_names[ch]);
        }
    }
    fputc('\n', out);
}

static void probe_csv_row(uint32_t ms, const ebb_frame *f, uint8_t present, FILE *out)
{
    fprintf(out, "%.2f", (double)ms / 1000.0);
    for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
        if (present & (1u << ch)) {
            fprintf(out, ",%.4f,%.4f,%.4f", (double)f->raw[ch], (double)f->env[ch],
                    (double)f->effort[ch]);
        }
    }
    fputc('\n', out);
}

/* Ten times a second: a bar a person can watch while squeezing a new device. */
static void probe_meter(uint32_t ms, const ebb_frame *f, FILE *out)
{
    if (ms % 100u != 0) {
        return;
    }
    const float e = f->effort[EBB_CH_PF];
    const int n = (int)lrintf(e * 40.0f);
    fprintf(out, "%7.1f s  pf %3d%% [", (double)ms / 1000.0, (int)lrintf(e * 100.0f));
    for (int i = 0; i < 40; i++) {
        fputc(i < n ? '#' : ' ', out);
    }
    fprintf(out, "]  raw %.3f\n", (double)f->raw[EBB_CH_PF]);
}

int ebb_cmd_probe(const ebb_cli *cli, const char *spec)
{
    ebb_diags diags;
    ebb_diags_init(&diags, spec);
    ebb_probe *p = ebb_probe_open(spec, &diags);
    if (!p) {
        ebb_diags_print(&diags, stderr);
        return 2;
    }
    const uint32_t limit_ms = cli->seconds > 0.0 ? (uint32_t)llround(cli->seconds * 1000.0) : UINT32_MAX;
    ebb_pump pump;
    ebb_pump_init(&pump, &(ebb_pump_desc){.probe = p, .pace = cli->realtime ? EBB_PUMP_PACE_ALWAYS
                                                                           : EBB_PUMP_PACE_LIVE});
    FILE *notes = cli->csv ? stdout : stderr;
    uint8_t present = 0;
    int rc = 0;
    while (ebb_pump_time_ms(&pump) < limit_ms) {
        ebb_pump_tick t;
        const ebb_pump_status st = ebb_pump_next(&pump, &t);
        if (st == EBB_PUMP_ENDED) {
            break;
        }
        if (t.waiting && t.ms == 0) {
            fprintf(notes, "# %.2f waiting for the signal\n", (double)t.ms / 1000.0);
        }
        if (t.lost_began) {
            fprintf(notes, "# %.2f signal lost\n", (double)t.ms / 1000.0);
        }
        if (st != EBB_PUMP_FRAME) {
            continue;
        }
        if (t.back) {
            fprintf(notes, "# %.2f signal back\n", (double)t.ms / 1000.0);
        }
        const ebb_frame *f = &t.frame;
        if (cli->csv) {
            if (!present) {
                present = f->present ? f->present : (uint8_t)(1u << EBB_CH_PF);
                const ebb_unit unit = ebb_probe_get_stats(p).unit;
                if (unit != EBB_UNIT_NONE) {
                    printf("# ebb units=%s (raw and env columns of pf)\n", ebb_unit_name(unit));
                }
                probe_header(present, stdout);
            }
            probe_csv_row(t.ms, f, present, stdout);
        } else {
            probe_meter(t.ms, f, stdout);
        }
        if (ebb_pump_paced(&pump)) {
            fflush(stdout);
        }
    }
    if (fflush(stdout) != 0) {
        rc = 1;
    }
    const ebb_probe_stats counts = ebb_probe_get_stats(p);
    if (counts.samples > 0 || counts.dropped > 0) {
        fprintf(stderr, "ebb: %llu readings taken, %llu dropped as garbage (NaN, out of range, "
                        "broken lines)\n",
                (unsigned long long)counts.samples, (unsigned long long)counts.dropped);
    }
    char mains[96];
    ebb_probe_emg_mains_text(p, mains, sizeof mains); /* "" unless an EMG probe */
    fprintf(stderr, "%s%s%s", *mains ? "ebb: " : "", mains, *mains ? "\n" : "");
    ebb_probe_close(p);
    return rc;
}

/* Exit 1 only when a list could not be made at all; finding no device is an answer. */
int ebb_cmd_devices(void)
{
    const int audio_inputs = ebb_audio_list(stdout);
    puts("");
    puts("Serial ports (use --probe serial:PORT[@BAUD]):");
    const int serial_ports = ebb_serial_list(stdout);
    puts("");
    puts("Bluetooth trainers (use --probe ble:NAME or ble:ADDRESS):");
    ebb_ble_list(stdout, 2500); /* Bluetooth absent or off is said, and is no failure here */
    return audio_inputs < 0 || serial_ports < 0 ? 1 : 0;
}
