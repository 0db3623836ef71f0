/* The progress scene (scene_progress.h). The numbers come from the history (io/
 * history_trends.h) and the active pack (io/pack_store.h); the series and their readings
 * from the core (core/progress.h). This file only draws. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_state.h"
#include "core/progress.h"
#include "gfx/draw.h"
#include "io/history_trends.h"
#include "io/pack_store.h"
#include "scenes/scene_progress.h"

/* The charts look back this far at most, and at least a week. */
#define PROGRESS_DAYS 28
#define PROGRESS_MIN_DAYS 7

static struct {
    ebb_progress p;
    bool have_plan;
    char pack_title[EBB_LEVEL_STRING_MAX + 1];
    int page;
} S;

static const char *const TITLES[EBB_PROGRESS_CHART_COUNT] = {
    "Rest tone and steadiness", "Letting go", "Strongest squeeze", "Longest hold",
    "Stars a level", "Sessions a day"};

/* Loads the last weeks of the history and the plan of the active pack. */
static void progress_load(ebb_app *app)
{
    memset(&S, 0, sizeof S);
    const time_t now = time(NULL);
    ebb_progress_session *ss = NULL;
    size_t n = 0;
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    FILE *f = ebb_history_default_path(path, sizeof path, err, sizeof err) ? fopen(path, "rb")
                                                                           : NULL;
    if (f) { /* no history yet: nothing to show, and nothing is created */
        fclose(f);
        ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
        if (!h || !ebb_history_progress_sessions(h, NULL, &ss, &n, err, sizeof err)) {
            fprintf(stderr, "ebb: %s\n", err);
        }
        ebb_history_close(h);
    }
    int32_t first = 0, last = 0;
    for (size_t i = 0; i < n; i++) {
        last = (i == 0 || ss[i].day > last) ? ss[i].day : last;
    }
    first = last;
    for (size_t i = 0; i < n; i++) {
        if (ss[i].day > last - PROGRESS_DAYS && ss[i].day < first) {
            first = ss[i].day;
        }
    }
    int days = (int)(last - first + 1);
    days = days < PROGRESS_MIN_DAYS ? PROGRESS_MIN_DAYS : days;
    /* The plan: the active pack's schedule, counted from its install day. */
    static float plan[EBB_PROGRESS_DAYS_MAX];
    static ebb_pack_today today;
    static ebb_diags diags;
    ebb_diags_init(&diags, "pack");
    if (n > 0 && ebb_pack_store_today(app->opts->argv0, now, &today, &diags, err, sizeof err) == 0 &&
        today.have_active) {
        const int32_t today_day = ebb_history_local_day(now);
        for (int i = 0; i < days; i++) {
            const int32_t d = last - days + 1 + i;
            plan[i] = (float)ebb_progress_plan_on(&today.pack,
                                                  today.days_since_install -
                                                      (int)(today_day - d) + 1);
        }
        S.have_plan = true;
        snprintf(S.pack_title, sizeof S.pack_title, "%s", today.info.title);
        ebb_pack_today_free(&today);
    }
    ebb_progress_build(ss, n, days, S.have_plan ? plan : NULL, &S.p);
    free(ss);
}

void ebb_progress_enter(ebb_app *app)
{
    progress_load(app);
    ebb_input_release_keys(&app->input);
}

/* How many charts a page holds: three columns and two rows when the text leaves room,
 * fewer with large text in a small window. */
static void grid(ebb_app *app, int *cols, int *rows)
{
    const float scale = ebb_text_scale(app->text);
    *cols = scale > 1.15f || app->w < 900 ? 2 : 3;
    const float need = ebb_text_line_h(app->text, EBB_FONT_LABEL) +
                       ebb_text_line_h(app->text, EBB_FONT_SMALL) * 4.2f + (float)app->h * 0.16f;
    const float room = (float)app->h * 0.74f;
    *rows = room / need >= 2.0f ? 2 : 1;
    if (*cols == 2 && room / need >= 3.0f) {
        *rows = 3;
    }
}

static int pages(ebb_app *app)
{
    int cols, rows;
    grid(app, &cols, &rows);
    return (EBB_PROGRESS_CHART_COUNT + cols * rows - 1) / (cols * rows);
}

void ebb_progress_event(ebb_app *app, const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        switch (ev->key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_m:
        case SDLK_BACKSPACE:
            ebb_app_request(app, EBB_SCENE_MENU);
            break;
        case SDLK_RIGHT:
        case SDLK_d:
            S.page = S.page + 1 < pages(app) ? S.page + 1 : S.page;
            break;
        case SDLK_LEFT:
        case SDLK_a:
            S.page = S.page > 0 ? S.page - 1 : 0;
            break;
        default:
            break;
        }
    } else if (ev->type == SDL_CONTROLLERBUTTONDOWN) {
        if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_B ||
            ev->cbutton.button == SDL_CONTROLLER_BUTTON_BACK) {
            ebb_app_request(app, EBB_SCENE_MENU);
        } else if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_RIGHT) {
            S.page = S.page + 1 < pages(app) ? S.page + 1 : S.page;
        } else if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_DPAD_LEFT) {
            S.page = S.page > 0 ? S.page - 1 : 0;
        }
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        ebb_app_request(app, EBB_SCENE_MENU);
    }
}

/* "3 May" for a day (days from 1970-01-01 of a local date). */
static void day_words(int32_t day, char *buf, size_t size)
{
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const time_t t = (time_t)day * 86400 + 43200;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(buf, size, "%d %s", tm.tm_mday, MONTHS[tm.tm_mon % 12]);
}

/* A round top for an axis: 1, 2 or 5 times a power of ten, at or above v. */
static float nice_top(float v)
{
    if (!isfinite(v) || v <= 0.0f) {
        return 1.0f;
    }
    // cppcheck-suppress invalidFunctionArg ; v > 0 and finite is checked just above
    const float p = powf(10.0f, floorf(log10f(v)));
    const float m = v / p;
    return (m <= 1.0f ? 1.0f : m <= 2.0f ? 2.0f : m <= 5.0f ? 5.0f : 10.0f) * p;
}

typedef struct plot {
    ebb_frect r;    /* the plotting area, inside the axes */
    float top;      /* the value at the top (the bottom is 0) */
    int days;
} plot;

static float px(const plot *pl, int i)
{
    return pl->days > 1 ? pl->r.x + pl->r.w * (float)i / (float)(pl->days - 1)
                        : pl->r.x + pl->r.w * 0.5f;
}

static float py(const plot *pl, float v)
{
    float f = v / pl->top;
    f = f < 0.0f ? 0.0f : f > 1.0f ? 1.0f : f;
    return pl->r.y + pl->r.h * (1.0f - f);
}

/* A series as a line through its days with a dot on each (gaps where a day has none). */
static void draw_series(ebb_app *app, const plot *pl, const ebb_progress_series *s, float k,
                        ebb_rgba c, float thick)
{
    int prev = -1;
    for (int i = 0; i < pl->days; i++) {
        if (isnan(s->value[i])) {
            continue;
        }
        const float x = px(pl, i), y = py(pl, s->value[i] * k);
        if (prev >= 0) {
            ebb_draw_line(app->renderer, px(pl, prev), py(pl, s->value[prev] * k), x, y, thick,
                          c, c);
        }
        ebb_draw_circle(app->renderer, x, y, thick * 1.3f, c);
        prev = i;
    }
}

/* Rest tone's steadiness: a soft band of one SD either side of the daily mean. */
static void draw_sd_band(ebb_app *app, const plot *pl)
{
    const ebb_progress_series *m = &S.p.rest, *sd = &S.p.rest_sd;
    const ebb_rgba c = ebb_theme_alpha(EBB_THEME_ACCENT, 0.22f);
    int prev = -1;
    for (int i = 0; i < pl->days; i++) {
        if (isnan(m->value[i]) || isnan(sd->value[i])) {
            continue;
        }
        if (prev >= 0) {
            ebb_draw_slab(app->renderer, px(pl, prev), px(pl, i),
                          py(pl, (m->value[prev] + sd->value[prev]) * 100.0f),
                          py(pl, (m->value[i] + sd->value[i]) * 100.0f),
                          py(pl, (m->value[prev] - sd->value[prev]) * 100.0f),
                          py(pl, (m->value[i] - sd->value[i]) * 100.0f), c, c);
        }
        prev = i;
    }
}

static void draw_sessions(ebb_app *app, const plot *pl)
{
    const float bw = pl->r.w / (float)(pl->days > 1 ? pl->days : 1) * 0.6f;
    for (int i = 0; i < pl->days; i++) {
        const float v = S.p.count.value[i];
        if (v > 0.0f) {
            const float y = py(pl, v);
            ebb_draw_round_rect(app->renderer,
                                (ebb_frect){px(pl, i) - bw * 0.5f, y, bw, pl->r.y + pl->r.h - y},
                                bw * 0.2f, EBB_THEME_ACCENT);
        }
    }
    if (!S.have_plan) {
        return;
    }
    /* The plan: a step line over the days, in the star colour. */
    for (int i = 0; i < pl->days; i++) {
        const float v = S.p.plan.value[i];
        if (isnan(v)) {
            continue;
        }
        const float x0 = px(pl, i) - bw * 0.8f, x1 = px(pl, i) + bw * 0.8f, y = py(pl, v);
        ebb_draw_line(app->renderer, x0, y, x1, y, 3.0f, EBB_THEME_STAR, EBB_THEME_STAR);
    }
}

/* The value that tops a chart, and its unit in words. */
static float chart_top(ebb_progress_chart c, char *unit, size_t size)
{
    float lo = 0.0f, hi = 0.0f;
    switch (c) {
    case EBB_PROGRESS_REST: {
        snprintf(unit, size, "%% of your range");
        hi = 0.0f;
        for (int i = 0; i < S.p.days; i++) {
            const float v = S.p.rest.value[i] + (isnan(S.p.rest_sd.value[i]) ? 0.0f
                                                                              : S.p.rest_sd.value[i]);
            hi = v > hi ? v : hi;
        }
        return nice_top(hi * 100.0f * 1.1f);
    }
    case EBB_PROGRESS_RELEASE:
        snprintf(unit, size, "seconds");
        return ebb_progress_range(&S.p.release, S.p.days, &lo, &hi) ? nice_top(hi * 1.1f) : 2.0f;
    case EBB_PROGRESS_MVC:
        snprintf(unit, size, "%s", S.p.mvc_unit != EBB_UNIT_NONE ? ebb_progress_unit_words(S.p.mvc_unit)
                                                                 : "probe's unit");
        return ebb_progress_range(&S.p.mvc, S.p.days, &lo, &hi) ? nice_top(hi * 1.1f) : 1.0f;
    case EBB_PROGRESS_ENDURANCE:
        snprintf(unit, size, "seconds");
        return ebb_progress_range(&S.p.endurance, S.p.days, &lo, &hi) ? nice_top(hi * 1.1f)
                                                                      : 10.0f;
    case EBB_PROGRESS_STARS:
        snprintf(unit, size, "0 to 3");
        return 3.0f;
    case EBB_PROGRESS_SESSIONS:
    case EBB_PROGRESS_CHART_COUNT:
        snprintf(unit, size, S.have_plan ? "bars: played, lines: plan" : "played");
        ebb_progress_range(&S.p.count, S.p.days, &lo, &hi);
        if (S.have_plan) {
            float plo = 0.0f, phi = 0.0f;
            if (ebb_progress_range(&S.p.plan, S.p.days, &plo, &phi) && phi > hi) {
                hi = phi;
            }
        }
        return hi < 1.0f ? 1.0f : ceilf(hi);
    }
    return 1.0f;
}

static void axis_label(float v, char *buf, size_t size)
{
    if (v >= 10.0f || fabsf(v - roundf(v)) < 0.01f) {
        snprintf(buf, size, "%.0f", (double)v);
    } else {
        snprintf(buf, size, "%.1f", (double)v);
    }
}

static bool series_has_values(const ebb_progress_series *s, int days)
{
    for (int i = 0; i < days; i++) {
        if (!isnan(s->value[i])) {
            return true;
        }
    }
    return false;
}

/* The stars chart's key: a dot in each played level kind's colour and its name, going on to
 * a second line where one is too narrow (four names never fit one line of a third of the
 * screen, and a line without its key is a guess). Returns the lines it took. */
static int draw_legend(ebb_app *app, float left, float y, float right)
{
    const float lh = ebb_text_line_h(app->text, EBB_FONT_SMALL);
    float x = left;
    int lines = 0;
    for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
        if (!series_has_values(&S.p.stars[k], S.p.days)) {
            continue;
        }
        const char *name = ebb_level_kind_name((ebb_level_kind)k);
        float tw = 0.0f, th = 0.0f;
        ebb_text_measure(app->text, EBB_FONT_SMALL, name, 0.0f, &tw, &th);
        if (lines == 0) {
            lines = 1;
        } else if (x + lh * 0.6f + tw > right && x > left) {
            x = left;
            y += lh;
            lines++;
        }
        ebb_draw_circle(app->renderer, x + lh * 0.25f, y + lh * 0.55f, lh * 0.22f,
                        ebb_theme_character((ebb_level_kind)k));
        ebb_text_draw_fit(app->text, EBB_FONT_SMALL, name, x + lh * 0.6f, y, right - x - lh * 0.6f,
                          EBB_THEME_TEXT_FAINT);
        x += lh * 0.6f + tw + lh * 0.6f;
    }
    return lines;
}

static void draw_chart(ebb_app *app, ebb_progress_chart c, ebb_frect r)
{
    ebb_draw_round_rect(app->renderer, r, r.h * 0.06f, EBB_THEME_PANEL);
    const float pad = r.w * 0.05f;
    const float lh_label = ebb_text_line_h(app->text, EBB_FONT_LABEL);
    const float lh_small = ebb_text_line_h(app->text, EBB_FONT_SMALL);
    char unit[48], reading[EBB_PROGRESS_READING_MAX];
    const float top = chart_top(c, unit, sizeof unit);
    ebb_text_draw_fit(app->text, EBB_FONT_LABEL, TITLES[c], r.x + pad, r.y + pad * 0.6f,
                      r.w - pad * 2.0f, EBB_THEME_TEXT);
    int legend_lines = 1;
    if (c == EBB_PROGRESS_STARS) {
        legend_lines = draw_legend(app, r.x + pad, r.y + pad * 0.6f + lh_label, r.x + r.w - pad);
        legend_lines = legend_lines < 1 ? 1 : legend_lines;
    } else {
        ebb_text_draw_fit(app->text, EBB_FONT_SMALL, unit, r.x + pad,
                          r.y + pad * 0.6f + lh_label, r.w - pad * 2.0f, EBB_THEME_TEXT_FAINT);
    }
    ebb_progress_reading(&S.p, c, reading, sizeof reading);
    float rw = 0.0f, rh = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_SMALL, reading, r.w - pad * 2.0f, &rw, &rh);
    const float reading_y = r.y + r.h - pad * 0.5f - rh;
    ebb_text_draw(app->text, EBB_FONT_SMALL, reading, r.x + pad, reading_y, EBB_ALIGN_LEFT,
                  EBB_THEME_TEXT_SOFT, r.w - pad * 2.0f);
    /* Axes: values on the left, the first and last day below. */
    char hi_s[16];
    axis_label(top, hi_s, sizeof hi_s);
    float yl_w = 0.0f, yl_h = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_SMALL, hi_s, 0.0f, &yl_w, &yl_h);
    plot pl;
    pl.days = S.p.days;
    pl.top = top;
    pl.r.x = r.x + pad + yl_w + pad * 0.4f;
    pl.r.y = r.y + pad * 0.6f + lh_label + lh_small * ((float)legend_lines + 0.6f);
    pl.r.w = r.x + r.w - pad - pl.r.x;
    pl.r.h = reading_y - lh_small * 1.3f - pl.r.y;
    if (pl.r.h < lh_small) {
        return; /* no room for a chart: the reading says it */
    }
    const ebb_rgba axis = EBB_THEME_TEXT_FAINT;
    const float bottom = pl.r.y + pl.r.h;
    ebb_draw_line(app->renderer, pl.r.x, pl.r.y, pl.r.x, bottom, 1.5f, axis, axis);
    ebb_draw_line(app->renderer, pl.r.x, bottom, pl.r.x + pl.r.w, bottom, 1.5f, axis, axis);
    ebb_draw_line(app->renderer, pl.r.x, pl.r.y, pl.r.x + pl.r.w, pl.r.y, 1.0f,
                  ebb_theme_alpha(axis, 0.35f), ebb_theme_alpha(axis, 0.35f));
    ebb_text_draw(app->text, EBB_FONT_SMALL, hi_s, pl.r.x - pad * 0.3f, pl.r.y - lh_small * 0.5f,
                  EBB_ALIGN_RIGHT, axis, 0.0f);
    ebb_text_draw(app->text, EBB_FONT_SMALL, "0", pl.r.x - pad * 0.3f, bottom - lh_small * 0.5f,
                  EBB_ALIGN_RIGHT, axis, 0.0f);
    if (S.p.days > 0) {
        char d0[16], d1[16];
        day_words(S.p.first_day, d0, sizeof d0);
        day_words(S.p.last_day, d1, sizeof d1);
        ebb_text_draw(app->text, EBB_FONT_SMALL, d0, pl.r.x, bottom + lh_small * 0.15f,
                      EBB_ALIGN_LEFT, axis, 0.0f);
        ebb_text_draw(app->text, EBB_FONT_SMALL, d1, pl.r.x + pl.r.w, bottom + lh_small * 0.15f,
                      EBB_ALIGN_RIGHT, axis, 0.0f);
    }
    const float thick = 2.5f * (float)app->h / 720.0f;
    switch (c) {
    case EBB_PROGRESS_REST:
        draw_sd_band(app, &pl);
        draw_series(app, &pl, &S.p.rest, 100.0f, EBB_THEME_ACCENT, thick);
        break;
    case EBB_PROGRESS_RELEASE:
        draw_series(app, &pl, &S.p.release, 1.0f, EBB_THEME_ACCENT, thick);
        break;
    case EBB_PROGRESS_MVC:
        draw_series(app, &pl, &S.p.mvc, 1.0f, EBB_THEME_ACCENT, thick);
        break;
    case EBB_PROGRESS_ENDURANCE:
        draw_series(app, &pl, &S.p.endurance, 1.0f, EBB_THEME_ACCENT, thick);
        break;
    case EBB_PROGRESS_STARS:
        for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
            draw_series(app, &pl, &S.p.stars[k], 1.0f, ebb_theme_character((ebb_level_kind)k),
                        thick * 0.8f);
        }
        break;
    case EBB_PROGRESS_SESSIONS:
    case EBB_PROGRESS_CHART_COUNT:
        draw_sessions(app, &pl);
        break;
    }
}

void ebb_progress_draw(ebb_app *app)
{
    const float w = (float)app->w, h = (float)app->h;
    float th = ebb_text_draw(app->text, EBB_FONT_TITLE, "Your progress", w * 0.5f, h * 0.035f,
                             EBB_ALIGN_CENTER, EBB_THEME_TEXT, w * 0.9f);
    char sub[320];
    if (S.p.sessions == 0) {
        snprintf(sub, sizeof sub, "Your progress will show here once you have played a few "
                                  "levels.");
    } else {
        char d0[16], d1[16];
        day_words(S.p.first_day, d0, sizeof d0);
        day_words(S.p.last_day, d1, sizeof d1);
        snprintf(sub, sizeof sub, "%s to %s: %zu session%s%s%s", d0, d1, S.p.sessions,
                 S.p.sessions == 1 ? "" : "s", S.have_plan ? ", with the plan of " : "",
                 S.have_plan ? S.pack_title : "");
    }
    float sh = ebb_text_draw(app->text, EBB_FONT_SMALL, sub, w * 0.5f, h * 0.035f + th, EBB_ALIGN_CENTER,
                             EBB_THEME_TEXT_SOFT, w * 0.9f);
    int cols, rows;
    grid(app, &cols, &rows);
    const int per_page = cols * rows, n_pages = pages(app);
    S.page = S.page < n_pages ? S.page : n_pages - 1;
    char hint[120];
    snprintf(hint, sizeof hint, n_pages > 1 ? "Left and Right for more charts (%d of %d)  \xc2\xb7  "
                                              "Esc for the menu"
                                            : "Esc for the menu",
             S.page + 1, n_pages);
    const float hint_h = ebb_text_line_h(app->text, EBB_FONT_SMALL);
    ebb_text_draw(app->text, EBB_FONT_SMALL, hint, w * 0.5f, h - hint_h * 1.5f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT_FAINT, w * 0.95f);
    const float top = h * 0.035f + th + sh + h * 0.03f;
    const float bottom = h - hint_h * 1.9f;
    const float gap = w * 0.02f;
    const float cw = (w * 0.96f - gap * (float)(cols - 1)) / (float)cols;
    const float ch = (bottom - top - gap * (float)(rows - 1)) / (float)rows;
    for (int k = 0; k < per_page; k++) {
        const int c = S.page * per_page + k;
        if (c >= EBB_PROGRESS_CHART_COUNT) {
            break;
        }
        const int col = k % cols, row = k / cols;
        draw_chart(app, (ebb_progress_chart)c,
                   (ebb_frect){w * 0.02f + (float)col * (cw + gap), top + (float)row * (ch + gap),
                               cw, ch});
    }
}
