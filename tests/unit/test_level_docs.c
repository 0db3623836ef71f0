/* The examples in docs/levels.md are part of the contract: every fenced block whose info
 * string is `ebb-level` must parse with no errors, so the reference page cannot drift from
 * what the parser does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"

#define DOC_PATH EBB_SOURCE_DIR "/docs/levels.md"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Length of the line at p (without its newline). */
static size_t line_len(const char *p, const char *end)
{
    const char *q = memchr(p, '\n', (size_t)(end - p));
    return (size_t)((q ? q : end) - p);
}

/* True for an opening fence whose info string is exactly `ebb-level` (spaces may follow). */
static bool opens_level_block(const char *p, size_t n)
{
    static const char fence[] = "```ebb-level";
    size_t m = sizeof fence - 1;
    if (n < m || memcmp(p, fence, m) != 0) {
        return false;
    }
    for (size_t i = m; i < n; i++) {
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') {
            return false;
        }
    }
    return true;
}

static bool closes_block(const char *p, size_t n)
{
    return n >= 3 && memcmp(p, "```", 3) == 0;
}

static void check_block(const char *text, size_t len, unsigned doc_line)
{
    char name[256];
    snprintf(name, sizeof name, "docs/levels.md (example starting on line %u)", doc_line);
    ebb_diags d;
    ebb_diags_init(&d, name);
    ebb_level lv;
    bool ok = ebb_level_parse(text, len, name, &lv, &d);
    ebb_diags_print(&d, stderr);
    assert_true(ok);
    assert_int_equal(d.errors, 0);
    assert_true(lv.step_count > 0);
    ebb_level_free(&lv);
}

static void test_doc_examples_parse(void **state)
{
    (void)state;
    size_t len;
    char *doc = read_all(DOC_PATH, &len);
    const char *p = doc, *end = doc + len;
    unsigned line = 1, blocks = 0;
    const char *block = NULL;
    unsigned block_line = 0;
    while (p < end) {
        size_t n = line_len(p, end);
        if (block == NULL && opens_level_block(p, n)) {
            block = p + n + (p + n < end ? 1 : 0);
            block_line = line + 1;
        } else if (block != NULL && closes_block(p, n)) {
            check_block(block, (size_t)(p - block), block_line);
            blocks++;
            block = NULL;
        }
        p += n + (p + n < end ? 1 : 0);
        line++;
    }
    assert_null(block); /* every block is closed */
    free(doc);
    assert_true(blocks >= 1);
    fprintf(stderr, "%u ebb-level examples checked\n", blocks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc_examples_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
