#include "gfx/track.h"

#include <math.h>

#include "gfx/draw.h"

static float guide_thickness(const ebb_play_layout *l)
{
    return 1.0f + l->h * 0.0015f;
}

void ebb_track_draw_guides(SDL_Renderer *r, const ebb_play_layout *l)
{
    ebb_rgba faint = {255, 255, 255, 14};
    float th = guide_thickness(l);
    for (int i = 0; i <= 4; i++) {
        float y = ebb_layout_effort_y(l, (float)i / 4.0f);
        ebb_draw_line(r, 0.0f, y, l->w, y, th, faint, faint);
    }
}

void ebb_track_layer_free(ebb_track_layer *t)
{
    if (t->tex) {
        SDL_DestroyTexture(t->tex);
    }
    if (t->base) {
        SDL_DestroyTexture(t->base);
    }
    *t = (ebb_track_layer){0};
}

static bool same_colour(ebb_rgba a, ebb_rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static bool ensure(ebb_track_layer *t, SDL_Renderer *r, SDL_Texture *bg, const ebb_play_layout *l)
{
    int w = (int)l->w, h = (int)l->h;
    ebb_rgba band = ebb_theme_alpha(EBB_THEME_BAND, EBB_THEME_BAND_ALPHA);
    if (t->tex && t->w == w && t->h == h && t->top == l->track_top &&
        t->bottom == l->track_bottom && same_colour(t->band, band)) {
        return true;
    }
    ebb_track_layer_free(t);
    if (!bg || w <= 0 || h <= 0) {
        return false;
    }
    Uint32 fmt = SDL_PIXELFORMAT_ARGB8888;
    SDL_QueryTexture(bg, &fmt, NULL, NULL, NULL);
    SDL_Texture *tex = SDL_CreateTexture(r, fmt, SDL_TEXTUREACCESS_TARGET, w, h);
    SDL_Texture *base = SDL_CreateTexture(r, fmt, SDL_TEXTUREACCESS_TARGET, w, h);
    SDL_Texture *was = SDL_GetRenderTarget(r);
    if (!tex || !base || SDL_SetRenderTarget(r, base) != 0) {
        if (tex) {
            SDL_DestroyTexture(tex);
        }
        if (base) {
            SDL_DestroyTexture(base);
        }
        return false;
    }
    SDL_RenderCopy(r, bg, NULL, NULL);
    ebb_track_draw_guides(r, l);
    SDL_SetRenderTarget(r, tex);
    SDL_SetTextureBlendMode(base, SDL_BLENDMODE_NONE);
    SDL_RenderCopy(r, base, NULL, NULL);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, band.r, band.g, band.b, band.a);
    SDL_RenderFillRect(r, NULL);
    SDL_SetRenderTarget(r, was);
    *t = (ebb_track_layer){tex, base, w, h, l->track_top, l->track_bottom, band};
    return true;
}

static void copy(SDL_Renderer *r, SDL_Texture *tex, int x0, int x1, int y0, int y1, float k)
{
    if (x1 <= x0 || y1 <= y0 || k <= 0.0f) {
        return;
    }
    Uint8 a = (Uint8)lrintf(k * 255.0f);
    if (a == 0) {
        return;
    }
    SDL_SetTextureBlendMode(tex, a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(tex, a);
    SDL_Rect rc = {x0, y0, x1 - x0, y1 - y0};
    SDL_RenderCopy(r, tex, &rc, &rc);
}

void ebb_track_guides(ebb_track_layer *t, SDL_Renderer *r, SDL_Texture *bg,
                      const ebb_play_layout *l)
{
    if (ebb_draw_triangles_only() || !ensure(t, r, bg, l)) {
        ebb_track_draw_guides(r, l);
        return;
    }
    /* Every row a guide's soft edge can reach. */
    int reach = (int)ceilf(guide_thickness(l) * 0.5f + 1.0f) + 1;
    for (int i = 0; i <= 4; i++) {
        int y = (int)floorf(ebb_layout_effort_y(l, (float)i / 4.0f));
        copy(r, t->base, 0, t->w, y - reach, y + reach + 1, 1.0f);
    }
}

bool ebb_track_band(ebb_track_layer *t, SDL_Renderer *r, SDL_Texture *bg,
                    const ebb_play_layout *l, float x0, float x1, float y0, float y1, float k0,
                    float k1)
{
    if (ebb_draw_triangles_only() || k0 > 1.0f || k1 > 1.0f || k0 < 0.0f || k1 < 0.0f || !ensure(t, r, bg, l)) {
        return false;
    }
    /* Whole pixels whose centres are inside, as the blended fill covered. */
    int ix0 = (int)lrintf(x0), ix1 = (int)lrintf(x1), iy0 = (int)lrintf(y0), iy1 = (int)lrintf(y1);
    ix0 = ix0 < 0 ? 0 : ix0;
    iy0 = iy0 < 0 ? 0 : iy0;
    ix1 = ix1 > t->w ? t->w : ix1;
    iy1 = iy1 > t->h ? t->h : iy1;
    if (fabsf(k1 - k0) < 1.0f / 255.0f) {
        copy(r, t->tex, ix0, ix1, iy0, iy1, k0);
        return true;
    }
    /* A fade: strips a few pixels wide, each at its middle's strength. */
    int n = (ix1 - ix0) / 4 + 1;
    n = n > 96 ? 96 : n;
    for (int i = 0; i < n; i++) {
        int a = ix0 + (ix1 - ix0) * i / n, b = ix0 + (ix1 - ix0) * (i + 1) / n;
        copy(r, t->tex, a, b, iy0, iy1, k0 + (k1 - k0) * ((float)i + 0.5f) / (float)n);
    }
    return true;
}
