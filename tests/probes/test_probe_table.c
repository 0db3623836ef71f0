/* Unit tests of the probe table (engine/io/probe.c) and of the places that ask it: the spec
 * checker and its messages, the calibration store's profiles, and what an opened probe says
 * about itself. Everything here runs through the real engine I/O library. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "io/calib_store.h"
#include "io/probe.h"

static const char *first_message(const ebb_diags *d)
{
    return d->count > 0 ? d->items[0].msg : "";
}

/* One row per kind, in the enum's order, with every field a message or a help line needs. */
static void test_one_row_per_kind(void **state)
{
    (void)state;
    assert_int_equal(ebb_probe_kind_count(), EBB_PROBE_KIND_INVALID);
    for (size_t i = 0; i < ebb_probe_kind_count(); i++) {
        const ebb_probe_kind_info *k = ebb_probe_kind_at(i);
        assert_non_null(k);
        assert_int_equal(k->kind, (ebb_probe_kind)i);
        assert_ptr_equal(ebb_probe_kind_get(k->kind), k);
        assert_true(k->name[0] && k->usage[0] && k->short_usage[0] && k->example[0] &&
                    k->about[0]);
        assert_int_equal(strncmp(k->usage, k->name, strlen(k->name)), 0);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(k->name, ebb_probe_kind_at(j)->name);
        }
        /* The example is a valid spec of its own kind. */
        ebb_diags d;
        ebb_diags_init(&d, "test");
        assert_int_equal(ebb_probe_spec_kind(k->example, &d), k->kind);
        assert_int_equal(d.errors, 0);
        /* A window kind is neither live nor calibrated: the window reads it. */
        if (k->flags & EBB_PROBE_WINDOW) {
            assert_false(k->flags & (EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES));
        }
    }
    assert_null(ebb_probe_kind_at(ebb_probe_kind_count()));
    assert_null(ebb_probe_kind_get(EBB_PROBE_KIND_INVALID));
}

/* The message for an unknown probe names every kind the table has (it named 4 of 9). */
static void test_unknown_probe_names_every_kind(void **state)
{
    (void)state;
    ebb_diags d;
    ebb_diags_init(&d, "test");
    assert_int_equal(ebb_probe_spec_kind("joystick", &d), EBB_PROBE_KIND_INVALID);
    const char *msg = first_message(&d);
    printf("# %s\n", msg);
    assert_non_null(strstr(msg, "unknown probe 'joystick'"));
    for (size_t i = 0; i < ebb_probe_kind_count(); i++) {
        const ebb_probe_kind_info *k = ebb_probe_kind_at(i);
        if (!strstr(msg, k->short_usage)) {
            fail_msg("'%s' missing from: %s", k->short_usage, msg);
        }
    }
    /* A prefix is not a kind. */
    ebb_diags_init(&d, "test");
    assert_int_equal(ebb_probe_spec_kind("simulator", &d), EBB_PROBE_KIND_INVALID);
    assert_non_null(strstr(first_message(&d), "unknown probe 'simulator'"));
}

static void test_spec_checks(void **state)
{
    (void)state;
    ebb_diags d;
    ebb_diags_init(&d, "test");
    assert_int_equal(ebb_probe_spec_kind("replay", &d), EBB_PROBE_KIND_INVALID);
    assert_string_equal(first_message(&d), "--probe replay needs an argument, e.g. replay:session.csv");
    ebb_diags_init(&d, "test");
    assert_int_equal(ebb_probe_spec_kind("serial", &d), EBB_PROBE_KIND_INVALID);
    assert_string_equal(first_message(&d), "--probe serial needs an argument, e.g. serial:/dev/ttyUSB0");
    ebb_diags_init(&d, "test");
    assert_int_equal(ebb_probe_spec_kind("mouse:left", &d), EBB_PROBE_KIND_INVALID);
    assert_string_equal(first_message(&d), "probe 'mouse' takes no ':' argument");
    ebb_diags_init(&d, "test");
    assert_null(ebb_probe_open("gamepad", &d));
    assert_string_equal(first_message(&d), "probe 'gamepad' needs the game window; it cannot be used headless");

    const char *arg = NULL;
    assert_int_equal(ebb_probe_spec_info("osc:9001@0.0.0.0", &arg)->kind, EBB_PROBE_KIND_OSC);
    assert_string_equal(arg, "9001@0.0.0.0");
    assert_int_equal(ebb_probe_spec_info("audio", &arg)->kind, EBB_PROBE_KIND_AUDIO);
    assert_string_equal(arg, "");
    assert_null(ebb_probe_spec_info("oscar", NULL));
    assert_true(ebb_probe_spec_has("stdin", EBB_PROBE_LIVE | EBB_PROBE_CALIBRATES));
    assert_false(ebb_probe_spec_has("replay:x.csv", EBB_PROBE_LIVE));
    assert_false(ebb_probe_spec_has("sim", EBB_PROBE_LIVE));
    assert_true(ebb_probe_spec_has("keyboard", EBB_PROBE_WINDOW));
    assert_false(ebb_probe_spec_has("nothing", 0));
}

/* The calibration store keeps a profile exactly for the kinds the table marks, named by
 * device only. */
static void test_calibration_profiles_follow_the_table(void **state)
{
    (void)state;
    char profile[EBB_CALIB_PROFILE_MAX];
    for (size_t i = 0; i < ebb_probe_kind_count(); i++) {
        const ebb_probe_kind_info *k = ebb_probe_kind_at(i);
        const bool has = ebb_calib_profile_for(k->example, profile, sizeof profile);
        assert_int_equal(has, (k->flags & EBB_PROBE_CALIBRATES) != 0);
    }
    static const struct { const char *spec, *profile; } cases[] = {
        {"serial:/dev/ttyUSB0@115200,spiker", "serial-dev-ttyUSB0"},
        {"serial:/dev/ttyACM0@230400", "serial-dev-ttyACM0"},
        {"audio", "audio-default"},
        {"audio:USB Audio@8000", "audio-USB-Audio"},
        {"osc", "osc-9000"},
        {"osc:9001@0.0.0.0", "osc-9001"},
        {"stdin", "stdin"},
        {"stdin:ascii", "stdin-ascii"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(ebb_calib_profile_for(cases[i].spec, profile, sizeof profile));
        assert_string_equal(profile, cases[i].profile);
    }
    assert_false(ebb_calib_profile_for("replay:x.csv", profile, sizeof profile));
    assert_false(ebb_calib_profile_for("sim", profile, sizeof profile));
    assert_false(ebb_calib_profile_for("keyboard", profile, sizeof profile));
    assert_false(ebb_calib_profile_for("serialx", profile, sizeof profile));
}

/* An opened probe knows its row: whether it is live comes from the table. */
static void test_opened_probe_knows_its_kind(void **state)
{
    (void)state;
    ebb_diags d;
    ebb_diags_init(&d, "sim");
    ebb_probe *p = ebb_probe_open("sim:weak", &d);
    assert_non_null(p);
    assert_int_equal(ebb_probe_get_kind(p), EBB_PROBE_KIND_SIM);
    assert_false(ebb_probe_is_live(p));
    ebb_probe_close(p);
    ebb_diags_init(&d, "stdin");
    p = ebb_probe_open("stdin", &d);
    assert_non_null(p);
    assert_int_equal(ebb_probe_get_kind(p), EBB_PROBE_KIND_STDIN);
    assert_true(ebb_probe_is_live(p));
    ebb_probe_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_row_per_kind),
        cmocka_unit_test(test_unknown_probe_names_every_kind),
        cmocka_unit_test(test_spec_checks),
        cmocka_unit_test(test_calibration_profiles_follow_the_table),
        cmocka_unit_test(test_opened_probe_knows_its_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
