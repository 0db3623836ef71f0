/* audio[:DEVICE[@RATE]] — surface EMG from an amplifier on the sound-card input.
 *
 * PortAudio's thread pushes each buffer into a lock-free ring (pa_input.c: no allocation,
 * locks or I/O there). poll() runs on the
 * game thread: it drains the ring through the EMG pipeline (dsp.h) and returns the newest
 * tick's envelope, so the person always sees the freshest value, never a backlog.
 *
 * DEVICE is a PortAudio device index or a case-insensitive substring of its name (`ebb
 * devices` lists them); default: the default input. RATE forces a sample rate; by default
 * the first the device accepts of 8000, 16000, 48000, 44100 Hz (low rates first: sEMG needs
 * nothing above 450 Hz, and a low rate costs the least). A forced RATE may be as low as
 * 200 Hz, for amplifiers that present themselves as a sound card at their own rate; the
 * band is then 20 Hz to 0.45·RATE (docs/signal.md says what a low rate loses). */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dsp.h"
#include "io/audio_list.h"
#include "io/pa_input.h"
#include "io/probe_backend.h"

/* 2^16 samples: 8 s at 8 kHz, 1.4 s at 48 kHz — far more than a game frame can stall. */
#define AUDIO_RING_SIZE 65536u

typedef struct audio_probe {
    ebb_pa_input *input;
    ebb_emg *emg;
    unsigned rate;
    float last_uv;
} audio_probe;

static const ebb_probe_ops audio_ops;

static void audio_free(audio_probe *ap)
{
    ebb_pa_input_close(ap->input);
    ebb_emg_destroy(ap->emg);
    free(ap);
}

static void audio_close(ebb_probe *p)
{
    audio_free(p->impl);
}

/* Where drain() collects the ticks the pipeline makes. */
typedef struct audio_sink {
    audio_probe *ap;
    float *ticks;
    size_t max, n;
} audio_sink;

static void audio_feed(void *ctx, const float *x, size_t n)
{
    audio_sink *s = ctx;
    ebb_emg_feed(s->ap->emg, x, n);
    /* Collect as we go, so a long backlog cannot overflow the pipeline's tick queue. */
    float v;
    while (ebb_emg_next_tick(s->ap->emg, &v)) {
        if (s->n < s->max) {
            s->ticks[s->n++] = v;
        }
        s->ap->last_uv = v;
    }
}

size_t ebb_probe_audio_drain(ebb_probe *p, float *ticks, size_t max, ebb_probe_status *status)
{
    *status = EBB_PROBE_LOST;
    if (!p || p->ops != &audio_ops) {
        return 0;
    }
    audio_sink sink = {.ap = p->impl, .ticks = ticks, .max = max};
    *status = ebb_pa_input_drain(sink.ap->input, audio_feed, &sink);
    return sink.n;
}

ebb_audio_stats ebb_probe_audio_stats(const ebb_probe *p)
{
    ebb_audio_stats st = {0};
    if (p && p->ops == &audio_ops) {
        const audio_probe *ap = p->impl;
        const ebb_emg_stats es = ebb_emg_get_stats(ap->emg);
        st.samples = ebb_pa_input_pushed(ap->input);
        st.dropped = ebb_pa_input_dropped(ap->input);
        st.overflows = ebb_pa_input_overflows(ap->input);
        st.non_finite = es.non_finite;
    }
    return st;
}

unsigned ebb_probe_audio_rate(const ebb_probe *p)
{
    return (p && p->ops == &audio_ops) ? ((const audio_probe *)p->impl)->rate : 0;
}

bool ebb_probe_emg_mains(const ebb_probe *p, ebb_emg_mains *out)
{
    if (p && p->ops == &audio_ops) {
        *out = ebb_emg_get_mains(((const audio_probe *)p->impl)->emg);
        return true;
    }
    return ebb_probe_wav_mains(p, out);
}

void ebb_probe_emg_mains_text(const ebb_probe *p, char *buf, size_t size)
{
    ebb_emg_mains m;
    if (!size) {
        return;
    }
    buf[0] = '\0';
    if (!ebb_probe_emg_mains(p, &m)) {
        return;
    }
    if (m.listening) {
        snprintf(buf, size, "mains: listening for the hum (50 and 60 Hz notched meanwhile)");
    } else if (m.in_use_hz == 0) {
        snprintf(buf, size, "mains: no notches");
    } else if (m.detected) {
        snprintf(buf, size, "mains: %u Hz, found from the hum", m.in_use_hz);
    } else if (m.hum50_db != 0.0 || m.hum60_db != 0.0) {
        snprintf(buf, size, "mains: %u Hz, no clear hum heard (the default stands)",
                 m.in_use_hz);
    } else {
        snprintf(buf, size, "mains: %u Hz, as set (EBB_MAINS_HZ)", m.in_use_hz);
    }
}

static ebb_probe_status audio_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    (void)ms; /* live: the newest value is the one for now */
    audio_probe *ap = p->impl;
    ebb_probe_status st;
    ebb_probe_audio_drain(p, NULL, 0, &st);
    if (st == EBB_PROBE_LOST) {
        *frame = (ebb_frame){.signal = EBB_SIGNAL_LOST};
        return EBB_PROBE_LOST;
    }
    *frame = ebb_audio_frame(ap->last_uv);
    return EBB_PROBE_OK;
}

static void audio_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const ebb_audio_stats st = ebb_probe_audio_stats(p);
    out->unit = EBB_UNIT_UV;
    out->samples = st.samples;
    out->dropped = st.dropped + st.non_finite;
}

static const ebb_probe_ops audio_ops = {.name = "audio", .poll = audio_poll, .close = audio_close, .stats = audio_stats};

/* Splits "DEVICE@RATE"; returns false with a message for a bad rate. */
static bool audio_parse_arg(const char *arg, char *dev, size_t dev_size, unsigned *rate,
                            ebb_diags *diags)
{
    *rate = 0;
    const char *at = strrchr(arg, '@');
    size_t len = at ? (size_t)(at - arg) : strlen(arg);
    if (len >= dev_size) {
        len = dev_size - 1;
    }
    memcpy(dev, arg, len);
    dev[len] = '\0';
    if (at) {
        char *end = NULL;
        const unsigned long r = strtoul(at + 1, &end, 10);
        if (*end != '\0' || r < EBB_EMG_RATE_MIN || r > EBB_EMG_RATE_MAX) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                          "sample rate '%s' must be 200..48000 Hz, e.g. audio:%s@8000",
                          at + 1, dev);
            return false;
        }
        *rate = (unsigned)r;
    }
    return true;
}

ebb_probe *ebb_probe_audio_open(const char *arg, ebb_diags *diags)
{
    ebb_diags_init(diags, "audio");
    char dev[128];
    unsigned want_rate = 0;
    if (!audio_parse_arg(arg, dev, sizeof dev, &want_rate, diags)) {
        return NULL;
    }
    audio_probe *ap = calloc(1, sizeof *ap);
    ebb_probe *p = calloc(1, sizeof *p);
    char err[256];
    if (!ap || !p) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        goto fail;
    }
    static const ebb_pa_input_words words = {
        .no_default = "there is no default sound-card input; plug in the "
                      "amplifier, or run `ebb devices` and use audio:INDEX",
        .an_input = "an audio input",
        .input = "input device",
        .list_what = "inputs",
        .start_what = "capture on",
    };
    if (!(ap->input = ebb_pa_input_open(dev, AUDIO_RING_SIZE, &words, diags))) {
        goto fail;
    }
    static const unsigned rates[] = {8000, 16000, 48000, 44100};
    ap->rate = ebb_pa_input_pick_rate(ap->input, want_rate, rates, sizeof rates / sizeof rates[0]);
    if (!ap->rate) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "audio: '%s' accepts none of %s as mono float input; pick another "
                      "device with `ebb devices`, or another rate (audio:%s@48000)",
                      ebb_pa_input_device(ap->input),
                      want_rate ? "the requested rate" : "8000/16000/48000/44100 Hz", dev);
        goto fail;
    }
    const ebb_emg_desc desc = ebb_audio_emg_desc(ap->rate);
    if (!(ap->emg = ebb_emg_create(&desc, err, sizeof err))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0, "%s", err);
        goto fail;
    }
    if (!ebb_pa_input_start(ap->input, ap->rate, diags)) {
        goto fail;
    }
    p->ops = &audio_ops;
    p->impl = ap;
    return p;

fail:
    if (ap) {
        audio_free(ap);
    }
    free(p);
    return NULL;
}
