/* The play screen: bands, trail, character, caption, countdown, progress and notices. It
 * reads the play state and never advances it (scene_play.c does). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "scene.h"

/* How long the controls hint shows at the start of a level. */
#define HINT_S 8.0


/* Level time (ms, fractional) being shown: one tick behind the simulation, interpolated. */
static double shown_ms(const ebb_play_state *p)
{
    double t = (double)ebb_session_elapsed_ms(p->session) -
               (double)EBB_TICK_MS * (1.0 - (double)p->alpha);
    return t < 0.0 ? 0.0 : t;
}

static float shown_effort(const ebb_play_state *p)
{
    float a = p->alpha;
    return p->prev_effort + (p->cur_effort - p->prev_effort) * a;
}

static void band_at(const ebb_step *st, double level_ms, float *lo, float *hi)
{
    double into = level_ms - (double)st->start_ms;
    if (into < 0.0) {
        into = 0.0;
    }
    if (into > (double)st->duration_ms) {
        into = (double)st->duration_ms;
    }
    ebb_step_band_at(st, (uint32_t)(into + 0.5), lo, hi);
}

/* How much of the band shows at x: it fades in over the last stretch at the right edge so
 * that what is coming appears gently rather than at a hard line. */
static float edge_fade(const ebb_play_layout *l, float x)
{
    float start = l->w * 0.90f;
    if (x <= start) {
        return 1.0f;
    }
    float f = 1.0f - (x - start) / (l->w - start);
    return f < 0.0f ? 0.0f : f;
}

static void draw_band_slab(ebb_app *app, const ebb_play_layout *l, const ebb_step *st,
                           double now_ms, double t0, double t1, bool future)
{
    float lo0, hi0, lo1, hi1;
    band_at(st, t0, &lo0, &hi0);
    band_at(st, t1, &lo1, &hi1);
    float x0 = ebb_layout_time_x(l, (float)((t0 - now_ms) / 1000.0));
    float x1 = ebb_layout_time_x(l, (float)((t1 - now_ms) / 1000.0));
    float yt0 = ebb_layout_effort_y(l, hi0), yt1 = ebb_layout_effort_y(l, hi1);
    float yb0 = ebb_layout_effort_y(l, lo0), yb1 = ebb_layout_effort_y(l, lo1);
    float alpha = future ? EBB_THEME_BAND_ALPHA : EBB_THEME_BAND_PAST_ALPHA;
    float f0 = edge_fade(l, x0), f1 = edge_fade(l, x1);
    ebb_draw_slab(app->renderer, x0, x1, yt0, yt1, yb0, yb1,
                  ebb_theme_alpha(EBB_THEME_BAND, alpha * f0),
                  ebb_theme_alpha(EBB_THEME_BAND, alpha * f1));
    float edge_a = future ? EBB_THEME_BAND_EDGE_ALPHA : EBB_THEME_BAND_PAST_ALPHA * 1.5f;
    ebb_rgba e0 = ebb_theme_alpha(EBB_THEME_BAND, edge_a * f0);
    ebb_rgba e1 = ebb_theme_alpha(EBB_THEME_BAND, edge_a * f1);
    float th = l->h * 0.003f + 1.0f;
    if (hi0 < 0.999f || hi1 < 0.999f) {
        ebb_draw_line(app->renderer, x0, yt0, x1, yt1, th, e0, e1);
    }
    if (lo0 > 0.001f || lo1 > 0.001f) {
        ebb_draw_line(app->renderer, x0, yb0, x1, yb1, th, e0, e1);
    }
}

static void draw_band_piece(ebb_app *app, const ebb_play_layout *l, const ebb_step *st,
                            double now_ms, double t0, double t1, bool future)
{
    if (t1 <= t0) {
        return;
    }
    /* Split where the right-edge fade starts so the fade is linear in x. */
    double t_fade = now_ms + (double)((l->w * 0.90f - l->char_x) / l->px_per_s) * 1000.0;
    if (t0 < t_fade && t1 > t_fade) {
        draw_band_slab(app, l, st, now_ms, t0, t_fade, future);
        draw_band_slab(app, l, st, now_ms, t_fade, t1, future);
    } else {
        draw_band_slab(app, l, st, now_ms, t0, t1, future);
    }
}

static void draw_bands(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    const ebb_level *lv = &app->play.level;
    double from = now_ms - (double)l->behind_s * 1000.0;
    double to = now_ms + (double)l->ahead_s * 1000.0;
    size_t i = ebb_level_step_at(lv, from < 0.0 ? 0u : (uint32_t)from);
    for (; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        double s0 = (double)st->start_ms, s1 = s0 + (double)st->duration_ms;
        if (s0 >= to) {
            break;
        }
        double a = s0 > from ? s0 : from;
        double b = s1 < to ? s1 : to;
        draw_band_piece(app, l, st, now_ms, a, b < now_ms ? b : now_ms, false);
        draw_band_piece(app, l, st, now_ms, a > now_ms ? a : now_ms, b, true);
    }
}

static void draw_trail(ebb_app *app, const ebb_play_layout *l, float effort_now)
{
    const ebb_play_state *p = &app->play;
    size_t max_k = (size_t)(l->behind_s * (float)EBB_TICK_HZ);
    if (max_k > p->trail_count) {
        max_k = p->trail_count;
    }
    float th = l->char_r * 0.16f;
    float lead = (1.0f - p->alpha) * (float)EBB_TICK_MS / 1000.0f;
    float px = l->char_x, py = ebb_layout_effort_y(l, effort_now);
    const size_t stride = 3;
    for (size_t k = 1; k < max_k; k += stride) {
        size_t idx = (p->trail_head + EBB_TRAIL_MAX - 1 - k) % EBB_TRAIL_MAX;
        float dt = lead - (float)k / (float)EBB_TICK_HZ;
        float x = ebb_layout_time_x(l, dt);
        float y = ebb_layout_effort_y(l, p->trail[idx]);
        float fade = 1.0f - (float)k / (float)(max_k > 1 ? max_k : 1);
        ebb_rgba c = EBB_THEME_TRAIL;
        ebb_rgba c1 = ebb_theme_alpha(c, (float)c.a / 255.0f * fade);
        ebb_draw_line(app->renderer, px, py, x, y, th, c1, c1);
        px = x;
        py = y;
    }
}

static void draw_track_guides(ebb_app *app, const ebb_play_layout *l)
{
    ebb_rgba faint = {255, 255, 255, 14};
    float th = 1.0f + l->h * 0.0015f;
    for (int i = 0; i <= 4; i++) {
        float y = ebb_layout_effort_y(l, (float)i / 4.0f);
        ebb_draw_line(app->renderer, 0.0f, y, l->w, y, th, faint, faint);
    }
}

static void draw_countdown(ebb_app *app, const ebb_play_layout *l, const ebb_step *st,
                           uint32_t into_ms)
{
    ebb_frect r = l->countdown;
    float cx = r.x + r.w * 0.5f, cy = r.y + r.h * 0.5f, rad = r.w * 0.42f;
    uint32_t left = st->duration_ms > into_ms ? st->duration_ms - into_ms : 0;
    float frac = st->duration_ms ? (float)left / (float)st->duration_ms : 0.0f;
    ebb_draw_arc(app->renderer, cx, cy, rad, r.w * 0.07f, 0.0f, 6.2831853f,
                 (ebb_rgba){255, 255, 255, 22});
    if (frac > 0.0f) {
        ebb_draw_arc(app->renderer, cx, cy, rad, r.w * 0.07f, -1.5707963f,
                     -1.5707963f + 6.2831853f * frac, ebb_theme_alpha(EBB_THEME_ACCENT, 0.85f));
    }
    char num[16];
    snprintf(num, sizeof num, "%u", (unsigned)((left + 999u) / 1000u));
    ebb_text_draw_mid(app->text, EBB_FONT_LABEL, num, cx, cy - r.h * 0.5f, r.h, EBB_ALIGN_CENTER,
                      EBB_THEME_TEXT);
}

static void draw_progress(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    const ebb_level *lv = &app->play.level;
    ebb_frect bar = l->progress;
    ebb_draw_round_rect(app->renderer, bar, bar.h * 0.5f, EBB_THEME_PANEL);
    float frac = lv->total_ms ? (float)(now_ms / (double)lv->total_ms) : 0.0f;
    frac = frac < 0.0f ? 0.0f : (frac > 1.0f ? 1.0f : frac);
    if (frac > 0.0f) {
        ebb_frect fill = bar;
        fill.w = bar.w * frac;
        if (fill.w < bar.h) {
            fill.w = bar.h;
        }
        ebb_draw_round_rect(app->renderer, fill, bar.h * 0.5f, ebb_theme_alpha(EBB_THEME_ACCENT, 0.8f));
    }
    float ty = bar.y + bar.h * 1.8f;
    ebb_text_draw(app->text, EBB_FONT_SMALL, lv->title, bar.x, ty, EBB_ALIGN_LEFT,
                  EBB_THEME_TEXT_FAINT, 0.0f);
    double left_s = ((double)lv->total_ms - now_ms) / 1000.0;
    unsigned s = left_s > 0.0 ? (unsigned)ceil(left_s) : 0u;
    char buf[48];
    snprintf(buf, sizeof buf, "%u:%02u left", s / 60u, s % 60u);
    ebb_text_draw(app->text, EBB_FONT_SMALL, buf, bar.x + bar.w, ty, EBB_ALIGN_RIGHT,
                  EBB_THEME_TEXT_FAINT, 0.0f);
}

static const char *hint_text(const ebb_app *app)
{
    if (app->play.probe && app->play.live) {
        return "Following your probe  \xc2\xb7  Esc to pause";
    }
    if (app->play.probe) {
        return "Playing back a recording  \xc2\xb7  Esc to pause";
    }
    switch (app->input.source) {
    case EBB_INPUT_GAMEPAD:
        return "Press the right trigger to squeeze  \xc2\xb7  Start to pause";
    case EBB_INPUT_MOUSE:
        return "Move the mouse up to squeeze, down to let go  \xc2\xb7  Esc to pause";
    case EBB_INPUT_KEYBOARD:
    default:
        return "Hold Space to squeeze  \xc2\xb7  Up and Down to fine-tune  \xc2\xb7  Esc to pause";
    }
}

static void draw_texts(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    const ebb_play_state *p = &app->play;
    size_t si = ebb_session_step_index(p->session);
    if (si >= p->level.step_count) {
        si = p->level.step_count - 1;
    }
    const ebb_step *st = &p->level.steps[si];
    const char *caption = st->caption[0] ? st->caption : ebb_step_default_caption(st->kind);
    if (ebb_session_signal_lost(p->session)) {
        caption = "Waiting for the signal\xe2\x80\xa6";
    }
    ebb_text_draw_mid(app->text, EBB_FONT_CAPTION, caption, l->w * 0.5f, l->caption.y,
                      l->caption.h, EBB_ALIGN_CENTER, EBB_THEME_TEXT);
    if (st->reps > 0) {
        char reps[40];
        snprintf(reps, sizeof reps, "%u of %u", (unsigned)st->rep, (unsigned)st->reps);
        ebb_text_draw_mid(app->text, EBB_FONT_BODY, reps, l->w * 0.5f, l->reps.y, l->reps.h,
                          EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT);
    }
    uint32_t into = (uint32_t)(now_ms > (double)st->start_ms ? now_ms - (double)st->start_ms : 0.0);
    draw_countdown(app, l, st, into);
    draw_progress(app, l, now_ms);
    const char *notice = NULL;
    ebb_rgba notice_c = EBB_THEME_TEXT_FAINT;
    if (app->no_sound) {
        notice = "No sound device \xe2\x80\x94 captions only";
    }
    if (p->back_notice_s > 0.0 && !p->lost_notice) {
        notice = EBB_PLAY_BACK_TEXT;
        notice_c = EBB_THEME_ACCENT;
    }
    float y = l->notice.y;
    if (p->played_s < HINT_S) {
        ebb_text_draw(app->text, EBB_FONT_SMALL, hint_text(app), l->w * 0.5f, y,
                      EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT, 0.0f);
        y -= ebb_text_line_h(app->text, EBB_FONT_SMALL) * 1.3f;
    }
    if (notice) {
        ebb_text_draw(app->text, EBB_FONT_SMALL, notice, l->w * 0.5f, y, EBB_ALIGN_CENTER,
                      notice_c, 0.0f);
    }
}

/* "Lift, don't push": a soft warm box under the caption. */
static void draw_strain_hint(ebb_app *app, const ebb_play_layout *l)
{
    ebb_frect box;
    ebb_layout_play_hint_box(l, &box);
    ebb_draw_round_rect(app->renderer, box, box.h * 0.5f, EBB_THEME_HINT_PANEL);
    ebb_text_draw_mid(app->text, EBB_FONT_BODY, EBB_STRAIN_TEXT, l->w * 0.5f, box.y, box.h,
                      EBB_ALIGN_CENTER, EBB_THEME_HINT_TEXT);
}

/* The calm notice over the track while a live probe is silent. */
static void draw_lost_panel(ebb_app *app, const ebb_play_layout *l)
{
    ebb_frect panel;
    ebb_layout_play_notice_panel(l, &panel);
    ebb_draw_round_rect(app->renderer, panel, panel.h * 0.18f, EBB_THEME_NOTICE_PANEL);
    float lh = ebb_text_line_h(app->text, EBB_FONT_LABEL);
    float y = panel.y + panel.h * 0.5f - lh * 1.1f;
    ebb_text_draw(app->text, EBB_FONT_LABEL, EBB_PLAY_LOST_TITLE, l->w * 0.5f, y,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT, panel.w * 0.92f);
    ebb_text_draw(app->text, EBB_FONT_BODY, EBB_PLAY_LOST_BODY, l->w * 0.5f, y + lh * 1.3f,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT, panel.w * 0.92f);
}

void ebb_play_draw(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded) {
        return;
    }
    ebb_play_layout l;
    ebb_layout_play(&l, app->w, app->h);
    double now = shown_ms(p);
    float effort = shown_effort(p);
    draw_track_guides(app, &l);
    draw_bands(app, &l, now);
    draw_trail(app, &l, effort);
    if (!p->probe && app->input.source == EBB_INPUT_KEYBOARD) {
        float my = ebb_layout_effort_y(&l, p->manual.hold_level);
        ebb_draw_pointer(app->renderer, l.marker_x, my, l.char_r * 0.42f,
                         ebb_theme_alpha(ebb_theme_character(p->level.kind), 0.75f));
    }
    float r = ebb_layout_character_r(&l, p->level.kind, effort);
    ebb_character_draw(app, p->level.kind, l.char_x, ebb_layout_effort_y(&l, effort), r, effort);
    draw_texts(app, &l, now);
    if (p->strain_hint && !p->lost_notice) {
        draw_strain_hint(app, &l);
    }
    if (p->lost_notice) {
        draw_lost_panel(app, &l);
    }
    if (p->paused) {
        ebb_pause_draw(app);
    }
    p->frames_shown++;
}
