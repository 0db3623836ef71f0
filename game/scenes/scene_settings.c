/* Settings: one row per setting; Up/Down choose, Left/Right (or Enter, A, a click) change,
 * Escape or B goes back. Every change is saved at once (settings_file.c). */
#include <stdio.h>
#include <string.h>

#include "app/app_state.h"
#include "gfx/draw.h"
#include "scenes/calibrate.h"
#include "scenes/settings_scene.h"
#include "settings/settings_file.h"

typedef enum row_id {
    ROW_MASTER = 0,
    ROW_CUE,
    ROW_AMBIENCE,
    ROW_EYES_CLOSED,
    ROW_PALETTE,
    ROW_TEXT_SIZE,
    ROW_MOTION,
    ROW_FULLSCREEN,
    ROW_PROBE,
    ROW_MAINS,
    ROW_CALIBRATE,
    ROW_COUNT
} row_id;

static const char *const LABELS[ROW_COUNT] = {
    "Volume", "Cue volume", "Ambience", "Eyes-closed mode", "Colours",
    "Text size", "Reduced motion", "Full screen", "Input", "Mains frequency (EMG probes)",
    "Calibrate probe"};

/* The Input row offers the probe table's kinds marked for Settings (EBB_PROBE_SETTINGS). */
static size_t settings_probes(const char *names[], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ebb_probe_kind_count() && n < max; i++) {
        const ebb_probe_kind_info *k = ebb_probe_kind_at(i);
        if (k->flags & EBB_PROBE_SETTINGS) {
            names[n++] = k->name;
        }
    }
    return n;
}

void ebb_settings_enter(ebb_app *app)
{
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
}

void ebb_app_save_settings(ebb_app *app)
{
    char err[300];
    if (ebb_settings_save(&app->settings, err, sizeof err)) {
        snprintf(app->settings_ui.saved_note, sizeof app->settings_ui.saved_note, "Saved.");
    } else {
        fprintf(stderr, "ebb: the settings were not saved: %s\n", err);
        snprintf(app->settings_ui.saved_note, sizeof app->settings_ui.saved_note,
                 "Not saved: %s", err);
    }
}

static int clamp_vol(int v)
{
    return v < 0 ? 0 : (v > 100 ? 100 : v);
}

static int cycle(int v, int count, int dir)
{
    if (count <= 0) {
        return 0; /* no choices: nothing to cycle through */
    }
    return ((v + dir) % count + count) % count;
}

static void change(ebb_app *app, int dir)
{
    ebb_settings *s = &app->settings;
    switch ((row_id)app->settings_ui.selected) {
    case ROW_MASTER:
        s->master_volume = clamp_vol(s->master_volume + 10 * dir);
        break;
    case ROW_CUE:
        s->cue_volume = clamp_vol(s->cue_volume + 10 * dir);
        break;
    case ROW_AMBIENCE:
        s->ambience_volume = clamp_vol(s->ambience_volume + 10 * dir);
        break;
    case ROW_EYES_CLOSED:
        s->eyes_closed = !s->eyes_closed;
        break;
    case ROW_PALETTE:
        s->palette = (ebb_palette)cycle((int)s->palette, EBB_PALETTE_COUNT, dir);
        break;
    case ROW_TEXT_SIZE:
        s->text_size = (ebb_text_size)cycle((int)s->text_size, EBB_TEXT_SIZE_COUNT, dir);
        break;
    case ROW_MOTION:
        s->reduced_motion = !s->reduced_motion;
        break;
    case ROW_FULLSCREEN:
        s->fullscreen = !s->fullscreen;
        SDL_SetWindowFullscreen(app->window, s->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        break;
    case ROW_PROBE: {
        const char *probes[EBB_PROBE_KIND_INVALID];
        const size_t count = settings_probes(probes, sizeof probes / sizeof probes[0]);
        int cur = 0;
        for (size_t i = 0; i < count; i++) {
            if (strcmp(s->probe, probes[i]) == 0) {
                cur = (int)i;
            }
        }
        if (count > 0) { /* no probe to offer: keep the one set */
            snprintf(s->probe, sizeof s->probe, "%s", probes[cycle(cur, (int)count, dir)]);
        }
        break;
    }
    case ROW_MAINS:
        s->mains_hz = s->mains_hz == 50 ? 60 : 50;
        break;
    case ROW_CALIBRATE:
        if (dir > 0) {
            ebb_calibrate_request(app, s->probe, NULL, NULL, EBB_SCENE_SETTINGS);
        }
        return;
    case ROW_COUNT:
    default:
        return;
    }
    ebb_app_save_settings(app);
    ebb_app_apply_settings(app);
}

static void value_text(const ebb_app *app, int row, char *buf, size_t size)
{
    const ebb_settings *s = &app->settings;
    switch ((row_id)row) {
    case ROW_MASTER:
        snprintf(buf, size, "%d %%", s->master_volume);
        break;
    case ROW_CUE:
        snprintf(buf, size, "%d %%", s->cue_volume);
        break;
    case ROW_AMBIENCE:
        snprintf(buf, size, s->ambience_volume ? "%d %%" : "off", s->ambience_volume);
        break;
    case ROW_EYES_CLOSED:
        snprintf(buf, size, "%s", s->eyes_closed ? "on" : "off");
        break;
    case ROW_PALETTE:
        snprintf(buf, size, "%s", s->palette == EBB_PALETTE_COLOUR_BLIND    ? "colour-blind safe"
                                  : s->palette == EBB_PALETTE_HIGH_CONTRAST ? "high contrast"
                                                                            : "calm (default)");
        break;
    case ROW_TEXT_SIZE:
        snprintf(buf, size, "%s", ebb_text_size_name(s->text_size));
        break;
    case ROW_MOTION:
        snprintf(buf, size, "%s", s->reduced_motion ? "on" : "off");
        break;
    case ROW_FULLSCREEN:
        snprintf(buf, size, "%s", s->fullscreen ? "on" : "off");
        break;
    case ROW_PROBE:
        snprintf(buf, size, "%s", s->probe);
        break;
    case ROW_MAINS:
        snprintf(buf, size, "%d Hz", s->mains_hz);
        break;
    case ROW_CALIBRATE:
        snprintf(buf, size, "%s", ebb_calibrate_needed(s->probe) ? "not yet \xe2\x80\x94 Enter"
                                  : "Enter");
        break;
    case ROW_COUNT:
    default:
        buf[0] = '\0';
        break;
    }
}

static ebb_frect row_rect(const ebb_app *app, int i)
{
    float w = (float)app->w, h = (float)app->h;
    float ts = ebb_app_text_scale(app);
    /* Taller rows for larger text, but every row stays on screen. */
    float rh = h * 0.056f * ts;
    float fit = h * 0.70f / ((float)ROW_COUNT * 1.08f);
    rh = rh > fit ? fit : rh;
    float rw = ts > 1.0f ? w * 0.76f : w * 0.68f;
    return (ebb_frect){(w - rw) * 0.5f, h * 0.17f + (float)i * rh * 1.08f, rw, rh};
}

static int row_hit(const ebb_app *app, int x, int y)
{
    for (int i = 0; i < ROW_COUNT; i++) {
        if (ebb_frect_contains(row_rect(app, i), (float)x * app->mouse_scale,
                               (float)y * app->mouse_scale)) {
            return i;
        }
    }
    return -1;
}

static void move(ebb_app *app, int d)
{
    int s = app->settings_ui.selected + d;
    app->settings_ui.selected = s < 0 ? 0 : (s >= ROW_COUNT ? ROW_COUNT - 1 : s);
}

void ebb_settings_event(ebb_app *app, const SDL_Event *ev)
{
    const bool back_button = ev->type == SDL_CONTROLLERBUTTONDOWN &&
                             ev->cbutton.button == SDL_CONTROLLER_BUTTON_BACK;
    switch (back_button ? EBB_NAV_BACK : ebb_nav_from_event(ev)) {
    case EBB_NAV_UP:
        move(app, -1);
        return;
    case EBB_NAV_DOWN:
        move(app, 1);
        return;
    case EBB_NAV_LEFT:
        change(app, -1);
        return;
    case EBB_NAV_RIGHT:
    case EBB_NAV_ACCEPT:
        change(app, 1);
        return;
    case EBB_NAV_BACK:
        ebb_app_request(app, EBB_SCENE_MENU);
        return;
    default:
        break;
    }
    if (ev->type == SDL_MOUSEMOTION) {
        int h = row_hit(app, ev->motion.x, ev->motion.y);
        if (h >= 0) {
            app->settings_ui.selected = h;
        }
    } else if (ev->type == SDL_MOUSEBUTTONDOWN) {
        int h = row_hit(app, ev->button.x, ev->button.y);
        if (h >= 0) {
            app->settings_ui.selected = h;
            change(app, ev->button.button == SDL_BUTTON_RIGHT ? -1 : 1);
        }
    }
}

void ebb_settings_draw(ebb_app *app)
{
    float w = (float)app->w, h = (float)app->h;
    /* The title stays above the first row: with large text in a small window the caption
     * font stands in for the title font. */
    ebb_font tf = ebb_text_line_h(app->text, EBB_FONT_TITLE) <= h * 0.125f ? EBB_FONT_TITLE
                                                                           : EBB_FONT_CAPTION;
    ebb_text_draw_mid(app->text, tf, "Settings", row_rect(app, 0).x + h * 0.01f, h * 0.025f,
                      h * 0.135f, EBB_ALIGN_LEFT, EBB_THEME_TEXT);
    for (int i = 0; i < ROW_COUNT; i++) {
        ebb_frect r = row_rect(app, i);
        bool sel = i == app->settings_ui.selected;
        ebb_draw_round_rect(app->renderer, r, r.h * 0.3f, sel ? EBB_THEME_PANEL_HI : EBB_THEME_PANEL);
        ebb_text_draw_mid(app->text, EBB_FONT_BODY, LABELS[i], r.x + r.h * 0.4f, r.y, r.h,
                          EBB_ALIGN_LEFT, sel ? EBB_THEME_TEXT : EBB_THEME_TEXT_SOFT);
        char v[EBB_SETTINGS_PROBE_MAX + 16];
        value_text(app, i, v, sizeof v);
        ebb_text_draw_mid(app->text, EBB_FONT_LABEL, v, r.x + r.w - r.h * 0.4f, r.y, r.h,
                          EBB_ALIGN_RIGHT, sel ? EBB_THEME_ACCENT : EBB_THEME_TEXT);
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL,
                  "\xe2\x86\x91 \xe2\x86\x93 to choose  \xc2\xb7  \xe2\x86\x90 \xe2\x86\x92 or Enter to "
                  "change  \xc2\xb7  Esc to go back",
                  w * 0.16f, h * 0.90f, EBB_ALIGN_LEFT, EBB_THEME_TEXT_SOFT, 0.0f);
    if (app->settings_ui.saved_note[0]) {
        ebb_text_draw(app->text, EBB_FONT_SMALL, app->settings_ui.saved_note, w * 0.84f, h * 0.90f,
                      EBB_ALIGN_RIGHT, EBB_THEME_TEXT_FAINT, 0.0f);
    }
}
