/* Fuzz targets for the readers of outside input in the I/O library: OSC datagrams, WAV
 * files, the calibration store's files, a history database opened from a damaged file, and
 * the HTML report's escaping of text that came from a level or a pack. Same rules as
 * fuzz_targets.c: arbitrary bytes in, a checked contract, nothing left allocated. */
#define _POSIX_C_SOURCE 200809L /* fmemopen, open_memstream, mkdtemp */

#include "fuzz_targets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/level.h"
#include "core/session.h"
#include "io/calib_store.h"
#include "io/history.h"
#include "io/probe_decode.h"
#include "io/report.h"

#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

int ebb_fuzz_osc(const uint8_t *data, size_t size)
{
    /* Every datagram is counted at least once (taken, dropped or ignored), except a bundle
     * with nothing in it; every value taken is effort with a little room for noise. */
    ebb_osc_tally t;
    if (!ebb_osc_datagram(data, size, &t)) {
        return 0;
    }
    const bool empty_bundle = size == 16 && memcmp(data, "#bundle", 8) == 0;
    FUZZ_CHECK(t.accepted + t.dropped + t.ignored >= 1 || empty_bundle ||
               (size > 16 && memcmp(data, "#bundle", 8) == 0));
    uint64_t n = 0;
    for (int c = 0; c < EBB_CH_COUNT; c++) {
        n += t.n[c];
        if (t.n[c] > 0) {
            const double mean = t.sum[c] / t.n[c];
            FUZZ_CHECK(isfinite(mean) && mean >= -0.05 && mean <= 1.05);
        }
    }
    FUZZ_CHECK(n == t.accepted);
    /* A bundle unpacks to at most one message per 8 bytes (size word + shortest message). */
    FUZZ_CHECK(t.accepted + t.dropped + t.ignored <= size / 4 + 1);
    return 0;
}

/* The input as a read-only stream over a private copy (fmemopen wants writable memory and
 * libFuzzer's buffer is const). NULL when empty or out of memory;
 * the caller closes the stream and frees *copy. */
static FILE *open_input(const uint8_t *data, size_t size, const char *mode, uint8_t **copy)
{
    *copy = NULL;
    if (size == 0 || !(*copy = malloc(size))) {
        return NULL;
    }
    memcpy(*copy, data, size);
    FILE *f = fmemopen(*copy, size, mode);
    if (!f) {
        free(*copy);
        *copy = NULL;
    }
    return f;
}

int ebb_fuzz_wav(const uint8_t *data, size_t size)
{
    /* A WAV file is refused with a message, or streams to its end: every frame is finite
     * effort within 0..1, and the replay ends within the samples the file can hold. */
    uint8_t *copy;
    FILE *f = open_input(data, size, "rb", &copy);
    if (!f) {
        return 0;
    }
    ebb_diags d;
    ebb_probe *p = ebb_probe_wav_open_stream(f, "fuzz.wav", &d);
    if (!p) {
        FUZZ_CHECK(d.errors > 0);
        free(copy);
        return 0;
    }
    FUZZ_CHECK(d.errors == 0);
    /* At 200 Hz (the lowest rate) one tick is 2 samples of at least 2 bytes: the file
     * cannot last longer than size/4 ticks, plus the filter's delay. */
    const uint32_t limit_ms = (uint32_t)(size / 4u + 100u) * 10u;
    uint32_t ms = 0;
    for (;; ms += 10u) {
        FUZZ_CHECK(ms <= limit_ms);
        ebb_frame fr;
        const ebb_probe_status st = ebb_probe_poll(p, ms, &fr);
        if (st == EBB_PROBE_ENDED) {
            break;
        }
        FUZZ_CHECK(st == EBB_PROBE_OK);
        for (int c = 0; c < EBB_CH_COUNT; c++) {
            if (fr.present & (1u << c)) {
                FUZZ_CHECK(isfinite(fr.effort[c]) && fr.effort[c] >= 0.0f &&
                           fr.effort[c] <= 1.0f);
                FUZZ_CHECK(isfinite(fr.raw[c]));
            }
        }
    }
    ebb_probe_close(p);
    free(copy);
    return 0;
}

int ebb_fuzz_calib(const uint8_t *data, size_t size)
{
    /* A calibration file is refused with a message, or gives a calibration that maps every
     * reading to finite effort in 0..1, rest to 0 and the maximum to 1. */
    uint8_t *copy;
    FILE *f = open_input(data, size, "r", &copy);
    if (!f) {
        return 0;
    }
    ebb_calib c;
    float sd = -1.0f;
    char err[256];
    if (ebb_calib_read(f, "fuzz.calib", &c, &sd, err, sizeof err)) {
        FUZZ_CHECK(err[0] == '\0');
        FUZZ_CHECK(isfinite(c.rest) && isfinite(c.mvc) && c.mvc > c.rest);
        FUZZ_CHECK(isfinite(sd));
        FUZZ_CHECK(ebb_calib_effort(&c, c.rest) == 0.0f);
        FUZZ_CHECK(ebb_calib_effort(&c, c.mvc) == 1.0f);
        const float probes[] = {0.0f, 1.0f, -1e30f, 1e30f, c.rest - 1.0f, c.mvc + 1.0f,
                                -3.4e38f, 3.4e38f, (c.rest + c.mvc) / 2.0f};
        for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
            const float e = ebb_calib_effort(&c, probes[i]);
            FUZZ_CHECK(isfinite(e) && e >= 0.0f && e <= 1.0f);
        }
    } else {
        FUZZ_CHECK(err[0] != '\0');
    }
    fclose(f);
    free(copy);
    return 0;
}

/* A private folder for the database targets, made once per process and removed at exit. */
static char fuzz_dir[64];

static void fuzz_dir_remove(void)
{
    static const char *const names[] = {"history.sqlite3", "history.sqlite3-wal",
                                        "history.sqlite3-shm", "history.sqlite3-journal",
                                        "report.sqlite3", "report.sqlite3-wal",
                                        "report.sqlite3-shm", "report.sqlite3-journal"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/recordings", fuzz_dir);
    rmdir(path);
    rmdir(fuzz_dir);
}

static const char *fuzz_dir_get(void)
{
    if (!fuzz_dir[0]) {
        /* A RAM disk where there is one: the store syncs every commit (synchronous=FULL),
         * which on a real disk cost more than all the rest of a run. Same files, same code. */
        const char *tmp = getenv("TMPDIR");
        if (!tmp || strlen(tmp) >= 40) {
            tmp = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
        }
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/ebb-fuzz-XXXXXX", tmp);
        if (!mkdtemp(fuzz_dir)) {
            abort();
        }
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir;
}

/* Counts with memchr, outside the instrumented code: a byte-by-byte loop here had every
 * comparison traced by the fuzzer and took a quarter of each report run. */
static size_t count_of(const char *s, size_t len, char c)
{
    size_t n = 0;
    const char *end = s + len;
    for (const char *p = s; (p = memchr(p, c, (size_t)(end - p))) != NULL; p++) {
        n++;
    }
    return n;
}

/* Writes the page for every session in h; the page's bytes (free them) or NULL on failure,
 * which must come with a message. The page grows with what the history holds, never with
 * the dates in it: at most `limit` bytes. */
static char *report_of(ebb_history *h, size_t *len, size_t limit)
{
    char *buf = NULL;
    FILE *o = open_memstream(&buf, len);
    if (!o) {
        return NULL;
    }
    const ebb_report_opts opts = {.from = NULL, .to = NULL, .now = 1700000000};
    size_t sessions = 0;
    char err[EBB_HISTORY_ERR_MAX] = "";
    const bool ok = ebb_report_html(h, &opts, o, &sessions, err, sizeof err);
    fclose(o);
    if (!ok) {
        FUZZ_CHECK(err[0] != '\0');
        free(buf);
        return NULL;
    }
    FUZZ_CHECK(*len <= limit);
    /* Whatever the history holds comes out as text: every '<' of the page opens markup
     * that a '>' closes (a damaged session date was printed as it was stored). */
    FUZZ_CHECK(count_of(buf, *len, '<') == count_of(buf, *len, '>'));
    return buf;
}

int ebb_fuzz_history(const uint8_t *data, size_t size)
{
    /* The bytes are the history file. Opening it refuses with a message or opens cleanly;
     * an open store answers queries and writes a report, or says why not. */
    char path[128];
    snprintf(path, sizeof path, "%s/history.sqlite3", fuzz_dir_get());
    static const char *const extra[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 3; i++) {
        char side[160];
        snprintf(side, sizeof side, "%s%s", path, extra[i]);
        unlink(side);
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        abort();
    }
    if (size) {
        fwrite(data, 1, size, f);
    }
    fclose(f);
    for (int mode = 0; mode < 2; mode++) {
        char err[EBB_HISTORY_ERR_MAX] = "";
        ebb_history *h = ebb_history_open(
            path, mode ? EBB_HISTORY_READ_WRITE : EBB_HISTORY_READ_ONLY, err, sizeof err);
        if (!h) {
            FUZZ_CHECK(err[0] != '\0');
            continue;
        }
        ebb_history_row *rows = NULL;
        size_t n = 0;
        if (ebb_history_query(h, &(ebb_history_filter){0}, &rows, &n, err, sizeof err)) {
            for (size_t i = 0; i < n; i++) {
                FUZZ_CHECK(memchr(rows[i].title, '\0', sizeof rows[i].title) != NULL);
                FUZZ_CHECK(memchr(rows[i].state, '\0', sizeof rows[i].state) != NULL);
                ebb_history_step_row *steps = NULL;
                size_t ns = 0;
                if (ebb_history_steps(h, rows[i].id, &steps, &ns, err, sizeof err)) {
                    free(steps);
                }
                if (i >= 8) {
                    break;
                }
            }
            free(rows);
        } else {
            FUZZ_CHECK(err[0] != '\0');
        }
        /* A row of the file takes at least 4 bytes and a row of the page well under 1 KiB
         * (a session with a damaged date drew one bar for every day since year 0: 60 MB). */
        size_t len = 0;
        free(report_of(h, &len, (1u << 20) + 256u * size));
        ebb_history_close(h);
    }
    unlink(path);
    return 0;
}

/* Stores one finished session whose texts are the given ones, and returns the report. */
static char *report_with(ebb_history *h, const ebb_level *base, const char *const text[4],
                         size_t *len)
{
    ebb_level lv = *base; /* shares the steps: only the texts change */
    snprintf(lv.title, sizeof lv.title, "%s", text[0]);
    const ebb_history_begin_info info = {.started_at = 1700000000, .level = &lv,
                                         .probe_spec = text[1], .pack_id = text[2],
                                         .pack_title = text[3], .pack_text = text[3],
                                         .program_day = 2};
    int64_t id = 0;
    char err[EBB_HISTORY_ERR_MAX] = "";
    if (!ebb_history_begin(h, &info, &id, NULL, 0, err, sizeof err)) {
        FUZZ_CHECK(err[0] != '\0');
        return NULL;
    }
    ebb_session *s = ebb_session_create(&lv);
    char *page = NULL;
    if (s) {
        ebb_session_abort(s);
        if (ebb_history_store_result(h, id, ebb_session_result(s), true, err, sizeof err)) {
            page = report_of(h, len, 1u << 20);
        }
        ebb_session_destroy(s);
    }
    FUZZ_CHECK(ebb_history_delete(h, id, err, sizeof err));
    return page;
}

/* The reference page's markup counts depend only on the lengths of the four texts (it holds
 * them as runs of 'x'): a small cache keyed by the lengths saves half the work of a run. */
typedef struct ref_counts {
    size_t len[4];
    size_t lt, gt, quot;
    bool used;
} ref_counts;

static ref_counts *ref_slot(const size_t len[4])
{
    static ref_counts cache[1024];
    size_t k = 0;
    for (int i = 0; i < 4; i++) {
        k = k * 131u + len[i];
    }
    return &cache[k % (sizeof cache / sizeof cache[0])];
}

int ebb_fuzz_report(const uint8_t *data, size_t size)
{
    /* Texts from a level and a pack (the level title, the probe, the pack's id and title:
     * the input cut at newlines) come out inert: the page has exactly as many '<', '>' and
     * '"' as the same page with every byte of those texts replaced by 'x'. */
    static ebb_history *h;
    static ebb_level base;
    static unsigned uses;
    char path[128];
    snprintf(path, sizeof path, "%s/report.sqlite3", fuzz_dir_get());
    if (h && ++uses % 4096u == 0) {
        /* Each new pack text stays in the store's packs table: start a fresh store now and
         * then, so that a long run neither slows down nor fills the disk. */
        ebb_history_close(h);
        h = NULL;
        static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
            char p[160];
            snprintf(p, sizeof p, "%s%s", path, tails[i]);
            unlink(p);
        }
    }
    if (!base.steps) {
        static const char level[] = "ebb-level 1\nid fuzz/report\ntitle \"t\"\nkind breathing\n"
                                    "rest 1s below 30%\n";
        ebb_diags d;
        ebb_diags_init(&d, "fuzz.level");
        if (!ebb_level_parse(level, sizeof level - 1, "fuzz.level", &base, &d)) {
            abort();
        }
    }
    if (!h) {
        char err[EBB_HISTORY_ERR_MAX];
        if (!(h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err))) {
            abort();
        }
    }
    char *texts[4] = {NULL, NULL, NULL, NULL}, *plain[4] = {NULL, NULL, NULL, NULL};
    size_t lens[4] = {0, 0, 0, 0};
    size_t at = 0;
    for (int i = 0; i < 4; i++) {
        const uint8_t *nl = at < size ? memchr(data + at, '\n', size - at) : NULL;
        const size_t end = nl ? (size_t)(nl - data) : size;
        const size_t n = end - at;
        texts[i] = malloc(n + 1);
        plain[i] = malloc(n + 1);
        if (texts[i] && plain[i]) {
            memcpy(texts[i], data + at, n);
            texts[i][n] = '\0';
            /* The same text as far as its first NUL (what a C string holds), all 'x'. */
            const size_t cn = strlen(texts[i]);
            memset(plain[i], 'x', cn);
            plain[i][cn] = '\0';
            lens[i] = cn;
        }
        at = end < size ? end + 1 : end;
    }
    if (texts[0] && plain[0] && texts[1] && plain[1] && texts[2] && plain[2] && texts[3] &&
        plain[3]) {
        size_t len = 0;
        char *page = report_with(h, &base, (const char *const *)texts, &len);
        /* A fresh store takes any text: both pages exist, and the text is on the page. */
        FUZZ_CHECK(page != NULL);
        ref_counts *ref = ref_slot(lens);
        if (!ref->used || memcmp(ref->len, lens, sizeof lens) != 0) {
            size_t plen = 0;
            char *refpage = report_with(h, &base, (const char *const *)plain, &plen);
            FUZZ_CHECK(refpage != NULL);
            *ref = (ref_counts){.lt = count_of(refpage, plen, '<'),
                                .gt = count_of(refpage, plen, '>'),
                                .quot = count_of(refpage, plen, '"'), .used = true};
            memcpy(ref->len, lens, sizeof lens);
            free(refpage);
        }
        FUZZ_CHECK(count_of(page, len, '<') == ref->lt);
        FUZZ_CHECK(count_of(page, len, '>') == ref->gt);
        FUZZ_CHECK(count_of(page, len, '"') == ref->quot);
        free(page);
    }
    for (int i = 0; i < 4; i++) {
        free(texts[i]);
        free(plain[i]);
    }
    return 0;
}
