/* Pages of words: the first-run welcome with the safety note, and help (controls, what the
 * levels are for, safety). Enter/A/click moves on; Escape/B always goes back. */
#include <stdio.h>

#include "app/app_state.h"
#include "gfx/draw.h"
#include "scenes/info.h"
#include "scenes/menu.h"
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
    app->welcome.choice = EBB_WELCOME_CHOICES - 1; /* "I don't know": the gentlest start */
}

/* The three starting points, in the order shown, and what each keeps in the settings. */
static const char *const CHOICES[EBB_WELCOME_CHOICES] = {
    "I want to relax my pelvic floor (painful sex, tension)",
    "I want to strengthen it (leaks)",
    "I don't know"};
static const ebb_starting_point CHOICE_POINT[EBB_WELCOME_CHOICES] = {
    EBB_START_RELAX, EBB_START_STRENGTHEN, EBB_START_UNSURE};

/* Either way the welcome has been seen: it is not shown again. With a choice, the starter
 * program for it begins (unless a therapist's pack is already in force). */
static void welcome_done(ebb_app *app, int choice)
{
    app->settings.welcome_seen = true;
    if (choice >= 0) {
        app->settings.starting_point = CHOICE_POINT[choice];
        ebb_plan_start(app, app->settings.starting_point);
    }
    ebb_app_save_settings(app);
    ebb_app_request(app, EBB_SCENE_MENU);
}

static int welcome_hit(const ebb_app *app, float x, float y)
{
    for (int i = 0; i < EBB_WELCOME_CHOICES; i++) {
        const ebb_frect *r = &app->welcome.rects[i];
        if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h) {
            return i;
        }
    }
    return -1;
}

void ebb_welcome_event(ebb_app *app, const SDL_Event *ev)
{
    ebb_welcome_state *w = &app->welcome;
    int move = 0;
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        SDL_Keycode k = ev->key.keysym.sym;
        if (k == SDLK_UP || k == SDLK_w) {
            move = -1;
        } else if (k == SDLK_DOWN || k == SDLK_s) {
            move = 1;
        } else if (k >= SDLK_1 && k < SDLK_1 + EBB_WELCOME_CHOICES) {
            welcome_done(app, (int)(k - SDLK_1));
            return;
        }
    } else if (ev->type == SDL_CONTROLLERBUTTONDOWN) {
        if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_UP) {
            move = -1;
        } else if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_DOWN) {
            move = 1;
        }
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        int i = welcome_hit(app, (float)ev->button.x * app->mouse_scale,
                            (float)ev->button.y * app->mouse_scale);
        if (i >= 0) {
            welcome_done(app, i);
        }
        return;
    }
    if (move != 0) {
        w->choice = (w->choice + move + EBB_WELCOME_CHOICES) % EBB_WELCOME_CHOICES;
        return;
    }
    int key = page_key(ev);
    if (key > 0) {
        welcome_done(app, w->choice);
    } else if (key < 0) {
        welcome_done(app, -1); /* not now: no starter program, the levels are all there */
    }
}

/* The safety note, then the question and its three answers as cards; the words shrink
 * (body, small, fine) until everything fits above the hint. */
void ebb_welcome_draw(ebb_app *app)
{
    float w = (float)app->w, h = (float)app->h, x = w * 0.5f;
    const char *hint = "Up or Down to choose  \xc2\xb7  Enter or A to begin  \xc2\xb7  Esc: not now";
    float tw = 0.0f, th = 0.0f, hw = 0.0f, hh = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_TITLE, "Welcome to Ebb", w * 0.9f, &tw, &th);
    ebb_text_measure(app->text, EBB_FONT_SMALL, hint, w * 0.9f, &hw, &hh);
    float top = h * 0.08f + th + h * 0.03f, hint_y = h * 0.955f - hh;
    float room = hint_y - h * 0.03f - top;
    static const ebb_font fonts[] = {EBB_FONT_BODY, EBB_FONT_SMALL, EBB_FONT_FINE};
    ebb_font f = EBB_FONT_FINE;
    float wrap = w * 0.86f, gap = 0.0f, card_h = 0.0f, used = 0.0f;
    for (size_t k = 0; k < sizeof fonts / sizeof fonts[0]; k++) {
        f = fonts[k];
        gap = ebb_text_line_h(app->text, f) * 0.35f;
        card_h = ebb_text_line_h(app->text, f) * 1.7f;
        used = page_height(app, f, WELCOME, sizeof WELCOME / sizeof WELCOME[0], wrap, gap) +
               ebb_text_line_h(app->text, f) * 2.0f + card_h * 1.15f * EBB_WELCOME_CHOICES;
        float cw = 0.0f, ch = 0.0f;
        ebb_text_measure(app->text, f, CHOICES[0], 0.0f, &cw, &ch); /* the longest answer */
        if (used <= room && cw <= w * 0.70f) {
            break;
        }
    }
    ebb_text_draw(app->text, EBB_FONT_TITLE, "Welcome to Ebb", x, h * 0.08f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT, w * 0.9f);
    /* At a quarter of the height when there is room (as the other pages), higher when the
     * words need it. */
    float y = h * 0.26f;
    if (y > top + room - used) {
        y = top + room - used;
    }
    if (y < top) {
        y = top;
    }
    for (size_t i = 0; i < sizeof WELCOME / sizeof WELCOME[0]; i++) {
        y += ebb_text_draw(app->text, f, WELCOME[i], x, y, EBB_ALIGN_CENTER,
                           i == 0 ? EBB_THEME_TEXT : EBB_THEME_TEXT_SOFT, wrap) + gap;
    }
    y += gap;
    y += ebb_text_draw(app->text, f, "Where would you like to start?", x, y, EBB_ALIGN_CENTER,
                       EBB_THEME_TEXT, wrap) + gap * 1.5f;
    for (int i = 0; i < EBB_WELCOME_CHOICES; i++) {
        bool sel = i == app->welcome.choice;
        ebb_frect r = {w * 0.12f, y, w * 0.76f, card_h};
        app->welcome.rects[i] = r;
        ebb_draw_round_rect(app->renderer, r, card_h * 0.22f,
                            sel ? EBB_THEME_PANEL_HI : EBB_THEME_PANEL);
        if (sel) {
            ebb_draw_circle(app->renderer, r.x + card_h * 0.45f, r.y + card_h * 0.5f,
                            card_h * 0.12f, EBB_THEME_ACCENT);
        }
        ebb_text_draw_mid(app->text, f, CHOICES[i], x, r.y, r.h, EBB_ALIGN_CENTER,
                          sel ? EBB_THEME_TEXT : EBB_THEME_TEXT_SOFT);
        y += card_h * 1.15f;
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL, hint, x, hint_y, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT_SOFT, w * 0.9f);
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
