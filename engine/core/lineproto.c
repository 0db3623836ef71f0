/* Decoders of the Ebb line protocol and of SpikerShield frames; see lineproto.h.
 *
 * In AUTO mode both decoders read every byte. The two formats hardly ever look valid to each
 * other (ASCII data lines hold no byte above 0x7f; every SpikerShield frame starts with one),
 * so the first to produce valid items decides: one valid ASCII line, or four SpikerShield
 * frames in a row. A run of valid items from the other decoder, while the active one produces
 * none, switches over: a board reflashed from one firmware to the other keeps working. Garbage
 * is counted only for the decoder in use, since bytes of one format are garbage to the other. */
#include "core/lineproto_decoder.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const drop_names[EBB_LP_DROP_COUNT] = {
    "syntax", "nonfinite", "range", "overlong", "header", "frame", "raw"};

const char *ebb_lineproto_drop_name(ebb_lineproto_drop reason)
{
    return (unsigned)reason < EBB_LP_DROP_COUNT ? drop_names[reason] : "?";
}

bool ebb_lineproto_mode_parse(const char *name, ebb_lineproto_mode *out)
{
    static const char *const names[] = {"auto", "ascii", "spiker"};
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (ebb_lineproto_mode)i;
            return true;
        }
    }
    return false;
}

void ebb_lp_header_defaults(ebb_lineproto *lp)
{
    for (size_t c = 0; c < EBB_CH_COUNT; c++) {
        lp->unit[c] = EBB_UNIT_NONE;
        lp->column_ch[c] = (uint8_t)c;
    }
    lp->columns = EBB_CH_COUNT;
    lp->stats.rate_hz = 0;
}

static void raw_free(ebb_lineproto *lp)
{
    for (size_t c = 0; c < EBB_CH_COUNT; c++) {
        ebb_emg_destroy(lp->emg[c]);
        lp->emg[c] = NULL;
    }
    lp->raw_mask = 0;
    lp->raw_rate = 0;
    lp->raw_mains = 0;
    lp->stats.raw_channels = 0;
}

void ebb_lp_problem(ebb_lineproto *lp, const char *fmt, ...)
{
    lp->stats.header_problems++;
    if (lp->problem[0] != '\0') {
        return; /* the first problem of this header says the most */
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lp->problem, sizeof lp->problem, fmt, ap);
    va_end(ap);
}

bool ebb_lp_raw_configure(ebb_lineproto *lp, uint8_t mask, uint32_t rate, unsigned mains)
{
    if (mask == lp->raw_mask && rate == lp->raw_rate && mains == lp->raw_mains) {
        return true; /* the header repeats: keep the filters settled */
    }
    raw_free(lp);
    memset(lp->sum, 0, sizeof lp->sum);
    memset(lp->n, 0, sizeof lp->n);
    for (size_t c = 0; c < EBB_CH_COUNT; c++) {
        if (!(mask & (1u << c))) {
            continue;
        }
        /* Full scale well above any surface EMG, so the pipeline's clip (16 x full scale)
         * never touches a sample the range check let through. */
        const ebb_emg_desc d = {.sample_rate = rate,
                                .mains_hz = mains,
                                .mains_auto = mains == 0,
                                .hold_settle = true,
                                .full_scale_uv = (float)(EBB_LINEPROTO_RAW_MAX_UV / 10.0)};
        char err[160];
        lp->emg[c] = ebb_emg_create(&d, err, sizeof err);
        if (!lp->emg[c]) {
            ebb_lp_problem(lp, "header field 'raw': %s", err);
            raw_free(lp);
            return false;
        }
    }
    lp->raw_mask = mask;
    lp->raw_rate = rate;
    lp->raw_mains = mains;
    lp->stats.raw_channels = mask;
    return true;
}

const char *ebb_lineproto_problem(const ebb_lineproto *lp)
{
    return lp->problem;
}

void ebb_lineproto_reset(ebb_lineproto *lp)
{
    raw_free(lp);
    const ebb_lineproto_stats keep = lp->stats;
    const ebb_lineproto_mode want = lp->want;
    const ebb_lineproto_sink sink = lp->sink;
    void *const user = lp->user;
    memset(lp, 0, sizeof *lp);
    lp->want = want;
    lp->active = want;
    lp->sink = sink;
    lp->user = user;
    lp->stats = keep;
    ebb_lp_header_defaults(lp);
    lp->stats.mode = want;
}

ebb_lineproto *ebb_lineproto_create(ebb_lineproto_mode mode)
{
    ebb_lineproto *lp = calloc(1, sizeof *lp);
    if (lp) {
        lp->want = mode;
        ebb_lineproto_reset(lp);
    }
    return lp;
}

void ebb_lineproto_destroy(ebb_lineproto *lp)
{
    if (lp) {
        raw_free(lp);
    }
    free(lp);
}

void ebb_lineproto_set_sink(ebb_lineproto *lp, ebb_lineproto_sink sink, void *user)
{
    lp->sink = sink;
    lp->user = user;
}

static void count_drop(ebb_lineproto *lp, ebb_lineproto_drop reason)
{
    lp->stats.dropped[reason]++;
    lp->stats.dropped_total++;
}

void ebb_lp_drop(ebb_lineproto *lp, int dec, ebb_lineproto_drop reason)
{
    if (dec == DEC_ASCII) {
        lp->ascii_streak = 0;
    } else {
        lp->spk_streak = 0;
        lp->spk_pending_n = 0;
    }
    if (lp->active == EBB_LINEPROTO_AUTO) {
        lp->pending[dec][reason]++;
    } else if ((lp->active == EBB_LINEPROTO_ASCII) == (dec == DEC_ASCII)) {
        count_drop(lp, reason);
    }
}

static void deliver(ebb_lineproto *lp, const ebb_lineproto_sample *s)
{
    for (size_t c = 0; c < EBB_CH_COUNT; c++) {
        if (!(s->present & (1u << c))) {
            continue;
        }
        if (lp->emg[c] && lp->active != EBB_LINEPROTO_SPIKER) {
            /* Raw EMG: the tick takes what the envelope made of the samples, not them. */
            const float x = (float)((double)s->value[c] * 10.0 / EBB_LINEPROTO_RAW_MAX_UV);
            ebb_emg_feed(lp->emg[c], &x, 1);
            float env;
            while (ebb_emg_next_tick(lp->emg[c], &env)) {
                lp->sum[c] += (double)env;
                lp->n[c]++;
            }
        } else {
            lp->sum[c] += (double)s->value[c];
            lp->n[c]++;
        }
    }
    lp->seen |= s->present;
    lp->stats.samples++;
    if (lp->sink) {
        lp->sink(lp->user, s);
    }
}

static void activate(ebb_lineproto *lp, int dec)
{
    lp->active = dec == DEC_ASCII ? EBB_LINEPROTO_ASCII : EBB_LINEPROTO_SPIKER;
    lp->stats.mode = lp->active;
    for (size_t r = 0; r < EBB_LP_DROP_COUNT; r++) {
        lp->stats.dropped[r] += lp->pending[dec][r];
        lp->stats.dropped_total += lp->pending[dec][r];
    }
    memset(lp->pending, 0, sizeof lp->pending);
    /* Levels meant for the other format's scale would be wrong now. */
    memset(lp->sum, 0, sizeof lp->sum);
    memset(lp->n, 0, sizeof lp->n);
    lp->seen = 0;
}

/* A valid item (sample, or header for ASCII) from decoder dec; s may be NULL. Decides the
 * format, switches it, or passes the sample on. */
void ebb_lp_valid(ebb_lineproto *lp, int dec, const ebb_lineproto_sample *s)
{
    const bool is_active = lp->active != EBB_LINEPROTO_AUTO &&
                           (lp->active == EBB_LINEPROTO_ASCII) == (dec == DEC_ASCII);
    if (dec == DEC_ASCII) {
        lp->ascii_streak++;
    } else {
        lp->spk_streak++;
    }
    if (is_active) {
        /* The other decoder's run is not a format change while this one still works. */
        if (dec == DEC_ASCII) {
            lp->spk_streak = 0;
        } else {
            lp->ascii_streak = 0;
        }
        if (s) {
            deliver(lp, s);
        }
        return;
    }
    if (lp->active == EBB_LINEPROTO_AUTO) {
        if (dec == DEC_ASCII) {
            activate(lp, DEC_ASCII);
            if (s) {
                deliver(lp, s);
            }
            return;
        }
        if (s && lp->spk_pending_n < DECIDE_SPIKER) {
            lp->spk_pending[lp->spk_pending_n++] = *s;
        }
        if (lp->spk_streak >= DECIDE_SPIKER) {
            activate(lp, DEC_SPIKER);
            for (size_t i = 0; i < lp->spk_pending_n; i++) {
                deliver(lp, &lp->spk_pending[i]);
            }
            lp->spk_pending_n = 0;
        }
        return;
    }
    if (lp->want != EBB_LINEPROTO_AUTO) {
        return; /* the format was chosen by the user: never switch */
    }
    if ((dec == DEC_ASCII && lp->ascii_streak >= SWITCH_ASCII) ||
        (dec == DEC_SPIKER && lp->spk_streak >= SWITCH_SPIKER)) {
        activate(lp, dec);
        if (s) {
            deliver(lp, s);
        }
    }
}

/* ---- SpikerShield --------------------------------------------------------------------- */

/* Ends the frame in fbuf. A good frame has 2 bytes per channel, every channel's high byte
 * 0..7 (10-bit values) after the first's start bit is masked off. */
static void spiker_finish(ebb_lineproto *lp)
{
    lp->in_frame = false;
    const size_t len = lp->flen;
    bool ok = len >= 2 && len % 2 == 0;
    for (size_t i = 2; ok && i < len; i += 2) {
        ok = lp->fbuf[i] <= 7;
    }
    if (!ok) {
        ebb_lp_drop(lp, DEC_SPIKER, EBB_LP_DROP_FRAME);
        return;
    }
    lp->spk_channels = len / 2;
    ebb_lineproto_sample smp;
    memset(&smp, 0, sizeof smp);
    for (size_t c = 0; c < len / 2; c++) {
        const unsigned hi = lp->fbuf[2 * c] & 0x7fu;
        const unsigned v = (hi << 7) | lp->fbuf[2 * c + 1];
        smp.value[c] = (float)v;
        smp.present = (uint8_t)(smp.present | (1u << c));
    }
    ebb_lp_valid(lp, DEC_SPIKER, &smp);
}

static void spiker_byte(ebb_lineproto *lp, uint8_t c)
{
    if (c & 0x80u) {
        if (lp->in_frame) {
            spiker_finish(lp); /* frame length was unknown: the next start ends it */
        }
        lp->stray_run = false;
        if (c > 0x87u) { /* high bits beyond a 10-bit value: not a frame start */
            ebb_lp_drop(lp, DEC_SPIKER, EBB_LP_DROP_FRAME);
            lp->stray_run = true;
            return;
        }
        lp->fbuf[0] = c;
        lp->flen = 1;
        lp->in_frame = true;
        return;
    }
    if (!lp->in_frame || lp->flen == sizeof lp->fbuf) {
        if (lp->in_frame) {
            lp->in_frame = false;
            ebb_lp_drop(lp, DEC_SPIKER, EBB_LP_DROP_FRAME); /* longer than 3 channels */
            lp->stray_run = true;
        } else if (!lp->stray_run) {
            ebb_lp_drop(lp, DEC_SPIKER, EBB_LP_DROP_FRAME); /* e.g. the start byte was lost */
            lp->stray_run = true;
        }
        lp->spk_channels = 0; /* maybe more channels than we thought: learn again */
        return;
    }
    lp->fbuf[lp->flen++] = c;
    if (lp->spk_channels > 0 && lp->flen == 2 * lp->spk_channels) {
        spiker_finish(lp); /* known length: no need to wait for the next frame */
    }
}

size_t ebb_lineproto_feed(ebb_lineproto *lp, const uint8_t *bytes, size_t len)
{
    const uint64_t before = lp->stats.samples;
    for (size_t i = 0; i < len; i++) {
        if (lp->want != EBB_LINEPROTO_SPIKER) {
            ebb_lp_ascii_byte(lp, bytes[i]);
        }
        if (lp->want != EBB_LINEPROTO_ASCII) {
            spiker_byte(lp, bytes[i]);
        }
    }
    lp->stats.bytes += len;
    return (size_t)(lp->stats.samples - before);
}

ebb_unit ebb_lineproto_unit(const ebb_lineproto *lp, ebb_channel ch)
{
    if (lp->active == EBB_LINEPROTO_SPIKER || (unsigned)ch >= EBB_CH_COUNT) {
        return EBB_UNIT_NONE;
    }
    return lp->unit[ch];
}

ebb_calib ebb_lineproto_calib(const ebb_lineproto *lp, ebb_channel ch)
{
    if (lp->active == EBB_LINEPROTO_SPIKER) {
        return (ebb_calib){EBB_UNIT_NONE, 0.0f, SPIKER_FULL};
    }
    return ebb_calib_default(ebb_lineproto_unit(lp, ch));
}

bool ebb_lineproto_frame(ebb_lineproto *lp, ebb_frame *out)
{
    bool fresh = false;
    memset(out, 0, sizeof *out);
    for (size_t c = 0; c < EBB_CH_COUNT; c++) {
        if (lp->n[c] > 0) {
            lp->last[c] = (float)(lp->sum[c] / lp->n[c]);
            lp->sum[c] = 0.0;
            lp->n[c] = 0;
            fresh = true;
        }
        if (lp->seen & (1u << c)) {
            const ebb_calib cal = ebb_lineproto_calib(lp, (ebb_channel)c);
            out->raw[c] = lp->last[c];
            out->env[c] = lp->last[c]; /* the tick mean is the processed reading */
            out->effort[c] = ebb_calib_effort(&cal, lp->last[c]);
        }
    }
    out->present = lp->seen;
    out->signal = EBB_SIGNAL_OK;
    return fresh;
}

ebb_lineproto_stats ebb_lineproto_get_stats(const ebb_lineproto *lp)
{
    return lp->stats;
}
