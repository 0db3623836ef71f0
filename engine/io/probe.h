/* Probes: every input source behind one small interface (Doom's sound_module_t pattern).
 *
 * A probe turns whatever it reads into one ebb_frame per tick. Sources that need a window
 * (keyboard, gamepad, mouse) are handled by the game itself; this library holds the rest.
 *
 * The game sees an opaque ebb_probe and the probe table (ebb_probe_kind_info): which kinds
 * exist, which are live, which keep a calibration profile. Backends see the struct itself
 * through io/probe_backend.h, which also says what a new device file must provide. Ticking a
 * probe (lost, ended, giving up) is io/pump.h's job. */
#ifndef EBB_PROBE_H
#define EBB_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/diag.h"
#include "core/calib.h"
#include "core/frame.h"

typedef enum ebb_probe_status {
    EBB_PROBE_OK = 0,   /* *frame holds this tick's input */
    EBB_PROBE_ENDED,    /* a finite source (replay) has no more input */
    EBB_PROBE_LOST      /* a live source went quiet; *frame is marked lost */
} ebb_probe_status;

typedef struct ebb_probe ebb_probe;
struct ebb_level;

/* What a probe has delivered so far, for `ebb probe` and the maker checking a device. */
typedef struct ebb_probe_stats {
    ebb_unit unit;      /* of the pelvic floor channel's raw readings */
    uint64_t samples;   /* readings accepted */
    uint64_t dropped;   /* garbage dropped: NaN, out of range, broken lines or frames */
} ebb_probe_stats;

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
    EBB_PROBE_KIND_MIC,
    EBB_PROBE_KIND_INVALID
} ebb_probe_kind;

/* What a kind of probe is (ebb_probe_kind_info.flags). */
enum {
    EBB_PROBE_WINDOW = 1u << 0,     /* read by the game window (keyboard...); no opener here */
    EBB_PROBE_LIVE = 1u << 1,       /* a device in real time: paces the game, may be lost,
                                       failing to open it is the world's fault, not the
                                       command's */
    EBB_PROBE_CALIBRATES = 1u << 2, /* raw readings need a calibration profile (calib_store.h) */
    EBB_PROBE_NEEDS_ARG = 1u << 3,  /* the spec must say more: "replay:FILE" */
    EBB_PROBE_SETTINGS = 1u << 4    /* offered in Settings' Input row */
};

/* One row of the probe table (probe.c). */
typedef struct ebb_probe_kind_info {
    const char *name;         /* spec prefix: "serial" in "serial:/dev/ttyUSB0" */
    ebb_probe_kind kind;
    unsigned flags;           /* EBB_PROBE_* */
    const char *usage;        /* the spec's shape: "serial:PORT[@BAUD][,FORMAT]" */
    const char *short_usage;  /* in the one-line list of kinds: "serial:PORT" */
    const char *example;      /* a whole example spec: "serial:/dev/ttyUSB0" */
    const char *about;        /* one line for help and errors */
    const char *calib_device; /* profile's device part when the spec names none;
                                 NULL: the spec always names one */
} ebb_probe_kind_info;

/* The table, in a fixed order (the order of the enum). */
size_t ebb_probe_kind_count(void);
const ebb_probe_kind_info *ebb_probe_kind_at(size_t i);
/* The row of a kind; NULL for EBB_PROBE_KIND_INVALID. */
const ebb_probe_kind_info *ebb_probe_kind_get(ebb_probe_kind kind);
/* The row for a spec "name" or "name:arg", without checking the argument; NULL when unknown.
 * *arg (if arg is not NULL) points after the colon, or at "". */
const ebb_probe_kind_info *ebb_probe_spec_info(const char *spec, const char **arg);
/* Whether the spec's kind has every flag in `flags` (false for unknown specs). */
bool ebb_probe_spec_has(const char *spec, unsigned flags);
/* Writes the table, one kind a line ("  serial:PORT[@BAUD][,FORMAT]  a microcontroller..."). */
void ebb_probe_kinds_print(FILE *out);

/* Classifies a probe spec without opening anything ("keyboard", "replay:FILE"...). Unknown
 * specs, and specs missing an argument, are reported as invalid with a message saying so. */
ebb_probe_kind ebb_probe_spec_kind(const char *spec, ebb_diags *diags);

/* Opens a non-window probe. Returns NULL with the reason in diags. */
ebb_probe *ebb_probe_open(const char *spec, ebb_diags *diags);
/* Asks for the frame at level time ms (ticks come in increasing order). Callers that play or
 * calibrate go through io/pump.h, which decides "lost", "ended" and giving up in one place. */
ebb_probe_status ebb_probe_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame);

ebb_probe_kind ebb_probe_get_kind(const ebb_probe *p);
/* A live source paces the game; a replay or the simulator can run as fast as wanted. */
bool ebb_probe_is_live(const ebb_probe *p);
ebb_probe_stats ebb_probe_get_stats(const ebb_probe *p);

/* Uses this calibration for the pelvic floor channel from now on (raw -> effort). */
void ebb_probe_set_calib(ebb_probe *p, const ebb_calib *calib, float rest_sd);

/* The calibration in force for the pelvic floor channel: the stored or set one, or the
 * defaults of the probe's unit when it has none (so metrics still read in µV or cmH2O). */
ebb_calib ebb_probe_get_calib(const ebb_probe *p);

/* Opens a probe and applies the stored calibration of its profile, if there is one. Returns
 * NULL with the reason in diags; *calibrated says whether a calibration was applied. */
ebb_probe *ebb_probe_open_calibrated(const char *spec, bool *calibrated, ebb_diags *diags);

/* Tells the probe which level is being played (NULL: none). Only the simulator uses it: a
 * simulated person follows the level's targets. */
void ebb_probe_attach_level(ebb_probe *p, const struct ebb_level *level);
void ebb_probe_close(ebb_probe *p);

#endif
