/* Writes a replay CSV of a made-up person playing a level, for the golden tests.
 *
 *   make_replay LEVEL_FILE PROFILE > replay.csv      (PROFILE: steady | tiring)
 *
 * The person reacts 250 ms after each step starts and moves toward a target for the step
 * with first-order rise and fall times; "tiring" lets go more slowly as the level goes on and
 * holds less steadily. Noise comes from a fixed-seed generator, so the output never changes.
 * The checked-in CSVs in tests/golden/replays/ were made with this tool; it is built by the
 * tests so that it keeps compiling, but the tests do not regenerate them (a golden file must
 * not move when the code under test moves). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/frame.h"
#include "core/level.h"

#define REACTION_MS 250u

typedef struct person {
    float effort;
    float tau_rise, tau_fall, noise;
    uint32_t seed;
} person;

static float person_noise(person *p)
{
    p->seed = p->seed * 1664525u + 1013904223u;
    return ((float)(p->seed >> 8) / 16777216.0f - 0.5f) * 2.0f * p->noise;
}

/* What the person aims for, ms into the step; `tired` (0..1) sags holds and raises rest. */
static float person_target(const ebb_step *st, uint32_t ms, float previous, float tired)
{
    float lo = 0.0f, hi = 1.0f;
    ebb_step_band_at(st, ms + 300u, &lo, &hi); /* aims a little ahead on ramps */
    switch (st->kind) {
    case EBB_STEP_REST:
    case EBB_STEP_RELEASE:
    case EBB_STEP_BREATHE_OUT:
        return hi * (0.3f + 1.2f * tired);
    case EBB_STEP_FLICK:
        return ms < 700u ? (lo + 1.0f) / 2.0f : 0.05f;
    case EBB_STEP_BREATHE_HOLD:
        return previous;
    default:
        return (lo + hi) / 2.0f - tired * 0.8f * (hi - lo);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "steady") != 0 && strcmp(argv[2], "tiring") != 0)) {
        fprintf(stderr, "usage: make_replay LEVEL_FILE steady|tiring\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    static char text[EBB_LEVEL_FILE_MAX + 1];
    size_t len = fread(text, 1, EBB_LEVEL_FILE_MAX, f);
    fclose(f);
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, argv[1]);
    if (!ebb_level_parse(text, len, argv[1], &lv, &d)) {
        ebb_diags_print(&d, stderr);
        return 2;
    }
    const int tiring = strcmp(argv[2], "tiring") == 0;
    person p = {0.05f, 0.18f, 0.25f, 0.012f, 12345u};
    printf("# made by tests/golden/make_replay %s %s\n", lv.id, argv[2]);
    printf("t,pf\n");
    float aim = 0.05f, tired = 0.0f;
    for (size_t i = 0; i < lv.step_count; i++) {
        const ebb_step *st = &lv.steps[i];
        const float progress = (float)st->start_ms / (float)lv.total_ms;
        if (tiring) {
            p.tau_fall = 0.25f + 2.0f * progress;
            p.noise = 0.012f + 0.04f * progress;
            tired = progress;
        }
        for (uint32_t ms = 0; ms < st->duration_ms; ms += EBB_TICK_MS) {
            if (ms >= REACTION_MS) {
                aim = person_target(st, ms - REACTION_MS, aim, tired);
            }
            const float tau = aim > p.effort ? p.tau_rise : p.tau_fall;
            p.effort += (aim - p.effort) * (1.0f - expf(-0.01f / tau));
            float out = p.effort + person_noise(&p);
            out = out < 0.0f ? 0.0f : (out > 1.0f ? 1.0f : out);
            printf("%.2f,%.4f\n", (double)(st->start_ms + ms) / 1000.0, (double)out);
        }
    }
    ebb_level_free(&lv);
    return 0;
}
