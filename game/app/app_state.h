/* The windowed game's state, shared by the app loop (app.c) and the scenes: the window and
 * what draws and sounds, the settings, the level catalogue, the scene on screen with the one
 * asked for next, and each scene's own state (declared next to the scene, in scenes/). */
#ifndef EBB_APP_STATE_H
#define EBB_APP_STATE_H

#include <SDL.h>
#include <stdbool.h>

#include "app/app.h"
#include "app/input.h"
#include "gfx/track.h"
#include "io/level_load.h"
#include "scenes/calibrate.h"
#include "scenes/menu.h"
#include "scenes/play.h"
#include "scenes/info.h"
#include "scenes/results.h"
#include "scenes/scene.h"
#include "scenes/settings_scene.h"
#include "settings/settings.h"
#include "sound/audio.h"
#include "gfx/text.h"

struct ebb_testhook;

struct ebb_app {
    const ebb_app_options *opts;
    ebb_settings settings;
    SDL_Window *window;
    SDL_Renderer *renderer;
    bool vsync;                    /* presenting waits for the display */
    double frame_floor_ms;         /* shortest frame when vsync is on (a guard) */
    ebb_text *text;
    ebb_audio *audio;
    bool no_sound;                 /* audio could not open: say so on screen */
    int w, h;                      /* renderer output size */
    float mouse_scale;             /* window to renderer pixels */
    SDL_Texture *bg;               /* the background gradient, redrawn on resize */
    int bg_w, bg_h;
    ebb_track_layer track;         /* the play track's band colour over the background */
    ebb_scene_id scene;            /* on screen (EBB_SCENE_NONE before the first) */
    ebb_scene_id next;             /* asked for, applied at the top of the next frame */
    bool quit;
    int exit_code;
    bool catalog_loaded;
    ebb_catalog catalog;
    ebb_input input;
    double clock_s;                /* real time since start, for gentle idle motion */
    struct ebb_testhook *testhook; /* EBB_TEST_EVENTS: scripted events and a scene trace */
    /* Each scene's own state. */
    ebb_menu_state menu;
    ebb_play_state play;
    ebb_results_state results;
    ebb_welcome_state welcome;
    ebb_settings_state settings_ui;
    ebb_calib_scene calib;
};

/* Asks for another scene. Nothing changes until the app applies it at the top of the next
 * frame; a later request in the same frame replaces an earlier one. */
void ebb_app_request(ebb_app *app, ebb_scene_id scene);
/* Applies the request, if any: the old scene's leave, then the new one's enter (which may
 * itself ask for another, applied at once). The app loop calls it once a frame; screenshots
 * call it after their request. */
void ebb_app_apply(ebb_app *app);

void ebb_app_draw_background(ebb_app *app);
bool ebb_app_load_catalog(ebb_app *app);
/* Applies the saved look to the screen: palette, text size (reduced motion is read where
 * things move). Called at start and after every change. */
void ebb_app_apply_settings(ebb_app *app);
/* The text-size setting as a scale of all text: 1, 1.25, 1.5. */
float ebb_app_text_scale(const ebb_app *app);

#endif
