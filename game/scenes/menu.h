/* The menu scene (scene_menu.c) and today's plan of the active pack in it
 * (scene_menu_plan.c). */
#ifndef EBB_SCENES_MENU_H
#define EBB_SCENES_MENU_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/level.h"
#include "gfx/layout.h"
#include "scenes/scene.h"

#define EBB_MENU_ROWS_MAX 256

/* What a menu line is. Items are grouped (a heading over each group): today's plan first,
 * then the levels by kind, then settings and help. */
typedef enum ebb_menu_item_type {
    EBB_MENU_ITEM_NOTE = 0,   /* a therapist's note (not selectable to play) */
    EBB_MENU_ITEM_WEEK,       /* the days practised this week (not selectable) */
    EBB_MENU_ITEM_ADVICE,     /* with the starter program: a therapist's pack would help */
    EBB_MENU_ITEM_PLAN,       /* an entry of today's plan (index into plan entries) */
    EBB_MENU_ITEM_LEVEL,      /* a built-in level (index into the catalogue) */
    EBB_MENU_ITEM_SETTINGS,
    EBB_MENU_ITEM_HELP,
    EBB_MENU_ITEM_PROGRESS    /* the progress charts (scene_progress.c) */
} ebb_menu_item_type;

#define EBB_MENU_GROUP_PLAN 100
#define EBB_MENU_GROUP_MORE 200

typedef struct ebb_menu_item {
    ebb_menu_item_type type;
    int group;                  /* ebb_level_kind, or EBB_MENU_GROUP_* */
    int index;
} ebb_menu_item;

struct ebb_pack_today;

typedef struct ebb_menu_state {
    int selected;               /* item index */
    float scroll;
    ebb_menu_item items[EBB_MENU_ROWS_MAX];
    size_t item_count;
    ebb_menu_row rows[EBB_MENU_ROWS_MAX];
    size_t row_count;
    struct ebb_pack_today *today; /* the active pack's plan, or NULL */
    unsigned week_days;         /* bit d: a session on day d of this week (0 = Monday) */
} ebb_menu_state;

/* The scene's row (scenes.c). */
void ebb_menu_enter(ebb_app *app);
void ebb_menu_event(ebb_app *app, const union SDL_Event *ev);
void ebb_menu_draw(ebb_app *app);

/* scene_menu_plan.c: starts the built-in starter program for a starting point (installs
 * levels/programs/starter-*.pack and makes it active), unless a therapist's pack is in
 * force. Returns true when it did. */
bool ebb_plan_start(ebb_app *app, int starting_point);
/* True when the pack in force is Ebb's own starter program. */
bool ebb_plan_is_starter(const ebb_app *app);

/* scene_menu_plan.c: today's plan of the active pack. */
void ebb_plan_load(ebb_app *app);
void ebb_plan_free(ebb_app *app);
/* The pack's version of a level (built in or embedded, with the pack's overrides). */
bool ebb_plan_level(ebb_app *app, const char *level_id, ebb_level *out, ebb_diags *diags);
/* Appends the plan's notes and entries to the menu items. */
void ebb_plan_items(ebb_app *app);
/* The heading of the plan group, and one plan card or note. */
const char *ebb_plan_heading(ebb_app *app, char *buf, size_t size);
void ebb_plan_draw_card(ebb_app *app, const ebb_menu_item *item, ebb_frect r, bool selected);
/* The plan entry's level id, or NULL when it cannot be played now (locked). */
const char *ebb_plan_playable(ebb_app *app, int entry);

#endif
