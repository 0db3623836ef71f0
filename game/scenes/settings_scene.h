/* The settings scene (scene_settings.c): one row per setting, each change saved at once. */
#ifndef EBB_SCENES_SETTINGS_SCENE_H
#define EBB_SCENES_SETTINGS_SCENE_H

#include "io/ble_scan.h"
#include "scenes/scene.h"

typedef struct ebb_settings_state {
    int selected;
    char saved_note[360];       /* "Saved" or why it could not be */
    /* Bluetooth trainers for the Input row: a short scan runs on its own thread from the
     * moment the scene opens (io/ble_scan.h); the frame loop only asks whether it is done. */
    ebb_ble_scan *scan;         /* NULL once collected */
    ebb_ble_found found[EBB_BLE_SCAN_MAX];
    size_t found_count;
} ebb_settings_state;

/* The scene's row (scenes.c). */
void ebb_settings_enter(ebb_app *app);
void ebb_settings_event(ebb_app *app, const union SDL_Event *ev);
void ebb_settings_draw(ebb_app *app);
void ebb_settings_leave(ebb_app *app, ebb_scene_id to);

/* Saves the settings; on failure the reason shows on the settings screen and stderr. */
void ebb_app_save_settings(ebb_app *app);

#endif
