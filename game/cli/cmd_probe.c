#include "cli/cmd_probe.h"

#include <math.h>
#include <stdio.h>

#include "io/audio_list.h"
#include "io/pacer.h"
#include "io/probe.h"
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
    const bool paced = p->realtime || cli->realtime;
    const uint32_t limit_ms = cli->seconds > 0.0 ? (uint32_t)llround(cli->seconds * 1000.0) : UINT32_MAX;
    const uint64_t start = ebb_pacer_now_us();
    uint8_t present = 0;
    bool lost = false;
    int rc = 0;
    for (uint32_t ms = 0; ms < limit_ms; ms += EBB_TICK_MS) {
        if (paced) {
            ebb_pacer_sleep_until_us(start + (uint64_t)ms * 1000u);
        }
        ebb_frame f;
        const ebb_probe_status st = ebb_probe_poll(p, ms, &f);
        if (st == EBB_PROBE_ENDED) {
            break;
        }
        if (st == EBB_PROBE_LOST || f.signal == EBB_SIGNAL_LOST) {
            if (!lost) {
                fprintf(cli->csv ? stdout : stderr, "# %.2f signal lost\n", (double)ms / 1000.0);
                lost = true;
            }
            continue;
        }
        if (lost) {
            fprintf(cli->csv ? stdout : stderr, "# %.2f signal back\n", (double)ms / 1000.0);
            lost = false;
        }
        if (cli->csv) {
            if (!present) {
                present = f.present ? f.present : (uint8_t)(1u << EBB_CH_PF);
                const ebb_unit unit = ebb_probe_get_stats(p).unit;
                if (unit != EBB_UNIT_NONE) {
                    printf("# ebb units=%s (raw and env columns of pf)\n", ebb_unit_name(unit));
                }
                probe_header(present, stdout);
            }
            probe_csv_row(ms, &f, present, stdout);
        } else {
            probe_meter(ms, &f, stdout);
        }
        if (paced) {
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

int ebb_cmd_devices(void)
{
    int rc_audio = ebb_audio_list(stdout);
    puts("");
    puts("Serial ports (use --probe serial:PORT[@BAUD]):");
    int rc_serial = ebb_serial_list(stdout);
    return rc_audio != 0 || rc_serial != 0 ? 1 : 0;
}
