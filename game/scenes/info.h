/* Pages of words (scene_info.c): the first-run welcome with the safety note, and help. */
#ifndef EBB_SCENES_INFO_H
#define EBB_SCENES_INFO_H

#include "scenes/scene.h"

/* Both scenes' enter: plain keyboard input (no level is playing). */
void ebb_info_enter(ebb_app *app);
void ebb_welcome_event(ebb_app *app, const union SDL_Event *ev);
void ebb_welcome_draw(ebb_app *app);
void ebb_help_event(ebb_app *app, const union SDL_Event *ev);
void ebb_help_draw(ebb_app *app);

#endif
