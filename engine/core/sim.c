#include "core/sim.h"

#include <math.h>
#include <string.h>

static const char *const sim_names[EBB_SIM_PROFILE_COUNT] = {"relaxed", "overactive", "weak",
                                                             "fatigue"};

static const ebb_sim_params sim_profiles[EBB_SIM_PROFILE_COUNT] = {
    /* rest  wander max   rise  fall  react tremor noise  fatigue abd */
    {0.04f, 0.005f, 0.95f, 0.20f, 0.25f, 250u, 0.010f, 0.006f, 0.0005f, 0.10f}, /* relaxed */
    {0.20f, 0.060f, 0.85f, 0.25f, 1.30f, 300u, 0.030f, 0.012f, 0.0010f, 0.80f}, /* overactive */
    {0.05f, 0.010f, 0.40f, 0.35f, 0.30f, 350u, 0.030f, 0.008f, 0.0060f, 0.30f}, /* weak */
    {0.05f, 0.010f, 0.90f, 0.22f, 0.35f, 280u, 0.015f, 0.008f, 0.0400f, 0.30f}, /* fatigue */
};

bool ebb_sim_profile_parse(const char *name, ebb_sim_profile *out)
{
    for (int i = 0; i < EBB_SIM_PROFILE_COUNT; i++) {
        if (strcmp(name, sim_names[i]) == 0) {
            *out = (ebb_sim_profile)i;
            return true;
        }
    }
    return false;
}

const char *ebb_sim_profile_name(ebb_sim_profile profile)
{
    return (unsigned)profile < (unsigned)EBB_SIM_PROFILE_COUNT ? sim_names[profile] : "?";
}

void ebb_sim_init(ebb_sim *sim, ebb_sim_profile profile, uint32_t seed)
{
    memset(sim, 0, sizeof *sim);
    sim->p = sim_profiles[(unsigned)profile < (unsigned)EBB_SIM_PROFILE_COUNT ? profile : 0];
    sim->pf = sim->p.rest;
    sim->seed = seed ? seed : 1u;
}

/* Uniform in -1..1 from a fixed-seed LCG: gameplay-free randomness kept in the sim's state. */
static float sim_random(ebb_sim *sim)
{
    sim->seed = sim->seed * 1664525u + 1013904223u;
    return (float)(sim->seed >> 8) / 8388608.0f - 1.0f;
}

static float sim_approach(float v, float target, float tau_s)
{
    return v + (target - v) * (1.0f - expf(-((float)EBB_TICK_MS / 1000.0f) / tau_s));
}

typedef struct sim_aim {
    float pf;      /* pelvic floor target */
    float breath;  /* breath target */
} sim_aim;

/* What the person tries to do at level time ms (already delayed by reaction time). */
static sim_aim sim_aim_at(const ebb_sim *sim, const ebb_level *level, uint32_t ms, float strength)
{
    const float rest = sim->p.rest + sim->wander;
    sim_aim aim = {rest, sim->breath};
    if (!level || level->step_count == 0) {
        aim.pf = (ms / 5000u) % 2u ? 0.6f * strength : rest;
        return aim;
    }
    const ebb_step *st = &level->steps[ebb_level_step_at(level, ms)];
    const uint32_t into = ms >= st->start_ms ? ms - st->start_ms : 0;
    float lo = 0.0f, hi = 1.0f;
    ebb_step_band_at(st, into, &lo, &hi);
    switch (st->kind) {
    case EBB_STEP_SQUEEZE:
    case EBB_STEP_RAMP:
        aim.pf = fminf((lo + hi) / 2.0f, strength);
        break;
    case EBB_STEP_FLICK:
        aim.pf = into < 600u ? fminf(fmaxf(lo + 0.15f, 0.7f), strength) : rest;
        break;
    case EBB_STEP_BREATHE_IN:
        aim.breath = 0.8f;
        aim.pf = rest * 0.7f; /* the floor descends as the breath comes in */
        break;
    case EBB_STEP_BREATHE_OUT:
        aim.breath = 0.05f;
        break;
    case EBB_STEP_BREATHE_HOLD: /* the breath stays where it is */
    default:                    /* rest, release: let go */
        break;
    }
    return aim;
}

ebb_frame ebb_sim_tick(ebb_sim *sim, const ebb_level *level, uint32_t ms)
{
    const ebb_sim_params *p = &sim->p;
    const float dt = (float)EBB_TICK_MS / 1000.0f;
    const float strength = p->max_effort * (1.0f - sim->fatigue);
    /* Rest drifts slowly (a random walk pulled back to zero). */
    sim->wander = sim->wander * 0.995f + sim_random(sim) * p->rest_wander * 0.1f;

    const uint32_t seen = ms > p->reaction_ms ? ms - p->reaction_ms : 0;
    const sim_aim aim = sim_aim_at(sim, level, seen, strength);
    sim->pf = sim_approach(sim->pf, aim.pf, aim.pf > sim->pf ? p->tau_rise_s : p->tau_fall_s);
    sim->breath = sim_approach(sim->breath, aim.breath, 0.6f);
    if (sim->pf > 0.3f) {
        sim->fatigue = fminf(0.6f, sim->fatigue + p->fatigue_per_s * dt * sim->pf);
    } else {
        sim->fatigue = fmaxf(0.0f, sim->fatigue - p->fatigue_per_s * dt * 0.05f);
    }
    const float shake = (p->tremor * (1.0f + 2.0f * sim->fatigue)) * sim->pf *
                        sinf(2.0f * 3.14159265f * 9.0f * (float)ms / 1000.0f);
    const float pf = sim->pf + shake + sim_random(sim) * p->noise;
    sim->abd = sim_approach(sim->abd, p->abd_coupling * fmaxf(sim->pf - p->rest, 0.0f), 0.2f);

    ebb_frame f = ebb_frame_pf(pf);
    f.effort[EBB_CH_ABD] = fminf(fmaxf(sim->abd + sim_random(sim) * p->noise, 0.0f), 1.0f);
    f.effort[EBB_CH_BREATH] = fminf(fmaxf(sim->breath, 0.0f), 1.0f);
    for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
        f.raw[ch] = f.effort[ch];
        f.env[ch] = f.effort[ch];
    }
    f.present = (uint8_t)((1u << EBB_CH_PF) | (1u << EBB_CH_ABD) | (1u << EBB_CH_BREATH));
    return f;
}
