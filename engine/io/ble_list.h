/* Bluetooth LE trainers for `ebb devices`, and their calibration profiles. */
#ifndef EBB_BLE_LIST_H
#define EBB_BLE_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Scans for about scan_ms and writes one line per device seen, recognised models first:
 *   ble:C0:FF:EE:00:00:01  Perifit  "Perifit_o)"  -50 dBm
 * or one plain sentence when Bluetooth is absent, off or not permitted. Returns the number of
 * devices, or -1 when Bluetooth could not be used (the reason is written to out). */
int ebb_ble_list(FILE *out, uint32_t scan_ms);

/* The calibration profile of the device a spec ("", a name or an address) picks among the
 * devices BlueZ knows: "ble-<model>-<address>", e.g. "ble-perifit-C0FFEE000001", so that two
 * trainers of one model keep their own calibration. False when no known device matches. */
bool ebb_ble_profile_for(const char *arg, char *profile, size_t size);

#endif
