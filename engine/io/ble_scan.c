#define _POSIX_C_SOURCE 200809L

/* The scan runs ebb_bluez_open/scan/devices on its own detached thread. The scan and its
 * caller share one heap block with a reference count of two: whoever lets go last frees it,
 * so leaving Settings during a scan never waits for BlueZ. Results are written before `done`
 * is set (release) and read only after it is seen (acquire). */
#include "io/ble_scan.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/ble_bluez.h"

struct ebb_ble_scan {
    uint32_t scan_ms;
    atomic_bool done;
    atomic_int refs;
    size_t count;
    ebb_ble_found found[EBB_BLE_SCAN_MAX];
    char msg[256];
};

static void scan_unref(ebb_ble_scan *s)
{
    if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1) {
        free(s);
    }
}

static void *scan_thread(void *arg)
{
    ebb_ble_scan *s = arg;
    ebb_bluez_status st;
    ebb_bluez *b = ebb_bluez_open(&st, s->msg, sizeof s->msg);
    if (b) {
        if (ebb_bluez_scan(b, s->scan_ms, NULL, s->msg, sizeof s->msg) == EBB_BLUEZ_OK) {
            s->msg[0] = '\0';
            ebb_bluez_pump(b, 0);
            ebb_bluez_device d[64];
            const size_t n = ebb_bluez_devices(b, d, 64);
            for (size_t i = 0; i < n && s->count < EBB_BLE_SCAN_MAX; i++) {
                if (!d[i].model) {
                    continue;
                }
                ebb_ble_found *f = &s->found[s->count++];
                snprintf(f->spec, sizeof f->spec, "ble:%.17s", d[i].address);
                snprintf(f->model, sizeof f->model, "%.47s", d[i].model->name);
                snprintf(f->label, sizeof f->label, "%.47s (%.17s)", d[i].model->name, d[i].address);
            }
        }
        ebb_bluez_close(b);
    }
    atomic_store_explicit(&s->done, true, memory_order_release);
    scan_unref(s);
    return NULL;
}

ebb_ble_scan *ebb_ble_scan_start(uint32_t scan_ms)
{
    ebb_ble_scan *s = calloc(1, sizeof *s);
    if (!s) {
        return NULL;
    }
    s->scan_ms = scan_ms;
    atomic_init(&s->done, false);
    atomic_init(&s->refs, 2);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    const int rc = pthread_create(&t, &attr, scan_thread, s);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        free(s);
        return NULL;
    }
    return s;
}

bool ebb_ble_scan_done(const ebb_ble_scan *s)
{
    return atomic_load_explicit(&s->done, memory_order_acquire);
}

void ebb_ble_scan_wait(ebb_ble_scan *s)
{
    const long limit_ms = (long)s->scan_ms + 5000;
    for (long waited = 0; !ebb_ble_scan_done(s) && waited < limit_ms; waited += 10) {
        nanosleep(&(struct timespec){0, 10000000L}, NULL);
    }
}

size_t ebb_ble_scan_results(const ebb_ble_scan *s, ebb_ble_found *out, size_t max, char *msg,
                            size_t msg_size)
{
    if (msg_size) {
        msg[0] = '\0';
    }
    if (!ebb_ble_scan_done(s)) {
        return 0;
    }
    const size_t n = s->count < max ? s->count : max;
    memcpy(out, s->found, n * sizeof *out);
    if (msg_size) {
        snprintf(msg, msg_size, "%s", s->msg);
    }
    return n;
}

void ebb_ble_scan_release(ebb_ble_scan *s)
{
    if (s) {
        scan_unref(s);
    }
}
