/* A simulated person: follows a level's targets the way a real body does, for demos, tests
 * and for trying levels without a probe.
 *
 * Profiles:
 *   relaxed     quick rise and release, low quiet rest
 *   overactive  raised, unstable rest and slow release (the markers of an overactive floor);
 *               the belly joins in when squeezing (abd channel), so "lift, don't push" shows
 *   weak        reaches only about half of the targets' height, tires early
 *   fatigue     starts well, then holds sag and shake more as the level goes on
 * Deterministic: the same profile, seed and level give the same frames. */
#ifndef EBB_SIM_H
#define EBB_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/frame.h"
#include "core/level.h"

typedef enum ebb_sim_profile {
    EBB_SIM_RELAXED = 0,
    EBB_SIM_OVERACTIVE,
    EBB_SIM_WEAK,
    EBB_SIM_FATIGUE,
    EBB_SIM_PROFILE_COUNT
} ebb_sim_profile;

typedef struct ebb_sim_params {
    float rest;          /* resting effort */
    float rest_wander;   /* size of slow random drift at rest */
    float max_effort;    /* strongest squeeze when fresh */
    float tau_rise_s, tau_fall_s;
    uint32_t reaction_ms;
    float tremor;        /* tremor amplitude at full effort (about 9 Hz) */
    float noise;         /* sensor noise, uniform +- */
    float fatigue_per_s; /* loss of strength per second of squeezing */
    float abd_coupling;  /* how much the belly joins a squeeze */
} ebb_sim_params;

typedef struct ebb_sim {
    ebb_sim_params p;
    float pf, abd, breath;
    float fatigue;       /* 0..1 of strength lost */
    float wander;
    uint32_t seed;
} ebb_sim;

bool ebb_sim_profile_parse(const char *name, ebb_sim_profile *out);
const char *ebb_sim_profile_name(ebb_sim_profile profile);

void ebb_sim_init(ebb_sim *sim, ebb_sim_profile profile, uint32_t seed);

/* The frame for level time ms (one call per tick, increasing ms). Without a level the
 * person squeezes for 5 s and rests for 5 s, over and over. */
ebb_frame ebb_sim_tick(ebb_sim *sim, const ebb_level *level, uint32_t ms);

#endif
