/* The settings file (game/settings/settings.c): parsing, bad lines reported and skipped, round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "settings/settings.h"

static void defaults_are_calm(void **state)
{
    (void)state;
    ebb_settings s;
    ebb_settings_defaults(&s);
    assert_int_equal(s.master_volume, 80);
    assert_int_equal(s.ambience_volume, 0);
    assert_string_equal(s.probe, "keyboard");
    assert_int_equal(s.mains_hz, 0); /* auto: the hum decides, the setting overrides */
    assert_false(s.welcome_seen);
    assert_int_equal(s.starting_point, EBB_START_NONE); /* asked on the welcome */
    assert_int_equal(s.palette, EBB_PALETTE_DEFAULT);
}

static void every_key_parses(void **state)
{
    (void)state;
    const char *t = "# comment\n\n"
                    "master-volume = 40\r\n"
                    "cue-volume=70\n"
                    "  ambience-volume =  25  \n"
                    "eyes-closed = yes\n"
                    "palette = high-contrast\n"
                    "text-size = larger\n"
                    "reduced-motion = on\n"
                    "fullscreen = true\n"
                    "probe = serial:/dev/ttyUSB0@115200\n"
                    "mains-hz = 60\n"
                    "welcome-seen = yes\n"
                    "starting-point = unsure\n";
    ebb_settings s;
    ebb_settings_defaults(&s);
    ebb_settings_problems p = {0};
    assert_int_equal(ebb_settings_parse(t, strlen(t), &s, &p), 0);
    assert_int_equal(p.total, 0);
    assert_int_equal(s.master_volume, 40);
    assert_int_equal(s.cue_volume, 70);
    assert_int_equal(s.ambience_volume, 25);
    assert_true(s.eyes_closed);
    assert_int_equal(s.palette, EBB_PALETTE_HIGH_CONTRAST);
    assert_int_equal(s.text_size, EBB_TEXT_LARGER);
    assert_true(s.reduced_motion);
    assert_true(s.fullscreen);
    assert_string_equal(s.probe, "serial:/dev/ttyUSB0@115200");
    assert_int_equal(s.mains_hz, 60);
    assert_true(s.welcome_seen);
    assert_int_equal(s.starting_point, EBB_START_UNSURE);
}

static void bad_lines_are_reported_and_skipped(void **state)
{
    (void)state;
    const char *t = "master-volume = 140\n"
                    "colour = red\n"
                    "just words\n"
                    "mains-hz = 55\n"
                    "palette = neon\n"
                    "eyes-closed = maybe\n"
                    "cue-volume = 30\n";
    ebb_settings s;
    ebb_settings_defaults(&s);
    ebb_settings_problems p = {0};
    assert_int_equal(ebb_settings_parse(t, strlen(t), &s, &p), 6);
    assert_int_equal(p.total, 6);
    assert_string_equal(p.text[0], "line 1: master-volume must be a whole number from 0 to 100, not '140'");
    assert_string_equal(p.text[1], "line 2: unknown setting 'colour' (left out)");
    assert_string_equal(p.text[2], "line 3: expected 'key = value' (left out)");
    assert_string_equal(p.text[3], "line 4: mains-hz must be auto, 50 or 60, not '55'");
    /* The good line still applies, the bad ones keep the defaults. */
    assert_int_equal(s.cue_volume, 30);
    assert_int_equal(s.master_volume, 80);
    assert_int_equal(s.mains_hz, 0);
    assert_int_equal(s.palette, EBB_PALETTE_DEFAULT);
}

static void junk_never_crashes(void **state)
{
    (void)state;
    char junk[3000];
    for (size_t i = 0; i < sizeof junk; i++) {
        junk[i] = (char)((i * 7919u) % 256u);
    }
    ebb_settings s;
    ebb_settings_defaults(&s);
    ebb_settings_problems p = {0};
    ebb_settings_parse(junk, sizeof junk, &s, &p);
    assert_true(p.count <= EBB_SETTINGS_PROBLEMS_MAX);
    assert_true(s.master_volume >= 0 && s.master_volume <= 100);
    /* A long line, and no newline at the end. */
    char longl[1200];
    memset(longl, 'a', sizeof longl);
    assert_int_equal(ebb_settings_parse(longl, sizeof longl, &s, NULL), 1);
}

/* Mains "auto" (the default) lets the EMG pipeline find the hum; 50 or 60 overrides it. */
static void mains_auto_parses_and_writes(void **state)
{
    (void)state;
    ebb_settings s;
    ebb_settings_defaults(&s);
    const char *t60 = "mains-hz = 60\n";
    assert_int_equal(ebb_settings_parse(t60, strlen(t60), &s, NULL), 0);
    assert_int_equal(s.mains_hz, 60);
    const char *ta = "mains-hz = auto\n";
    assert_int_equal(ebb_settings_parse(ta, strlen(ta), &s, NULL), 0);
    assert_int_equal(s.mains_hz, 0);
    char buf[2048];
    size_t n = ebb_settings_write(&s, buf, sizeof buf);
    assert_true(n > 0 && n < sizeof buf);
    assert_non_null(strstr(buf, "mains-hz = auto\n"));
}

static void round_trip(void **state)
{
    (void)state;
    ebb_settings a, b;
    ebb_settings_defaults(&a);
    a.master_volume = 33;
    a.eyes_closed = true;
    a.palette = EBB_PALETTE_COLOUR_BLIND;
    a.text_size = EBB_TEXT_LARGE;
    a.mains_hz = 60;
    a.welcome_seen = true;
    a.voice = EBB_VOICE_OFF;
    a.voice_volume = 45;
    a.voice_rate = 125;
    a.soundscape_volume = 15;
    a.starting_point = EBB_START_STRENGTHEN;
    strcpy(a.probe, "osc:9000");
    char buf[2048];
    size_t n = ebb_settings_write(&a, buf, sizeof buf);
    assert_true(n > 0 && n < sizeof buf);
    ebb_settings_defaults(&b);
    assert_int_equal(ebb_settings_parse(buf, n, &b, NULL), 0);
    assert_memory_equal(&a, &b, sizeof a);
    /* Too small a buffer: says how much it needs. */
    char small[16];
    assert_int_equal(ebb_settings_write(&a, small, sizeof small), n);
}

/* The voice and the soundscape: defaults, each key, the bounds, and who is spoken to. */
static void voice_settings(void **state)
{
    (void)state;
    ebb_settings s;
    ebb_settings_defaults(&s);
    assert_int_equal(s.voice, EBB_VOICE_AUTO);
    assert_int_equal(s.voice_rate, 100);
    assert_true(s.voice_volume > 0 && s.soundscape_volume > 0);
    /* On by default for breathing and lengthening, not for strengthening. */
    assert_true(ebb_settings_voice_on(&s, EBB_LEVEL_BREATHING));
    assert_true(ebb_settings_voice_on(&s, EBB_LEVEL_LENGTHENING));
    assert_false(ebb_settings_voice_on(&s, EBB_LEVEL_STRENGTHENING));
    const char *t = "voice = on\nvoice-volume = 60\nvoice-rate = 140\nsoundscape-volume = 0\n"
                    "voice-rate = 200\nvoice = loud\n";
    ebb_settings_problems p = {0};
    assert_int_equal(ebb_settings_parse(t, strlen(t), &s, &p), 2);
    assert_string_equal(p.text[0],
                        "line 5: voice-rate must be a whole number from 70 to 160, not '200'");
    assert_string_equal(p.text[1], "line 6: voice must be auto, on or off, not 'loud'");
    assert_int_equal(s.voice, EBB_VOICE_ON);
    assert_int_equal(s.voice_volume, 60);
    assert_int_equal(s.voice_rate, 140);
    assert_int_equal(s.soundscape_volume, 0);
    assert_true(ebb_settings_voice_on(&s, EBB_LEVEL_STRENGTHENING));
    s.voice = EBB_VOICE_OFF;
    assert_false(ebb_settings_voice_on(&s, EBB_LEVEL_BREATHING));
    s.voice = EBB_VOICE_ON;
    s.voice_volume = 0; /* silent is off: nothing is made */
    assert_false(ebb_settings_voice_on(&s, EBB_LEVEL_BREATHING));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_calm),
        cmocka_unit_test(every_key_parses),
        cmocka_unit_test(bad_lines_are_reported_and_skipped),
        cmocka_unit_test(junk_never_crashes),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(voice_settings),
        cmocka_unit_test(mains_auto_parses_and_writes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
