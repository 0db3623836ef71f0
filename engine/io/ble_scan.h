/* A short Bluetooth LE scan on a thread of its own, for screens that must not stall
 * (Settings → Input): start it, ask each frame whether it is done, and read the trainers it
 * recognised. */
#ifndef EBB_BLE_SCAN_H
#define EBB_BLE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EBB_BLE_SCAN_MAX 16

typedef struct ebb_ble_found {
    char spec[32];  /* "ble:C0:FF:EE:00:00:01": a probe spec picking this very device */
    char label[96]; /* "Perifit (C0:FF:EE:00:00:01)" */
    char model[48]; /* "Perifit" */
} ebb_ble_found;

typedef struct ebb_ble_scan ebb_ble_scan;

/* Starts scanning for about scan_ms on a new thread. NULL when no thread could be started. */
ebb_ble_scan *ebb_ble_scan_start(uint32_t scan_ms);

/* Whether the scan has finished (never blocks). */
bool ebb_ble_scan_done(const ebb_ble_scan *s);

/* Waits until the scan has finished (at most about scan_ms plus a second): for a screenshot,
 * which shows the finished list. */
void ebb_ble_scan_wait(ebb_ble_scan *s);

/* Once done: the recognised trainers (up to max), and, when Bluetooth could not be used, the
 * reason in msg ("" otherwise). Returns the count; 0 while the scan is still running. */
size_t ebb_ble_scan_results(const ebb_ble_scan *s, ebb_ble_found *out, size_t max, char *msg,
                            size_t msg_size);

/* Lets go of the scan. Never waits: a scan still running finishes on its thread and frees
 * itself. */
void ebb_ble_scan_release(ebb_ble_scan *s);

#endif
