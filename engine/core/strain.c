#include "core/strain.h"

void ebb_strain_init(ebb_strain *s)
{
    s->over_s = 0.0f;
    s->show_s = 0.0f;
}

bool ebb_strain_step_watched(ebb_step_kind kind)
{
    return kind == EBB_STEP_SQUEEZE || kind == EBB_STEP_FLICK || kind == EBB_STEP_RAMP;
}

bool ebb_strain_tick(ebb_strain *s, const ebb_frame *f, bool watched, float dt_s)
{
    if (f->signal == EBB_SIGNAL_LOST) {
        return s->show_s > 0.0f;
    }
    bool has_abd = (f->present & (1u << EBB_CH_ABD)) != 0;
    float abd = f->effort[EBB_CH_ABD];
    float pf = f->effort[EBB_CH_PF];
    bool pushing = watched && has_abd && abd > EBB_STRAIN_ABD_MIN && abd > EBB_STRAIN_RATIO * pf;
    s->over_s = pushing ? s->over_s + dt_s : 0.0f;
    if (s->over_s >= EBB_STRAIN_HOLD_S) {
        s->show_s = EBB_STRAIN_SHOW_S;
    } else if (s->show_s > 0.0f) {
        s->show_s -= dt_s;
        if (s->show_s < 0.0f) {
            s->show_s = 0.0f;
        }
    }
    return s->show_s > 0.0f;
}
