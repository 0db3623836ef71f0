#include "io/pump.h"

#include <string.h>

#include "io/pacer.h"

void ebb_pump_init(ebb_pump *pump, const ebb_pump_desc *desc)
{
    memset(pump, 0, sizeof *pump);
    pump->desc = *desc;
    pump->paced = desc->pace == EBB_PUMP_PACE_ALWAYS ||
                  (desc->pace == EBB_PUMP_PACE_LIVE && desc->probe &&
                   ebb_probe_is_live(desc->probe));
    pump->over = EBB_PUMP_FRAME;
}

static ebb_pump_status pump_lost(ebb_pump *pump, ebb_pump_tick *t)
{
    t->frame.signal = EBB_SIGNAL_LOST;
    if (!pump->lost) {
        pump->lost = true;
        pump->lost_ms = 0;
        pump->episode = pump->had_signal;
        if (pump->episode) {
            pump->episodes++;
            t->lost_began = true;
        }
    }
    pump->lost_ms += EBB_TICK_MS;
    t->lost_ms = pump->lost_ms;
    t->waiting = !pump->had_signal;
    if (pump->desc.give_up_ms > 0 && pump->lost_ms >= pump->desc.give_up_ms) {
        pump->over = EBB_PUMP_GAVE_UP;
        return EBB_PUMP_GAVE_UP;
    }
    return EBB_PUMP_LOST;
}

ebb_pump_status ebb_pump_next(ebb_pump *pump, ebb_pump_tick *t)
{
    memset(t, 0, sizeof *t);
    t->frame.signal = EBB_SIGNAL_LOST;
    t->ms = pump->next_ms;
    t->lost_ms = pump->lost_ms;
    if (pump->over != EBB_PUMP_FRAME || !pump->desc.probe) {
        t->status = pump->desc.probe ? pump->over : EBB_PUMP_ENDED;
        return t->status;
    }
    if (pump->paced) {
        if (!pump->started) {
            pump->start_us = ebb_pacer_now_us() - (uint64_t)pump->next_ms * 1000u;
            pump->started = true;
        }
        ebb_pacer_sleep_until_us(pump->start_us + (uint64_t)pump->next_ms * 1000u);
    }
    const ebb_probe_status st = ebb_probe_poll(pump->desc.probe, pump->next_ms, &t->frame);
    pump->next_ms += EBB_TICK_MS;
    switch (st) {
    case EBB_PROBE_ENDED:
        t->frame.signal = EBB_SIGNAL_LOST;
        pump->over = EBB_PUMP_ENDED;
        t->status = EBB_PUMP_ENDED;
        break;
    case EBB_PROBE_LOST:
        t->status = pump_lost(pump, t);
        break;
    case EBB_PROBE_OK:
    default:
        /* The status alone says whether there is a signal; the frame follows it. */
        t->frame.signal = EBB_SIGNAL_OK;
        t->back = pump->lost && pump->episode;
        pump->lost = false;
        pump->episode = false;
        pump->lost_ms = 0;
        pump->had_signal = true;
        t->lost_ms = 0;
        t->status = EBB_PUMP_FRAME;
        break;
    }
    return t->status;
}

uint32_t ebb_pump_time_ms(const ebb_pump *pump)
{
    return pump->next_ms;
}

bool ebb_pump_paced(const ebb_pump *pump)
{
    return pump->paced;
}

uint32_t ebb_pump_lost_ms(const ebb_pump *pump)
{
    return pump->lost_ms;
}

unsigned ebb_pump_lost_count(const ebb_pump *pump)
{
    return pump->episodes;
}
