/* The pack parser: the example packs and docs parse; every mistake gives its exact message. */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/pack.h"

static const char *const builtins[] = {
    "breathing/resonance", "lengthening/drop-and-release", "lengthening/drop-and-breathe",
    "lengthening/low-and-steady", "strengthening/holds-and-flicks"};
static const ebb_pack_parse_opts opts = {builtins, 5};

static ebb_pack pack;
static ebb_diags diags;

static bool parse(const char *text)
{
    ebb_diags_init(&diags, "t.pack");
    return ebb_pack_parse(text, strlen(text), "t.pack", &opts, &pack, &diags);
}

/* All messages, formatted as printed, one a line. */
static const char *messages(void)
{
    static char buf[8192];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < diags.count && n < sizeof buf - 400; i++) {
        char line[600];
        ebb_diag_format(&diags, &diags.items[i], line, sizeof line);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n", line);
    }
    return buf;
}

#define HEAD "ebb-pack 1\nid p\ntitle \"T\"\nauthor \"A\"\n"
#define PROG "schedule breathing/resonance days 1..7\n"

static void expect_errors(const char *text, const char *expected)
{
    bool ok = parse(text);
    assert_string_equal(messages(), expected);
    assert_false(ok);
    assert_null(pack.text); /* nothing to free when refused */
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(300000);
    assert_non_null(buf);
    *len = fread(buf, 1, 299999, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void test_example_pack(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_file(EBB_SOURCE_DIR "/levels/packs/relaxation-first.pack", &len);
    ebb_diags_init(&diags, "relaxation-first.pack");
    bool ok = ebb_pack_parse(text, len, "relaxation-first.pack", &opts, &pack, &diags);
    free(text);
    assert_string_equal(messages(), "");
    assert_true(ok);
    assert_string_equal(pack.id, "relaxation-first");
    assert_string_equal(pack.title, "Overactive floor: relaxation first");
    assert_int_equal(pack.note_count, 4);
    assert_int_equal(pack.program_days, 28);
    assert_int_equal(pack.slot_count, 5);
    assert_int_equal(pack.level_count, 5);
    assert_int_equal(pack.unlock_count, 1);
    assert_string_equal(pack.unlocks[0].after_id, "lengthening/low-and-steady");
    assert_int_equal(pack.unlocks[0].stars, 2);
    assert_int_equal(pack.unlocks[0].times, 2);
    const ebb_pack_level *dr = ebb_pack_find_level(&pack, "lengthening/drop-and-release");
    assert_non_null(dr);
    assert_false(dr->embedded);
    assert_true(dr->has_overrides);
    assert_int_equal(dr->overrides.reps, 5);
    assert_int_equal(dr->overrides.rest_ms, 10000);
    assert_float_equal(dr->overrides.target, 0.30f, 1e-6f);
    /* Weeks 3..4 every other day: days 15, 17 ... 27. */
    const ebb_pack_slot *s = &pack.slots[4];
    assert_int_equal(s->first_day, 15);
    assert_int_equal(s->last_day, 28);
    assert_int_equal(s->every, 2);
    ebb_pack_free(&pack);

    /* The docs' example embeds a level; it plays from the pack's own copy of the text. */
    text = read_file(EBB_SOURCE_DIR "/docs/packs.md", &len);
    char *start = strstr(text, "```ebb-pack\n") + strlen("```ebb-pack\n");
    size_t n = (size_t)(strstr(start, "\n```") + 1 - start);
    assert_true(ebb_pack_parse(start, n, "docs", &opts, &pack, &diags));
    free(text);
    const ebb_pack_level *ls = ebb_pack_find_level(&pack, "relaxation-first/low-and-steady");
    assert_non_null(ls);
    assert_true(ls->embedded);
    assert_string_equal(ls->title, "Low and steady");
    ebb_level lv;
    assert_true(ebb_pack_level_parse(&pack, ls, &lv, &diags));
    assert_int_equal(lv.total_ms, 130000);
    ebb_level_free(&lv);
    ebb_pack_free(&pack);
}

/* Every ```ebb-pack block in docs/packs.md parses without errors or warnings. */
static void test_docs_examples(void **state)
{
    (void)state;
    size_t len = 0;
    char *doc = read_file(EBB_SOURCE_DIR "/docs/packs.md", &len);
    int blocks = 0;
    for (char *p = strstr(doc, "```ebb-pack\n"); p; p = strstr(p, "```ebb-pack\n")) {
        char *start = p + strlen("```ebb-pack\n");
        char *end = strstr(start, "\n```");
        assert_non_null(end);
        end[1] = '\0';
        ebb_diags_init(&diags, "docs/packs.md");
        bool ok = ebb_pack_parse(start, (size_t)(end + 1 - start), "docs", &opts, &pack,
                                 &diags);
        assert_string_equal(messages(), "");
        assert_true(ok);
        ebb_pack_free(&pack);
        blocks++;
        p = end + 2;
    }
    assert_true(blocks >= 1);
    free(doc);
}

static void test_path_tricks(void **state)
{
    (void)state;
    expect_errors("ebb-pack 1\nid ../../etc/passwd\ntitle \"T\"\nauthor \"A\"\n" PROG,
                  "t.pack:2:4: error: pack id '../../etc/passwd' looks like a file path; a pack "
                  "id is a plain name that becomes its file name: use lower-case letters, "
                  "digits and '-' (e.g. relaxation-first)\n");
    expect_errors(HEAD "schedule /abs days 1..3\nuse ../../etc/passwd\n"
                  "unlock breathing/resonance after ~/.ssh/id_rsa\n"
                  "schedule C:\\levels\\x days 1\nschedule a/b/c days 1\n" PROG,
                  "t.pack:5:10: error: level '/abs' looks like a file path; a pack names levels "
                  "by id only (like lengthening/drop-and-release), so it can never reach other "
                  "files\n"
                  "t.pack:6:5: error: level '../../etc/passwd' looks like a file path; a pack "
                  "names levels by id only (like lengthening/drop-and-release), so it can never "
                  "reach other files\n"
                  "t.pack:7:34: error: level '~/.ssh/id_rsa' looks like a file path; a pack "
                  "names levels by id only (like lengthening/drop-and-release), so it can never "
                  "reach other files\n"
                  "t.pack:8:10: error: level 'C:\\levels\\x' looks like a file path; a pack "
                  "names levels by id only (like lengthening/drop-and-release), so it can never "
                  "reach other files\n"
                  "t.pack:9:10: error: level 'a/b/c' looks like a file path; a pack names levels "
                  "by id only (like lengthening/drop-and-release), so it can never reach other "
                  "files\n");
    /* A word longer than a message quotes is still judged on all of it: the ".." far past the
     * quoted part makes it a path (this once read past the quoted copy). */
    char text[512], want[1024];
    char longword[128];
    memset(longword, 'a', 100);
    snprintf(longword + 100, sizeof longword - 100, "/../x");
    snprintf(text, sizeof text, HEAD "use %s\n" PROG, longword);
    snprintf(want, sizeof want,
             "t.pack:5:5: error: level '%.68s...' looks like a file path; a pack names levels "
             "by id only (like lengthening/drop-and-release), so it can never reach other "
             "files\n", longword);
    expect_errors(text, want);
    /* ...and a long word that is no path is not called one because of the "..." the message
     * adds. */
    snprintf(text, sizeof text, HEAD "use %.100s/b\n" PROG, longword);
    snprintf(want, sizeof want,
             "t.pack:5:5: error: level '%.68s...' is not a level id: use lower-case letters, "
             "digits and '-' with one '/', at most 64 characters (e.g. "
             "lengthening/drop-and-release)\n", longword);
    expect_errors(text, want);
    snprintf(text, sizeof text, "ebb-pack 1\nid %.60s%s\ntitle \"T\"\nauthor \"A\"\n" PROG,
             longword, "/../x");
    snprintf(want, sizeof want,
             "t.pack:2:4: error: pack id '%.60s/../x' looks like a file path; a pack id is a "
             "plain name that becomes its file name: use lower-case letters, digits and '-' "
             "(e.g. relaxation-first)\n", longword);
    expect_errors(text, want);
    expect_errors(HEAD "schedule Breathing/Resonance days 1\n" PROG,
                  "t.pack:5:10: error: level 'Breathing/Resonance' is not a level id: use "
                  "lower-case letters, digits and '-' with one '/', at most 64 characters (e.g. "
                  "lengthening/drop-and-release)\n");
}

static void test_unknown_words(void **state)
{
    (void)state;
    expect_errors("ebb-pack 1\nid p\ntitel \"T\"\nauthor \"A\"\n" PROG
                  "schedule breathing/resonance days 8..9 per-dya 2\n"
                  "shedule breathing/resonance days 10\n"
                  "schedule lengthening/drop-and-relase days 1\n"
                  "squeeze 3s band 20%..40%\n"
                  "frobnicate 3\n",
                  "t.pack:3:1: error: unknown key 'titel'; did you mean 'title'?\n"
                  "t.pack:6:40: error: unknown field 'per-dya'; did you mean 'per-day'?\n"
                  "t.pack:7:1: error: unknown key 'shedule'; did you mean 'schedule'?\n"
                  "t.pack:9:1: error: 'squeeze' belongs inside a level: put the level's lines "
                  "between 'level' and 'end-level'\n"
                  "t.pack:10:1: error: unknown key 'frobnicate'; a pack line starts with "
                  "ebb-pack, id, title, author, notes, use, level, schedule or unlock\n"
                  "t.pack: error: the pack has no 'title': add a line such as title \"Relaxation "
                  "first\"\n");
    expect_errors(HEAD PROG "schedule lengthening/drop-and-relase days 1\n",
                  "t.pack:6:10: error: no level 'lengthening/drop-and-relase' in this pack or "
                  "built in; did you mean 'lengthening/drop-and-release'?\n");
    expect_errors(HEAD PROG "use strengthening/the-knack reps 3\n",
                  "t.pack:6:5: error: no level 'strengthening/the-knack' in this pack or "
                  "built in: embed it between 'level' and 'end-level', or pick a built-in id "
                  "from 'ebb list'\n");
}

static void test_values(void **state)
{
    (void)state;
    expect_errors(HEAD PROG
                  "schedule lengthening/drop-and-release days 10..3\n"
                  "schedule lengthening/drop-and-release days 1..400\n"
                  "schedule lengthening/drop-and-release weeks 2 per-day 9\n"
                  "use strengthening/holds-and-flicks hold 90s\n"
                  "use lengthening/drop-and-release target 30\n"
                  "unlock strengthening/holds-and-flicks after breathing/resonance stars 4\n"
                  "unlock strengthening/holds-and-flicks stars 2\n"
                  "schedule strengthening/holds-and-flicks\n",
                  "t.pack:6:44: error: days 10..3: the first must not come after the last\n"
                  "t.pack:7:47: error: days 400: must be 1..366\n"
                  "t.pack:8:55: error: per-day 9: must be 1..6\n"
                  "t.pack:9:41: error: hold 90s: must be 1s..60s\n"
                  "t.pack:10:41: error: target 30: the percentage has no unit; write it like "
                  "40%\n"
                  "t.pack:11:71: error: stars 4: must be 1..3\n"
                  "t.pack:12:46: error: 'unlock' needs the level that opens it, e.g. after "
                  "lengthening/drop-and-release stars 2 times 2\n"
                  "t.pack:13:40: error: 'schedule' needs the days or weeks, e.g. days 1..28 or "
                  "weeks 2..4\n");
}

/* `use ... challenge N` fixes a level's challenge; `challenge max N` caps the offers. */
static void test_challenge(void **state)
{
    (void)state;
    assert_true(parse(HEAD PROG "use strengthening/holds-and-flicks challenge 2 hold 6s\n"
                      "use lengthening/drop-and-release challenge max 3\n"));
    const ebb_pack_level *hf = ebb_pack_find_level(&pack, "strengthening/holds-and-flicks");
    const ebb_pack_level *dr = ebb_pack_find_level(&pack, "lengthening/drop-and-release");
    assert_non_null(hf);
    assert_non_null(dr);
    assert_int_equal(hf->challenge, 2);
    assert_int_equal(hf->challenge_max, 0);
    assert_true(hf->has_overrides);
    assert_int_equal(dr->challenge, 0);
    assert_int_equal(dr->challenge_max, 3);
    assert_false(dr->has_overrides); /* a cap changes nothing about how the level plays */
    assert_false(ebb_pack_relaxation_first(&pack));
    ebb_pack_free(&pack);
    assert_true(parse(HEAD PROG "unlock strengthening/holds-and-flicks after breathing/resonance\n"
                      "schedule strengthening/holds-and-flicks days 1..7\n"));
    assert_true(ebb_pack_relaxation_first(&pack));
    ebb_pack_free(&pack);
    expect_errors(HEAD PROG "use strengthening/holds-and-flicks challenge 5\n"
                  "use lengthening/drop-and-release challenge max\n"
                  "use breathing/resonance chalenge 2\n",
                  "t.pack:6:46: error: challenge 5: must be 1..4\n"
                  "t.pack:7:47: error: 'challenge' needs a whole number 1..4\n"
                  "t.pack:8:25: error: unknown field 'chalenge'; did you mean 'challenge'?\n");
    /* A pack's own level with challenges: the breathing fields and their rules, with the
     * pack's line numbers. */
#define OWN "level\nid p/breath\ntitle \"B\"\nkind breathing\nflags breath-holds\n"
#define OWN_BODY "rest 4s\nrepeat 4\n  breathe in 4s\n  breathe hold 4s\n  breathe out 4s\n" \
                 "end\nend-level\nschedule p/breath days 1..7\n"
    assert_true(parse(HEAD OWN "challenge 2 out 6s\nchallenge 3 reps 8\n" OWN_BODY
                      "use p/breath challenge max 2\n"));
    const ebb_pack_level *own = ebb_pack_find_level(&pack, "p/breath");
    assert_non_null(own);
    assert_int_equal(own->challenge_max, 2);
    ebb_level lv;
    ebb_diags ld;
    ebb_diags_init(&ld, "t.pack");
    assert_true(ebb_pack_level_parse(&pack, own, &lv, &ld));
    assert_int_equal(lv.challenge_count, 3);
    assert_int_equal(lv.challenges[1].out_ms, 6000);
    assert_int_equal(lv.challenges[2].reps, 8);
    assert_int_equal(lv.challenges[2].line, 11);
    ebb_level_free(&lv);
    ebb_pack_free(&pack);
    expect_errors(HEAD OWN "challenge 2 reps 9\n" OWN_BODY,
                  "t.pack:10:13: error: challenge 2 reps 9: a level that holds the breath or is "
                  "kept short for beginners may at most double its rounds (repeat 4 here: at "
                  "most 8)\n");
#undef OWN
#undef OWN_BODY
}

static void test_structure(void **state)
{
    (void)state;
    expect_errors("id p\nebb-pack 1\ntitle \"T\"\ntitle \"U\"\nauthor \"A\"\n" PROG,
                  "t.pack:1:1: error: a pack starts with the line 'ebb-pack 1' (a level file is "
                  "checked with 'ebb check', not installed as a pack)\n"
                  "t.pack:2:1: error: 'ebb-pack 1' must be the first line of the pack\n"
                  "t.pack:4:1: error: 'title' is already given on line 3\n");
    expect_errors("ebb-pack 2\nid p\ntitle \"T\"\nauthor \"A\"\n" PROG,
                  "t.pack:1:10: error: this pack is written in format version 2; this Ebb reads "
                  "version 1\n");
    expect_errors("", "t.pack: error: the pack is empty: it starts with 'ebb-pack 1' (see "
                      "docs/packs.md)\n"
                      "t.pack: error: the pack has no 'id': add a line such as id "
                      "relaxation-first\n"
                      "t.pack: error: the pack has no 'title': add a line such as title "
                      "\"Relaxation first\"\n"
                      "t.pack: error: the pack has no 'author': add a line such as author "
                      "\"Sam Lee, pelvic health physiotherapist\"\n");
    expect_errors(HEAD "end-level\n" PROG,
                  "t.pack:5:1: error: 'end-level' without a 'level' line before it\n");
    expect_errors(HEAD PROG "level\nid p/x\ntitle \"X\"\nkind lengthening\nrest 5s\n",
                  "t.pack:6:1: error: 'level' on line 6 has no matching 'end-level': add a line "
                  "'end-level' after the level's last step\n");
    expect_errors(HEAD PROG "schedule breathing/resonance days 5..9\n",
                  "t.pack:6:10: error: 'breathing/resonance' is already scheduled on days 1..7 "
                  "(line 5); the days of one level must not overlap: change the days, or "
                  "per-day for more sessions a day\n");
    expect_errors(HEAD PROG "schedule lengthening/drop-and-release days 1\n"
                  "unlock breathing/resonance after lengthening/drop-and-release\n"
                  "unlock lengthening/drop-and-release after breathing/resonance\n",
                  "t.pack:7:8: error: the unlock rules go round in a circle through "
                  "'breathing/resonance', so none of them could ever open: remove one of them\n"
                  "t.pack:8:8: error: the unlock rules go round in a circle through "
                  "'lengthening/drop-and-release', so none of them could ever open: remove one "
                  "of them\n");
    expect_errors(HEAD PROG "unlock breathing/resonance after breathing/resonance\n",
                  "t.pack:6:8: error: 'breathing/resonance' cannot unlock itself: name the "
                  "level that must be played first\n");
}

/* Errors inside an embedded level point at the pack's own lines. */
static void test_embedded_level(void **state)
{
    (void)state;
    expect_errors(HEAD PROG "level\n  id p/own\n  title \"Own\"\n  kind lengthening\n"
                  "  squeze 3s band 20%..40%\n  rest 1s\nend-level\n"
                  "schedule p/own days 1\n",
                  "t.pack:10:3: error: unknown step 'squeze'; did you mean 'squeeze'?\n");
    expect_errors(HEAD PROG "level\nid breathing/resonance\ntitle \"Mine\"\nkind breathing\n"
                  "rest 5s\nend-level\n",
                  "t.pack:7:1: error: 'breathing/resonance' is the id of a built-in level; give "
                  "the pack's own level an id of its own (e.g. p/resonance)\n");
    expect_errors(HEAD PROG "level\nid p/a\ntitle \"A\"\nkind lengthening\nrest 5s\nend-level\n"
                  "level\nid p/a\ntitle \"B\"\nkind lengthening\nrest 5s\nend-level\n",
                  "t.pack:13:1: error: a level with id 'p/a' is already in this pack (line 7); "
                  "give each level its own id\n");
    /* A pack's override that breaks its own level's limits is named at the `use` line. */
    expect_errors(HEAD PROG "use p/a reps 50 hold 60s\n"
                  "level\nid p/a\ntitle \"A\"\nkind strengthening\nrepeat 10\nrepeat 10\n"
                  "squeeze 5s band 20%..40%\nend\nend\nend-level\n",
                  "t.pack:6:5: error: these changes do not fit 'p/a': the level lasts 30000 s "
                  "after expanding repeats; the limit is 90 min\n");
}

static void test_limits(void **state)
{
    (void)state;
    char *big = malloc(EBB_PACK_FILE_MAX + 10);
    assert_non_null(big);
    memset(big, '#', EBB_PACK_FILE_MAX + 9);
    big[EBB_PACK_FILE_MAX + 9] = '\0';
    expect_errors(big, "t.pack: error: pack is 262153 bytes; the limit is 256 KiB (262144 "
                       "bytes)\n");
    free(big);
    expect_errors("ebb-pack 1\n\x01\x02\xff\xfe", "t.pack:2:3: error: invalid UTF-8 (byte 0xFF): "
                                                  "save the file as UTF-8 text\n");
    char text[4096] = HEAD PROG;
    for (int i = 0; i < 21; i++) {
        strcat(text, "notes \"n\"\n");
    }
    expect_errors(text, "t.pack:26:1: error: too many 'notes' lines: the limit is 20; keep the "
                        "notes short and put more in a letter\n");
}

static void test_minimal_and_warnings(void **state)
{
    (void)state;
    assert_true(parse(HEAD PROG "unlock lengthening/drop-and-release after breathing/resonance\n"));
    assert_string_equal(messages(),
                        "t.pack:6:8: warning: 'lengthening/drop-and-release' is not in the "
                        "program, so unlocking it changes nothing\n");
    assert_int_equal(pack.unlocks[0].stars, 2);
    assert_int_equal(pack.unlocks[0].times, 1);
    assert_int_equal(pack.level_count, 2);
    ebb_pack_free(&pack);
    assert_true(ebb_pack_sniff("# c\n\n  ebb-pack 1\n", 17));
    assert_false(ebb_pack_sniff("ebb-level 1\n", 12));
    assert_true(ebb_pack_id_valid("relaxation-first"));
    assert_false(ebb_pack_id_valid("../x"));
    assert_false(ebb_pack_id_valid("a/b"));
    assert_false(ebb_pack_id_valid(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_pack),
        cmocka_unit_test(test_docs_examples),
        cmocka_unit_test(test_path_tricks),
        cmocka_unit_test(test_unknown_words),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_challenge),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_embedded_level),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_minimal_and_warnings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
