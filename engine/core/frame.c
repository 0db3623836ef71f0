#include "core/frame.h"

float ebb_frame_breath_effort(const ebb_frame *f)
{
    if (f->present & (1u << EBB_CH_BREATH)) {
        return f->effort[EBB_CH_BREATH];
    }
    return f->effort[EBB_CH_PF];
}

ebb_frame ebb_frame_pf(float effort)
{
    ebb_frame f = {0};
    if (!(effort >= 0.0f)) { /* also catches NaN */
        effort = 0.0f;
    }
    if (effort > 1.0f) {
        effort = 1.0f;
    }
    f.effort[EBB_CH_PF] = effort;
    f.raw[EBB_CH_PF] = effort;
    f.present = 1u << EBB_CH_PF;
    f.signal = EBB_SIGNAL_OK;
    return f;
}
