/* Calibrations on disk: one small text file per probe profile in the user's data directory
 * ($XDG_DATA_HOME/ebb/calibration/<profile>.calib), written atomically.
 *
 * A profile names one device: "serial-dev-ttyUSB0", "audio-default", "osc-9000". Which kinds
 * of probe keep one is the probe table's to say (EBB_PROBE_CALIBRATES in io/probe.h): manual
 * input, replays and the simulator have none (their values are already effort). */
#ifndef EBB_CALIB_STORE_H
#define EBB_CALIB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/calib_run.h"

#define EBB_CALIB_PROFILE_MAX 96

/* A calibration (command line or scene) waits this long for a lost signal, then stops and
 * saves nothing: the person may be fetching the cable, but not for ever. */
#define EBB_CALIB_LOST_GIVE_UP_MS 30000u

/* The profile for a probe spec; false for sources that need no calibration. */
bool ebb_calib_profile_for(const char *spec, char *profile, size_t size);

/* Loads a stored calibration; false with *err empty when there is none, or with a message
 * when the file is unreadable or damaged. */
bool ebb_calib_load(const char *profile, ebb_calib *out, float *rest_sd, char *err,
                    size_t err_size);

/* The same from an open stream (not closed here); path is what messages call it. The fuzz
 * target reads damaged files through this. */
bool ebb_calib_read(FILE *f, const char *path, ebb_calib *out, float *rest_sd, char *err,
                    size_t err_size);

/* Saves a successful calibration run; false with a message on failure (nothing half-written). */
bool ebb_calib_save(const char *profile, const ebb_calib_result *r, char *err, size_t err_size);

#endif
