/* Metrics through the real session runner and real level files: the Glazer-style check on a
 * synthetic person whose every value is known, `rest+N%` and breath-phase `pf` targets in
 * the score, the simulated relaxed and overactive people, and the sentences against a test
 * double of the person's past.
 *
 * Tolerances: levels 1e-3 (float sums over thousands of ticks); times one tick (10 ms) for a
 * single edge, two (20 ms) for a time between edges. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/level.h"
#include "core/session.h"
#include "core/sim.h"

#define CHECK_NEAR(name, what, got, want, tol)                                               \
    do {                                                                                      \
        const double g_ = (double)(got), w_ = (double)(want);                                 \
        if (!(fabs(g_ - w_) <= (tol))) {                                                      \
            print_error("%s: %s = %.4f, expected %.4f +- %.4f\n", (name), (what), g_, w_,   \
                        (double)(tol));                                                       \
            fail();                                                                           \
        }                                                                                     \
    } while (0)

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[64 * 1024];
    *len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

static void load_level(const char *rel, ebb_level *lv)
{
    char path[512];
    snprintf(path, sizeof path, "%s/levels/%s", EBB_SOURCE_DIR, rel);
    size_t len = 0;
    const char *text = read_all(path, &len);
    ebb_diags d;
    ebb_diags_init(&d, path);
    assert_true(ebb_level_parse(text, len, path, lv, &d));
}

static bool parse_text(const char *text, ebb_level *lv)
{
    ebb_diags d;
    ebb_diags_init(&d, "t.level");
    return ebb_level_parse(text, strlen(text), "t.level", lv, &d);
}

/* ---- the Glazer-style check on a person whose values are known ------------------------ */

/* Effort at level time ms: rests are square waves (pre 0.05 +- 0.01, post 0.07 +- 0.02),
 * flicks rise at 200 ms over 100 ms to 0.8, stay 100 ms and fall over 300 ms, holds rise
 * over 200 ms to 0.6 and fall over 500 ms once the hold ends, the endurance hold falls
 * linearly from 0.6 to 0.3 over its 60 s. */
static float glazer_person(const ebb_level *lv, uint32_t ms)
{
    const size_t i = ebb_level_step_at(lv, ms);
    const ebb_step *st = &lv->steps[i];
    const double t = (double)(ms - st->start_ms);
    const bool odd = (ms / 10u) % 2u;
    const ebb_step *prev = i > 0 ? &lv->steps[i - 1] : NULL;
    switch (st->kind) {
    case EBB_STEP_FLICK:
        if (t < 200) return 0.05f;
        if (t < 300) return (float)(0.05 + 0.75 * (t - 200) / 100);
        if (t < 400) return 0.8f;
        if (t < 700) return (float)(0.8 - 0.75 * (t - 400) / 300);
        return 0.05f;
    case EBB_STEP_SQUEEZE:
        if (st->duration_ms >= 30000) {
            return (float)(0.6 - 0.3 * t / 60000.0);
        }
        return t < 200 ? (float)(0.05 + 0.55 * t / 200) : 0.6f;
    case EBB_STEP_RELEASE:
        if (prev && prev->kind == EBB_STEP_SQUEEZE && t < 500) {
            return (float)(0.6 - 0.55 * t / 500);
        }
        return 0.05f;
    default:
        if (i + 1 == lv->step_count) {
            return odd ? 0.09f : 0.05f; /* post-rest */
        }
        return odd ? 0.06f : 0.04f;
    }
}

static void glazer_check_matches_known_person(void **state)
{
    (void)state;
    ebb_level lv;
    load_level("assessment/glazer-check.level", &lv);
    ebb_session *s = ebb_session_create(&lv);
    const ebb_calib uv = {EBB_UNIT_UV, 2.0f, 52.0f};
    ebb_session_set_calib(s, &uv);
    ebb_tick_events ev;
    for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
        ebb_frame f = ebb_frame_pf(glazer_person(&lv, ms));
        f.raw[EBB_CH_PF] = 2.0f + 50.0f * f.effort[EBB_CH_PF];
        ebb_session_tick(s, &f, &ev);
    }
    const ebb_result *r = ebb_session_result(s);
    assert_non_null(r->metrics);
    const ebb_metrics_assessment *a = &r->metrics->assessment;
    assert_true(a->present);
    const char *n = "glazer";
    CHECK_NEAR(n, "pre_rest.mean", a->pre_rest.mean, 0.05, 1e-3);
    CHECK_NEAR(n, "pre_rest.sd", a->pre_rest.sd, 0.01, 1e-3);
    CHECK_NEAR(n, "pre_rest.cv", a->pre_rest.cv, 0.2, 1e-3);
    CHECK_NEAR(n, "pre_rest.mean_unit (uV)", a->pre_rest.mean_unit, 4.5, 1e-2);
    CHECK_NEAR(n, "pre_rest.sd_unit (uV)", a->pre_rest.sd_unit, 0.5, 1e-2);
    CHECK_NEAR(n, "post_rest.mean", a->post_rest.mean, 0.07, 1e-3);
    CHECK_NEAR(n, "post_rest.sd", a->post_rest.sd, 0.02, 1e-3);
    CHECK_NEAR(n, "post_rest.mean_unit (uV)", a->post_rest.mean_unit, 5.5, 1e-2);
    CHECK_NEAR(n, "flicks", a->flicks, 5, 0);
    CHECK_NEAR(n, "flick_peak", a->flick_peak, 0.8, 1e-3);
    CHECK_NEAR(n, "flick_peak_unit (uV)", a->flick_peak_unit, 42.0, 1e-2);
    /* Onset: crossing rest + 3 % of MVC, 0.03/0.75 of the 100 ms rise after 200 ms. */
    CHECK_NEAR(n, "flick_onset_ms", a->flick_onset_ms, 204, 10);
    CHECK_NEAR(n, "flick_rise_ms", a->flick_rise_ms, 80, 20);
    /* From the peak (300 ms) to 0.2: 100 ms at the top and 0.6/0.75 of the 300 ms fall. */
    CHECK_NEAR(n, "flick_release_ms", a->flick_release_ms, 340, 20);
    CHECK_NEAR(n, "holds", a->holds, 5, 0);
    CHECK_NEAR(n, "hold_mean", a->hold_mean, 0.6, 1e-3);
    CHECK_NEAR(n, "hold_peak", a->hold_peak, 0.6, 1e-3);
    CHECK_NEAR(n, "hold_peak_unit (uV)", a->hold_peak_unit, 32.0, 1e-2);
    /* Back under the release step's ceiling 0.20 + 0.03: (0.6-0.23)/0.55 of 500 ms. */
    CHECK_NEAR(n, "hold_release_ms", a->hold_release_ms, 500.0 * 0.37 / 0.55, 10);
    /* Endurance, scored after the 0.8 s grace: means of a straight line are its midpoints. */
    const double g = lv.steps[lv.step_count - 2].grace_ms / 1000.0;
    const double first_mid = g + 5.0 - 0.005, last_mid = 55.0 - 0.005, all_mid = (g + 60.0 - 0.01) / 2;
    CHECK_NEAR(n, "endurance_first", a->endurance_first, 0.6 - 0.3 * first_mid / 60, 1e-3);
    CHECK_NEAR(n, "endurance_last", a->endurance_last, 0.6 - 0.3 * last_mid / 60, 1e-3);
    CHECK_NEAR(n, "endurance_mean", a->endurance_mean, 0.6 - 0.3 * all_mid / 60, 1e-3);
    CHECK_NEAR(n, "endurance_first_unit (uV)", a->endurance_first_unit,
               2.0 + 50.0 * (0.6 - 0.3 * first_mid / 60), 0.05);
    const double f = 0.6 - 0.3 * first_mid / 60, l = 0.6 - 0.3 * last_mid / 60;
    CHECK_NEAR(n, "endurance_decline", a->endurance_decline, (f - l) / f, 2e-3);
    CHECK_NEAR(n, "endurance_decline_unit", a->endurance_decline_unit,
               ((2 + 50 * f) - (2 + 50 * l)) / (2 + 50 * f), 2e-3);
    CHECK_NEAR(n, "endurance_ms", r->metrics->endurance_ms, 60000, 10);
    assert_int_equal(r->metrics->unit, EBB_UNIT_UV);
    ebb_session_destroy(s);
    ebb_level_free(&lv);
}

/* ---- what the score now counts -------------------------------------------------------- */

#define HEAD "ebb-level 1\nid test/m\ntitle \"T\"\nkind lengthening\n"

/* Plays constant pf efforts (one per step) and returns the result. */
static const ebb_result *play_steps(ebb_session *s, const ebb_level *lv, const float *pf,
                                    const float *breath)
{
    ebb_tick_events ev;
    for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
        const size_t i = ebb_level_step_at(lv, ms);
        ebb_frame f = ebb_frame_pf(pf[i]);
        if (breath) {
            const float into = (float)(ms - lv->steps[i].start_ms) / (float)lv->steps[i].duration_ms;
            f.effort[EBB_CH_BREATH] = breath[i] > 0.0f ? into : 1.0f - into;
            f.present |= 1u << EBB_CH_BREATH;
        }
        ebb_session_tick(s, &f, &ev);
    }
    return ebb_session_result(s);
}

static void rest_relative_band_follows_measured_rest(void **state)
{
    (void)state;
    ebb_level lv;
    assert_true(parse_text(HEAD "rest 4s below 30%\nrest 4s below rest+10%\n", &lv));
    ebb_session *s = ebb_session_create(&lv);
    const float pf[] = {0.20f, 0.25f};
    const ebb_result *r = play_steps(s, &lv, pf, NULL);
    /* Rest measured in the first step is 0.20, so the ceiling is 0.30: 0.25 is under it. */
    CHECK_NEAR("rest+10%", "measured rest", ebb_session_measured_rest(s), 0.20, 1e-4);
    CHECK_NEAR("rest+10%", "step 1 in band", r->steps[1].in_band, 1.0, 1e-6);
    CHECK_NEAR("rest+10%", "metrics measured_rest", r->metrics->measured_rest, 0.20, 1e-4);
    /* Scored against the calibrated rest alone (as before), 0.25 is over 0.10 + 0.03. */
    ebb_step_acc acc;
    ebb_step_acc_reset(&acc);
    for (uint32_t ms = 0; ms < 4000; ms += 10) {
        ebb_step_acc_add(&acc, &lv.steps[1], ms, 0.25f);
    }
    assert_int_equal(acc.in_band_ticks, 0);
    ebb_session_destroy(s);
    ebb_level_free(&lv);
}

static void breath_phase_pf_target_is_scored(void **state)
{
    (void)state;
    ebb_level lv;
    assert_true(parse_text("ebb-level 1\nid test/b\ntitle \"T\"\nkind breathing\n"
                           "breathe in 4s pf below 20%\nbreathe out 4s\n", &lv));
    const float dir[] = {1.0f, -1.0f};
    const float soft[] = {0.05f, 0.05f}, tense[] = {0.5f, 0.5f};
    ebb_session *a = ebb_session_create(&lv), *b = ebb_session_create(&lv);
    const ebb_result *ra = play_steps(a, &lv, soft, dir);
    const ebb_result *rb = play_steps(b, &lv, tense, dir);
    CHECK_NEAR("soft floor", "pf_in_band", ra->steps[0].pf_in_band, 1.0, 1e-6);
    CHECK_NEAR("tense floor", "pf_in_band", rb->steps[0].pf_in_band, 0.0, 1e-6);
    assert_true(isnan(ra->steps[1].pf_in_band)); /* no pf target on the out-breath */
    /* Both followed the breath; only the floor differs, and now the score sees it. */
    CHECK_NEAR("soft floor", "breath pacing", ra->metrics->breath_pacing, 1.0, 1e-6);
    CHECK_NEAR("tense floor", "breath pacing", rb->metrics->breath_pacing, 1.0, 1e-6);
    CHECK_NEAR("soft floor", "pf_breath_in", ra->metrics->pf_breath_in, 1.0, 1e-6);
    CHECK_NEAR("tense floor", "pf_breath_in", rb->metrics->pf_breath_in, 0.0, 1e-6);
    if (!(ra->steps[0].score > rb->steps[0].score + 0.4f)) {
        print_error("in-breath score: soft %.3f, tense %.3f\n", (double)ra->steps[0].score,
                    (double)rb->steps[0].score);
        fail();
    }
    ebb_session_destroy(a);
    ebb_session_destroy(b);
    ebb_level_free(&lv);
}

/* ---- simulated people end to end ------------------------------------------------------ */

static ebb_metrics_level run_sim(const ebb_level *lv, ebb_sim_profile p)
{
    ebb_sim sim;
    ebb_sim_init(&sim, p, 1u);
    ebb_session *s = ebb_session_create(lv);
    ebb_tick_events ev;
    for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
        const ebb_frame f = ebb_sim_tick(&sim, lv, ms);
        ebb_session_tick(s, &f, &ev);
    }
    const ebb_metrics_level m = *ebb_session_result(s)->metrics;
    ebb_session_destroy(s);
    return m;
}

static void relaxed_and_overactive_differ_as_the_clinic_says(void **state)
{
    (void)state;
    ebb_level lv;
    load_level("lengthening/drop-and-release.level", &lv);
    const ebb_metrics_level rx = run_sim(&lv, EBB_SIM_RELAXED);
    const ebb_metrics_level ov = run_sim(&lv, EBB_SIM_OVERACTIVE);
    print_message("relaxed: rest %.3f sd %.3f release %d ms; overactive: rest %.3f sd %.3f "
                  "release %d ms\n", (double)rx.rest.mean, (double)rx.rest.sd,
                  rx.release_mean_ms, (double)ov.rest.mean, (double)ov.rest.sd,
                  ov.release_mean_ms);
    /* Profiles: rest 0.04 vs 0.20, release time constant 0.25 s vs 1.3 s. */
    CHECK_NEAR("relaxed", "rest.mean", rx.rest.mean, 0.04, 0.01);
    assert_true(ov.rest.mean > 0.15f && ov.rest.sd > 2.0f * rx.rest.sd);
    assert_true(rx.release_mean_ms >= 0 && rx.release_mean_ms < 1000);
    assert_true(ov.release_mean_ms > 2 * rx.release_mean_ms + 1000);
    assert_int_equal(rx.reps_achieved, 6);
    assert_true(rx.time_in_band > ov.time_in_band + 0.3f);
    ebb_level_free(&lv);
}

/* Reading the result on every tick (as the play screen does) must give exactly what one
 * reading at the end gives (as a re-score of a recording does). */
static void live_and_end_results_are_identical(void **state)
{
    (void)state;
    ebb_level lv[3];
    load_level("assessment/glazer-check.level", &lv[0]);
    load_level("lengthening/drop-and-release.level", &lv[1]);
    /* Releases shorter than a slow let-go: the return to rest lands two steps later. */
    assert_true(parse_text(HEAD "rest 2s\nrepeat 4\n squeeze 2s band 40%..80%\n"
                                "release 1s below 15%\n flick 1s above 60%\nend\nrest 12s\n", &lv[2]));
    for (size_t l = 0; l < 3; l++) {
        ebb_sim sim_a, sim_b;
        ebb_sim_init(&sim_a, EBB_SIM_OVERACTIVE, 3u);
        ebb_sim_init(&sim_b, EBB_SIM_OVERACTIVE, 3u);
        ebb_session *live = ebb_session_create(&lv[l]), *end = ebb_session_create(&lv[l]);
        ebb_tick_events ev;
        for (uint32_t ms = 0; !ebb_session_finished(live); ms += EBB_TICK_MS) {
            const ebb_frame fa = ebb_sim_tick(&sim_a, &lv[l], ms), fb = ebb_sim_tick(&sim_b, &lv[l], ms);
            ebb_session_tick(live, &fa, &ev);
            (void)ebb_session_result(live);
            ebb_session_tick(end, &fb, &ev);
        }
        const ebb_result *a = ebb_session_result(live), *b = ebb_session_result(end);
        for (size_t i = 0; i < lv[l].step_count; i++) {
            if (memcmp(&a->reps[i], &b->reps[i], sizeof a->reps[i]) != 0) {
                print_error("%s step %zu: live release %d ms fall %d ms, at the end %d ms, %d ms\n",
                            lv[l].id, i, a->reps[i].release_ms, a->reps[i].fall_ms,
                            b->reps[i].release_ms, b->reps[i].fall_ms);
                fail();
            }
        }
        assert_memory_equal(a->metrics, b->metrics, sizeof *a->metrics);
        ebb_session_destroy(live);
        ebb_session_destroy(end);
        ebb_level_free(&lv[l]);
    }
}

/* ---- sentences, against a test double of the person's history ------------------------- */

static ebb_metrics_level say_level(void)
{
    ebb_metrics_level m;
    memset(&m, 0, sizeof m);
    m.time_in_band = 0.82f;
    m.tracking_error = NAN;
    m.release_mean_ms = 1200;
    m.recruit_mean_ms = -1;
    m.rest.mean = 0.06f;
    m.rest.sd = 0.012f;
    m.breath_pacing = NAN;
    m.pf_breath_in = m.pf_breath_out = m.pf_breath_hold = NAN;
    m.endurance_ms = 42000;
    m.endurance_asked_ms = 60000;
    return m;
}

typedef struct say_case {
    const char *name;
    int32_t past_release_ms;
    const char *when;
    const char *want;
} say_case;

static void sentences_compare_with_own_past(void **state)
{
    (void)state;
    static const say_case cases[] = {
        {"quicker", 1900, "last week's", "You let go in 1.2 s, quicker than last week's 1.9 s."},
        {"slower", 900, "Tuesday's",
         "You let go in 1.2 s, a little slower than Tuesday's 0.9 s; some days are like that."},
        {"same", 1250, "", "You let go in 1.2 s, about the same as last time's 1.2 s."},
        {"no past", -1, "last week's", "You let go in 1.2 s."},
    };
    const ebb_metrics_level m = say_level();
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ebb_metrics_past past; /* what history would hand over */
        ebb_metrics_past_none(&past);
        snprintf(past.when, sizeof past.when, "%s", cases[c].when);
        past.release_mean_ms = cases[c].past_release_ms;
        ebb_metrics_sentences out;
        ebb_metrics_say(&m, &past, &out);
        assert_true(out.count > 0);
        assert_string_equal(out.id[0], "release");
        if (strcmp(out.text[0], cases[c].want) != 0) {
            print_error("%s: got \"%s\"\n  expected \"%s\"\n", cases[c].name, out.text[0],
                        cases[c].want);
            fail();
        }
    }
}

static void sentences_are_calm_for_every_direction(void **state)
{
    (void)state;
    const ebb_metrics_level m = say_level();
    ebb_metrics_past better, worse;
    ebb_metrics_past_none(&better);
    ebb_metrics_past_none(&worse);
    better.rest_mean = 0.02f; /* the past was better on everything */
    better.rest_sd = 0.004f;
    better.time_in_band = 0.95f;
    better.endurance_ms = 58000;
    better.release_mean_ms = 500;
    worse.rest_mean = 0.15f;
    worse.rest_sd = 0.05f;
    worse.time_in_band = 0.5f;
    worse.endurance_ms = 20000;
    worse.release_mean_ms = 3000;
    static const char *const harsh[] = {"clench", "fail", "bad", "poor", "wrong", "weak", "should"};
    const ebb_metrics_past *pasts[] = {&better, &worse, NULL};
    for (size_t p = 0; p < 3; p++) {
        ebb_metrics_sentences out;
        ebb_metrics_say(&m, pasts[p], &out);
        assert_true(out.count >= 4);
        for (size_t i = 0; i < out.count; i++) {
            print_message("  %s\n", out.text[i]);
            for (size_t h = 0; h < sizeof harsh / sizeof harsh[0]; h++) {
                if (strstr(out.text[i], harsh[h])) {
                    print_error("harsh word \"%s\" in \"%s\"\n", harsh[h], out.text[i]);
                    fail();
                }
            }
        }
    }
    ebb_metrics_sentences out;
    ebb_metrics_say(&m, &worse, &out);
    assert_string_equal(out.text[1], "Your rest sat at 6% of your range, lower than last time's 15%.");
    assert_string_equal(out.text[3], "You were on target 82% of the time, more than last time's 50%.");
    assert_string_equal(out.text[4],
                        "Your longest hold lasted 42.0 s of the 60 s asked, longer than last time's 20.0 s.");
    /* Some squeezes not yet back down: the time says what it covers. */
    ebb_metrics_level part = m;
    part.releases_done = 2;
    part.releases_total = 6;
    ebb_metrics_say(&part, NULL, &out);
    assert_string_equal(out.text[0],
                        "On the 2 of 6 squeezes that came all the way down, you let go in 1.2 s.");
}

/* A damaged recording can make a mean beyond any int, or infinite (fuzz_recording found both):
 * a huge figure is printed without an int conversion (undefined behaviour), an infinite one is
 * not said, and an infinite past counts as no past. */
static void sentences_survive_figures_from_a_damaged_recording(void **state)
{
    (void)state;
    ebb_metrics_level m = say_level();
    m.rest.mean = 6.88e17f;
    ebb_metrics_sentences out;
    ebb_metrics_say(&m, NULL, &out);
    assert_string_equal(out.id[1], "rest");
    assert_string_equal(out.text[1], "Your rest sat at 68800002218839244800% of your range.");
    const size_t count = out.count;
    m.rest.mean = INFINITY;
    ebb_metrics_past past;
    ebb_metrics_past_none(&past);
    past.release_mean_ms = 1900;
    past.time_in_band = -INFINITY;
    ebb_metrics_say(&m, &past, &out);
    assert_int_equal(out.count, count - 1);
    for (size_t i = 0; i < out.count; i++) {
        assert_string_not_equal(out.id[i], "rest");
        assert_null(strstr(out.text[i], "inf"));
    }
    size_t in_band = 0;
    while (in_band < out.count && strcmp(out.id[in_band], "in_band") != 0) {
        in_band++;
    }
    assert_true(in_band < out.count);
    assert_string_equal(out.text[in_band], "You were on target 82% of the time.");
    m.pf_breath_in = 0.904f; /* the breathing sentence rounds the same way */
    ebb_metrics_say(&m, NULL, &out);
    assert_string_equal(out.id[out.count - 1], "pf_breath_in");
    assert_string_equal(out.text[out.count - 1], "Your floor stayed soft for 90% of the in-breaths.");
    m.pf_breath_in = INFINITY;
    ebb_metrics_say(&m, NULL, &out);
    assert_string_not_equal(out.id[out.count - 1], "pf_breath_in");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glazer_check_matches_known_person),
        cmocka_unit_test(rest_relative_band_follows_measured_rest),
        cmocka_unit_test(breath_phase_pf_target_is_scored),
        cmocka_unit_test(relaxed_and_overactive_differ_as_the_clinic_says),
        cmocka_unit_test(live_and_end_results_are_identical),
        cmocka_unit_test(sentences_compare_with_own_past),
        cmocka_unit_test(sentences_are_calm_for_every_direction),
        cmocka_unit_test(sentences_survive_figures_from_a_damaged_recording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
