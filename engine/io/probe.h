/* Probes: every input source behind one small interface (Doom's sound_module_t pattern).
 *
 * A probe turns whatever it reads into one ebb_frame per tick. Sources that need a window
 * (keyboard, gamepad, mouse) are handled by the game itself; this library holds the rest.
 * Adding a source means adding one probe_<name>.c file with an ebb_probe_ops table and a line
 * in probe.c. */
#ifndef EBB_PROBE_H
#define EBB_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/calib.h"
#include "core/frame.h"

typedef enum ebb_probe_status {
    EBB_PROBE_OK = 0,   /* *frame holds this tick's input */
    EBB_PROBE_ENDED,    /* a finite source (replay) has no more input */
    EBB_PROBE_LOST      /* a live source went quiet; *frame is marked lost */
} ebb_probe_status;

typedef struct ebb_probe ebb_probe;

/* What a probe has delivered so far, for `ebb probe` and the maker checking a device. */
typedef struct ebb_probe_stats {
    ebb_unit unit;      /* of the pelvic floor channel's raw readings */
    uint64_t samples;   /* readings accepted */
    uint64_t dropped;   /* garbage dropped: NaN, out of range, broken lines or frames */
} ebb_probe_stats;

typedef struct ebb_probe_ops {
    const char *name;
    /* Frame for level time ms (ticks come in increasing order). */
    ebb_probe_status (*poll)(ebb_probe *p, uint32_t ms, ebb_frame *frame);
    void (*close)(ebb_probe *p);
    /* Optional (NULL: nothing to report, unit none). */
    void (*stats)(const ebb_probe *p, ebb_probe_stats *out);
} ebb_probe_ops;

struct ebb_level;

struct ebb_probe {
    const ebb_probe_ops *ops;
    void *impl;
    bool realtime; /* live sources pace the game; replays can run as fast as wanted */
    const struct ebb_level *level; /* the level being played, for sources that follow it (sim) */
    bool calibrated;               /* pf effort comes from `calib` instead of the defaults */
    ebb_calib calib;
    float rest_sd;                 /* at calibration */
    ebb_calib_drift drift;         /* pressure probes re-zero during long quiet rests */
};

typedef enum ebb_probe_kind {
    EBB_PROBE_KIND_KEYBOARD = 0,
    EBB_PROBE_KIND_GAMEPAD,
    EBB_PROBE_KIND_MOUSE,
    EBB_PROBE_KIND_REPLAY,
    EBB_PROBE_KIND_SIM,
    EBB_PROBE_KIND_SERIAL,
    EBB_PROBE_KIND_AUDIO,
    EBB_PROBE_KIND_OSC,
    EBB_PROBE_KIND_STDIN,
    EBB_PROBE_KIND_BLE,
    EBB_PROBE_KIND_INVALID
} ebb_probe_kind;

/* Classifies a probe spec without opening anything ("keyboard", "replay:FILE"...). Specs of
 * sources not built into this binary are reported as invalid with a message saying so. */
ebb_probe_kind ebb_probe_spec_kind(const char *spec, ebb_diags *diags);

/* Opens a non-manual probe. Returns NULL with the reason in diags. */
ebb_probe *ebb_probe_open(const char *spec, ebb_diags *diags);
ebb_probe_status ebb_probe_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame);

ebb_probe_stats ebb_probe_get_stats(const ebb_probe *p);

/* Uses this calibration for the pelvic floor channel from now on (raw -> effort). */
void ebb_probe_set_calib(ebb_probe *p, const ebb_calib *calib, float rest_sd);

/* Opens a probe and applies the stored calibration of its profile, if there is one. Returns
 * NULL with the reason in diags; *calibrated says whether a calibration was applied. */
ebb_probe *ebb_probe_open_calibrated(const char *spec, bool *calibrated, ebb_diags *diags);

/* Tells the probe which level is being played (NULL: none). Only the simulator uses it: a
 * simulated person follows the level's targets. */
void ebb_probe_attach_level(ebb_probe *p, const struct ebb_level *level);
void ebb_probe_close(ebb_probe *p);

/* Live sources count as lost after this long without a sample: long enough to ride over a
 * USB hiccup or a late UDP packet, short enough that the person sees the notice at once. */
#define EBB_PROBE_LOST_MS 300u

/* When a live source last delivered. */
typedef struct ebb_probe_watch {
    bool any;          /* a sample has ever arrived */
    uint64_t last_ms;  /* monotonic time of the last one */
} ebb_probe_watch;

void ebb_probe_watch_saw(ebb_probe_watch *w, uint64_t now_ms);
bool ebb_probe_watch_lost(const ebb_probe_watch *w, uint64_t now_ms);

/* Backend openers, one per source file (probe_<name>.c). `arg` is the part of the spec after
 * the colon ("" when there is none). Each returns NULL with the reason in diags. */
typedef ebb_probe *(*ebb_probe_opener)(const char *arg, ebb_diags *diags);
ebb_probe *ebb_probe_replay_open(const char *arg, ebb_diags *diags);
ebb_probe *ebb_probe_sim_open(const char *arg, ebb_diags *diags);
ebb_probe *ebb_probe_serial_open(const char *arg, ebb_diags *diags); /* PORT[@BAUD][,FORMAT] */
ebb_probe *ebb_probe_osc_open(const char *arg, ebb_diags *diags);    /* [PORT][@ADDR] */
ebb_probe *ebb_probe_stdin_open(const char *arg, ebb_diags *diags);  /* [FORMAT] */
ebb_probe *ebb_probe_audio_open(const char *arg, ebb_diags *diags);   /* probe_audio.c */
ebb_probe *ebb_probe_wav_open(const char *path, ebb_diags *diags);    /* probe_wav.c */
ebb_probe *ebb_probe_ble_open(const char *arg, ebb_diags *diags);     /* [NAME|ADDRESS] */

#endif
