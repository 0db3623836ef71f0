/* The menu: today's plan of the active pack (scene_menu_plan.c), the built-in levels grouped
 * by kind, then settings and help; Up/Down + Enter, the mouse, or a gamepad. */
#include <stdio.h>
#include <string.h>

#include "app/app_state.h"
#include "gfx/draw.h"
#include "scenes/calibrate.h"
#include "scenes/menu.h"
#include "scenes/play.h"

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

static void add_item(ebb_app *app, ebb_menu_item_type type, int group, int index)
{
    ebb_menu_state *m = &app->menu;
    if (m->item_count < EBB_MENU_ROWS_MAX / 2) {
        m->items[m->item_count++] = (ebb_menu_item){type, group, index};
    }
}

/* Today's plan (when a pack is active), the levels by kind, then settings and help. */
static void build_items(ebb_app *app)
{
    app->menu.item_count = 0;
    ebb_plan_items(app);
    size_t n = level_count(app);
    for (size_t i = 0; i < n; i++) {
        add_item(app, EBB_MENU_ITEM_LEVEL, (int)app->catalog.entries[i].level.kind, (int)i);
    }
    add_item(app, EBB_MENU_ITEM_PROGRESS, EBB_MENU_GROUP_MORE, 0);
    add_item(app, EBB_MENU_ITEM_SETTINGS, EBB_MENU_GROUP_MORE, 0);
    add_item(app, EBB_MENU_ITEM_HELP, EBB_MENU_GROUP_MORE, 0);
}

static bool selectable(const ebb_menu_item *it)
{
    return it->type != EBB_MENU_ITEM_NOTE && it->type != EBB_MENU_ITEM_WEEK &&
           it->type != EBB_MENU_ITEM_ADVICE;
}

static void build_rows(ebb_app *app, const ebb_menu_layout *m)
{
    static int groups[EBB_MENU_ROWS_MAX];
    size_t n = app->menu.item_count;
    for (size_t i = 0; i < n; i++) {
        groups[i] = app->menu.items[i].group;
    }
    app->menu.row_count = ebb_layout_menu_rows(m, groups, n, app->menu.selected, &app->menu.scroll,
                                               app->menu.rows, EBB_MENU_ROWS_MAX);
}

static void move(ebb_app *app, int delta)
{
    int n = (int)app->menu.item_count;
    int s = app->menu.selected;
    int step = delta < 0 ? -1 : 1;
    for (int k = delta < 0 ? -delta : delta; k > 0; k--) {
        int t = s + step;
        while (t >= 0 && t < n && !selectable(&app->menu.items[t])) {
            t += step;
        }
        if (t < 0 || t >= n) {
            break;
        }
        s = t;
    }
    app->menu.selected = s;
}

void ebb_menu_enter(ebb_app *app)
{
    ebb_app_load_catalog(app);
    ebb_plan_load(app);
    build_items(app);
    int n = (int)app->menu.item_count;
    if (app->menu.selected < 0 || app->menu.selected >= n ||
        !selectable(&app->menu.items[app->menu.selected])) {
        app->menu.selected = -1;
        move(app, 1);
    }
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
}

/* The input for levels started from the menu: the command line's, unless that is the
 * default keyboard and the settings name another device. */
static const char *menu_probe(const ebb_app *app)
{
    const char *cli = app->opts->probe_spec ? app->opts->probe_spec : "keyboard";
    if (strcmp(cli, "keyboard") == 0 && app->settings.probe[0]) {
        return app->settings.probe;
    }
    return cli;
}

static void start_selected(ebb_app *app)
{
    int sel = app->menu.selected;
    if (sel < 0 || (size_t)sel >= app->menu.item_count) {
        return;
    }
    const ebb_menu_item *it = &app->menu.items[sel];
    const char *probe = menu_probe(app);
    /* A level that cannot be played leaves its message on stderr and comes back here (play's
     * enter asks for the menu again). */
    switch (it->type) {
    case EBB_MENU_ITEM_LEVEL:
        if (ebb_calibrate_needed(probe)) {
            /* A probe with no calibration yet: offer it first (the level waits). */
            ebb_calibrate_request(app, probe, app->catalog.entries[it->index].path, NULL,
                                  EBB_SCENE_MENU);
            return;
        }
        ebb_play_request(app, app->catalog.entries[it->index].path, NULL, probe);
        return;
    case EBB_MENU_ITEM_PLAN: {
        const char *id = ebb_plan_playable(app, it->index);
        if (!id) {
            return; /* locked: the card says why */
        }
        if (ebb_calibrate_needed(probe)) {
            ebb_calibrate_request(app, probe, id, id, EBB_SCENE_MENU);
            return;
        }
        ebb_play_request(app, id, id, probe);
        return;
    }
    case EBB_MENU_ITEM_SETTINGS:
        ebb_app_request(app, EBB_SCENE_SETTINGS);
        return;
    case EBB_MENU_ITEM_HELP:
        ebb_app_request(app, EBB_SCENE_HELP);
        return;
    case EBB_MENU_ITEM_PROGRESS:
        ebb_app_request(app, EBB_SCENE_PROGRESS);
        return;
    case EBB_MENU_ITEM_NOTE:
    case EBB_MENU_ITEM_WEEK:
    case EBB_MENU_ITEM_ADVICE:
    default:
        return;
    }
}

static int hit(ebb_app *app, int x, int y)
{
    ebb_menu_layout m;
    ebb_layout_menu_scaled(&m, app->w, app->h, ebb_app_text_scale(app));
    int h = ebb_layout_menu_hit(&m, app->menu.rows, app->menu.row_count,
                                (float)x * app->mouse_scale, (float)y * app->mouse_scale);
    return h >= 0 && (size_t)h < app->menu.item_count && selectable(&app->menu.items[h]) ? h : -1;
}

void ebb_menu_event(ebb_app *app, const SDL_Event *ev)
{
    const bool start = ev->type == SDL_CONTROLLERBUTTONDOWN &&
                       ev->cbutton.button == SDL_CONTROLLER_BUTTON_START;
    switch (start ? EBB_NAV_ACCEPT : ebb_nav_from_event(ev)) {
    case EBB_NAV_UP:
        move(app, -1);
        return;
    case EBB_NAV_DOWN:
        move(app, 1);
        return;
    case EBB_NAV_FIRST:
        app->menu.selected = -1;
        move(app, 1);
        return;
    case EBB_NAV_LAST:
        move(app, (int)app->menu.item_count);
        return;
    case EBB_NAV_ACCEPT:
        start_selected(app);
        return;
    case EBB_NAV_BACK:
        app->quit = true;
        return;
    default:
        break;
    }
    switch (ev->type) {
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

/* Settings and Help: a plain card with a title and a line. */
static void draw_more_card(ebb_app *app, const ebb_menu_item *it, ebb_frect r, bool sel)
{
    ebb_draw_round_rect(app->renderer, r, r.h * 0.22f, sel ? EBB_THEME_PANEL_HI : EBB_THEME_PANEL);
    bool settings = it->type == EBB_MENU_ITEM_SETTINGS;
    float tx = r.x + r.h * 1.05f;
    float line_t = ebb_text_line_h(app->text, EBB_FONT_LABEL);
    float line_d = ebb_text_line_h(app->text, EBB_FONT_BODY);
    float top = r.y + (r.h - line_t - line_d * 1.05f) * 0.5f;
    ebb_draw_arc(app->renderer, r.x + r.h * 0.55f, r.y + r.h * 0.5f, r.h * 0.16f, r.h * 0.05f,
                 0.0f, 6.2831853f, EBB_THEME_TEXT_SOFT);
    const bool progress = it->type == EBB_MENU_ITEM_PROGRESS;
    ebb_text_draw(app->text, EBB_FONT_LABEL,
                  progress ? "Your progress" : settings ? "Settings" : "Help and safety", tx, top,
                  EBB_ALIGN_LEFT, sel ? EBB_THEME_TEXT : (ebb_rgba){220, 220, 214, 255}, 0.0f);
    ebb_text_draw_fit(app->text, EBB_FONT_BODY,
                      progress   ? "Rest, letting go, holds and stars over the weeks"
                      : settings ? "Sound, eyes-closed mode, colours, text size, motion, probe"
                                 : "Controls, what the levels are for, and staying safe",
                      tx, top + line_t * 1.05f, r.x + r.w - tx, EBB_THEME_TEXT_SOFT);
}

static void draw_card(ebb_app *app, const ebb_menu_layout *m, const ebb_menu_row *row)
{
    const ebb_menu_item *it = &app->menu.items[row->entry];
    bool sel = row->entry == app->menu.selected;
    if (it->type != EBB_MENU_ITEM_LEVEL) {
        if (it->type == EBB_MENU_ITEM_SETTINGS || it->type == EBB_MENU_ITEM_HELP ||
            it->type == EBB_MENU_ITEM_PROGRESS) {
            draw_more_card(app, it, row->rect, sel);
        } else {
            ebb_plan_draw_card(app, it, row->rect, sel);
        }
        return;
    }
    const ebb_catalog_entry *e = &app->catalog.entries[it->index];
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

static const char *selected_safety_note(const ebb_app *app)
{
    const int sel = app->menu.selected;
    if (sel < 0 || (size_t)sel >= app->menu.item_count) {
        return NULL;
    }
    const ebb_menu_item *it = &app->menu.items[sel];
    if (it->type != EBB_MENU_ITEM_LEVEL) {
        return NULL;
    }
    return ebb_level_safety_note(&app->catalog.entries[it->index].level);
}

void ebb_menu_draw(ebb_app *app)
{
    ebb_menu_layout m;
    ebb_layout_menu_scaled(&m, app->w, app->h, ebb_app_text_scale(app));
    ebb_text_draw_mid(app->text, EBB_FONT_TITLE, "Ebb", m.title.x, m.title.y, m.title.h,
                      EBB_ALIGN_LEFT, EBB_THEME_TEXT);
    /* One line, shortened with an ellipsis rather than run off the window (large text). */
    float sub_h = ebb_text_line_h(app->text, EBB_FONT_BODY);
    ebb_text_draw_fit(app->text, EBB_FONT_BODY,
                      app->menu.today ? "Gentle practice for breathing and the pelvic floor. Today's plan is first."
                                      : "Gentle practice for breathing and the pelvic floor. Choose a level.",
                      m.subtitle.x, m.subtitle.y + (m.subtitle.h - sub_h) * 0.5f, m.subtitle.w,
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
            char buf[200];
            const char *head = row->kind == EBB_MENU_GROUP_PLAN ? ebb_plan_heading(app, buf, sizeof buf)
                               : row->kind == EBB_MENU_GROUP_MORE ? "More"
                                                                  : kind_heading(row->kind);
            ebb_rgba hc = row->kind == EBB_MENU_GROUP_PLAN   ? EBB_THEME_ACCENT
                          : row->kind == EBB_MENU_GROUP_MORE ? EBB_THEME_TEXT_SOFT
                                                             : ebb_theme_character((ebb_level_kind)row->kind);
            ebb_text_draw_mid(app->text, EBB_FONT_SMALL, head, row->rect.x + row->rect.h * 0.1f,
                              row->rect.y, row->rect.h, EBB_ALIGN_LEFT, hc);
        } else {
            draw_card(app, &m, row);
        }
    }
    SDL_RenderSetClipRect(app->renderer, NULL);
    /* The selected level's safety note takes the hint line: it matters more right then, and
     * the keys are the same everywhere. */
    const char *note = selected_safety_note(app);
    if (note) {
        const float nh = ebb_text_line_h(app->text, EBB_FONT_SMALL);
        ebb_text_draw_fit(app->text, EBB_FONT_SMALL, note, m.hint.x, m.hint.y + (m.hint.h - nh) * 0.5f,
                          m.hint.w, EBB_THEME_ACCENT);
    } else {
        ebb_text_draw_mid(app->text, EBB_FONT_SMALL,
                          "\xe2\x86\x91 \xe2\x86\x93 to choose  \xc2\xb7  Enter to start  \xc2\xb7  "
                          "Esc to quit  \xc2\xb7  F11 full screen",
                          m.hint.x, m.hint.y, m.hint.h, EBB_ALIGN_LEFT, EBB_THEME_TEXT_SOFT);
    }
    const char *footer = "Ebb is a training aid, not a medical device.";
    ebb_text_draw_mid(app->text, EBB_FONT_SMALL, footer, m.footer.x, m.footer.y, m.footer.h,
                      EBB_ALIGN_LEFT, EBB_THEME_TEXT_FAINT);
    if (app->no_sound) {
        ebb_text_draw_mid(app->text, EBB_FONT_SMALL, "No sound device \xe2\x80\x94 captions only",
                          m.footer.x + m.footer.w, m.footer.y, m.footer.h, EBB_ALIGN_RIGHT,
                          EBB_THEME_TEXT_FAINT);
    }
}
