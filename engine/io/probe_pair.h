/* Two sources as one probe: a pelvic-floor probe, and a second source for the breath channel
 * (`--probe ble:Perifit --breath mic`). probe_pair.c says how they combine. */
#ifndef EBB_PROBE_PAIR_H
#define EBB_PROBE_PAIR_H

#include <stdbool.h>

#include "core/diag.h"
#include "io/probe.h"

/* Opens `spec` with its stored calibration (as ebb_probe_open_calibrated) and, when
 * breath_spec is not NULL, `breath_spec` beside it, and returns one probe whose frames carry
 * the pelvic floor and abdominal channels of the first and the breath channel of the second.
 * With breath_spec NULL it is exactly ebb_probe_open_calibrated(spec). Returns NULL with the
 * reason in diags (nothing left open); *calibrated as ebb_probe_open_calibrated. */
ebb_probe *ebb_probe_open_pair(const char *spec, const char *breath_spec, bool *calibrated,
                               ebb_diags *diags);

/* The breath source of a pair (NULL for any other probe), for `ebb probe` and tests. */
ebb_probe *ebb_probe_pair_breath(ebb_probe *p);

#endif
