/* mic[:DEVICE][@RATE] — the microphone as a breath sensor.
 *
 * PortAudio's thread pushes samples into a lock-free ring (pa_input.c, shared with
 * probe_audio.c: no allocation, locks or I/O there). poll() runs on
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/pa_input.h"
#include "io/probe_backend.h"
#include "io/probe_mic.h"

/* 2^19 samples (2 MB): 32 s at 16 kHz, 11 s at 48 kHz. Far more than a game frame can
 * stall; that much so that a whole test recording fed faster than real time (ALSA's file
 * plugin) fits while the checker catches up, whatever else the machine is doing. */
#define MIC_RING_SIZE 524288u

typedef struct mic_probe {
    ebb_pa_input *input;
    ebb_breath *breath;
    unsigned rate;
    ebb_breath_tick last;
    bool have_tick;
    uint64_t skipped;            /* samples of a backlog skipped by poll() */
} mic_probe;

static const ebb_probe_ops mic_ops;

static void mic_free(mic_probe *mp)
{
    ebb_pa_input_close(mp->input);
    ebb_breath_destroy(mp->breath);
    free(mp);
}

static void mic_close(ebb_probe *p)
{
    mic_free(p->impl);
}

/* Where drain() collects the ticks the detector makes. */
typedef struct mic_sink {
    mic_probe *mp;
    ebb_breath_tick *ticks;
    size_t max, n;
} mic_sink;

static void mic_feed(void *ctx, const float *x, size_t n)
{
    mic_sink *s = ctx;
    ebb_breath_feed(s->mp->breath, x, n);
    ebb_breath_tick t;
    while (ebb_breath_next_tick(s->mp->breath, &t)) {
        if (s->n < s->max) {
            s->ticks[s->n++] = t;
        }
        s->mp->last = t;
        s->mp->have_tick = true;
    }
}

size_t ebb_probe_mic_drain(ebb_probe *p, ebb_breath_tick *ticks, size_t max,
                           ebb_probe_status *status)
{
    *status = EBB_PROBE_LOST;
    if (!p || p->ops != &mic_ops) {
        return 0;
    }
    mic_sink sink = {.mp = p->impl, .ticks = ticks, .max = max};
    *status = ebb_pa_input_drain(sink.mp->input, mic_feed, &sink);
    return sink.n;
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
    mp->skipped += ebb_pa_input_skip(mp->input, (size_t)mp->rate * 3u / 10u, mp->rate / 10u);
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
    out->samples = ebb_pa_input_pushed(mp->input);
    out->dropped = ebb_pa_input_dropped(mp->input) + mp->skipped +
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
    if (!mp || !p) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        goto fail;
    }
    static const ebb_pa_input_words words = {
        .no_default = "there is no default microphone; plug one in or switch it on, or "
                      "run `ebb devices` and use mic:INDEX",
        .an_input = "a sound input",
        .input = "sound input",
        .list_what = "them",
        .start_what = "the microphone",
    };
    if (!(mp->input = ebb_pa_input_open(dev, MIC_RING_SIZE, &words, diags))) {
        goto fail;
    }
    static const unsigned rates[] = {16000, 48000, 44100, 8000};
    mp->rate = ebb_pa_input_pick_rate(mp->input, want_rate, rates, sizeof rates / sizeof rates[0]);
    if (!mp->rate) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "'%s' accepts none of %s as mono input; pick another microphone with "
                      "`ebb devices`, or another rate (mic:%s@48000)",
                      ebb_pa_input_device(mp->input),
                      want_rate ? "the requested rate" : "16000/48000/44100/8000 Hz", dev);
        goto fail;
    }
    if (!(mp->breath = ebb_breath_create(&(ebb_breath_desc){.rate = mp->rate}, err, sizeof err))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0, "%s", err);
        goto fail;
    }
    if (!ebb_pa_input_start(mp->input, mp->rate, diags)) {
        goto fail;
    }
    p->ops = &mic_ops;
    p->impl = mp;
    return p;

fail:
    if (mp) {
        mic_free(mp);
    }
    free(p);
    return NULL;
}
