/* replay:FILE.wav — raw EMG recorded as a sound card delivers it, run through exactly the
 * pipeline of the live `audio` probe (same description, same full scale, same calibration).
 *
 * Reads PCM WAV: 16-bit integer or 32-bit float (also inside WAVE_FORMAT_EXTENSIBLE), any
 * number of channels (the first is used), at 200..48000 Hz: sound cards, and amplifiers that
 * stream raw EMG at 200..1000 Hz (the band is then 20 Hz to 0.45·rate). The file is streamed, not loaded:
 * an hour at 48 kHz would be 660 MB of floats. Non-realtime: each poll computes the tick for
 * its time as fast as the disk allows, and the probe ends at the end of the data. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/audio_list.h"
#include "core/dsp.h"
#include "io/probe_backend.h"
#include "io/probe_decode.h"

#define WAV_FMT_PCM 1u
#define WAV_FMT_FLOAT 3u
#define WAV_FMT_EXTENSIBLE 0xFFFEu
#define WAV_BLOCK 512u  /* frames read at a time */
#define WAV_FRAME_MAX 64u /* bytes per frame we accept (e.g. 16 channels of float) */

typedef struct wav_probe {
    FILE *f;
    ebb_emg *emg;
    unsigned rate;
    unsigned format;           /* WAV_FMT_PCM (16-bit) or WAV_FMT_FLOAT (32-bit) */
    unsigned frame_bytes;      /* bytes per frame, all channels */
    uint64_t frames_left;      /* in the data chunk */
    uint64_t ticks_done;       /* tick values taken from the pipeline */
    float last_uv;
    unsigned char raw[WAV_BLOCK * WAV_FRAME_MAX];
    float x[WAV_BLOCK];
} wav_probe;

static uint32_t wav_u32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static unsigned wav_u16(const unsigned char *b)
{
    return (unsigned)b[0] | (unsigned)b[1] << 8;
}

/* Reads up to max first-channel samples into wp->x; returns how many. */
static size_t wav_read_block(wav_probe *wp, size_t max)
{
    size_t want = max < WAV_BLOCK ? max : WAV_BLOCK;
    if (wp->frames_left < want) {
        want = (size_t)wp->frames_left;
    }
    const size_t got = fread(wp->raw, wp->frame_bytes, want, wp->f);
    for (size_t i = 0; i < got; i++) {
        const unsigned char *s = wp->raw + i * wp->frame_bytes;
        if (wp->format == WAV_FMT_PCM) {
            const int v = (int)(int16_t)(uint16_t)wav_u16(s);
            wp->x[i] = (float)v / 32768.0f;
        } else {
            const uint32_t u = wav_u32(s);
            float v;
            memcpy(&v, &u, sizeof v); /* little-endian IEEE, assembled portably above */
            wp->x[i] = v;
        }
    }
    /* A short read means the file is shorter than its header says: end there. */
    wp->frames_left = got < want ? 0 : wp->frames_left - got;
    return got;
}

static ebb_probe_status wav_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    wav_probe *wp = p->impl;
    /* The tick for time ms is the (ms/10 + 1)-th value: it covers the samples up to the end
     * of that tick, as a live device would have delivered them by then. */
    const uint64_t want = (uint64_t)ms / EBB_TICK_MS + 1;
    while (wp->ticks_done < want) {
        float v;
        if (ebb_emg_next_tick(wp->emg, &v)) {
            wp->last_uv = v;
            wp->ticks_done++;
            continue;
        }
        if (wp->frames_left == 0) {
            *frame = (ebb_frame){.signal = EBB_SIGNAL_LOST};
            return EBB_PROBE_ENDED;
        }
        /* Feed exactly up to the next tick so values come out one at a time. */
        size_t n = ebb_emg_samples_to_tick(wp->emg);
        while (n > 0 && wp->frames_left > 0) {
            const size_t got = wav_read_block(wp, n);
            ebb_emg_feed(wp->emg, wp->x, got);
            n -= got;
        }
    }
    *frame = ebb_audio_frame(wp->last_uv);
    return EBB_PROBE_OK;
}

static void wav_close(ebb_probe *p)
{
    wav_probe *wp = p->impl;
    if (wp->f) {
        fclose(wp->f);
    }
    ebb_emg_destroy(wp->emg);
    free(wp);
}

static void wav_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const wav_probe *wp = p->impl;
    const ebb_emg_stats st = ebb_emg_get_stats(wp->emg);
    out->unit = EBB_UNIT_UV;
    out->samples = st.samples;
    out->dropped = st.non_finite;
}

static const ebb_probe_ops wav_ops = {.name = "replay-wav", .poll = wav_poll, .close = wav_close, .stats = wav_stats};

bool ebb_probe_wav_mains(const ebb_probe *p, ebb_emg_mains *out)
{
    if (!p || p->ops != &wav_ops) {
        return false;
    }
    *out = ebb_emg_get_mains(((const wav_probe *)p->impl)->emg);
    return true;
}

/* Walks the RIFF chunks to "fmt " and "data"; leaves the file at the first data byte. */
static bool wav_parse_header(wav_probe *wp, const char *path, ebb_diags *diags)
{
    unsigned char h[12];
    if (fread(h, 1, 12, wp->f) != 12 || memcmp(h, "RIFF", 4) != 0 ||
        memcmp(h + 8, "WAVE", 4) != 0) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "not a RIFF/WAVE file; convert it with `sox %s -e signed -b 16 out.wav`",
                      path);
        return false;
    }
    unsigned channels = 0, bits = 0;
    bool have_fmt = false;
    for (;;) {
        unsigned char c[8];
        if (fread(c, 1, 8, wp->f) != 8) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0,
                          "no %s chunk in the WAV file", have_fmt ? "'data'" : "'fmt '");
            return false;
        }
        const uint32_t size = wav_u32(c + 4);
        if (memcmp(c, "fmt ", 4) == 0 && size >= 16 && size <= 64) {
            unsigned char f[64];
            if (fread(f, 1, size, wp->f) != size) {
                break;
            }
            wp->format = wav_u16(f);
            channels = wav_u16(f + 2);
            wp->rate = (unsigned)wav_u32(f + 4);
            bits = wav_u16(f + 14);
            if (wp->format == WAV_FMT_EXTENSIBLE && size >= 26) {
                wp->format = wav_u16(f + 24); /* first two bytes of the sub-format GUID */
            }
            have_fmt = true;
        } else if (memcmp(c, "data", 4) == 0) {
            if (!have_fmt) {
                break;
            }
            const bool ok_fmt = (wp->format == WAV_FMT_PCM && bits == 16) ||
                                (wp->format == WAV_FMT_FLOAT && bits == 32);
            if (!ok_fmt || channels < 1 || channels * bits / 8 > WAV_FRAME_MAX) {
                ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                              "WAV format %u with %u-bit samples and %u channels is not "
                              "supported; use 16-bit PCM or 32-bit float, e.g. `sox %s -b 16 "
                              "-e signed out.wav`", wp->format, bits, channels, path);
                return false;
            }
            if (wp->rate < EBB_EMG_RATE_MIN || wp->rate > EBB_EMG_RATE_MAX) {
                ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_RANGE, 0, 0,
                              "WAV sample rate %u Hz is outside 200..48000 Hz; resample it, "
                              "e.g. `sox %s -r 8000 out.wav`", wp->rate, path);
                return false;
            }
            wp->frame_bytes = channels * bits / 8;
            wp->frames_left = size / wp->frame_bytes;
            return true;
        } else if (fseek(wp->f, (long)size + (long)(size & 1u), SEEK_CUR) != 0) {
            break; /* chunks are padded to even sizes */
        }
    }
    ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                  "broken WAV header (the 'fmt ' chunk must come before 'data')");
    return false;
}

ebb_probe *ebb_probe_wav_open(const char *path, ebb_diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ebb_diags_init(diags, path);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "cannot open the WAV file; check the path");
        return NULL;
    }
    return ebb_probe_wav_open_stream(f, path, diags);
}

ebb_probe *ebb_probe_wav_open_stream(FILE *f, const char *path, ebb_diags *diags)
{
    ebb_diags_init(diags, path);
    wav_probe *wp = calloc(1, sizeof *wp);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!wp || !p) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        fclose(f);
        goto fail;
    }
    wp->f = f;
    if (!wav_parse_header(wp, path, diags)) {
        goto fail;
    }
    const ebb_emg_desc desc = ebb_audio_emg_desc(wp->rate);
    char err[256];
    if (!(wp->emg = ebb_emg_create(&desc, err, sizeof err))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0, "%s", err);
        goto fail;
    }
    p->ops = &wav_ops;
    p->impl = wp;
    return p;
fail:
    if (wp) {
        wav_close(&(ebb_probe){.impl = wp});
    }
    free(p);
    return NULL;
}
