/* The microphone as a breath sensor (probe_mic.c): what tests, `ebb probe` and `ebb
 * calibrate` may ask of a mic probe beyond the probe interface. Only engine/io and the game's
 * command line include this; the core never sees PortAudio. */
#ifndef EBB_PROBE_MIC_H
#define EBB_PROBE_MIC_H

#include <stddef.h>

#include "core/breath_detect.h"
#include "io/probe.h"

/* Does what poll() does (drain the ring through the detector, detect a lost signal) but hands
 * back every tick produced since the last call, oldest first. Returns how many were written
 * (up to max); *status is OK or LOST. Returns 0 with LOST for a probe that is not a mic. */
size_t ebb_probe_mic_drain(ebb_probe *p, ebb_breath_tick *ticks, size_t max,
                           ebb_probe_status *status);

/* Learns the room's noise floor again over the next seconds (`ebb calibrate --probe mic`).
 * False for a probe that is not a mic. */
bool ebb_probe_mic_recalibrate(ebb_probe *p);

/* The detector's counters and the rate the device was opened at (false: not a mic). */
bool ebb_probe_mic_stats(const ebb_probe *p, ebb_breath_stats *out, unsigned *rate);

#endif
