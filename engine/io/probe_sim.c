/* sim[:PROFILE] — a simulated person (engine/core/sim.h) behind the probe interface. */
#include <stdlib.h>
#include <string.h>

#include "io/probe_backend.h"
#include "core/sim.h"

static ebb_probe_status sim_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    *frame = ebb_sim_tick(p->impl, p->level, ms);
    return EBB_PROBE_OK;
}

static void sim_close(ebb_probe *p)
{
    free(p->impl);
}

static const ebb_probe_ops sim_ops = {.name = "sim", .poll = sim_poll, .close = sim_close};

ebb_probe *ebb_probe_sim_open(const char *arg, ebb_diags *diags)
{
    ebb_sim_profile profile = EBB_SIM_RELAXED;
    if (arg[0] != '\0' && !ebb_sim_profile_parse(arg, &profile)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, 0, 0,
                      "unknown sim profile '%s'; use relaxed, overactive, weak or fatigue", arg);
        return NULL;
    }
    ebb_sim *sim = malloc(sizeof *sim);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!sim || !p) {
        free(sim);
        free(p);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    /* A fixed seed per profile: the same level with the same profile plays the same. */
    ebb_sim_init(sim, profile, 20261124u + (uint32_t)profile);
    p->ops = &sim_ops;
    p->impl = sim;
    return p;
}
