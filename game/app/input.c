#include "app/input.h"

#include <math.h>

/* Mouse travel (pixels) that counts as "the person is using the mouse", so that brushing it
 * does not take control away from the keyboard. */
#define MOUSE_TAKEOVER_PX 24.0f
#define TRIGGER_TAKEOVER 0.06f

void ebb_input_init(ebb_input *in, ebb_probe_kind probe_kind)
{
    SDL_GameController *pad = in->pad;
    SDL_JoystickID pad_id = in->pad_id;
    float mouse_y = in->mouse_y;
    *in = (ebb_input){0};
    in->pad = pad;
    in->pad_id = pad_id;
    in->mouse_y = mouse_y;
    in->forced = probe_kind;
    if (probe_kind == EBB_PROBE_KIND_MOUSE) {
        in->source = EBB_INPUT_MOUSE;
    } else if (probe_kind == EBB_PROBE_KIND_GAMEPAD) {
        in->source = EBB_INPUT_GAMEPAD;
    } else {
        in->source = EBB_INPUT_KEYBOARD;
    }
}

void ebb_input_close(ebb_input *in)
{
    if (in->pad) {
        SDL_GameControllerClose(in->pad);
        in->pad = NULL;
    }
}

static void keyboard_takes_over(ebb_input *in)
{
    if (in->forced != EBB_PROBE_KIND_MOUSE && in->forced != EBB_PROBE_KIND_GAMEPAD) {
        in->source = EBB_INPUT_KEYBOARD;
    }
    in->mouse_travel = 0.0f;
}

static void set_key(ebb_input *in, SDL_Keycode key, bool down)
{
    switch (key) {
    case SDLK_SPACE:
        in->space = down;
        break;
    case SDLK_UP:
        in->up = down;
        break;
    case SDLK_DOWN:
        in->down = down;
        break;
    default:
        return;
    }
    if (down) {
        keyboard_takes_over(in);
    }
}

void ebb_input_event(ebb_input *in, const SDL_Event *ev, float scale, bool playing)
{
    switch (ev->type) {
    case SDL_KEYDOWN:
        if (!ev->key.repeat) {
            set_key(in, ev->key.keysym.sym, true);
        }
        break;
    case SDL_KEYUP:
        set_key(in, ev->key.keysym.sym, false);
        break;
    case SDL_MOUSEMOTION:
        in->mouse_y = (float)ev->motion.y * scale;
        if (playing && in->source == EBB_INPUT_KEYBOARD && !in->space && !in->up && !in->down) {
            in->mouse_travel += fabsf((float)ev->motion.xrel) + fabsf((float)ev->motion.yrel);
            if (in->mouse_travel * scale >= MOUSE_TAKEOVER_PX) {
                in->source = EBB_INPUT_MOUSE;
            }
        }
        break;
    case SDL_CONTROLLERDEVICEADDED:
        if (!in->pad && SDL_IsGameController(ev->cdevice.which)) {
            in->pad = SDL_GameControllerOpen(ev->cdevice.which);
            if (in->pad) {
                in->pad_id = SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(in->pad));
            }
        }
        break;
    case SDL_CONTROLLERDEVICEREMOVED:
        if (in->pad && ev->cdevice.which == in->pad_id) {
            SDL_GameControllerClose(in->pad);
            in->pad = NULL;
            in->trigger = 0.0f;
            if (in->source == EBB_INPUT_GAMEPAD) {
                in->source = EBB_INPUT_KEYBOARD;
            }
        }
        break;
    case SDL_CONTROLLERAXISMOTION:
        if (in->pad && ev->caxis.which == in->pad_id &&
            ev->caxis.axis == SDL_CONTROLLER_AXIS_TRIGGERRIGHT) {
            float v = (float)ev->caxis.value / 32767.0f;
            in->trigger = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
            if (in->trigger > TRIGGER_TAKEOVER) {
                in->source = EBB_INPUT_GAMEPAD;
            }
        }
        break;
    default:
        break;
    }
}

void ebb_input_release_keys(ebb_input *in)
{
    in->space = in->up = in->down = false;
}

ebb_manual_input ebb_input_manual(const ebb_input *in, const ebb_play_layout *l)
{
    ebb_manual_input m = {0};
    switch (in->source) {
    case EBB_INPUT_GAMEPAD:
        m.analog_active = true;
        m.analog = in->trigger;
        break;
    case EBB_INPUT_MOUSE:
        m.analog_active = true;
        m.analog = ebb_layout_y_effort(l, in->mouse_y);
        break;
    case EBB_INPUT_KEYBOARD:
    default:
        m.squeeze = in->space;
        m.up = in->up;
        m.down = in->down;
        break;
    }
    return m;
}

static ebb_nav nav_from_key(const SDL_KeyboardEvent *k)
{
    switch (k->keysym.sym) {
    case SDLK_UP:
    case SDLK_w:
        return EBB_NAV_UP;
    case SDLK_DOWN:
    case SDLK_s:
        return EBB_NAV_DOWN;
    case SDLK_LEFT:
    case SDLK_a:
        return EBB_NAV_LEFT;
    case SDLK_RIGHT:
    case SDLK_d:
        return EBB_NAV_RIGHT;
    case SDLK_HOME:
        return EBB_NAV_FIRST;
    case SDLK_END:
        return EBB_NAV_LAST;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        return k->repeat ? EBB_NAV_NONE : EBB_NAV_ACCEPT;
    case SDLK_ESCAPE:
        return k->repeat ? EBB_NAV_NONE : EBB_NAV_BACK;
    default:
        return EBB_NAV_NONE;
    }
}

ebb_nav ebb_nav_from_event(const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN) {
        return nav_from_key(&ev->key);
    }
    if (ev->type != SDL_CONTROLLERBUTTONDOWN) {
        return EBB_NAV_NONE;
    }
    switch (ev->cbutton.button) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP:
        return EBB_NAV_UP;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
        return EBB_NAV_DOWN;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
        return EBB_NAV_LEFT;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
        return EBB_NAV_RIGHT;
    case SDL_CONTROLLER_BUTTON_A:
        return EBB_NAV_ACCEPT;
    case SDL_CONTROLLER_BUTTON_B:
        return EBB_NAV_BACK;
    default:
        return EBB_NAV_NONE;
    }
}
