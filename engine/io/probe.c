#include "io/probe_backend.h"

#include "io/calib_store.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The probe table: one row per kind of source, and the only place that says which kinds are
 * live, which keep a calibration profile and how a spec is spelled. Everything else (play,
 * headless play, calibration, `ebb probe`, the history, the calibration store, Settings) asks
 * it. Adding a source: one probe_<name>.c file (see probe_backend.h) and one row here. */
typedef struct probe_row {
    ebb_probe_kind_info info;
    ebb_probe_opener open; /* NULL only for the window's kinds */
} probe_row;

static const probe_row probe_rows[] = {
    {{"keyboard", EBB_PROBE_KIND_KEYBOARD, EBB_PROBE_WINDOW | EBB_PROBE_SETTINGS, "keyboard",
      "keyboard", "keyboard", "hold Space to squeeze (the default)", NULL},
     NULL},
    {{"gamepad", EBB_PROBE_KIND_GAMEPAD, EBB_PROBE_WINDOW | EBB_PROBE_SETTINGS, "gamepad",
      "gamepad", "gamepad", "a game controller's right trigger", NULL},
     NULL},
    {{"mouse", EBB_PROBE_KIND_MOUSE, EBB_PROBE_WINDOW | EBB_PROBE_SETTINGS, "mouse", "mouse",
      "mouse", "hold the mouse button, or drag", NULL},
     NULL},
    {{"replay", EBB_PROBE_KIND_REPLAY, EBB_PROBE_NEEDS_ARG, "replay:FILE", "replay:FILE",
      "replay:session.csv", "input recorded earlier (.csv, or raw EMG as .wav)", NULL},
     ebb_probe_replay_open},
    {{"sim", EBB_PROBE_KIND_SIM, EBB_PROBE_SETTINGS, "sim[:PROFILE]", "sim", "sim:weak",
      "a simulated person (relaxed, overactive, weak or fatigue)", NULL},
     ebb_probe_sim_open},
    {{"serial", EBB_PROBE_KIND_SERIAL, EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES | EBB_PROBE_NEEDS_ARG,
      "serial:PORT[@BAUD][,FORMAT]", "serial:PORT", "serial:/dev/ttyUSB0",
      "a microcontroller probe on a serial port (`ebb devices` lists them)", NULL},
     ebb_probe_serial_open},
    {{"audio", EBB_PROBE_KIND_AUDIO, EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES | EBB_PROBE_SETTINGS,
      "audio[:DEVICE][@RATE]", "audio", "audio:1",
      "surface EMG from an amplifier on the sound-card input", "default"},
     ebb_probe_audio_open},
    {{"osc", EBB_PROBE_KIND_OSC, EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES, "osc[:PORT][@ADDR]",
      "osc", "osc:9000", "OSC messages over UDP (/ebb/pf, /ebb/abd, /ebb/breath)", "9000"},
     ebb_probe_osc_open},
    {{"stdin", EBB_PROBE_KIND_STDIN, EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES | EBB_PROBE_SETTINGS,
      "stdin[:FORMAT]", "stdin", "stdin:ascii",
      "the Ebb line protocol on standard input, from a bridge program", ""},
     ebb_probe_stdin_open},
    {{"ble", EBB_PROBE_KIND_BLE, EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES | EBB_PROBE_SETTINGS,
      "ble[:NAME|ADDRESS]", "ble", "ble:Perifit",
      "a Bluetooth LE trainer (Perifit, kGoal, Elvie, femfit, Kegel Master)", ""},
     ebb_probe_ble_open},
    {{"mic", EBB_PROBE_KIND_MIC, EBB_PROBE_LIVE | EBB_PROBE_SETTINGS, "mic[:DEVICE][@RATE]", "mic",
      "mic:USB", "breath from a microphone (also --breath mic beside another probe)", "default"},
     ebb_probe_mic_open},
};

#define PROBE_ROWS (sizeof probe_rows / sizeof probe_rows[0])

size_t ebb_probe_kind_count(void)
{
    return PROBE_ROWS;
}

const ebb_probe_kind_info *ebb_probe_kind_at(size_t i)
{
    return i < PROBE_ROWS ? &probe_rows[i].info : NULL;
}

const ebb_probe_kind_info *ebb_probe_kind_get(ebb_probe_kind kind)
{
    for (size_t i = 0; i < PROBE_ROWS; i++) {
        if (probe_rows[i].info.kind == kind) {
            return &probe_rows[i].info;
        }
    }
    return NULL;
}

/* Finds the row for a spec "name" or "name:arg"; *arg points after the colon. */
static const probe_row *probe_find(const char *spec, const char **arg)
{
    for (size_t i = 0; i < PROBE_ROWS; i++) {
        const size_t n = strlen(probe_rows[i].info.name);
        if (strncmp(spec, probe_rows[i].info.name, n) == 0 && (spec[n] == '\0' || spec[n] == ':')) {
            *arg = spec[n] == ':' ? spec + n + 1 : spec + n;
            return &probe_rows[i];
        }
    }
    return NULL;
}

const ebb_probe_kind_info *ebb_probe_spec_info(const char *spec, const char **arg)
{
    const char *a = "";
    const probe_row *r = spec ? probe_find(spec, &a) : NULL;
    if (arg) {
        *arg = a;
    }
    return r ? &r->info : NULL;
}

bool ebb_probe_spec_has(const char *spec, unsigned flags)
{
    const ebb_probe_kind_info *k = ebb_probe_spec_info(spec, NULL);
    return k && (k->flags & flags) == flags;
}

void ebb_probe_kinds_print(FILE *out)
{
    for (size_t i = 0; i < PROBE_ROWS; i++) {
        fprintf(out, "  %-28s %s\n", probe_rows[i].info.usage, probe_rows[i].info.about);
    }
}

/* "keyboard, gamepad, ..., osc or stdin", from the table. */
static void probe_kind_list(char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < PROBE_ROWS && n < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == PROBE_ROWS ? " or " : ", ";
        const int w = snprintf(buf + n, size - n, "%s%s", sep, probe_rows[i].info.short_usage);
        if (w < 0) {
            break;
        }
        n += (size_t)w;
    }
}

ebb_probe_kind ebb_probe_spec_kind(const char *spec, ebb_diags *diags)
{
    const char *arg = NULL;
    const probe_row *r = probe_find(spec, &arg);
    if (!r) {
        char kinds[160];
        probe_kind_list(kinds, sizeof kinds);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "unknown probe '%.48s'; use %s", spec, kinds);
        return EBB_PROBE_KIND_INVALID;
    }
    const ebb_probe_kind_info *k = &r->info;
    if ((k->flags & EBB_PROBE_WINDOW) && *arg != '\0') {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "probe '%s' takes no ':' argument", k->name);
        return EBB_PROBE_KIND_INVALID;
    }
    if ((k->flags & EBB_PROBE_NEEDS_ARG) && *arg == '\0') {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0,
                      "--probe %s needs an argument, e.g. %s", k->name, k->example);
        return EBB_PROBE_KIND_INVALID;
    }
    return k->kind;
}

ebb_probe *ebb_probe_open(const char *spec, ebb_diags *diags)
{
    const ebb_probe_kind kind = ebb_probe_spec_kind(spec, diags);
    if (kind == EBB_PROBE_KIND_INVALID) {
        return NULL;
    }
    const char *arg = NULL;
    const probe_row *r = probe_find(spec, &arg);
    if (!r->open) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "probe '%s' needs the game window; it cannot be used headless", spec);
        return NULL;
    }
    ebb_probe *p = r->open(arg, diags);
    if (p) {
        p->kind = &r->info;
    }
    return p;
}

ebb_probe_status ebb_probe_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    const ebb_probe_status st = p->ops->poll(p, ms, frame);
    if (st == EBB_PROBE_OK && p->calibrated && frame->signal == EBB_SIGNAL_OK &&
        (frame->present & (1u << EBB_CH_PF))) {
        frame->effort[EBB_CH_PF] = ebb_calib_drift_effort(&p->drift, &p->calib,
                                                          frame->raw[EBB_CH_PF]);
    }
    return st;
}

ebb_probe_kind ebb_probe_get_kind(const ebb_probe *p)
{
    return p->kind ? p->kind->kind : EBB_PROBE_KIND_INVALID;
}

bool ebb_probe_is_live(const ebb_probe *p)
{
    return p->kind && (p->kind->flags & EBB_PROBE_LIVE);
}

ebb_calib ebb_probe_get_calib(const ebb_probe *p)
{
    return p->calibrated ? p->calib : ebb_calib_default(ebb_probe_get_stats(p).unit);
}

void ebb_probe_set_calib(ebb_probe *p, const ebb_calib *calib, float rest_sd)
{
    p->calibrated = true;
    p->calib = *calib;
    p->rest_sd = rest_sd;
    ebb_calib_drift_init(&p->drift, calib);
}

ebb_probe *ebb_probe_open_calibrated(const char *spec, bool *calibrated, ebb_diags *diags)
{
    *calibrated = false;
    ebb_probe *p = ebb_probe_open(spec, diags);
    char profile[EBB_CALIB_PROFILE_MAX], err[512];
    if (!p || !ebb_calib_profile_for(spec, profile, sizeof profile)) {
        return p;
    }
    ebb_calib c;
    float sd = 0.0f;
    if (ebb_calib_load(profile, &c, &sd, err, sizeof err)) {
        ebb_probe_set_calib(p, &c, sd);
        *calibrated = true;
    } else if (err[0]) {
        /* A damaged file is not fatal: the defaults still work; say so. */
        ebb_diags_add(diags, EBB_SEV_WARNING, EBB_D_IO, 0, 0, "%s; using default ranges", err);
    }
    return p;
}

ebb_probe_stats ebb_probe_get_stats(const ebb_probe *p)
{
    ebb_probe_stats st = {EBB_UNIT_NONE, 0, 0};
    if (p->ops->stats) {
        p->ops->stats(p, &st);
    }
    return st;
}

void ebb_probe_watch_saw(ebb_probe_watch *w, uint64_t now_ms)
{
    w->any = true;
    w->last_ms = now_ms;
}

bool ebb_probe_watch_lost(const ebb_probe_watch *w, uint64_t now_ms)
{
    return !w->any || now_ms - w->last_ms >= EBB_PROBE_LOST_MS;
}

void ebb_probe_attach_level(ebb_probe *p, const struct ebb_level *level)
{
    p->level = level;
}

void ebb_probe_close(ebb_probe *p)
{
    if (p) {
        p->ops->close(p);
        free(p);
    }
}
