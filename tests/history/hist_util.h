/* Helpers shared by the history tests: a temporary folder, a short level played through the
 * real session runner, and file modes. */
#ifndef EBB_TEST_HIST_UTIL_H
#define EBB_TEST_HIST_UTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/level.h"
#include "core/session.h"

/* Four steps, 4 s: rest, squeeze, release, flick. */
static const char hist_level_text[] =
    "id    test/history\n"
    "title \"History <test> & co\"\n"
    "kind  lengthening\n"
    "rest    1s below 20%\n"
    "squeeze 1s band 40%..80%\n"
    "release 1s below 20%\n"
    "rest    1s below 20%\n";

static inline bool hist_level(ebb_level *lv)
{
    static ebb_diags d;
    ebb_diags_init(&d, "test.level");
    return ebb_level_parse(hist_level_text, sizeof hist_level_text - 1, "test.level", lv, &d);
}

/* Effort at tick i of a made-up person: squeezes in the second second. */
static inline float hist_effort(unsigned i)
{
    return (i >= 100 && i < 200) ? 0.6f : 0.05f + 0.001f * (float)(i % 7);
}

static inline unsigned hist_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (unsigned)(st.st_mode & 0777) : 01000u;
}

static inline void hist_rm_rf(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", dir);
    }
}

#endif
