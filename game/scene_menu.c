/* The menu: built-in levels grouped by kind; Up/Down + Enter, the mouse, or a gamepad. */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "scene.h"

static const char *kind_heading(int kind)
{
    switch (kind) {
    case EBB_LEVEL_BREATHING:
        return "Breathing";
    case EBB_LEVEL_LENGTHENING:
        return "Lengthening \xc2\xb7 letting go";
    case EBB_LEVEL_STRENGTHENING:
        return "Strengthening";
    case EBB_LEVEL_ASSESSMENT:
        return "Check-in";
    default:
        return "Other";
    }
}

static size_t level_count(const ebb_app *app)
{
    return app->catalog_loaded ? app->catalog.count : 0;
}

static void build_rows(ebb_app *app, const ebb_menu_layout *m)
{
    static int kinds[EBB_MENU_ROWS_MAX];
    size_t n = level_count(app);
    if (n > EBB_MENU_ROWS_MAX / 2) {
        n = EBB_MENU_ROWS_MAX / 2;
    }
    for (size_t i = 0; i < n; i++) {
        kinds[i] = (int)app->catalog.entries[i].level.kind;
    }
    app->menu.row_count = ebb_layout_menu_rows(m, kinds, n, app->menu.selected, &app->menu.scroll,
                                               app->menu.rows, EBB_MENU_ROWS_MAX);
}

void ebb_menu_enter(ebb_app *app)
{
    ebb_app_load_catalog(app);
    size_t n = level_count(app);
    if (app->menu.selected < 0 || (size_t)app->menu.selected >= n) {
        app->menu.selected = 0;
    }
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
    app->scene = EBB_SCENE_MENU;
}

static void start_selected(ebb_app *app)
{
    size_t n = level_count(app);
    if (n == 0 || app->menu.selected < 0 || (size_t)app->menu.selected >= n) {
        return;
    }
    const ebb_catalog_entry *e = &app->catalog.entries[app->menu.selected];
    if (ebb_play_begin(app, e->path, app->opts->probe_spec) != 0) {
        /* The message is on stderr; stay on the menu. */
        ebb_menu_enter(app);
    }
}

static void move(ebb_app *app, int delta)
{
    int n = (int)level_count(app);
    int s = app->menu.selected + delta;
    if (s < 0) {
        s = 0;
    }
    if (s >= n) {
        s = n - 1;
    }
    app->menu.selected = s < 0 ? 0 : s;
}

static int hit(ebb_app *app, int x, int y)
{
    ebb_menu_layout m;
    ebb_layout_menu(&m, app->w, app->h);
    return ebb_layout_menu_hit(&m, app->menu.rows, app->menu.row_count,
                               (float)x * app->mouse_scale, (float)y * app->mouse_scale);
}

void ebb_menu_event(ebb_app *app, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_KEYDOWN:
        switch (ev->key.keysym.sym) {
        case SDLK_UP:
        case SDLK_w:
            move(app, -1);
            break;
        case SDLK_DOWN:
        case SDLK_s:
            move(app, 1);
            break;
        case SDLK_HOME:
            app->menu.selected = 0;
            break;
        case SDLK_END:
            move(app, (int)level_count(app));
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            if (!ev->key.repeat) {
                start_selected(app);
            }
            break;
        case SDLK_ESCAPE:
            if (!ev->key.repeat) {
                app->quit = true;
            }
            break;
        default:
            break;
        }
        break;
    case SDL_CONTROLLERBUTTONDOWN:
        if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_UP) {
            move(app, -1);
        } else if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_DOWN) {
            move(app, 1);
        } else if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_A ||
                   ev->cbutton.button == SDL_CONTROLLER_BUTTON_START) {
            start_selected(app);
        }
        break;
    case SDL_MOUSEMOTION: {
        int h = hit(app, ev->motion.x, ev->motion.y);
        if (h >= 0) {
            app->menu.selected = h;
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_LEFT) {
            int h = hit(app, ev->button.x, ev->button.y);
            if (h >= 0) {
                app->menu.selected = h;
                start_selected(app);
            }
        }
        break;
    case SDL_MOUSEWHEEL:
        move(app, ev->wheel.y > 0 ? -1 : (ev->wheel.y < 0 ? 1 : 0));
        break;
    default:
        break;
    }
}

static void draw_card(ebb_app *app, const ebb_menu_layout *m, const ebb_menu_row *row)
{
    const ebb_catalog_entry *e = &app->catalog.entries[row->entry];
    bool sel = row->entry == app->menu.selected;
    ebb_frect r = row->rect;
    float rad = r.h * 0.22f;
    ebb_draw_round_rect(app->renderer, r, rad, sel ? EBB_THEME_PANEL_HI : EBB_THEME_PANEL);
    ebb_rgba kc = ebb_theme_character(e->level.kind);
    if (sel) {
        ebb_frect bar = {r.x + r.h * 0.10f, r.y + r.h * 0.22f, r.h * 0.05f, r.h * 0.56f};
        ebb_draw_round_rect(app->renderer, bar, bar.w * 0.5f, kc);
    }
    /* A small version of the level's character. */
    float cr = r.h * 0.20f;
    float cx = r.x + r.h * 0.55f, cy = r.y + r.h * 0.5f;
    ebb_draw_ring(app->renderer, cx, cy, cr * 0.9f, cr * 1.8f,
                  ebb_theme_alpha(kc, sel ? 0.30f : 0.12f), ebb_theme_alpha(kc, 0.0f));
    ebb_draw_circle(app->renderer, cx, cy, cr, sel ? kc : ebb_theme_alpha(kc, 0.7f));
    float tx = r.x + r.h * 1.05f;
    float line_t = ebb_text_line_h(app->text, EBB_FONT_LABEL);
    float line_d = ebb_text_line_h(app->text, EBB_FONT_BODY);
    float top = r.y + (r.h - line_t - line_d * 1.05f) * 0.5f;
    ebb_text_draw(app->text, EBB_FONT_LABEL, e->level.title, tx, top, EBB_ALIGN_LEFT,
                  sel ? EBB_THEME_TEXT : (ebb_rgba){220, 220, 214, 255}, 0.0f);
    float right = r.x + r.w - r.h * 0.3f;
    ebb_text_draw_fit(app->text, EBB_FONT_BODY, e->level.description, tx, top + line_t * 1.05f,
                      right - tx, EBB_THEME_TEXT_SOFT);
    unsigned secs = (e->level.total_ms + 500u) / 1000u;
    char dur[32];
    if (secs >= 90u) {
        snprintf(dur, sizeof dur, "%u min", (secs + 30u) / 60u);
    } else {
        snprintf(dur, sizeof dur, "%u s", secs);
    }
    ebb_text_draw_mid(app->text, EBB_FONT_SMALL, dur, right, top, line_t, EBB_ALIGN_RIGHT,
                      EBB_THEME_TEXT_FAINT);
    (void)m;
}

void ebb_menu_draw(ebb_app *app)
{
    ebb_menu_layout m;
    ebb_layout_menu(&m, app->w, app->h);
    ebb_text_draw_mid(app->text, EBB_FONT_TITLE, "Ebb", m.title.x, m.title.y, m.title.h,
                      EBB_ALIGN_LEFT, EBB_THEME_TEXT);
    ebb_text_draw_mid(app->text, EBB_FONT_BODY,
                      "Gentle practice for breathing and the pelvic floor. Choose a level.",
                      m.subtitle.x, m.subtitle.y, m.subtitle.h, EBB_ALIGN_LEFT,
                      EBB_THEME_TEXT_SOFT);
    build_rows(app, &m);
    if (app->menu.row_count == 0) {
        ebb_text_draw(app->text, EBB_FONT_BODY,
                      "No levels found. Set EBB_LEVELS_DIR to Ebb's levels/ folder.", m.list.x,
                      m.list.y, EBB_ALIGN_LEFT, EBB_THEME_TEXT_SOFT, m.list.w);
    }
    SDL_Rect clip = {(int)m.list.x - 4, (int)m.list.y - 4, (int)m.list.w + 8, (int)m.list.h + 8};
    SDL_RenderSetClipRect(app->renderer, &clip);
    for (size_t i = 0; i < app->menu.row_count; i++) {
        const ebb_menu_row *row = &app->menu.rows[i];
        if (row->rect.y > m.list.y + m.list.h || row->rect.y + row->rect.h < m.list.y) {
            continue;
        }
        if (row->header) {
            ebb_text_draw_mid(app->text, EBB_FONT_SMALL, kind_heading(row->kind), row->rect.x +
                              row->rect.h * 0.1f, row->rect.y, row->rect.h, EBB_ALIGN_LEFT,
                              ebb_theme_character((ebb_level_kind)row->kind));
        } else {
            draw_card(app, &m, row);
        }
    }
    SDL_RenderSetClipRect(app->renderer, NULL);
    ebb_text_draw_mid(app->text, EBB_FONT_SMALL,
                      "\xe2\x86\x91 \xe2\x86\x93 to choose  \xc2\xb7  Enter to start  \xc2\xb7  "
                      "Esc to quit  \xc2\xb7  F11 full screen",
                      m.hint.x, m.hint.y, m.hint.h, EBB_ALIGN_LEFT, EBB_THEME_TEXT_SOFT);
    const char *footer = "Ebb is a training aid, not a medical device.";
    ebb_text_draw_mid(app->text, EBB_FONT_SMALL, footer, m.footer.x, m.footer.y, m.footer.h,
                      EBB_ALIGN_LEFT, EBB_THEME_TEXT_FAINT);
    if (app->no_sound) {
        ebb_text_draw_mid(app->text, EBB_FONT_SMALL, "No sound device \xe2\x80\x94 captions only",
                          m.footer.x + m.footer.w, m.footer.y, m.footer.h, EBB_ALIGN_RIGHT,
                          EBB_THEME_TEXT_FAINT);
    }
}
