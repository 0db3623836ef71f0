/* The program logic: which levels on which day, how many times, what is done, what is locked
 * and why. Pure: a pack, a day and past sessions in, a plan out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/pack.h"
#include "core/pack_program.h"

static const char pack_text[] =
    "ebb-pack 1\n"
    "id t\n"
    "title \"T\"\n"
    "author \"A\"\n"
    "level\n"
    "id t/low-and-steady\n"
    "title \"Low and steady\"\n"
    "kind lengthening\n"
    "rest 60s below 15%\n"
    "end-level\n"
    "schedule breathing/resonance days 1..28 per-day 2\n"
    "schedule t/low-and-steady weeks 1..4\n"
    "schedule strengthening/holds-and-flicks weeks 3..4 every 2\n"
    "schedule lengthening/drop-and-release day 10\n"
    "unlock strengthening/holds-and-flicks after t/low-and-steady stars 2 times 2\n";

static ebb_pack pack;

static int setup(void **state)
{
    (void)state;
    ebb_diags d;
    ebb_diags_init(&d, "t.pack");
    bool ok = ebb_pack_parse(pack_text, sizeof pack_text - 1, "t.pack", NULL, &pack, &d);
    ebb_diags_print(&d, stderr);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ebb_pack_free(&pack);
    return 0;
}

static ebb_pack_record rec(const char *id, int day, int stars, bool complete)
{
    ebb_pack_record r;
    memset(&r, 0, sizeof r);
    snprintf(r.level_id, sizeof r.level_id, "%s", id);
    r.day = day;
    r.stars = stars;
    r.complete = complete;
    return r;
}

static const ebb_plan_entry *find(const ebb_plan *p, const char *id)
{
    for (size_t i = 0; i < p->count; i++) {
        if (strcmp(p->entries[i].level_id, id) == 0) {
            return &p->entries[i];
        }
    }
    return NULL;
}

static void test_schedule_days_and_weeks(void **state)
{
    (void)state;
    ebb_plan p;
    assert_int_equal(pack.program_days, 28);
    ebb_pack_plan(&pack, 0, NULL, 0, &p); /* the install day is day 1 */
    assert_int_equal(p.state, EBB_PLAN_ACTIVE);
    assert_int_equal(p.day, 1);
    assert_int_equal(p.week, 1);
    assert_int_equal(p.count, 2);
    assert_string_equal(p.entries[0].level_id, "breathing/resonance");
    assert_int_equal(p.entries[0].per_day, 2);
    assert_string_equal(p.entries[1].title, "Low and steady");
    assert_string_equal(p.entries[0].title, "breathing/resonance"); /* no title given: id */
    assert_int_equal(p.to_do, 3);

    ebb_pack_plan(&pack, 9, NULL, 0, &p); /* day 10: the one-day level too */
    assert_int_equal(p.count, 3);
    assert_non_null(find(&p, "lengthening/drop-and-release"));
    assert_null(find(&p, "strengthening/holds-and-flicks"));

    /* Weeks 3..4 every 2: days 15, 17, ... 27 */
    ebb_pack_plan(&pack, 14, NULL, 0, &p);
    assert_int_equal(p.week, 3);
    assert_non_null(find(&p, "strengthening/holds-and-flicks"));
    ebb_pack_plan(&pack, 15, NULL, 0, &p);
    assert_null(find(&p, "strengthening/holds-and-flicks"));
    ebb_pack_plan(&pack, 26, NULL, 0, &p);
    assert_non_null(find(&p, "strengthening/holds-and-flicks"));

    ebb_pack_plan(&pack, 27, NULL, 0, &p); /* day 28, the last */
    assert_int_equal(p.state, EBB_PLAN_ACTIVE);
    ebb_pack_plan(&pack, 28, NULL, 0, &p);
    assert_int_equal(p.state, EBB_PLAN_FINISHED);
    assert_int_equal(p.count, 0);
    ebb_pack_plan(&pack, -1, NULL, 0, &p);
    assert_int_equal(p.state, EBB_PLAN_NOT_STARTED);
    ebb_pack_plan(&pack, 2000000000, NULL, 0, &p);
    assert_int_equal(p.state, EBB_PLAN_FINISHED);
}

static void test_done_today(void **state)
{
    (void)state;
    ebb_pack_record r[] = {
        rec("breathing/resonance", 3, 1, true),
        rec("breathing/resonance", 3, 0, false), /* stopped early: not done */
        rec("breathing/resonance", 2, 3, true),  /* yesterday */
        rec("t/low-and-steady", 3, 3, true),
        rec("t/low-and-steady", 3, 3, true),     /* more than asked: fine */
    };
    ebb_plan p;
    ebb_pack_plan(&pack, 3, r, 5, &p);
    const ebb_plan_entry *b = find(&p, "breathing/resonance");
    assert_int_equal(b->done_today, 1);
    assert_int_equal(b->per_day, 2);
    assert_int_equal(find(&p, "t/low-and-steady")->done_today, 2);
    assert_int_equal(p.to_do, 1);
}

static void test_unlock_after_two_stars_twice(void **state)
{
    (void)state;
    ebb_plan p;
    ebb_pack_plan(&pack, 14, NULL, 0, &p);
    const ebb_plan_entry *s = find(&p, "strengthening/holds-and-flicks");
    assert_true(s->locked);
    assert_string_equal(s->why_locked,
                        "Unlocks after 'Low and steady' reaches 2 stars twice (0 of 2 so far)");
    /* Locked sessions are not counted as to do. */
    assert_int_equal(p.to_do, 3);

    ebb_pack_record r[] = {
        rec("t/low-and-steady", -3, 3, true),   /* before the install day: not counted */
        rec("t/low-and-steady", 1, 1, true),    /* one star: not enough */
        rec("t/low-and-steady", 2, 3, false),   /* stopped early */
        rec("breathing/resonance", 2, 3, true), /* another level */
        rec("t/low-and-steady", 4, 2, true),
        rec("t/low-and-steady", 6, 3, true),
    };
    ebb_pack_plan(&pack, 14, r, 5, &p);
    s = find(&p, "strengthening/holds-and-flicks");
    assert_true(s->locked);
    assert_string_equal(s->why_locked,
                        "Unlocks after 'Low and steady' reaches 2 stars twice (1 of 2 so far)");
    ebb_pack_plan(&pack, 14, r, 6, &p);
    s = find(&p, "strengthening/holds-and-flicks");
    assert_false(s->locked);
    assert_string_equal(s->why_locked, "");
    assert_int_equal(p.to_do, 4);

    char why[EBB_PLAN_WHY_MAX];
    assert_true(ebb_pack_unlocked(&pack, "breathing/resonance", NULL, 0, why, sizeof why));
}

static void test_all_rules_must_hold(void **state)
{
    (void)state;
    static const char text[] =
        "ebb-pack 1\nid u\ntitle \"U\"\nauthor \"A\"\n"
        "schedule a/one days 1..7\nschedule a/two days 1..7\nschedule a/three days 1..7\n"
        "unlock a/three after a/one stars 1\n"
        "unlock a/three after a/two stars 3 times 3\n";
    ebb_pack pk;
    ebb_diags d;
    ebb_diags_init(&d, "u.pack");
    assert_true(ebb_pack_parse(text, sizeof text - 1, "u.pack", NULL, &pk, &d));
    ebb_pack_record r[] = {rec("a/one", 0, 1, true), rec("a/two", 0, 3, true)};
    char why[EBB_PLAN_WHY_MAX];
    assert_false(ebb_pack_unlocked(&pk, "a/three", r, 0, why, sizeof why));
    assert_string_equal(why, "Unlocks after 'a/one' reaches 1 star once (0 of 1 so far)");
    assert_false(ebb_pack_unlocked(&pk, "a/three", r, 2, why, sizeof why));
    assert_string_equal(why, "Unlocks after 'a/two' reaches 3 stars 3 times (1 of 3 so far)");
    ebb_pack_free(&pk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_days_and_weeks),
        cmocka_unit_test(test_done_today),
        cmocka_unit_test(test_unlock_after_two_stars_twice),
        cmocka_unit_test(test_all_rules_must_hold),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
