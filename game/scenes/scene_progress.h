/* The progress scene (scene_progress.c): charts over days and weeks from the history — rest
 * tone and its steadiness, release time, strongest squeeze, endurance, stars per level kind,
 * sessions a day against the active pack's plan — each with axes, units and one line in
 * plain words. Escape goes back to the menu; Left and Right turn pages when large text
 * leaves room for fewer charts. */
#ifndef EBB_SCENES_PROGRESS_H
#define EBB_SCENES_PROGRESS_H

#include "scenes/scene.h"

void ebb_progress_enter(ebb_app *app);
void ebb_progress_event(ebb_app *app, const union SDL_Event *ev);
void ebb_progress_draw(ebb_app *app);

#endif
