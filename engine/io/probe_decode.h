/* The decode steps of probes that read outside bytes, callable without a socket or a path:
 * the fuzz targets (tests/fuzz) drive them with arbitrary input. */
#ifndef EBB_PROBE_DECODE_H
#define EBB_PROBE_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "core/lineproto.h"
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

/* The serial and stdin probes: says a header problem on stderr once (a board repeats its
 * header every few seconds; the same problem is not said again until it changes), so
 * `ebb probe` and `ebb play` show what to fix: "ebb: serial:/dev/ttyACM0: header field
 * 'rate': ...". `said` holds what was said last. */
static inline void ebb_probe_lines_tell(const ebb_lineproto *lp, const char *source,
                                        char *said, size_t said_size)
{
    const char *problem = ebb_lineproto_problem(lp);
    if (problem[0] != '\0' && strncmp(problem, said, said_size) != 0) {
        fprintf(stderr, "ebb: %s: %s\n", source, problem);
        snprintf(said, said_size, "%s", problem);
    }
}

#endif
