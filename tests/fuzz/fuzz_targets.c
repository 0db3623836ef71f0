/* Fuzz targets for everything that reads outside input: level files, packs, replay CSV and
 * the probe line protocol / SpikerShield decoder. Each entry point takes arbitrary bytes and
 * must neither crash nor leak, whatever they are; it checks the contract on the way (a
 * refused file leaves nothing allocated, an accepted level has sane timing).
 *
 * Built two ways:
 *  - with clang and -fsanitize=fuzzer (EBB_FUZZ=ON, `make fuzz`): real coverage-guided fuzzing;
 *  - with any compiler and fuzz_replay_main.c: a regression test that runs each target over
 *    the malformed-file corpus and a set of generated inputs, in every `make test`. */
#include "fuzz_targets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ble_payload.h"
#include "core/lineproto.h"
#include "core/level.h"
#include "core/pack.h"
#include "core/recording.h"
#include "core/replay.h"

/* A contract broken is a crash the fuzzer reports, sanitizer or not. */
#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

int ebb_fuzz_level(const uint8_t *data, size_t size)
{
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, "fuzz.level");
    if (ebb_level_parse((const char *)data, size, "fuzz.level", &lv, &d)) {
        FUZZ_CHECK(d.errors == 0 && lv.step_count > 0);
        FUZZ_CHECK(lv.total_ms <= EBB_LEVEL_TOTAL_MS_MAX);
        uint32_t t = 0;
        for (size_t i = 0; i < lv.step_count; i++) {
            const ebb_step *st = &lv.steps[i];
            FUZZ_CHECK(st->start_ms == t && st->duration_ms % 10u == 0);
            FUZZ_CHECK(st->lo0 >= 0.0f && st->hi0 <= 1.0f && st->lo0 <= st->hi0);
            t += st->duration_ms;
        }
        FUZZ_CHECK(t == lv.total_ms);
        ebb_level_free(&lv);
    } else {
        FUZZ_CHECK(d.errors > 0 && lv.steps == NULL);
    }
    return 0;
}

int ebb_fuzz_pack(const uint8_t *data, size_t size)
{
    static const char *const builtin[] = {"breathing/resonance", "lengthening/drop-and-release",
                                          "strengthening/holds-and-flicks"};
    const ebb_pack_parse_opts opts = {builtin, 3};
    ebb_pack *pack = malloc(sizeof *pack); /* large: keep it off the fuzzer's stack */
    if (!pack) {
        return 0;
    }
    ebb_diags d;
    ebb_diags_init(&d, "fuzz.pack");
    if (ebb_pack_parse((const char *)data, size, "fuzz.pack", &opts, pack, &d)) {
        FUZZ_CHECK(d.errors == 0);
        for (size_t i = 0; i < pack->level_count; i++) {
            if (pack->levels[i].embedded) {
                ebb_level lv;
                ebb_diags ld;
                ebb_diags_init(&ld, "fuzz.pack");
                if (ebb_pack_level_parse(pack, &pack->levels[i], &lv, &ld)) {
                    ebb_level_free(&lv);
                }
            }
        }
        ebb_pack_free(pack);
    } else {
        FUZZ_CHECK(d.errors > 0);
    }
    free(pack);
    return 0;
}

int ebb_fuzz_replay(const uint8_t *data, size_t size)
{
    ebb_replay r;
    ebb_diags d;
    ebb_diags_init(&d, "fuzz.csv");
    if (ebb_replay_parse((const char *)data, size, &r, &d)) {
        FUZZ_CHECK(r.count > 0);
        size_t cursor = 0;
        for (uint32_t ms = 0; ms <= ebb_replay_end_ms(&r) && ms < 100000u; ms += 10u) {
            const ebb_frame f = ebb_replay_frame_at(&r, ms, &cursor);
            for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
                FUZZ_CHECK(f.effort[ch] >= 0.0f && f.effort[ch] <= 1.0f);
            }
        }
        ebb_replay_free(&r);
    } else {
        FUZZ_CHECK(d.errors > 0 && r.t_ms == NULL);
    }
    return 0;
}

int ebb_fuzz_lineproto(const uint8_t *data, size_t size)
{
    /* The first byte picks the mode and how the stream is cut into reads, so split lines
     * and frames are explored too. */
    if (size == 0) {
        return 0;
    }
    ebb_lineproto *lp = ebb_lineproto_create((ebb_lineproto_mode)(data[0] % 3u));
    if (!lp) {
        return 0;
    }
    const size_t chunk = 1u + (data[0] >> 2);
    for (size_t pos = 1; pos < size; pos += chunk) {
        const size_t n = size - pos < chunk ? size - pos : chunk;
        ebb_lineproto_feed(lp, data + pos, n);
        ebb_frame f;
        ebb_lineproto_frame(lp, &f);
        for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
            if (f.present & (1u << ch)) {
                FUZZ_CHECK(f.effort[ch] >= 0.0f && f.effort[ch] <= 1.0f);
            }
        }
    }
    ebb_lineproto_destroy(lp);
    return 0;
}

int ebb_fuzz_ble(const uint8_t *data, size_t size)
{
    /* The first byte picks the device family; the rest is one notification. Refused payloads
     * leave nothing behind; accepted readings are finite and within what the device sends. */
    if (size == 0) {
        return 0;
    }
    const ebb_ble_model *m = ebb_ble_model_of((ebb_ble_family)(data[0] % EBB_BLE_FAMILY_COUNT));
    ebb_ble_readings r;
    const ebb_ble_verdict v = ebb_ble_decode(m, data + 1, size - 1, &r);
    if (v != EBB_BLE_ACCEPTED) {
        FUZZ_CHECK(r.count == 0);
        return 0;
    }
    FUZZ_CHECK(r.count >= 1 && r.count <= EBB_BLE_SAMPLES_MAX);
    for (uint8_t i = 0; i < r.count; i++) {
        FUZZ_CHECK(isfinite(r.pf[i]) && r.pf[i] >= m->raw_min && r.pf[i] <= m->raw_max);
        if (r.has_abd) {
            FUZZ_CHECK(isfinite(r.abd[i]) && r.abd[i] >= m->raw_min && r.abd[i] <= m->raw_max);
        }
    }
    return 0;
}

/* Recomputes the header's and each whole block's checksum, so that the fuzzer reaches the
 * meta text and the frame decoder instead of stopping at a checksum mismatch. */
static void recording_fix_crcs(uint8_t *p, size_t len)
{
    enum { HEAD = 16, BLOCK = 12 };
    if (len < HEAD + 4) {
        return;
    }
    const uint32_t meta = (uint32_t)p[12] | (uint32_t)p[13] << 8 | (uint32_t)p[14] << 16 |
                          (uint32_t)p[15] << 24;
    if (meta > len - HEAD - 4) {
        return;
    }
    uint32_t crc = ebb_crc32(p, HEAD + meta);
    size_t pos = HEAD + meta;
    for (int i = 0; i < 4; i++) {
        p[pos + (size_t)i] = (uint8_t)(crc >> (8 * i));
    }
    pos += 4;
    while (len - pos >= BLOCK) {
        const uint32_t plen = (uint32_t)p[pos + 4] | (uint32_t)p[pos + 5] << 8 |
                              (uint32_t)p[pos + 6] << 16 | (uint32_t)p[pos + 7] << 24;
        if (plen > len - pos - BLOCK) {
            return;
        }
        crc = ebb_crc32(p + pos + BLOCK, plen);
        for (int i = 0; i < 4; i++) {
            p[pos + 8 + (size_t)i] = (uint8_t)(crc >> (8 * i));
        }
        pos += BLOCK + plen;
    }
}

int ebb_fuzz_recording(const uint8_t *data, size_t size)
{
    /* The first byte says whether to repair the checksums first. A recording is refused with
     * one sentence, or decodes to a level that holds together and frames that replay through
     * the session runner to a score within 0..100; re-encoding the frames gives the same
     * frames back, bit for bit. */
    if (size == 0) {
        return 0;
    }
    const size_t len = size - 1;
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        return 0;
    }
    memcpy(copy, data + 1, len);
    if (data[0] & 1u) {
        recording_fix_crcs(copy, len);
    }
    ebb_recording r;
    char err[EBB_RECORDING_ERR_MAX];
    err[0] = '\0';
    if (!ebb_recording_decode(copy, len, &r, err, sizeof err)) {
        FUZZ_CHECK(err[0] != '\0' && r.frames == NULL && r.level.steps == NULL);
        free(copy);
        return 0;
    }
    FUZZ_CHECK(r.level.step_count > 0 && r.level.total_ms <= EBB_LEVEL_TOTAL_MS_MAX);
    uint32_t t = 0;
    for (size_t i = 0; i < r.level.step_count; i++) {
        FUZZ_CHECK(r.level.steps[i].start_ms == t);
        t += r.level.steps[i].duration_ms;
    }
    FUZZ_CHECK(t == r.level.total_ms);
    ebb_session *s = ebb_recording_run(&r);
    if (s) {
        const ebb_result *res = ebb_session_result(s);
        FUZZ_CHECK(res->score >= 0 && res->score <= 100 && res->stars >= 0 && res->stars <= 3);
        ebb_session_destroy(s);
    }
    /* Encode it again: header, then full blocks and the last partial one. */
    uint8_t *out = NULL;
    size_t out_len = 0;
    if (ebb_recording_header(&r.meta, &r.level, &out, &out_len)) {
        uint8_t *all = realloc(out, out_len + (r.count / EBB_RECORDING_BLOCK_FRAMES + 1) *
                                                  EBB_RECORDING_BLOCK_MAX);
        FUZZ_CHECK(all != NULL);
        ebb_recording_enc enc;
        ebb_recording_enc_init(&enc);
        for (size_t i = 0; i <= r.count; i++) {
            if (i == r.count || ebb_recording_enc_frame(&enc, &r.frames[i])) {
                size_t blen = 0;
                const uint8_t *b = ebb_recording_enc_block(&enc, &blen);
                memcpy(all + out_len, b, blen);
                out_len += blen;
            }
        }
        ebb_recording again;
        FUZZ_CHECK(ebb_recording_decode(all, out_len, &again, err, sizeof err));
        FUZZ_CHECK(again.count == r.count && !again.cut);
        FUZZ_CHECK(again.level.step_count == r.level.step_count &&
                   again.level.total_ms == r.level.total_ms);
        for (size_t i = 0; i < r.count; i++) {
            const ebb_frame *x = &r.frames[i], *y = &again.frames[i];
            FUZZ_CHECK(x->present == y->present && x->signal == y->signal);
            for (int c = 0; c < EBB_CH_COUNT; c++) {
                if (x->present & (1u << c)) {
                    FUZZ_CHECK(memcmp(&x->effort[c], &y->effort[c], sizeof x->effort[c]) == 0);
                }
            }
        }
        ebb_recording_free(&again);
        free(all);
    }
    ebb_recording_free(&r);
    free(copy);
    return 0;
}
