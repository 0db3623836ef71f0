/* The results scene (scene_results.c): the score of the level play left loaded. */
#ifndef EBB_SCENES_RESULTS_H
#define EBB_SCENES_RESULTS_H

#include <stdint.h>

#include "core/challenge.h"
#include "scenes/scene.h"

typedef struct ebb_results_state {
    double shown_s;
    ebb_challenge_offer offer; /* a harder or gentler challenge to offer (kind NONE: none) */
    int offer_answer;          /* 0 not answered, 1 accepted, -1 declined */
} ebb_results_state;

/* The scene's row (scenes.c). Leaving ends the level (ebb_play_end). */
void ebb_results_enter(ebb_app *app);
void ebb_results_event(ebb_app *app, const union SDL_Event *ev);
void ebb_results_update(ebb_app *app, double dt_ms);
void ebb_results_draw(ebb_app *app);
void ebb_results_leave(ebb_app *app, ebb_scene_id next);
/* Plays the loaded level to its end at once. */
void ebb_results_shot(ebb_app *app, const char *view, uint32_t at_ms);

#endif
