/* Progress over days and weeks (core/progress.h): daily series from sessions, trends, and the
 * one-line readings, with made-up sessions whose direction is known. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/progress.h"

static ebb_progress_session sess(int32_t day, ebb_level_kind kind, int stars, float rest,
                                 float sd, float release)
{
    ebb_progress_session s = {day, kind, stars, rest, sd, release, NAN, NAN, EBB_UNIT_NONE};
    return s;
}

static void test_build_daily_means(void **state)
{
    (void)state;
    ebb_progress_session s[] = {
        sess(100, EBB_LEVEL_LENGTHENING, 1, 0.30f, 0.05f, 2.0f),
        sess(100, EBB_LEVEL_LENGTHENING, 3, 0.20f, 0.03f, 1.0f),
        sess(103, EBB_LEVEL_BREATHING, 2, NAN, NAN, NAN),
        sess(50, EBB_LEVEL_BREATHING, 2, 0.9f, 0.9f, 9.0f), /* before the window */
    };
    ebb_progress p;
    ebb_progress_build(s, 4, 7, NULL, &p);
    assert_int_equal(p.last_day, 103);
    assert_int_equal(p.first_day, 97);
    assert_int_equal(p.days, 7);
    assert_int_equal(p.sessions, 3);
    assert_float_equal(p.rest.value[3], 0.25f, 1e-6f);
    assert_float_equal(p.release.value[3], 1.5f, 1e-6f);
    assert_float_equal(p.stars[EBB_LEVEL_LENGTHENING].value[3], 2.0f, 1e-6f);
    assert_float_equal(p.stars[EBB_LEVEL_BREATHING].value[6], 2.0f, 1e-6f);
    assert_true(isnan(p.rest.value[6]));
    assert_float_equal(p.count.value[3], 2.0f, 1e-6f);
    assert_float_equal(p.count.value[4], 0.0f, 1e-6f);
    assert_true(isnan(p.plan.value[0]));
    char line[EBB_PROGRESS_READING_MAX];
    ebb_progress_reading(&p, EBB_PROGRESS_SESSIONS, line, sizeof line);
    assert_string_equal(line, "You practised on 2 of 7 days, about 2 a day.");
    /* One day of rest is no trend: the reading says how to get one. */
    ebb_progress_reading(&p, EBB_PROGRESS_REST, line, sizeof line);
    assert_non_null(strstr(line, "Play a few relaxing levels"));
}

static void test_trends_and_readings(void **state)
{
    (void)state;
    ebb_progress_session s[21];
    float plan[21];
    for (int d = 0; d < 21; d++) {
        s[d] = sess(1000 + d, EBB_LEVEL_LENGTHENING, d < 10 ? 1 : 3, 0.30f - 0.01f * (float)d,
                    0.05f - 0.002f * (float)d, 1.9f - 0.035f * (float)d);
        s[d].endurance_s = 8.0f;
        s[d].mvc = d == 0 ? 40.0f : d == 20 ? 55.0f : NAN;
        s[d].mvc_unit = EBB_UNIT_UV;
        plan[d] = 2.0f;
    }
    ebb_progress p;
    ebb_progress_build(s, 21, 21, plan, &p);
    float a = 0.0f, b = 0.0f;
    assert_int_equal(ebb_progress_trend_of(&p.rest, p.days, 0.02f, &a, &b), EBB_TREND_DOWN);
    assert_true(a > b);
    assert_int_equal(ebb_progress_trend_of(&p.endurance, p.days, 1.0f, NULL, NULL),
                     EBB_TREND_FLAT);
    char line[EBB_PROGRESS_READING_MAX];
    ebb_progress_reading(&p, EBB_PROGRESS_REST, line, sizeof line);
    assert_string_equal(line, "Your rest has become lower and steadier over three weeks.");
    ebb_progress_reading(&p, EBB_PROGRESS_RELEASE, line, sizeof line);
    assert_string_equal(line, "Your letting go has become quicker over three weeks: from 1.8 "
                              "to 1.3 s.");
    ebb_progress_reading(&p, EBB_PROGRESS_ENDURANCE, line, sizeof line);
    assert_string_equal(line, "Your longest hold has stayed about the same over three weeks, "
                              "near 8 s.");
    ebb_progress_reading(&p, EBB_PROGRESS_MVC, line, sizeof line);
    assert_string_equal(line, "At your last calibration your strongest squeeze was 55 \xc2\xb5V.");
    ebb_progress_reading(&p, EBB_PROGRESS_STARS, line, sizeof line);
    assert_string_equal(line, "Your stars have gone up over three weeks: 3.0 a level, from 1.0.");
    ebb_progress_reading(&p, EBB_PROGRESS_SESSIONS, line, sizeof line);
    assert_string_equal(line, "You practised on 21 of 21 days, about 1 a day; your plan asks "
                              "for about 2.");
    /* Rest going up and less steady is said gently. */
    for (int d = 0; d < 21; d++) {
        s[d].rest_mean = 0.05f + 0.01f * (float)d;
        s[d].rest_sd = 0.01f + 0.002f * (float)d;
    }
    ebb_progress_build(s, 21, 14, plan, &p);
    ebb_progress_reading(&p, EBB_PROGRESS_REST, line, sizeof line);
    assert_string_equal(line, "Your rest has become a little higher and a little less steady "
                              "over two weeks.");
    char span[32];
    ebb_progress_span_words(&p.rest, 5, span, sizeof span);
    assert_string_equal(span, "over 5 days");
}

static void test_plan_from_schedule(void **state)
{
    (void)state;
    static ebb_pack pack;
    memset(&pack, 0, sizeof pack);
    pack.slot_count = 2;
    pack.slots[0] = (ebb_pack_slot){"a", 1, 28, 2, 1, 0, 0};
    pack.slots[1] = (ebb_pack_slot){"b", 15, 28, 1, 2, 0, 0};
    assert_int_equal(ebb_progress_plan_on(&pack, 0), 0);
    assert_int_equal(ebb_progress_plan_on(&pack, 1), 2);
    assert_int_equal(ebb_progress_plan_on(&pack, 15), 3);
    assert_int_equal(ebb_progress_plan_on(&pack, 16), 2);
    assert_int_equal(ebb_progress_plan_on(&pack, 17), 3);
    assert_int_equal(ebb_progress_plan_on(&pack, 29), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_daily_means),
        cmocka_unit_test(test_trends_and_readings),
        cmocka_unit_test(test_plan_from_schedule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
