/* Where things go on screen: pure arithmetic from the window size (no SDL).
 *
 * The renderer, mouse hit-testing and the screenshot checker in tests/game all use these
 * functions, so a test can ask "where must the character be for effort 0.6?" and look there.
 *
 * Play screen, top to bottom:
 *   caption (what to do now), with "3 of 5" under it and the step countdown to its right;
 *   the track, where effort 0 is at track_bottom and effort 1 at track_top. The character
 *   sits at char_x (a quarter of the width); time runs right to left, so the band for the
 *   next ahead_s seconds lies to its right and the trail of the last behind_s to its left;
 *   the level's progress bar at the bottom. */
#ifndef EBB_LAYOUT_H
#define EBB_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/level.h"

typedef struct ebb_frect {
    float x, y, w, h;
} ebb_frect;

#define EBB_LAYOUT_AHEAD_S 6.0f

typedef struct ebb_play_layout {
    float w, h;
    float track_top, track_bottom; /* y of effort 1 and of effort 0 */
    float track_left, track_right;
    float char_x;                  /* x of the character: "now" */
    float char_r;                  /* character radius at rest */
    float px_per_s;                /* scrolling speed */
    float ahead_s, behind_s;       /* seconds visible right and left of the character */
    ebb_frect caption;             /* caption line, centred */
    ebb_frect reps;                /* "3 of 5" under the caption */
    ebb_frect countdown;           /* ring with the seconds left in the step */
    ebb_frect progress;            /* level progress bar */
    ebb_frect notice;              /* one-line notices ("No sound device") above the bar */
    float marker_x;                /* keyboard hold-level marker, left of the character */
} ebb_play_layout;

void ebb_layout_play(ebb_play_layout *l, int w, int h);
/* The same with text text_scale times its normal size (the text-size setting): the caption
 * and its count grow, and the track starts below them. */
void ebb_layout_play_scaled(ebb_play_layout *l, int w, int h, float text_scale);
/* The box of the signal-lost notice: centred over the track, 56 % wide, 22 % high. */
void ebb_layout_play_notice_panel(const ebb_play_layout *l, ebb_frect *panel);
/* The box of a gentle hint ("lift, don't push"): centred under the caption and its count. */
void ebb_layout_play_hint_box(const ebb_play_layout *l, ebb_frect *box);

/* Effort 0..1 (clamped) to y on the track, and back (for the mouse). */
float ebb_layout_effort_y(const ebb_play_layout *l, float effort);
float ebb_layout_y_effort(const ebb_play_layout *l, float y);

/* x of a moment dt_s seconds from now (negative: in the past). */
float ebb_layout_time_x(const ebb_play_layout *l, float dt_s);

/* Radius of the character: breathing characters swell with effort (up to a quarter more). */
float ebb_layout_character_r(const ebb_play_layout *l, ebb_level_kind kind, float effort);

/* Menu: a column of cards grouped under kind headers, scrolled so the selection shows. */
typedef struct ebb_menu_row {
    bool header;     /* a kind heading rather than a level card */
    int kind;        /* ebb_level_kind */
    int entry;       /* catalogue index for cards, -1 for headers */
    ebb_frect rect;  /* on screen (may lie outside the list area when scrolled away) */
} ebb_menu_row;

typedef struct ebb_menu_layout {
    ebb_frect title, subtitle, list, footer, hint;
    float card_h, header_h, gap;
} ebb_menu_layout;

void ebb_layout_menu(ebb_menu_layout *m, int w, int h);
/* The same with text text_scale times its normal size: taller cards and headings. */
void ebb_layout_menu_scaled(ebb_menu_layout *m, int w, int h, float text_scale);

/* Fills rows for count catalogue entries whose kinds (sorted, as the catalogue is) are in
 * kinds[]; *scroll (in pixels, kept between frames) is adjusted so that card `selected` is
 * inside the list area. Returns the number of rows written (at most max). */
size_t ebb_layout_menu_rows(const ebb_menu_layout *m, const int *kinds, size_t count,
                            int selected, float *scroll, ebb_menu_row *rows, size_t max);

/* The catalogue index of the card under (x, y), or -1. */
int ebb_layout_menu_hit(const ebb_menu_layout *m, const ebb_menu_row *rows, size_t n, float x,
                        float y);

/* Pause overlay: a panel with `items` buttons. */
typedef struct ebb_pause_layout {
    ebb_frect panel, title;
    ebb_frect item[6];
    int items;
} ebb_pause_layout;

void ebb_layout_pause(ebb_pause_layout *p, int w, int h, int items);
int ebb_layout_pause_hit(const ebb_pause_layout *p, float x, float y);

/* Results screen. */
typedef struct ebb_results_layout {
    ebb_frect title, score, stars, lines, hint;
    float star_r, star_gap;
} ebb_results_layout;

void ebb_layout_results(ebb_results_layout *r, int w, int h);

bool ebb_frect_contains(ebb_frect r, float x, float y);

#endif
