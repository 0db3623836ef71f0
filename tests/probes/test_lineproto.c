/* Unit tests of the line protocol and SpikerShield decoders (engine/core/lineproto.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/lineproto.h"

#define MAX_SAMPLES 256

typedef struct collected {
    ebb_lineproto_sample s[MAX_SAMPLES];
    size_t n;
} collected;

static void collect(void *user, const ebb_lineproto_sample *s)
{
    collected *c = user;
    if (c->n < MAX_SAMPLES) {
        c->s[c->n++] = *s;
    }
}

static ebb_lineproto *make(ebb_lineproto_mode mode, collected *c)
{
    memset(c, 0, sizeof *c);
    ebb_lineproto *lp = ebb_lineproto_create(mode);
    assert_non_null(lp);
    ebb_lineproto_set_sink(lp, collect, c);
    return lp;
}

/* Feeds text in chunks of `chunk` bytes (1 = byte by byte). */
static void feed(ebb_lineproto *lp, const void *data, size_t len, size_t chunk)
{
    const uint8_t *b = data;
    for (size_t i = 0; i < len; i += chunk) {
        ebb_lineproto_feed(lp, b + i, len - i < chunk ? len - i : chunk);
    }
}

static void feeds(ebb_lineproto *lp, const char *text, size_t chunk)
{
    feed(lp, text, strlen(text), chunk);
}

static uint64_t dropped(const ebb_lineproto *lp, ebb_lineproto_drop r)
{
    return ebb_lineproto_get_stats(lp).dropped[r];
}

static void test_values_split_across_reads(void **state)
{
    (void)state;
    const char *text = "0.25,0.5\r\n0.75\n\n 0.1 , 0.2 , 0.3 \n";
    for (size_t chunk = 1; chunk <= strlen(text); chunk++) {
        collected c;
        ebb_lineproto *lp = make(EBB_LINEPROTO_ASCII, &c);
        feeds(lp, text, chunk);
        assert_int_equal(c.n, 3);
        assert_float_equal(c.s[0].value[EBB_CH_PF], 0.25f, 1e-6);
        assert_float_equal(c.s[0].value[EBB_CH_ABD], 0.5f, 1e-6);
        assert_int_equal(c.s[0].present, 0x3);
        assert_false(c.s[0].has_time);
        assert_float_equal(c.s[1].value[EBB_CH_PF], 0.75f, 1e-6);
        assert_int_equal(c.s[1].present, 0x1);
        assert_int_equal(c.s[2].present, 0x7);
        assert_float_equal(c.s[2].value[EBB_CH_BREATH], 0.3f, 1e-6);
        assert_int_equal(ebb_lineproto_get_stats(lp).dropped_total, 0);
        ebb_lineproto_destroy(lp);
    }
}

static void test_time_first(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_ASCII, &c);
    feeds(lp, "1530 0.5 0.25\n12\t0.3\n", 1);
    assert_int_equal(c.n, 2);
    assert_true(c.s[0].has_time);
    assert_int_equal(c.s[0].t_ms, 1530);
    assert_float_equal(c.s[0].value[EBB_CH_PF], 0.5f, 1e-6);
    assert_float_equal(c.s[0].value[EBB_CH_ABD], 0.25f, 1e-6);
    assert_int_equal(c.s[1].t_ms, 12);
    assert_int_equal(c.s[1].present, 0x1);
    ebb_lineproto_destroy(lp);
}

static void test_garbage_dropped_and_counted(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_ASCII, &c);
    char longline[400];
    memset(longline, '1', sizeof longline - 2);
    longline[sizeof longline - 2] = '\n';
    longline[sizeof longline - 1] = '\0';
    feeds(lp, "nan\n0.2,inf\n-Infinity\n1e999\n", 3);    /* 4 nonfinite */
    feeds(lp, "abc\n0.5,,0.2\n0.1,0.2,0.3,0.4\n1e\n0x10\n.\n", 2); /* 6 syntax */
    feeds(lp, "2.0\n-0.5\n100 -3\n", 1);                  /* 3 range */
    feeds(lp, "0.5\x01\n\xff\xfe\n", 1);                  /* 2 syntax: control, binary */
    feeds(lp, longline, 7);                               /* 1 overlong */
    feeds(lp, "# just a comment, not counted\n", 4);
    feeds(lp, "0.5\n+.25\n5e-1\n", 5);                     /* 3 good */
    assert_int_equal(c.n, 3);
    for (size_t i = 0; i < c.n; i++) {
        assert_true(c.s[i].value[EBB_CH_PF] >= 0.0f && c.s[i].value[EBB_CH_PF] <= 1.0f);
    }
    assert_float_equal(c.s[1].value[EBB_CH_PF], 0.25f, 1e-6);
    assert_int_equal(dropped(lp, EBB_LP_DROP_NONFINITE), 4);
    assert_int_equal(dropped(lp, EBB_LP_DROP_SYNTAX), 8);
    assert_int_equal(dropped(lp, EBB_LP_DROP_RANGE), 3);
    assert_int_equal(dropped(lp, EBB_LP_DROP_OVERLONG), 1);
    assert_int_equal(ebb_lineproto_get_stats(lp).dropped_total, 16);
    assert_string_equal(ebb_lineproto_drop_name(EBB_LP_DROP_OVERLONG), "overlong");
    ebb_lineproto_destroy(lp);
}

static void test_header_units_rate_channels(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_AUTO, &c);
    feeds(lp, "# ebb units=cmH2O rate=100 channels=pf,abd\n1000 20 4\n", 3);
    ebb_lineproto_stats st = ebb_lineproto_get_stats(lp);
    assert_int_equal(st.headers, 1);
    assert_int_equal(st.rate_hz, 100);
    assert_int_equal(st.mode, EBB_LINEPROTO_ASCII);
    assert_int_equal(c.n, 1);
    assert_float_equal(c.s[0].value[EBB_CH_PF], 20.0f, 1e-6);
    assert_int_equal(ebb_lineproto_unit(lp, EBB_CH_PF), EBB_UNIT_CMH2O);
    ebb_frame f;
    assert_true(ebb_lineproto_frame(lp, &f));
    assert_int_equal(f.present, 0x3);
    assert_float_equal(f.effort[EBB_CH_PF], 0.5f, 1e-6);   /* 20 of 0..40 cmH2O */
    assert_float_equal(f.effort[EBB_CH_ABD], 0.1f, 1e-6);
    assert_float_equal(f.raw[EBB_CH_PF], 20.0f, 1e-6);
    /* Only two channels declared: a third value is garbage. */
    feeds(lp, "1 2 3 4\n", 1);
    assert_int_equal(dropped(lp, EBB_LP_DROP_SYNTAX), 1);

    /* Per-channel units, in the order channels= gives; µV in UTF-8. */
    feeds(lp, "# ebb channels=abd,pf units=\xc2\xb5V,mmHg\n300,10\n", 1);
    assert_int_equal(c.n, 2);
    assert_int_equal(ebb_lineproto_unit(lp, EBB_CH_ABD), EBB_UNIT_UV);
    assert_int_equal(ebb_lineproto_unit(lp, EBB_CH_PF), EBB_UNIT_MMHG);
    assert_float_equal(c.s[1].value[EBB_CH_ABD], 300.0f, 1e-6);
    assert_float_equal(c.s[1].value[EBB_CH_PF], 10.0f, 1e-6);
    assert_int_equal(ebb_lineproto_get_stats(lp).rate_hz, 0); /* a new header resets it */

    /* Bad fields are counted and skipped; the header still resets to defaults. */
    feeds(lp, "# ebb channels=pf,pf unit=cmH2O rate=fast units=furlongs\n", 1);
    assert_int_equal(dropped(lp, EBB_LP_DROP_HEADER), 4);
    assert_int_equal(ebb_lineproto_unit(lp, EBB_CH_PF), EBB_UNIT_NONE);
    feeds(lp, "20\n", 1); /* effort unit again: 20 is out of range */
    assert_int_equal(dropped(lp, EBB_LP_DROP_RANGE), 1);
    feeds(lp, "#ebbing is not a header\n", 1);
    assert_int_equal(ebb_lineproto_get_stats(lp).headers, 3);
    ebb_lineproto_destroy(lp);
}

static void spiker_frame(uint8_t *out, unsigned v)
{
    out[0] = (uint8_t)(0x80u | (v >> 7));
    out[1] = (uint8_t)(v & 0x7fu);
}

static void test_spiker_frames(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_SPIKER, &c);
    uint8_t b[6];
    const unsigned values[] = {0, 512, 1023, 300};
    for (size_t i = 0; i < 4; i++) {
        spiker_frame(b, values[i]);
        feed(lp, b, 2, 1);
    }
    assert_int_equal(c.n, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_float_equal(c.s[i].value[EBB_CH_PF], (float)values[i], 1e-6);
        assert_int_equal(c.s[i].present, 0x1);
    }
    ebb_frame f;
    assert_true(ebb_lineproto_frame(lp, &f));
    assert_float_equal(f.raw[EBB_CH_PF], (0 + 512 + 1023 + 300) / 4.0f, 1e-3);
    assert_float_equal(f.effort[EBB_CH_PF], (0 + 512 + 1023 + 300) / 4.0f / 1023.0f, 1e-4);
    assert_false(ebb_lineproto_frame(lp, &f)); /* nothing new: held */
    assert_float_equal(f.raw[EBB_CH_PF], (0 + 512 + 1023 + 300) / 4.0f, 1e-3);

    /* Two channels: 272 and 416. */
    ebb_lineproto_reset(lp);
    c.n = 0;
    const uint8_t two[] = {0x82, 0x10, 0x03, 0x20, 0x82, 0x10, 0x03, 0x20, 0x80};
    feed(lp, two, sizeof two, 3);
    assert_int_equal(c.n, 2);
    assert_float_equal(c.s[0].value[EBB_CH_PF], 272.0f, 1e-6);
    assert_float_equal(c.s[0].value[EBB_CH_ABD], 416.0f, 1e-6);
    assert_int_equal(c.s[1].present, 0x3);
    ebb_lineproto_destroy(lp);
}

static void test_spiker_resync_after_lost_byte(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_SPIKER, &c);
    uint8_t stream[40];
    size_t n = 0;
    for (unsigned i = 0; i < 10; i++) {
        spiker_frame(stream + n, 100 + i);
        n += 2;
    }
    /* Lose the low byte of frame 3 and the start byte of frame 6. */
    uint8_t lossy[40];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i != 2 * 3 + 1 && i != 2 * 6) {
            lossy[m++] = stream[i];
        }
    }
    feed(lp, lossy, m, 1);
    /* A trailing start byte opens a frame that the garbage below will break. */
    const uint8_t next[] = {0x80};
    feed(lp, next, 1, 1);
    assert_int_equal(dropped(lp, EBB_LP_DROP_FRAME), 2);
    assert_int_equal(c.n, 8);
    const unsigned want[] = {100, 101, 102, 104, 105, 107, 108, 109};
    for (size_t i = 0; i < 8; i++) {
        assert_float_equal(c.s[i].value[EBB_CH_PF], (float)want[i], 1e-6);
    }
    /* A start byte too high for a 10-bit value is garbage too. */
    const uint8_t bad[] = {0x9f, 0x01, 0x02};
    feed(lp, bad, sizeof bad, 1);
    assert_int_equal(dropped(lp, EBB_LP_DROP_FRAME), 4); /* the open 0x80 frame, then 0x9f */
    ebb_lineproto_destroy(lp);
}

static void test_auto_detects_spiker(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_AUTO, &c);
    uint8_t b[20];
    for (unsigned i = 0; i < 10; i++) {
        spiker_frame(b + 2 * i, 10 * i + 1);
    }
    feed(lp, b, sizeof b, 1);
    const ebb_lineproto_stats st = ebb_lineproto_get_stats(lp);
    assert_int_equal(st.mode, EBB_LINEPROTO_SPIKER);
    assert_int_equal(c.n, 10); /* the first four were held until the format was decided */
    assert_float_equal(c.s[0].value[EBB_CH_PF], 1.0f, 1e-6);
    assert_int_equal(st.dropped_total, 0);
    ebb_calib cal = ebb_lineproto_calib(lp, EBB_CH_PF);
    assert_float_equal(cal.mvc, 1023.0f, 1e-6);
    ebb_lineproto_destroy(lp);
}

static void test_auto_detects_ascii_and_switches(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_AUTO, &c);
    feeds(lp, "0.5\n0.25\n", 1);
    assert_int_equal(ebb_lineproto_get_stats(lp).mode, EBB_LINEPROTO_ASCII);
    assert_int_equal(c.n, 2);
    assert_int_equal(ebb_lineproto_get_stats(lp).dropped_total, 0);
    /* The board is reflashed with SpikerShield firmware mid-stream. */
    uint8_t b[64];
    for (unsigned i = 0; i < 32; i++) {
        spiker_frame(b + 2 * i, 768);
    }
    feed(lp, b, sizeof b, 5);
    assert_int_equal(ebb_lineproto_get_stats(lp).mode, EBB_LINEPROTO_SPIKER);
    assert_true(c.n > 2);
    assert_float_equal(c.s[c.n - 1].value[EBB_CH_PF], 768.0f, 1e-6);
    ebb_frame f;
    assert_true(ebb_lineproto_frame(lp, &f));
    assert_float_equal(f.effort[EBB_CH_PF], 768.0f / 1023.0f, 1e-5);
    /* And back to ASCII. */
    feeds(lp, "\n0.1\n0.1\n0.1\n0.1\n", 1);
    assert_int_equal(ebb_lineproto_get_stats(lp).mode, EBB_LINEPROTO_ASCII);
    assert_float_equal(c.s[c.n - 1].value[EBB_CH_PF], 0.1f, 1e-6);
    ebb_lineproto_destroy(lp);
}

static void test_forced_ascii_ignores_binary(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_ASCII, &c);
    uint8_t b[64];
    for (unsigned i = 0; i < 32; i++) {
        spiker_frame(b + 2 * i, 768);
    }
    feed(lp, b, sizeof b, 64);
    feeds(lp, "\n0.5\n", 1);
    assert_int_equal(ebb_lineproto_get_stats(lp).mode, EBB_LINEPROTO_ASCII);
    assert_int_equal(c.n, 1);
    assert_int_equal(dropped(lp, EBB_LP_DROP_SYNTAX), 1);
    ebb_lineproto_destroy(lp);
}

static void test_frame_mean_and_hold(void **state)
{
    (void)state;
    collected c;
    ebb_lineproto *lp = make(EBB_LINEPROTO_AUTO, &c);
    ebb_frame f;
    assert_false(ebb_lineproto_frame(lp, &f));
    assert_int_equal(f.present, 0);
    feeds(lp, "0.2,0.9\n0.4\n", 64);
    assert_true(ebb_lineproto_frame(lp, &f));
    assert_float_equal(f.effort[EBB_CH_PF], 0.3f, 1e-6);
    assert_float_equal(f.effort[EBB_CH_ABD], 0.9f, 1e-6);
    feeds(lp, "1.04\n", 64); /* within the noise margin: kept, effort clamped */
    assert_true(ebb_lineproto_frame(lp, &f));
    assert_float_equal(f.effort[EBB_CH_PF], 1.0f, 1e-6);
    assert_float_equal(f.effort[EBB_CH_ABD], 0.9f, 1e-6); /* held */
    assert_int_equal(f.signal, EBB_SIGNAL_OK);
    ebb_lineproto_destroy(lp);
}

static void test_mode_names(void **state)
{
    (void)state;
    ebb_lineproto_mode m = EBB_LINEPROTO_AUTO;
    assert_true(ebb_lineproto_mode_parse("spiker", &m));
    assert_int_equal(m, EBB_LINEPROTO_SPIKER);
    assert_true(ebb_lineproto_mode_parse("ascii", &m));
    assert_int_equal(m, EBB_LINEPROTO_ASCII);
    assert_false(ebb_lineproto_mode_parse("binary", &m));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_split_across_reads),
        cmocka_unit_test(test_time_first),
        cmocka_unit_test(test_garbage_dropped_and_counted),
        cmocka_unit_test(test_header_units_rate_channels),
        cmocka_unit_test(test_spiker_frames),
        cmocka_unit_test(test_spiker_resync_after_lost_byte),
        cmocka_unit_test(test_auto_detects_spiker),
        cmocka_unit_test(test_auto_detects_ascii_and_switches),
        cmocka_unit_test(test_forced_ascii_ignores_binary),
        cmocka_unit_test(test_frame_mean_and_hold),
        cmocka_unit_test(test_mode_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
