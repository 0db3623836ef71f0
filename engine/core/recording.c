/* Session recordings: encoder and decoder of the byte format described in recording.h. */
#include "core/recording.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_FIXED 16u
#define BLOCK_HEAD 12u
#define META_MAX (4u * 1024u * 1024u)

static const uint8_t magic[6] = {'E', 'B', 'B', 'R', 'E', 'C'};

/* CRC-32 (IEEE, as zlib) sliced by 8: eight table look-ups per 8 bytes instead of one per
 * byte, the same values as the byte-wise loop (the format is unchanged). */
static uint32_t crc_table[8][256];
static bool crc_ready = false;

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++) {
        for (int t = 1; t < 8; t++) {
            const uint32_t prev = crc_table[t - 1][i];
            crc_table[t][i] = crc_table[0][prev & 0xFFu] ^ (prev >> 8);
        }
    }
    crc_ready = true;
}

uint32_t ebb_crc32(const uint8_t *data, size_t len)
{
    if (!crc_ready) {
        crc_init();
    }
    uint32_t c = 0xFFFFFFFFu;
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        const uint8_t *p = data + i;
        const uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                                 (uint32_t)p[3] << 24);
        c = crc_table[7][lo & 0xFFu] ^ crc_table[6][(lo >> 8) & 0xFFu] ^
            crc_table[5][(lo >> 16) & 0xFFu] ^ crc_table[4][lo >> 24] ^ crc_table[3][p[4]] ^
            crc_table[2][p[5]] ^ crc_table[1][p[6]] ^ crc_table[0][p[7]];
    }
    for (; i < len; i++) {
        c = crc_table[0][(c ^ data[i]) & 0xFFu] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static uint32_t get16(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
    return get16(p) | (get16(p + 2) << 16);
}

static void say(char *err, size_t n, const char *fmt, ...) EBB_PRINTF(3, 4);

static void say(char *err, size_t n, const char *fmt, ...)
{
    if (err != NULL && n > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, n, fmt, ap);
        va_end(ap);
    }
}

/* ---- meta text: tab-separated fields, one record a line, \t \n \\ escaped ---------------- */

typedef struct text_buf {
    char *p;
    size_t len, cap;
    bool failed;
} text_buf;

static void tb_put(text_buf *b, const char *s, size_t n)
{
    if (b->failed) {
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *np = realloc(b->p, cap);
        if (np == NULL) {
            b->failed = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void tb_field(text_buf *b, const char *s)
{
    tb_put(b, "\t", 1);
    for (; *s; s++) {
        if (*s == '\t') {
            tb_put(b, "\\t", 2);
        } else if (*s == '\n') {
            tb_put(b, "\\n", 2);
        } else if (*s == '\\') {
            tb_put(b, "\\\\", 2);
        } else {
            tb_put(b, s, 1);
        }
    }
}

static void tb_num(text_buf *b, const char *fmt, double v)
{
    char s[64];
    snprintf(s, sizeof s, fmt, v);
    tb_field(b, s);
}

static void tb_uint(text_buf *b, unsigned long v)
{
    char s[32];
    snprintf(s, sizeof s, "%lu", v);
    tb_field(b, s);
}

bool ebb_recording_header(const ebb_recording_meta *meta, const ebb_level *lv, uint8_t **out,
                          size_t *out_len)
{
    text_buf b = {0};
    tb_put(&b, "probe", 5);
    tb_field(&b, meta->probe);
    tb_put(&b, "\nstarted_at", 11);
    tb_field(&b, meta->started_at);
    tb_put(&b, "\nlevel", 6);
    tb_field(&b, lv->id);
    tb_field(&b, lv->title);
    tb_field(&b, lv->description);
    tb_field(&b, lv->character);
    tb_field(&b, ebb_level_kind_name(lv->kind));
    tb_uint(&b, (unsigned long)lv->pass_stars);
    tb_uint(&b, lv->flags);
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *s = &lv->steps[i];
        tb_put(&b, "\nstep", 5);
        tb_field(&b, ebb_step_kind_name(s->kind));
        tb_uint(&b, s->duration_ms);
        tb_uint(&b, s->grace_ms);
        /* Hexadecimal floats: exact, so the replayed level scores as the played one. */
        tb_num(&b, "%a", (double)s->lo0);
        tb_num(&b, "%a", (double)s->hi0);
        tb_num(&b, "%a", (double)s->lo1);
        tb_num(&b, "%a", (double)s->hi1);
        tb_uint(&b, (unsigned long)s->cue);
        tb_uint(&b, s->score_flags);
        tb_field(&b, s->caption);
        tb_uint(&b, s->rest_rel);
        tb_uint(&b, s->has_pf ? 1u : 0u);
        tb_num(&b, "%a", (double)s->pf_lo);
        tb_num(&b, "%a", (double)s->pf_hi);
        tb_uint(&b, s->line);
        tb_uint(&b, s->rep);
        tb_uint(&b, s->reps);
    }
    tb_put(&b, "\n", 1);
    if (b.failed) {
        free(b.p);
        return false;
    }
    const size_t total = HEADER_FIXED + b.len + 4u;
    uint8_t *h = malloc(total);
    if (h == NULL) {
        free(b.p);
        return false;
    }
    memcpy(h, magic, 6);
    h[6] = EBB_RECORDING_VERSION;
    h[7] = 0;
    put16(h + 8, EBB_TICK_HZ);
    put16(h + 10, 0);
    put32(h + 12, (uint32_t)b.len);
    memcpy(h + HEADER_FIXED, b.p, b.len);
    put32(h + HEADER_FIXED + b.len, ebb_crc32(h, HEADER_FIXED + b.len));
    free(b.p);
    *out = h;
    *out_len = total;
    return true;
}

/* ---- frames ------------------------------------------------------------------------------ */

void ebb_recording_enc_init(ebb_recording_enc *e)
{
    memset(e, 0, sizeof *e);
}

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

bool ebb_recording_enc_frame(ebb_recording_enc *e, const ebb_frame *f)
{
    uint8_t *p = e->block + BLOCK_HEAD + e->len;
    uint8_t *tag = p++;
    *tag = f->signal == EBB_SIGNAL_LOST ? 1u : 0u;
    const uint8_t present = f->present & 7u;
    if (e->frames == 0 || present != e->prev_present) {
        *tag |= 1u << 4;
        *p++ = present;
        e->prev_present = present;
    }
    for (int c = 0; c < EBB_CH_COUNT; c++) {
        if (!(present & (1u << c))) {
            continue;
        }
        const uint32_t bits = float_bits(f->effort[c]);
        if (e->frames > 0 && bits == e->prev[c]) {
            continue;
        }
        *tag |= (uint8_t)(1u << (1 + c));
        /* Zigzag of the signed difference, in unsigned arithmetic (a right shift of a
         * negative int is implementation-defined): the same bits as (d << 1) ^ (d >> 31). */
        const uint32_t d = bits - e->prev[c];
        uint32_t z = (d << 1) ^ (0u - (d >> 31));
        while (z >= 0x80u) {
            *p++ = (uint8_t)(z | 0x80u);
            z >>= 7;
        }
        *p++ = (uint8_t)z;
        e->prev[c] = bits;
    }
    e->len = (size_t)(p - (e->block + BLOCK_HEAD));
    e->frames++;
    return e->frames >= EBB_RECORDING_BLOCK_FRAMES;
}

const uint8_t *ebb_recording_enc_block(ebb_recording_enc *e, size_t *len)
{
    static const uint8_t none[1] = {0};
    if (e->frames == 0) {
        *len = 0;
        return none;
    }
    uint8_t *h = e->block;
    h[0] = 'F';
    h[1] = 'B';
    put16(h + 2, e->frames);
    put32(h + 4, (uint32_t)e->len);
    put32(h + 8, ebb_crc32(h + BLOCK_HEAD, e->len));
    *len = BLOCK_HEAD + e->len;
    /* The next block starts afresh; the bytes stay until the caller has written them. */
    e->frames = 0;
    e->len = 0;
    memset(e->prev, 0, sizeof e->prev);
    e->prev_present = 0;
    return h;
}

/* ---- decoding ---------------------------------------------------------------------------- */

/* Splits the next line into fields in place; returns the field count. */
static size_t split_fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (t == NULL) {
            break;
        }
        *t = '\0';
        p = t + 1;
    }
    for (size_t i = 0; i < n; i++) { /* unescape */
        char *w = f[i];
        for (char *r = f[i]; *r; r++) {
            if (*r == '\\' && r[1] != '\0') {
                r++;
                *w++ = *r == 't' ? '\t' : (*r == 'n' ? '\n' : *r);
            } else {
                *w++ = *r;
            }
        }
        *w = '\0';
    }
    return n;
}

static bool kind_by_name(const char *name, int count, const char *(*namer)(int), int *out)
{
    for (int k = 0; k < count; k++) {
        if (strcmp(namer(k), name) == 0) {
            *out = k;
            return true;
        }
    }
    return false;
}

static const char *level_kind_namer(int k) { return ebb_level_kind_name((ebb_level_kind)k); }
static const char *step_kind_namer(int k) { return ebb_step_kind_name((ebb_step_kind)k); }

static bool parse_meta(char *text, ebb_recording *r, char *err, size_t err_size)
{
    ebb_level *lv = &r->level;
    size_t steps_cap = 0;
    bool have_level = false;
    uint32_t at = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
        }
        char *f[24];
        size_t n = split_fields(line, f, 24);
        int k = 0;
        if (strcmp(f[0], "probe") == 0 && n == 2) {
            snprintf(r->meta.probe, sizeof r->meta.probe, "%s", f[1]);
        } else if (strcmp(f[0], "started_at") == 0 && n == 2) {
            snprintf(r->meta.started_at, sizeof r->meta.started_at, "%s", f[1]);
        } else if (strcmp(f[0], "level") == 0 && n == 8 &&
                   kind_by_name(f[5], EBB_LEVEL_KIND_COUNT, level_kind_namer, &k)) {
            snprintf(lv->id, sizeof lv->id, "%s", f[1]);
            snprintf(lv->title, sizeof lv->title, "%s", f[2]);
            snprintf(lv->description, sizeof lv->description, "%s", f[3]);
            snprintf(lv->character, sizeof lv->character, "%s", f[4]);
            lv->kind = (ebb_level_kind)k;
            const long pass = strtol(f[6], NULL, 10); /* 0..3 stars, whatever the file says */
            lv->pass_stars = pass < 0 ? 0 : (pass > 3 ? 3 : (int)pass);
            lv->flags = (uint32_t)strtoul(f[7], NULL, 10);
            have_level = true;
        } else if (strcmp(f[0], "step") == 0 && n == 18 &&
                   kind_by_name(f[1], EBB_STEP_KIND_COUNT, step_kind_namer, &k) &&
                   lv->step_count < EBB_LEVEL_STEPS_MAX) {
            if (lv->step_count == steps_cap) {
                steps_cap = steps_cap ? steps_cap * 2 : 64;
                ebb_step *ns = realloc(lv->steps, steps_cap * sizeof *ns);
                if (ns == NULL) {
                    say(err, err_size, "out of memory");
                    return false;
                }
                lv->steps = ns;
            }
            ebb_step *s = &lv->steps[lv->step_count++];
            memset(s, 0, sizeof *s);
            s->kind = (ebb_step_kind)k;
            s->duration_ms = (uint32_t)strtoul(f[2], NULL, 10);
            s->start_ms = at;
            s->grace_ms = (uint32_t)strtoul(f[3], NULL, 10);
            s->lo0 = strtof(f[4], NULL);
            s->hi0 = strtof(f[5], NULL);
            s->lo1 = strtof(f[6], NULL);
            s->hi1 = strtof(f[7], NULL);
            s->cue = (ebb_cue)strtoul(f[8], NULL, 10);
            s->score_flags = (uint32_t)strtoul(f[9], NULL, 10);
            snprintf(s->caption, sizeof s->caption, "%s", f[10]);
            s->rest_rel = (uint8_t)strtoul(f[11], NULL, 10);
            s->has_pf = f[12][0] == '1';
            s->pf_lo = strtof(f[13], NULL);
            s->pf_hi = strtof(f[14], NULL);
            s->line = (uint32_t)strtoul(f[15], NULL, 10);
            s->rep = (uint16_t)strtoul(f[16], NULL, 10);
            s->reps = (uint16_t)strtoul(f[17], NULL, 10);
            if (s->duration_ms == 0 || s->duration_ms % EBB_TICK_MS != 0 ||
                s->duration_ms > EBB_LEVEL_STEP_MS_MAX || s->cue >= EBB_CUE_COUNT) {
                say(err, err_size, "step %zu of the recorded level is not valid",
                    lv->step_count);
                return false;
            }
            at += s->duration_ms;
        } else {
            say(err, err_size, "the header has a line it does not understand ('%.40s')", f[0]);
            return false;
        }
        line = nl ? nl + 1 : NULL;
    }
    if (!have_level || lv->step_count == 0) {
        say(err, err_size, "the header holds no level");
        return false;
    }
    lv->total_ms = at;
    return true;
}

/* A zigzag varint of at most 5 bytes at *q (before end); false when cut or too long.
 * With 8 bytes to spare it is read in one go, without a branch per byte (a noisy probe's
 * deltas have lengths no branch predictor can guess); near the end, byte by byte. Both give
 * the same value: a fifth byte's bits above 32 are dropped. */
static inline bool read_varint(const uint8_t **q, const uint8_t *end, int32_t *d)
{
    const uint8_t *r = *q;
    uint32_t z;
    if (end - r >= 8) {
        uint64_t v;
        memcpy(&v, r, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = __builtin_bswap64(v); /* the format is little-endian */
#endif
        const uint64_t stops = ~v & 0x8080808080ull;
        if (stops == 0) {
            return false;
        }
        const int n = __builtin_ctzll(stops) / 8 + 1;
        const uint64_t bits = (v & 0x7Full) | ((v >> 1) & (0x7Full << 7)) |
                              ((v >> 2) & (0x7Full << 14)) | ((v >> 3) & (0x7Full << 21)) |
                              ((v >> 4) & (0x7Full << 28));
        z = (uint32_t)(n == 5 ? bits : bits & ((1ull << (7 * n)) - 1u));
        r += n;
    } else {
        z = 0;
        for (int shift = 0;; shift += 7) {
            if (r >= end || shift > 28) {
                return false;
            }
            const uint8_t byte = *r++;
            z |= (uint32_t)(byte & 0x7Fu) << shift;
            if (!(byte & 0x80u)) {
                break;
            }
        }
    }
    *q = r;
    *d = (int32_t)(z >> 1) ^ -(int32_t)(z & 1u);
    return true;
}

/* Decodes one block's payload into dst[0..frames) (room for cap frames). Each frame gets its
 * efforts (0 for absent channels), present and signal; raw and env are 0. */
static bool decode_block(const uint8_t *p, size_t len, uint16_t frames, ebb_frame *dst,
                         size_t cap)
{
    if (frames > cap) {
        return false;
    }
    uint32_t prev[EBB_CH_COUNT] = {0};
    uint8_t present = 0;
    const uint8_t *q = p, *const end = p + len;
    for (uint16_t fi = 0; fi < frames; fi++) {
        if (q >= end) {
            return false;
        }
        const uint8_t tag = *q++;
        if (tag & 0xE0u) {
            return false;
        }
        if (tag & (1u << 4)) {
            if (q >= end) {
                return false;
            }
            present = *q++;
            if (present & ~7u) {
                return false;
            }
        } else if (fi == 0) {
            return false;
        }
        const unsigned changed = (tag >> 1) & 7u;
        if (changed & ~(unsigned)present) {
            return false; /* a change on a channel the frame does not have */
        }
        for (int c = 0; c < EBB_CH_COUNT; c++) {
            if (changed & (1u << c)) {
                int32_t d;
                if (!read_varint(&q, end, &d)) {
                    return false;
                }
                prev[c] += (uint32_t)d;
            }
        }
        ebb_frame *f = &dst[fi];
        for (int c = 0; c < EBB_CH_COUNT; c++) {
            const uint32_t bits = (present & (1u << c)) ? prev[c] : 0u;
            memcpy(&f->effort[c], &bits, sizeof bits);
            f->raw[c] = 0.0f;
            f->env[c] = 0.0f;
        }
        f->present = present;
        f->signal = (tag & 1u) ? EBB_SIGNAL_LOST : EBB_SIGNAL_OK;
    }
    return q == end;
}

/* The header: version, tick rate, meta and level. Returns the offset of the first block, or
 * 0 with a message (and nothing to free). */
static size_t decode_header(const uint8_t *data, size_t len, ebb_recording *out, char *err,
                            size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (len < HEADER_FIXED + 4u || memcmp(data, magic, 6) != 0) {
        say(err, err_size, "it is not an Ebb recording (no EBBREC header)");
        return 0;
    }
    if (data[6] != EBB_RECORDING_VERSION) {
        say(err, err_size, "it is a recording of format %u; this Ebb reads format %u",
            (unsigned)data[6], (unsigned)EBB_RECORDING_VERSION);
        return 0;
    }
    out->version = data[6];
    out->tick_hz = (uint16_t)get16(data + 8);
    if (out->tick_hz != EBB_TICK_HZ) {
        say(err, err_size, "it was recorded at %u ticks a second; this Ebb runs at %u",
            (unsigned)out->tick_hz, (unsigned)EBB_TICK_HZ);
        return 0;
    }
    const uint32_t meta_len = get32(data + 12);
    if (meta_len > META_MAX || HEADER_FIXED + (size_t)meta_len + 4u > len) {
        say(err, err_size, "its header is cut short");
        return 0;
    }
    if (ebb_crc32(data, HEADER_FIXED + meta_len) != get32(data + HEADER_FIXED + meta_len)) {
        say(err, err_size, "its header is damaged (checksum mismatch)");
        return 0;
    }
    char *text = malloc((size_t)meta_len + 1);
    if (text == NULL) {
        say(err, err_size, "out of memory");
        return 0;
    }
    memcpy(text, data + HEADER_FIXED, meta_len);
    text[meta_len] = '\0';
    bool ok = strlen(text) == meta_len;
    if (!ok) {
        say(err, err_size, "its header holds a NUL byte");
    } else {
        ok = parse_meta(text, out, err, err_size);
    }
    free(text);
    if (!ok) {
        ebb_recording_free(out);
        return 0;
    }
    return HEADER_FIXED + meta_len + 4u;
}

/* Where each decoded block goes: a frame array, or straight into a session. */
typedef bool (*block_sink)(void *ctx, const ebb_frame *frames, size_t n);

/* Walks the blocks from pos, checking and decoding each into a 25-frame buffer handed to
 * sink. A damaged block anywhere refuses the whole file; a cut tail sets out->cut. */
static bool decode_blocks(const uint8_t *data, size_t len, size_t pos, ebb_recording *out,
                          block_sink sink, void *ctx, char *err, size_t err_size)
{
    ebb_frame buf[EBB_RECORDING_BLOCK_FRAMES];
    for (size_t block = 1; pos < len; block++) {
        if (len - pos < BLOCK_HEAD) {
            out->cut = true;
            break;
        }
        const uint8_t *b = data + pos;
        const uint32_t frames = get16(b + 2);
        const uint32_t plen = get32(b + 4);
        if (b[0] != 'F' || b[1] != 'B' || frames == 0 || frames > EBB_RECORDING_BLOCK_FRAMES ||
            plen > EBB_RECORDING_BLOCK_MAX) {
            say(err, err_size, "block %zu at byte %zu is damaged (bad block header)", block, pos);
            return false;
        }
        if (len - pos - BLOCK_HEAD < plen) {
            out->cut = true; /* the writer was stopped while writing this block */
            break;
        }
        const bool crc_ok = ebb_crc32(b + BLOCK_HEAD, plen) == get32(b + 8);
        if (!crc_ok || !decode_block(b + BLOCK_HEAD, plen, (uint16_t)frames, buf,
                                     EBB_RECORDING_BLOCK_FRAMES)) {
            say(err, err_size, "block %zu at byte %zu is damaged (%s)", block, pos,
                !crc_ok ? "checksum mismatch" : "frames do not add up");
            return false;
        }
        if (!sink(ctx, buf, frames)) {
            say(err, err_size, "out of memory");
            return false;
        }
        pos += BLOCK_HEAD + plen;
    }
    return true;
}

typedef struct array_sink {
    ebb_recording *r;
    size_t cap;
} array_sink;

static bool to_array(void *ctx, const ebb_frame *frames, size_t n)
{
    array_sink *a = ctx;
    if (a->r->count + n > a->cap) {
        return false; /* cannot happen: cap counts every whole block */
    }
    memcpy(a->r->frames + a->r->count, frames, n * sizeof *frames);
    a->r->count += n;
    return true;
}

bool ebb_recording_decode(const uint8_t *data, size_t len, ebb_recording *out, char *err,
                          size_t err_size)
{
    const size_t pos = decode_header(data, len, out, err, err_size);
    if (pos == 0) {
        return false;
    }
    /* The block headers give the frame count: one quick pass, then one allocation. */
    size_t cap = 0;
    for (size_t p = pos; len - p >= BLOCK_HEAD;) {
        const uint32_t plen = get32(data + p + 4);
        if (plen > EBB_RECORDING_BLOCK_MAX || len - p - BLOCK_HEAD < plen) {
            break;
        }
        cap += get16(data + p + 2);
        p += BLOCK_HEAD + plen;
    }
    out->frames = cap ? malloc(cap * sizeof *out->frames) : NULL;
    if (cap && out->frames == NULL) {
        say(err, err_size, "out of memory");
        ebb_recording_free(out);
        return false;
    }
    array_sink a = {out, cap};
    if (!decode_blocks(data, len, pos, out, to_array, &a, err, err_size)) {
        ebb_recording_free(out);
        return false;
    }
    return true;
}

typedef struct session_sink {
    ebb_session *s;
    size_t count;
} session_sink;

static bool to_session(void *ctx, const ebb_frame *frames, size_t n)
{
    session_sink *k = ctx;
    ebb_tick_events ev;
    for (size_t i = 0; i < n && !ebb_session_finished(k->s); i++) {
        ebb_session_tick(k->s, &frames[i], &ev);
    }
    k->count += n;
    return true;
}

bool ebb_recording_rescore(const uint8_t *data, size_t len, ebb_recording *out,
                           ebb_session **session, char *err, size_t err_size)
{
    *session = NULL;
    const size_t pos = decode_header(data, len, out, err, err_size);
    if (pos == 0) {
        return false;
    }
    session_sink k = {ebb_session_create(&out->level), 0};
    if (k.s == NULL) {
        say(err, err_size, "out of memory");
        ebb_recording_free(out);
        return false;
    }
    if (!decode_blocks(data, len, pos, out, to_session, &k, err, err_size)) {
        ebb_session_destroy(k.s);
        ebb_recording_free(out);
        return false;
    }
    if (!ebb_session_finished(k.s)) {
        ebb_session_abort(k.s);
    }
    out->count = k.count;
    *session = k.s;
    return true;
}

void ebb_recording_free(ebb_recording *r)
{
    free(r->frames);
    ebb_level_free(&r->level);
    memset(r, 0, sizeof *r);
}

ebb_session *ebb_recording_run(const ebb_recording *r)
{
    ebb_session *s = ebb_session_create(&r->level);
    if (s == NULL) {
        return NULL;
    }
    ebb_tick_events ev;
    for (size_t i = 0; i < r->count && !ebb_session_finished(s); i++) {
        ebb_session_tick(s, &r->frames[i], &ev);
    }
    if (!ebb_session_finished(s)) {
        ebb_session_abort(s);
    }
    return s;
}
