#include "core/ble_payload.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

/* Perifit: 4 bytes, big-endian u16 base pressure then big-endian u16 tip pressure. The base
 * sits at the pelvic floor and the tip deep inside, where pushing down (abdominal pressure)
 * shows more than a lift: base -> pf, tip -> abd. */
static ebb_ble_verdict decode_perifit(const uint8_t *d, size_t len, ebb_ble_readings *out)
{
    if (len < 4) {
        return EBB_BLE_TOO_SHORT;
    }
    if (len != 4) {
        return EBB_BLE_WRONG_LENGTH;
    }
    out->count = 1;
    out->has_abd = true;
    out->pf[0] = (float)be16(d);
    out->abd[0] = (float)be16(d + 2);
    return EBB_BLE_ACCEPTED;
}

/* kGoal Boost: at least 7 bytes; bytes 3-4 the normalised pressure, 5-6 the raw one (both
 * big-endian u16, 0..2000). We use the normalised one: the device has already taken off its
 * own offset. */
static ebb_ble_verdict decode_kgoal(const uint8_t *d, size_t len, ebb_ble_readings *out)
{
    if (len < 7) {
        return EBB_BLE_TOO_SHORT;
    }
    out->count = 1;
    out->pf[0] = (float)be16(d + 3);
    return EBB_BLE_ACCEPTED;
}

/* Elvie Trainer: read (not notified); byte 5 is the pressure, about 9..21 when observed. */
static ebb_ble_verdict decode_elvie(const uint8_t *d, size_t len, ebb_ble_readings *out)
{
    if (len < 6) {
        return EBB_BLE_TOO_SHORT;
    }
    out->count = 1;
    out->pf[0] = (float)d[5];
    return EBB_BLE_ACCEPTED;
}

/* femfit: 20 bytes; after two leading bytes, six triplets (big-endian u16 pressure, one byte
 * temperature): three for the first sensor of the pair, then three for the second. Absolute
 * pressure in mmHg = (u16 + 65536) * 0.00750063755. We take the three triplets of each sensor as
 * three successive samples, and the pelvic floor reading as the mean of the pair. */
static float femfit_mmhg(const uint8_t *p)
{
    return (float)(((double)be16(p) + 65536.0) * 0.00750063755);
}

static ebb_ble_verdict decode_femfit(const uint8_t *d, size_t len, ebb_ble_readings *out)
{
    if (len < 20) {
        return EBB_BLE_TOO_SHORT;
    }
    out->count = 3;
    for (size_t i = 0; i < 3; i++) {
        const float a = femfit_mmhg(d + 2 + 3 * i);
        const float b = femfit_mmhg(d + 11 + 3 * i);
        out->pf[i] = 0.5f * (a + b);
    }
    return EBB_BLE_ACCEPTED;
}

/* Magic Motion Kegel Master: 2 bytes, big-endian. */
static ebb_ble_verdict decode_kegel_master(const uint8_t *d, size_t len, ebb_ble_readings *out)
{
    if (len < 2) {
        return EBB_BLE_TOO_SHORT;
    }
    if (len != 2) {
        return EBB_BLE_WRONG_LENGTH;
    }
    out->count = 1;
    out->pf[0] = (float)be16(d);
    return EBB_BLE_ACCEPTED;
}

#define FEMFIT_MIN (65536.0f * 0.00750063755f)
#define FEMFIT_MAX (131071.0f * 0.00750063755f)

/* Default spans are guesses until the person calibrates; calibration replaces them. */
static const ebb_ble_model models[EBB_BLE_FAMILY_COUNT] = {
    {EBB_BLE_PERIFIT, "Perifit", "perifit", "Perifit", "0000aa41-0000-1000-8000-00805f9b34fb",
     "0000aa41-0000-1000-8000-00805f9b34fb", true, 0, false, EBB_UNIT_COUNTS, 0.0f, 65535.0f,
     2000.0f, 3, decode_perifit},
    {EBB_BLE_KGOAL_BOOST, "kGoal Boost", "kgoal-boost", "Boost",
     "8e7c6065-7656-17ad-1b41-b53d1a548e0d", "10c2be2d-d2d5-b7a8-5f42-e2468c9ebbf5", true, 0,
     true, EBB_UNIT_COUNTS, 0.0f, 2000.0f, 1000.0f, 3, decode_kgoal},
    {EBB_BLE_ELVIE, "Elvie Trainer", "elvie", "Elvie", "0a09fff0-dcac-7001-ed03-030502030401",
     "0a09fff1-dcac-7001-ed03-030502030401", false, 50, false, EBB_UNIT_COUNTS, 0.0f, 255.0f,
     10.0f, 8, decode_elvie},
    {EBB_BLE_FEMFIT, "femfit", "femfit", "femfit", "0d9e0001-c111-49cd-bba3-85c7471cb6fa",
     "0d9e0002-c111-49cd-bba3-85c7471cb6fa", true, 0, false, EBB_UNIT_MMHG, FEMFIT_MIN,
     FEMFIT_MAX, 40.0f / 1.3595f, 3, decode_femfit},
    {EBB_BLE_KEGEL_MASTER, "Magic Motion Kegel Master", "kegel-master", "Kegel",
     "6f468792-f91f-11e3-a847-b2227cce2b54", "6f468bfc-f91f-11e3-a847-b2227cce2b54", true, 0,
     false, EBB_UNIT_COUNTS, 0.0f, 65535.0f, 1000.0f, 3, decode_kegel_master},
};

const ebb_ble_model *ebb_ble_models(size_t *count)
{
    *count = EBB_BLE_FAMILY_COUNT;
    return models;
}

const ebb_ble_model *ebb_ble_model_of(ebb_ble_family family)
{
    return (unsigned)family < (unsigned)EBB_BLE_FAMILY_COUNT ? &models[family] : NULL;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool same_text(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]) || a[i] == '\0') {
            return false;
        }
    }
    return true;
}

const ebb_ble_model *ebb_ble_model_match(const char *name, const char *const *uuids,
                                         size_t uuid_count)
{
    for (size_t i = 0; i < uuid_count && uuids; i++) {
        for (size_t m = 0; m < EBB_BLE_FAMILY_COUNT; m++) {
            if (uuids[i] && strlen(uuids[i]) == 36 && same_text(uuids[i], models[m].service_uuid, 36)) {
                return &models[m];
            }
        }
    }
    if (name) {
        for (size_t m = 0; m < EBB_BLE_FAMILY_COUNT; m++) {
            if (same_text(name, models[m].name_match, strlen(models[m].name_match))) {
                return &models[m];
            }
        }
    }
    return NULL;
}

ebb_ble_verdict ebb_ble_decode(const ebb_ble_model *m, const uint8_t *data, size_t len,
                               ebb_ble_readings *out)
{
    memset(out, 0, sizeof *out);
    ebb_ble_readings r;
    memset(&r, 0, sizeof r);
    const ebb_ble_verdict v = m->decode(data, len, &r);
    if (v != EBB_BLE_ACCEPTED) {
        return v;
    }
    for (uint8_t i = 0; i < r.count; i++) {
        const float x[2] = {r.pf[i], r.has_abd ? r.abd[i] : m->raw_min};
        for (int k = 0; k < 2; k++) {
            if (!isfinite(x[k]) || x[k] < m->raw_min || x[k] > m->raw_max) {
                return EBB_BLE_OUT_OF_RANGE;
            }
        }
    }
    *out = r;
    return EBB_BLE_ACCEPTED;
}

const char *ebb_ble_verdict_name(ebb_ble_verdict v)
{
    switch (v) {
    case EBB_BLE_TOO_SHORT: return "too short";
    case EBB_BLE_WRONG_LENGTH: return "wrong length";
    case EBB_BLE_OUT_OF_RANGE: return "out of range";
    default: return "";
    }
}

const char *ebb_ble_uuid16(uint16_t short_uuid, char *buf, size_t size)
{
    snprintf(buf, size, "0000%04x-0000-1000-8000-00805f9b34fb", (unsigned)short_uuid);
    return buf;
}
