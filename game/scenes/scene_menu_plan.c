/* Today's plan of the active therapist pack, at the top of the menu: what to play today,
 * what is done, what is locked and why, and the therapist's notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gfx/draw.h"
#include "io/fileio.h"
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
}

bool ebb_plan_level(ebb_app *app, const char *level_id, ebb_level *out, ebb_diags *diags)
{
    const ebb_pack_today *t = app->menu.today;
    const ebb_pack_level *pl = t ? ebb_pack_find_level(&t->pack, level_id) : NULL;
    if (pl && pl->embedded) {
        return ebb_pack_level_parse(&t->pack, pl, out, diags);
    }
    if (!pl || !pl->has_overrides) {
        return ebb_level_load(level_id, app->opts->argv0, out, diags);
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
    ebb_level_parse_opts opts = {.overrides = pl->overrides};
    bool ok = ebb_level_parse_ex(text, len, path, &opts, out, diags);
    free(text);
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
    /* The therapist's notes follow the plan (the plan is what the person came for). */
    for (size_t i = 0; i < t->pack.note_count && i < 4; i++) {
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
