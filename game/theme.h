/* The game's palette: calm, soft colours on a dark blue-teal background.
 *
 * Pure data and arithmetic (no SDL types), so the screenshot checker in tests/game can ask
 * which colour the character and the target band are drawn in. */
#ifndef EBB_THEME_H
#define EBB_THEME_H

#include <stdint.h>

#include "level.h"

typedef struct ebb_rgba {
    uint8_t r, g, b, a;
} ebb_rgba;

/* Background: a vertical gradient from deep blue at the top to blue-teal at the bottom. */
#define EBB_THEME_BG_TOP ((ebb_rgba){14, 27, 46, 255})
#define EBB_THEME_BG_BOTTOM ((ebb_rgba){18, 61, 72, 255})

#define EBB_THEME_TEXT ((ebb_rgba){240, 236, 226, 255})        /* warm off-white */
#define EBB_THEME_TEXT_SOFT ((ebb_rgba){166, 190, 198, 255})   /* secondary lines */
#define EBB_THEME_TEXT_FAINT ((ebb_rgba){112, 140, 152, 255})  /* footers, hints */

/* The target band: soft mint, translucent, with brighter edges. */
#define EBB_THEME_BAND ((ebb_rgba){124, 218, 192, 255})
#define EBB_THEME_BAND_ALPHA 0.30f        /* interior of the band ahead of the character */
#define EBB_THEME_BAND_PAST_ALPHA 0.10f   /* the part already passed */
#define EBB_THEME_BAND_EDGE_ALPHA 0.65f

#define EBB_THEME_TRAIL ((ebb_rgba){240, 236, 226, 90})
#define EBB_THEME_PANEL ((ebb_rgba){255, 255, 255, 16})          /* cards, progress track */
#define EBB_THEME_PANEL_HI ((ebb_rgba){255, 255, 255, 34})       /* selected card */
#define EBB_THEME_ACCENT ((ebb_rgba){124, 218, 192, 255})        /* progress fill, focus */
#define EBB_THEME_STAR ((ebb_rgba){255, 214, 128, 255})
#define EBB_THEME_STAR_EMPTY ((ebb_rgba){255, 255, 255, 40})
#define EBB_THEME_FACE ((ebb_rgba){42, 48, 66, 255})              /* eyes and smile */
#define EBB_THEME_NOTICE_PANEL ((ebb_rgba){10, 20, 34, 215})    /* signal-lost notice box */
#define EBB_THEME_HINT_PANEL ((ebb_rgba){255, 200, 140, 44})     /* "lift, don't push" box */
#define EBB_THEME_HINT_TEXT ((ebb_rgba){255, 221, 178, 255})
#define EBB_THEME_DIM ((ebb_rgba){6, 12, 22, 170})                /* pause overlay */

/* The character's body colour for a level kind: breathing a soft sky blue, lengthening a
 * warm peach, strengthening a soft gold, assessment lilac. The body is drawn opaque in
 * exactly this colour (the highlight and face cover only part of it). */
ebb_rgba ebb_theme_character(ebb_level_kind kind);

/* The background colour at height fraction y (0 top .. 1 bottom). */
ebb_rgba ebb_theme_bg_at(float y);

/* a drawn over b with alpha (0..1), rounded like a renderer would (to within one step). */
ebb_rgba ebb_theme_blend(ebb_rgba over, ebb_rgba under, float alpha);

/* The same colour with another alpha (0..1). */
ebb_rgba ebb_theme_alpha(ebb_rgba c, float alpha);

#endif
