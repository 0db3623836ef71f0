/* The play track's still layer: the background, the effort guides across it, and the target
 * band's colour laid over both, drawn once per window size, layout and palette into a texture.
 *
 * Why: a band is a large translucent area, and blending it pixel by pixel every frame in
 * software cost about as much as everything else on the play screen. Where the band is flat,
 * the frame copies the finished colour from this layer instead: an opaque copy for the band
 * ahead, and a blended copy at a fraction of it for the band already passed and for the fade
 * at the right edge (blending the layer over the background at k gives the band at k times
 * its alpha, the same colour the blended fill gave). */
#ifndef EBB_TRACK_H
#define EBB_TRACK_H

#include <SDL.h>
#include <stdbool.h>

#include "gfx/layout.h"
#include "gfx/theme.h"

typedef struct ebb_track_layer {
    SDL_Texture *tex;  /* background, guides and band */
    SDL_Texture *base; /* background and guides */
    int w, h;
    float top, bottom; /* the layout it was drawn for */
    ebb_rgba band;     /* and the band colour (with the palette's alpha) */
} ebb_track_layer;

/* The faint guides at effort 0, 25, 50, 75 and 100 %, drawn. */
void ebb_track_draw_guides(SDL_Renderer *r, const ebb_play_layout *l);

/* The same guides copied from the layer (opaque rows, far cheaper than blending them), or
 * drawn when the layer cannot be used. bg is the background texture the frame began with. */
void ebb_track_guides(ebb_track_layer *t, SDL_Renderer *r, SDL_Texture *bg,
                      const ebb_play_layout *l);

/* Lays the band over x0..x1, y0..y1 at k0 (left) to k1 (right) times the palette's band alpha
 * (0 <= k <= 1). bg is the background texture the frame began with. Returns false when the
 * layer cannot be used (no texture, k above 1); the caller then blends the band itself. */
bool ebb_track_band(ebb_track_layer *t, SDL_Renderer *r, SDL_Texture *bg,
                    const ebb_play_layout *l, float x0, float x1, float y0, float y1, float k0,
                    float k1);

void ebb_track_layer_free(ebb_track_layer *t);

#endif
