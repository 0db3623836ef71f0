/* A small BlueZ client over D-Bus (sd-bus): what Ebb needs of Bluetooth LE, nothing more.
 *
 * It asks BlueZ about every object once (GetManagedObjects) and then follows InterfacesAdded,
 * InterfacesRemoved and PropertiesChanged; object paths are never guessed, devices, services and
 * characteristics are linked through their Device / Service properties. Everything after open
 * is asynchronous and driven by ebb_bluez_pump(), so a game tick never waits on the radio.
 *
 * Errors are values: open() says whether Bluetooth is absent, switched off, or not permitted,
 * in one plain sentence. Ownership: the caller owns the ebb_bluez and closes it; device records
 * and the link belong to it. */
#ifndef EBB_BLE_BLUEZ_H
#define EBB_BLE_BLUEZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ble_payload.h"

typedef enum ebb_bluez_status {
    EBB_BLUEZ_OK = 0,
    EBB_BLUEZ_ABSENT,     /* no system bus, no org.bluez on it, or no adapter */
    EBB_BLUEZ_OFF,        /* the adapter is switched off (Powered false) */
    EBB_BLUEZ_DENIED,     /* the bus refused us (AccessDenied) */
    EBB_BLUEZ_NOT_FOUND,  /* no such device in range */
    EBB_BLUEZ_FAILED      /* anything else: the message says what */
} ebb_bluez_status;

typedef struct ebb_bluez ebb_bluez;

typedef struct ebb_bluez_device {
    char address[18];
    char name[64];
    const ebb_ble_model *model; /* NULL: not a trainer we know */
    bool connected;
    int16_t rssi;
    bool has_rssi;
} ebb_bluez_device;

/* Connects to the system bus (DBUS_SYSTEM_BUS_ADDRESS is honoured) and reads BlueZ's objects.
 * On failure returns NULL, *status and a sentence in msg. */
ebb_bluez *ebb_bluez_open(ebb_bluez_status *status, char *msg, size_t msg_size);
void ebb_bluez_close(ebb_bluez *b);

/* Discovers for about ms milliseconds (StartDiscovery ... StopDiscovery), or until a device
 * matching spec (NULL: any recognised trainer) appears. */
ebb_bluez_status ebb_bluez_scan(ebb_bluez *b, uint32_t ms, const char *spec, char *msg,
                                size_t msg_size);

/* The devices known now (seen in a scan, or remembered by BlueZ). */
size_t ebb_bluez_devices(const ebb_bluez *b, ebb_bluez_device *out, size_t max);

/* Handles what has arrived, waiting at most wait_ms for the first message. False when the bus
 * itself has gone. */
bool ebb_bluez_pump(ebb_bluez *b, uint32_t wait_ms);

/* Following one device: connect (with retries), read its battery, subscribe to (or poll) its
 * pressure characteristic, and reconnect by itself when it drops out. Readings go to on_value
 * as they arrive. spec: "" (the first recognised trainer), an address, or a name. */
typedef void (*ebb_bluez_value_fn)(void *user, const uint8_t *data, size_t len);

typedef enum ebb_bluez_link_state {
    EBB_LINK_IDLE = 0,     /* not connected; will try again */
    EBB_LINK_CONNECTING,
    EBB_LINK_RESOLVING,    /* connected; waiting for BlueZ to list its services */
    EBB_LINK_SUBSCRIBING,
    EBB_LINK_STREAMING
} ebb_bluez_link_state;

typedef struct ebb_bluez_link_info {
    ebb_bluez_link_state state;
    ebb_bluez_device device;
    int battery;              /* percent; -1 unknown */
    uint32_t connect_failures; /* in a row */
    uint32_t drops;           /* connections lost while streaming */
} ebb_bluez_link_info;

/* Picks the device and starts following it. NOT_FOUND when no known device matches. */
ebb_bluez_status ebb_bluez_follow(ebb_bluez *b, const char *spec, ebb_bluez_value_fn on_value,
                                  void *user, char *msg, size_t msg_size);
ebb_bluez_link_info ebb_bluez_link(const ebb_bluez *b);

/* Does spec ("", address or name) pick this device? */
bool ebb_bluez_spec_matches(const char *spec, const ebb_bluez_device *d);

#endif
