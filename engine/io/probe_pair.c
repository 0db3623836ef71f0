/* The pair: a pelvic-floor probe and a breath source behind one probe interface.
 *
 * How the two combine, and why:
 * - The frame is the first probe's (pf, abd, their raw values and envelopes), with the breath
 *   channel taken from the second; the first probe's own breath channel (an OSC bridge may
 *   send one) gives way to the source the person named for it.
 * - Lost if either is lost. A breathing level scores pacing from the breath and a pelvic-floor
 *   target from the floor; going on with one of them missing would score what nobody did. So
 *   the level waits (the usual "signal lost" pause) until both are back; both sources
 *   reconnect by themselves. This includes the microphone's quiet calibration at the start.
 * - Ended when the first probe ends (the end of a replay). A finite breath source that ends
 *   first leaves the breath channel absent from then on.
 * - Live if either is live: a microphone paces even a replayed floor.
 * - The calibration belongs to the pair: the first probe is polled for its raw readings and
 *   ebb_probe_poll applies the pair's calibration (copied from the first probe's stored
 *   profile at opening; `ebb_probe_set_calib` on the pair replaces it). Stats and the unit
 *   are the first probe's. */
#include "io/probe_pair.h"

#include <stdlib.h>
#include <string.h>

#include "io/probe_backend.h"

typedef struct pair_probe {
    ebb_probe *main, *breath;
    bool breath_ended;
    ebb_probe_kind_info kind; /* the first probe's row, live if either is */
} pair_probe;

static const ebb_probe_ops pair_ops;

static ebb_probe_status pair_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    pair_probe *pp = p->impl;
    pp->main->level = p->level; /* the simulator follows the level */
    const ebb_probe_status st = pp->main->ops->poll(pp->main, ms, frame);
    ebb_frame bf = {0};
    ebb_probe_status bst = EBB_PROBE_ENDED;
    if (!pp->breath_ended) {
        bst = ebb_probe_poll(pp->breath, ms, &bf);
        pp->breath_ended = bst == EBB_PROBE_ENDED;
    }
    if (st != EBB_PROBE_OK) {
        return st;
    }
    if (bst == EBB_PROBE_LOST) {
        *frame = (ebb_frame){.signal = EBB_SIGNAL_LOST};
        return EBB_PROBE_LOST;
    }
    const uint8_t bit = 1u << EBB_CH_BREATH;
    frame->present = (uint8_t)(frame->present & ~bit);
    frame->effort[EBB_CH_BREATH] = frame->raw[EBB_CH_BREATH] = frame->env[EBB_CH_BREATH] = 0.0f;
    if (bst == EBB_PROBE_OK && (bf.present & bit)) {
        frame->present = (uint8_t)(frame->present | bit);
        frame->effort[EBB_CH_BREATH] = bf.effort[EBB_CH_BREATH];
        frame->raw[EBB_CH_BREATH] = bf.raw[EBB_CH_BREATH];
        frame->env[EBB_CH_BREATH] = bf.env[EBB_CH_BREATH];
    }
    return EBB_PROBE_OK;
}

static void pair_close(ebb_probe *p)
{
    pair_probe *pp = p->impl;
    ebb_probe_close(pp->main);
    ebb_probe_close(pp->breath);
    free(pp);
}

static void pair_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    *out = ebb_probe_get_stats(((const pair_probe *)p->impl)->main);
}

static const ebb_probe_ops pair_ops = {.name = "pair", .poll = pair_poll, .close = pair_close,
                                       .stats = pair_stats};

ebb_probe *ebb_probe_pair_breath(ebb_probe *p)
{
    return p && p->ops == &pair_ops ? ((pair_probe *)p->impl)->breath : NULL;
}

ebb_probe *ebb_probe_open_pair(const char *spec, const char *breath_spec, bool *calibrated,
                               ebb_diags *diags)
{
    if (!breath_spec) {
        return ebb_probe_open_calibrated(spec, calibrated, diags);
    }
    ebb_probe *main = ebb_probe_open_calibrated(spec, calibrated, diags);
    if (!main) {
        return NULL;
    }
    ebb_diags bd;
    ebb_diags_init(&bd, breath_spec);
    ebb_probe *breath = ebb_probe_open(breath_spec, &bd);
    if (!breath) {
        for (size_t i = 0; i < bd.count; i++) {
            ebb_diags_add(diags, bd.items[i].severity, bd.items[i].code, 0, 0, "--breath %s: %s",
                          breath_spec, bd.items[i].msg);
        }
        ebb_probe_close(main);
        return NULL;
    }
    pair_probe *pp = calloc(1, sizeof *pp);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!pp || !p) {
        free(pp);
        free(p);
        ebb_probe_close(main);
        ebb_probe_close(breath);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    pp->main = main;
    pp->breath = breath;
    pp->kind = *main->kind;
    if (ebb_probe_is_live(breath)) {
        pp->kind.flags |= EBB_PROBE_LIVE;
    }
    p->ops = &pair_ops;
    p->impl = pp;
    p->kind = &pp->kind;
    if (main->calibrated) {
        ebb_probe_set_calib(p, &main->calib, main->rest_sd);
    }
    return p;
}
