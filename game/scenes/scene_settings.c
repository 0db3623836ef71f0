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
    ROW_VOICE,        /* the sound rows that came with the voice: after the first five, which */
    ROW_VOICE_VOLUME, /* people (and the navigation test) already know by position */
    ROW_VOICE_RATE,
    ROW_SOUNDSCAPE,
    ROW_PROBE,
    ROW_MAINS,
    ROW_CALIBRATE,
    ROW_COUNT
} row_id;

static const char *const LABELS[ROW_COUNT] = {
    "Volume", "Cue volume", "Ambience", "Eyes-closed mode", "Colours",
    "Text size", "Reduced motion", "Full screen", "Spoken guide", "Voice volume",
    "Speaking rate", "Calm soundscape", "Input", "Mains frequency (EMG probes)",
    "Calibrate probe"};

/* How long Settings looks for Bluetooth trainers (`ebb devices` looks as long). */
#define SETTINGS_BLE_SCAN_MS 3000u
#define SETTINGS_PROBES_MAX (EBB_PROBE_KIND_INVALID + EBB_BLE_SCAN_MAX)

/* The Input row offers the probe table's kinds marked for Settings (EBB_PROBE_SETTINGS), then
 * the Bluetooth trainers the scan recognised, each by its address. */
static size_t settings_probes(const ebb_app *app, const char *names[], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ebb_probe_kind_count() && n < max; i++) {
        const ebb_probe_kind_info *k = ebb_probe_kind_at(i);
        if (k->flags & EBB_PROBE_SETTINGS) {
            names[n++] = k->name;
        }
    }
    for (size_t i = 0; i < app->settings_ui.found_count && n < max; i++) {
        names[n++] = app->settings_ui.found[i].spec;
    }
    return n;
}

/* Takes the scan's trainers once it is done (called each frame; never waits). */
static void settings_collect_scan(ebb_app *app)
{
    ebb_settings_state *ui = &app->settings_ui;
    if (ui->scan && ebb_ble_scan_done(ui->scan)) {
        char msg[256];
        ui->found_count = ebb_ble_scan_results(ui->scan, ui->found, EBB_BLE_SCAN_MAX, msg, sizeof msg);
        ebb_ble_scan_release(ui->scan);
        ui->scan = NULL;
    }
}

void ebb_settings_enter(ebb_app *app)
{
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
    ebb_settings_state *ui = &app->settings_ui;
    if (!ui->scan) {
        ui->scan = ebb_ble_scan_start(SETTINGS_BLE_SCAN_MS);
    }
    if (ui->scan && app->opts && app->opts->screenshot_path) {
        ebb_ble_scan_wait(ui->scan); /* a picture shows the finished list */
    }
    settings_collect_scan(app);
}

void ebb_settings_leave(ebb_app *app, ebb_scene_id to)
{
    (void)to;
    ebb_ble_scan_release(app->settings_ui.scan); /* never waits: a running scan frees itself */
    app->settings_ui.scan = NULL;
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
    case ROW_VOICE:
        s->voice = (ebb_voice_mode)cycle((int)s->voice, EBB_VOICE_MODE_COUNT, dir);
        break;
    case ROW_VOICE_VOLUME:
        s->voice_volume = clamp_vol(s->voice_volume + 10 * dir);
        break;
    case ROW_VOICE_RATE:
        s->voice_rate += 10 * dir;
        s->voice_rate = s->voice_rate < 70 ? 70 : (s->voice_rate > 160 ? 160 : s->voice_rate);
        break;
    case ROW_SOUNDSCAPE:
        s->soundscape_volume = clamp_vol(s->soundscape_volume + 10 * dir);
        break;
    case ROW_PROBE: {
        const char *probes[SETTINGS_PROBES_MAX];
        const size_t count = settings_probes(app, probes, sizeof probes / sizeof probes[0]);
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
        s->mains_hz = s->mains_hz == 0 ? 50 : s->mains_hz == 50 ? 60 : 0; /* auto, 50, 60 */
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
    case ROW_VOICE:
        snprintf(buf, size, "%s", s->voice == EBB_VOICE_ON    ? "every level"
                                  : s->voice == EBB_VOICE_OFF ? "off"
                                  : s->eyes_closed            ? "every level (eyes closed)"
                                                              : "breathing and relaxing");
        break;
    case ROW_VOICE_VOLUME:
        snprintf(buf, size, s->voice_volume ? "%d %%" : "off", s->voice_volume);
        break;
    case ROW_VOICE_RATE:
        snprintf(buf, size, "%s%d %%", s->voice_rate == 100 ? "usual, " : "", s->voice_rate);
        break;
    case ROW_SOUNDSCAPE:
        snprintf(buf, size, s->soundscape_volume ? "%d %%" : "off", s->soundscape_volume);
        break;
    case ROW_PROBE: {
        const char *shown = s->probe;
        for (size_t i = 0; i < app->settings_ui.found_count; i++) {
            if (strcmp(s->probe, app->settings_ui.found[i].spec) == 0) {
                shown = app->settings_ui.found[i].label;
            }
        }
        snprintf(buf, size, "%s", shown);
        break;
    }
    case ROW_MAINS:
        if (s->mains_hz == 0) {
            snprintf(buf, size, "found by itself");
        } else {
            snprintf(buf, size, "%d Hz", s->mains_hz);
        }
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

/* Under the rows: which trainers the scan found, or that it is still looking. */
static void settings_draw_trainers(ebb_app *app, float w, float h)
{
    const ebb_settings_state *ui = &app->settings_ui;
    char line[512];
    if (ui->scan) {
        snprintf(line, sizeof line, "Looking for trainers\xe2\x80\xa6");
    } else if (ui->found_count > 0) {
        size_t n = (size_t)snprintf(line, sizeof line, "Trainers found:");
        for (size_t i = 0; i < ui->found_count && n < sizeof line; i++) {
            n += (size_t)snprintf(line + n, sizeof line - n, "%s %s", i ? "," : "",
                                  ui->found[i].model);
        }
        if (n < sizeof line) {
            snprintf(line + n, sizeof line - n, "  \xc2\xb7  choose one under Input");
        }
    } else {
        return;
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL, line, w * 0.16f, h * 0.945f, EBB_ALIGN_LEFT,
                  EBB_THEME_TEXT_SOFT, 0.0f);
}

void ebb_settings_draw(ebb_app *app)
{
    float w = (float)app->w, h = (float)app->h;
    settings_collect_scan(app);
    settings_draw_trainers(app, w, h);
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
