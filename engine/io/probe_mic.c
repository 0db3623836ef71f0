/* mic[:DEVICE][@RATE] — the microphone as a breath sensor.
 *
 * PortAudio calls mic_callback() on its own thread; the callback only pushes samples into a
 * lock-free ring (as probe_audio.c does: no allocation, locks or I/O there). poll() runs on
 * the game thread: it drains the ring through the breath detector (core/breath_detect.h)
 * and fills the frame's breath channel with the newest tick:
 *   effort = the detector's lung-volume guess 0..1 (rises on in-breaths, falls on out-breaths,
 *            holds in pauses: breathing steps score pacing from its direction),
 *   raw = env = the band energy over the noise floor, in dB.
 * The pelvic floor channel stays absent: beside a pelvic-floor probe, use `--breath mic`
 * (probe_pair.c).
 *
 * The first seconds after opening are a quiet calibration of the room's noise floor; poll()
 * says LOST until it is done, so a level waits for it ("waiting for the signal") instead of
 * scoring breaths it cannot hear yet.
 *
 * DEVICE is a PortAudio input index or a case-insensitive part of its name (`ebb devices`
 * lists them); default: the default input. RATE forces a sample rate; by default the first
 * the device accepts of 16000, 48000, 44100, 8000 Hz (16 kHz holds the whole band the
 * detector listens to, 200 Hz..3.5 kHz, at little cost). */
#define _POSIX_C_SOURCE 200809L

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
#include "io/probe_mic.h"

#define MIC_LOST_S ((double)EBB_PROBE_LOST_MS / 1000.0)
/* 2^19 samples (2 MB): 32 s at 16 kHz, 11 s at 48 kHz. Far more than a game frame can
 * stall; that much so that a whole test recording fed faster than real time (ALSA's file
 * plugin) fits while the checker catches up, whatever else the machine is doing. */
#define MIC_RING_SIZE 524288u
#define MIC_CHUNK 1024u

typedef struct mic_probe {
    PaStream *stream;
    ebb_ring *ring;
    ebb_breath *breath;
    unsigned rate;
    double last_sample_s;
    ebb_breath_tick last;
    bool have_tick;
    uint64_t skipped;            /* samples of a backlog skipped by poll() */
    char device[128];
    float chunk[MIC_CHUNK];
} mic_probe;

static const ebb_probe_ops mic_ops;

static double mic_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs on PortAudio's thread: bounded work only. */
static int mic_callback(const void *input, void *output, unsigned long frames,
                        const PaStreamCallbackTimeInfo *time_info, PaStreamCallbackFlags flags,
                        void *user)
{
    (void)output;
    (void)time_info;
    (void)flags;
    mic_probe *mp = user;
    if (input) {
        ebb_ring_push(mp->ring, input, (size_t)frames);
    }
    return paContinue;
}

static bool mic_name_has(const char *hay, const char *needle)
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
static PaDeviceIndex mic_find_device(const char *dev, ebb_diags *diags)
{
    if (*dev == '\0') {
        const PaDeviceIndex d = Pa_GetDefaultInputDevice();
        if (d == paNoDevice) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                          "there is no default microphone; plug one in or switch it on, or "
                          "run `ebb devices` and use mic:INDEX");
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
                          "device %ld is not a sound input; run `ebb devices` to list them", idx);
            return paNoDevice;
        }
        return (PaDeviceIndex)idx;
    }
    for (PaDeviceIndex i = 0; i < count; i++) {
        const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
        if (info && info->maxInputChannels > 0 && mic_name_has(info->name, dev)) {
            return i;
        }
    }
    ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                  "no sound input named like '%s'; run `ebb devices` to list them", dev);
    return paNoDevice;
}

static void mic_free(mic_probe *mp, bool pa_started)
{
    if (mp->stream) {
        Pa_StopStream(mp->stream);
        Pa_CloseStream(mp->stream);
    }
    if (pa_started) {
        Pa_Terminate();
    }
    ebb_ring_destroy(mp->ring);
    ebb_breath_destroy(mp->breath);
    free(mp);
}

static void mic_close(ebb_probe *p)
{
    mic_free(p->impl, true);
}

size_t ebb_probe_mic_drain(ebb_probe *p, ebb_breath_tick *ticks, size_t max,
                           ebb_probe_status *status)
{
    *status = EBB_PROBE_LOST;
    if (!p || p->ops != &mic_ops) {
        return 0;
    }
    mic_probe *mp = p->impl;
    bool got = false;
    size_t n_ticks = 0;
    /* Only what is there now, so that a source faster than real time (ALSA's file plugin)
     * cannot keep poll() from returning. */
    size_t budget = ebb_ring_count(mp->ring);
    while (budget > 0) {
        const size_t n = ebb_ring_pop(mp->ring, mp->chunk, budget < MIC_CHUNK ? budget : MIC_CHUNK);
        if (n == 0) {
            break;
        }
        budget -= n;
        got = true;
        ebb_breath_feed(mp->breath, mp->chunk, n);
        ebb_breath_tick t;
        while (ebb_breath_next_tick(mp->breath, &t)) {
            if (n_ticks < max) {
                ticks[n_ticks++] = t;
            }
            mp->last = t;
            mp->have_tick = true;
        }
    }
    const double now = mic_now_s();
    if (got) {
        mp->last_sample_s = now;
    }
    *status = now - mp->last_sample_s > MIC_LOST_S ? EBB_PROBE_LOST : EBB_PROBE_OK;
    return n_ticks;
}

bool ebb_probe_mic_recalibrate(ebb_probe *p)
{
    if (!p || p->ops != &mic_ops) {
        return false;
    }
    ebb_breath_recalibrate(((mic_probe *)p->impl)->breath);
    return true;
}

bool ebb_probe_mic_stats(const ebb_probe *p, ebb_breath_stats *out, unsigned *rate)
{
    if (!p || p->ops != &mic_ops) {
        return false;
    }
    const mic_probe *mp = p->impl;
    *out = ebb_breath_get_stats(mp->breath);
    *rate = mp->rate;
    return true;
}

static ebb_probe_status mic_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    (void)ms; /* live: the newest value is the one for now */
    mic_probe *mp = p->impl;
    /* A backlog longer than real time explains (the game stalled, or a source faster than
     * real time) is old breath: keep the newest 100 ms, so that the person never sees a
     * breath they took seconds ago. */
    size_t backlog = ebb_ring_count(mp->ring);
    if (backlog > (size_t)mp->rate * 3u / 10u) {
        size_t skip = backlog - mp->rate / 10u;
        while (skip > 0) {
            const size_t n = ebb_ring_pop(mp->ring, mp->chunk, skip < MIC_CHUNK ? skip : MIC_CHUNK);
            if (n == 0) {
                break;
            }
            skip -= n;
            mp->skipped += n;
        }
    }
    ebb_probe_status st;
    ebb_probe_mic_drain(p, NULL, 0, &st);
    if (st == EBB_PROBE_LOST || !mp->have_tick || mp->last.calibrating) {
        *frame = (ebb_frame){.signal = EBB_SIGNAL_LOST};
        return EBB_PROBE_LOST;
    }
    *frame = (ebb_frame){.signal = EBB_SIGNAL_OK, .present = 1u << EBB_CH_BREATH};
    frame->effort[EBB_CH_BREATH] = mp->last.volume;
    frame->raw[EBB_CH_BREATH] = mp->last.level_db;
    frame->env[EBB_CH_BREATH] = mp->last.level_db;
    return EBB_PROBE_OK;
}

static void mic_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const mic_probe *mp = p->impl;
    out->unit = EBB_UNIT_NONE;
    out->samples = ebb_ring_pushed(mp->ring);
    out->dropped = ebb_ring_dropped(mp->ring) + mp->skipped +
                   ebb_breath_get_stats(mp->breath).non_finite;
}

static const ebb_probe_ops mic_ops = {.name = "mic", .poll = mic_poll, .close = mic_close,
                                      .stats = mic_stats};

ebb_probe *ebb_probe_mic_open(const char *arg, ebb_diags *diags)
{
    ebb_diags_init(diags, "mic");
    char dev[128];
    const char *at = strrchr(arg, '@');
    const size_t len = at ? (size_t)(at - arg) : strlen(arg);
    snprintf(dev, sizeof dev, "%.*s", (int)(len < sizeof dev ? len : sizeof dev - 1), arg);
    unsigned want_rate = 0;
    if (at) {
        char *end = NULL;
        const unsigned long r = strtoul(at + 1, &end, 10);
        if (*end != '\0' || r < EBB_BREATH_RATE_MIN || r > EBB_BREATH_RATE_MAX) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "sample rate '%s' must be %u..%u Hz, e.g. mic:%s@16000", at + 1,
                          EBB_BREATH_RATE_MIN, EBB_BREATH_RATE_MAX, dev);
            return NULL;
        }
        want_rate = (unsigned)r;
    }
    mic_probe *mp = calloc(1, sizeof *mp);
    ebb_probe *p = calloc(1, sizeof *p);
    char err[256];
    if (!mp || !p || !(mp->ring = ebb_ring_create(MIC_RING_SIZE))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        goto fail_nopa;
    }
    if (!ebb_audio_init(err, sizeof err)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "%s", err);
        goto fail_nopa;
    }
    const PaDeviceIndex d = mic_find_device(dev, diags);
    if (d == paNoDevice) {
        goto fail;
    }
    const PaDeviceInfo *info = Pa_GetDeviceInfo(d);
    snprintf(mp->device, sizeof mp->device, "%s", info->name);
    PaStreamParameters in = {.device = d, .channelCount = 1, .sampleFormat = paFloat32,
                             .suggestedLatency = info->defaultLowInputLatency};
    static const unsigned rates[] = {16000, 48000, 44100, 8000};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0] && !mp->rate; i++) {
        const unsigned r = want_rate ? want_rate : rates[i];
        if (Pa_IsFormatSupported(&in, NULL, (double)r) == paFormatIsSupported) {
            mp->rate = r;
        }
        if (want_rate) {
            break;
        }
    }
    if (!mp->rate) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "'%s' accepts none of %s as mono input; pick another microphone with "
                      "`ebb devices`, or another rate (mic:%s@48000)",
                      mp->device, want_rate ? "the requested rate" : "16000/48000/44100/8000 Hz",
                      dev);
        goto fail;
    }
    if (!(mp->breath = ebb_breath_create(&(ebb_breath_desc){.rate = mp->rate}, err, sizeof err))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0, "%s", err);
        goto fail;
    }
    /* One tick of samples per buffer: the ring adds at most 10 ms to the delay. */
    PaError pe = Pa_OpenStream(&mp->stream, &in, NULL, (double)mp->rate, mp->rate / EBB_TICK_HZ,
                               paClipOff | paDitherOff, mic_callback, mp);
    if (pe == paNoError) {
        pe = Pa_StartStream(mp->stream);
    }
    if (pe != paNoError) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "cannot start the microphone '%s' at %u Hz: %s; close other programs "
                      "using it or pick another with `ebb devices`",
                      mp->device, mp->rate, Pa_GetErrorText(pe));
        goto fail;
    }
    mp->last_sample_s = mic_now_s();
    p->ops = &mic_ops;
    p->impl = mp;
    return p;

fail:
    mic_free(mp, true);
    free(p);
    return NULL;
fail_nopa:
    if (mp) {
        mic_free(mp, false);
    }
    free(p);
    return NULL;
}
