#include "core/calib_run.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The first seconds of rest are settling (the person finds a comfortable position), so they
 * do not count toward the baseline. */
#define CALIB_SETTLE_MS 3000u
#define CALIB_CYCLE_MS (EBB_CALIB_SQUEEZE_MS + EBB_CALIB_BETWEEN_MS)
#define CALIB_WINDOW_N (EBB_CALIB_PEAK_WINDOW_MS / 10u)

uint32_t ebb_calib_run_total_ms(void)
{
    return EBB_CALIB_REST_MS + EBB_CALIB_SQUEEZES * EBB_CALIB_SQUEEZE_MS +
           (EBB_CALIB_SQUEEZES - 1) * EBB_CALIB_BETWEEN_MS;
}

void ebb_calib_run_init(ebb_calib_run *run, ebb_unit unit)
{
    memset(run, 0, sizeof *run);
    run->unit = unit;
    for (int i = 0; i < EBB_CALIB_SQUEEZES; i++) {
        run->squeeze_best[i] = NAN;
    }
}

/* Phase and the index of the squeeze cycle (0-based) at time ms. */
static ebb_calib_phase calib_phase_at(uint32_t ms, int *cycle, uint32_t *left)
{
    *cycle = 0;
    if (ms < EBB_CALIB_REST_MS) {
        *left = EBB_CALIB_REST_MS - ms;
        return EBB_CALIB_PHASE_REST;
    }
    if (ms >= ebb_calib_run_total_ms()) {
        *left = 0;
        return EBB_CALIB_PHASE_DONE;
    }
    const uint32_t t = ms - EBB_CALIB_REST_MS;
    *cycle = (int)(t / CALIB_CYCLE_MS);
    const uint32_t into = t % CALIB_CYCLE_MS;
    if (into < EBB_CALIB_SQUEEZE_MS) {
        *left = EBB_CALIB_SQUEEZE_MS - into;
        return EBB_CALIB_PHASE_SQUEEZE;
    }
    *left = CALIB_CYCLE_MS - into;
    return EBB_CALIB_PHASE_BETWEEN;
}

void ebb_calib_run_tick(ebb_calib_run *run, float raw)
{
    int cycle = 0;
    uint32_t left = 0;
    const ebb_calib_phase phase = calib_phase_at(run->ms, &cycle, &left);
    if (phase == EBB_CALIB_PHASE_DONE) {
        return;
    }
    run->ms += EBB_TICK_MS;
    if (!isfinite(raw)) {
        return;
    }
    if (phase == EBB_CALIB_PHASE_REST && run->ms > CALIB_SETTLE_MS) {
        run->rest_sum += raw;
        run->rest_sum_sq += (double)raw * raw;
        run->rest_n++;
    }
    if (phase != EBB_CALIB_PHASE_SQUEEZE) {
        run->window_n = 0;
        run->window_i = 0;
        return;
    }
    /* Best half-second average: one spike (a cough, a cable knock) is not a maximum. */
    run->window[run->window_i] = raw;
    run->window_i = (run->window_i + 1u) % CALIB_WINDOW_N;
    if (run->window_n < CALIB_WINDOW_N) {
        run->window_n++;
    }
    if (run->window_n == CALIB_WINDOW_N) {
        double sum = 0.0;
        for (uint32_t i = 0; i < CALIB_WINDOW_N; i++) {
            sum += run->window[i];
        }
        /* NOLINTNEXTLINE(bugprone-integer-division): the window is a whole number of ticks */
        const float mean = (float)(sum / CALIB_WINDOW_N);
        if (isnan(run->squeeze_best[cycle]) || mean > run->squeeze_best[cycle]) {
            run->squeeze_best[cycle] = mean;
        }
    }
}

ebb_calib_phase ebb_calib_run_phase(const ebb_calib_run *run)
{
    int cycle = 0;
    uint32_t left = 0;
    return calib_phase_at(run->ms, &cycle, &left);
}

uint32_t ebb_calib_run_phase_left_ms(const ebb_calib_run *run)
{
    int cycle = 0;
    uint32_t left = 0;
    calib_phase_at(run->ms, &cycle, &left);
    return left;
}

int ebb_calib_run_squeeze_index(const ebb_calib_run *run)
{
    int cycle = 0;
    uint32_t left = 0;
    return calib_phase_at(run->ms, &cycle, &left) == EBB_CALIB_PHASE_SQUEEZE ? cycle + 1 : 0;
}

const char *ebb_calib_run_caption(const ebb_calib_run *run)
{
    switch (ebb_calib_run_phase(run)) {
    case EBB_CALIB_PHASE_REST:
        return "Rest quietly and let everything go soft";
    case EBB_CALIB_PHASE_SQUEEZE:
        return "Squeeze and lift as strongly as is comfortable";
    case EBB_CALIB_PHASE_BETWEEN:
        return "Let go and rest";
    default:
        return "All done: thank you";
    }
}

void ebb_calib_run_result(const ebb_calib_run *run, ebb_calib_result *out)
{
    memset(out, 0, sizeof *out);
    out->calib.unit = run->unit;
    const double n = run->rest_n ? (double)run->rest_n : 1.0;
    const double mean = run->rest_sum / n;
    const double var = run->rest_sum_sq / n - mean * mean;
    out->calib.rest = (float)mean;
    out->rest_sd = (float)sqrt(var > 0.0 ? var : 0.0);
    float best = NAN;
    for (int i = 0; i < EBB_CALIB_SQUEEZES; i++) {
        out->squeezes[i] = run->squeeze_best[i];
        if (!isnan(run->squeeze_best[i]) && (isnan(best) || run->squeeze_best[i] > best)) {
            best = run->squeeze_best[i];
        }
    }
    out->calib.mvc = best;
    const char *unit = ebb_unit_name(run->unit);
    const float span = isnan(best) ? 0.0f : best - out->calib.rest;
    if (run->rest_n == 0 || isnan(best) || !(span > 3.0f * out->rest_sd) || !(span > 0.0f)) {
        out->status = EBB_CALIB_NO_DIFFERENCE;
        snprintf(out->message, sizeof out->message,
                 "The squeezes did not stand out from rest, so nothing was saved. Check the "
                 "probe's position and connection, then try again.");
        return;
    }
    if (out->rest_sd > 0.25f * span) {
        out->status = EBB_CALIB_UNSTEADY_REST;
        snprintf(out->message, sizeof out->message,
                 "Rest moved about a lot, so nothing was saved. Find a comfortable position, "
                 "breathe slowly, and try again.");
        return;
    }
    out->status = EBB_CALIB_OK;
    snprintf(out->message, sizeof out->message,
             "Rest %.2f%s%s (varying by %.2f), strongest squeeze %.2f%s%s. Levels now use your "
             "own range.",
             (double)out->calib.rest, *unit ? " " : "", unit, (double)out->rest_sd, (double)best,
             *unit ? " " : "", unit);
}
