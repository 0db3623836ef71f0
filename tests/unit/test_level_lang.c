/* Unit tests of the level language's later additions: elevator `steps`, `drop`, the knack,
 * breathe steps with a pelvic floor target, rest-relative targets, `score`, `min`, header
 * flags and `pass N stars`, and ebb_level_parse_ex() with a therapist's overrides and a
 * line offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "core/lex.h"

#define HEADER "id test/lang\ntitle \"T\"\nkind strengthening\n" /* lines 1-3 */

static bool parse_opts(const char *text, const ebb_level_parse_opts *opts, ebb_level *lv,
                       ebb_diags *d)
{
    ebb_diags_init(d, "t.level");
    bool ok = ebb_level_parse_ex(text, strlen(text), "t.level", opts, lv, d);
    if (!ok) {
        ebb_diags_print(d, stderr);
    }
    return ok;
}

static void expect_one(const char *text, const ebb_level_parse_opts *opts, const char *msg)
{
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, "t.level");
    assert_false(ebb_level_parse_ex(text, strlen(text), "t.level", opts, &lv, &d));
    if (d.count != 1) {
        ebb_diags_print(&d, stderr);
    }
    assert_int_equal(d.count, 1);
    char buf[EBB_DIAG_MSG_MAX + 300];
    ebb_diag_format(&d, &d.items[0], buf, sizeof buf);
    assert_string_equal(buf, msg);
}

static void test_elevator(void **state)
{
    (void)state;
    ebb_level lv;
    ebb_diags d;
    assert_true(parse_opts(HEADER "steps 21s levels 20%,40%,60%,80% width 10%\n", NULL, &lv, &d));
    assert_int_equal(lv.step_count, 7);
    static const float centre[7] = {0.2f, 0.4f, 0.6f, 0.8f, 0.6f, 0.4f, 0.2f};
    for (size_t i = 0; i < 7; i++) {
        const ebb_step *s = &lv.steps[i];
        assert_int_equal(s->kind, EBB_STEP_SQUEEZE);
        assert_int_equal(s->duration_ms, 3000);
        assert_int_equal(s->start_ms, 3000 * i);
        assert_float_equal(s->lo0, centre[i] - 0.05f, 1e-6f);
        assert_float_equal(s->hi1, centre[i] + 0.05f, 1e-6f);
        assert_int_equal(s->cue, i < 4 ? EBB_CUE_SQUEEZE : EBB_CUE_LET_GO);
        assert_int_equal(s->line, 4);
    }
    assert_string_equal(lv.steps[0].caption, "Up to floor 1");
    assert_string_equal(lv.steps[3].caption, "Top floor: hold it there");
    assert_string_equal(lv.steps[5].caption, "Down to floor 2");
    ebb_level_free(&lv);

    /* Time that does not divide into whole ticks goes to the top floor. */
    assert_true(parse_opts(HEADER "steps 1s levels 50%,90%\n", NULL, &lv, &d));
    assert_int_equal(lv.step_count, 3);
    assert_int_equal(lv.steps[0].duration_ms, 330);
    assert_int_equal(lv.steps[1].duration_ms, 340);
    assert_int_equal(lv.total_ms, 1000);
    assert_float_equal(lv.steps[1].hi0, 1.0f, 1e-6f); /* 90% + 10% is cut at 100% */
    ebb_level_free(&lv);
}

static void test_drop_knack_breathe_pf(void **state)
{
    (void)state;
    ebb_level lv;
    ebb_diags d;
    assert_true(parse_opts(HEADER "flags breath-holds\n"
                                  "drop 4s\n"
                                  "drop 4s below 5%\n"
                                  "knack 3s above 45%\n"
                                  "cough 1.5s\n"
                                  "breathe in 4s pf below 20%\n"
                                  "breathe hold 2s pf band 10%..30%\n",
                           NULL, &lv, &d));
    assert_int_equal(lv.step_count, 8);
    assert_int_equal(lv.steps[0].kind, EBB_STEP_DROP);
    assert_float_equal(lv.steps[0].hi0, 0.1f, 1e-6f);
    assert_int_equal(lv.steps[0].cue, EBB_CUE_LET_GO);
    assert_int_equal(lv.steps[0].score_flags, EBB_SCORE_IN_BAND | EBB_SCORE_STEADY);
    assert_float_equal(lv.steps[1].hi0, 0.05f, 1e-6f);
    /* knack 3s: 2 s lift (scored after grace), then 1 s cough with no grace. */
    const ebb_step *lift = &lv.steps[2], *cough = &lv.steps[3];
    assert_int_equal(lift->kind, EBB_STEP_SQUEEZE);
    assert_int_equal(lift->duration_ms, 2000);
    assert_int_equal(lift->grace_ms, 660);
    assert_float_equal(lift->lo0, 0.45f, 1e-6f);
    assert_float_equal(lift->hi0, 1.0f, 1e-6f);
    assert_int_equal(cough->duration_ms, 1000);
    assert_int_equal(cough->start_ms, 10000);
    assert_int_equal(cough->grace_ms, 0);
    assert_int_equal(cough->cue, EBB_CUE_FLICK);
    assert_float_equal(cough->lo0, 0.45f, 1e-6f);
    assert_string_equal(cough->caption, "Cough now, and keep the lift");
    assert_int_equal(lv.steps[4].duration_ms, 1000); /* cough 1.5s: 1 s lift, 0.5 s cough */
    assert_int_equal(lv.steps[5].duration_ms, 500);
    assert_float_equal(lv.steps[4].lo0, 0.4f, 1e-6f);
    assert_true(lv.steps[6].has_pf);
    assert_float_equal(lv.steps[6].pf_lo, 0.0f, 1e-6f);
    assert_float_equal(lv.steps[6].pf_hi, 0.2f, 1e-6f);
    assert_float_equal(lv.steps[6].lo0, 0.4f, 1e-6f); /* the breath band is unchanged */
    assert_float_equal(lv.steps[7].pf_lo, 0.1f, 1e-6f);
    assert_float_equal(lv.steps[7].pf_hi, 0.3f, 1e-6f);
    assert_false(lv.steps[1].has_pf);
    ebb_level_free(&lv);
}

static void test_rest_relative_score_min(void **state)
{
    (void)state;
    ebb_level lv;
    ebb_diags d;
    assert_true(parse_opts(HEADER "rest 2min below rest+10% score steadiness, time-in-band\n"
                                  "squeeze 1.5min band rest+20%..60%\n"
                                  "release 4s score release-speed\n",
                           NULL, &lv, &d));
    assert_int_equal(lv.steps[0].duration_ms, 120000);
    assert_float_equal(lv.steps[0].hi0, 0.1f, 1e-6f);
    assert_int_equal(lv.steps[0].rest_rel, EBB_REL_REST_HI);
    assert_int_equal(lv.steps[0].score_flags, EBB_SCORE_IN_BAND | EBB_SCORE_STEADY);
    assert_int_equal(lv.steps[1].duration_ms, 90000);
    assert_float_equal(lv.steps[1].lo0, 0.2f, 1e-6f);
    assert_int_equal(lv.steps[1].rest_rel, EBB_REL_REST_LO);
    assert_int_equal(lv.steps[2].score_flags, EBB_SCORE_RELEASE);
    char buf[96];
    assert_string_equal(ebb_score_flags_text(lv.steps[0].score_flags, buf, sizeof buf),
                        "time-in-band, steadiness");
    ebb_level_free(&lv);
}

static void test_header_flags_and_pass(void **state)
{
    (void)state;
    ebb_level lv;
    ebb_diags d;
    assert_true(parse_opts("id a/b\ntitle \"T\"\nkind assessment\npass 0 stars\n"
                           "flags breath-holds, beginner-short, needs-probe, not-if-overactive\n"
                           "rest 1s\n",
                           NULL, &lv, &d));
    assert_int_equal(lv.kind, EBB_LEVEL_ASSESSMENT);
    assert_int_equal(lv.pass_stars, 0);
    assert_int_equal(lv.flags, 0xF);
    char buf[128];
    assert_string_equal(ebb_level_flags_text(lv.flags, buf, sizeof buf),
                        "breath-holds, beginner-short, needs-probe, not-if-overactive");
    ebb_level_free(&lv);
    /* A breath-hold without the flag is kept, with a warning that says what to add. */
    assert_true(parse_opts(HEADER "breathe in 4s\nbreathe hold 2s\n", NULL, &lv, &d));
    assert_int_equal(d.warnings, 1);
    char msg[EBB_DIAG_MSG_MAX + 300];
    ebb_diag_format(&d, &d.items[0], msg, sizeof msg);
    assert_string_equal(msg, "t.level:5:1: warning: the level holds the breath; add 'flags "
                             "breath-holds' so the person is told before starting");
    ebb_level_free(&lv);
    expect_one(HEADER "pass 2 points\nrest 1s\n", NULL,
               "t.level:4:8: error: unexpected 'points' after the pass value; write e.g. "
               "pass 2 stars");
}

static void test_new_step_errors(void **state)
{
    (void)state;
    expect_one(HEADER "steps 20s levels 50%,40%\n", NULL,
               "t.level:4:22: error: levels 40%: each floor must be higher than the one "
               "before; the elevator climbs, then comes back down by itself");
    expect_one(HEADER "steps 20s width 20%\n", NULL,
               "t.level:4:1: error: 'steps' needs its floors, e.g. steps 20s levels "
               "25%,50%,75%");
    expect_one(HEADER "knack 70s\n", NULL, "t.level:4:7: error: knack 70s: must be 1s..60s");
    expect_one(HEADER "knack 3s below 20%\n", NULL,
               "t.level:4:10: error: a knack takes 'above P%' (its threshold), not 'below'");
    expect_one(HEADER "drop 3s above 20%\n", NULL,
               "t.level:4:9: error: a drop lets go: give it 'below P%' or a band, not 'above'");
    expect_one(HEADER "rest 3s pf below 20%\n", NULL,
               "t.level:4:9: error: 'pf' only applies to breathe steps");
    expect_one(HEADER "rest 3s score steady\n", NULL,
               "t.level:4:15: error: unknown measure 'steady'; the measures are time-in-band, "
               "release-speed, steadiness and peak");
    expect_one(HEADER "rest 3s score peak,\n", NULL,
               "t.level:4:20: error: 'score' list ends with ','");
    expect_one(HEADER "rest 3s below rest\n", NULL,
               "t.level:4:15: error: 'rest' needs an amount above it, e.g. below rest+10%");
    expect_one(HEADER "breathe in 3s pf 20%\n", NULL,
               "t.level:4:18: error: 'pf' needs a target: pf below P%, pf above P% or pf band "
               "LO%..HI%");
}

static const char overridable[] = HEADER
    "rest 5s\n"
    "repeat 5\n"
    "  squeeze 8s band 40%..80%\n"
    "  hold 4s above 50%\n"
    "  release 16s\n"
    "  repeat 2\n"
    "    flick 1s\n"
    "    rest 3s\n"
    "  end\n"
    "end\n"
    "steps 7s levels 20%,60%\n"
    "release 6s\n";

static void test_overrides(void **state)
{
    (void)state;
    ebb_level lv;
    ebb_diags d;
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.overrides.hold_ms = 10000;
    o.overrides.rest_ms = 20000;
    o.overrides.reps = 3;
    o.overrides.target = 0.9f;
    assert_true(parse_opts(overridable, &o, &lv, &d));
    /* 1 + 3 * (3 + 2 * 2) + 3 + 1 */
    assert_int_equal(lv.step_count, 26);
    assert_int_equal(lv.steps[0].duration_ms, 5000); /* a rest outside a block keeps its own */
    const ebb_step *sq = &lv.steps[1], *hold = &lv.steps[2], *rel = &lv.steps[3];
    assert_int_equal(sq->duration_ms, 10000);
    assert_float_equal(sq->lo0, 0.6f, 1e-6f); /* width 40% around 90%, slid inside 100% */
    assert_float_equal(sq->hi0, 1.0f, 1e-6f);
    assert_int_equal(hold->duration_ms, 10000);
    assert_float_equal(hold->lo0, 0.9f, 1e-6f); /* an open band: the target is its floor */
    assert_int_equal(rel->duration_ms, 20000);
    assert_int_equal(lv.steps[5].duration_ms, 20000); /* rest in a nested block */
    assert_int_equal(lv.steps[4].duration_ms, 1000);  /* flicks keep theirs */
    assert_int_equal(lv.steps[4].reps, 2);            /* inner blocks keep their count */
    assert_int_equal(lv.steps[1].reps, 3);
    assert_int_equal(lv.steps[22].duration_ms, 2330); /* the elevator is not a hold */
    assert_int_equal(lv.steps[25].duration_ms, 6000);
    /* Grace follows the new duration. */
    assert_int_equal(sq->grace_ms, 800);
    ebb_level_free(&lv);

    memset(&o, 0, sizeof o);
    o.overrides.target = 0.1f;
    assert_true(parse_opts(overridable, &o, &lv, &d));
    assert_float_equal(lv.steps[1].lo0, 0.0f, 1e-6f); /* slid up inside 0% */
    assert_float_equal(lv.steps[1].hi0, 0.4f, 1e-6f);
    assert_int_equal(lv.steps[1].duration_ms, 8000);
    ebb_level_free(&lv);

    /* Overrides are checked, and cannot take a level past the limits. */
    memset(&o, 0, sizeof o);
    o.overrides.hold_ms = 1234;
    expect_one(overridable, &o,
               "t.level: error: override hold 1234ms: must be 100ms..600s in steps of 10 ms");
    memset(&o, 0, sizeof o);
    o.overrides.reps = 201;
    expect_one(overridable, &o, "t.level: error: override reps 201: must be 1..200");
    memset(&o, 0, sizeof o);
    o.overrides.target = 1.5f;
    expect_one(overridable, &o, "t.level: error: override target 150%: must be 0%..100%");
    memset(&o, 0, sizeof o);
    o.overrides.hold_ms = 600000;
    o.overrides.reps = 200;
    expect_one(overridable, &o,
               "t.level: error: the level lasts 244818 s after expanding repeats; the limit is "
               "90 min");
}

static void test_line_offset(void **state)
{
    (void)state;
    ebb_level lv;
    ebb_diags d;
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.line_offset = 40;
    expect_one(HEADER "rest 5s\nsqueze 3s\n", &o,
               "t.level:45:1: error: unknown step 'squeze'; did you mean 'squeeze'?");
    expect_one("id a/b\ntitle \"caf\xC3\" x\n", &o,
               "t.level:42:11: error: invalid UTF-8 (byte 0xC3): save the file as UTF-8 text");
    assert_true(parse_opts(HEADER "rest 5s\n", &o, &lv, &d));
    assert_int_equal(lv.steps[0].line, 44);
    ebb_level_free(&lv);
    /* NULL options are plain ebb_level_parse. */
    assert_true(parse_opts(HEADER "rest 5s\n", NULL, &lv, &d));
    assert_int_equal(lv.steps[0].line, 4);
    ebb_level_free(&lv);
}

static void safety_notes_follow_the_flags(void **state)
{
    (void)state;
    ebb_level lv;
    memset(&lv, 0, sizeof lv);
    assert_null(ebb_level_safety_note(&lv));
    lv.flags = EBB_LEVEL_FLAG_BREATH_HOLDS | EBB_LEVEL_FLAG_BEGINNER_SHORT;
    assert_string_equal(ebb_level_safety_note(&lv),
                        "This level holds the breath: keep it gentle, and stop if you feel light-headed.");
    lv.flags = EBB_LEVEL_FLAG_NOT_IF_OVERACTIVE;
    assert_string_equal(ebb_level_safety_note(&lv),
                        "If sex is painful or your floor feels tight, start with relaxation levels first.");
    lv.flags = EBB_LEVEL_FLAG_NEEDS_PROBE;
    assert_non_null(ebb_level_safety_note(&lv));
}

/* "Did you mean": within two edits for words of six letters or more, one for shorter words,
 * ties to the earlier candidate, and nothing where every candidate is too far in length. */
static void suggestions_follow_their_rules(void **state)
{
    (void)state;
    static const char *const words[] = {"breath", "breathing", "hold", "holding",
                                        "lengthening", "relax", "caption"};
    const size_t n = sizeof words / sizeof words[0];
#define SUGGEST(w) ebb_lex_suggest(w, strlen(w), words, n)
    assert_string_equal(SUGGEST("breathin"), "breathing"); /* one edit beats two */
    assert_string_equal(SUGGEST("breathx"), "breath");     /* tie of one: the earlier */
    assert_string_equal(SUGGEST("holdd"), "hold");
    assert_string_equal(SUGGEST("HOLDINGS"), "holding"); /* case does not count */
    assert_string_equal(SUGGEST("captoin"), "caption");  /* a swap is one edit */
    assert_string_equal(SUGGEST("lengthenign"), "lengthening");
    assert_string_equal(SUGGEST("lenghtenin"), "lengthening"); /* two edits, long word */
    assert_null(SUGGEST("lengthen"));                     /* three letters short */
    assert_null(SUGGEST("rlxa"));                         /* short word: one edit only... */
    assert_string_equal(SUGGEST("relx"), "relax");        /* ...and one is enough */
    assert_null(SUGGEST("hx"));
    assert_null(SUGGEST(""));
    assert_null(SUGGEST("breathingbreathingbreathingbreathing")); /* longer than any word */
#undef SUGGEST
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elevator),
        cmocka_unit_test(test_drop_knack_breathe_pf),
        cmocka_unit_test(test_rest_relative_score_min),
        cmocka_unit_test(test_header_flags_and_pass),
        cmocka_unit_test(test_new_step_errors),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_line_offset),
        cmocka_unit_test(safety_notes_follow_the_flags),
        cmocka_unit_test(suggestions_follow_their_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
