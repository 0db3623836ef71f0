#include "core/dsp_envelope.h"

#include <math.h>
#include <string.h>

#include "core/frame.h"

/* Digamma and trigamma by the recurrence up to x >= 6, then their asymptotic series: well
 * within 1e-6 there, which is far finer than the detector needs. */
static double env_digamma(double x)
{
    double s = 0.0;
    const int steps = x < 6.0 ? (int)ceil(6.0 - x) : 0;
    for (int i = 0; i < steps; i++) {
        s -= 1.0 / x;
        x += 1.0;
    }
    const double x2 = 1.0 / (x * x);
    return s + log(x) - 0.5 / x - x2 * (1.0 / 12.0 - x2 * (1.0 / 120.0 - x2 / 252.0));
}

static double env_trigamma(double x)
{
    double s = 0.0;
    const int steps = x < 6.0 ? (int)ceil(6.0 - x) : 0;
    for (int i = 0; i < steps; i++) {
        s += 1.0 / (x * x);
        x += 1.0;
    }
    const double x2 = 1.0 / (x * x);
    return s + 1.0 / x + 0.5 * x2 + x2 / x * (1.0 / 6.0 - x2 * (1.0 / 30.0 - x2 / 42.0));
}

double ebb_env_adapt_dof(double lowpass_hz)
{
    const double band = fmin(300.0, lowpass_hz) - 30.0;
    const double n = 2.0 * 1.3 * band * (double)EBB_TICK_MS / 1000.0;
    return n > 1.0 ? n : 1.0;
}

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
    if ((unsigned)a->desc.detector >= (unsigned)EBB_ADAPT_COUNT) {
        a->desc.detector = EBB_ADAPT_NOISE;
    }
    const int noise = a->desc.detector == EBB_ADAPT_NOISE;
    if (!(a->desc.threshold > 0.0)) {
        a->desc.threshold = noise ? 3.0 : 0.35;
    }
    if (!(a->desc.dof >= 1.0)) {
        a->desc.dof = 7.0;
    }
    if (!(a->desc.cusum_k > 0.0)) {
        a->desc.cusum_k = 1.0;
    }
    if (!(a->desc.cusum_h > 0.0)) {
        a->desc.cusum_h = 3.0;
    }
    a->alpha = 1.0 - exp(-(double)EBB_TICK_MS / a->desc.slow_ms);
    /* ln of a chi-square with n degrees of freedom over n: mean ψ(n/2) − ln(n/2), variance
     * ψ'(n/2). The slow average is a mean of powers, so a steady ln(tick / slow) sits at
     * this bias, not at 0. */
    const double h1 = a->desc.dof / 2.0, hf = h1 * (double)a->desc.fast_ticks;
    a->bias1 = env_digamma(h1) - log(h1);
    a->sd1 = sqrt(env_trigamma(h1));
    a->bias_fast = env_digamma(hf) - log(hf);
    a->sd_fast = sqrt(env_trigamma(hf));
}

/* 1e-6 µV² keeps the ratios finite on digital silence; real inputs are far above it. */
static double env_log_ratio(double x, double y)
{
    return log((x + 1e-6) / (y + 1e-6));
}

static double env_ramp(double v, double from)
{
    const double w = (v - from) / from;
    return w < 0.0 ? 0.0 : (w > 1.0 ? 1.0 : w);
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
    double w;
    if (a->desc.detector == EBB_ADAPT_NOISE) {
        const double z = (env_log_ratio(ms, a->slow) - a->bias1) / a->sd1;
        a->up = fmax(0.0, a->up + z - a->desc.cusum_k);
        a->down = fmax(0.0, a->down - z - a->desc.cusum_k);
        const double jump = fabs(env_log_ratio(fast, a->slow) - a->bias_fast) / a->sd_fast;
        w = fmax(env_ramp(jump, a->desc.threshold),
                 env_ramp(fmax(a->up, a->down), a->desc.cusum_h));
    } else {
        w = env_ramp(0.5 * fabs(env_log_ratio(fast, a->slow)), a->desc.threshold);
    }
    /* A clear change: keep following the fast estimate until its window holds only the new
     * level, so the last part of a rise or a fall is not left to the slow average. The
     * sums start again from the new level. */
    if (w >= 1.0) {
        a->follow = a->desc.fast_ticks;
        a->up = a->down = 0.0;
    } else if (a->follow > 0) {
        a->follow--;
        w = 1.0;
    }
    a->slow += w * (fast - a->slow);
    a->last_w = w;
    return sqrt(a->slow);
}
