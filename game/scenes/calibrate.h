/* The calibration scene (scene_calibrate.c): rest and three squeezes with a live probe. */
#ifndef EBB_SCENES_CALIBRATE_H
#define EBB_SCENES_CALIBRATE_H

#include <stdbool.h>
#include <stdint.h>

#include "app/clock.h"
#include "core/calib_run.h"
#include "io/calib_store.h"
#include "io/level_load.h"
#include "io/probe.h"
#include "scenes/play.h"
#include "scenes/scene.h"

typedef enum ebb_calib_stage {
    EBB_CALIB_STAGE_INTRO = 0,     /* what will happen; Enter begins */
    EBB_CALIB_STAGE_RUN,           /* the run itself */
    EBB_CALIB_STAGE_RESULT         /* the result message (saved or why not) */
} ebb_calib_stage;

typedef struct ebb_calib_scene {
    ebb_calib_stage stage;
    ebb_probe *probe;
    char spec[EBB_PROBE_SPEC_MAX];
    char profile[EBB_CALIB_PROFILE_MAX]; /* "" when the input needs no calibration */
    ebb_calib_run run;
    ebb_calib_result result;
    bool saved;
    char message[480];
    float raw, lo, hi;             /* the latest reading and the range seen, for the bar */
    bool have_raw;
    uint32_t probe_ms, lost_ms;
    ebb_clock clock;
    ebb_scene_id back;             /* where Escape and "done" go: settings or menu */
    char level_spec[EBB_PATH_MAX]; /* non-empty: the level to play once calibrated */
    char pack_level[EBB_LEVEL_ID_MAX + 1];
} ebb_calib_scene;

/* Asks for the calibration scene with the probe `spec`; it shows the intro. When level_spec
 * is non-NULL that level (or pack level) plays after a saved calibration. Escape and "done"
 * go to `back` (settings or the menu). */
void ebb_calibrate_request(ebb_app *app, const char *spec, const char *level_spec,
                           const char *pack_level, ebb_scene_id back);
/* True when spec is a live probe with no stored calibration (then it is offered first). */
bool ebb_calibrate_needed(const char *spec);

/* The scene's row (scenes.c). */
void ebb_calibrate_enter(ebb_app *app);
void ebb_calibrate_event(ebb_app *app, const union SDL_Event *ev);
void ebb_calibrate_update(ebb_app *app, double dt_ms);
void ebb_calibrate_draw(ebb_app *app);
void ebb_calibrate_leave(ebb_app *app, ebb_scene_id next);
/* Runs the calibration to at_ms of its time at once. */
void ebb_calibrate_shot(ebb_app *app, const char *view, uint32_t at_ms);

#endif
