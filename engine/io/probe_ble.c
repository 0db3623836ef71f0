/* ble[:NAME|ADDRESS] — a Bluetooth LE pelvic-floor trainer through BlueZ (ble_bluez.h), its
 * payloads decoded by the pure decoders in core/ble_payload.h.
 *
 * Readings are taken as they arrive, at the device's own rate, and each tick gets the mean of
 * those that came since the last one (or the last one again). Until the person calibrates, a
 * reading's effort is measured from the first reading (the device at rest, as the person
 * starts) over the model's default span; a stored calibration then takes over (probe.c), with
 * drift re-zeroing for pressure. Payloads the decoder refuses are dropped and counted.
 *
 * No reading for EBB_PROBE_LOST_MS gives EBB_PROBE_LOST (the level pauses); the link reconnects
 * by itself and the signal comes back. Opening fails, with one plain sentence, when Bluetooth is
 * absent, off or not permitted, when no such device is in range, or when it will not connect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ble_payload.h"
#include "io/ble_bluez.h"
#include "io/pacer.h"
#include "io/probe_backend.h"

#define BLE_SCAN_MS 6000u
#define BLE_CONNECT_MS 15000u

typedef struct ble_probe {
    ebb_bluez *bz;
    const ebb_ble_model *model;
    double sum[2];
    uint32_t n[2];
    float last[2];
    float rest[2];
    bool have_rest[2];
    uint8_t seen;             /* channel bits */
    ebb_probe_watch watch;
    uint64_t accepted, dropped;
    ebb_ble_verdict last_refusal;
} ble_probe;

static void ble_take(ble_probe *bp, int ch, float v)
{
    if (!bp->have_rest[ch]) {
        bp->rest[ch] = v;
        bp->have_rest[ch] = true;
    }
    bp->sum[ch] += v;
    bp->n[ch]++;
    bp->seen = (uint8_t)(bp->seen | (1u << (ch == 0 ? EBB_CH_PF : EBB_CH_ABD)));
}

/* Called by the BlueZ client for every notification or read, as it arrives. */
static void ble_on_value(void *user, const uint8_t *data, size_t len)
{
    ble_probe *bp = user;
    ebb_ble_readings r;
    const ebb_ble_verdict v = ebb_ble_decode(bp->model, data, len, &r);
    if (v != EBB_BLE_ACCEPTED) {
        bp->dropped++;
        bp->last_refusal = v;
        return;
    }
    for (uint8_t i = 0; i < r.count; i++) {
        ble_take(bp, 0, r.pf[i]);
        if (r.has_abd) {
            ble_take(bp, 1, r.abd[i]);
        }
    }
    bp->accepted += r.count;
    ebb_probe_watch_saw(&bp->watch, ebb_pacer_now_ms());
}

static ebb_probe_status ble_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    (void)ms; /* silence is measured on the wall clock: level time stops while lost */
    ble_probe *bp = p->impl;
    ebb_bluez_pump(bp->bz, 0);
    memset(frame, 0, sizeof *frame);
    static const int channel[2] = {EBB_CH_PF, EBB_CH_ABD};
    for (int k = 0; k < 2; k++) {
        if (bp->n[k] > 0) {
            bp->last[k] = (float)(bp->sum[k] / bp->n[k]);
            bp->sum[k] = 0.0;
            bp->n[k] = 0;
        }
        const int ch = channel[k];
        if (bp->seen & (1u << ch)) {
            const float v = bp->last[k];
            const float e = (v - bp->rest[k]) / bp->model->default_span;
            frame->raw[ch] = v;
            frame->env[ch] = v;
            frame->effort[ch] = e < 0.0f ? 0.0f : (e > 1.0f ? 1.0f : e);
        }
    }
    frame->present = bp->seen;
    if (ebb_probe_watch_lost(&bp->watch, ebb_pacer_now_ms())) {
        frame->signal = EBB_SIGNAL_LOST;
        return EBB_PROBE_LOST;
    }
    frame->signal = EBB_SIGNAL_OK;
    return EBB_PROBE_OK;
}

static void ble_close(ebb_probe *p)
{
    ble_probe *bp = p->impl;
    ebb_bluez_close(bp->bz);
    free(bp);
}

static void ble_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const ble_probe *bp = p->impl;
    out->unit = bp->model->unit;
    out->samples = bp->accepted;
    out->dropped = bp->dropped;
}

static const ebb_probe_ops ble_ops = {.name = "ble", .poll = ble_poll, .close = ble_close,
                                      .stats = ble_stats};

/* Finds the device (scanning if BlueZ does not know it yet), connects and waits for the first
 * reading. Returns false with the reason in diags. */
static bool ble_start(ble_probe *bp, const char *arg, ebb_diags *diags)
{
    char msg[256];
    ebb_bluez_status st = ebb_bluez_follow(bp->bz, arg, ble_on_value, bp, msg, sizeof msg);
    if (st == EBB_BLUEZ_NOT_FOUND) {
        char scan_msg[256];
        if (ebb_bluez_scan(bp->bz, BLE_SCAN_MS, arg, scan_msg, sizeof scan_msg) != EBB_BLUEZ_OK) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "%s", scan_msg);
            return false;
        }
        st = ebb_bluez_follow(bp->bz, arg, ble_on_value, bp, msg, sizeof msg);
    }
    if (st != EBB_BLUEZ_OK) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "%s", msg);
        return false;
    }
    const ebb_bluez_link_info first = ebb_bluez_link(bp->bz);
    bp->model = first.device.model;
    const uint64_t end = ebb_pacer_now_ms() + BLE_CONNECT_MS;
    while (!bp->watch.any && ebb_pacer_now_ms() < end) {
        if (!ebb_bluez_pump(bp->bz, 20)) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                          "the connection to Bluetooth (the system message bus) was lost");
            return false;
        }
    }
    if (!bp->watch.any) {
        const ebb_bluez_link_info li = ebb_bluez_link(bp->bz);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      li.state <= EBB_LINK_CONNECTING
                          ? "%s (%s) did not accept a connection after %u tries; wake it (some, "
                            "like the Elvie, need a few squeezes first), bring it close and try "
                            "again"
                          : "%s (%s) connected but sent no readings; switch it off and on again",
                      bp->model->name, li.device.address, (unsigned)li.connect_failures);
        return false;
    }
    return true;
}

ebb_probe *ebb_probe_ble_open(const char *arg, ebb_diags *diags)
{
    ebb_bluez_status st;
    char msg[256];
    ebb_bluez *bz = ebb_bluez_open(&st, msg, sizeof msg);
    if (!bz) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "%s", msg);
        return NULL;
    }
    ble_probe *bp = calloc(1, sizeof *bp);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!bp || !p) {
        free(bp);
        free(p);
        ebb_bluez_close(bz);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    bp->bz = bz;
    if (!ble_start(bp, arg, diags)) {
        ebb_bluez_close(bz);
        free(bp);
        free(p);
        return NULL;
    }
    p->ops = &ble_ops;
    p->impl = bp;
    return p;
}
