/* Which version of a level plays, against a real data directory and the real levels:
 * ebb_level_load reads the level as its file says whatever pack is installed, and
 * ebb_pack_store_choose_level picks the active pack's version (and says so) where the pack
 * prescribes one. Run with EBB_LEVELS_DIR set to the source levels (CMake does). */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/level_load.h"
#include "io/pack_store.h"

static char data_dir[] = "/tmp/ebb-pack-levels-XXXXXX";
static const char *const pack_title = "Overactive floor: relaxation first";

/* What a test looks at: how many release steps, the first one's length, and whether the
 * messages say a pack's version is playing. */
typedef struct level_view {
    size_t releases;
    uint32_t release_ms;
    bool prescribed;
    size_t errors;
} level_view;

static level_view view(const ebb_level *lv, const ebb_diags *d)
{
    level_view v = {0, 0, false, d->errors};
    for (size_t i = 0; i < lv->step_count; i++) {
        if (lv->steps[i].kind == EBB_STEP_RELEASE) {
            if (v.releases++ == 0) {
                v.release_ms = lv->steps[i].duration_ms;
            }
        }
    }
    for (size_t i = 0; i < d->count; i++) {
        if (strstr(d->items[i].msg, "prescribed by the pack") != NULL &&
            strstr(d->items[i].msg, pack_title) != NULL) {
            v.prescribed = true;
        }
    }
    return v;
}

typedef bool (*load_fn)(const char *, const char *, ebb_level *, ebb_diags *);

static level_view load_with(load_fn f, const char *spec)
{
    static ebb_diags d;
    ebb_level lv;
    ebb_diags_init(&d, spec);
    bool ok = f(spec, NULL, &lv, &d);
    if (!ok) {
        ebb_diags_print(&d, stderr);
    }
    assert_true(ok);
    level_view v = view(&lv, &d);
    ebb_level_free(&lv);
    return v;
}

static void install_pack(void)
{
    static ebb_diags d;
    char path[1024], err[EBB_PACK_ERR_MAX] = "";
    ebb_pack_info info;
    bool updated = false;
    snprintf(path, sizeof path, "%s/packs/relaxation-first.pack", getenv("EBB_LEVELS_DIR"));
    ebb_diags_init(&d, path);
    int rc = ebb_pack_store_install(path, NULL, time(NULL), &info, &updated, &d, err, sizeof err);
    if (rc != 0) {
        ebb_diags_print(&d, stderr);
        fprintf(stderr, "%s\n", err);
    }
    assert_int_equal(rc, 0);
}

typedef struct load_case {
    const char *spec;   /* an id, or a path under the levels directory when it starts with '@' */
    bool choose;        /* ebb_pack_store_choose_level, else ebb_level_load */
    size_t releases;
    uint32_t release_ms;
    bool prescribed;
} load_case;

static void run_cases(const load_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const load_case *c = &cases[i];
        char spec[1024];
        if (c->spec[0] == '@') {
            snprintf(spec, sizeof spec, "%s/%s", getenv("EBB_LEVELS_DIR"), c->spec + 1);
        } else {
            snprintf(spec, sizeof spec, "%s", c->spec);
        }
        level_view v = load_with(c->choose ? ebb_pack_store_choose_level : ebb_level_load, spec);
        printf("%-50s %-7s releases %zu of %u ms, prescribed %d (want %zu of %u ms, %d)\n",
               c->spec, c->choose ? "choose" : "load", v.releases, (unsigned)v.release_ms,
               v.prescribed, c->releases, (unsigned)c->release_ms, c->prescribed);
        assert_int_equal(v.errors, 0);
        assert_int_equal(v.releases, c->releases);
        assert_int_equal(v.release_ms, c->release_ms);
        assert_int_equal(v.prescribed, c->prescribed);
    }
}

static void test_without_pack(void **state)
{
    (void)state;
    /* As built: 6 repeats of an 8 s release. Nothing to choose from yet. */
    static const load_case cases[] = {
        {"lengthening/drop-and-release", false, 6, 8000, false},
        {"lengthening/drop-and-release", true, 6, 8000, false},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_with_active_pack(void **state)
{
    (void)state;
    install_pack();
    /* The pack says reps 5 rest 10s for drop-and-release; loading ignores it, choosing
     * applies it and says so. A level the pack does not change, and a level named by its
     * path, play as written. */
    static const load_case cases[] = {
        {"lengthening/drop-and-release", false, 6, 8000, false},
        {"lengthening/drop-and-release", true, 5, 10000, true},
        {"@lengthening/drop-and-release.level", true, 6, 8000, false},
        {"lengthening/low-and-steady", true, 0, 0, false},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_level_version(void **state)
{
    (void)state;
    static ebb_diags d;
    char path[1024];
    snprintf(path, sizeof path, "%s/packs/relaxation-first.pack", getenv("EBB_LEVELS_DIR"));
    ebb_pack pack;
    ebb_diags_init(&d, path);
    assert_true(ebb_pack_load_file(path, NULL, &pack, &d));
    ebb_level lv;
    /* Named by the pack but not changed by it, or not named at all: no version of its own. */
    assert_int_equal(ebb_pack_store_level_version(&pack, "lengthening/low-and-steady", NULL,
                                                  &lv, &d), 3);
    assert_int_equal(ebb_pack_store_level_version(&pack, "breathing/box", NULL, &lv, &d), 3);
    assert_int_equal(ebb_pack_store_level_version(&pack, "strengthening/holds-and-flicks",
                                                  NULL, &lv, &d), 0);
    printf("holds-and-flicks in the pack: %zu steps\n", lv.step_count);
    ebb_level_free(&lv);
    ebb_pack_free(&pack);
}

int main(void)
{
    if (mkdtemp(data_dir) == NULL || setenv("XDG_DATA_HOME", data_dir, 1) != 0 ||
        getenv("EBB_LEVELS_DIR") == NULL) {
        fprintf(stderr, "needs a temporary directory and EBB_LEVELS_DIR\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_pack),
        cmocka_unit_test(test_with_active_pack),
        cmocka_unit_test(test_level_version),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data_dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", data_dir);
    }
    return failed;
}
