/* Calibration: turning a probe's raw reading (µV, cmH2O…) into effort 0..1 of the person's
 * own range, so the same level suits a weak and a strong person and any device.
 *
 * effort = (raw - rest) / (mvc - rest), clamped to 0..1, where rest is the person's resting
 * level and mvc their maximum voluntary contraction. Until a person calibrates, each unit has
 * a cautious default range. */
#ifndef EBB_CALIB_H
#define EBB_CALIB_H

typedef enum ebb_unit {
    EBB_UNIT_NONE = 0, /* already effort 0..1 (manual input, replay of effort) */
    EBB_UNIT_UV,       /* surface EMG envelope, microvolts */
    EBB_UNIT_CMH2O,    /* pressure */
    EBB_UNIT_MMHG,
    EBB_UNIT_HPA,
    EBB_UNIT_COUNTS,   /* a pressure device's own scale (Bluetooth trainers); see calib.c */
    EBB_UNIT_COUNT
} ebb_unit;

typedef struct ebb_calib {
    ebb_unit unit;
    float rest;  /* raw value that means "fully let go" */
    float mvc;   /* raw value that means "my strongest squeeze" */
} ebb_calib;

/* Default ranges before calibration: EMG 2..60 µV (healthy rest is ~2-6 µV), pressure
 * 0..40 cmH2O (and the same pressure in mmHg / hPa), none 0..1. */
ebb_calib ebb_calib_default(ebb_unit unit);

/* Effort for a raw reading; NaN or infinite readings give 0 (callers drop them before). */
float ebb_calib_effort(const ebb_calib *c, float raw);

/* Pressure probes drift (temperature, the probe settling): during a long quiet rest the
 * resting level is allowed to follow the reading slowly, keeping the person's range and
 * staying within a fifth of it from the calibrated rest. EMG does not drift this way and is
 * left alone. */
typedef struct ebb_calib_drift {
    float calibrated_rest;
    float mean;           /* slow mean of the quiet reading */
    unsigned quiet_ticks;
} ebb_calib_drift;

void ebb_calib_drift_init(ebb_calib_drift *d, const ebb_calib *c);

/* Effort for one tick's raw reading, re-zeroing c (a pressure calibration) during quiet
 * rest. */
float ebb_calib_drift_effort(ebb_calib_drift *d, ebb_calib *c, float raw);

/* "uV", "cmH2O", "mmHg", "hPa", "" ; and back (accepts "µV" too). Returns false if unknown. */
const char *ebb_unit_name(ebb_unit unit);
int ebb_unit_parse(const char *name, ebb_unit *out);

#endif
