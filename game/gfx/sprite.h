/* Soft round shapes drawn from textures: discs, ellipses, glows (rings that fade out), arcs,
 * outlines and rounded rectangles are rasterised once on the CPU from their distance to the
 * edge, in their colour, and drawn with one plain blended copy.
 *
 * Why: SDL's software renderer fills every blended triangle through a scratch surface the size
 * of its bounding box, so a soft circle cut into a fan of 60-500 triangles cost more than a
 * whole frame's worth of plain copies. The shape in a texture depends only on its key (shape,
 * sizes to 1/8 px, angles to 1/4096 turn, where the centre falls inside its pixel to 1/4 px,
 * and the colour: exact when opaque, to 4 levels of 255 when not), so a picture is the same
 * whether a texture came from the cache or was just made.
 *
 * The cache belongs to one renderer at a time; ebb_sprite_release() before destroying it. */
#ifndef EBB_SPRITE_H
#define EBB_SPRITE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "gfx/theme.h"

/* Each returns false when no texture could be made (out of memory, or a renderer without
 * textures); the caller then draws the shape another way. */
bool ebb_sprite_disc(SDL_Renderer *r, float cx, float cy, float radius, ebb_rgba c);
bool ebb_sprite_ellipse(SDL_Renderer *r, float cx, float cy, float rx, float ry, ebb_rgba c);
/* Full at r_in, fading linearly to nothing at r_out; empty inside r_in. */
bool ebb_sprite_glow(SDL_Renderer *r, float cx, float cy, float r_in, float r_out, ebb_rgba c);
/* An arc of the given thickness centred on radius from angle a0 to a1 (a0 <= a1, radians,
 * clockwise on screen), with round caps. */
bool ebb_sprite_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0,
                    float a1, ebb_rgba c);
/* The outline of an ellipse, thickness wide; its upper (far) half at `far` (0..1) of the
 * strength of its lower half: a ripple on water seen from above the surface. */
bool ebb_sprite_outline(SDL_Renderer *r, float cx, float cy, float rx, float ry, float thickness,
                        float far, ebb_rgba c);
/* A rectangle x, y, w, h with corners of the given radius. */
bool ebb_sprite_round_rect(SDL_Renderer *r, float x, float y, float w, float h, float radius,
                           ebb_rgba c);

/* Drop every texture (they belong to r). */
void ebb_sprite_release(SDL_Renderer *r);

/* What the cache holds and did, for `make bench`. */
typedef struct ebb_sprite_stats {
    size_t entries, bytes;
    unsigned long hits, misses;
} ebb_sprite_stats;

ebb_sprite_stats ebb_sprite_get_stats(void);

#endif
