#include "gfx/sprite.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PI_F 3.14159265f
#define FEATHER 0.9f      /* pixels of fade at soft edges, as the triangle shapes (draw.c) */
#define SIZE_Q 8.0f       /* sizes kept to 1/8 px */
#define ANGLE_Q 4096.0f   /* angles kept to 1/4096 turn */
#define SUBPIX 4          /* centres kept to 1/4 px */
#define CACHE_MAX 192
#define CACHE_BYTES (12u << 20)
#define SIDE_MAX 4096     /* a shape larger than this is left to the caller */

typedef enum shape {
    SHAPE_DISC = 1,
    SHAPE_ELLIPSE,
    SHAPE_GLOW,
    SHAPE_ARC,
    SHAPE_RRECT,
    SHAPE_OUTLINE
} shape;

typedef struct key {
    int shape;
    int32_t p[4];   /* quantised sizes (and angles for arcs) */
    int fx, fy;     /* centre inside its pixel, 0..SUBPIX-1 */
    uint32_t argb;  /* the colour, baked in (see colour_key) */
} key;

typedef struct entry {
    key k;
    SDL_Texture *tex;
    int w, h;   /* texture size */
    int ex, ey; /* pixels from the texture's left/top edge to the centre's pixel */
    unsigned long used;
    bool live;
} entry;

typedef struct cache {
    SDL_Renderer *owner;
    entry e[CACHE_MAX];
    size_t bytes;
    unsigned long clock, hits, misses;
} cache;

static cache g_cache;

/* ---- distance fields: negative inside, in pixels ---- */

typedef struct geom {
    shape s;
    float a, b, c, d; /* dequantised parameters */
} geom;

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

static float edge_cover(float d)
{
    return clamp01((FEATHER * 0.5f - d) / FEATHER);
}

static float ellipse_dist(float x, float y, float rx, float ry)
{
    /* First-order distance to an ellipse: the implicit function over its gradient. */
    float k0 = sqrtf((x * x) / (rx * rx) + (y * y) / (ry * ry));
    float k1 = sqrtf((x * x) / (rx * rx * rx * rx) + (y * y) / (ry * ry * ry * ry));
    if (k1 < 1e-12f) {
        return -(rx < ry ? rx : ry);
    }
    return k0 * (k0 - 1.0f) / k1;
}

static bool angle_within(float t, float a0, float a1)
{
    if (a1 - a0 >= 2.0f * PI_F) {
        return true;
    }
    float u = fmodf(t - a0, 2.0f * PI_F);
    if (u < 0.0f) {
        u += 2.0f * PI_F;
    }
    return u <= a1 - a0;
}

static float arc_cover(const geom *g, float x, float y)
{
    float radius = g->a, h = g->b, a0 = g->c, a1 = g->d;
    float dist = sqrtf(x * x + y * y);
    if (fabsf(dist - radius) > h + FEATHER) {
        return 0.0f;
    }
    if (angle_within(atan2f(y, x), a0, a1)) {
        return edge_cover(fabsf(dist - radius) - h);
    }
    /* Beyond the ends: the round caps. */
    float d0x = x - radius * cosf(a0), d0y = y - radius * sinf(a0);
    float d1x = x - radius * cosf(a1), d1y = y - radius * sinf(a1);
    float d0 = sqrtf(d0x * d0x + d0y * d0y), d1 = sqrtf(d1x * d1x + d1y * d1y);
    return edge_cover((d0 < d1 ? d0 : d1) - h);
}

static float rrect_dist(float x, float y, float hw, float hh, float radius)
{
    float qx = fabsf(x) - (hw - radius), qy = fabsf(y) - (hh - radius);
    float mx = qx > 0.0f ? qx : 0.0f, my = qy > 0.0f ? qy : 0.0f;
    float inside = qx > qy ? qx : qy;
    return sqrtf(mx * mx + my * my) + (inside < 0.0f ? inside : 0.0f) - radius;
}

static float cover(const geom *g, float x, float y)
{
    switch (g->s) {
    case SHAPE_DISC:
        return edge_cover(sqrtf(x * x + y * y) - g->a);
    case SHAPE_ELLIPSE:
        return edge_cover(ellipse_dist(x, y, g->a, g->b));
    case SHAPE_GLOW: {
        float d2 = x * x + y * y;
        if (d2 >= g->b * g->b) {
            return 0.0f;
        }
        float dist = sqrtf(d2);
        float inner = g->a > 0.0f ? clamp01(dist - g->a + 0.5f) : 1.0f;
        return inner * clamp01(1.0f - (dist - g->a) / (g->b - g->a));
    }
    case SHAPE_ARC:
        return arc_cover(g, x, y);
    case SHAPE_RRECT:
        return edge_cover(rrect_dist(x, y, g->a * 0.5f, g->b * 0.5f, g->c));
    case SHAPE_OUTLINE:
        /* The far (upper) half at g->d of the near half's strength. */
        return edge_cover(fabsf(ellipse_dist(x, y, g->a, g->b)) - g->c * 0.5f) *
               (y > 0.0f ? 1.0f : g->d);
    default:
        return 0.0f;
    }
}

/* Half extents from the centre, in whole pixels, with room for the feather. */
static void extents(const geom *g, int *ex, int *ey)
{
    float hx, hy;
    switch (g->s) {
    case SHAPE_ELLIPSE:
        hx = g->a;
        hy = g->b;
        break;
    case SHAPE_OUTLINE:
        hx = g->a + g->c * 0.5f;
        hy = g->b + g->c * 0.5f;
        break;
    case SHAPE_GLOW:
        hx = hy = g->b;
        break;
    case SHAPE_ARC:
        hx = hy = g->a + g->b;
        break;
    case SHAPE_RRECT:
        hx = g->a * 0.5f;
        hy = g->b * 0.5f;
        break;
    case SHAPE_DISC:
    default:
        hx = hy = g->a;
        break;
    }
    *ex = (int)ceilf(hx + FEATHER) + 1;
    *ey = (int)ceilf(hy + FEATHER) + 1;
}

/* ---- the cache ---- */

/* The colour is part of the texture, not a modulation: SDL's software renderer copies a
 * modulated texture through its generic per-pixel blitter at about three times the cost of a
 * plain blended copy. An opaque colour is kept exactly (the screenshot tests look for the
 * characters' own colours); a translucent one (glows, ripples, fades, which change with the
 * person's effort) to 4 levels of 255 a channel, so that it is not made again every frame. */
static uint32_t colour_key(ebb_rgba c)
{
    if (c.a == 255) {
        return 0xff000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | (uint32_t)c.b;
    }
    uint32_t q[4] = {c.a, c.r, c.g, c.b};
    for (int i = 0; i < 4; i++) {
        q[i] = (q[i] + 2u) / 4u * 4u;
        q[i] = q[i] > 255u ? 255u : q[i];
    }
    return q[0] << 24 | q[1] << 16 | q[2] << 8 | q[3];
}

static int32_t q_size(float v)
{
    return (int32_t)lrintf(v * SIZE_Q);
}

static int32_t q_angle(float v)
{
    return (int32_t)lrintf(v / (2.0f * PI_F) * ANGLE_Q);
}

static geom geom_of(const key *k)
{
    geom g = {(shape)k->shape, (float)k->p[0] / SIZE_Q, (float)k->p[1] / SIZE_Q,
              (float)k->p[2] / SIZE_Q, (float)k->p[3] / SIZE_Q};
    if (g.s == SHAPE_ARC) {
        g.c = (float)k->p[2] / ANGLE_Q * 2.0f * PI_F;
        g.d = (float)k->p[3] / ANGLE_Q * 2.0f * PI_F;
    }
    return g;
}

static void drop(cache *c, entry *e)
{
    if (e->live) {
        SDL_DestroyTexture(e->tex);
        c->bytes -= (size_t)e->w * (size_t)e->h * 4u;
    }
    memset(e, 0, sizeof *e);
}

void ebb_sprite_release(SDL_Renderer *r)
{
    cache *c = &g_cache;
    if (r && c->owner && c->owner != r) {
        return;
    }
    for (int i = 0; i < CACHE_MAX; i++) {
        drop(c, &c->e[i]);
    }
    c->owner = NULL;
    c->bytes = 0;
}

static entry *victim(cache *c)
{
    entry *old = NULL;
    for (int i = 0; i < CACHE_MAX; i++) {
        if (!c->e[i].live) {
            return &c->e[i];
        }
        if (!old || c->e[i].used < old->used) {
            old = &c->e[i];
        }
    }
    return old;
}

static entry *make(cache *c, SDL_Renderer *r, const key *k)
{
    geom g = geom_of(k);
    int ex, ey;
    extents(&g, &ex, &ey);
    int w = 2 * ex + 2, h = 2 * ey + 2;
    if (w > SIDE_MAX || h > SIDE_MAX) {
        return NULL;
    }
    size_t bytes = (size_t)w * (size_t)h * 4u;
    while (c->bytes + bytes > CACHE_BYTES) {
        entry *v = victim(c);
        if (!v || !v->live) {
            break;
        }
        drop(c, v);
    }
    Uint32 *px = malloc(bytes);
    if (!px) {
        return NULL;
    }
    float ox = (float)k->fx / (float)SUBPIX, oy = (float)k->fy / (float)SUBPIX;
    float alpha = (float)(k->argb >> 24);
    Uint32 rgb = k->argb & 0x00ffffffu;
    for (int j = 0; j < h; j++) {
        float y = (float)(j - ey) + 0.5f - oy;
        for (int i = 0; i < w; i++) {
            float x = (float)(i - ex) + 0.5f - ox;
            Uint32 a = (Uint32)lrintf(cover(&g, x, y) * alpha);
            px[(size_t)j * (size_t)w + (size_t)i] = (a << 24) | rgb;
        }
    }
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
    if (t && SDL_UpdateTexture(t, NULL, px, w * 4) != 0) {
        SDL_DestroyTexture(t);
        t = NULL;
    }
    free(px);
    if (!t) {
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    entry *e = victim(c);
    drop(c, e);
    *e = (entry){*k, t, w, h, ex, ey, 0, true};
    c->bytes += bytes;
    return e;
}

static entry *find(cache *c, const key *k)
{
    for (int i = 0; i < CACHE_MAX; i++) {
        if (c->e[i].live && memcmp(&c->e[i].k, k, sizeof *k) == 0) {
            return &c->e[i];
        }
    }
    return NULL;
}

static void subpixel(float v, int *whole, int *frac)
{
    long q = lrintf(v * (float)SUBPIX);
    long w = q >= 0 ? q / SUBPIX : -((-q + SUBPIX - 1) / SUBPIX);
    *whole = (int)w;
    *frac = (int)(q - w * SUBPIX);
}

static bool put(SDL_Renderer *r, key k, float cx, float cy, ebb_rgba col)
{
    cache *c = &g_cache;
    if (!r) {
        return false;
    }
    if (c->owner != r) {
        /* Another renderer: the old one's textures may already be gone with it, so they are
         * forgotten, not destroyed (a renderer frees its own textures). */
        memset(c->e, 0, sizeof c->e);
        c->bytes = 0;
        c->owner = r;
    }
    k.argb = colour_key(col);
    if ((k.argb >> 24) == 0) {
        return true;
    }
    int ix, iy;
    subpixel(cx, &ix, &k.fx);
    subpixel(cy, &iy, &k.fy);
    entry *e = find(c, &k);
    if (e) {
        c->hits++;
    } else {
        e = make(c, r, &k);
        c->misses++;
        if (!e) {
            return false;
        }
    }
    e->used = ++c->clock;
    SDL_Rect dst = {ix - e->ex, iy - e->ey, e->w, e->h};
    return SDL_RenderCopy(r, e->tex, NULL, &dst) == 0;
}

static key key_of(shape s, float a, float b, float c, float d)
{
    key k;
    memset(&k, 0, sizeof k); /* padding too: keys are compared with memcmp */
    k.shape = (int)s;
    k.p[0] = q_size(a);
    k.p[1] = q_size(b);
    k.p[2] = q_size(c);
    k.p[3] = q_size(d);
    return k;
}

bool ebb_sprite_disc(SDL_Renderer *r, float cx, float cy, float radius, ebb_rgba c)
{
    if (!(radius > 0.0f)) {
        return true;
    }
    return put(r, key_of(SHAPE_DISC, radius, 0.0f, 0.0f, 0.0f), cx, cy, c);
}

bool ebb_sprite_ellipse(SDL_Renderer *r, float cx, float cy, float rx, float ry, ebb_rgba c)
{
    if (!(rx > 0.0f) || !(ry > 0.0f)) {
        return true;
    }
    return put(r, key_of(SHAPE_ELLIPSE, rx, ry, 0.0f, 0.0f), cx, cy, c);
}

bool ebb_sprite_glow(SDL_Renderer *r, float cx, float cy, float r_in, float r_out, ebb_rgba c)
{
    if (!(r_out > r_in) || r_in < 0.0f) {
        return true;
    }
    return put(r, key_of(SHAPE_GLOW, r_in, r_out, 0.0f, 0.0f), cx, cy, c);
}

bool ebb_sprite_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0,
                    float a1, ebb_rgba c)
{
    if (!(radius > 0.0f) || !(thickness > 0.0f)) {
        return true;
    }
    key k = key_of(SHAPE_ARC, radius, thickness * 0.5f, 0.0f, 0.0f);
    /* Angles from a0 in [0, 1 turn), so the same arc turned by whole turns is one texture. */
    float base = fmodf(a0, 2.0f * PI_F);
    if (base < 0.0f) {
        base += 2.0f * PI_F;
    }
    float span = a1 - a0;
    if (span > 2.0f * PI_F) {
        span = 2.0f * PI_F;
    }
    k.p[2] = q_angle(base);
    k.p[3] = k.p[2] + q_angle(span);
    return put(r, k, cx, cy, c);
}

bool ebb_sprite_outline(SDL_Renderer *r, float cx, float cy, float rx, float ry, float thickness,
                        float far, ebb_rgba c)
{
    if (!(rx > 0.0f) || !(ry > 0.0f) || !(thickness > 0.0f)) {
        return true;
    }
    /* far is kept to 1/8 like a size: a fraction, not pixels, but fine enough. */
    return put(r, key_of(SHAPE_OUTLINE, rx, ry, thickness, far), cx, cy, c);
}

bool ebb_sprite_round_rect(SDL_Renderer *r, float x, float y, float w, float h, float radius,
                           ebb_rgba c)
{
    if (!(w > 0.0f) || !(h > 0.0f)) {
        return true;
    }
    return put(r, key_of(SHAPE_RRECT, w, h, radius, 0.0f), x + w * 0.5f, y + h * 0.5f, c);
}

ebb_sprite_stats ebb_sprite_get_stats(void)
{
    ebb_sprite_stats s = {0, g_cache.bytes, g_cache.hits, g_cache.misses};
    for (int i = 0; i < CACHE_MAX; i++) {
        s.entries += g_cache.e[i].live ? 1u : 0u;
    }
    return s;
}
