/* The play screen: bands, trail, character, caption, countdown, progress and notices. It
 * reads the play state and never advances it (scene_play.c does). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sound/guide.h"

#include "gfx/draw.h"
#include "gfx/track.h"
#include "app/app_state.h"
#include "gfx/character.h"
#include "scenes/play.h"

/* How long the controls hint shows at the start of a level. */
#define HINT_S 8.0


/* Level time (ms, fractional) being shown: one tick behind the simulation, interpolated. */
static double shown_ms(const ebb_play_state *p)
{
    double t = (double)ebb_session_elapsed_ms(p->session) -
               (double)EBB_TICK_MS * (1.0 - (double)p->alpha);
    return t < 0.0 ? 0.0 : t;
}

/* The character follows the person, so it shows the freshest tick: interpolating between the
 * last two ticks would show each sample up to a tick (10 ms) later (docs/performance.md,
 * "Probe to photon"). Bands, time and the trail's scroll still move smoothly between ticks.
 * EBB_BENCH_INTERPOLATE=1 brings the interpolated character back, for `make bench` to compare. */
float ebb_play_character_effort(const ebb_play_state *p)
{
    static int interpolate = -1;
    if (interpolate < 0) {
        const char *v = SDL_getenv("EBB_BENCH_INTERPOLATE");
        interpolate = v && strcmp(v, "1") == 0;
    }
    if (!interpolate) {
        return p->cur_effort;
    }
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
    ebb_rgba c0 = ebb_theme_alpha(EBB_THEME_BAND, alpha * f0);
    ebb_rgba c1 = ebb_theme_alpha(EBB_THEME_BAND, alpha * f1);
    /* A ramp's slopes are triangles; the flat middle comes from the track layer (or is
     * blended when the layer cannot give it). */
    float full = EBB_THEME_BAND_ALPHA, top, bottom;
    if (ebb_draw_slab_slopes(app->renderer, x0, x1, yt0, yt1, yb0, yb1, c0, c1, &top, &bottom) &&
        !(full > 0.0f && ebb_track_band(&app->track, app->renderer, app->bg, l, x0, x1, top,
                                        bottom, alpha * f0 / full, alpha * f1 / full))) {
        ebb_draw_fade_rect(app->renderer, x0, x1, top, bottom, c0, c1);
    }
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

/* Breathing: beads along the middle of the band ahead trace the breath curve, so the next
 * breath can be seen coming. They sit between whole quarter-seconds. */
static void draw_breath_curve(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    const ebb_level *lv = &app->play.level;
    float rad = l->h * 0.0045f + 0.5f;
    for (int k = 0; k < (int)(l->ahead_s * 4.0f); k++) {
        double t = now_ms + ((double)k + 0.5) * 250.0 - fmod(now_ms, 250.0);
        if (t >= (double)lv->total_ms) {
            break;
        }
        const ebb_step *st = &lv->steps[ebb_level_step_at(lv, (uint32_t)t)];
        float lo, hi;
        band_at(st, t, &lo, &hi);
        float x = ebb_layout_time_x(l, (float)((t - now_ms) / 1000.0));
        float a = 0.85f * edge_fade(l, x);
        if (x < l->char_x + l->char_r * 1.6f || a <= 0.0f) {
            continue;
        }
        ebb_draw_circle(app->renderer, x, ebb_layout_effort_y(l, (lo + hi) * 0.5f), rad,
                        ebb_theme_alpha(EBB_THEME_BAND, a));
    }
}

static bool is_gate_step(ebb_step_kind k)
{
    return k == EBB_STEP_SQUEEZE || k == EBB_STEP_FLICK || k == EBB_STEP_RAMP;
}

/* Strengthening: a gate where each squeeze begins, its opening at the band, for the kite to
 * fly through. */
static void draw_gates(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    const ebb_level *lv = &app->play.level;
    float post = l->h * 0.07f, th = l->h * 0.006f + 1.0f;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        double dt = ((double)st->start_ms - now_ms) / 1000.0;
        if (!is_gate_step(st->kind) || dt < -(double)l->behind_s || dt > (double)l->ahead_s) {
            continue;
        }
        float x = ebb_layout_time_x(l, (float)dt);
        float a = (dt < 0.0 ? 0.35f : 0.8f) * edge_fade(l, x);
        ebb_rgba c = ebb_theme_alpha(EBB_THEME_GATE, a);
        float yt = ebb_layout_effort_y(l, st->hi0) - l->h * 0.012f;
        float yb = ebb_layout_effort_y(l, st->lo0) + l->h * 0.012f;
        ebb_draw_line(app->renderer, x, yt - post, x, yt, th, ebb_theme_alpha(c, 0.0f), c);
        ebb_draw_circle(app->renderer, x, yt, th * 1.3f, c);
        if (st->lo0 > 0.02f) {
            ebb_draw_line(app->renderer, x, yb, x, yb + post, th, c, ebb_theme_alpha(c, 0.0f));
            ebb_draw_circle(app->renderer, x, yb, th * 1.3f, c);
        }
    }
}

/* Per-rep feedback, left behind where each rep ended: a small soft tick for a rep that went
 * well, a gentle hollow circle for one that did not (never a harsh cross). */
static bool is_marked(ebb_step_kind k);
static void draw_rep_marks(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    ebb_play_state *p = &app->play;
    const ebb_result *res = ebb_session_result(p->session);
    float size = l->h * 0.026f, th = l->h * 0.005f + 1.0f;
    for (size_t i = 0; i < res->step_count && i < p->level.step_count; i++) {
        const ebb_step *st = &p->level.steps[i];
        const ebb_step_result *sr = &res->steps[i];
        double end = (double)st->start_ms + (double)st->duration_ms;
        double dt = (end - now_ms) / 1000.0;
        if (!is_marked(st->kind) || !sr->reached || dt > 0.0 || dt < -(double)l->behind_s) {
            continue;
        }
        float x = ebb_layout_time_x(l, (float)dt);
        float y = ebb_layout_effort_y(l, st->hi1 > st->hi0 ? st->hi1 : st->hi0) - size * 1.1f;
        float fade = 1.0f - (float)(-dt / (double)l->behind_s) * 0.7f;
        if (sr->score >= 0.6f) {
            ebb_draw_circle(app->renderer, x, y, size * 0.75f,
                            ebb_theme_alpha(EBB_THEME_GOOD, 0.16f * fade));
            ebb_draw_tick(app->renderer, x, y, size, th, ebb_theme_alpha(EBB_THEME_GOOD, 0.9f * fade));
        } else {
            ebb_draw_arc(app->renderer, x, y, size * 0.42f, th, 0.0f, 6.2831853f,
                         ebb_theme_alpha(EBB_THEME_MISSED, 0.55f * fade));
        }
    }
}

static bool is_marked(ebb_step_kind k)
{
    return k != EBB_STEP_REST && k != EBB_STEP_BREATHE_IN && k != EBB_STEP_BREATHE_HOLD;
}

/* The reps of the repeat being played, in a row under "3 of 5": a soft tick for each rep that
 * went well, a hollow circle for one that did not, a faint dot for those still to come. */
static void draw_rep_row(ebb_app *app, const ebb_play_layout *l, double now_ms)
{
    ebb_play_state *p = &app->play;
    const ebb_level *lv = &p->level;
    size_t si = ebb_session_step_index(p->session);
    if (si >= lv->step_count || lv->steps[si].reps == 0 || lv->steps[si].reps > 24) {
        return;
    }
    uint16_t reps = lv->steps[si].reps;
    size_t a = si, b = si;
    while (a > 0 && lv->steps[a - 1].reps == reps) {
        a--;
    }
    while (b + 1 < lv->step_count && lv->steps[b + 1].reps == reps) {
        b++;
    }
    uint32_t line = 0;
    for (size_t i = a; i <= b && !line; i++) {
        line = is_marked(lv->steps[i].kind) ? lv->steps[i].line : 0;
    }
    const ebb_result *res = ebb_session_result(p->session);
    float size = l->h * 0.022f, gap = size * 1.9f, th = l->h * 0.004f + 1.0f;
    float x = l->w * 0.5f - gap * (float)(reps - 1) * 0.5f;
    float y = l->reps.y + l->reps.h + size * 0.9f;
    for (size_t i = a; i <= b && line; i++) {
        const ebb_step *st = &lv->steps[i];
        if (st->line != line) {
            continue;
        }
        double end = (double)st->start_ms + (double)st->duration_ms;
        if (end <= now_ms && i < res->step_count && res->steps[i].reached) {
            if (res->steps[i].score >= 0.6f) {
                ebb_draw_tick(app->renderer, x, y, size, th, EBB_THEME_GOOD);
            } else {
                ebb_draw_arc(app->renderer, x, y, size * 0.36f, th, 0.0f, 6.2831853f,
                             ebb_theme_alpha(EBB_THEME_MISSED, 0.6f));
            }
        } else {
            bool now = (double)st->start_ms <= now_ms && now_ms < end;
            ebb_draw_circle(app->renderer, x, y, size * (now ? 0.22f : 0.14f),
                            ebb_theme_alpha(EBB_THEME_TEXT_SOFT, now ? 0.8f : 0.35f));
        }
        x += gap;
    }
}

/* Lantern: how low and steady the last two seconds were, 0..1. */
static float trail_calm(const ebb_play_state *p)
{
    size_t n = p->trail_count < 200u ? p->trail_count : 200u;
    if (n < 2) {
        return 1.0f;
    }
    double sum = 0.0, sq = 0.0;
    for (size_t k = 0; k < n; k++) {
        float e = p->trail[(p->trail_head + EBB_TRAIL_MAX - 1 - k) % EBB_TRAIL_MAX];
        sum += e;
        sq += (double)e * e;
    }
    double mean = sum / (double)n, var = sq / (double)n - mean * mean;
    double sd = var > 0.0 ? sqrt(var) : 0.0;
    double calm = 1.0 - (mean - 0.1) * 2.5 - sd * 10.0;
    return (float)(calm < 0.0 ? 0.0 : (calm > 1.0 ? 1.0 : calm));
}

/* Effort change per second over the last quarter second (breathing in or out). */
static float trail_slope(const ebb_play_state *p)
{
    const size_t k = 25;
    if (p->trail_count <= k) {
        return 0.0f;
    }
    float now = p->trail[(p->trail_head + EBB_TRAIL_MAX - 1) % EBB_TRAIL_MAX];
    float then = p->trail[(p->trail_head + EBB_TRAIL_MAX - 1 - k) % EBB_TRAIL_MAX];
    return (now - then) * (float)EBB_TICK_HZ / (float)k;
}

/* Kite: how much of the squeeze being played has been held in the band, 0..1 (-1: none). */
static float hold_fill(ebb_app *app, double now_ms)
{
    ebb_play_state *p = &app->play;
    size_t si = ebb_session_step_index(p->session);
    if (si >= p->level.step_count || p->level.steps[si].kind != EBB_STEP_SQUEEZE) {
        return -1.0f;
    }
    const ebb_step *st = &p->level.steps[si];
    const ebb_result *res = ebb_session_result(p->session);
    if (si >= res->step_count) {
        return -1.0f;
    }
    double scored = now_ms - (double)st->start_ms - (double)st->grace_ms;
    double span = (double)st->duration_ms - (double)st->grace_ms;
    if (scored <= 0.0 || span <= 0.0) {
        return 0.0f;
    }
    return (float)((double)res->steps[si].in_band * scored / span);
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
        /* Whole pixels: the bar then changes (and its shape is made again) only when it
         * visibly grows. */
        fill.w = roundf(bar.w * frac);
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
    if (app->play.probe && app->play.probe_kind == EBB_PROBE_KIND_SIM) {
        return "A simulated person is playing  \xc2\xb7  Esc to pause";
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
    /* Every sound has a caption: the countdown ticks ("3", "2", "1") and the rep chime
     * ("Well done") show under the ring for as long as they sound. */
    const char *sound_caption = ebb_guide_caption(&p->guide, ebb_session_elapsed_ms(p->session));
    if (sound_caption) {
        ebb_text_draw(app->text, EBB_FONT_SMALL, sound_caption,
                      l->countdown.x + l->countdown.w * 0.5f, l->countdown.y + l->countdown.h * 1.08f,
                      EBB_ALIGN_CENTER, EBB_THEME_ACCENT, 0.0f);
    }
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
    if (p->played_s < HINT_S && now_ms < HINT_S * 1000.0) {
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
/* A gentle box under the caption: "lift, don't push", or the level's safety note during its
 * first step. It grows to fit longer text so nothing is cut off. */
static void draw_hint(ebb_app *app, const ebb_play_layout *l, const char *text, ebb_font font)
{
    ebb_frect box;
    ebb_layout_play_hint_box(l, &box);
    float tw = 0.0f, th = 0.0f;
    ebb_text_measure(app->text, font, text, 0.0f, &tw, &th);
    const float need = tw + box.h * 1.2f;
    if (need > box.w) {
        box.w = need < l->w * 0.96f ? need : l->w * 0.96f;
        box.x = (l->w - box.w) * 0.5f;
    }
    ebb_draw_round_rect(app->renderer, box, box.h * 0.5f, EBB_THEME_HINT_PANEL);
    ebb_text_draw_mid(app->text, font, text, l->w * 0.5f, box.y, box.h, EBB_ALIGN_CENTER,
                      EBB_THEME_HINT_TEXT);
}

/* The calm notice over the track while a live probe is silent. */
static void draw_lost_panel(ebb_app *app, const ebb_play_layout *l)
{
    ebb_frect panel;
    ebb_layout_play_notice_panel(l, &panel);
    /* Both lines may wrap (large text in a small window): measure, and grow the box about
     * its centre when they need more room. */
    float wrap = panel.w * 0.92f, tw = 0.0f, th = 0.0f, bw = 0.0f, bh = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_LABEL, EBB_PLAY_LOST_TITLE, wrap, &tw, &th);
    ebb_text_measure(app->text, EBB_FONT_BODY, EBB_PLAY_LOST_BODY, wrap, &bw, &bh);
    float gap = ebb_text_line_h(app->text, EBB_FONT_BODY) * 0.25f;
    float need = (th + gap + bh) * 1.25f;
    if (need > panel.h) {
        panel.y -= (need - panel.h) * 0.5f;
        panel.h = need;
    }
    ebb_draw_round_rect(app->renderer, panel, panel.h * 0.18f, EBB_THEME_NOTICE_PANEL);
    float y = panel.y + (panel.h - (th + gap + bh)) * 0.5f;
    ebb_text_draw(app->text, EBB_FONT_LABEL, EBB_PLAY_LOST_TITLE, l->w * 0.5f, y,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT, wrap);
    ebb_text_draw(app->text, EBB_FONT_BODY, EBB_PLAY_LOST_BODY, l->w * 0.5f, y + th + gap,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT, wrap);
}

void ebb_play_draw(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded) {
        return;
    }
    ebb_play_layout l;
    ebb_layout_play_scaled(&l, app->w, app->h, ebb_app_text_scale(app));
    double now = shown_ms(p);
    float effort = ebb_play_character_effort(p);
    ebb_track_guides(&app->track, app->renderer, app->bg, &l);
    draw_bands(app, &l, now);
    if (p->level.kind == EBB_LEVEL_BREATHING) {
        draw_breath_curve(app, &l, now);
    } else if (p->level.kind == EBB_LEVEL_STRENGTHENING) {
        draw_gates(app, &l, now);
    }
    draw_rep_marks(app, &l, now);
    draw_rep_row(app, &l, now);
    draw_trail(app, &l, effort);
    if (!p->probe && app->input.source == EBB_INPUT_KEYBOARD) {
        float my = ebb_layout_effort_y(&l, p->manual.hold_level);
        ebb_draw_pointer(app->renderer, l.marker_x, my, l.char_r * 0.42f,
                         ebb_theme_alpha(ebb_theme_character(p->level.kind), 0.75f));
    }
    bool motion = !app->settings.reduced_motion;
    ebb_character_pose pose = {
        .kind = p->level.kind,
        .name = p->level.character,
        .cx = l.char_x,
        .cy = ebb_layout_effort_y(&l, effort),
        .radius = ebb_layout_character_r(&l, p->level.kind, effort),
        .effort = effort,
        .rising = trail_slope(p),
        .calm = trail_calm(p),
        .hold = hold_fill(app, now),
        .t = motion ? app->clock_s : 0.0,
        .motion = motion,
    };
    ebb_character_draw(app, &pose);
    draw_texts(app, &l, now);
    const char *safety = ebb_level_safety_note(&p->level);
    if (p->strain_hint && !p->lost_notice) {
        draw_hint(app, &l, EBB_STRAIN_TEXT, EBB_FONT_BODY);
    } else if (safety && now < (double)p->level.steps[0].duration_ms && !p->lost_notice) {
        /* during the first step: the level's beginning, before anything is asked */
        draw_hint(app, &l, safety, EBB_FONT_SMALL);
    }
    if (p->lost_notice) {
        draw_lost_panel(app, &l);
    }
    if (p->paused) {
        ebb_pause_draw(app);
    }
    p->frames_shown++;
}
