/* A mono float32 PortAudio input feeding a lock-free ring (see pa_input.h).
 *
 * PortAudio calls pa_input_callback() on its own thread with each buffer; the callback only
 * pushes the samples into the ring (no allocation, locks or I/O there). */
#define _POSIX_C_SOURCE 200809L

#include "io/pa_input.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <portaudio.h>

#include "core/ring.h"
#include "io/audio_list.h"
#include "io/probe_backend.h"

#define PA_INPUT_LOST_S ((double)EBB_PROBE_LOST_MS / 1000.0)
#define PA_INPUT_CHUNK 1024u

struct ebb_pa_input {
    PaStream *stream;
    PaStreamParameters params;
    ebb_ring *ring;
    const char *start_what;         /* from the probe's words, for the start message */
    atomic_uint_fast64_t overflows; /* buffers PortAudio flagged as overflowed */
    double last_sample_s;           /* monotonic time samples last arrived */
    char device[128];
    float chunk[PA_INPUT_CHUNK];
};

static double pa_input_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs on PortAudio's thread: bounded work only. */
static int pa_input_callback(const void *input, void *output, unsigned long frames,
                             const PaStreamCallbackTimeInfo *time_info,
                             PaStreamCallbackFlags flags, void *user)
{
    (void)output;
    (void)time_info;
    ebb_pa_input *in = user;
    if (flags & paInputOverflow) {
        atomic_fetch_add_explicit(&in->overflows, 1, memory_order_relaxed);
    }
    if (input) {
        ebb_ring_push(in->ring, input, (size_t)frames);
    }
    return paContinue;
}

static bool pa_input_name_has(const char *hay, const char *needle)
{
    const size_t n = strlen(needle);
    for (const char *h = hay; *h; h++) {
        size_t i = 0;
        while (i < n && h[i] && tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i])) {
            i++;
        }
        if (i == n) {
            return true;
        }
    }
    return n == 0;
}

/* The input for DEVICE ("" default, an index, or a part of a name). */
static PaDeviceIndex pa_input_find(const char *dev, const ebb_pa_input_words *w,
                                   ebb_diags *diags)
{
    if (*dev == '\0') {
        const PaDeviceIndex d = Pa_GetDefaultInputDevice();
        if (d == paNoDevice) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "%s", w->no_default);
        }
        return d;
    }
    char *end = NULL;
    const long idx = strtol(dev, &end, 10);
    const PaDeviceIndex count = Pa_GetDeviceCount();
    if (*end == '\0') {
        const PaDeviceInfo *info = (idx >= 0 && idx < count) ? Pa_GetDeviceInfo((int)idx) : NULL;
        if (!info || info->maxInputChannels < 1) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "device %ld is not %s; run `ebb devices` to list %s", idx,
                          w->an_input, w->list_what);
            return paNoDevice;
        }
        return (PaDeviceIndex)idx;
    }
    for (PaDeviceIndex i = 0; i < count; i++) {
        const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
        if (info && info->maxInputChannels > 0 && pa_input_name_has(info->name, dev)) {
            return i;
        }
    }
    ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                  "no %s named like '%s'; run `ebb devices` to list %s", w->input, dev,
                  w->list_what);
    return paNoDevice;
}

ebb_pa_input *ebb_pa_input_open(const char *dev, size_t ring_size,
                                const ebb_pa_input_words *words, ebb_diags *diags)
{
    ebb_pa_input *in = calloc(1, sizeof *in);
    if (!in || !(in->ring = ebb_ring_create(ring_size))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        free(in);
        return NULL;
    }
    atomic_init(&in->overflows, 0);
    in->start_what = words->start_what;
    char err[256];
    if (!ebb_audio_init(err, sizeof err)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "%s", err);
        ebb_ring_destroy(in->ring);
        free(in);
        return NULL;
    }
    const PaDeviceIndex d = pa_input_find(dev, words, diags);
    if (d == paNoDevice) {
        ebb_pa_input_close(in);
        return NULL;
    }
    const PaDeviceInfo *info = Pa_GetDeviceInfo(d);
    snprintf(in->device, sizeof in->device, "%s", info->name);
    in->params = (PaStreamParameters){.device = d, .channelCount = 1, .sampleFormat = paFloat32,
                                      .suggestedLatency = info->defaultLowInputLatency};
    return in;
}

const char *ebb_pa_input_device(const ebb_pa_input *in)
{
    return in->device;
}

unsigned ebb_pa_input_pick_rate(const ebb_pa_input *in, unsigned want, const unsigned *rates,
                                size_t n_rates)
{
    if (want) {
        return Pa_IsFormatSupported(&in->params, NULL, (double)want) == paFormatIsSupported
                   ? want
                   : 0;
    }
    for (size_t i = 0; i < n_rates; i++) {
        if (Pa_IsFormatSupported(&in->params, NULL, (double)rates[i]) == paFormatIsSupported) {
            return rates[i];
        }
    }
    return 0;
}

bool ebb_pa_input_start(ebb_pa_input *in, unsigned rate, ebb_diags *diags)
{
    /* One tick of samples per buffer: the ring adds at most 10 ms to the feedback delay. */
    PaError pe = Pa_OpenStream(&in->stream, &in->params, NULL, (double)rate, rate / EBB_TICK_HZ,
                               paClipOff | paDitherOff, pa_input_callback, in);
    if (pe == paNoError) {
        pe = Pa_StartStream(in->stream);
    }
    if (pe != paNoError) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "cannot start %s '%s' at %u Hz: %s; close other programs "
                      "using it or pick another with `ebb devices`",
                      in->start_what, in->device, rate, Pa_GetErrorText(pe));
        return false;
    }
    in->last_sample_s = pa_input_now_s();
    return true;
}

/* Pops up to count samples in chunks, handing each to feed (NULL: drops them). */
static size_t pa_input_pop(ebb_pa_input *in, size_t count, ebb_pa_input_feed *feed, void *ctx)
{
    size_t done = 0;
    while (done < count) {
        const size_t left = count - done;
        const size_t n = ebb_ring_pop(in->ring, in->chunk,
                                      left < PA_INPUT_CHUNK ? left : PA_INPUT_CHUNK);
        if (n == 0) {
            break;
        }
        done += n;
        if (feed) {
            feed(ctx, in->chunk, n);
        }
    }
    return done;
}

ebb_probe_status ebb_pa_input_drain(ebb_pa_input *in, ebb_pa_input_feed *feed, void *ctx)
{
    const bool got = pa_input_pop(in, ebb_ring_count(in->ring), feed, ctx) > 0;
    const double now = pa_input_now_s();
    if (got) {
        in->last_sample_s = now;
    }
    return now - in->last_sample_s > PA_INPUT_LOST_S ? EBB_PROBE_LOST : EBB_PROBE_OK;
}

size_t ebb_pa_input_skip(ebb_pa_input *in, size_t over, size_t keep)
{
    const size_t backlog = ebb_ring_count(in->ring);
    if (backlog <= over || backlog <= keep) {
        return 0;
    }
    return pa_input_pop(in, backlog - keep, NULL, NULL);
}

uint64_t ebb_pa_input_pushed(const ebb_pa_input *in)
{
    return ebb_ring_pushed(in->ring);
}

uint64_t ebb_pa_input_dropped(const ebb_pa_input *in)
{
    return ebb_ring_dropped(in->ring);
}

uint64_t ebb_pa_input_overflows(const ebb_pa_input *in)
{
    return atomic_load_explicit(&in->overflows, memory_order_relaxed);
}

void ebb_pa_input_close(ebb_pa_input *in)
{
    if (!in) {
        return;
    }
    if (in->stream) {
        Pa_StopStream(in->stream);
        Pa_CloseStream(in->stream);
    }
    Pa_Terminate();
    ebb_ring_destroy(in->ring);
    free(in);
}
