/* Today's plan of the active pack, at the top of the menu: what to play today, what is done,
 * what is locked and why, the days practised this week (never a streak to break), and the
 * therapist's notes. Without a therapist's pack, Ebb's own starter program
 * (levels/programs/starter-*.pack, picked by the welcome's question) takes its place, with
 * a gentle word that a therapist's pack would suit the person better. */
#define _POSIX_C_SOURCE 200809L /* localtime_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gfx/draw.h"
#include "io/fileio.h"
#include "io/history.h"
#include "io/pack_store.h"
#include "app/app_state.h"
#include "scenes/menu.h"

/* Level files are small; this is the level parser's own size limit and then some. */
#define PLAN_LEVEL_FILE_MAX (1u << 20)

void ebb_plan_free(ebb_app *app)
{
    if (app->menu.today) {
        ebb_pack_today_free(app->menu.today);
        free(app->menu.today);
        app->menu.today = NULL;
    }
}

#define STARTER_PREFIX "starter-"

bool ebb_plan_is_starter(const ebb_app *app)
{
    const ebb_pack_today *t = app->menu.today;
    return t && strncmp(t->pack.id, STARTER_PREFIX, strlen(STARTER_PREFIX)) == 0;
}

bool ebb_plan_start(ebb_app *app, int starting_point)
{
    if (starting_point == EBB_START_NONE) {
        return false;
    }
    char err[EBB_PACK_ERR_MAX], path[EBB_PATH_MAX];
    static ebb_diags diags; /* large; the game has one thread */
    ebb_diags_init(&diags, "starter program");
    /* A therapist's pack in force stays: it knows the person better than any starter. */
    ebb_plan_load(app);
    bool therapist = app->menu.today && !ebb_plan_is_starter(app);
    ebb_plan_free(app);
    const char *dir = ebb_levels_dir(app->opts->argv0);
    if (therapist || dir == NULL) {
        return false;
    }
    snprintf(path, sizeof path, "%s/programs/" STARTER_PREFIX "%s.pack", dir,
             starting_point == EBB_START_STRENGTHEN ? "strengthen" : "relax");
    ebb_pack_info info;
    bool updated = false;
    int rc = ebb_pack_store_install(path, app->opts->argv0, time(NULL), &info, &updated, &diags,
                                    err, sizeof err);
    if (rc != 0) {
        ebb_diags_print(&diags, stderr);
        fprintf(stderr, "ebb: the starter program could not start: %s\n", err);
        return false;
    }
    return true;
}

/* Which days of this week (Monday first, local time) have a session in the history. */
static unsigned week_days(void)
{
    char path[EBB_PATH_MAX], err[EBB_HISTORY_ERR_MAX];
    if (!ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        return 0;
    }
    FILE *probe = fopen(path, "rb"); /* nothing played yet: nothing to create */
    if (probe == NULL) {
        return 0;
    }
    fclose(probe);
    time_t now = time(NULL);
    struct tm lt;
    localtime_r(&now, &lt);
    lt.tm_mday -= (lt.tm_wday + 6) % 7; /* back to Monday */
    lt.tm_hour = lt.tm_min = lt.tm_sec = 0;
    lt.tm_isdst = -1;
    char edge[8][EBB_HISTORY_TIME_MAX];
    for (int d = 0; d < 8; d++) {
        struct tm day = lt;
        day.tm_mday += d;
        ebb_history_time(mktime(&day), edge[d]);
    }
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
    ebb_history_row *rows = NULL;
    size_t n = 0;
    ebb_history_filter f = {NULL, edge[0], edge[7]};
    unsigned bits = 0;
    if (h && ebb_history_query(h, &f, &rows, &n, err, sizeof err)) {
        for (size_t i = 0; i < n; i++) {
            for (int d = 0; d < 7; d++) {
                if (strcmp(rows[i].started_at, edge[d]) >= 0 &&
                    strcmp(rows[i].started_at, edge[d + 1]) < 0) {
                    bits |= 1u << d;
                }
            }
        }
    }
    free(rows);
    ebb_history_close(h);
    return bits;
}

void ebb_plan_load(ebb_app *app)
{
    ebb_plan_free(app);
    ebb_pack_today *t = calloc(1, sizeof *t);
    static ebb_diags diags; /* large; the game has one thread */
    if (!t) {
        return;
    }
    ebb_diags_init(&diags, "active pack");
    char err[EBB_PACK_ERR_MAX];
    int rc = ebb_pack_store_today(app->opts->argv0, time(NULL), t, &diags, err, sizeof err);
    if (rc != 0) {
        /* The levels still work without the plan: say why once on stderr. */
        if (diags.count > 0) {
            ebb_diags_print(&diags, stderr);
        } else {
            fprintf(stderr, "ebb: today's plan is not available: %s\n", err);
        }
        free(t);
        return;
    }
    if (!t->have_active) {
        free(t);
        return;
    }
    app->menu.today = t;
    app->menu.week_days = week_days();
}

bool ebb_plan_level(ebb_app *app, const char *level_id, ebb_level *out, ebb_diags *diags)
{
    const ebb_pack_today *t = app->menu.today;
    const ebb_pack_level *pl = t ? ebb_pack_find_level(&t->pack, level_id) : NULL;
    if (pl && pl->embedded) {
        return ebb_pack_level_parse(&t->pack, pl, out, diags);
    }
    if (!pl || !pl->has_overrides) {
        if (!ebb_level_load(level_id, app->opts->argv0, out, diags)) {
            return false;
        }
        ebb_history_level_to_challenge(level_id, app->opts->argv0, t ? &t->pack : NULL, out);
        return true;
    }
    char path[EBB_PATH_MAX];
    if (!ebb_level_resolve(level_id, app->opts->argv0, path, sizeof path, diags)) {
        return false;
    }
    char *text = NULL;
    size_t len = 0;
    if (!ebb_file_read(path, PLAN_LEVEL_FILE_MAX, &text, &len, diags)) {
        return false;
    }
    ebb_level_parse_opts opts = {.overrides = pl->overrides, .challenge = pl->challenge};
    bool ok = ebb_level_parse_ex(text, len, path, &opts, out, diags);
    free(text);
    if (ok) {
        ebb_history_level_to_challenge(level_id, app->opts->argv0, &t->pack, out);
    }
    return ok;
}

static void add_item(ebb_app *app, ebb_menu_item_type type, int index)
{
    ebb_menu_state *m = &app->menu;
    if (m->item_count < EBB_MENU_ROWS_MAX) {
        m->items[m->item_count++] = (ebb_menu_item){type, EBB_MENU_GROUP_PLAN, index};
    }
}

void ebb_plan_items(ebb_app *app)
{
    const ebb_pack_today *t = app->menu.today;
    if (!t) {
        return;
    }
    for (size_t i = 0; i < t->plan.count; i++) {
        add_item(app, EBB_MENU_ITEM_PLAN, (int)i);
    }
    add_item(app, EBB_MENU_ITEM_WEEK, 0);
    /* The starter's own word about a therapist comes as advice instead of its last note. */
    bool starter = ebb_plan_is_starter(app);
    size_t notes = t->pack.note_count < 4 ? t->pack.note_count : 4;
    if (starter) {
        add_item(app, EBB_MENU_ITEM_ADVICE, 0);
        notes = notes > 2 ? 2 : notes;
    }
    /* The therapist's notes follow the plan (the plan is what the person came for). */
    for (size_t i = 0; i < notes; i++) {
        add_item(app, EBB_MENU_ITEM_NOTE, (int)i);
    }
}

const char *ebb_plan_heading(ebb_app *app, char *buf, size_t size)
{
    const ebb_pack_today *t = app->menu.today;
    if (!t) {
        return "";
    }
    const ebb_plan *p = &t->plan;
    switch (p->state) {
    case EBB_PLAN_NOT_STARTED:
        snprintf(buf, size, "Today \xc2\xb7 %s \xc2\xb7 starts soon", t->pack.title);
        break;
    case EBB_PLAN_FINISHED:
        snprintf(buf, size, "Today \xc2\xb7 %s \xc2\xb7 the program is complete", t->pack.title);
        break;
    case EBB_PLAN_ACTIVE:
    default:
        snprintf(buf, size, "Today \xc2\xb7 %s \xc2\xb7 day %u of %u", t->pack.title, p->day,
                 p->program_days);
        break;
    }
    return buf;
}

const char *ebb_plan_playable(ebb_app *app, int entry)
{
    const ebb_pack_today *t = app->menu.today;
    if (!t || entry < 0 || (size_t)entry >= t->plan.count || t->plan.entries[entry].locked) {
        return NULL;
    }
    return t->plan.entries[entry].level_id;
}

static void entry_status(const ebb_plan_entry *e, char *buf, size_t size)
{
    if (e->locked) {
        snprintf(buf, size, "Later: %s", e->why_locked);
    } else if (e->done_today >= e->per_day) {
        snprintf(buf, size, "Done for today \xe2\x80\x94 well done. You can play it again any time.");
    } else if (e->per_day > 1) {
        snprintf(buf, size, "%u of %u today", e->done_today, e->per_day);
    } else {
        snprintf(buf, size, "Once today");
    }
}

/* This week as seven soft dots, filled on the days practised; and, with the starter
 * program, a gentle word that a therapist's pack would suit the person better. */
static void draw_week_or_advice(ebb_app *app, const ebb_menu_item *item, ebb_frect r, float tx,
                                float top, float right)
{
    float line_t = ebb_text_line_h(app->text, EBB_FONT_LABEL);
    if (item->type == EBB_MENU_ITEM_ADVICE) {
        bool unsure = app->settings.starting_point == EBB_START_UNSURE;
        ebb_text_draw_fit(app->text, EBB_FONT_SMALL,
                          unsure ? "Not sure where to start? Ebb starts gently, with letting go."
                                 : "A gentle suggestion",
                          tx, top, right - tx, EBB_THEME_TEXT_FAINT);
        ebb_text_draw_fit(app->text, EBB_FONT_BODY,
                          unsure ? "A pelvic health physiotherapist can check what your floor needs."
                                 : "A pelvic health physiotherapist can write a program for you.",
                          tx, top + line_t, right - tx, EBB_THEME_TEXT_SOFT);
        ebb_draw_circle(app->renderer, r.x + r.h * 0.55f, r.y + r.h * 0.5f, r.h * 0.06f,
                        EBB_THEME_ACCENT);
        return;
    }
    unsigned bits = app->menu.week_days, days = 0;
    for (int d = 0; d < 7; d++) {
        days += (bits >> d) & 1u;
    }
    char say[96];
    if (days == 0) {
        snprintf(say, sizeof say, "This week: a fresh start. Any day is a good day to practise.");
    } else {
        snprintf(say, sizeof say, "This week you practised on %u day%s.", days,
                 days == 1 ? "" : "s");
    }
    ebb_text_draw_fit(app->text, EBB_FONT_BODY, say, tx, top, right - tx, EBB_THEME_TEXT_SOFT);
    static const char *const names[7] = {"M", "T", "W", "T", "F", "S", "S"};
    float dot = r.h * 0.07f, step = dot * 7.0f;
    float y = top + line_t * 1.5f;
    for (int d = 0; d < 7; d++) {
        float cx = tx + dot + (float)d * step;
        if ((bits >> d) & 1u) {
            ebb_draw_circle(app->renderer, cx, y, dot, EBB_THEME_ACCENT);
        } else {
            ebb_draw_arc(app->renderer, cx, y, dot, dot * 0.3f, 0.0f, 6.2831853f,
                         EBB_THEME_TEXT_FAINT);
        }
        ebb_text_draw_mid(app->text, EBB_FONT_FINE, names[d], cx + dot * 1.8f, y - dot * 2.0f,
                          dot * 4.0f, EBB_ALIGN_LEFT, EBB_THEME_TEXT_FAINT);
    }
}

void ebb_plan_draw_card(ebb_app *app, const ebb_menu_item *item, ebb_frect r, bool selected)
{
    const ebb_pack_today *t = app->menu.today;
    if (!t) {
        return;
    }
    float rad = r.h * 0.22f;
    float tx = r.x + r.h * 1.05f;
    float right = r.x + r.w - r.h * 0.3f;
    float line_t = ebb_text_line_h(app->text, EBB_FONT_LABEL);
    float line_d = ebb_text_line_h(app->text, EBB_FONT_BODY);
    float top = r.y + (r.h - line_t - line_d * 1.05f) * 0.5f;
    if (item->type == EBB_MENU_ITEM_WEEK || item->type == EBB_MENU_ITEM_ADVICE) {
        draw_week_or_advice(app, item, r, tx, top, right);
        return;
    }
    if (item->type == EBB_MENU_ITEM_NOTE) {
        const char *who = t->pack.author[0] ? t->pack.author : "Your therapist";
        ebb_text_draw_fit(app->text, EBB_FONT_SMALL, who, tx, top, right - tx,
                          EBB_THEME_TEXT_FAINT);
        ebb_text_draw_fit(app->text, EBB_FONT_BODY, t->pack.notes[item->index], tx,
                          top + line_t * 1.0f, right - tx, EBB_THEME_TEXT_SOFT);
        ebb_draw_circle(app->renderer, r.x + r.h * 0.55f, r.y + r.h * 0.5f, r.h * 0.06f,
                        EBB_THEME_TEXT_FAINT);
        return;
    }
    const ebb_plan_entry *e = &t->plan.entries[item->index];
    ebb_draw_round_rect(app->renderer, r, rad, selected ? EBB_THEME_PANEL_HI : EBB_THEME_PANEL);
    bool done = !e->locked && e->done_today >= e->per_day;
    float cx = r.x + r.h * 0.55f, cy = r.y + r.h * 0.5f, cr = r.h * 0.20f;
    if (e->locked) {
        ebb_draw_arc(app->renderer, cx, cy, cr, cr * 0.25f, 0.0f, 6.2831853f,
                     EBB_THEME_TEXT_FAINT);
    } else if (done) {
        ebb_draw_circle(app->renderer, cx, cy, cr, EBB_THEME_ACCENT);
        ebb_draw_line(app->renderer, cx - cr * 0.45f, cy, cx - cr * 0.1f, cy + cr * 0.38f,
                      cr * 0.22f, EBB_THEME_FACE, EBB_THEME_FACE);
        ebb_draw_line(app->renderer, cx - cr * 0.1f, cy + cr * 0.38f, cx + cr * 0.5f,
                      cy - cr * 0.35f, cr * 0.22f, EBB_THEME_FACE, EBB_THEME_FACE);
    } else {
        ebb_draw_arc(app->renderer, cx, cy, cr, cr * 0.25f, 0.0f, 6.2831853f, EBB_THEME_ACCENT);
    }
    ebb_rgba title_c = e->locked ? EBB_THEME_TEXT_FAINT
                                 : (selected ? EBB_THEME_TEXT : (ebb_rgba){220, 220, 214, 255});
    ebb_text_draw_fit(app->text, EBB_FONT_LABEL, e->title, tx, top, right - tx, title_c);
    char status[EBB_PLAN_WHY_MAX + 64];
    entry_status(e, status, sizeof status);
    ebb_text_draw_fit(app->text, EBB_FONT_BODY, status, tx, top + line_t * 1.05f, right - tx,
                      e->locked ? EBB_THEME_TEXT_FAINT : EBB_THEME_TEXT_SOFT);
}
