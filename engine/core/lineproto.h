/* The Ebb line protocol and the Backyard Brains Muscle SpikerShield frames: bytes from a
 * serial port or standard input in, samples and per-tick frames out. Pure: no I/O, no clock.
 *
 * ASCII (docs/probe-protocol.md), one sample a line, '\n' or "\r\n" ended:
 *   # ebb units=cmH2O rate=100 channels=pf,abd     header: optional, may come again
 *   # ebb units=uV rate=250 channels=pf raw=emg    raw EMG samples: the envelope chain
 *                                                  (dsp.h) runs in here at that rate
 *   0.42,0.10                                      v1[,v2[,v3]]   values by channel
 *   1530 12.5 3.1                                  t_ms v1 [v2 [v3]]  time first
 *   # anything else after '#' is a comment
 * SpikerShield: 2 bytes a channel, 7 data bits each (high 3 bits first), the frame's first
 * byte with bit 7 set; 10-bit values (0..1023 ADC counts).
 *
 * Bytes come in arbitrary chunks: a line or frame split across reads is put back together.
 * Anything that is not a well-formed sample (NaN, inf, values out of the unit's range, broken
 * or overlong lines, broken frames) is dropped and counted by reason, never emitted.
 *
 * Ownership: ebb_lineproto_create() allocates; ebb_lineproto_destroy() releases. */
#ifndef EBB_LINEPROTO_H
#define EBB_LINEPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calib.h"
#include "core/frame.h"

/* Longest accepted ASCII line (without its newline). Longer lines are dropped whole: a
 * sensor that never sends '\n' must not grow a buffer without bound. */
#define EBB_LINEPROTO_LINE_MAX 256

typedef enum ebb_lineproto_mode {
    EBB_LINEPROTO_AUTO = 0, /* decide from the bytes; switch if the device changes format */
    EBB_LINEPROTO_ASCII,
    EBB_LINEPROTO_SPIKER
} ebb_lineproto_mode;

/* Why something was dropped. Stable ids: add at the end. */
typedef enum ebb_lineproto_drop {
    EBB_LP_DROP_SYNTAX = 0, /* not numbers, wrong count of values, control bytes */
    EBB_LP_DROP_NONFINITE,  /* nan, inf, or a number too large for a float */
    EBB_LP_DROP_RANGE,      /* finite but outside what the channel's unit allows */
    EBB_LP_DROP_OVERLONG,   /* a line longer than EBB_LINEPROTO_LINE_MAX */
    EBB_LP_DROP_HEADER,     /* a header field that could not be used (the rest still is) */
    EBB_LP_DROP_FRAME,      /* SpikerShield: broken frame or stray byte */
    EBB_LP_DROP_RAW,        /* a sample of a raw=emg stream whose header could not be used */
    EBB_LP_DROP_COUNT
} ebb_lineproto_drop;

typedef struct ebb_lineproto_sample {
    float value[EBB_CH_COUNT]; /* in the channel's unit (SpikerShield: ADC counts) */
    uint8_t present;           /* bit (1u << channel) for each value the sample carries */
    bool has_time;             /* the line began with t_ms */
    uint32_t t_ms;             /* the device's own clock; not required to increase */
} ebb_lineproto_sample;

typedef struct ebb_lineproto_stats {
    uint64_t bytes;                      /* fed in total */
    uint64_t samples;                    /* emitted */
    uint64_t headers;                    /* "# ebb" header lines applied */
    uint64_t dropped[EBB_LP_DROP_COUNT]; /* by reason */
    uint64_t dropped_total;
    ebb_lineproto_mode mode; /* the format in use; AUTO while still undecided */
    uint32_t rate_hz;        /* from the header; 0 when not given */
    uint64_t header_problems; /* header fields that could not be used (see _problem) */
    uint8_t raw_channels;    /* bit (1u << channel) for channels carrying raw EMG */
} ebb_lineproto_stats;

/* Raw EMG (header raw=emg): samples in µV, each channel through its own EMG pipeline at the
 * header's rate (20 Hz..min(450, 0.45·rate) band, notches for the mains found by itself
 * unless mains=50|60), giving one envelope value in µV per 10 ms of samples. */
#define EBB_LINEPROTO_RAW_MAX_UV 100000.0
#define EBB_LINEPROTO_PROBLEM_MAX 200

typedef struct ebb_lineproto ebb_lineproto;

/* Called once per sample, in order, from inside ebb_lineproto_feed(). */
typedef void (*ebb_lineproto_sink)(void *user, const ebb_lineproto_sample *s);

ebb_lineproto *ebb_lineproto_create(ebb_lineproto_mode mode);
void ebb_lineproto_destroy(ebb_lineproto *lp);

/* Forgets partial lines and frames, header settings, the decided format and the tick
 * accumulators (a device was unplugged and comes back: it may have been reflashed).
 * Statistics are kept. */
void ebb_lineproto_reset(ebb_lineproto *lp);

void ebb_lineproto_set_sink(ebb_lineproto *lp, ebb_lineproto_sink sink, void *user);

/* Feeds bytes; returns the number of samples they completed. */
size_t ebb_lineproto_feed(ebb_lineproto *lp, const uint8_t *bytes, size_t len);

/* The frame for one tick: for each channel the mean of the samples fed since the last call
 * (raw EMG channels: the mean of the envelope values their samples completed)
 * (the last value is held when none came), effort through the channel's calibration,
 * present = channels seen since the last reset, signal OK. Returns true when samples came
 * since the last call; the caller decides when silence means a lost signal. */
bool ebb_lineproto_frame(ebb_lineproto *lp, ebb_frame *out);

/* Calibration used for a channel: ebb_calib_default() of the header's unit for ASCII
 * (no units given: values are already effort 0..1); SpikerShield counts map 0..1023 to
 * effort 0..1 until the person calibrates. */
ebb_calib ebb_lineproto_calib(const ebb_lineproto *lp, ebb_channel ch);

/* Unit of a channel as the stream declared it (EBB_UNIT_NONE for SpikerShield counts). */
ebb_unit ebb_lineproto_unit(const ebb_lineproto *lp, ebb_channel ch);

ebb_lineproto_stats ebb_lineproto_get_stats(const ebb_lineproto *lp);

/* The first problem of the last header, naming the field and the fix ("header field 'rate':
 * raw=emg needs ..."); "" when the last header was clean or none came. A caller shows it
 * when stats.header_problems grows. */
const char *ebb_lineproto_problem(const ebb_lineproto *lp);

const char *ebb_lineproto_drop_name(ebb_lineproto_drop reason);

/* "auto", "ascii", "spiker" -> mode. Returns false if unknown. */
bool ebb_lineproto_mode_parse(const char *name, ebb_lineproto_mode *out);

#endif
