/* Pages of words: the first-run welcome with the safety note, and help (controls, what the
 * levels are for, safety). Enter/A/click moves on; Escape/B always goes back. */
#include <stdio.h>

#include "draw.h"
#include "scene.h"

#define SAFETY_LINES                                                                          \
    "Ebb is a training aid, not a medical device.",                                           \
    "If you can, see a pelvic health physiotherapist: they can check what your floor needs.", \
    "Stop if pain rises, and rest. Practice should never hurt.",                              \
    "If sex is painful, start with relaxation (breathing and lengthening) before strengthening."

static const char *const WELCOME[] = {SAFETY_LINES};

static const char *const HELP[] = {
    "Controls: arrows or W/S to choose, Enter to start, Escape to go back. With a gamepad: "
    "d-pad, A to choose, B to go back, the right trigger to squeeze. The mouse works too.",
    "In a level, hold Space to squeeze (Up and Down fine-tune) and let go to relax. Esc pauses.",
    "Breathing levels pace slow, low breaths. Lengthening levels teach the floor to let go and "
    "rest low and steady. Strengthening levels practise squeezes, holds and quick flicks.",
    "With eyes-closed mode (Settings) a soft tone follows your effort and the breathing pace "
    "is played in sound, so you can practise without looking.",
    SAFETY_LINES};

static void draw_page(ebb_app *app, const char *title, const char *const *lines, size_t count,
                      const char *hint)
{
    float w = (float)app->w, h = (float)app->h;
    float x = w * 0.5f, wrap = w * 0.70f;
    ebb_text_draw(app->text, EBB_FONT_TITLE, title, x, h * 0.08f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT, wrap);
    float y = h * 0.26f;
    float gap = ebb_text_line_h(app->text, EBB_FONT_BODY) * 0.6f;
    for (size_t i = 0; i < count; i++) {
        y += ebb_text_draw(app->text, EBB_FONT_BODY, lines[i], x, y, EBB_ALIGN_CENTER,
                           i == 0 ? EBB_THEME_TEXT : EBB_THEME_TEXT_SOFT, wrap) + gap;
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL, hint, x, h * 0.88f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT_SOFT, wrap);
}

/* Enter, Space, A, Start or a click: go on. Escape or B: go back. 0 = neither. */
static int page_key(const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        SDL_Keycode k = ev->key.keysym.sym;
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE) {
            return 1;
        }
        if (k == SDLK_ESCAPE) {
            return -1;
        }
    } else if (ev->type == SDL_CONTROLLERBUTTONDOWN) {
        if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_A ||
            ev->cbutton.button == SDL_CONTROLLER_BUTTON_START) {
            return 1;
        }
        if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_B ||
            ev->cbutton.button == SDL_CONTROLLER_BUTTON_BACK) {
            return -1;
        }
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        return 1;
    }
    return 0;
}

void ebb_welcome_event(ebb_app *app, const SDL_Event *ev)
{
    if (page_key(ev) != 0) {
        /* Either way the welcome has been seen: it is not shown again. */
        app->settings.welcome_seen = true;
        ebb_app_save_settings(app);
        ebb_app_switch(app, EBB_SCENE_MENU);
    }
}

void ebb_welcome_draw(ebb_app *app)
{
    draw_page(app, "Welcome to Ebb", WELCOME, sizeof WELCOME / sizeof WELCOME[0],
              "Enter (or A, or a click) to begin  \xc2\xb7  Help is in the menu any time");
}

void ebb_help_event(ebb_app *app, const SDL_Event *ev)
{
    if (page_key(ev) != 0) {
        ebb_app_switch(app, EBB_SCENE_MENU);
    }
}

void ebb_help_draw(ebb_app *app)
{
    draw_page(app, "Help and safety", HELP, sizeof HELP / sizeof HELP[0],
              "Esc, Enter or B to go back");
}
