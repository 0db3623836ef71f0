/* Pages of words (scene_info.c): the first-run welcome with the safety note, and help. */
#ifndef EBB_SCENES_INFO_H
#define EBB_SCENES_INFO_H

#include "gfx/layout.h"
#include "scenes/scene.h"

/* The welcome's question: where a person without a therapist's pack starts. */
#define EBB_WELCOME_CHOICES 3
typedef struct ebb_welcome_state {
    int choice;                            /* highlighted: 0 relax, 1 strengthen, 2 unsure */
    ebb_frect rects[EBB_WELCOME_CHOICES];  /* where each was drawn, for the mouse */
} ebb_welcome_state;

/* Both scenes' enter: plain keyboard input (no level is playing). */
void ebb_info_enter(ebb_app *app);
void ebb_welcome_event(ebb_app *app, const union SDL_Event *ev);
void ebb_welcome_draw(ebb_app *app);
void ebb_help_event(ebb_app *app, const union SDL_Event *ev);
void ebb_help_draw(ebb_app *app);

#endif
