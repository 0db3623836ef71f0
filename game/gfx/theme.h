/* The game's palettes: calm, soft colours on a dark blue-teal background (default), a
 * colour-blind-safe set built on the Okabe-Ito colours (blue/orange/yellow/purple, nothing
 * that needs red told from green), and a high-contrast set (white and yellow on black).
 *
 * Pure data and arithmetic (no SDL types), so the screenshot checker in tests/game can ask
 * which colour the character and the target band are drawn in. The palette in use is chosen
 * once with ebb_theme_use() (the saved setting) and read through the EBB_THEME_* names.
 *
 * The colours are data: assets/palettes.conf (parsed by ebb_theme_parse, installed with
 * ebb_theme_set at start-up). The same values are built in here, and are used when the file
 * is missing or malformed. */
#ifndef EBB_THEME_H
#define EBB_THEME_H

#include <stdint.h>

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/level.h"
#include "settings/settings.h"

typedef struct ebb_rgba {
    uint8_t r, g, b, a;
} ebb_rgba;

typedef struct ebb_theme_colours {
    ebb_rgba bg_top, bg_bottom;      /* background: a vertical gradient */
    ebb_rgba text, text_soft, text_faint;
    ebb_rgba band;                   /* the target band (drawn translucent) */
    float band_alpha, band_past_alpha, band_edge_alpha;
    ebb_rgba trail, panel, panel_hi, accent, star, star_empty, face;
    ebb_rgba notice_panel, hint_panel, hint_text, dim;
    ebb_rgba good;                   /* a rep that went well: a small soft tick */
    ebb_rgba missed;                 /* a missed rep: a gentle hollow circle */
    ebb_rgba water;                  /* the lantern's water */
    ebb_rgba gate;                   /* strengthening gates */
    ebb_rgba character[EBB_LEVEL_KIND_COUNT];
} ebb_theme_colours;

/* Chooses the palette every EBB_THEME_* name reads from (default until called). */
void ebb_theme_use(ebb_palette p);
const ebb_theme_colours *ebb_theme_current(void);
/* A palette's colours without making it current (tests). */
const ebb_theme_colours *ebb_theme_palette(ebb_palette p);
/* The built-in colours of a palette, whatever was loaded. */
const ebb_theme_colours *ebb_theme_builtin(ebb_palette p);

/* Parses a palettes file: one [default], [colour-blind] and [high-contrast] section, each
 * giving every colour once (`bg_top = #0e1b2e`, `band_alpha = 0.30`, `character.breathing =
 * ...`). On any problem returns false with every problem in d (file:line: field: what is
 * wrong) and leaves out untouched. */
bool ebb_theme_parse(const char *text, size_t len, ebb_theme_colours out[EBB_PALETTE_COUNT],
                     ebb_diags *d);
/* Makes these palettes the ones EBB_THEME_* read (copied); NULL goes back to the built-in. */
void ebb_theme_set(const ebb_theme_colours palettes[EBB_PALETTE_COUNT]);

#define EBB_THEME_BG_TOP (ebb_theme_current()->bg_top)
#define EBB_THEME_BG_BOTTOM (ebb_theme_current()->bg_bottom)
#define EBB_THEME_TEXT (ebb_theme_current()->text)             /* warm off-white */
#define EBB_THEME_TEXT_SOFT (ebb_theme_current()->text_soft)   /* secondary lines */
#define EBB_THEME_TEXT_FAINT (ebb_theme_current()->text_faint) /* footers, hints */
#define EBB_THEME_BAND (ebb_theme_current()->band)
#define EBB_THEME_BAND_ALPHA (ebb_theme_current()->band_alpha) /* band ahead of the character */
#define EBB_THEME_BAND_PAST_ALPHA (ebb_theme_current()->band_past_alpha) /* already passed */
#define EBB_THEME_BAND_EDGE_ALPHA (ebb_theme_current()->band_edge_alpha)
#define EBB_THEME_TRAIL (ebb_theme_current()->trail)
#define EBB_THEME_PANEL (ebb_theme_current()->panel)           /* cards, progress track */
#define EBB_THEME_PANEL_HI (ebb_theme_current()->panel_hi)     /* selected card */
#define EBB_THEME_ACCENT (ebb_theme_current()->accent)         /* progress fill, focus */
#define EBB_THEME_STAR (ebb_theme_current()->star)
#define EBB_THEME_STAR_EMPTY (ebb_theme_current()->star_empty)
#define EBB_THEME_FACE (ebb_theme_current()->face)             /* eyes and smile */
#define EBB_THEME_NOTICE_PANEL (ebb_theme_current()->notice_panel) /* signal-lost box */
#define EBB_THEME_HINT_PANEL (ebb_theme_current()->hint_panel) /* "lift, don't push" box */
#define EBB_THEME_HINT_TEXT (ebb_theme_current()->hint_text)
#define EBB_THEME_DIM (ebb_theme_current()->dim)               /* pause overlay */
#define EBB_THEME_GOOD (ebb_theme_current()->good)
#define EBB_THEME_MISSED (ebb_theme_current()->missed)
#define EBB_THEME_WATER (ebb_theme_current()->water)
#define EBB_THEME_GATE (ebb_theme_current()->gate)

/* The character's body colour for a level kind (default palette: breathing a soft sky blue,
 * lengthening a warm peach, strengthening a soft gold, assessment lilac). The body is drawn
 * opaque in exactly this colour over most of its area, so tests can find it. */
ebb_rgba ebb_theme_character(ebb_level_kind kind);

/* The background colour at height fraction y (0 top .. 1 bottom). */
ebb_rgba ebb_theme_bg_at(float y);

/* a drawn over b with alpha (0..1), rounded like a renderer would (to within one step). */
ebb_rgba ebb_theme_blend(ebb_rgba over, ebb_rgba under, float alpha);

/* The same colour with another alpha (0..1). */
ebb_rgba ebb_theme_alpha(ebb_rgba c, float alpha);

/* c mixed toward d by t (0..1), alpha included. */
ebb_rgba ebb_theme_mix(ebb_rgba c, ebb_rgba d, float t);

#endif
