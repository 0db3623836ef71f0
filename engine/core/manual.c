#include "core/manual.h"

#include <math.h>

#include "core/frame.h"

static float manual_clamp01(float v)
{
    if (!(v >= 0.0f)) {
        return 0.0f;
    }
    return v > 1.0f ? 1.0f : v;
}

/* One tick of a first-order approach toward target with time constant tau (seconds). The
 * factor is exact for the tick length, so the ramp does not depend on how it is sampled. */
static float manual_approach(float value, float target, float tau_s)
{
    const float dt = (float)EBB_TICK_MS / 1000.0f;
    const float k = 1.0f - expf(-dt / tau_s);
    return value + (target - value) * k;
}

void ebb_manual_init(ebb_manual *m)
{
    m->effort = 0.0f;
    m->hold_level = EBB_MANUAL_HOLD_DEFAULT;
    m->base_level = 0.0f;
}

float ebb_manual_tick(ebb_manual *m, const ebb_manual_input *in)
{
    const float step = EBB_MANUAL_ARROW_RATE * (float)EBB_TICK_MS / 1000.0f;
    const float arrows = (in->up ? step : 0.0f) - (in->down ? step : 0.0f);

    if (in->analog_active) {
        m->effort = manual_approach(m->effort, manual_clamp01(in->analog), EBB_MANUAL_ANALOG_TAU_S);
        return m->effort;
    }
    if (in->squeeze) {
        /* A squeeze never goes below a tenth: a hold level of zero would make Space do nothing. */
        m->hold_level = manual_clamp01(m->hold_level + arrows);
        if (m->hold_level < 0.1f) {
            m->hold_level = 0.1f;
        }
    } else {
        m->base_level = manual_clamp01(m->base_level + arrows);
    }
    const float target = in->squeeze ? m->hold_level : m->base_level;
    const float tau = target > m->effort ? EBB_MANUAL_RISE_TAU_S : EBB_MANUAL_FALL_TAU_S;
    m->effort = manual_clamp01(manual_approach(m->effort, target, tau));
    return m->effort;
}
