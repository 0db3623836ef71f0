/* For probe backends only (engine/io/probe*.c): the probe struct, and what a new device must
 * provide. The game never includes this: it sees the opaque ebb_probe of io/probe.h.
 *
 * ---- Template for a new backend (raylib's rcore_template.c, as a checklist) ----
 *
 * Adding a device is one file plus one table row:
 *
 * 1. engine/io/probe_<name>.c, including "io/probe_backend.h", with
 *
 *      typedef struct <name>_probe { ...device state... } <name>_probe;
 *
 *      static ebb_probe_status <name>_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame);
 *          Fills *frame for level time ms and returns at once: it must never block (drain
 *          what has arrived: poll() with a zero timeout, a ring filled by another thread, a
 *          socket with O_NONBLOCK). Ticks come in increasing ms.
 *          - EBB_PROBE_OK: *frame holds the newest values. Set frame->present (a bit per
 *            channel given), raw (device unit), env (processed, or 0) and effort 0..1
 *            (from ebb_calib_default of the unit until a calibration is set: probe.c
 *            replaces the pelvic floor effort itself when the person has calibrated).
 *          - EBB_PROBE_LOST: a live source had nothing for EBB_PROBE_LOST_MS (use
 *            ebb_probe_watch below, on the wall clock: level time stops while lost), or it
 *            is disconnected. Only the status counts: the pump (io/pump.h) marks the frame,
 *            decides how long lost may last, and counts the episodes. Never give up here.
 *          - EBB_PROBE_ENDED: a finite source has no more input (end of a file, of stdin).
 *          A device that can come back (unplugged, out of radio range) reconnects by
 *          itself inside poll, quietly and at most every few hundred ms, and returns LOST
 *          until then (probe_serial.c does this).
 *
 *      static void <name>_close(ebb_probe *p);
 *          Stops the device and frees p->impl (never p itself: probe.c frees it).
 *
 *      static void <name>_stats(const ebb_probe *p, ebb_probe_stats *out);   (optional)
 *          The unit of the pf channel's raw readings, readings taken, garbage dropped.
 *
 *      static const ebb_probe_ops <name>_ops = {.name = "<name>", .poll = <name>_poll,
 *                                               .close = <name>_close, .stats = ...};
 *
 *      ebb_probe *ebb_probe_<name>_open(const char *arg, ebb_diags *diags);
 *          arg is the spec after "<name>:" ("" when there is none). Parse it, open the
 *          device, and return calloc'd ebb_probe with .ops and .impl set; or NULL with the
 *          reason, and what to do about it, in diags (nothing left open).
 *
 * 2. Its opener declared below, and the file added to the engine's CMake source lists (with
 *    the library it needs linked to ebb_io only, never to the core).
 *
 * 3. One row in probe_rows[] in probe.c: name, kind (a new ebb_probe_kind before
 *    EBB_PROBE_KIND_INVALID), flags (EBB_PROBE_LIVE for a device in real time,
 *    EBB_PROBE_CALIBRATES when its raw readings need the person's range, ...), usage,
 *    example, a one-line description, the calibration profile's default device, and the
 *    opener. Nothing else in the game needs to know the new kind: play, headless play,
 *    calibration, `ebb probe`, the history and the calibration store all ask the table.
 *
 * A device that pushes data at its own rate on its own thread (a sound card, a Bluetooth LE
 * notification callback) hands it over through a lock-free ring (core/ring.h) or atomics,
 * never a lock or allocation in the callback; poll drains it on the game thread and returns
 * the newest tick (probe_audio.c). Tests drive backends through the real library with real
 * components (ptys, UDP, pipes, files); tests/probes/test_pump.c shows a scripted one. */
#ifndef EBB_PROBE_BACKEND_H
#define EBB_PROBE_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "io/probe.h"

typedef struct ebb_probe_ops {
    const char *name;
    /* Frame for level time ms (ticks come in increasing order). */
    ebb_probe_status (*poll)(ebb_probe *p, uint32_t ms, ebb_frame *frame);
    void (*close)(ebb_probe *p);
    /* Optional (NULL: nothing to report, unit none). */
    void (*stats)(const ebb_probe *p, ebb_probe_stats *out);
} ebb_probe_ops;

struct ebb_probe {
    const ebb_probe_ops *ops;      /* set by the backend's opener */
    void *impl;                    /* the backend's own state, set by its opener */
    /* Set by probe.c, not by backends: */
    const ebb_probe_kind_info *kind; /* its row in the probe table */
    const struct ebb_level *level; /* the level being played, for sources that follow it (sim) */
    bool calibrated;               /* pf effort comes from `calib` instead of the defaults */
    ebb_calib calib;
    float rest_sd;                 /* at calibration */
    ebb_calib_drift drift;         /* pressure probes re-zero during long quiet rests */
};

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
ebb_probe *ebb_probe_replay_open(const char *arg, ebb_diags *diags); /* FILE (.csv or .wav) */
ebb_probe *ebb_probe_sim_open(const char *arg, ebb_diags *diags);    /* [PROFILE] */
ebb_probe *ebb_probe_serial_open(const char *arg, ebb_diags *diags); /* PORT[@BAUD][,FORMAT] */
ebb_probe *ebb_probe_osc_open(const char *arg, ebb_diags *diags);    /* [PORT][@ADDR] */
ebb_probe *ebb_probe_stdin_open(const char *arg, ebb_diags *diags);  /* [FORMAT] */
ebb_probe *ebb_probe_audio_open(const char *arg, ebb_diags *diags);  /* [DEVICE][@RATE] */
ebb_probe *ebb_probe_wav_open(const char *path, ebb_diags *diags);   /* via replay */
ebb_probe *ebb_probe_ble_open(const char *arg, ebb_diags *diags);   /* [NAME|ADDRESS] */
ebb_probe *ebb_probe_mic_open(const char *arg, ebb_diags *diags);   /* [DEVICE][@RATE] */

#endif
