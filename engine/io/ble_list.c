#include "io/ble_list.h"

#include <stdio.h>
#include <string.h>

#include "io/ble_bluez.h"

#define BLE_LIST_MAX 64

int ebb_ble_list(FILE *out, uint32_t scan_ms)
{
    ebb_bluez_status st;
    char msg[256];
    ebb_bluez *b = ebb_bluez_open(&st, msg, sizeof msg);
    if (!b) {
        fprintf(out, "  %s.\n", msg);
        return -1;
    }
    if (ebb_bluez_scan(b, scan_ms, NULL, msg, sizeof msg) != EBB_BLUEZ_OK && msg[0]) {
        fprintf(out, "  %s.\n", msg);
        ebb_bluez_close(b);
        return -1;
    }
    /* Finish the scan: devices found as it stopped are still in flight. */
    ebb_bluez_pump(b, 0);
    ebb_bluez_device d[BLE_LIST_MAX];
    const size_t n = ebb_bluez_devices(b, d, BLE_LIST_MAX);
    size_t known = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            if ((pass == 0) != (d[i].model != NULL)) {
                continue;
            }
            char rssi[16] = "";
            if (d[i].has_rssi) {
                snprintf(rssi, sizeof rssi, "  %d dBm", (int)d[i].rssi);
            }
            fprintf(out, "  ble:%s  %s  \"%s\"%s%s\n", d[i].address,
                    d[i].model ? d[i].model->name : "(not a trainer Ebb knows)", d[i].name, rssi,
                    d[i].connected ? "  connected" : "");
            known += d[i].model != NULL;
        }
    }
    if (known == 0) {
        fprintf(out, "  No Bluetooth pelvic-floor trainer seen; switch it on and bring it close.\n");
    }
    ebb_bluez_close(b);
    return (int)n;
}

bool ebb_ble_profile_for(const char *arg, char *profile, size_t size)
{
    ebb_bluez_status st;
    char msg[256];
    ebb_bluez *b = ebb_bluez_open(&st, msg, sizeof msg);
    if (!b) {
        return false;
    }
    ebb_bluez_device d[BLE_LIST_MAX];
    const size_t n = ebb_bluez_devices(b, d, BLE_LIST_MAX);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        if (d[i].model && ebb_bluez_spec_matches(arg, &d[i])) {
            char addr[18];
            size_t k = 0;
            for (const char *p = d[i].address; *p && k + 1 < sizeof addr; p++) {
                if (*p != ':') {
                    addr[k++] = *p;
                }
            }
            addr[k] = '\0';
            snprintf(profile, size, "ble-%s-%s", d[i].model->id, addr);
            found = true;
        }
    }
    ebb_bluez_close(b);
    return found;
}
