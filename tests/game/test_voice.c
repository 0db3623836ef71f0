/* The spoken guide's plan (sound/voice.h) and its phrases made with the real flite voice
 * (sound/speech.h): which steps speak, how long each may last, the breath count and the result
 * in eyes-closed mode, and that a phrase too long for its room is made to fit. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "settings/settings.h"
#include "sound/speech.h"
#include "sound/voice.h"

#define RATE 48000

static const char *LEVEL =
    "ebb-level 1\nid t/v\ntitle \"V\"\nkind breathing\ndescription \"d\"\n"
    "flick 0.3s above 50% cue flick\n"
    "rest 2.5s below 20% caption \"Settle in and let go\"\n"
    "breathe in 3s cue breathe-in\n"
    "breathe out 3.5s cue breathe-out caption \"Breathe out slowly\"\n"
    "hold 5s band 30%..60% cue hold caption \"Hold it gently, and keep breathing softly and "
    "evenly all the way through the hold\"\n"
    "breathe in 3s cue breathe-in\n"
    "rest 1.5s below 20% caption \"That is the end of this short level; well done, and thank "
    "you for practising today\"\n";

static void parse(ebb_level *lv)
{
    static ebb_diags d;
    ebb_diags_init(&d, "t");
    assert_true(ebb_level_parse(LEVEL, strlen(LEVEL), "t", lv, &d));
}

static void plan_speaks_each_step_in_its_room(void **state)
{
    (void)state;
    ebb_level lv;
    parse(&lv);
    ebb_voice_set set;
    ebb_voice_opts o = {false, 1.0f, NULL, 0};
    assert_true(ebb_voice_plan(&set, &lv, &o));
    assert_int_equal(set.step_count, 7);
    assert_int_equal(set.step_phrase[0], 0); /* 0.3 s: too short, the flick keeps its tone */
    for (size_t i = 1; i < 7; i++) {
        assert_true(set.step_phrase[i] > 0);
    }
    /* The two "Breathe in" steps with the same room share one phrase. */
    assert_int_equal(set.step_phrase[2], set.step_phrase[5]);
    assert_int_equal(set.count, 5);
    const ebb_voice_line *hold = &set.line[set.step_phrase[4] - 1];
    assert_int_equal(hold->window_ms, 2000u - EBB_VOICE_GAP_MS); /* before the tick at 3 s left */
    assert_string_equal(hold->short_text, "Hold it gently");
    assert_string_equal(hold->word, "Squeeze"); /* a hold is a squeeze step */
    assert_string_equal(set.line[set.step_phrase[2] - 1].text, "Breathe in");
    assert_int_equal(set.line[set.step_phrase[6] - 1].window_ms, 1500u - EBB_VOICE_GAP_MS);
    ebb_voice_set_free(&set);
    ebb_level_free(&lv);
}

static void eyes_closed_counts_breaths(void **state)
{
    (void)state;
    ebb_level lv;
    parse(&lv);
    ebb_voice_set set;
    ebb_voice_opts o = {true, 1.0f, NULL, 0};
    assert_true(ebb_voice_plan(&set, &lv, &o));
    assert_string_equal(set.line[set.step_phrase[2] - 1].text, "1. Breathe in");
    assert_string_equal(set.line[set.step_phrase[5] - 1].text, "2. Breathe in");
    assert_string_equal(set.line[set.step_phrase[5] - 1].word, "2. In");
    assert_string_equal(set.line[set.step_phrase[5] - 1].short_text, "");
    assert_int_not_equal(set.step_phrase[2], set.step_phrase[5]);
    ebb_voice_set_free(&set);
    ebb_level_free(&lv);
    char text[EBB_VOICE_TEXT_MAX];
    ebb_voice_result_text(true, 82, 2, "Rest stayed low.", text, sizeof text);
    assert_string_equal(text, "Level complete. Score 82 out of 100. 2 stars. Rest stayed low.");
    ebb_voice_result_text(false, 0, 0, NULL, text, sizeof text);
    assert_string_equal(text, "Level stopped. ");
}

/* Real flite: every phrase is made, at 48 kHz, and none is longer than its room; the two
 * long captions needed shortening (they are longer than their room at the usual pace). */
static void phrases_fit_their_room(void **state)
{
    (void)state;
    char err[200];
    assert_true(ebb_speech_open(err, sizeof err));
    ebb_level lv;
    parse(&lv);
    ebb_voice_set set;
    ebb_voice_opts o = {false, 1.0f, NULL, 0};
    assert_true(ebb_voice_plan(&set, &lv, &o));
    size_t plain = 0;
    int16_t *s = ebb_speech_say(set.line[set.step_phrase[6] - 1].text, 1.0f, RATE, &plain);
    assert_non_null(s);
    free(s);
    printf("the last caption at the usual pace: %.2f s for a room of %.2f s\n",
           (double)plain / RATE, (double)set.line[set.step_phrase[6] - 1].window_ms / 1000.0);
    assert_true(plain > (size_t)RATE * set.line[set.step_phrase[6] - 1].window_ms / 1000u);
    for (size_t i = 0; i < set.count; i++) {
        assert_true(ebb_voice_make(&set, i, 1.0f, RATE, ebb_speech_say));
        size_t room = (size_t)RATE * set.line[i].window_ms / 1000u;
        printf("  \"%s\": %.2f s (room %.2f s)\n", set.line[i].text,
               (double)set.len[i] / RATE, (double)room / RATE);
        assert_true(set.len[i] > (size_t)RATE / 5); /* something was said */
        assert_true(set.len[i] <= room);
    }
    assert_int_equal(atomic_load(&set.done), set.count);
    uint32_t frames = 0;
    assert_non_null(ebb_voice_ready(&set, 1, &frames));
    assert_int_equal(frames, set.len[set.step_phrase[1] - 1]);
    assert_null(ebb_voice_ready(&set, 0, &frames));
    ebb_voice_set_free(&set);
    ebb_level_free(&lv);
}

/* The cache of made phrases: the second time is read back, sample for sample. */
static void cache_gives_the_same_phrase(void **state)
{
    (void)state;
    char err[200];
    assert_true(ebb_speech_open(err, sizeof err));
    size_t a = 0, b = 0, c = 0;
    int16_t *direct = ebb_speech_say("Let the floor rest", 1.1f, RATE, &a);
    int16_t *first = ebb_speech_say_cached("Let the floor rest", 1.1f, RATE, &b);
    int16_t *again = ebb_speech_say_cached("Let the floor rest", 1.1f, RATE, &c);
    assert_non_null(direct);
    assert_non_null(first);
    assert_non_null(again);
    assert_int_equal(a, b);
    assert_int_equal(b, c);
    /* flite itself differs by a bit here and there from call to call; the cache gives back
     * exactly what it kept. */
    assert_memory_equal(first, again, a * sizeof *first);
    const char *cache = getenv("XDG_CACHE_HOME"); /* ctest gives it a private one */
    assert_non_null(cache);
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/ebb/voice", cache);
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t files = 0;
    for (struct dirent *e = readdir(d); e; e = readdir(d)) {
        files += strstr(e->d_name, ".pcm") != NULL;
    }
    closedir(d);
    assert_true(files >= 1);
    free(direct);
    free(first);
    free(again);
}

/* A pack's notes follow the level's first spoken caption: all of them when the step has room,
 * else the first, else the caption alone; never in a later step, never shared. Real flite. */
static void pack_notes_follow_the_first_caption(void **state)
{
    (void)state;
    char err[200];
    assert_true(ebb_speech_open(err, sizeof err));
    static const char *const NOTES[] = {
        "Relaxation comes first: the floor learns to let go before it works harder",
        "Never push through pain."};
    const char *roomy = "ebb-level 1\nid t/n\ntitle \"N\"\nkind lengthening\ndescription \"d\"\n"
                        "flick 0.3s above 50% cue flick\n"
                        "rest 12s below 20% caption \"Settle in\"\n"
                        "rest 12s below 20% caption \"Settle in\"\n";
    const char *tight = "ebb-level 1\nid t/n\ntitle \"N\"\nkind lengthening\ndescription \"d\"\n"
                        "rest 2.2s below 20% caption \"Settle in\"\n"
                        "rest 2s below 20% caption \"Rest\"\n";
    static ebb_diags d;
    ebb_diags_init(&d, "t");
    ebb_level lv;
    assert_true(ebb_level_parse(roomy, strlen(roomy), "t", &lv, &d));
    ebb_voice_set set;
    ebb_voice_opts o = {false, 1.0f, NOTES, 2};
    assert_true(ebb_voice_plan(&set, &lv, &o));
    assert_string_equal(set.notes, "Relaxation comes first: the floor learns to let go before it "
                                   "works harder. Never push through pain.");
    assert_string_equal(set.first_note,
                        "Relaxation comes first: the floor learns to let go before it works "
                        "harder.");
    assert_int_equal(set.step_phrase[0], 0);
    assert_true(set.line[set.step_phrase[1] - 1].with_notes);
    assert_int_not_equal(set.step_phrase[1], set.step_phrase[2]); /* same words, no notes */
    assert_false(set.line[set.step_phrase[2] - 1].with_notes);
    assert_true(ebb_voice_make(&set, 0, 1.0f, RATE, ebb_speech_say));
    assert_true(ebb_voice_make(&set, 1, 1.0f, RATE, ebb_speech_say));
    double with = (double)set.len[0] / RATE, without = (double)set.len[1] / RATE;
    printf("\"Settle in\" with the notes %.2f s, without %.2f s (room %.2f s)\n", with, without,
           (double)set.line[0].window_ms / 1000.0);
    assert_true(with > without + 4.0); /* both notes are said */
    assert_true(set.len[0] <= (size_t)RATE * set.line[0].window_ms / 1000u);
    ebb_voice_set_free(&set);
    ebb_level_free(&lv);

    /* Room for the first note only, said faster. */
    const char *middle = "ebb-level 1\nid t/n\ntitle \"N\"\nkind lengthening\ndescription \"d\"\n"
                         "rest 3.5s below 20% caption \"Settle in\"\n";
    ebb_diags_init(&d, "t");
    assert_true(ebb_level_parse(middle, strlen(middle), "t", &lv, &d));
    assert_true(ebb_voice_plan(&set, &lv, &o));
    assert_true(ebb_voice_make(&set, 0, 1.0f, RATE, ebb_speech_say));
    printf("\"Settle in\" and two notes in a room of %.2f s: %.2f s\n",
           (double)set.line[0].window_ms / 1000.0, (double)set.len[0] / RATE);
    assert_true(set.len[0] <= (size_t)RATE * set.line[0].window_ms / 1000u);
    assert_true(set.len[0] > (size_t)RATE * 5 / 2); /* more than the caption: the first note */
    ebb_voice_set_free(&set);
    ebb_level_free(&lv);

    /* No room for the note even at 1.6x: the caption alone. */
    ebb_diags_init(&d, "t");
    assert_true(ebb_level_parse(tight, strlen(tight), "t", &lv, &d));
    o.note_count = 1;
    assert_true(ebb_voice_plan(&set, &lv, &o));
    assert_null(set.first_note); /* one note: it is all the notes */
    assert_true(set.line[0].with_notes);
    assert_true(ebb_voice_make(&set, 0, 1.0f, RATE, ebb_speech_say));
    printf("\"Settle in\" in a room of %.2f s: %.2f s\n",
           (double)set.line[0].window_ms / 1000.0, (double)set.len[0] / RATE);
    assert_true(set.len[0] <= (size_t)RATE * set.line[0].window_ms / 1000u);
    assert_true(set.len[0] < (size_t)RATE * 3 / 2); /* the caption alone */
    ebb_voice_set_free(&set);
    ebb_level_free(&lv);
}

/* Eyes closed, the captions cannot be read: the voice (auto) speaks every level, so step
 * changes and the result are heard in strengthening levels too; off stays off. */
static void eyes_closed_turns_auto_on_everywhere(void **state)
{
    (void)state;
    ebb_settings s;
    ebb_settings_defaults(&s);
    assert_false(ebb_settings_voice_on(&s, EBB_LEVEL_STRENGTHENING));
    s.eyes_closed = true;
    assert_true(ebb_settings_voice_on(&s, EBB_LEVEL_STRENGTHENING));
    assert_true(ebb_settings_voice_on(&s, EBB_LEVEL_BREATHING));
    s.voice = EBB_VOICE_OFF;
    assert_false(ebb_settings_voice_on(&s, EBB_LEVEL_STRENGTHENING));
    s.voice = EBB_VOICE_AUTO;
    s.voice_volume = 0;
    assert_false(ebb_settings_voice_on(&s, EBB_LEVEL_STRENGTHENING));
}

static void resampling_keeps_time(void **state)
{
    (void)state;
    assert_int_equal(ebb_voice_resampled_len(16000, 16000, 48000), 48000);
    assert_int_equal(ebb_voice_resampled_len(16000, 16000, 44100), 44100);
    int16_t in[4] = {0, 300, 600, 900};
    int16_t out[12];
    ebb_voice_resample(in, 4, 16000, out, 12, 48000);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[3], 300);
    assert_int_equal(out[4], 400);
    assert_int_equal(out[9], 900);
    assert_int_equal(out[11], 900);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_speaks_each_step_in_its_room),
        cmocka_unit_test(eyes_closed_counts_breaths),
        cmocka_unit_test(phrases_fit_their_room),
        cmocka_unit_test(cache_gives_the_same_phrase),
        cmocka_unit_test(pack_notes_follow_the_first_caption),
        cmocka_unit_test(eyes_closed_turns_auto_on_everywhere),
        cmocka_unit_test(resampling_keeps_time),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    ebb_speech_close();
    return rc;
}
