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

#include "app/app.h"
#include "sound/audio.h"
#include "io/calib_store.h"
#include "app/clock.h"
#include "app/input.h"
#include "gfx/layout.h"
#include "io/level_load.h"
#include "core/manual.h"
#include "io/probe.h"
#include "core/session.h"
#include "settings/settings.h"
#include "core/strain.h"
#include "gfx/text.h"

typedef enum ebb_scene_id {
    EBB_SCENE_MENU = 0,
    EBB_SCENE_PLAY,
    EBB_SCENE_RESULTS,
    EBB_SCENE_WELCOME,
    EBB_SCENE_SETTINGS,
    EBB_SCENE_HELP,
    EBB_SCENE_CALIBRATION
} ebb_scene_id;

/* Ticks of past effort kept for the trail (more than the width shows). */
#define EBB_TRAIL_MAX 512
#define EBB_MENU_ROWS_MAX 256
#define EBB_PROBE_SPEC_MAX 1100
/* How long "Signal back" stays on screen. */
#define EBB_PLAY_BACK_NOTE_S 2.5
#define EBB_PLAY_LOST_TITLE "Signal lost \xe2\x80\x94 check the probe."
#define EBB_PLAY_LOST_BODY "The level will carry on when it returns."
#define EBB_PLAY_BACK_TEXT "Signal back \xe2\x80\x94 carrying on."

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
    char pack_level[EBB_LEVEL_ID_MAX + 1]; /* non-empty: the active pack's version of this id */
    struct ebb_history_live *record; /* the session's history record (app/record.h), or NULL */
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
    bool input_ended;              /* the input (recording, stdin) ended before the level did */
    bool live;                     /* a live probe (serial, audio, OSC, stdin, sim) */
    bool had_signal;               /* the probe has delivered at least one good frame */
    bool lost_notice;              /* the signal went away after it had been there */
    double back_notice_s;          /* seconds left of the "signal back" note */
    unsigned lost_count;           /* times the signal went away in this level */
    int64_t started_at;            /* wall-clock time the level began (time_t) */
    bool recorded;                 /* the session went to the history */
    ebb_strain strain;             /* "lift, don't push" watch */
    bool strain_hint;              /* ... and whether its hint shows */
    bool paused;
    int pause_sel;
    double played_s;               /* real time in play, for the controls hint */
    unsigned frames_shown;         /* frames drawn since the level was loaded */
    ebb_guide guide;               /* audio guidance: ticks, chimes, pacer (audio.h, guide.h) */
} ebb_play_state;

/* What a menu line is. Items are grouped (a heading over each group): today's plan first,
 * then the levels by kind, then settings and help. */
typedef enum ebb_menu_item_type {
    EBB_MENU_ITEM_NOTE = 0,   /* a therapist's note (not selectable to play) */
    EBB_MENU_ITEM_PLAN,       /* an entry of today's plan (index into plan entries) */
    EBB_MENU_ITEM_LEVEL,      /* a built-in level (index into the catalogue) */
    EBB_MENU_ITEM_SETTINGS,
    EBB_MENU_ITEM_HELP
} ebb_menu_item_type;

#define EBB_MENU_GROUP_PLAN 100
#define EBB_MENU_GROUP_MORE 200

typedef struct ebb_menu_item {
    ebb_menu_item_type type;
    int group;                  /* ebb_level_kind, or EBB_MENU_GROUP_* */
    int index;
} ebb_menu_item;

struct ebb_pack_today;

typedef struct ebb_menu_state {
    int selected;               /* item index */
    float scroll;
    ebb_menu_item items[EBB_MENU_ROWS_MAX];
    size_t item_count;
    ebb_menu_row rows[EBB_MENU_ROWS_MAX];
    size_t row_count;
    struct ebb_pack_today *today; /* the active pack's plan, or NULL */
} ebb_menu_state;

typedef struct ebb_results_state {
    double shown_s;
} ebb_results_state;

typedef struct ebb_settings_state {
    int selected;
    char saved_note[360];       /* "Saved" or why it could not be */
} ebb_settings_state;

/* The calibration scene (scene_calibrate.c): rest and three squeezes with a live probe. */
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

typedef struct ebb_app {
    const ebb_app_options *opts;
    ebb_settings settings;
    ebb_settings_state settings_ui;
    ebb_scene_id back_to;          /* where Escape goes from help (menu or welcome) */
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
    ebb_calib_scene calib;
    struct ebb_testhook *testhook; /* EBB_TEST_EVENTS: scripted events and a scene trace */
} ebb_app;

/* app.c */
void ebb_app_switch(ebb_app *app, ebb_scene_id scene);
void ebb_app_draw_background(ebb_app *app);
bool ebb_app_load_catalog(ebb_app *app);

/* scene_menu.c */
void ebb_menu_enter(ebb_app *app);
void ebb_menu_event(ebb_app *app, const SDL_Event *ev);
void ebb_menu_draw(ebb_app *app);

/* scene_menu_plan.c: today's plan of the active pack. */
void ebb_plan_load(ebb_app *app);
void ebb_plan_free(ebb_app *app);
/* The pack's version of a level (built in or embedded, with the pack's overrides). */
bool ebb_plan_level(ebb_app *app, const char *level_id, ebb_level *out, ebb_diags *diags);
/* Appends the plan's notes and entries to the menu items. */
void ebb_plan_items(ebb_app *app);
/* The heading of the plan group, and one plan card or note. */
const char *ebb_plan_heading(ebb_app *app, char *buf, size_t size);
void ebb_plan_draw_card(ebb_app *app, const ebb_menu_item *item, ebb_frect r, bool selected);
/* The plan entry's level id, or NULL when it cannot be played now (locked). */
const char *ebb_plan_playable(ebb_app *app, int entry);

/* scene_play.c. ebb_play_begin returns 0, or 2 when the level or probe is bad (diagnostics
 * printed to stderr). */
int ebb_play_begin(ebb_app *app, const char *level_spec, const char *probe_spec);
/* The same for a level of the active pack's plan (with the therapist's overrides). */
int ebb_play_begin_pack(ebb_app *app, const char *level_id, const char *probe_spec);
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

/* scene_info.c: the first-run welcome (with the safety note) and help. */
void ebb_welcome_event(ebb_app *app, const SDL_Event *ev);
void ebb_welcome_draw(ebb_app *app);
void ebb_help_event(ebb_app *app, const SDL_Event *ev);
void ebb_help_draw(ebb_app *app);

/* scene_calibrate.c. ebb_calibrate_enter opens the probe `spec` and shows the intro; when
 * level_spec is non-NULL that level (or pack level) plays after a saved calibration. */
void ebb_calibrate_enter(ebb_app *app, const char *spec, const char *level_spec,
                         const char *pack_level, ebb_scene_id back);
void ebb_calibrate_leave(ebb_app *app);
void ebb_calibrate_event(ebb_app *app, const SDL_Event *ev);
void ebb_calibrate_update(ebb_app *app, double dt_ms);
/* Runs the calibration to ms of its time at once (screenshots). */
void ebb_calibrate_advance_to(ebb_app *app, uint32_t ms);
void ebb_calibrate_draw(ebb_app *app);
/* True when spec is a live probe with no stored calibration (then it is offered first). */
bool ebb_calibrate_needed(const char *spec);

/* scene_settings.c */
/* Applies the saved look to the screen: palette, text size (reduced motion is read where
 * things move). Called at start and after every change. */
void ebb_app_apply_settings(ebb_app *app);
/* The text-size setting as a scale of all text: 1, 1.25, 1.5. */
float ebb_app_text_scale(const ebb_app *app);

void ebb_settings_event(ebb_app *app, const SDL_Event *ev);
void ebb_settings_draw(ebb_app *app);
/* Saves the settings; on failure the reason shows on the settings screen and stderr. */
void ebb_app_save_settings(ebb_app *app);

/* gfx/character.c: the characters, drawn by the program. */
typedef struct ebb_character_pose {
    ebb_level_kind kind;
    const char *name;      /* the level's `character` ("balloon", "lantern", "kite"), or "" */
    float cx, cy, radius;  /* centre (where effort puts it) and body radius */
    float effort;          /* shown effort, 0..1 */
    float rising;          /* effort change per second: > 0 swelling, < 0 softening */
    float calm;            /* 0..1: how low and steady rest has been lately (lantern) */
    float hold;            /* 0..1 hold meter while a squeeze is held (kite), < 0 none */
    double t;              /* seconds, for gentle extra motion (fixed with reduced motion) */
    bool motion;           /* extra animation allowed (not with reduced motion) */
} ebb_character_pose;
void ebb_character_draw(ebb_app *app, const ebb_character_pose *pose);

#endif
