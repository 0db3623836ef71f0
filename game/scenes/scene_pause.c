/* The pause overlay: the session does not tick while it shows. */
#include "app/app_state.h"
#include "gfx/draw.h"
#include "scenes/play.h"

static const char *const ITEMS[EBB_PAUSE_COUNT] = {"Resume", "Start again", "Back to menu",
                                                   "Quit"};

static void activate(ebb_app *app, int item)
{
    switch (item) {
    case EBB_PAUSE_RESUME:
        ebb_play_set_paused(app, false);
        break;
    case EBB_PAUSE_RESTART:
        ebb_play_restart(app);
        break;
    case EBB_PAUSE_MENU:
        ebb_app_request(app, EBB_SCENE_MENU);
        break;
    case EBB_PAUSE_QUIT:
        app->quit = true;
        break;
    default:
        break;
    }
}

static void move(ebb_app *app, int delta)
{
    int s = app->play.pause_sel + delta;
    if (s < 0) {
        s = 0;
    }
    if (s >= EBB_PAUSE_COUNT) {
        s = EBB_PAUSE_COUNT - 1;
    }
    app->play.pause_sel = s;
}

void ebb_pause_event(ebb_app *app, const SDL_Event *ev)
{
    ebb_pause_layout pl;
    ebb_layout_pause(&pl, app->w, app->h, EBB_PAUSE_COUNT);
    /* Escape, P, B and Start all resume: the same keys that paused. Tab moves like Down. */
    const bool resume = (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_p && !ev->key.repeat) ||
                        (ev->type == SDL_CONTROLLERBUTTONDOWN &&
                         ev->cbutton.button == SDL_CONTROLLER_BUTTON_START);
    const bool tab = ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_TAB;
    switch (resume ? EBB_NAV_BACK : tab ? EBB_NAV_DOWN : ebb_nav_from_event(ev)) {
    case EBB_NAV_UP:
        move(app, -1);
        return;
    case EBB_NAV_DOWN:
        move(app, 1);
        return;
    case EBB_NAV_ACCEPT:
        activate(app, app->play.pause_sel);
        return;
    case EBB_NAV_BACK:
        ebb_play_set_paused(app, false);
        return;
    default:
        break;
    }
    switch (ev->type) {
    case SDL_MOUSEMOTION: {
        int hit = ebb_layout_pause_hit(&pl, (float)ev->motion.x * app->mouse_scale,
                                       (float)ev->motion.y * app->mouse_scale);
        if (hit >= 0) {
            app->play.pause_sel = hit;
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_LEFT) {
            int hit = ebb_layout_pause_hit(&pl, (float)ev->button.x * app->mouse_scale,
                                           (float)ev->button.y * app->mouse_scale);
            if (hit >= 0) {
                activate(app, hit);
            }
        }
        break;
    default:
        break;
    }
}

void ebb_pause_draw(ebb_app *app)
{
    ebb_pause_layout pl;
    ebb_layout_pause(&pl, app->w, app->h, EBB_PAUSE_COUNT);
    /* A plain blended rectangle: a fan of triangles over the whole window left faint seams
     * along its diagonals. */
    ebb_rgba dim = EBB_THEME_DIM;
    SDL_SetRenderDrawColor(app->renderer, dim.r, dim.g, dim.b, dim.a);
    SDL_RenderFillRect(app->renderer, NULL);
    float rad = pl.item[0].h * 0.35f;
    ebb_draw_round_rect(app->renderer, pl.panel, rad * 1.4f, (ebb_rgba){22, 40, 58, 245});
    ebb_font tf = ebb_text_line_h(app->text, EBB_FONT_TITLE) <= pl.title.h ? EBB_FONT_TITLE
                                                                            : EBB_FONT_CAPTION;
    ebb_text_draw_mid(app->text, tf, "Paused", pl.title.x + pl.title.w * 0.5f,
                      pl.title.y, pl.title.h * 0.8f, EBB_ALIGN_CENTER, EBB_THEME_TEXT);
    for (int i = 0; i < pl.items; i++) {
        bool sel = i == app->play.pause_sel;
        ebb_rgba fill = sel ? ebb_theme_alpha(EBB_THEME_ACCENT, 0.22f) : EBB_THEME_PANEL;
        ebb_draw_round_rect(app->renderer, pl.item[i], rad, fill);
        ebb_text_draw_mid(app->text, EBB_FONT_LABEL, ITEMS[i], pl.item[i].x + pl.item[i].w * 0.5f,
                          pl.item[i].y, pl.item[i].h, EBB_ALIGN_CENTER,
                          sel ? EBB_THEME_TEXT : EBB_THEME_TEXT_SOFT);
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL, "Take your time. Esc to resume.",
                  (float)app->w * 0.5f, pl.panel.y + pl.panel.h + (float)app->h * 0.03f,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT_FAINT, 0.0f);
}
