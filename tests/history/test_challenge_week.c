/* Challenges over the history store: a file of schema 2 (tests/data/history-v2.sqlite3)
 * migrates to 3 keeping every session; and a simulated week, played through the real runner
 * with a clock we control and stored as live sessions are, moves a person up one challenge
 * of a built-in level, and two hard sessions (the simulated overactive person) offer the
 * easier one back. Each offer is accepted as the person would, through the store. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/challenge.h"
#include "core/pack.h"
#include "core/session.h"
#include "core/sim.h"
#include "hist_util.h"
#include "io/fileio.h"
#include "io/history.h"

#define LEVEL_ID "lengthening/drop-and-release"
#define LEVEL_PATH EBB_SOURCE_DIR "/levels/" LEVEL_ID ".level"
#define DAY0 1714550400 /* 2024-05-01T08:00:00Z */

static char dir[256];
static char err[EBB_HISTORY_ERR_MAX];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ebb-challenge-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hist_rm_rf(dir);
    return 0;
}

static int64_t scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_migrate_v2(void **state)
{
    (void)state;
    char path[320], cmd[800];
    snprintf(path, sizeof path, "%s/v2.sqlite3", dir);
    snprintf(cmd, sizeof cmd, "cp '%s/tests/data/history-v2.sqlite3' '%s'", EBB_SOURCE_DIR, path);
    assert_int_equal(system(cmd), 0);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(scalar(db, "PRAGMA user_version;"), 2);
    int64_t sessions = scalar(db, "SELECT COUNT(*) FROM sessions;");
    int64_t steps = scalar(db, "SELECT COUNT(*) FROM step_results;");
    sqlite3_close(db);
    assert_true(sessions > 0);

    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "%s\n", err);
    }
    assert_non_null(h);
    ebb_history_challenge ch;
    assert_true(ebb_history_challenge_get(h, LEVEL_ID, &ch, err, sizeof err));
    assert_int_equal(ch.challenge, 1); /* never chosen */
    ebb_challenge_session s[3];
    size_t n = 0;
    assert_true(ebb_history_recent_sessions(h, LEVEL_ID, NULL, s, 3, &n, err, sizeof err));
    assert_true(n >= 1); /* the v2 sessions are read as they are */
    assert_true(ebb_history_challenge_set(h, LEVEL_ID, 2, DAY0, err, sizeof err));
    ebb_history_close(h);

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(scalar(db, "PRAGMA user_version;"), 3);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM sessions;"), sessions);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM step_results;"), steps);
    assert_int_equal(scalar(db, "SELECT challenge FROM challenges WHERE level_id = '" LEVEL_ID
                                "';"), 2);
    sqlite3_close(db);
}

/* A level as built at a challenge, from its own file. */
static void build_at(const char *path, unsigned challenge, ebb_level *lv)
{
    ebb_diags d;
    ebb_diags_init(&d, path);
    char *text = NULL;
    size_t len = 0;
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.challenge = challenge;
    assert_true(ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, &d));
    bool ok = ebb_level_parse_ex(text, len, path, &o, lv, &d);
    free(text);
    assert_true(ok);
    assert_int_equal(lv->challenge, challenge);
}

static void build(unsigned challenge, ebb_level *lv)
{
    build_at(LEVEL_PATH, challenge, lv);
}

/* One session through the real runner, stored as a live one is: begun, step by step, ended. */
static void play(ebb_history *h, const ebb_level *lv, time_t when, ebb_sim_profile prof,
                 uint32_t seed, float *in_band)
{
    ebb_history_begin_info in = {.started_at = when, .level = lv, .probe_spec = "sim",
                                 .program_day = -1};
    int64_t id = 0;
    assert_true(ebb_history_begin(h, &in, &id, NULL, 0, err, sizeof err));
    ebb_session *s = ebb_session_create(lv);
    ebb_sim sim;
    ebb_sim_init(&sim, prof, seed);
    ebb_tick_events ev;
    size_t next = 0;
    for (uint32_t ms = 0; !ebb_session_finished(s); ms += EBB_TICK_MS) {
        ebb_frame f = ebb_sim_tick(&sim, lv, ms);
        ebb_session_tick(s, &f, &ev);
        size_t upto = ev.finished ? lv->step_count
                                  : (ev.step_started > 0 ? (size_t)ev.step_started : 0);
        const ebb_result *r = upto > next ? ebb_session_result(s) : NULL;
        for (; r && next < upto; next++) {
            assert_true(ebb_history_step_done(h, id, next, &r->steps[next],
                                              ebb_session_elapsed_ms(s), err, sizeof err));
        }
    }
    const ebb_result *r = ebb_session_result(s);
    *in_band = r->metrics ? r->metrics->time_in_band : NAN;
    assert_true(ebb_history_store_result(h, id, r, true, err, sizeof err));
    ebb_session_destroy(s);
}

static void test_week(void **state)
{
    (void)state;
    char path[320];
    snprintf(path, sizeof path, "%s/week/history.sqlite3", dir);
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    ebb_level lv;
    int current = 0, up_day = 0;
    ebb_challenge_offer offer;
    build(1, &lv);
    assert_int_equal(lv.challenge_count, 4);
    for (int day = 0; day < 7; day++) {
        time_t when = DAY0 + day * 86400;
        float tib = 0.0f;
        play(h, &lv, when, EBB_SIM_RELAXED, 100u + (uint32_t)day, &tib);
        assert_true(ebb_history_challenge_offer(h, &lv, NULL, &current, &offer, err, sizeof err));
        printf("day %d: challenge %d, time in band %.2f, offer %d -> %d\n", day + 1, current,
               (double)tib, (int)offer.kind, offer.to);
        assert_true(offer.kind != EBB_OFFER_DOWN);
        if (offer.kind == EBB_OFFER_UP && up_day == 0) {
            up_day = day + 1;
            printf("  \"%s\"\n", offer.text);
            assert_int_equal(offer.to, 2);
            assert_true(ebb_history_challenge_set(h, lv.id, offer.to, when + 600, err,
                                                  sizeof err));
            ebb_level_free(&lv);
            build(2, &lv);
        } else if (offer.kind == EBB_OFFER_UP) {
            /* A second offer in the week is declined: the count starts again. */
            assert_true(ebb_history_challenge_set(h, lv.id, 0, when + 600, err, sizeof err));
        }
    }
    assert_int_equal(up_day, 3); /* three good sessions in a row, then the offer */
    ebb_history_challenge ch;
    assert_true(ebb_history_challenge_get(h, lv.id, &ch, err, sizeof err));
    assert_int_equal(ch.challenge, 2);

    /* A hard day: two sessions of someone whose floor will not let go. */
    for (int k = 0; k < 2; k++) {
        float tib = 0.0f;
        play(h, &lv, DAY0 + 7 * 86400 + k * 3600, EBB_SIM_OVERACTIVE, 900u + (uint32_t)k, &tib);
        assert_true(ebb_history_challenge_offer(h, &lv, NULL, &current, &offer, err, sizeof err));
        printf("hard %d: challenge %d, time in band %.2f, offer %d -> %d\n", k + 1, current,
               (double)tib, (int)offer.kind, offer.to);
        assert_int_equal(offer.kind, k == 0 ? EBB_OFFER_NONE : EBB_OFFER_DOWN);
    }
    printf("  \"%s\"\n", offer.text);
    assert_int_equal(offer.to, 1);
    assert_true(ebb_history_challenge_set(h, lv.id, offer.to, DAY0 + 8 * 86400, err, sizeof err));
    assert_true(ebb_history_challenge_get(h, lv.id, &ch, err, sizeof err));
    assert_int_equal(ch.challenge, 1);

    /* Under a pack that fixes the level's challenge, nothing is offered. */
    static const char pack_text[] = "ebb-pack 1\nid p\ntitle \"T\"\nauthor \"A\"\n"
                                    "use " LEVEL_ID " challenge 1\n"
                                    "schedule " LEVEL_ID " days 1..7\n";
    ebb_pack pack;
    ebb_diags d;
    ebb_diags_init(&d, "t.pack");
    assert_true(ebb_pack_parse(pack_text, strlen(pack_text), "t.pack", NULL, &pack, &d));
    ebb_level_free(&lv);
    build(1, &lv);
    for (int k = 0; k < 3; k++) {
        float tib = 0.0f;
        play(h, &lv, DAY0 + 9 * 86400 + k * 3600, EBB_SIM_RELAXED, 300u + (uint32_t)k, &tib);
    }
    assert_true(ebb_history_challenge_offer(h, &lv, NULL, &current, &offer, err, sizeof err));
    assert_int_equal(offer.kind, EBB_OFFER_UP);
    assert_true(ebb_history_challenge_offer(h, &lv, &pack, &current, &offer, err, sizeof err));
    assert_int_equal(offer.kind, EBB_OFFER_NONE);
    ebb_pack_free(&pack);
    ebb_level_free(&lv);
    ebb_history_close(h);
}

/* A stored session whose result says only what the offer reads. */
static void add_session(ebb_history *h, const char *level_id, time_t when, float in_band,
                        float pacing)
{
    char json[256];
    snprintf(json, sizeof json,
             "{\"metrics\":{\"time_in_band\":%.2f,\"breath_pacing\":%.2f,"
             "\"rest\":{\"mean\":0.20,\"sd\":0.08}}}",
             (double)in_band, (double)pacing);
    ebb_history_session s = {when, level_id, 60, 2, true, 100.0, json};
    assert_true(ebb_history_add(h, &s, NULL, err, sizeof err));
}

/* Breathing: a good session is one that followed the pace (breath phases followed), read from
 * the stored result; a person who follows the pace but not to the top of the band is still
 * offered the next challenge, and one who lost the pace twice an easier one. The same
 * sessions of a lengthening level are judged by its own measure, not by the breath. */
static void test_breathing_pace(void **state)
{
    (void)state;
    char path[320];
    snprintf(path, sizeof path, "%s/breath/history.sqlite3", dir);
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    ebb_level box, drop;
    build_at(EBB_SOURCE_DIR "/levels/breathing/box.level", 1, &box);
    build_at(EBB_SOURCE_DIR "/levels/lengthening/reverse-kegel.level", 1, &drop);
    assert_int_equal(box.challenge_count, 4);

    /* A real session through the runner stores the pacing where the history reads it. */
    float tib = 0.0f;
    play(h, &box, DAY0, EBB_SIM_RELAXED, 7u, &tib);
    ebb_challenge_session s[3];
    size_t n = 0;
    assert_true(ebb_history_recent_sessions(h, box.id, NULL, s, 3, &n, err, sizeof err));
    printf("played: time in band %.2f, pacing %.2f\n", (double)s[0].time_in_band,
           (double)s[0].breath_pacing);
    assert_int_equal(n, 1);
    assert_true(s[0].breath_pacing == s[0].breath_pacing); /* not NaN */
    assert_true(s[0].breath_pacing >= EBB_CHALLENGE_GOOD_IN_BAND);
    assert_true(ebb_history_challenge_set(h, box.id, 0, DAY0 + 60, err, sizeof err));

    int current = 0;
    ebb_challenge_offer offer;
    for (int day = 1; day <= 3; day++) {
        add_session(h, box.id, DAY0 + day * 86400, 0.62f, 0.90f);
        add_session(h, drop.id, DAY0 + day * 86400, 0.62f, 0.90f);
        assert_true(ebb_history_challenge_offer(h, &box, NULL, &current, &offer, err, sizeof err));
        printf("day %d: box offer %d -> %d\n", day, (int)offer.kind, offer.to);
        assert_int_equal(offer.kind, day < 3 ? EBB_OFFER_NONE : EBB_OFFER_UP);
        assert_true(ebb_history_challenge_offer(h, &drop, NULL, &current, &offer, err, sizeof err));
        assert_int_equal(offer.kind, EBB_OFFER_NONE); /* rest 0.20 is not low for it */
    }
    assert_true(ebb_history_challenge_set(h, box.id, 2, DAY0 + 4 * 86400, err, sizeof err));
    ebb_level_free(&box);
    build_at(EBB_SOURCE_DIR "/levels/breathing/box.level", 2, &box);
    /* Half the phases followed is not hard; two sessions with the pace lost are. */
    add_session(h, box.id, DAY0 + 5 * 86400, 0.40f, 0.60f);
    add_session(h, box.id, DAY0 + 5 * 86400 + 3600, 0.40f, 0.60f);
    assert_true(ebb_history_challenge_offer(h, &box, NULL, &current, &offer, err, sizeof err));
    assert_int_equal(current, 2);
    assert_int_equal(offer.kind, EBB_OFFER_NONE);
    add_session(h, box.id, DAY0 + 6 * 86400, 0.40f, 0.30f);
    add_session(h, box.id, DAY0 + 6 * 86400 + 3600, 0.40f, 0.30f);
    assert_true(ebb_history_challenge_offer(h, &box, NULL, &current, &offer, err, sizeof err));
    printf("pace lost twice: offer %d -> %d: \"%s\"\n", (int)offer.kind, offer.to, offer.text);
    assert_int_equal(offer.kind, EBB_OFFER_DOWN);
    assert_int_equal(offer.to, 1);
    ebb_level_free(&box);
    ebb_level_free(&drop);
    ebb_history_close(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_week, setup, teardown),
        cmocka_unit_test_setup_teardown(test_breathing_pace, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
