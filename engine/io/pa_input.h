/* A mono float32 PortAudio input feeding a lock-free ring: the part the sound-card EMG probe
 * (probe_audio.c) and the microphone breath probe (probe_mic.c) share. Each probe keeps its
 * own signal path and its own words; this opens the device and keeps the samples coming.
 *
 * Only engine/io includes this; the core never sees PortAudio. */
#ifndef EBB_PA_INPUT_H
#define EBB_PA_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "io/probe.h"

typedef struct ebb_pa_input ebb_pa_input;

/* The words a probe uses in its messages, so each keeps the wording people know from it.
 * They must outlive the input (string literals). */
typedef struct ebb_pa_input_words {
    const char *no_default; /* whole message when there is no default input */
    const char *an_input;   /* "device 3 is not <an_input>" */
    const char *input;      /* "no <input> named like 'x'" */
    const char *list_what;  /* "run `ebb devices` to list <list_what>" */
    const char *start_what; /* "cannot start <start_what> 'name' at 16000 Hz" */
} ebb_pa_input_words;

/* Makes a ring of ring_size samples (a power of two), starts PortAudio (ALSA silenced) and
 * finds DEVICE: "" for the default input, an index, or a case-insensitive part of a name.
 * NULL with a message in diags. */
ebb_pa_input *ebb_pa_input_open(const char *dev, size_t ring_size,
                                const ebb_pa_input_words *words, ebb_diags *diags);

/* The device's own name, for messages. */
const char *ebb_pa_input_device(const ebb_pa_input *in);

/* The sample rate to open at: want if the device accepts it as mono float32, else (want 0)
 * the first of rates it accepts. 0 when none fits; the caller says so in its own words. */
unsigned ebb_pa_input_pick_rate(const ebb_pa_input *in, unsigned want, const unsigned *rates,
                                size_t n_rates);

/* Opens and starts the stream at rate with one tick of samples per buffer; PortAudio's thread
 * pushes them into the ring. The device then has EBB_PROBE_LOST_MS to deliver its first
 * buffer. False with a message in diags. */
bool ebb_pa_input_start(ebb_pa_input *in, unsigned rate, ebb_diags *diags);

/* Hands what is in the ring now (only that: a source faster than real time, such as ALSA's
 * file plugin, must not keep the game thread here) to feed, oldest first, in chunks. Returns
 * LOST when no samples have come for EBB_PROBE_LOST_MS (unplugged, or the stream died). */
typedef void ebb_pa_input_feed(void *ctx, const float *x, size_t n);
ebb_probe_status ebb_pa_input_drain(ebb_pa_input *in, ebb_pa_input_feed *feed, void *ctx);

/* When more than `over` samples wait, drops the oldest so that `keep` remain. Returns how many
 * it dropped. */
size_t ebb_pa_input_skip(ebb_pa_input *in, size_t over, size_t keep);

/* Samples the callback delivered, and samples lost because the ring was full. */
uint64_t ebb_pa_input_pushed(const ebb_pa_input *in);
uint64_t ebb_pa_input_dropped(const ebb_pa_input *in);

/* Buffers PortAudio flagged as overflowed since the start. */
uint64_t ebb_pa_input_overflows(const ebb_pa_input *in);

/* Stops and closes the stream and PortAudio, and frees the ring. NULL is fine. */
void ebb_pa_input_close(ebb_pa_input *in);

#endif
