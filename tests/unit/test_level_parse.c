/* Unit tests of the level parser: a whole valid level field by field, every diagnostic a
 * therapist is likely to meet (asserted as the exact text they will read, and by stable
 * code), the limits, and every built-in level under levels/. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/level.h"

#define HEADER "id test/all\ntitle \"T\"\nkind strengthening\n" /* lines 1-3 */

typedef struct parsed {
    bool ok;
    ebb_level lv;
    ebb_diags d;
} parsed;

static parsed *parse_n(const char *text, size_t len)
{
    parsed *p = calloc(1, sizeof *p);
    assert_non_null(p);
    ebb_diags_init(&p->d, "t.level");
    memset(&p->lv, 0xA5, sizeof p->lv); /* the parser must clear whatever was there */
    p->ok = ebb_level_parse(text, len, "t.level", &p->lv, &p->d);
    return p;
}

static parsed *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

static void done(parsed *p)
{
    ebb_level_free(&p->lv);
    free(p);
}

static void assert_diag(const parsed *p, size_t i, ebb_diag_code code, const char *expected)
{
    char buf[EBB_DIAG_MSG_MAX + 300];
    assert_true(i < p->d.count);
    ebb_diag_format(&p->d, &p->d.items[i], buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_string_equal(ebb_diag_code_name(p->d.items[i].code), ebb_diag_code_name(code));
}

static void assert_refused(const parsed *p)
{
    static const ebb_level zero;
    assert_false(p->ok);
    assert_memory_equal(&p->lv, &zero, sizeof zero);
}

/* The text must be refused with exactly one message, this one. */
static void expect_error(const char *text, ebb_diag_code code, const char *expected)
{
    parsed *p = parse(text);
    assert_refused(p);
    if (p->d.count != 1) {
        ebb_diags_print(&p->d, stderr);
    }
    assert_int_equal(p->d.count, 1);
    assert_int_equal(p->d.errors, 1);
    assert_diag(p, 0, code, expected);
    done(p);
}

/* ---- a whole valid level ---------------------------------------------------------------- */

static const char full_level[] =
    "# A level that uses every kind of step.\n"
    "ebb-level 1\n"
    "id          strengthening/test-all   # a comment after a value\n"
    "title       \"All \\\"the\\\" steps \\\\ here\"\n"
    "kind        strengthening\n"
    "character   kite\n"
    "description \"Every kind of step.\"\n"
    "pass        3\n"
    "flags       breath-holds\n"
    "\n"
    "rest 6s\n"
    "repeat 2\n"
    "  squeeze 3s band 25%..45% caption \"Squeeze\" cue hold grace 0.5s\n"
    "  hold 2s above 50%\n"
    "  repeat 3\n"
    "    flick 500ms\n"
    "  end\n"
    "  release 7s below 15%\n"
    "end\n"
    "ramp 10s from 20% to 60% width 10%\n"
    "breathe in 4s\n"
    "breathe hold 1s\n"
    "breathe out 6s\n"
    "\tbreathe hold 1.5s\n";

static void check_step(const ebb_step *s, ebb_step_kind kind, uint32_t start, uint32_t dur,
                       uint32_t grace, float lo, float hi, unsigned rep, unsigned reps,
                       unsigned line)
{
    assert_string_equal(ebb_step_kind_name(s->kind), ebb_step_kind_name(kind));
    assert_int_equal(s->start_ms, start);
    assert_int_equal(s->duration_ms, dur);
    assert_int_equal(s->grace_ms, grace);
    assert_float_equal(s->lo0, lo, 1e-6f);
    assert_float_equal(s->hi0, hi, 1e-6f);
    if (kind != EBB_STEP_RAMP) {
        assert_float_equal(s->lo1, lo, 1e-6f);
        assert_float_equal(s->hi1, hi, 1e-6f);
    }
    assert_int_equal(s->rep, rep);
    assert_int_equal(s->reps, reps);
    assert_int_equal(s->line, line);
}

static void test_full_level(void **state)
{
    (void)state;
    parsed *p = parse(full_level);
    ebb_diags_print(&p->d, stderr);
    assert_true(p->ok);
    assert_int_equal(p->d.count, 0);
    const ebb_level *lv = &p->lv;
    assert_string_equal(lv->id, "strengthening/test-all");
    assert_string_equal(lv->title, "All \"the\" steps \\ here");
    assert_string_equal(lv->description, "Every kind of step.");
    assert_string_equal(lv->character, "kite");
    assert_int_equal(lv->kind, EBB_LEVEL_STRENGTHENING);
    assert_int_equal(lv->pass_stars, 3);
    assert_int_equal(lv->flags, EBB_LEVEL_FLAG_BREATH_HOLDS);
    assert_int_equal(lv->step_count, 18);
    assert_int_equal(lv->total_ms, 55500);

    const ebb_step *s = lv->steps;
    check_step(&s[0], EBB_STEP_REST, 0, 6000, 800, 0.0f, 0.2f, 0, 0, 11);
    for (unsigned r = 0; r < 2; r++) {
        const ebb_step *b = &s[1 + r * 6];
        uint32_t t = 6000 + r * 13500;
        check_step(&b[0], EBB_STEP_SQUEEZE, t, 3000, 500, 0.25f, 0.45f, r + 1, 2, 13);
        check_step(&b[1], EBB_STEP_SQUEEZE, t + 3000, 2000, 660, 0.5f, 1.0f, r + 1, 2, 14);
        for (unsigned f = 0; f < 3; f++) {
            check_step(&b[2 + f], EBB_STEP_FLICK, t + 5000 + f * 500, 500, 160, 0.6f, 1.0f,
                       f + 1, 3, 16);
        }
        check_step(&b[5], EBB_STEP_RELEASE, t + 6500, 7000, 800, 0.0f, 0.15f, r + 1, 2, 18);
    }
    check_step(&s[13], EBB_STEP_RAMP, 33000, 10000, 0, 0.15f, 0.25f, 0, 0, 20);
    check_step(&s[14], EBB_STEP_BREATHE_IN, 43000, 4000, 800, 0.4f, 1.0f, 0, 0, 21);
    check_step(&s[15], EBB_STEP_BREATHE_HOLD, 47000, 1000, 330, 0.4f, 1.0f, 0, 0, 22);
    check_step(&s[16], EBB_STEP_BREATHE_OUT, 48000, 6000, 800, 0.0f, 0.3f, 0, 0, 23);
    check_step(&s[17], EBB_STEP_BREATHE_HOLD, 54000, 1500, 500, 0.0f, 0.3f, 0, 0, 24);

    /* Captions, cues and scoring: given ones kept, the rest from the kind. */
    assert_string_equal(s[0].caption, "Rest and let go");
    assert_string_equal(s[1].caption, "Squeeze");
    assert_string_equal(s[2].caption, "Squeeze gently and hold");
    assert_string_equal(s[3].caption, "Quick squeeze, then let go");
    assert_string_equal(s[6].caption, "Let go");
    assert_string_equal(s[13].caption, "Follow the line");
    assert_string_equal(s[14].caption, "Breathe in");
    assert_string_equal(s[15].caption, "Hold the breath gently");
    assert_string_equal(s[16].caption, "Breathe out slowly");
    assert_int_equal(s[0].cue, EBB_CUE_NONE);
    assert_int_equal(s[1].cue, EBB_CUE_HOLD);
    assert_int_equal(s[2].cue, EBB_CUE_SQUEEZE);
    assert_int_equal(s[3].cue, EBB_CUE_FLICK);
    assert_int_equal(s[6].cue, EBB_CUE_LET_GO);
    assert_int_equal(s[14].cue, EBB_CUE_BREATHE_IN);
    assert_int_equal(s[15].cue, EBB_CUE_HOLD);
    assert_int_equal(s[16].cue, EBB_CUE_BREATHE_OUT);
    assert_int_equal(s[0].score_flags, EBB_SCORE_IN_BAND | EBB_SCORE_STEADY);
    assert_int_equal(s[1].score_flags, EBB_SCORE_IN_BAND);
    assert_int_equal(s[3].score_flags, EBB_SCORE_PEAK);
    assert_int_equal(s[6].score_flags, EBB_SCORE_RELEASE | EBB_SCORE_IN_BAND);
    assert_int_equal(s[13].score_flags, EBB_SCORE_IN_BAND);
    assert_int_equal(s[14].score_flags, EBB_SCORE_IN_BAND);

    /* The ramp's band moves from 15..25% to 55..65% along the step. */
    const ebb_step *ramp = &s[13];
    float lo, hi;
    assert_float_equal(ramp->lo1, 0.55f, 1e-6f);
    assert_float_equal(ramp->hi1, 0.65f, 1e-6f);
    ebb_step_band_at(ramp, 0, &lo, &hi);
    assert_float_equal(lo, 0.15f, 1e-6f);
    assert_float_equal(hi, 0.25f, 1e-6f);
    ebb_step_band_at(ramp, 5000, &lo, &hi);
    assert_float_equal(lo, 0.35f, 1e-6f);
    assert_float_equal(hi, 0.45f, 1e-6f);
    ebb_step_band_at(ramp, 20000, &lo, &hi); /* past the end: the end band */
    assert_float_equal(lo, 0.55f, 1e-6f);
    assert_float_equal(hi, 0.65f, 1e-6f);
    ebb_step_band_at(&s[1], 1500, &lo, &hi); /* a fixed band stays put */
    assert_float_equal(lo, 0.25f, 1e-6f);
    assert_float_equal(hi, 0.45f, 1e-6f);

    /* Step lookup by time: start, inside, last step, past the end. */
    assert_int_equal(ebb_level_step_at(lv, 0), 0);
    assert_int_equal(ebb_level_step_at(lv, 5999), 0);
    assert_int_equal(ebb_level_step_at(lv, 6000), 1);
    assert_int_equal(ebb_level_step_at(lv, 11499), 3);
    assert_int_equal(ebb_level_step_at(lv, 11500), 4);
    assert_int_equal(ebb_level_step_at(lv, 55499), 17);
    assert_int_equal(ebb_level_step_at(lv, 55500), 17);
    assert_int_equal(ebb_level_step_at(lv, UINT32_MAX), 17);
    for (uint32_t ms = 0; ms < lv->total_ms; ms += 10) {
        size_t i = ebb_level_step_at(lv, ms);
        assert_true(s[i].start_ms <= ms && ms < s[i].start_ms + s[i].duration_ms);
    }
    done(p);
}

static void test_defaults_and_names(void **state)
{
    (void)state;
    parsed *p = parse("id a/b\ntitle \"T\"\nkind assessment\nrest 1s\nflick 300ms above 70%\n"
                      "ramp 2s from 95% to 0% grace 300ms\n");
    assert_true(p->ok);
    assert_int_equal(p->lv.pass_stars, 2); /* default */
    assert_string_equal(p->lv.character, "");
    assert_int_equal(p->lv.kind, EBB_LEVEL_ASSESSMENT);
    assert_int_equal(p->lv.steps[0].grace_ms, 330); /* a third of 1 s, down to a tick */
    assert_int_equal(p->lv.steps[1].grace_ms, 100);
    assert_float_equal(p->lv.steps[1].lo0, 0.7f, 1e-6f);
    /* A ramp's band is clamped to 0..100%. */
    assert_float_equal(p->lv.steps[2].lo0, 0.85f, 1e-6f);
    assert_float_equal(p->lv.steps[2].hi0, 1.0f, 1e-6f);
    assert_float_equal(p->lv.steps[2].lo1, 0.0f, 1e-6f);
    assert_float_equal(p->lv.steps[2].hi1, 0.1f, 1e-6f);
    assert_int_equal(p->lv.steps[2].grace_ms, 300);
    done(p);

    assert_string_equal(ebb_level_kind_name(EBB_LEVEL_LENGTHENING), "lengthening");
    assert_string_equal(ebb_level_kind_name(EBB_LEVEL_KIND_COUNT), "unknown");
    assert_string_equal(ebb_step_kind_name(EBB_STEP_BREATHE_OUT), "breathe out");
    assert_string_equal(ebb_cue_name(EBB_CUE_LET_GO), "let-go");
    assert_string_equal(ebb_cue_name(EBB_CUE_COUNT), "unknown");
    assert_string_equal(ebb_step_default_caption(EBB_STEP_RELEASE), "Let go");
    assert_int_equal(ebb_step_default_cue(EBB_STEP_FLICK), EBB_CUE_FLICK);
    ebb_level empty = {0};
    assert_int_equal(ebb_level_step_at(&empty, 100), 0);
    ebb_level_free(&empty);
    ebb_level_free(NULL);
}

static void test_crlf_bom_and_no_final_newline(void **state)
{
    (void)state;
    parsed *p = parse("\xEF\xBB\xBFid a/b\r\ntitle \"T\xC3\xA9\"\r\nkind breathing\r\n"
                      "rest 1s caption \"D\xC3\xA9j\xC3\xA0\"");
    ebb_diags_print(&p->d, stderr);
    assert_true(p->ok);
    assert_int_equal(p->lv.step_count, 1);
    assert_string_equal(p->lv.title, "T\xC3\xA9");
    assert_string_equal(p->lv.steps[0].caption, "D\xC3\xA9j\xC3\xA0");
    done(p);
}

static void test_not_nul_terminated(void **state)
{
    (void)state;
    /* An exact-size heap copy: ASan flags any read past the end. */
    static const char text[] = HEADER "rest 1s caption \"x\"";
    size_t len = sizeof text - 1;
    char *buf = malloc(len);
    assert_non_null(buf);
    memcpy(buf, text, len);
    parsed *p = parse_n(buf, len);
    assert_true(p->ok);
    assert_string_equal(p->lv.steps[0].caption, "x");
    done(p);

    /* Only len bytes count, whatever follows them. */
    static const char more[] = HEADER "rest 1s\nthis is not part of the level";
    p = parse_n(more, strlen(HEADER "rest 1s\n"));
    assert_true(p->ok);
    assert_int_equal(p->lv.step_count, 1);
    done(p);

    /* A buffer that ends inside a string. */
    memcpy(buf, text, len);
    p = parse_n(buf, len - 1);
    assert_refused(p);
    assert_diag(p, 0, EBB_D_SYNTAX,
                "t.level:4:17: error: unterminated string: add the closing '\"' on the same "
                "line");
    done(p);
    free(buf);
}

/* ---- diagnostics ------------------------------------------------------------------------ */

static void test_unknown_words(void **state)
{
    (void)state;
    expect_error(HEADER "squeze 3s band 25%..45%\n", EBB_D_UNKNOWN_STEP,
                 "t.level:4:1: error: unknown step 'squeze'; did you mean 'squeeze'?");
    expect_error(HEADER "rest 1s\nwobble 3s\n", EBB_D_UNKNOWN_STEP,
                 "t.level:5:1: error: unknown step 'wobble'; the steps are rest, release, "
                 "squeeze (or hold), flick, ramp, steps, drop, knack (or cough) and breathe in/out/hold");
    expect_error("id a/b\ntitel \"T\"\ntitle \"T\"\nkind breathing\nrest 1s\n",
                 EBB_D_UNKNOWN_KEY, "t.level:2:1: error: unknown key 'titel'; did you mean 'title'?");
    expect_error(HEADER "author \"me\"\nrest 1s\n", EBB_D_UNKNOWN_KEY,
                 "t.level:4:1: error: unknown key 'author'; the keys are id, title, kind, "
                 "character, description, pass and flags");
    expect_error(HEADER "rest 3s captoin \"x\"\n", EBB_D_UNKNOWN_KEY,
                 "t.level:4:9: error: unknown field 'captoin'; did you mean 'caption'?");
    expect_error(HEADER "rest 3s colour red\n", EBB_D_UNKNOWN_KEY,
                 "t.level:4:9: error: unknown field 'colour'; the fields are band, below, above, "
                 "from, to, width, levels, pf, caption, cue, grace and score");
    expect_error(HEADER "release 3s cue let_go\n", EBB_D_BAD_VALUE,
                 "t.level:4:16: error: unknown cue 'let_go'; did you mean 'let-go'?");
    expect_error(HEADER "breathe inn 3s\n", EBB_D_UNKNOWN_STEP,
                 "t.level:4:9: error: unknown breathe phase 'inn'; did you mean 'in'?");
    expect_error(HEADER "breathe 3s\n", EBB_D_SYNTAX,
                 "t.level:4:9: error: 'breathe' needs a phase: in, out or hold");
    expect_error("id a/b\ntitle \"T\"\nkind strenghtening\nrest 1s\n", EBB_D_BAD_VALUE,
                 "t.level:3:6: error: unknown kind 'strenghtening'; did you mean 'strengthening'?");
    expect_error(HEADER "flags breath-hold\nrest 1s\n", EBB_D_BAD_VALUE,
                 "t.level:4:7: error: unknown flag 'breath-hold'; did you mean 'breath-holds'?");
    expect_error(HEADER "rest 1s 40%\n", EBB_D_SYNTAX,
                 "t.level:4:9: error: expected a field (band, below, above, caption, cue, grace, "
                 "score...), found '40%'");
}

static void test_units_and_ranges(void **state)
{
    (void)state;
    expect_error(HEADER "rest 4sec\n", EBB_D_BAD_VALUE,
                 "t.level:4:6: error: rest 4sec: unknown unit 'sec'; write the duration like 4s, "
                 "500ms or 2min");
    expect_error(HEADER "rest 4\n", EBB_D_BAD_VALUE,
                 "t.level:4:6: error: rest 4: the duration has no unit; write it like 4s, "
                 "500ms or 2min");
    expect_error(HEADER "rest\n", EBB_D_MISSING,
                 "t.level:4:5: error: 'rest' needs a duration, e.g. rest 4s, 500ms or 2min");
    expect_error(HEADER "rest 4s below 20\n", EBB_D_BAD_VALUE,
                 "t.level:4:15: error: below 20: the percentage has no unit; write it like 40%");
    expect_error(HEADER "squeeze 3s above 120%\n", EBB_D_RANGE,
                 "t.level:4:18: error: above 120%: must be 0%..100%");
    expect_error(HEADER "flick 1s above -5%\n", EBB_D_RANGE,
                 "t.level:4:16: error: above -5%: must be 0%..100%");
    expect_error(HEADER "squeeze 3s band 80%..40%\n", EBB_D_RANGE,
                 "t.level:4:17: error: band 80%..40%: the low end must be below the high end");
    expect_error(HEADER "squeeze 3s band 40%..40%\n", EBB_D_RANGE,
                 "t.level:4:17: error: band 40%..40%: the low end must be below the high end");
    expect_error(HEADER "squeeze 3s band 40%\n", EBB_D_BAD_VALUE,
                 "t.level:4:20: error: 'band' needs two ends, LO%..HI%, e.g. band 25%..45%");
    expect_error(HEADER "rest 50ms\n", EBB_D_RANGE,
                 "t.level:4:6: error: rest 50ms: must be 100ms..600s");
    expect_error(HEADER "rest 11min\n", EBB_D_RANGE,
                 "t.level:4:6: error: rest 11min: must be 100ms..600s");
    expect_error(HEADER "rest 4mins\n", EBB_D_BAD_VALUE,
                 "t.level:4:6: error: rest 4mins: unknown unit 'mins'; write the duration like "
                 "4s, 500ms or 2min");
    expect_error(HEADER "rest 601s\n", EBB_D_RANGE,
                 "t.level:4:6: error: rest 601s: must be 100ms..600s");
    expect_error(HEADER "pass 5\nrest 1s\n", EBB_D_RANGE, "t.level:4:6: error: pass 5: must be 0..3");
    expect_error(HEADER "pass 2.5\nrest 1s\n", EBB_D_BAD_VALUE,
                 "t.level:4:6: error: pass 2.5: must be a whole number 0..3");
    expect_error(HEADER "repeat 0\nrest 1s\nend\n", EBB_D_RANGE,
                 "t.level:4:8: error: repeat 0: must be 1..200");
    expect_error(HEADER "repeat 1000\nrest 1s\nend\n", EBB_D_RANGE,
                 "t.level:4:8: error: repeat 1000: must be 1..200");
    expect_error(HEADER "ramp 4s from 10%\n", EBB_D_MISSING,
                 "t.level:4:1: error: 'ramp' needs 'from' and 'to', e.g. ramp 10s from 20% to "
                 "60%");
    expect_error(HEADER "squeeze 4s\n", EBB_D_MISSING,
                 "t.level:4:1: error: 'squeeze' needs a target: band LO%..HI% or above P%");
    expect_error(HEADER "hold 4s below 20%\n", EBB_D_BAD_VALUE,
                 "t.level:4:9: error: a squeeze needs 'band' or 'above', not 'below'");
    expect_error(HEADER "rest 4s from 10%\n", EBB_D_BAD_VALUE,
                 "t.level:4:9: error: 'from' only applies to ramp steps");
    expect_error(HEADER "rest 4s below 10% above 5%\n", EBB_D_DUPLICATE,
                 "t.level:4:19: error: 'below' and 'above' both set the target; give only one");
    expect_error(HEADER "rest 4s caption \"a\" caption \"b\"\n", EBB_D_DUPLICATE,
                 "t.level:4:21: error: duplicate field 'caption' in this step");
    expect_error(HEADER "breathe hold 4s\nbreathe in 4s\n", EBB_D_MISSING,
                 "t.level:4:1: error: 'breathe hold' has no breathe step before it to take its "
                 "band from; give it band, below or above");
    expect_error("id Breathing/Box\ntitle \"T\"\nkind breathing\nrest 1s\n", EBB_D_BAD_VALUE,
                 "t.level:1:4: error: id 'Breathing/Box' is not valid: use lower-case letters, "
                 "digits and '-' with one '/', at most 64 characters (e.g. breathing/box)");
    expect_error("id a/b\ntitle T\nkind breathing\nrest 1s\n", EBB_D_BAD_VALUE,
                 "t.level:2:7: error: 'title' must be a quoted string, e.g. title \"Box "
                 "breathing\"");
}

static void test_warnings_keep_the_level(void **state)
{
    (void)state;
    parsed *p = parse(HEADER "rest 1234ms\nsqueeze 3s above 50% grace 2s\n");
    assert_true(p->ok);
    assert_int_equal(p->d.errors, 0);
    assert_int_equal(p->d.warnings, 2);
    assert_diag(p, 0, EBB_D_STYLE,
                "t.level:4:6: warning: rest 1234ms is not a whole number of 10 ms ticks; "
                "rounded to 1230ms");
    assert_diag(p, 1, EBB_D_RANGE,
                "t.level:5:22: warning: grace 2s is more than a third of the step; using 1s");
    assert_int_equal(p->lv.steps[0].duration_ms, 1230);
    assert_int_equal(p->lv.steps[1].start_ms, 1230);
    assert_int_equal(p->lv.steps[1].grace_ms, 1000);
    assert_int_equal(p->lv.total_ms, 4230);
    done(p);

    p = parse(HEADER "rest 1s\nrepeat 2\nend\n");
    assert_true(p->ok);
    assert_diag(p, 0, EBB_D_STYLE, "t.level:5:1: warning: 'repeat' on line 5 has no steps");
    done(p);
}

static void test_repeat_nesting(void **state)
{
    (void)state;
    expect_error(HEADER "rest 1s\nrepeat 3\n  rest 1s\n", EBB_D_NESTING,
                 "t.level:5:1: error: 'repeat' on line 5 has no matching 'end'");
    expect_error(HEADER "rest 1s\nend\n", EBB_D_NESTING,
                 "t.level:5:1: error: 'end' without a matching 'repeat'");
    expect_error(HEADER "repeat 1\nrepeat 1\nrepeat 1\nrepeat 1\n  repeat 1\n    rest 1s\n"
                        "  end\nend\nend\nend\nend\n",
                 EBB_D_NESTING, "t.level:8:3: error: repeat blocks nest 5 deep here; the limit is 4");
    expect_error(HEADER "repeat 2\nrest 1s\nend junk\n", EBB_D_SYNTAX,
                 "t.level:6:5: error: unexpected 'junk' after 'end'");

    /* Four deep is allowed; rep and reps follow the innermost block. */
    parsed *p = parse(HEADER "repeat 2\nrepeat 2\nrepeat 2\nrepeat 3\nrest 100ms\nend\nend\nend\n"
                             "rest 100ms\nend\n");
    assert_true(p->ok);
    assert_int_equal(p->lv.step_count, 2 * (2 * 2 * 3 + 1));
    assert_int_equal(p->lv.steps[2].rep, 3);
    assert_int_equal(p->lv.steps[2].reps, 3);
    assert_int_equal(p->lv.steps[12].rep, 1);
    assert_int_equal(p->lv.steps[12].reps, 2);
    assert_int_equal(p->lv.steps[12].line, 12);
    done(p);
}

static void test_limits(void **state)
{
    (void)state;
    expect_error(HEADER "repeat 200\n repeat 26\n  rest 100ms\n end\nend\n", EBB_D_LIMIT,
                 "t.level: error: the level has 5200 steps after expanding repeats; the limit "
                 "is 5000");
    expect_error(HEADER "repeat 10\n rest 600s\nend\n", EBB_D_LIMIT,
                 "t.level: error: the level lasts 6000 s after expanding repeats; the limit is "
                 "90 min");
    /* Four nested repeats of 200: 1.6 billion steps, measured without overflow or hang. */
    parsed *p = parse(HEADER "repeat 200\nrepeat 200\nrepeat 200\nrepeat 200\nrest 600s\n"
                             "end\nend\nend\nend\n");
    assert_refused(p);
    assert_int_equal(p->d.errors, 2);
    assert_diag(p, 0, EBB_D_LIMIT,
                "t.level: error: the level has 1600000000 steps after expanding repeats; the "
                "limit is 5000");
    done(p);

    /* Exactly at the limits is fine. */
    p = parse(HEADER "repeat 200\n repeat 25\n  rest 100ms\n end\nend\nrepeat 9\n rest 600s\n"
                     "end\n");
    assert_refused(p); /* 5009 steps */
    done(p);
    p = parse(HEADER "repeat 200\n repeat 25\n  rest 270ms\n end\nend\n");
    assert_true(p->ok);
    assert_int_equal(p->lv.step_count, 5000);
    assert_int_equal(p->lv.total_ms, 1350000);
    assert_int_equal(p->lv.steps[4999].start_ms, 1350000 - 270);
    done(p);
    p = parse(HEADER "repeat 9\n rest 600s\nend\n");
    assert_true(p->ok);
    assert_int_equal(p->lv.total_ms, EBB_LEVEL_TOTAL_MS_MAX);
    done(p);
}

static void test_strings_and_lines(void **state)
{
    (void)state;
    expect_error(HEADER "rest 1s caption \"Let go\n", EBB_D_SYNTAX,
                 "t.level:4:17: error: unterminated string: add the closing '\"' on the same "
                 "line");
    expect_error(HEADER "rest 1s caption \"a\\nb\"\n", EBB_D_SYNTAX,
                 "t.level:4:19: error: unknown escape in string: only \\\" and \\\\ are allowed");
    expect_error(HEADER "rest 1s @\n", EBB_D_SYNTAX,
                 "t.level:4:9: error: unexpected character '@'");

    char text[1200];
    char big[EBB_LEVEL_STRING_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    snprintf(text, sizeof text, HEADER "rest 1s caption \"%s\"\n", big);
    expect_error(text, EBB_D_TOO_BIG,
                 "t.level:4:17: error: string is 161 bytes long; the limit is 160");
    big[sizeof big - 2] = '\0'; /* exactly 160 is fine */
    snprintf(text, sizeof text, HEADER "rest 1s caption \"%s\"\n", big);
    parsed *p = parse(text);
    assert_true(p->ok);
    assert_int_equal(strlen(p->lv.steps[0].caption), EBB_LEVEL_STRING_MAX);
    done(p);

    char pad[EBB_LEVEL_LINE_MAX];
    memset(pad, ' ', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    snprintf(text, sizeof text, HEADER "rest 1s\nrest 1s%s\nrest 1s # %s\n", pad, pad);
    p = parse(text); /* 406 characters, then 409 */
    assert_refused(p);
    assert_int_equal(p->d.errors, 2);
    assert_diag(p, 0, EBB_D_TOO_BIG,
                "t.level:5:401: error: line is 406 characters long; the limit is 400");
    assert_diag(p, 1, EBB_D_TOO_BIG,
                "t.level:6:401: error: line is 409 characters long; the limit is 400");
    done(p);
}

static void test_header_rules(void **state)
{
    (void)state;
    expect_error(HEADER "rest 1s\ndescription \"late\"\n", EBB_D_ORDER,
                 "t.level:5:1: error: header key 'description' must come before the first step "
                 "(line 4)");
    expect_error(HEADER "title \"again\"\nrest 1s\n", EBB_D_DUPLICATE,
                 "t.level:4:1: error: duplicate key 'title': it is already given on line 2");
    expect_error("ebb-level 2\n" HEADER "rest 1s\n", EBB_D_BAD_VALUE,
                 "t.level:1:11: error: format version '2' is not supported; this Ebb reads "
                 "'ebb-level 1'");
    expect_error(HEADER "ebb-level 1\nrest 1s\n", EBB_D_ORDER,
                 "t.level:4:1: error: 'ebb-level 1' must be the first line of the file");
    expect_error(HEADER "pass\nrest 1s\n", EBB_D_MISSING,
                 "t.level:4:5: error: 'pass' needs a value, e.g. pass 2");
    expect_error(HEADER "character a b\nrest 1s\n", EBB_D_SYNTAX,
                 "t.level:4:13: error: unexpected 'b' after the character");

    /* Comments and blank lines before the version line are fine. */
    parsed *p = parse("# hello\n\n   # more\nebb-level 1\n" HEADER "rest 1s\n");
    assert_true(p->ok);
    done(p);

    /* Missing required keys: at the first step, or for the whole file when there is none. */
    p = parse("# only steps\n  rest 1s\n");
    assert_refused(p);
    assert_int_equal(p->d.errors, 3);
    assert_diag(p, 0, EBB_D_MISSING,
                "t.level:2:3: error: missing required header key 'id'; add it before the first "
                "step, e.g. id breathing/box");
    assert_diag(p, 1, EBB_D_MISSING,
                "t.level:2:3: error: missing required header key 'title'; add it before the "
                "first step, e.g. title \"Box breathing\"");
    assert_diag(p, 2, EBB_D_MISSING,
                "t.level:2:3: error: missing required header key 'kind'; add it before the "
                "first step, e.g. kind breathing");
    done(p);

    p = parse("");
    assert_refused(p);
    assert_int_equal(p->d.errors, 4);
    assert_diag(p, 0, EBB_D_MISSING,
                "t.level: error: missing required header key 'id'; add it before the first "
                "step, e.g. id breathing/box");
    assert_diag(p, 3, EBB_D_EMPTY,
                "t.level: error: the level has no steps; add at least one, e.g. rest 4s");
    done(p);
}

static void test_binary_and_size(void **state)
{
    (void)state;
    static const char nul[] = HEADER "rest 1s\0\0\0\0\0\0\0\0\0\0\n";
    parsed *p = parse_n(nul, sizeof nul - 1);
    assert_refused(p);
    assert_int_equal(p->d.count, 1);
    assert_diag(p, 0, EBB_D_BINARY,
                "t.level:4:8: error: NUL byte: this looks like a binary file, not level text");
    done(p);

    expect_error(HEADER "rest 1s caption \"\xff\xfe\xfd\"\n", EBB_D_BINARY,
                 "t.level:4:18: error: invalid UTF-8 (byte 0xFF): save the file as UTF-8 text");
    expect_error("id a/b\n\xC0\xAF overlong\n", EBB_D_BINARY,
                 "t.level:2:1: error: invalid UTF-8 (byte 0xC0): save the file as UTF-8 text");

    size_t len = EBB_LEVEL_FILE_MAX + 1;
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, '\n', len);
    p = parse_n(big, len);
    assert_refused(p);
    assert_diag(p, 0, EBB_D_TOO_BIG,
                "t.level: error: file is 262145 bytes; the limit is 256 KiB (262144 bytes)");
    done(p);
    free(big);
}

static void test_many_errors_all_reported(void **state)
{
    (void)state;
    parsed *p = parse("id a/b\n"
                      "title \"T\"\n"
                      "kind breathing\n"
                      "squeze 3s band 25%..45%\n"
                      "rest 4sec\n"
                      "repeat 3\n"
                      "  squeeze 3s band 80%..40% captoin \"x\"\n"
                      "  release 3s below 120% cue nope\n"
                      "end\n"
                      "end\n"
                      "title \"late\"\n");
    assert_refused(p);
    static const char *const expected[] = {
        "t.level:4:1: error: unknown step 'squeze'; did you mean 'squeeze'?",
        "t.level:5:6: error: rest 4sec: unknown unit 'sec'; write the duration like 4s, 500ms "
        "or 2min",
        "t.level:7:19: error: band 80%..40%: the low end must be below the high end",
        "t.level:7:28: error: unknown field 'captoin'; did you mean 'caption'?",
        "t.level:8:20: error: below 120%: must be 0%..100%",
        "t.level:10:1: error: 'end' without a matching 'repeat'",
        "t.level:11:1: error: header key 'title' must come before the first step (line 4)",
        "t.level:11:1: error: duplicate key 'title': it is already given on line 2",
    };
    size_t n = sizeof expected / sizeof expected[0];
    if (p->d.count != n) {
        ebb_diags_print(&p->d, stderr);
    }
    assert_int_equal(p->d.count, n);
    for (size_t i = 0; i < n; i++) {
        char buf[EBB_DIAG_MSG_MAX + 300];
        ebb_diag_format(&p->d, &p->d.items[i], buf, sizeof buf);
        assert_string_equal(buf, expected[i]);
    }
    done(p);
}

/* ---- the built-in levels ---------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void check_level_file(const char *path, size_t *found)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(EBB_LEVEL_FILE_MAX + 1);
    assert_non_null(buf);
    size_t len = fread(buf, 1, EBB_LEVEL_FILE_MAX + 1, f);
    fclose(f);
    ebb_diags d;
    ebb_diags_init(&d, path);
    ebb_level lv;
    bool ok = ebb_level_parse(buf, len, path, &lv, &d);
    ebb_diags_print(&d, stderr);
    assert_true(ok);
    assert_int_equal(d.errors, 0);
    assert_true(lv.step_count > 0);
    ebb_level_free(&lv);
    free(buf);
    (*found)++;
}

static void walk_levels(const char *dir, size_t *found, int depth)
{
    assert_true(depth < 8);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            walk_levels(path, found, depth + 1);
        } else if (ends_with(e->d_name, ".level")) {
            check_level_file(path, found);
        }
    }
    closedir(dp);
}

static void test_builtin_levels(void **state)
{
    (void)state;
    size_t found = 0;
    walk_levels(EBB_SOURCE_DIR "/levels", &found, 0);
    assert_true(found >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_level),
        cmocka_unit_test(test_defaults_and_names),
        cmocka_unit_test(test_crlf_bom_and_no_final_newline),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_unknown_words),
        cmocka_unit_test(test_units_and_ranges),
        cmocka_unit_test(test_warnings_keep_the_level),
        cmocka_unit_test(test_repeat_nesting),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_strings_and_lines),
        cmocka_unit_test(test_header_rules),
        cmocka_unit_test(test_binary_and_size),
        cmocka_unit_test(test_many_errors_all_reported),
        cmocka_unit_test(test_builtin_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
