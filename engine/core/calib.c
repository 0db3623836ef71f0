#include "core/calib.h"

#include <math.h>
#include <string.h>

ebb_calib ebb_calib_default(ebb_unit unit)
{
    ebb_calib c = {unit, 0.0f, 1.0f};
    switch (unit) {
    case EBB_UNIT_UV:
        c.rest = 2.0f;
        c.mvc = 60.0f;
        break;
    case EBB_UNIT_CMH2O:
        c.mvc = 40.0f;
        break;
    case EBB_UNIT_MMHG:
        c.mvc = 40.0f / 1.3595f; /* 1 mmHg = 1.3595 cmH2O */
        break;
    case EBB_UNIT_HPA:
        c.mvc = 40.0f * 0.98064f; /* 1 cmH2O = 0.98064 hPa */
        break;
    default:
        break;
    }
    return c;
}

float ebb_calib_effort(const ebb_calib *c, float raw)
{
    const float span = c->mvc - c->rest;
    if (!isfinite(raw) || !(span > 0.0f)) {
        return 0.0f;
    }
    const float e = (raw - c->rest) / span;
    return e < 0.0f ? 0.0f : (e > 1.0f ? 1.0f : e);
}

static const char *const unit_names[EBB_UNIT_COUNT] = {"", "uV", "cmH2O", "mmHg", "hPa", "counts"};

const char *ebb_unit_name(ebb_unit unit)
{
    return (unsigned)unit < (unsigned)EBB_UNIT_COUNT ? unit_names[unit] : "";
}

int ebb_unit_parse(const char *name, ebb_unit *out)
{
    if (strcmp(name, "\xc2\xb5V") == 0 || strcmp(name, "uV") == 0) {
        *out = EBB_UNIT_UV;
        return 1;
    }
    if (strcmp(name, "none") == 0 || name[0] == '\0') {
        *out = EBB_UNIT_NONE;
        return 1;
    }
    for (int u = 2; u < EBB_UNIT_COUNT; u++) {
        if (strcmp(name, unit_names[u]) == 0) {
            *out = (ebb_unit)u;
            return 1;
        }
    }
    return 0;
}

#define DRIFT_QUIET_TICKS 1000u /* 10 s of quiet rest before re-zeroing starts */
#define DRIFT_RATE 0.002f       /* per tick: about a 5 s time constant */
#define DRIFT_LIMIT 0.2f        /* at most a fifth of the range from the calibration */
#define DRIFT_QUIET_EFFORT 0.1f

void ebb_calib_drift_init(ebb_calib_drift *d, const ebb_calib *c)
{
    d->calibrated_rest = c->rest;
    d->mean = c->rest;
    d->quiet_ticks = 0;
}

static int calib_is_pressure(ebb_unit u)
{
    /* counts: every device that reports in its own counts today is a pressure trainer */
    return u == EBB_UNIT_CMH2O || u == EBB_UNIT_MMHG || u == EBB_UNIT_HPA || u == EBB_UNIT_COUNTS;
}

float ebb_calib_drift_effort(ebb_calib_drift *d, ebb_calib *c, float raw)
{
    float effort = ebb_calib_effort(c, raw);
    if (!calib_is_pressure(c->unit) || !isfinite(raw)) {
        return effort;
    }
    if (effort >= DRIFT_QUIET_EFFORT) {
        d->quiet_ticks = 0;
        d->mean = c->rest;
        return effort;
    }
    d->quiet_ticks++;
    d->mean += (raw - d->mean) * 0.01f;
    if (d->quiet_ticks < DRIFT_QUIET_TICKS) {
        return effort;
    }
    const float span = c->mvc - c->rest;
    float rest = c->rest + (d->mean - c->rest) * DRIFT_RATE;
    const float lo = d->calibrated_rest - DRIFT_LIMIT * span;
    const float hi = d->calibrated_rest + DRIFT_LIMIT * span;
    rest = rest < lo ? lo : (rest > hi ? hi : rest);
    c->mvc += rest - c->rest; /* keep the person's range */
    c->rest = rest;
    return ebb_calib_effort(c, raw);
}
