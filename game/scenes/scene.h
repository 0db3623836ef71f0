/* The table of scenes: every screen of the windowed game, by name, with what it does on the
 * way in, per event, per frame, to draw, and on the way out.
 *
 * A scene never switches the screen itself. It asks with ebb_app_request() (app/app_state.h);
 * the app loop applies the latest request once a frame, at the top of the frame, calling the
 * old scene's leave and the new one's enter (Chocolate Doom's gameaction, g_game.c). What a
 * scene needs to start with (a level, a probe) it stages first, with its own request function
 * (ebb_play_request, ebb_calibrate_request). Adding a scene is one enum value and one table
 * row in scenes.c; names for `--scene` and the test trace come from here. */
#ifndef EBB_SCENE_H
#define EBB_SCENE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ebb_app ebb_app;
union SDL_Event;

typedef enum ebb_scene_id {
    EBB_SCENE_NONE = -1,           /* before the first scene, and "no request" */
    EBB_SCENE_WELCOME = 0,         /* the order of `ebb --help` */
    EBB_SCENE_MENU,
    EBB_SCENE_SETTINGS,
    EBB_SCENE_HELP,
    EBB_SCENE_CALIBRATION,
    EBB_SCENE_PLAY,
    EBB_SCENE_RESULTS,
    EBB_SCENE_PROGRESS,
    EBB_SCENE_COUNT
} ebb_scene_id;

typedef struct ebb_scene {
    const char *name;              /* for --scene and the test trace */
    /* Views of the scene that screenshots can ask for by name besides its own (play's pause
     * overlay and lost-signal notice); NULL-terminated, or NULL. */
    const char *const *views;
    bool needs_level;              /* shows a level: a screenshot of it needs one */
    bool timed;                    /* a screenshot of it is of a moment (needs --at) */
    bool still;                    /* nothing on it moves by itself: the loop draws it only
                                    * after an event (or a scene change), app.c */
    void (*enter)(ebb_app *app);
    void (*event)(ebb_app *app, const union SDL_Event *ev);
    void (*update)(ebb_app *app, double dt_ms);    /* NULL: nothing moves by itself */
    void (*draw)(ebb_app *app);
    void (*leave)(ebb_app *app, ebb_scene_id next); /* NULL: nothing to let go of */
    /* The view the trace shows now (play: "pause" while paused), or NULL for name. */
    const char *(*view_now)(const ebb_app *app);
    /* Screenshots: brings the entered scene to the moment at_ms, in the view asked for. */
    void (*shot)(ebb_app *app, const char *view, uint32_t at_ms);
} ebb_scene;

/* The row of a scene; NULL for EBB_SCENE_NONE or out of range. */
const ebb_scene *ebb_scene_get(ebb_scene_id id);

/* The scene with this name or view name (pause and lost are views of play), or
 * EBB_SCENE_NONE. */
ebb_scene_id ebb_scene_find(const char *name);

/* The names `--scene` takes, in table order (each scene, then its views), one at a time:
 * index 0, 1, ... until NULL. */
const char *ebb_scene_shot_name(size_t index);

/* "welcome, menu, ..., pause, lost or results" into buf, for messages. */
void ebb_scene_shot_names(char *buf, size_t size);

#endif
