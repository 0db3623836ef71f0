/* Calibration run: guides a person through rest and three strongest squeezes and works out
 * their resting level and maximum (MVC) from the probe's raw readings.
 *
 *   rest     20 s   "Rest quietly and let go"        -> rest mean and variability (SD)
 *   squeeze   5 s   "Squeeze as strongly as is comfortable" (x3, 10 s rest between)
 *   result          MVC = best of the three (highest 0.5 s average), rest = mean
 *
 * Pure: feed one raw value per tick (the probe's raw reading, in its own unit); read the
 * phase, caption and countdown for display; when done, read the result. The game's
 * calibration scene and `ebb calibrate` both drive it. */
#ifndef EBB_CALIB_RUN_H
#define EBB_CALIB_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calib.h"
#include "core/frame.h"

#define EBB_CALIB_REST_MS 20000u
#define EBB_CALIB_SQUEEZE_MS 5000u
#define EBB_CALIB_BETWEEN_MS 10000u
#define EBB_CALIB_SQUEEZES 3
#define EBB_CALIB_PEAK_WINDOW_MS 500u

typedef enum ebb_calib_phase {
    EBB_CALIB_PHASE_REST = 0,
    EBB_CALIB_PHASE_SQUEEZE,
    EBB_CALIB_PHASE_BETWEEN,  /* rest between squeezes */
    EBB_CALIB_PHASE_DONE
} ebb_calib_phase;

typedef enum ebb_calib_status {
    EBB_CALIB_OK = 0,
    EBB_CALIB_NO_DIFFERENCE,  /* squeezes were not clearly above rest */
    EBB_CALIB_UNSTEADY_REST   /* rest varied too much to be a baseline */
} ebb_calib_status;

typedef struct ebb_calib_run {
    ebb_unit unit;
    uint32_t ms;                 /* time since start */
    double rest_sum, rest_sum_sq;
    uint32_t rest_n;
    float window[EBB_CALIB_PEAK_WINDOW_MS / 10u];
    uint32_t window_n, window_i;
    float squeeze_best[EBB_CALIB_SQUEEZES];
} ebb_calib_run;

typedef struct ebb_calib_result {
    ebb_calib_status status;
    ebb_calib calib;            /* rest = mean at rest, mvc = best squeeze */
    float rest_sd;
    float squeezes[EBB_CALIB_SQUEEZES];
    char message[200];          /* plain words for the person */
} ebb_calib_result;

void ebb_calib_run_init(ebb_calib_run *run, ebb_unit unit);

/* Adds one tick's raw reading (NaN: a lost tick, ignored). */
void ebb_calib_run_tick(ebb_calib_run *run, float raw);

ebb_calib_phase ebb_calib_run_phase(const ebb_calib_run *run);
const char *ebb_calib_run_caption(const ebb_calib_run *run);
uint32_t ebb_calib_run_phase_left_ms(const ebb_calib_run *run);
int ebb_calib_run_squeeze_index(const ebb_calib_run *run); /* 1..3 during squeezes, else 0 */
uint32_t ebb_calib_run_total_ms(void);

/* Valid once the phase is DONE. */
void ebb_calib_run_result(const ebb_calib_run *run, ebb_calib_result *out);

#endif
