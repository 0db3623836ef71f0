/* Pages of words: the first-run welcome with the safety note, and help (controls, what the
 * levels are for, safety). Enter/A/click moves on; Escape/B always goes back. */
#include <stdio.h>

#include "app/app_state.h"
#include "gfx/draw.h"
#include "scenes/info.h"
#include "scenes/settings_scene.h"

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

/* Height of the lines drawn in font f wrapped at wrap, with gaps between them. */
static float page_height(ebb_app *app, ebb_font f, const char *const *lines, size_t count,
                         float wrap, float gap)
{
    float total = 0.0f;
    for (size_t i = 0; i < count; i++) {
        float lw = 0.0f, lh = 0.0f;
        ebb_text_measure(app->text, f, lines[i], wrap, &lw, &lh);
        total += lh + (i + 1 < count ? gap : 0.0f);
    }
    return total;
}

/* The words fit between the title and the footer hint at any window size and text size:
 * the body font at 70 % of the width, else wider (88 %), else the small font, else the fine
 * one (large text in a small window). */
static void draw_page(ebb_app *app, const char *title, const char *const *lines, size_t count,
                      const char *hint)
{
    float w = (float)app->w, h = (float)app->h;
    float x = w * 0.5f;
    float tw = 0.0f, th = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_TITLE, title, w * 0.9f, &tw, &th);
    ebb_text_draw(app->text, EBB_FONT_TITLE, title, x, h * 0.08f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT, w * 0.9f);
    float hw = 0.0f, hh = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_SMALL, hint, w * 0.9f, &hw, &hh);
    float hint_y = h * 0.955f - hh;
    float top = h * 0.08f + th + h * 0.05f;
    float room = hint_y - h * 0.03f - top;
    static const struct { ebb_font font; float wrap, gap; } tries[] = {
        {EBB_FONT_BODY, 0.70f, 0.6f}, {EBB_FONT_BODY, 0.88f, 0.6f}, {EBB_FONT_SMALL, 0.80f, 0.5f},
        {EBB_FONT_SMALL, 0.92f, 0.5f}, {EBB_FONT_FINE, 0.92f, 0.4f}};
    size_t pick = 0;
    float used = 0.0f;
    for (pick = 0; pick < sizeof tries / sizeof tries[0]; pick++) {
        float g = ebb_text_line_h(app->text, tries[pick].font) * tries[pick].gap;
        used = page_height(app, tries[pick].font, lines, count, w * tries[pick].wrap, g);
        if (used <= room) {
            break;
        }
    }
    if (pick == sizeof tries / sizeof tries[0]) {
        pick--;
    }
    ebb_font f = tries[pick].font;
    float wrap = w * tries[pick].wrap;
    /* At a quarter of the height when there is room, higher when the words need it. */
    float y = h * 0.26f;
    if (y > top + room - used) {
        y = top + room - used;
    }
    if (y < top) {
        y = top;
    }
    float gap = ebb_text_line_h(app->text, f) * tries[pick].gap;
    for (size_t i = 0; i < count; i++) {
        y += ebb_text_draw(app->text, f, lines[i], x, y, EBB_ALIGN_CENTER,
                           i == 0 ? EBB_THEME_TEXT : EBB_THEME_TEXT_SOFT, wrap) + gap;
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL, hint, x, hint_y, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT_SOFT, w * 0.9f);
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

void ebb_info_enter(ebb_app *app)
{
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
}

void ebb_welcome_event(ebb_app *app, const SDL_Event *ev)
{
    if (page_key(ev) != 0) {
        /* Either way the welcome has been seen: it is not shown again. */
        app->settings.welcome_seen = true;
        ebb_app_save_settings(app);
        ebb_app_request(app, EBB_SCENE_MENU);
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
        ebb_app_request(app, EBB_SCENE_MENU);
    }
}

void ebb_help_draw(ebb_app *app)
{
    draw_page(app, "Help and safety", HELP, sizeof HELP / sizeof HELP[0],
              "Esc, Enter or B to go back");
}
