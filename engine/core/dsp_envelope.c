#include "core/dsp_envelope.h"

#include <math.h>
#include <string.h>

#include "core/frame.h"

void ebb_env_adapt_init(ebb_env_adapt *a, const ebb_env_adapt_desc *desc)
{
    memset(a, 0, sizeof *a);
    a->desc = *desc;
    if (a->desc.fast_ticks == 0) {
        a->desc.fast_ticks = 3;
    }
    if (a->desc.fast_ticks > EBB_ENV_FAST_TICKS_MAX) {
        a->desc.fast_ticks = EBB_ENV_FAST_TICKS_MAX;
    }
    if (!(a->desc.slow_ms > 0.0)) {
        a->desc.slow_ms = 300.0;
    }
    if (!(a->desc.threshold > 0.0)) {
        a->desc.threshold = 0.35;
    }
    a->alpha = 1.0 - exp(-(double)EBB_TICK_MS / a->desc.slow_ms);
}

double ebb_env_adapt_step(ebb_env_adapt *a, double ms)
{
    if (!(ms >= 0.0)) {
        ms = 0.0;
    }
    a->ring[a->pos] = ms;
    a->pos = (a->pos + 1) % a->desc.fast_ticks;
    if (a->filled < a->desc.fast_ticks) {
        a->filled++;
    }
    double fast = 0.0;
    for (size_t i = 0; i < a->filled; i++) {
        fast += a->ring[i];
    }
    fast /= (double)a->filled;
    a->slow += a->alpha * (ms - a->slow);
    /* 1e-6 µV² keeps the ratio finite on digital silence; real inputs are far above it. */
    const double d = 0.5 * fabs(log((fast + 1e-6) / (a->slow + 1e-6)));
    double w = (d - a->desc.threshold) / a->desc.threshold;
    w = w < 0.0 ? 0.0 : (w > 1.0 ? 1.0 : w);
    /* A clear change: keep following the fast estimate until its window holds only the new
     * level, so the last part of a rise or a fall is not left to the slow average. */
    if (w >= 1.0) {
        a->follow = a->desc.fast_ticks;
    } else if (a->follow > 0) {
        a->follow--;
        w = 1.0;
    }
    a->slow += w * (fast - a->slow);
    a->last_w = w;
    return sqrt(a->slow);
}
