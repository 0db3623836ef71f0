/* Text with SDL_ttf in the system's DejaVu Sans (found through fontconfig), with a small
 * cache of rendered strings so a steady screen renders no glyphs at all.
 *
 * Sizes scale with the window height; call ebb_text_resize() when it changes.
 * Ownership: ebb_text_create() opens fonts and owns every cached texture. */
#ifndef EBB_TEXT_H
#define EBB_TEXT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "gfx/theme.h"

typedef enum ebb_font {
    EBB_FONT_SMALL = 0, /* footers, hints */
    EBB_FONT_BODY,      /* descriptions, feedback lines */
    EBB_FONT_LABEL,     /* card titles, menu items (bold) */
    EBB_FONT_CAPTION,   /* the play caption (bold) */
    EBB_FONT_TITLE,     /* screen titles (bold) */
    EBB_FONT_HUGE,      /* the score (bold) */
    EBB_FONT_FINE,      /* long pages that would not fit otherwise (help at large text) */
    EBB_FONT_COUNT
} ebb_font;

typedef enum ebb_align { EBB_ALIGN_LEFT = 0, EBB_ALIGN_CENTER, EBB_ALIGN_RIGHT } ebb_align;

typedef struct ebb_text ebb_text;

/* Finds DejaVu Sans (regular and bold) and opens it at sizes for a window `height` pixels
 * high. Returns NULL with a message in err (naming the package to install) on failure. */
ebb_text *ebb_text_create(SDL_Renderer *r, int height, char *err, size_t err_size);
void ebb_text_destroy(ebb_text *t);

/* Reopens the fonts for a new window height (no-op if the sizes do not change). */
void ebb_text_resize(ebb_text *t, int height);

/* The text-size setting: every font is this many times its size for the window (1 normal).
 * Layouts read it back to make room. */
void ebb_text_set_scale(ebb_text *t, float scale);
float ebb_text_scale(const ebb_text *t);

/* Draws UTF-8 text with its top edge at y, aligned on x. Lines wider than wrap_w (> 0) are
 * wrapped. Returns the height drawn (0 for empty text). */
float ebb_text_draw(ebb_text *t, ebb_font font, const char *s, float x, float y, ebb_align align,
                    ebb_rgba colour, float wrap_w);

/* Draws one line of text left-aligned at (x, y), shortened at a word with an ellipsis if it
 * is wider than max_w. Returns the height drawn. */
float ebb_text_draw_fit(ebb_text *t, ebb_font font, const char *s, float x, float y, float max_w,
                        ebb_rgba colour);

/* Draws text centred vertically in a box of height h starting at y. */
void ebb_text_draw_mid(ebb_text *t, ebb_font font, const char *s, float x, float y, float h,
                       ebb_align align, ebb_rgba colour);

/* Size of the text as it would be drawn (wrap_w as above). */
void ebb_text_measure(ebb_text *t, ebb_font font, const char *s, float wrap_w, float *w, float *h);

/* Line height of a font in pixels. */
float ebb_text_line_h(const ebb_text *t, ebb_font font);

/* Marks the start of a frame: entries unused for a while are evicted. */
void ebb_text_frame(ebb_text *t);

#endif
