/* Replay CSV: parsing, exact error messages, frames at tick times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/replay.h"

static void parses_header_comments_and_rows(void **state)
{
    (void)state;
    const char *csv = "# recorded 2026-11-24\n"
                      "t,pf,abd\r\n"
                      "0.00,0.10,0.00\n"
                      "0.05, 0.20 ,0.01\n"
                      "\n"
                      "0.10,0.30,0.02\n";
    ebb_replay r;
    ebb_diags d;
    ebb_diags_init(&d, "x.csv");
    assert_true(ebb_replay_parse(csv, strlen(csv), &r, &d));
    assert_int_equal(d.errors, 0);
    assert_int_equal(r.count, 3);
    assert_int_equal(r.present, (1u << EBB_CH_PF) | (1u << EBB_CH_ABD));
    assert_int_equal(ebb_replay_end_ms(&r), 100);

    size_t cursor = 0;
    ebb_frame f = ebb_replay_frame_at(&r, 0, &cursor);
    assert_float_equal(f.effort[EBB_CH_PF], 0.10f, 1e-6);
    f = ebb_replay_frame_at(&r, 40, &cursor); /* still the first row */
    assert_float_equal(f.effort[EBB_CH_PF], 0.10f, 1e-6);
    f = ebb_replay_frame_at(&r, 50, &cursor);
    assert_float_equal(f.effort[EBB_CH_PF], 0.20f, 1e-6);
    assert_float_equal(f.effort[EBB_CH_ABD], 0.01f, 1e-6);
    f = ebb_replay_frame_at(&r, 500, &cursor);
    assert_float_equal(f.effort[EBB_CH_PF], 0.30f, 1e-6);
    assert_int_equal(f.signal, EBB_SIGNAL_OK);
    ebb_replay_free(&r);
}

/* Parses text that must fail and checks the first message exactly. */
static void expect_error(const char *csv, const char *message, ebb_diag_code code)
{
    ebb_replay r;
    ebb_diags d;
    ebb_diags_init(&d, "in.csv");
    assert_false(ebb_replay_parse(csv, strlen(csv), &r, &d));
    assert_true(d.errors >= 1);
    char buf[512];
    ebb_diag_format(&d, &d.items[0], buf, sizeof buf);
    assert_string_equal(buf, message);
    assert_int_equal(d.items[0].code, code);
    assert_null(r.t_ms);
    assert_int_equal(r.count, 0);
}

static void reports_errors_with_file_line_and_column(void **state)
{
    (void)state;
    expect_error("pf,t\n0,0\n",
                 "in.csv:1:1: error: the first column must be 't' (time in seconds), e.g. 't,pf'",
                 EBB_D_MISSING);
    expect_error("t,pff\n0,0\n",
                 "in.csv:1:3: error: unknown column 'pff'; expected pf, abd or breath",
                 EBB_D_UNKNOWN_KEY);
    expect_error("t,pf\n0,0.5\n0.01,1.5\n",
                 "in.csv:3:6: error: pf: expected effort 0..1, got '1.5'", EBB_D_RANGE);
    expect_error("t,pf\n0,0.5\n0.01,nan\n",
                 "in.csv:3:6: error: pf: expected effort 0..1, got 'nan'", EBB_D_RANGE);
    expect_error("t,pf\n0.5,0.5\n0.2,0.1\n",
                 "in.csv:3:1: error: t: 0.200 is not after the previous row's 0.500; times must increase",
                 EBB_D_ORDER);
    expect_error("t,pf\n0,0.5,0.3\n", "in.csv:2:1: error: row has 3 fields; the header names 2",
                 EBB_D_SYNTAX);
    expect_error("# only a comment\n", "in.csv: error: no header line; a replay starts with e.g. 't,pf'",
                 EBB_D_EMPTY);
    expect_error("t,pf\n", "in.csv: error: no data rows after the header", EBB_D_EMPTY);
    const char bin[] = "t,pf\n0,\0\n";
    ebb_replay r;
    ebb_diags d;
    ebb_diags_init(&d, "bin.csv");
    assert_false(ebb_replay_parse(bin, sizeof bin - 1, &r, &d));
    assert_int_equal(d.items[0].code, EBB_D_BINARY);
}

static void reports_every_bad_row(void **state)
{
    (void)state;
    const char *csv = "t,pf\n0,0.1\n0.01,x\n0.02,0.2\n0.03,-1\n";
    ebb_replay r;
    ebb_diags d;
    ebb_diags_init(&d, "in.csv");
    assert_false(ebb_replay_parse(csv, strlen(csv), &r, &d));
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[1].line, 5);
}

static void units_header_makes_values_raw_readings(void **state)
{
    (void)state;
    const char *csv = "# ebb units=uV\n"
                      "t,pf\n"
                      "0.00,2.0\n"
                      "0.01,31.0\n"
                      "0.02,90.0\n";
    ebb_replay r;
    ebb_diags d;
    ebb_diags_init(&d, "emg.csv");
    assert_true(ebb_replay_parse(csv, strlen(csv), &r, &d));
    assert_int_equal(r.unit[EBB_CH_PF], EBB_UNIT_UV);
    size_t cursor = 0;
    /* default EMG range 2..60 uV */
    ebb_frame f = ebb_replay_frame_at(&r, 0, &cursor);
    assert_float_equal(f.effort[EBB_CH_PF], 0.0f, 1e-6);
    f = ebb_replay_frame_at(&r, 10, &cursor);
    assert_float_equal(f.raw[EBB_CH_PF], 31.0f, 1e-6);
    assert_float_equal(f.effort[EBB_CH_PF], 0.5f, 1e-6);
    f = ebb_replay_frame_at(&r, 20, &cursor);
    assert_float_equal(f.effort[EBB_CH_PF], 1.0f, 1e-6);
    ebb_replay_free(&r);

    const char *two = "# ebb units=cmH2O,uV\nt,pf,abd\n0,20,31\n";
    ebb_diags_init(&d, "two.csv");
    assert_true(ebb_replay_parse(two, strlen(two), &r, &d));
    cursor = 0;
    f = ebb_replay_frame_at(&r, 0, &cursor);
    assert_float_equal(f.effort[EBB_CH_PF], 0.5f, 1e-6);  /* 0..40 cmH2O */
    assert_float_equal(f.effort[EBB_CH_ABD], 0.5f, 1e-6); /* 2..60 uV */
    ebb_replay_free(&r);

    expect_error("# ebb units=psi\nt,pf\n0,1\n",
                 "in.csv:1:13: error: units: unknown unit 'psi'; use none, uV, cmH2O, mmHg or hPa",
                 EBB_D_BAD_VALUE);
    expect_error("# ebb units=uV,uV\nt,pf\n0,1\n",
                 "in.csv:2:1: error: units: 2 units for 1 channel columns; give one for all or one per column",
                 EBB_D_BAD_VALUE);
    expect_error("# ebb units=uV\nt,pf\n0,x\n",
                 "in.csv:3:3: error: pf: expected a reading in uV, got 'x'", EBB_D_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_header_comments_and_rows),
        cmocka_unit_test(reports_errors_with_file_line_and_column),
        cmocka_unit_test(reports_every_bad_row),
        cmocka_unit_test(units_header_makes_values_raw_readings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
