/* The game's shared state and its scenes: menu, play (with the pause overlay) and results.
 *
 * app.c owns the window, renderer, text, audio and the main loop, and calls the current
 * scene's event/update/draw functions. A scene never advances another; it asks app.c to
 * switch with ebb_app_switch(). */
#ifndef EBB_SCENE_H
#define EBB_SCENE_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "audio.h"
#include "clock.h"
#include "input.h"
#include "layout.h"
#include "level_load.h"
#include "manual.h"
#include "probe.h"
#include "session.h"
#include "text.h"

typedef enum ebb_scene_id { EBB_SCENE_MENU = 0, EBB_SCENE_PLAY, EBB_SCENE_RESULTS } ebb_scene_id;

/* Ticks of past effort kept for the trail (more than the width shows). */
#define EBB_TRAIL_MAX 512
#define EBB_MENU_ROWS_MAX 256
#define EBB_PROBE_SPEC_MAX 1100

typedef enum ebb_pause_item {
    EBB_PAUSE_RESUME = 0,
    EBB_PAUSE_RESTART,
    EBB_PAUSE_MENU,
    EBB_PAUSE_QUIT,
    EBB_PAUSE_COUNT
} ebb_pause_item;

typedef struct ebb_play_state {
    bool loaded;                   /* level, session and probe are live */
    ebb_level level;
    char spec[EBB_PATH_MAX];       /* what was loaded, for "Start again" */
    char probe_spec[EBB_PROBE_SPEC_MAX];
    ebb_probe_kind probe_kind;
    ebb_probe *probe;              /* replay; NULL for manual input */
    ebb_session *session;
    ebb_manual manual;
    uint32_t probe_ms;             /* time of the next frame asked from the probe */
    ebb_clock clock;               /* turns real time into ticks */
    float alpha;                   /* presentation: how far past the last tick, 0..1 */
    float prev_effort, cur_effort; /* the last two ticks, for smooth presentation */
    float trail[EBB_TRAIL_MAX];    /* effort per tick, ring buffer */
    size_t trail_head, trail_count;
    bool input_ended;              /* the recording ended before the level did */
    bool paused;
    int pause_sel;
    double played_s;               /* real time in play, for the controls hint */
    unsigned frames_shown;         /* frames drawn since the level was loaded */
} ebb_play_state;

typedef struct ebb_menu_state {
    int selected;
    float scroll;
    ebb_menu_row rows[EBB_MENU_ROWS_MAX];
    size_t row_count;
} ebb_menu_state;

typedef struct ebb_results_state {
    double shown_s;
} ebb_results_state;

typedef struct ebb_app {
    const ebb_app_options *opts;
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
    ebb_scene_id scene;
    bool quit;
    int exit_code;
    bool catalog_loaded;
    ebb_catalog catalog;
    ebb_input input;
    ebb_menu_state menu;
    ebb_play_state play;
    ebb_results_state results;
    double clock_s;                /* real time since start, for gentle idle motion */
} ebb_app;

/* app.c */
void ebb_app_switch(ebb_app *app, ebb_scene_id scene);
void ebb_app_draw_background(ebb_app *app);
bool ebb_app_load_catalog(ebb_app *app);

/* scene_menu.c */
void ebb_menu_enter(ebb_app *app);
void ebb_menu_event(ebb_app *app, const SDL_Event *ev);
void ebb_menu_draw(ebb_app *app);

/* scene_play.c. ebb_play_begin returns 0, or 2 when the level or probe is bad (diagnostics
 * printed to stderr). */
int ebb_play_begin(ebb_app *app, const char *level_spec, const char *probe_spec);
void ebb_play_end(ebb_app *app);
int ebb_play_restart(ebb_app *app);
void ebb_play_event(ebb_app *app, const SDL_Event *ev);
void ebb_play_update(ebb_app *app, double dt_ms);
/* Ticks as fast as possible until level time reaches ms, the level ends or the input ends
 * (screenshots). */
void ebb_play_advance_to(ebb_app *app, uint32_t ms);
void ebb_play_draw(ebb_app *app);
void ebb_play_set_paused(ebb_app *app, bool paused);

/* scene_pause.c: the overlay drawn over the play screen while paused. */
void ebb_pause_event(ebb_app *app, const SDL_Event *ev);
void ebb_pause_draw(ebb_app *app);

/* scene_results.c */
void ebb_results_enter(ebb_app *app);
void ebb_results_event(ebb_app *app, const SDL_Event *ev);
void ebb_results_update(ebb_app *app, double dt_ms);
void ebb_results_draw(ebb_app *app);

/* scene_character.c: the character and its face. */
void ebb_character_draw(ebb_app *app, ebb_level_kind kind, float cx, float cy, float radius,
                        float effort);

#endif
