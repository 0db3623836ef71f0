/* The level model's small services: freeing, band lookup, step lookup and names.
 * The parser lives in level_parse.c (with the shared lexer and cursor in lex.c and cursor.c). */
#include "core/level.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ebb_level_free(ebb_level *level)
{
    if (level == NULL) {
        return;
    }
    free(level->steps);
    memset(level, 0, sizeof *level);
}

void ebb_step_band_at(const ebb_step *step, uint32_t ms, float *lo, float *hi)
{
    if (step->lo0 == step->lo1 && step->hi0 == step->hi1) {
        /* A steady band (most steps): the same values as below, without the division that
         * made this the hottest function of a re-scoring (it runs several times a tick). */
        *lo = step->lo0;
        *hi = step->hi0;
        return;
    }
    float t = 1.0f;
    if (step->duration_ms > 0 && ms < step->duration_ms) {
        t = (float)ms / (float)step->duration_ms;
    }
    *lo = step->lo0 + (step->lo1 - step->lo0) * t;
    *hi = step->hi0 + (step->hi1 - step->hi0) * t;
}

size_t ebb_level_step_at(const ebb_level *level, uint32_t ms)
{
    if (level->step_count == 0) {
        return 0;
    }
    /* The last step whose start is at or before ms: steps are sorted by start_ms. */
    size_t lo = 0, hi = level->step_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (level->steps[mid].start_ms <= ms) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

const char *ebb_level_kind_name(ebb_level_kind kind)
{
    static const char *const names[EBB_LEVEL_KIND_COUNT] = {
        "breathing", "lengthening", "strengthening", "assessment"};
    return (unsigned)kind < EBB_LEVEL_KIND_COUNT ? names[kind] : "unknown";
}

const char *ebb_step_kind_name(ebb_step_kind kind)
{
    static const char *const names[EBB_STEP_KIND_COUNT] = {
        "rest", "release", "squeeze", "flick", "ramp", "breathe in", "breathe out",
        "breathe hold", "drop"};
    return (unsigned)kind < EBB_STEP_KIND_COUNT ? names[kind] : "unknown";
}

const char *ebb_cue_name(ebb_cue cue)
{
    static const char *const names[EBB_CUE_COUNT] = {
        "none", "breathe-in", "breathe-out", "hold", "squeeze", "let-go", "flick"};
    return (unsigned)cue < EBB_CUE_COUNT ? names[cue] : "unknown";
}

const char *ebb_step_default_caption(ebb_step_kind kind)
{
    static const char *const captions[EBB_STEP_KIND_COUNT] = {
        "Rest and let go",
        "Let go",
        "Squeeze gently and hold",
        "Quick squeeze, then let go",
        "Follow the line",
        "Breathe in",
        "Breathe out slowly",
        "Hold the breath gently",
        "Let go and let the floor drop gently"};
    return (unsigned)kind < EBB_STEP_KIND_COUNT ? captions[kind] : "";
}

ebb_cue ebb_step_default_cue(ebb_step_kind kind)
{
    /* Rest is quiet on purpose: a sound at every rest would nag. A ramp can go up or down,
     * so it gets the neutral steady tone. */
    static const ebb_cue cues[EBB_STEP_KIND_COUNT] = {
        EBB_CUE_NONE, EBB_CUE_LET_GO, EBB_CUE_SQUEEZE, EBB_CUE_FLICK,
        EBB_CUE_HOLD, EBB_CUE_BREATHE_IN, EBB_CUE_BREATHE_OUT, EBB_CUE_HOLD, EBB_CUE_LET_GO};
    return (unsigned)kind < EBB_STEP_KIND_COUNT ? cues[kind] : EBB_CUE_NONE;
}

/* Writes the names of the set bits, comma-separated, in bit order. */
static const char *names_text(uint32_t flags, const char *const *names, size_t n, char *buf,
                              size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!(flags & (1u << i)) || used >= size) {
            continue;
        }
        int w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", names[i]);
        if (w > 0) {
            used += (size_t)w;
        }
    }
    return buf;
}

const char *ebb_level_flags_text(uint32_t flags, char *buf, size_t size)
{
    static const char *const names[] = {"breath-holds", "beginner-short", "needs-probe",
                                        "not-if-overactive"};
    return names_text(flags, names, sizeof names / sizeof names[0], buf, size);
}

const char *ebb_score_flags_text(uint32_t flags, char *buf, size_t size)
{
    static const char *const names[] = {"time-in-band", "release-speed", "steadiness", "peak"};
    return names_text(flags, names, sizeof names / sizeof names[0], buf, size);
}

const char *ebb_level_safety_note(const ebb_level *level)
{
    if (level->flags & EBB_LEVEL_FLAG_BREATH_HOLDS) {
        return "This level holds the breath: keep it gentle, and stop if you feel light-headed.";
    }
    if (level->flags & EBB_LEVEL_FLAG_NOT_IF_OVERACTIVE) {
        return "If sex is painful or your floor feels tight, start with relaxation levels first.";
    }
    if (level->flags & EBB_LEVEL_FLAG_BEGINNER_SHORT) {
        return "Short rounds are plenty to begin with.";
    }
    if (level->flags & EBB_LEVEL_FLAG_NEEDS_PROBE) {
        return "A probe shows this best; with the keyboard, simply follow along.";
    }
    return NULL;
}
