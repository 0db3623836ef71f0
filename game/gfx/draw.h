/* Drawing primitives on SDL_RenderGeometry: filled circles with soft (anti-aliased) edges,
 * glows, arcs, rounded rectangles, gradients, quads with per-corner colours, stars.
 * All coordinates are in renderer output pixels. */
#ifndef EBB_DRAW_H
#define EBB_DRAW_H

#include <SDL.h>
#include <stdbool.h>

#include "gfx/layout.h"
#include "gfx/theme.h"

/* Draw everything as triangles, as before the cached shapes and the rectangle paths: only
 * for `make bench`, to compare both in the same run (EBB_BENCH_TRIANGLES=1). */
void ebb_draw_use_triangles(bool on);
bool ebb_draw_triangles_only(void);

/* A vertical gradient filling rect. */
void ebb_draw_gradient_v(SDL_Renderer *r, ebb_frect rect, ebb_rgba top, ebb_rgba bottom);

/* A filled circle in c; the outermost pixel fades out so the edge looks smooth. */
void ebb_draw_circle(SDL_Renderer *r, float cx, float cy, float radius, ebb_rgba c);

/* A ring from r_in to r_out whose colour goes from c_in to c_out (a glow when c_out has
 * alpha 0). */
void ebb_draw_ring(SDL_Renderer *r, float cx, float cy, float r_in, float r_out, ebb_rgba c_in,
                   ebb_rgba c_out);

/* An arc of the given thickness centred on radius, from angle a0 to a1 (radians, 0 = right,
 * growing clockwise on screen, since y points down), with round-ish soft edges. */
void ebb_draw_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0,
                  float a1, ebb_rgba c);

/* A thick line with soft edges. */
void ebb_draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float thickness,
                   ebb_rgba c0, ebb_rgba c1);

/* A quad (x0..x1) whose top and bottom edges are straight lines: top from yt0 to yt1,
 * bottom from yb0 to yb1, coloured c0 on the left fading to c1 on the right. */
void ebb_draw_slab(SDL_Renderer *r, float x0, float x1, float yt0, float yt1, float yb0,
                   float yb1, ebb_rgba c0, ebb_rgba c1);

/* The slab's sloping edges only, when it has a flat middle (returned in whole pixels,
 * *top..*bottom, for the caller to fill): returns true. Otherwise the whole slab is drawn and
 * it returns false. */
bool ebb_draw_slab_slopes(SDL_Renderer *r, float x0, float x1, float yt0, float yt1, float yb0,
                          float yb1, ebb_rgba c0, ebb_rgba c1, float *top, float *bottom);

/* A rectangle x0..x1, y0..y1 coloured c0 on the left fading to c1 on the right. */
void ebb_draw_fade_rect(SDL_Renderer *r, float x0, float x1, float y0, float y1, ebb_rgba c0,
                        ebb_rgba c1);

/* A filled rounded rectangle. */
void ebb_draw_round_rect(SDL_Renderer *r, ebb_frect rect, float radius, ebb_rgba c);

/* A five-pointed star; filled when fill.a > 0, outlined (thickness) when outline.a > 0. */
void ebb_draw_star(SDL_Renderer *r, float cx, float cy, float radius, ebb_rgba fill,
                   ebb_rgba outline, float thickness);

/* A small triangle pointing right with its tip at (x, y). */
void ebb_draw_pointer(SDL_Renderer *r, float x, float y, float size, ebb_rgba c);

/* A filled ellipse with soft edges. */
void ebb_draw_ellipse(SDL_Renderer *r, float cx, float cy, float rx, float ry, ebb_rgba c);

/* A filled convex polygon (n points in order around it) with soft edges. */
void ebb_draw_polygon(SDL_Renderer *r, const float *x, const float *y, int n, ebb_rgba c);

/* A small tick mark centred near (x, y), size wide. */
void ebb_draw_tick(SDL_Renderer *r, float x, float y, float size, float thickness, ebb_rgba c);

#endif
