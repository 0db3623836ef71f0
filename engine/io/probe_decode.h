/* The decode steps of probes that read outside bytes, callable without a socket or a path:
 * the fuzz targets (tests/fuzz) drive them with arbitrary input. */
#ifndef EBB_PROBE_DECODE_H
#define EBB_PROBE_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/diag.h"
#include "core/frame.h"
#include "io/probe.h"

/* What one OSC datagram (a message, or a bundle of them) gave the OSC probe. */
typedef struct ebb_osc_tally {
    uint64_t accepted, dropped, ignored;
    double sum[EBB_CH_COUNT]; /* of the values taken, per channel */
    uint32_t n[EBB_CH_COUNT];
} ebb_osc_tally;

/* Decodes one datagram exactly as the OSC probe does (data is not kept). False when out of
 * memory. */
bool ebb_osc_datagram(const uint8_t *data, size_t len, ebb_osc_tally *out);

/* The WAV replay probe over an open stream (it takes f and closes it, also on failure); name
 * is what messages call the file. */
ebb_probe *ebb_probe_wav_open_stream(FILE *f, const char *name, ebb_diags *diags);

#endif
