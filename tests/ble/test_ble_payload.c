/* BLE payload decoders, one table of cases over every family (SDL's testautomation_guid.c
 * style): each case prints what it got, so a failure shows the actual value at once. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/ble_payload.h"

#define FEMFIT(p) (((double)(p) + 65536.0) * 0.00750063755)

typedef struct payload_case {
    const char *what;
    ebb_ble_family family;
    uint8_t bytes[24];
    size_t len;
    ebb_ble_verdict verdict;
    uint8_t count;
    double pf[EBB_BLE_SAMPLES_MAX];
    double abd; /* first reading's abd; NAN: the device has none */
} payload_case;

static const payload_case cases[] = {
    {"perifit rest", EBB_BLE_PERIFIT, {0x01, 0x2c, 0x00, 0xc8}, 4, EBB_BLE_ACCEPTED, 1,
     {300}, 200},
    {"perifit observed maximum", EBB_BLE_PERIFIT, {0x13, 0x78, 0x02, 0x00}, 4,
     EBB_BLE_ACCEPTED, 1, {0x1378}, 0x200},
    {"perifit 3 bytes", EBB_BLE_PERIFIT, {0x01, 0x2c, 0x00}, 3, EBB_BLE_TOO_SHORT, 0, {0}, NAN},
    {"perifit 5 bytes", EBB_BLE_PERIFIT, {1, 2, 3, 4, 5}, 5, EBB_BLE_WRONG_LENGTH, 0, {0}, NAN},
    {"kgoal sample from buttplug's notes", EBB_BLE_KGOAL_BOOST,
     {0x00, 0x01, 0x04, 0x00, 0x00, 0x05, 0xd3}, 7, EBB_BLE_ACCEPTED, 1, {0}, NAN},
    {"kgoal squeeze", EBB_BLE_KGOAL_BOOST, {0x00, 0x01, 0x04, 0x03, 0x20, 0x07, 0xd0, 0x99}, 8,
     EBB_BLE_ACCEPTED, 1, {800}, NAN},
    {"kgoal beyond 2000", EBB_BLE_KGOAL_BOOST, {0x00, 0x01, 0x04, 0x07, 0xd1, 0x00, 0x00}, 7,
     EBB_BLE_OUT_OF_RANGE, 0, {0}, NAN},
    {"kgoal 6 bytes", EBB_BLE_KGOAL_BOOST, {0x00, 0x01, 0x04, 0x03, 0x20, 0x07}, 6,
     EBB_BLE_TOO_SHORT, 0, {0}, NAN},
    {"elvie byte 5", EBB_BLE_ELVIE, {9, 9, 9, 9, 9, 21, 0, 0}, 8, EBB_BLE_ACCEPTED, 1, {21}, NAN},
    {"elvie 5 bytes", EBB_BLE_ELVIE, {9, 9, 9, 9, 9}, 5, EBB_BLE_TOO_SHORT, 0, {0}, NAN},
    {"femfit atmosphere", EBB_BLE_FEMFIT,
     {0xaa, 0x01, 0x9a, 0x2f, 0x40, 0x9a, 0x2f, 0x41, 0x9a, 0x2f, 0x42,
      0x9a, 0x2f, 0x40, 0x9a, 0x2f, 0x41, 0x9a, 0x2f, 0x42}, 20, EBB_BLE_ACCEPTED, 3,
     {FEMFIT(0x9a2f), FEMFIT(0x9a2f), FEMFIT(0x9a2f)}, NAN},
    {"femfit pair averaged per sample", EBB_BLE_FEMFIT,
     {0, 0, 0x00, 0x00, 1, 0x00, 0x10, 1, 0x00, 0x20, 1,
      0x00, 0x02, 1, 0x00, 0x12, 1, 0x00, 0x22, 1}, 20, EBB_BLE_ACCEPTED, 3,
     {FEMFIT(1), FEMFIT(0x11), FEMFIT(0x21)}, NAN},
    {"femfit 19 bytes", EBB_BLE_FEMFIT, {0}, 19, EBB_BLE_TOO_SHORT, 0, {0}, NAN},
    {"kegel master", EBB_BLE_KEGEL_MASTER, {0x01, 0xf4}, 2, EBB_BLE_ACCEPTED, 1, {500}, NAN},
    {"kegel master 1 byte", EBB_BLE_KEGEL_MASTER, {0x01}, 1, EBB_BLE_TOO_SHORT, 0, {0}, NAN},
    {"kegel master 3 bytes", EBB_BLE_KEGEL_MASTER, {1, 2, 3}, 3, EBB_BLE_WRONG_LENGTH, 0, {0},
     NAN},
    {"empty payload", EBB_BLE_PERIFIT, {0}, 0, EBB_BLE_TOO_SHORT, 0, {0}, NAN},
};

static void decoders_follow_the_table(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const payload_case *c = &cases[i];
        ebb_ble_readings r;
        const ebb_ble_verdict v = ebb_ble_decode(ebb_ble_model_of(c->family), c->bytes, c->len, &r);
        bool ok = v == c->verdict && r.count == c->count;
        for (uint8_t k = 0; ok && k < r.count; k++) {
            ok = fabs((double)r.pf[k] - c->pf[k]) < 1e-3;
        }
        if (ok && r.count > 0) {
            ok = isnan(c->abd) ? !r.has_abd : (r.has_abd && fabs((double)r.abd[0] - c->abd) < 1e-3);
        }
        printf("%s %-36s verdict '%s' (want '%s'), count %u, pf[0] %.4f, abd %s %.1f\n",
               ok ? "ok  " : "FAIL", c->what, ebb_ble_verdict_name(v),
               ebb_ble_verdict_name(c->verdict), r.count, r.count ? (double)r.pf[0] : 0.0,
               r.has_abd ? "yes" : "no", r.has_abd ? (double)r.abd[0] : 0.0);
        failed += !ok;
    }
    assert_int_equal(failed, 0);
}

typedef struct match_case {
    const char *name;
    const char *uuid;
    const char *want; /* model id, or NULL */
} match_case;

static void models_are_recognised_by_service_then_name(void **state)
{
    (void)state;
    static const match_case m[] = {
        {"Perifit_o)", NULL, "perifit"},
        {"Boost", NULL, "kgoal-boost"},
        {NULL, "8E7C6065-7656-17AD-1B41-B53D1A548E0D", "kgoal-boost"},
        {"", "0a09fff0-dcac-7001-ed03-030502030401", "elvie"},
        {"femfit 0042", NULL, "femfit"},
        {"Something", "6f468792-f91f-11e3-a847-b2227cce2b54", "kegel-master"},
        {"Boost", "0d9e0001-c111-49cd-bba3-85c7471cb6fa", "femfit"}, /* service wins */
        {"Headphones", "0000110b-0000-1000-8000-00805f9b34fb", NULL},
        {NULL, NULL, NULL},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        const char *uuids[1] = {m[i].uuid};
        const ebb_ble_model *got = ebb_ble_model_match(m[i].name, uuids, m[i].uuid ? 1 : 0);
        const char *id = got ? got->id : NULL;
        const bool ok = (id == NULL && m[i].want == NULL) ||
                        (id && m[i].want && strcmp(id, m[i].want) == 0);
        printf("%s name '%s' uuid '%s' -> %s (want %s)\n", ok ? "ok  " : "FAIL",
               m[i].name ? m[i].name : "(none)", m[i].uuid ? m[i].uuid : "(none)",
               id ? id : "none", m[i].want ? m[i].want : "none");
        failed += !ok;
    }
    assert_int_equal(failed, 0);
}

static void table_is_complete_and_units_honest(void **state)
{
    (void)state;
    size_t n = 0;
    const ebb_ble_model *t = ebb_ble_models(&n);
    assert_int_equal(n, EBB_BLE_FAMILY_COUNT);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t[i].family, (ebb_ble_family)i);
        assert_int_equal(strlen(t[i].service_uuid), 36);
        assert_int_equal(strlen(t[i].char_uuid), 36);
        assert_true(t[i].raw_min < t[i].raw_max && t[i].default_span > 0.0f);
        assert_true(t[i].notify || t[i].poll_ms > 0);
        /* Only femfit's unit is known (mmHg); the others are the device's own counts. */
        assert_int_equal(t[i].unit, t[i].family == EBB_BLE_FEMFIT ? EBB_UNIT_MMHG : EBB_UNIT_COUNTS);
    }
    char buf[40];
    assert_string_equal(ebb_ble_uuid16(0x2a19, buf, sizeof buf), "00002a19-0000-1000-8000-00805f9b34fb");
    assert_string_equal(ebb_unit_name(EBB_UNIT_COUNTS), "counts");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decoders_follow_the_table),
        cmocka_unit_test(models_are_recognised_by_service_then_name),
        cmocka_unit_test(table_is_complete_and_units_honest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
