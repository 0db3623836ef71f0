/* A pack that fixes or caps challenges, over the real built-in levels (EBB_LEVELS_DIR) and a
 * real history in a private data directory (EBB_DATA_DIR): the level is rebuilt at the
 * challenge chosen in the history, the one the pack fixes, or no higher than its cap, and
 * the pack's own reps win over a breathing challenge's. Offers follow the same rules. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/challenge.h"
#include "core/pack.h"
#include "io/history.h"
#include "io/level_load.h"

#define DAY0 1714550400 /* 2024-05-01T08:00:00Z */

static char dir[] = "/tmp/ebb-pack-challenge-XXXXXX";
static char err[EBB_HISTORY_ERR_MAX];

static const char *const builtins[] = {"breathing/box", "breathing/resonance",
                                       "breathing/four-seven-eight"};
static const ebb_pack_parse_opts opts = {builtins, 3};

static void parse_pack(const char *body, ebb_pack *pack)
{
    char text[1024];
    snprintf(text, sizeof text, "ebb-pack 1\nid p\ntitle \"T\"\nauthor \"A\"\n%s"
                                "schedule breathing/box days 1..7\n", body);
    ebb_diags d;
    ebb_diags_init(&d, "t.pack");
    bool ok = ebb_pack_parse(text, strlen(text), "t.pack", &opts, pack, &d);
    if (!ok) {
        ebb_diags_print(&d, stderr);
    }
    assert_true(ok);
}

static size_t breaths(const ebb_level *lv)
{
    size_t n = 0;
    for (size_t i = 0; i < lv->step_count; i++) {
        n += lv->steps[i].kind == EBB_STEP_BREATHE_OUT;
    }
    return n;
}

/* The level as the game plays it: loaded as written, then moved to its challenge. */
static size_t played(const char *id, const ebb_pack *pack, unsigned *challenge)
{
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, id);
    bool ok = ebb_level_load(id, NULL, &lv, &d);
    if (!ok) {
        ebb_diags_print(&d, stderr);
    }
    assert_true(ok);
    ebb_history_level_to_challenge(id, NULL, pack, &lv);
    size_t n = breaths(&lv);
    *challenge = lv.challenge;
    ebb_level_free(&lv);
    return n;
}

static void test_fix_and_cap(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    setenv("EBB_DATA_DIR", dir, 1);
    char path[512];
    assert_true(ebb_history_default_path(path, sizeof path, err, sizeof err));
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    assert_true(ebb_history_challenge_set(h, "breathing/box", 4, DAY0, err, sizeof err));
    assert_true(ebb_history_challenge_set(h, "breathing/resonance", 3, DAY0, err, sizeof err));
    ebb_history_close(h);

    ebb_pack fixed, capped, reps;
    parse_pack("use breathing/box challenge 2\n", &fixed);
    parse_pack("use breathing/box challenge max 3\n", &capped);
    parse_pack("use breathing/resonance challenge max 4 reps 6\n"
               "use breathing/four-seven-eight challenge 4\n", &reps);
    /* level, pack: breaths played and challenge built */
    static const struct {
        const char *id;
        int pack; /* 0 none, 1 fixed, 2 capped, 3 reps */
        size_t breaths;
        unsigned challenge;
    } cases[] = {
        {"breathing/box", 0, 12, 4},          /* as the history says */
        {"breathing/box", 1, 8, 2},           /* the pack fixes 2 */
        {"breathing/box", 2, 10, 3},          /* the pack caps at 3 */
        {"breathing/box", 3, 12, 4},          /* a pack that names other levels only */
        {"breathing/resonance", 0, 15, 3},
        {"breathing/resonance", 3, 6, 3},     /* the pack's own reps win */
        {"breathing/four-seven-eight", 3, 8, 4}, /* fixed at 4: eight rounds, no more */
    };
    const ebb_pack *packs[] = {NULL, &fixed, &capped, &reps};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned ch = 0;
        size_t n = played(cases[i].id, packs[cases[i].pack], &ch);
        printf("%s, pack %d: challenge %u, %zu breaths\n", cases[i].id, cases[i].pack, ch, n);
        assert_int_equal(n, cases[i].breaths);
        assert_int_equal(ch, cases[i].challenge);
    }

    /* Offers: three paced sessions at challenge 2 of box offer 3, but not under the pack that
     * fixes it, and not past the cap. */
    h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    assert_non_null(h);
    assert_true(ebb_history_challenge_set(h, "breathing/box", 3, DAY0 + 60, err, sizeof err));
    for (int day = 1; day <= 3; day++) {
        ebb_history_session s = {DAY0 + day * 86400, "breathing/box", 80, 3, true, 132.0,
                                 "{\"metrics\":{\"time_in_band\":0.9,\"breath_pacing\":1.0}}"};
        assert_true(ebb_history_add(h, &s, NULL, err, sizeof err));
    }
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, "breathing/box");
    assert_true(ebb_level_load("breathing/box", NULL, &lv, &d));
    int current = 0;
    ebb_challenge_offer offer;
    const ebb_challenge_offer_kind want[] = {EBB_OFFER_UP, EBB_OFFER_NONE, EBB_OFFER_NONE,
                                             EBB_OFFER_UP};
    for (int p = 0; p < 4; p++) {
        assert_true(ebb_history_challenge_offer(h, &lv, packs[p], &current, &offer, err,
                                                sizeof err));
        printf("offer at challenge %d, pack %d: %d -> %d\n", current, p, (int)offer.kind,
               offer.to);
        assert_int_equal(current, 3);
        assert_int_equal(offer.kind, want[p]);
        assert_int_equal(offer.to, want[p] == EBB_OFFER_UP ? 4 : 0);
    }
    ebb_level_free(&lv);
    ebb_history_close(h);
    ebb_pack_free(&fixed);
    ebb_pack_free(&capped);
    ebb_pack_free(&reps);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fix_and_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
