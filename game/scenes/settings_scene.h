/* The settings scene (scene_settings.c): one row per setting, each change saved at once. */
#ifndef EBB_SCENES_SETTINGS_SCENE_H
#define EBB_SCENES_SETTINGS_SCENE_H

#include "scenes/scene.h"

typedef struct ebb_settings_state {
    int selected;
    char saved_note[360];       /* "Saved" or why it could not be */
} ebb_settings_state;

/* The scene's row (scenes.c). */
void ebb_settings_enter(ebb_app *app);
void ebb_settings_event(ebb_app *app, const union SDL_Event *ev);
void ebb_settings_draw(ebb_app *app);

/* Saves the settings; on failure the reason shows on the settings screen and stderr. */
void ebb_app_save_settings(ebb_app *app);

#endif
