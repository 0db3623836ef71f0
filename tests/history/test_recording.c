/* The recording format: frames round-trip bit for bit (lost ticks and channel changes too),
 * the level comes back as it was played and scores the same, a file cut off at any byte
 * of its last block keeps every whole block, and damaged or foreign files are refused with
 * a message naming the file and what is wrong. */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/recording.h"
#include "hist_util.h"
#include "io/recording_file.h"

#define NFRAMES 1037 /* not a whole number of blocks */

static ebb_frame frames[NFRAMES];

static void make_frames(void)
{
    uint32_t x = 12345u;
    for (unsigned i = 0; i < NFRAMES; i++) {
        x = x * 1664525u + 1013904223u;
        ebb_frame f = ebb_frame_pf(hist_effort(i) + (float)(x >> 8) / 16777216.0f * 0.01f);
        if (i >= 300 && i < 600) { /* a breath belt joins for a while */
            f.present |= 1u << EBB_CH_BREATH;
            f.effort[EBB_CH_BREATH] = (float)(i % 400) / 400.0f;
        }
        if (i % 97 == 5) {
            f.signal = EBB_SIGNAL_LOST;
        }
        if (i > 700 && i < 760) {
            f.effort[EBB_CH_PF] = 0.25f; /* a flat stretch: one byte a frame */
        }
        frames[i] = f;
    }
}

/* Header and every frame, as the file writer lays them out. */
static uint8_t *encode(const ebb_level *lv, size_t *len, size_t *last_block_at)
{
    ebb_recording_meta meta = {"stdin", "2024-05-01T08:00:00Z"};
    uint8_t *head = NULL;
    size_t hl = 0;
    assert_true(ebb_recording_header(&meta, lv, &head, &hl));
    uint8_t *buf = malloc(hl + NFRAMES * 20u);
    memcpy(buf, head, hl);
    free(head);
    size_t n = hl;
    static ebb_recording_enc e;
    ebb_recording_enc_init(&e);
    for (unsigned i = 0; i < NFRAMES; i++) {
        if (ebb_recording_enc_frame(&e, &frames[i])) {
            size_t bl = 0;
            const uint8_t *b = ebb_recording_enc_block(&e, &bl);
            *last_block_at = n;
            memcpy(buf + n, b, bl);
            n += bl;
        }
    }
    size_t bl = 0;
    const uint8_t *b = ebb_recording_enc_block(&e, &bl);
    if (bl > 0) {
        *last_block_at = n;
        memcpy(buf + n, b, bl);
        n += bl;
    }
    *len = n;
    return buf;
}

static void test_round_trip(void **state)
{
    (void)state;
    make_frames();
    ebb_level lv;
    assert_true(hist_level(&lv));
    size_t len = 0, last = 0;
    uint8_t *data = encode(&lv, &len, &last);
    ebb_recording r;
    char err[EBB_RECORDING_ERR_MAX];
    assert_true(ebb_recording_decode(data, len, &r, err, sizeof err));
    assert_false(r.cut);
    assert_int_equal(r.count, NFRAMES);
    for (unsigned i = 0; i < NFRAMES; i++) {
        assert_int_equal(r.frames[i].present, frames[i].present);
        assert_int_equal(r.frames[i].signal, frames[i].signal);
        for (int c = 0; c < EBB_CH_COUNT; c++) {
            if (frames[i].present & (1u << c)) {
                assert_memory_equal(&r.frames[i].effort[c], &frames[i].effort[c],
                                    sizeof(float));
            }
        }
    }
    assert_string_equal(r.meta.probe, "stdin");
    assert_string_equal(r.level.title, lv.title);
    assert_int_equal(r.level.step_count, lv.step_count);
    for (size_t i = 0; i < lv.step_count; i++) {
        assert_int_equal(r.level.steps[i].kind, lv.steps[i].kind);
        assert_int_equal(r.level.steps[i].start_ms, lv.steps[i].start_ms);
        assert_memory_equal(&r.level.steps[i].hi0, &lv.steps[i].hi0, sizeof(float));
        assert_string_equal(r.level.steps[i].caption, lv.steps[i].caption);
    }
    /* Scored from the recording, the result is the one the live session had. */
    ebb_session *live = ebb_session_create(&lv);
    ebb_tick_events ev;
    for (unsigned i = 0; i < NFRAMES && !ebb_session_finished(live); i++) {
        ebb_session_tick(live, &frames[i], &ev);
    }
    ebb_session *again = ebb_recording_run(&r);
    const ebb_result *a = ebb_session_result(live), *b = ebb_session_result(again);
    assert_int_equal(a->score, b->score);
    assert_int_equal(a->duration_ms, b->duration_ms);
    for (size_t i = 0; i < a->step_count; i++) {
        assert_memory_equal(&a->steps[i].mean, &b->steps[i].mean, sizeof(float));
        assert_memory_equal(&a->steps[i].sd, &b->steps[i].sd, sizeof(float));
    }
    /* Re-scored in one pass (blocks straight into the runner): the very same result, and
     * cut off inside its last block, the same frames as the array decoder keeps. */
    for (int cut = 0; cut < 2; cut++) {
        const size_t n = cut ? last + 7u : len;
        ebb_recording hdr, arr;
        ebb_session *one = NULL;
        assert_true(ebb_recording_rescore(data, n, &hdr, &one, err, sizeof err));
        assert_true(ebb_recording_decode(data, n, &arr, err, sizeof err));
        assert_int_equal(hdr.count, arr.count);
        assert_int_equal(hdr.cut, arr.cut);
        assert_int_equal(hdr.cut, cut == 1);
        assert_null(hdr.frames);
        ebb_session *two = ebb_recording_run(&arr);
        const ebb_result *x = ebb_session_result(one), *y = ebb_session_result(two);
        assert_int_equal(x->score, y->score);
        assert_int_equal(x->stars, y->stars);
        assert_int_equal(x->complete, y->complete);
        assert_int_equal(x->duration_ms, y->duration_ms);
        for (size_t i = 0; i < x->step_count; i++) {
            assert_memory_equal(&x->steps[i].mean, &y->steps[i].mean, sizeof(float));
            assert_memory_equal(&x->steps[i].peak, &y->steps[i].peak, sizeof(float));
        }
        if (!cut) {
            assert_int_equal(x->score, a->score);
        }
        ebb_session_destroy(one);
        ebb_session_destroy(two);
        ebb_recording_free(&hdr);
        ebb_recording_free(&arr);
    }
    /* Compact: noise in every mantissa bit still takes under 6 bytes a frame (a float per
     * channel, its state and presence would take 14), and a flat stretch one byte. */
    printf("recording: %zu bytes for %u frames\n", len, NFRAMES);
    assert_true(len < NFRAMES * 6u + 600u);
    ebb_session_destroy(live);
    ebb_session_destroy(again);
    ebb_recording_free(&r);
    free(data);
    ebb_level_free(&lv);
}

static void test_cut_tail(void **state)
{
    (void)state;
    ebb_level lv;
    assert_true(hist_level(&lv));
    size_t len = 0, last = 0;
    uint8_t *data = encode(&lv, &len, &last);
    /* Cut anywhere in the last block: the whole blocks before it stay. */
    for (size_t cut = last + 1; cut < len; cut++) {
        ebb_recording r;
        char err[EBB_RECORDING_ERR_MAX] = "";
        assert_true(ebb_recording_decode(data, cut, &r, err, sizeof err));
        assert_true(r.cut);
        assert_int_equal(r.count, (NFRAMES / EBB_RECORDING_BLOCK_FRAMES) *
                                      EBB_RECORDING_BLOCK_FRAMES);
        ebb_recording_free(&r);
    }
    free(data);
    ebb_level_free(&lv);
}

typedef struct damage_case {
    const char *what;
    size_t at;      /* byte to change (from the start; SIZE_MAX: see below) */
    uint8_t value;
    const char *message;
} damage_case;

static void test_damaged(void **state)
{
    (void)state;
    ebb_level lv;
    assert_true(hist_level(&lv));
    size_t len = 0, last = 0;
    uint8_t *data = encode(&lv, &len, &last);
    const damage_case cases[] = {
        {"magic", 0, 'X', "it is not an Ebb recording (no EBBREC header)"},
        {"version", 6, 9, "it is a recording of format 9; this Ebb reads format 1"},
        {"tick rate", 8, 50, "it was recorded at 50 ticks a second; this Ebb runs at 100"},
        {"header text", 40, 'Z', "its header is damaged (checksum mismatch)"},
        {"a middle block", last - 30, 0x55, "is damaged (checksum mismatch)"},
        {"a block tag", last, 'Q', "is damaged (bad block header)"},
    };
    char dir[] = "/tmp/ebb-rec-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t *copy = malloc(len);
        memcpy(copy, data, len);
        copy[cases[i].at] = cases[i].value;
        ebb_recording r;
        char err[EBB_RECORDING_ERR_MAX] = "";
        assert_false(ebb_recording_decode(copy, len, &r, err, sizeof err));
        printf("%s: %s\n", cases[i].what, err);
        assert_non_null(strstr(err, cases[i].message));
        /* Re-scoring in one pass refuses it with the same words, and gives no session. */
        char serr[EBB_RECORDING_ERR_MAX] = "";
        ebb_session *none = (ebb_session *)1;
        assert_false(ebb_recording_rescore(copy, len, &r, &none, serr, sizeof serr));
        assert_null(none);
        assert_string_equal(serr, err);
        /* From a file, the message names it. */
        char path[300], lerr[1600];
        snprintf(path, sizeof path, "%s/damaged-%zu.ebbrec", dir, i);
        FILE *f = fopen(path, "wb");
        assert_int_equal(fwrite(copy, 1, len, f), len);
        fclose(f);
        assert_false(ebb_recording_load(path, &r, lerr, sizeof lerr));
        char expect[700];
        snprintf(expect, sizeof expect, "the recording %s cannot be used: %s", path, err);
        assert_string_equal(lerr, expect);
        assert_false(ebb_recording_rescore_file(path, &r, &none, lerr, sizeof lerr));
        assert_string_equal(lerr, expect);
        free(copy);
    }
    free(data);
    ebb_level_free(&lv);
    hist_rm_rf(dir);
}

/* The checksum is CRC-32 as zlib computes it (the format's, unchanged by the faster
 * implementation): the standard check value, and every length and alignment against the
 * plain byte-wise definition. */
static uint32_t crc_bytewise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
    }
    return c ^ 0xFFFFFFFFu;
}

static void test_crc(void **state)
{
    (void)state;
    assert_int_equal(ebb_crc32((const uint8_t *)"123456789", 9), 0xCBF43926u);
    assert_int_equal(ebb_crc32(NULL, 0), 0u);
    static uint8_t buf[1100];
    uint32_t x = 7u;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1664525u + 1013904223u;
        buf[i] = (uint8_t)(x >> 24);
    }
    for (size_t off = 0; off < 8; off++) {
        for (size_t n = 0; n + off <= sizeof buf; n += (n < 40 ? 1 : 37)) {
            assert_int_equal(ebb_crc32(buf + off, n), crc_bytewise(buf + off, n));
        }
    }
}

/* The file writer: private whatever the umask, locked while it writes, readable after. */
static void test_writer(void **state)
{
    (void)state;
    mode_t old = umask(0);
    char dir[] = "/tmp/ebb-recw-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/session-1.ebbrec", dir);
    ebb_level lv;
    assert_true(hist_level(&lv));
    ebb_recording_meta meta = {"stdin", "2024-05-01T08:00:00Z"};
    char err[1600];
    ebb_recording_writer *w = ebb_recording_writer_open(path, &meta, &lv, err, sizeof err);
    assert_non_null(w);
    assert_int_equal(hist_mode(path), 0600);
    for (unsigned i = 0; i < 60; i++) {
        assert_true(ebb_recording_writer_frame(w, &frames[i]));
    }
    /* Two full blocks are in the file already, before any sync: a kill keeps them. */
    ebb_recording r;
    assert_true(ebb_recording_load(path, &r, err, sizeof err));
    assert_int_equal(r.count, 50);
    ebb_recording_free(&r);
    assert_true(ebb_recording_writer_close(w));
    assert_true(ebb_recording_load(path, &r, err, sizeof err));
    assert_int_equal(r.count, 60);
    assert_false(r.cut);
    ebb_recording_free(&r);
    /* It never overwrites. */
    assert_null(ebb_recording_writer_open(path, &meta, &lv, err, sizeof err));
    assert_non_null(strstr(err, "cannot create the recording"));
    ebb_level_free(&lv);
    hist_rm_rf(dir);
    umask(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_cut_tail),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_writer),
        cmocka_unit_test(test_crc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
