/* Manual input: SDL events (keyboard, gamepad trigger, mouse) to one ebb_manual_input a tick.
 *
 * The keyboard always works: Space squeezes, Up/Down fine-tune (see manual.h). The gamepad's
 * right trigger takes over while it is pressed (or always, with the "gamepad" probe); the
 * mouse's height in the track takes over when the probe is "mouse", or when the person moves
 * the mouse during play while no key is held. Pressing a key hands control back to the
 * keyboard. */
#ifndef EBB_INPUT_H
#define EBB_INPUT_H

#include <SDL.h>
#include <stdbool.h>

#include "gfx/layout.h"
#include "core/manual.h"
#include "io/probe.h"

typedef enum ebb_input_source {
    EBB_INPUT_KEYBOARD = 0,
    EBB_INPUT_GAMEPAD,
    EBB_INPUT_MOUSE
} ebb_input_source;

typedef struct ebb_input {
    bool space, up, down;
    ebb_input_source source;   /* which device drives effort now */
    ebb_probe_kind forced;     /* probe kind given on the command line */
    float mouse_y;             /* renderer pixels */
    float mouse_travel;        /* pixels moved since the keyboard last had control */
    SDL_GameController *pad;
    SDL_JoystickID pad_id;
    float trigger;             /* 0..1 */
} ebb_input;

void ebb_input_init(ebb_input *in, ebb_probe_kind probe_kind);
void ebb_input_close(ebb_input *in);

/* Feeds one event. scale converts window coordinates to renderer pixels (high-DPI). While
 * `playing` is false, mouse motion does not take control. */
void ebb_input_event(ebb_input *in, const SDL_Event *ev, float scale, bool playing);

/* Forgets held keys (on pause, or when the window loses focus). */
void ebb_input_release_keys(ebb_input *in);

/* This tick's input for the manual model. */
ebb_manual_input ebb_input_manual(const ebb_input *in, const ebb_play_layout *l);

/* Keyboard and gamepad events read as list navigation, the same in every menu-like scene:
 * arrows, WASD and the d-pad move; Enter, Space and A accept; Escape and B go back. A held
 * key's repeats move but never accept or go back (one press, one action). Start and Tab are
 * left to the scene (Start means "play" in the menu but "resume" in the pause overlay). */
typedef enum ebb_nav {
    EBB_NAV_NONE = 0,
    EBB_NAV_UP,
    EBB_NAV_DOWN,
    EBB_NAV_LEFT,
    EBB_NAV_RIGHT,
    EBB_NAV_ACCEPT,
    EBB_NAV_BACK,
    EBB_NAV_FIRST,
    EBB_NAV_LAST
} ebb_nav;

ebb_nav ebb_nav_from_event(const SDL_Event *ev);

#endif
