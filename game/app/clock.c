#include "app/clock.h"

#include <string.h>

void ebb_clock_init(ebb_clock *c, double tick_ms)
{
    memset(c, 0, sizeof *c);
    c->tick_ms = tick_ms > 0.0 ? tick_ms : 10.0;
}

void ebb_clock_reset(ebb_clock *c)
{
    c->now_ms = 0.0;
    c->ticked_ms = 0.0;
    c->audio_seen = false;
    c->audio_ms = 0.0;
    c->since_change_ms = 0.0;
}

/* Follows the sound device's frame counter. Returns the clock time it suggests, or a
 * negative value when the device is stalled (the wall clock should be used). */
static double audio_target(ebb_clock *c, double dt, uint32_t frames, int rate)
{
    if (!c->audio_seen) {
        c->audio_seen = true;
        c->audio_last = frames;
        c->audio_ms = c->now_ms;
        c->burst_ms = 0.0;
        c->since_change_ms = 0.0;
    } else {
        uint32_t d = frames - c->audio_last; /* unsigned: correct across wrap-around */
        if (d > 0u) {
            double adv = (double)d * 1000.0 / (double)rate;
            if (c->since_change_ms > EBB_CLOCK_STALL_MS) {
                c->audio_ms = c->now_ms; /* back after a stall: carry on from here */
            } else {
                c->audio_ms += adv;
            }
            c->burst_ms = adv;
            c->audio_last = frames;
            c->since_change_ms = 0.0;
        } else {
            c->since_change_ms += dt;
        }
    }
    if (c->since_change_ms > EBB_CLOCK_STALL_MS) {
        return -1.0;
    }
    /* The last burst was mixed when the device reached audio_ms - burst_ms and plays out
     * over the next burst_ms: spread it over that time. */
    double fill = c->since_change_ms < c->burst_ms ? c->since_change_ms : c->burst_ms;
    return c->audio_ms - c->burst_ms + fill;
}

int ebb_clock_advance(ebb_clock *c, double wall_dt_ms, bool audio_ok, uint32_t audio_frames,
                      int rate)
{
    double dt = wall_dt_ms;
    if (!(dt > 0.0)) {
        dt = 0.0;
    }
    if (dt > EBB_CLOCK_CAP_MS) {
        dt = EBB_CLOCK_CAP_MS;
    }
    double target = c->now_ms + dt;
    if (audio_ok && rate > 0) {
        double a = audio_target(c, dt, audio_frames, rate);
        if (a >= 0.0) {
            target = a > c->now_ms ? a : c->now_ms; /* never backwards */
            if (target - c->now_ms > EBB_CLOCK_CAP_MS) {
                /* A huge burst: skip the excess, like any other stall. */
                c->audio_ms -= target - c->now_ms - EBB_CLOCK_CAP_MS;
                target = c->now_ms + EBB_CLOCK_CAP_MS;
            }
        }
    } else {
        c->audio_seen = false;
    }
    c->now_ms = target;
    int ticks = 0;
    while (c->now_ms - c->ticked_ms >= c->tick_ms) {
        c->ticked_ms += c->tick_ms;
        ticks++;
    }
    return ticks;
}

float ebb_clock_alpha(const ebb_clock *c)
{
    double a = (c->now_ms - c->ticked_ms) / c->tick_ms;
    return a < 0.0 ? 0.0f : (a > 1.0 ? 1.0f : (float)a);
}

void ebb_clock_forgive(ebb_clock *c, int ticks)
{
    if (ticks <= 0) {
        return;
    }
    double ms = (double)ticks * c->tick_ms;
    c->ticked_ms -= ms;
    c->now_ms -= ms;
    c->audio_ms -= ms;
}
