/* Payloads of the Bluetooth LE pelvic-floor trainers people already own: one pure decoder per
 * device family, in one table (docs/probe-protocol.md gives each layout and its public source).
 *
 * A decoder turns the bytes of one notification (or one ReadValue answer) into one or more
 * readings in the device's own unit. Anything it cannot vouch for (too short, the wrong length,
 * a value outside what the device can send) is refused with a reason; the caller drops and
 * counts it, and never passes it on. libc only: the BlueZ client lives in engine/io. */
#ifndef EBB_BLE_PAYLOAD_H
#define EBB_BLE_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calib.h"

/* The most readings one payload carries (femfit: three samples per sensor pair). */
#define EBB_BLE_SAMPLES_MAX 3

typedef enum ebb_ble_family {
    EBB_BLE_PERIFIT = 0,
    EBB_BLE_KGOAL_BOOST,
    EBB_BLE_ELVIE,
    EBB_BLE_FEMFIT,
    EBB_BLE_KEGEL_MASTER,
    EBB_BLE_FAMILY_COUNT
} ebb_ble_family;

typedef enum ebb_ble_verdict {
    EBB_BLE_ACCEPTED = 0,
    EBB_BLE_TOO_SHORT,     /* fewer bytes than the layout needs */
    EBB_BLE_WRONG_LENGTH,  /* a fixed-size payload of another size */
    EBB_BLE_OUT_OF_RANGE   /* a value the device cannot send */
} ebb_ble_verdict;

/* What one payload said, oldest reading first. Channels follow frame.h: pf always, abd only
 * where the device has a second sensor (Perifit). */
typedef struct ebb_ble_readings {
    uint8_t count;
    bool has_abd;
    float pf[EBB_BLE_SAMPLES_MAX];
    float abd[EBB_BLE_SAMPLES_MAX];
} ebb_ble_readings;

typedef ebb_ble_verdict (*ebb_ble_decode_fn)(const uint8_t *data, size_t len,
                                            ebb_ble_readings *out);

typedef struct ebb_ble_model {
    ebb_ble_family family;
    const char *name;          /* "Perifit": for people */
    const char *id;            /* "perifit": for calibration profiles */
    const char *name_match;    /* advertised name starts with this (case-insensitive) */
    const char *service_uuid;  /* 128-bit, lower case */
    const char *char_uuid;     /* the characteristic that carries pressure */
    bool notify;               /* false: poll it with ReadValue */
    uint32_t poll_ms;          /* when polling */
    bool battery;              /* a public source says it offers 0x180f/0x2a19 */
    ebb_unit unit;             /* mmHg for femfit; device counts otherwise */
    float raw_min, raw_max;    /* what the device can send; outside is garbage */
    float default_span;        /* until calibration: effort 1 this far above rest */
    uint32_t connect_tries;    /* Elvie refuses the first connections */
    ebb_ble_decode_fn decode;
} ebb_ble_model;

/* The table; *count gets its length. */
const ebb_ble_model *ebb_ble_models(size_t *count);
const ebb_ble_model *ebb_ble_model_of(ebb_ble_family family);

/* The model a device is, from its advertised service UUIDs (preferred) or its name; NULL when
 * it is none of ours. Either may be NULL / empty. */
const ebb_ble_model *ebb_ble_model_match(const char *name, const char *const *uuids,
                                         size_t uuid_count);

/* Decodes one payload and checks every value against the model's range. On refusal *out is
 * empty (count 0). */
ebb_ble_verdict ebb_ble_decode(const ebb_ble_model *m, const uint8_t *data, size_t len,
                               ebb_ble_readings *out);

/* "too short", "wrong length", "out of range", "" for accepted. */
const char *ebb_ble_verdict_name(ebb_ble_verdict v);

/* 16-bit Bluetooth UUID to its 128-bit form, lower case ("0000aa41-0000-1000-8000-00805f9b34fb");
 * buf needs 37 bytes. */
const char *ebb_ble_uuid16(uint16_t short_uuid, char *buf, size_t size);

#endif
