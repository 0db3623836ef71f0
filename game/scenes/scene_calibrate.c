/* Calibration: a guided rest and three strongest squeezes with a live probe (serial, sound
 * card, OSC, stdin), driving the pure run in engine/core/calib_run.h one tick at a time, and
 * saving the person's rest and maximum with engine/io/calib_store.h.
 *
 * Reached from Settings ("Calibrate probe") and offered before a level when the configured
 * probe has no calibration yet. Escape always goes back without saving anything. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/app_state.h"
#include "gfx/draw.h"
#include "scenes/calibrate.h"
#include "scenes/play.h"

/* With no signal this long the run stops (nothing saved), as `ebb calibrate` does. */
#define LOST_GIVE_UP_MS 30000u

bool ebb_calibrate_needed(const char *spec)
{
    char profile[EBB_CALIB_PROFILE_MAX];
    if (!spec || !ebb_calib_profile_for(spec, profile, sizeof profile)) {
        return false;
    }
    ebb_calib c;
    float sd = 0.0f;
    char err[256] = "";
    return !ebb_calib_load(profile, &c, &sd, err, sizeof err) && err[0] == '\0';
}

static void close_probe(ebb_app *app)
{
    ebb_calib_scene *c = &app->calib;
    if (c->probe) {
        ebb_probe_close(c->probe);
        c->probe = NULL;
    }
}

static void finish(ebb_app *app, const char *why)
{
    ebb_calib_scene *c = &app->calib;
    close_probe(app);
    c->stage = EBB_CALIB_STAGE_RESULT;
    c->saved = false;
    if (why) {
        snprintf(c->message, sizeof c->message, "%s", why);
        return;
    }
    ebb_calib_run_result(&c->run, &c->result);
    if (c->result.status != EBB_CALIB_OK) {
        snprintf(c->message, sizeof c->message, "%s Nothing was saved; try again when ready.",
                 c->result.message);
        return;
    }
    if (!c->profile[0]) {
        snprintf(c->message, sizeof c->message,
                 "%s This input gives effort directly, so nothing needs saving.", c->result.message);
        return;
    }
    char err[300];
    if (ebb_calib_save(c->profile, &c->result, err, sizeof err)) {
        c->saved = true;
        snprintf(c->message, sizeof c->message, "%s Saved for %s.", c->result.message, c->profile);
    } else {
        fprintf(stderr, "ebb: %s\n", err);
        snprintf(c->message, sizeof c->message, "Not saved: %s", err);
    }
}

void ebb_calibrate_leave(ebb_app *app, ebb_scene_id next)
{
    (void)next;
    close_probe(app);
}

void ebb_calibrate_request(ebb_app *app, const char *spec, const char *level_spec,
                           const char *pack_level, ebb_scene_id back)
{
    ebb_calib_scene *c = &app->calib;
    close_probe(app);
    memset(c, 0, sizeof *c);
    snprintf(c->spec, sizeof c->spec, "%s", spec && *spec ? spec : "keyboard");
    if (level_spec) {
        snprintf(c->level_spec, sizeof c->level_spec, "%s", level_spec);
    }
    if (pack_level) {
        snprintf(c->pack_level, sizeof c->pack_level, "%s", pack_level);
    }
    c->back = back;
    ebb_app_request(app, EBB_SCENE_CALIBRATION);
}

void ebb_calibrate_enter(ebb_app *app)
{
    ebb_calib_scene *c = &app->calib;
    if (!ebb_calib_profile_for(c->spec, c->profile, sizeof c->profile)) {
        c->profile[0] = '\0';
    }
    c->stage = EBB_CALIB_STAGE_INTRO;
    ebb_input_init(&app->input, EBB_PROBE_KIND_KEYBOARD);
}

static void begin_run(ebb_app *app)
{
    ebb_calib_scene *c = &app->calib;
    static ebb_diags diags; /* large; the game has one thread */
    ebb_diags_init(&diags, c->spec);
    ebb_probe_kind kind = ebb_probe_spec_kind(c->spec, &diags);
    if (kind == EBB_PROBE_KIND_KEYBOARD || kind == EBB_PROBE_KIND_GAMEPAD ||
        kind == EBB_PROBE_KIND_MOUSE || kind == EBB_PROBE_KIND_INVALID) {
        finish(app, "Calibration is for probes. Choose one under Input in Settings first "
                    "(keyboard, gamepad and mouse need none).");
        return;
    }
    c->probe = ebb_probe_open(c->spec, &diags);
    if (!c->probe) {
        ebb_diags_print(&diags, stderr);
        finish(app, "Cannot open the probe (the terminal says why). Check that it is plugged "
                    "in and chosen under Input in Settings.");
        return;
    }
    ebb_calib_run_init(&c->run, EBB_UNIT_NONE);
    ebb_clock_init(&c->clock, (double)EBB_TICK_MS);
    c->lo = INFINITY;
    c->hi = -INFINITY;
    c->stage = EBB_CALIB_STAGE_RUN;
}

/* One tick of the probe into the run. False once the run is over. */
static bool calib_tick(ebb_app *app)
{
    ebb_calib_scene *c = &app->calib;
    if (c->stage != EBB_CALIB_STAGE_RUN || !c->probe) {
        return false;
    }
    ebb_frame f;
    ebb_probe_status st = ebb_probe_poll(c->probe, c->probe_ms, &f);
    c->probe_ms += EBB_TICK_MS;
    if (st == EBB_PROBE_ENDED) {
        finish(app, "The input ended before calibration finished; nothing was saved.");
        return false;
    }
    if (st == EBB_PROBE_LOST || f.signal == EBB_SIGNAL_LOST) {
        c->lost_ms += EBB_TICK_MS;
        if (c->lost_ms >= LOST_GIVE_UP_MS) {
            finish(app, "No signal for 30 seconds; nothing was saved. Check the probe.");
            return false;
        }
        return true;
    }
    c->lost_ms = 0;
    c->raw = f.raw[EBB_CH_PF];
    c->have_raw = true;
    c->lo = fminf(c->lo, c->raw);
    c->hi = fmaxf(c->hi, c->raw);
    ebb_calib_run_tick(&c->run, c->raw);
    if (ebb_calib_run_phase(&c->run) == EBB_CALIB_PHASE_DONE) {
        finish(app, NULL);
        return false;
    }
    return true;
}

void ebb_calibrate_update(ebb_app *app, double dt_ms)
{
    ebb_calib_scene *c = &app->calib;
    if (c->stage != EBB_CALIB_STAGE_RUN) {
        return;
    }
    int ticks = ebb_clock_advance(&c->clock, dt_ms, false, 0, 0);
    for (int i = 0; i < ticks && calib_tick(app); i++) {
    }
}

void ebb_calibrate_shot(ebb_app *app, const char *view, uint32_t ms)
{
    (void)view;
    ebb_calib_scene *c = &app->calib;
    if (ms == 0 || c->stage != EBB_CALIB_STAGE_INTRO) {
        return;
    }
    begin_run(app);
    while (c->probe_ms < ms && calib_tick(app)) {
    }
}

static void go_back(ebb_app *app)
{
    close_probe(app);
    ebb_app_request(app, app->calib.back == EBB_SCENE_SETTINGS ? EBB_SCENE_SETTINGS : EBB_SCENE_MENU);
}

/* After the result, or "play without": the level that was waiting, if any. */
static void go_on(ebb_app *app)
{
    ebb_calib_scene *c = &app->calib;
    close_probe(app);
    if (!c->level_spec[0]) {
        go_back(app);
        return;
    }
    /* A level that cannot be played goes back to the menu (play's enter). */
    ebb_play_request(app, c->level_spec, c->pack_level[0] ? c->pack_level : NULL, c->spec);
}

void ebb_calibrate_event(ebb_app *app, const SDL_Event *ev)
{
    ebb_calib_scene *c = &app->calib;
    int act = 0; /* 1 go on, -1 back, 2 play without */
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        SDL_Keycode k = ev->key.keysym.sym;
        act = (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE) ? 1
              : k == SDLK_ESCAPE                                          ? -1
              : k == SDLK_p                                               ? 2
                                                                          : 0;
    } else if (ev->type == SDL_CONTROLLERBUTTONDOWN) {
        Uint8 b = ev->cbutton.button;
        act = (b == SDL_CONTROLLER_BUTTON_A || b == SDL_CONTROLLER_BUTTON_START) ? 1
              : (b == SDL_CONTROLLER_BUTTON_B || b == SDL_CONTROLLER_BUTTON_BACK) ? -1
              : b == SDL_CONTROLLER_BUTTON_Y                                      ? 2
                                                                                  : 0;
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        act = c->stage == EBB_CALIB_STAGE_RUN ? 0 : 1;
    }
    if (act == -1) {
        go_back(app); /* nothing saved */
    } else if (act == 2 && c->stage == EBB_CALIB_STAGE_INTRO && c->level_spec[0]) {
        go_on(app);
    } else if (act == 1 && c->stage == EBB_CALIB_STAGE_INTRO) {
        begin_run(app);
    } else if (act == 1 && c->stage == EBB_CALIB_STAGE_RESULT) {
        if (c->saved || !c->level_spec[0]) {
            go_on(app);
        } else {
            c->stage = EBB_CALIB_STAGE_INTRO; /* try again */
        }
    }
}

/* The live reading as a horizontal bar over the range seen so far, with the rest level. */
static void draw_reading(ebb_app *app, ebb_frect bar)
{
    const ebb_calib_scene *c = &app->calib;
    ebb_draw_round_rect(app->renderer, bar, bar.h * 0.5f, EBB_THEME_PANEL);
    if (!c->have_raw) {
        return;
    }
    float span = c->hi - c->lo;
    float v = span > 1e-6f ? (c->raw - c->lo) / span : 0.0f;
    v = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
    ebb_frect fill = bar;
    fill.w = bar.h + (bar.w - bar.h) * v;
    ebb_draw_round_rect(app->renderer, fill, bar.h * 0.5f, EBB_THEME_ACCENT);
    char num[48];
    snprintf(num, sizeof num, "reading %.3g", (double)c->raw);
    ebb_text_draw(app->text, EBB_FONT_SMALL, num, bar.x + bar.w, bar.y + bar.h * 1.6f,
                  EBB_ALIGN_RIGHT, EBB_THEME_TEXT_FAINT, 0.0f);
}

static void draw_run(ebb_app *app, float w, float h)
{
    const ebb_calib_scene *c = &app->calib;
    const char *caption = c->lost_ms > 300u ? "Waiting for the signal\xe2\x80\xa6"
                                            : ebb_calib_run_caption(&c->run);
    float ch = ebb_text_draw(app->text, EBB_FONT_CAPTION, caption, w * 0.5f, h * 0.26f,
                             EBB_ALIGN_CENTER, EBB_THEME_TEXT, w * 0.9f);
    int sq = ebb_calib_run_squeeze_index(&c->run);
    if (sq > 0) {
        char of[24];
        snprintf(of, sizeof of, "%d of %d", sq, EBB_CALIB_SQUEEZES);
        ebb_text_draw(app->text, EBB_FONT_BODY, of, w * 0.5f, h * 0.27f + ch, EBB_ALIGN_CENTER,
                      EBB_THEME_TEXT_SOFT, 0.0f);
    }
    /* The countdown of this phase: a ring and its seconds. */
    uint32_t left = ebb_calib_run_phase_left_ms(&c->run);
    ebb_calib_phase ph = ebb_calib_run_phase(&c->run);
    uint32_t len = ph == EBB_CALIB_PHASE_REST      ? EBB_CALIB_REST_MS
                   : ph == EBB_CALIB_PHASE_SQUEEZE ? EBB_CALIB_SQUEEZE_MS
                                                   : EBB_CALIB_BETWEEN_MS;
    float cx = w * 0.5f, cy = h * 0.57f, rad = h * 0.055f;
    ebb_draw_arc(app->renderer, cx, cy, rad, h * 0.008f, 0.0f, 6.2831853f, EBB_THEME_PANEL_HI);
    float frac = len ? (float)left / (float)len : 0.0f;
    if (frac > 0.0f) {
        ebb_draw_arc(app->renderer, cx, cy, rad, h * 0.008f, -1.5707963f,
                     -1.5707963f + 6.2831853f * frac, EBB_THEME_ACCENT);
    }
    char secs[16];
    snprintf(secs, sizeof secs, "%u", (unsigned)((left + 999u) / 1000u));
    ebb_text_draw_mid(app->text, EBB_FONT_LABEL, secs, cx, cy - rad, rad * 2.0f, EBB_ALIGN_CENTER,
                      EBB_THEME_TEXT);
    draw_reading(app, (ebb_frect){w * 0.25f, h * 0.68f, w * 0.5f, h * 0.03f});
    /* The whole run's progress. */
    ebb_frect prog = {w * 0.25f, h * 0.80f, w * 0.5f, h * 0.008f};
    ebb_draw_round_rect(app->renderer, prog, prog.h * 0.5f, EBB_THEME_PANEL);
    float done = (float)c->run.ms / (float)ebb_calib_run_total_ms();
    prog.w *= done > 1.0f ? 1.0f : done;
    if (prog.w > prog.h) {
        ebb_draw_round_rect(app->renderer, prog, prog.h * 0.5f, ebb_theme_alpha(EBB_THEME_ACCENT, 0.6f));
    }
}

void ebb_calibrate_draw(ebb_app *app)
{
    const ebb_calib_scene *c = &app->calib;
    float w = (float)app->w, h = (float)app->h;
    ebb_text_draw(app->text, EBB_FONT_TITLE, "Calibrate your probe", w * 0.5f, h * 0.08f,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT, w * 0.8f);
    char sub[EBB_PROBE_SPEC_MAX + 64];
    snprintf(sub, sizeof sub, "Input: %s", c->spec);
    ebb_text_draw(app->text, EBB_FONT_SMALL, sub, w * 0.5f, h * 0.19f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT_FAINT, w * 0.8f);
    const char *hint = "Esc to go back without saving";
    if (c->stage == EBB_CALIB_STAGE_INTRO) {
        char intro[400];
        snprintf(intro, sizeof intro,
                 "About %u seconds: rest quietly for a while, then squeeze as strongly as is "
                 "comfortable three times, with rests between. Ebb learns your own resting "
                 "level and your strongest squeeze, so every level fits you.",
                 ebb_calib_run_total_ms() / 1000u);
        ebb_text_draw(app->text, EBB_FONT_BODY, intro, w * 0.5f, h * 0.32f, EBB_ALIGN_CENTER,
                      EBB_THEME_TEXT, w * 0.64f);
        ebb_text_draw(app->text, EBB_FONT_BODY, "Sit or lie comfortably. Stop if anything hurts.",
                      w * 0.5f, h * 0.56f, EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT, w * 0.64f);
        hint = c->level_spec[0] ? "Enter to begin  \xc2\xb7  P to play without it  \xc2\xb7  Esc to go back"
                                : "Enter to begin  \xc2\xb7  Esc to go back";
    } else if (c->stage == EBB_CALIB_STAGE_RUN) {
        draw_run(app, w, h);
    } else {
        ebb_draw_ring(app->renderer, w * 0.5f, h * 0.40f, 0.0f, h * 0.16f,
                      ebb_theme_alpha(c->saved ? EBB_THEME_GOOD : EBB_THEME_MISSED, 0.16f),
                      ebb_theme_alpha(EBB_THEME_ACCENT, 0.0f));
        ebb_text_draw(app->text, EBB_FONT_BODY, c->message, w * 0.5f, h * 0.34f, EBB_ALIGN_CENTER,
                      EBB_THEME_TEXT, w * 0.64f);
        hint = c->saved && c->level_spec[0] ? "Enter to play  \xc2\xb7  Esc for the menu"
               : c->saved || !c->level_spec[0] ? "Enter to go back"
                                               : "Enter to try again  \xc2\xb7  Esc to go back";
    }
    ebb_text_draw(app->text, EBB_FONT_SMALL, hint, w * 0.5f, h * 0.88f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT_SOFT, w * 0.8f);
}
