#include "io/probe.h"

#include "io/calib_store.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The sources this binary knows. A backend that is not built in (its library missing) has a
 * NULL opener and is reported as unavailable. Adding a source: one probe_<name>.c file with an
 * opener, and one line here. */
typedef struct probe_entry {
    const char *name;
    ebb_probe_kind kind;
    bool needs_arg;         /* "replay" needs ":FILE" */
    ebb_probe_opener open;  /* NULL: handled by the game window, or not built */
} probe_entry;

static const probe_entry probe_table[] = {
    {"keyboard", EBB_PROBE_KIND_KEYBOARD, false, NULL},
    {"gamepad", EBB_PROBE_KIND_GAMEPAD, false, NULL},
    {"mouse", EBB_PROBE_KIND_MOUSE, false, NULL},
    {"replay", EBB_PROBE_KIND_REPLAY, true, ebb_probe_replay_open},
    {"sim", EBB_PROBE_KIND_SIM, false, ebb_probe_sim_open},
    {"serial", EBB_PROBE_KIND_SERIAL, true, ebb_probe_serial_open},
    {"audio", EBB_PROBE_KIND_AUDIO, false, ebb_probe_audio_open},
    {"osc", EBB_PROBE_KIND_OSC, false, ebb_probe_osc_open},
    {"stdin", EBB_PROBE_KIND_STDIN, false, ebb_probe_stdin_open},
    {"ble", EBB_PROBE_KIND_BLE, false, ebb_probe_ble_open},
};

static bool probe_is_manual(ebb_probe_kind kind)
{
    return kind == EBB_PROBE_KIND_KEYBOARD || kind == EBB_PROBE_KIND_GAMEPAD ||
           kind == EBB_PROBE_KIND_MOUSE;
}

/* Finds the entry for a spec "name" or "name:arg"; *arg points after the colon. */
static const probe_entry *probe_find(const char *spec, const char **arg)
{
    for (size_t i = 0; i < sizeof probe_table / sizeof probe_table[0]; i++) {
        const size_t n = strlen(probe_table[i].name);
        if (strncmp(spec, probe_table[i].name, n) == 0 && (spec[n] == '\0' || spec[n] == ':')) {
            *arg = spec[n] == ':' ? spec + n + 1 : spec + n;
            return &probe_table[i];
        }
    }
    return NULL;
}

ebb_probe_kind ebb_probe_spec_kind(const char *spec, ebb_diags *diags)
{
    const char *arg = NULL;
    const probe_entry *e = probe_find(spec, &arg);
    if (!e) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "unknown probe '%s'; use keyboard, gamepad, mouse or replay:FILE", spec);
        return EBB_PROBE_KIND_INVALID;
    }
    if (probe_is_manual(e->kind)) {
        if (*arg != '\0') {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "probe '%s' takes no ':' argument", e->name);
            return EBB_PROBE_KIND_INVALID;
        }
        return e->kind;
    }
    if (!e->open) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "probe '%s' is not available in this version yet; use keyboard, "
                      "gamepad, mouse or replay:FILE", e->name);
        return EBB_PROBE_KIND_INVALID;
    }
    if (e->needs_arg && *arg == '\0') {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0,
                      "--probe %s needs an argument, e.g. %s:%s", e->name, e->name,
                      e->kind == EBB_PROBE_KIND_REPLAY ? "session.csv" : "/dev/ttyUSB0");
        return EBB_PROBE_KIND_INVALID;
    }
    return e->kind;
}

ebb_probe *ebb_probe_open(const char *spec, ebb_diags *diags)
{
    const ebb_probe_kind kind = ebb_probe_spec_kind(spec, diags);
    if (kind == EBB_PROBE_KIND_INVALID) {
        return NULL;
    }
    const char *arg = NULL;
    const probe_entry *e = probe_find(spec, &arg);
    if (probe_is_manual(kind)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "probe '%s' needs the game window; it cannot be used headless", spec);
        return NULL;
    }
    return e->open(arg, diags);
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
