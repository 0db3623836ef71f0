/* Small builders shared by the core unit tests: levels made in code, so a test of the
 * runner or the scorer does not depend on the parser. */
#ifndef EBB_TEST_HELPERS_H
#define EBB_TEST_HELPERS_H

#include <string.h>

#include "core/level.h"

static inline ebb_step test_step(ebb_step_kind kind, uint32_t ms, float lo, float hi,
                                 uint32_t score_flags)
{
    ebb_step s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.duration_ms = ms;
    s.lo0 = s.lo1 = lo;
    s.hi0 = s.hi1 = hi;
    s.score_flags = score_flags;
    s.cue = ebb_step_default_cue(kind);
    return s;
}

/* Fills start_ms and total_ms the way the parser does. */
static inline void test_level(ebb_level *l, ebb_step *steps, size_t n)
{
    memset(l, 0, sizeof *l);
    strcpy(l->id, "test/level");
    strcpy(l->title, "Test level");
    l->pass_stars = 2;
    l->steps = steps;
    l->step_count = n;
    uint32_t t = 0;
    for (size_t i = 0; i < n; i++) {
        steps[i].start_ms = t;
        t += steps[i].duration_ms;
    }
    l->total_ms = t;
}

#endif
