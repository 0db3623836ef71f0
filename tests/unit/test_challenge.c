/* Challenges: the `challenge N ...` lines of the level language (what each challenge plays,
 * a pack's overrides winning over them) and the pure logic that offers a harder or gentler
 * one (core/challenge.h), as tables that print what they got. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/challenge.h"
#include "core/level.h"

static const char level_text[] =
    "id test/challenge\ntitle \"T\"\nkind strengthening\n"
    "challenge 2 hold 9s rest 18s width 30%\n"
    "challenge 3 below 10%\n"
    "rest 5s below 20%\n"
    "repeat 2\n"
    "  squeeze 8s band 40%..80%\n"
    "  release 16s below 20%\n"
    "end\n"
    "repeat 2\n"
    "  flick 2s above 55%\n"
    "  rest 3s below 20%\n"
    "end\n";

static void build(unsigned challenge, const ebb_level_overrides *ov, ebb_level *lv)
{
    ebb_diags d;
    ebb_diags_init(&d, "t.level");
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.challenge = challenge;
    if (ov) {
        o.overrides = *ov;
    }
    bool ok = ebb_level_parse_ex(level_text, strlen(level_text), "t.level", &o, lv, &d);
    if (!ok) {
        ebb_diags_print(&d, stderr);
    }
    assert_true(ok);
}

static void test_language(void **state)
{
    (void)state;
    /* challenge asked, challenge built, hold, release, release ceiling, band lo, band hi,
     * the flick's rest (never stretched) */
    static const struct {
        unsigned want, got;
        uint32_t hold, release;
        float ceiling, lo, hi;
        uint32_t flick_rest;
    } cases[] = {
        {0, 1, 8000, 16000, 0.20f, 0.40f, 0.80f, 3000},
        {1, 1, 8000, 16000, 0.20f, 0.40f, 0.80f, 3000},
        {2, 2, 9000, 18000, 0.20f, 0.45f, 0.75f, 3000},
        {3, 3, 8000, 16000, 0.10f, 0.40f, 0.80f, 3000},
        {4, 3, 8000, 16000, 0.10f, 0.40f, 0.80f, 3000}, /* past the last: the last */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ebb_level lv;
        build(cases[i].want, NULL, &lv);
        const ebb_step *sq = &lv.steps[1], *rel = &lv.steps[2], *fr = &lv.steps[6];
        printf("challenge %u: built %u, hold %u, release %u <%.2f, band %.2f..%.2f, flick rest %u\n",
               cases[i].want, lv.challenge, sq->duration_ms, rel->duration_ms,
               (double)rel->hi0, (double)sq->lo0, (double)sq->hi0, fr->duration_ms);
        assert_int_equal(lv.challenge_count, 3);
        assert_int_equal(lv.challenge, cases[i].got);
        assert_int_equal(sq->kind, EBB_STEP_SQUEEZE);
        assert_int_equal(sq->duration_ms, cases[i].hold);
        assert_int_equal(rel->duration_ms, cases[i].release);
        assert_float_equal(rel->hi0, cases[i].ceiling, 1e-6f);
        assert_float_equal(lv.steps[0].hi0, cases[i].ceiling, 1e-6f);
        assert_float_equal(sq->lo0, cases[i].lo, 1e-6f);
        assert_float_equal(sq->hi0, cases[i].hi, 1e-6f);
        assert_int_equal(fr->kind, EBB_STEP_REST);
        assert_int_equal(fr->duration_ms, cases[i].flick_rest);
        ebb_level_free(&lv);
    }
    /* A pack's own hold wins over the challenge's; the challenge's width still applies. */
    ebb_level_overrides ov;
    memset(&ov, 0, sizeof ov);
    ov.hold_ms = 6000;
    ebb_level lv;
    build(2, &ov, &lv);
    assert_int_equal(lv.steps[1].duration_ms, 6000);
    assert_int_equal(lv.steps[2].duration_ms, 18000);
    assert_float_equal(lv.steps[1].hi0 - lv.steps[1].lo0, 0.30f, 1e-6f);
    assert_int_equal(lv.challenges[1].line, 4);
    ebb_level_free(&lv);
}

#define N nanf("")

static void test_offers(void **state)
{
    (void)state;
    const ebb_challenge_session good = {true, 0.85f, 0.10f, 0.05f, N};
    const ebb_challenge_session fine = {true, 0.65f, 0.10f, 0.05f, N};
    const ebb_challenge_session hard = {true, 0.30f, 0.25f, 0.09f, N};
    const ebb_challenge_session stopped = {false, 0.90f, 0.05f, 0.01f, N};
    const ebb_challenge_session calm_rest = {true, 0.60f, 0.08f, 0.02f, N}; /* low and steady */
    const ebb_challenge_session unknown = {true, N, N, N, N};
    /* Breathing, with a breath channel: the pace followed (most phases), or not. */
    const ebb_challenge_session paced = {true, 0.60f, 0.20f, 0.08f, 0.90f};
    const ebb_challenge_session lost_pace = {true, 0.40f, 0.20f, 0.08f, 0.30f};
    const ebb_challenge_session half_pace = {true, 0.40f, 0.20f, 0.08f, 0.60f};
    static const struct {
        const char *name;
        ebb_level_kind kind;
        int current, count, cap;
        bool fixed, relax_first;
        size_t n;
        ebb_challenge_offer_kind want;
        int to;
    } cases[] = {
        {"three good", EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, false, 3, EBB_OFFER_UP, 2},
        {"two good", EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, false, 2, EBB_OFFER_NONE, 0},
        {"good good fine", EBB_LEVEL_LENGTHENING, 2, 4, 0, false, false, 3, EBB_OFFER_NONE, 0},
        {"at the top", EBB_LEVEL_STRENGTHENING, 4, 4, 0, false, false, 3, EBB_OFFER_NONE, 0},
        {"capped", EBB_LEVEL_STRENGTHENING, 2, 4, 2, false, false, 3, EBB_OFFER_NONE, 0},
        {"fixed", EBB_LEVEL_STRENGTHENING, 1, 4, 0, true, false, 3, EBB_OFFER_NONE, 0},
        {"relaxation first", EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, true, 3, EBB_OFFER_NONE, 0},
        {"relaxation first, lengthening", EBB_LEVEL_LENGTHENING, 1, 4, 0, false, true, 3, EBB_OFFER_UP, 2},
        {"no challenges", EBB_LEVEL_STRENGTHENING, 1, 1, 0, false, false, 3, EBB_OFFER_NONE, 0},
        {"two hard", EBB_LEVEL_STRENGTHENING, 3, 4, 0, false, false, 2, EBB_OFFER_DOWN, 2},
        {"two hard, relaxation first", EBB_LEVEL_STRENGTHENING, 3, 4, 0, false, true, 2, EBB_OFFER_DOWN, 2},
        {"two hard at 1", EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, false, 2, EBB_OFFER_NONE, 0},
        {"stopped twice", EBB_LEVEL_BREATHING, 2, 4, 0, false, false, 2, EBB_OFFER_DOWN, 1},
        {"calm rest", EBB_LEVEL_LENGTHENING, 1, 4, 0, false, false, 3, EBB_OFFER_UP, 2},
        {"calm rest, strengthening", EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, false, 3, EBB_OFFER_NONE, 0},
        {"unknown metrics", EBB_LEVEL_STRENGTHENING, 2, 4, 0, false, false, 3, EBB_OFFER_NONE, 0},
        {"paced breaths", EBB_LEVEL_BREATHING, 1, 4, 0, false, false, 3, EBB_OFFER_UP, 2},
        {"paced breaths, strengthening", EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, false, 3, EBB_OFFER_NONE, 0},
        {"paced breaths, capped", EBB_LEVEL_BREATHING, 2, 4, 2, false, false, 3, EBB_OFFER_NONE, 0},
        {"lost pace twice", EBB_LEVEL_BREATHING, 3, 4, 0, false, false, 2, EBB_OFFER_DOWN, 2},
        {"half pace twice, lengthening", EBB_LEVEL_LENGTHENING, 3, 4, 0, false, false, 2, EBB_OFFER_DOWN, 2},
        {"half pace twice", EBB_LEVEL_BREATHING, 3, 4, 0, false, false, 2, EBB_OFFER_NONE, 0},
        {"half pace thrice", EBB_LEVEL_BREATHING, 1, 4, 0, false, false, 3, EBB_OFFER_NONE, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ebb_challenge_session s[4];
        size_t n = cases[i].n;
        for (size_t k = 0; k < n; k++) {
            const char *nm = cases[i].name;
            s[k] = strstr(nm, "good fine") ? (k == n - 1 ? fine : good)
                 : strstr(nm, "hard")      ? hard
                 : strstr(nm, "stopped")   ? stopped
                 : strstr(nm, "calm")      ? calm_rest
                 : strstr(nm, "unknown")   ? unknown
                 : strstr(nm, "paced")     ? paced
                 : strstr(nm, "lost pace") ? lost_pace
                 : strstr(nm, "half pace") ? half_pace
                                           : good;
        }
        ebb_challenge_input in = {cases[i].kind, cases[i].current, cases[i].count, cases[i].cap,
                                  cases[i].fixed, cases[i].relax_first, 0.10f, s, n};
        ebb_challenge_offer o;
        ebb_challenge_decide(&in, &o);
        printf("%-32s -> %d to %d: %s\n", cases[i].name, (int)o.kind, o.to, o.text);
        assert_int_equal(o.kind, cases[i].want);
        assert_int_equal(o.to, cases[i].to);
        assert_true((o.kind == EBB_OFFER_NONE) == (o.text[0] == '\0'));
        if (o.kind != EBB_OFFER_NONE) {
            assert_non_null(strstr(o.text, "Would you like"));
        }
    }
    /* A good run broken by one hard session starts again. */
    ebb_challenge_session mixed[4] = {good, good, hard, good};
    ebb_challenge_input in = {EBB_LEVEL_STRENGTHENING, 1, 4, 0, false, false, 0.1f, mixed, 4};
    ebb_challenge_offer o;
    ebb_challenge_decide(&in, &o);
    assert_int_equal(o.kind, EBB_OFFER_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_offers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
