/* The play scene (scene_play.c, scene_play_draw.c) and its pause overlay (scene_pause.c):
 * a level ticking through the session, fed by a probe or the manual model. The level stays
 * loaded into the results scene, which shows it; leaving for anywhere else ends it. */
#ifndef EBB_SCENES_PLAY_H
#define EBB_SCENES_PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/clock.h"
#include "core/level.h"
#include "core/manual.h"
#include "core/session.h"
#include "core/strain.h"
#include "io/level_load.h"
#include "io/probe.h"
#include "io/pump.h"
#include "scenes/scene.h"
#include "sound/guide.h"

/* Ticks of past effort kept for the trail (more than the width shows). */
#define EBB_TRAIL_MAX 512
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

/* What the next entry into play starts (staged by ebb_play_request). */
typedef struct ebb_play_next {
    bool staged;
    char spec[EBB_PATH_MAX];
    char probe_spec[EBB_PROBE_SPEC_MAX];
    char pack_level[EBB_LEVEL_ID_MAX + 1]; /* non-empty: the active pack's version of this id */
} ebb_play_next;

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
    ebb_pump pump;                 /* ticks the probe: lost, ended (io/pump.h) */
    ebb_clock clock;               /* turns real time into ticks */
    float alpha;                   /* presentation: how far past the last tick, 0..1 */
    float prev_effort, cur_effort; /* the last two ticks, for smooth presentation */
    float trail[EBB_TRAIL_MAX];    /* effort per tick, ring buffer */
    size_t trail_head, trail_count;
    bool input_ended;              /* the input (recording, stdin) ended before the level did */
    bool live;                     /* a live probe (serial, audio, OSC, stdin, sim) */
    bool lost_notice;              /* the signal went away after it had been there */
    double back_notice_s;          /* seconds left of the "signal back" note */
    int64_t started_at;            /* wall-clock time the level began (time_t) */
    bool recorded;                 /* the session went to the history */
    ebb_strain strain;             /* "lift, don't push" watch */
    bool strain_hint;              /* ... and whether its hint shows */
    bool paused;
    int pause_sel;
    double played_s;               /* real time in play, for the controls hint */
    unsigned frames_shown;         /* frames drawn since the level was loaded */
    ebb_guide guide;               /* audio guidance: ticks, chimes, pacer (audio.h, guide.h) */
    ebb_play_next next;            /* what entering play starts next */
} ebb_play_state;

/* Asks for the play scene with this level (pack_level non-NULL: the active pack's version of
 * that id) and input. It loads when the scene is entered; a level or input that cannot be
 * used leaves the message on stderr and goes back to the menu. */
void ebb_play_request(ebb_app *app, const char *level_spec, const char *pack_level,
                      const char *probe_spec);
/* Loads the level and input now (the command line's level, before the window opens) and
 * returns 0, or 2 when the level or probe is bad (diagnostics printed to stderr). Entering
 * play with nothing staged plays what is loaded. */
int ebb_play_begin(ebb_app *app, const char *level_spec, const char *probe_spec);
/* Ends the level: closes the input, frees the session (nothing if none is loaded). */
void ebb_play_end(ebb_app *app);
/* "Start again": asks for play with the same level and input. */
void ebb_play_restart(ebb_app *app);

/* The scene's row (scenes.c). */
void ebb_play_enter(ebb_app *app);
void ebb_play_event(ebb_app *app, const union SDL_Event *ev);
void ebb_play_update(ebb_app *app, double dt_ms);
void ebb_play_draw(ebb_app *app);
/* The effort the character is drawn at this frame (the freshest tick). */
float ebb_play_character_effort(const ebb_play_state *p);
void ebb_play_leave(ebb_app *app, ebb_scene_id next);
const char *ebb_play_view_now(const ebb_app *app);
void ebb_play_shot(ebb_app *app, const char *view, uint32_t at_ms);

/* Ticks as fast as possible until level time reaches ms, the level ends or the input ends
 * (screenshots). */
void ebb_play_advance_to(ebb_app *app, uint32_t ms);
void ebb_play_set_paused(ebb_app *app, bool paused);
/* The person's input feeds the level now (in play and not paused). */
bool ebb_play_active(const ebb_app *app);

/* scene_pause.c: the overlay drawn over the play screen while paused. */
void ebb_pause_event(ebb_app *app, const union SDL_Event *ev);
void ebb_pause_draw(ebb_app *app);

#endif
