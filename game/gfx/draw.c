#include "gfx/draw.h"

#include <math.h>

#include "gfx/sprite.h"

#define PI_F 3.14159265f
#define FEATHER 0.9f /* pixels of fade at soft edges */
#define VMAX 3072

/* One batch of triangles (three vertices each), flushed when full or when a shape ends. */
typedef struct batch {
    SDL_Renderer *r;
    SDL_Vertex v[VMAX];
    int n;
} batch;

static batch g_batch;
static bool g_triangles_only;

void ebb_draw_use_triangles(bool on)
{
    g_triangles_only = on;
}

bool ebb_draw_triangles_only(void)
{
    return g_triangles_only;
}

static SDL_Color to_sdl(ebb_rgba c)
{
    return (SDL_Color){c.r, c.g, c.b, c.a};
}

static void flush(batch *b)
{
    if (b->n > 0) {
        /* Geometry blends by the renderer's draw mode, which a caller may have left at none
         * (a clear): every soft edge here needs blending. */
        SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
        SDL_RenderGeometry(b->r, NULL, b->v, b->n, NULL, 0);
        b->n = 0;
    }
}

static batch *begin(SDL_Renderer *r)
{
    g_batch.r = r;
    g_batch.n = 0;
    return &g_batch;
}

static void tri(batch *b, float x0, float y0, ebb_rgba c0, float x1, float y1, ebb_rgba c1,
                float x2, float y2, ebb_rgba c2)
{
    if (b->n + 3 > VMAX) {
        flush(b);
    }
    SDL_Vertex *v = &b->v[b->n];
    v[0] = (SDL_Vertex){{x0, y0}, to_sdl(c0), {0, 0}};
    v[1] = (SDL_Vertex){{x1, y1}, to_sdl(c1), {0, 0}};
    v[2] = (SDL_Vertex){{x2, y2}, to_sdl(c2), {0, 0}};
    b->n += 3;
}

/* A quad a-b-c-d (in order around it) with a colour per corner. */
static void quad(batch *b, float ax, float ay, ebb_rgba ac, float bx, float by, ebb_rgba bc,
                 float cx, float cy, ebb_rgba cc, float dx, float dy, ebb_rgba dc)
{
    tri(b, ax, ay, ac, bx, by, bc, cx, cy, cc);
    tri(b, ax, ay, ac, cx, cy, cc, dx, dy, dc);
}

static int segments_for(float radius)
{
    int n = (int)(radius * 0.8f);
    if (n < 20) {
        n = 20;
    }
    if (n > 180) {
        n = 180;
    }
    return n;
}

static ebb_rgba clear_of(ebb_rgba c)
{
    c.a = 0;
    return c;
}

static ebb_rgba lerp_rgba(ebb_rgba a, ebb_rgba b, float t)
{
    return (ebb_rgba){(Uint8)lrintf((float)a.r + ((float)b.r - (float)a.r) * t),
                      (Uint8)lrintf((float)a.g + ((float)b.g - (float)a.g) * t),
                      (Uint8)lrintf((float)a.b + ((float)b.b - (float)a.b) * t),
                      (Uint8)lrintf((float)a.a + ((float)b.a - (float)a.a) * t)};
}

/* Axis-aligned pieces are plain blended rectangles, which the software renderer fills in a
 * tight loop, instead of triangles (each filled through a scratch surface there). A colour
 * that changes along the piece is laid down in strips a few pixels wide, fine enough that no
 * step shows at these alphas. */
static void fill_rect(SDL_Renderer *r, float x, float y, float w, float h, ebb_rgba c)
{
    if (c.a == 0 || w <= 0.0f || h <= 0.0f) {
        return;
    }
    /* Whole pixels whose centres are inside, as triangles would cover, so that strips side
     * by side neither overlap nor leave gaps. */
    int x0 = (int)lrintf(x), x1 = (int)lrintf(x + w), y0 = (int)lrintf(y), y1 = (int)lrintf(y + h);
    if (x1 <= x0 || y1 <= y0) {
        return;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_Rect rc = {x0, y0, x1 - x0, y1 - y0};
    SDL_RenderFillRect(r, &rc);
}

static void fill_span(SDL_Renderer *r, bool across_x, float u0, float u1, float v, float h,
                      ebb_rgba c0, ebb_rgba c1)
{
    float len = u1 - u0;
    int n = 1;
    if (c0.r != c1.r || c0.g != c1.g || c0.b != c1.b || c0.a != c1.a) {
        n = (int)(len / 4.0f) + 1;
        n = n > 96 ? 96 : n;
    }
    for (int i = 0; i < n; i++) {
        float a = u0 + len * (float)i / (float)n, b = u0 + len * (float)(i + 1) / (float)n;
        ebb_rgba c = n == 1 ? c0 : lerp_rgba(c0, c1, ((float)i + 0.5f) / (float)n);
        if (across_x) {
            fill_rect(r, a, v, b - a, h, c);
        } else {
            fill_rect(r, v, a, h, b - a, c);
        }
    }
}

/* A soft bar along x (or y when !across_x) from u0 to u1 centred on v, half as thick as h,
 * fading over FEATHER pixels on each side: row by row of whole pixels. */
static void soft_bar(SDL_Renderer *r, bool across_x, float u0, float u1, float v, float h,
                     ebb_rgba c0, ebb_rgba c1)
{
    int first = (int)floorf(v - h - FEATHER), last = (int)ceilf(v + h + FEATHER);
    for (int j = first; j <= last; j++) {
        float d = fabsf((float)j + 0.5f - v);
        float cov = (h + FEATHER - d) / FEATHER;
        cov = cov > 1.0f ? 1.0f : cov;
        if (cov <= 0.0f) {
            continue;
        }
        ebb_rgba k0 = c0, k1 = c1;
        k0.a = (Uint8)lrintf((float)c0.a * cov);
        k1.a = (Uint8)lrintf((float)c1.a * cov);
        fill_span(r, across_x, u0, u1, (float)j, 1.0f, k0, k1);
    }
}

void ebb_draw_gradient_v(SDL_Renderer *r, ebb_frect rc, ebb_rgba top, ebb_rgba bottom)
{
    batch *b = begin(r);
    quad(b, rc.x, rc.y, top, rc.x + rc.w, rc.y, top, rc.x + rc.w, rc.y + rc.h, bottom, rc.x,
         rc.y + rc.h, bottom);
    flush(b);
}

void ebb_draw_circle(SDL_Renderer *r, float cx, float cy, float radius, ebb_rgba c)
{
    if (radius <= 0.0f || (!g_triangles_only && ebb_sprite_disc(r, cx, cy, radius, c))) {
        return;
    }
    batch *b = begin(r);
    int n = segments_for(radius);
    float core = radius - FEATHER * 0.5f;
    float outer = radius + FEATHER * 0.5f;
    if (core < 0.0f) {
        core = 0.0f;
    }
    ebb_rgba clear = clear_of(c);
    for (int i = 0; i < n; i++) {
        float a0 = 2.0f * PI_F * (float)i / (float)n;
        float a1 = 2.0f * PI_F * (float)(i + 1) / (float)n;
        float c0 = cosf(a0), s0 = sinf(a0), c1 = cosf(a1), s1 = sinf(a1);
        tri(b, cx, cy, c, cx + core * c0, cy + core * s0, c, cx + core * c1, cy + core * s1, c);
        quad(b, cx + core * c0, cy + core * s0, c, cx + outer * c0, cy + outer * s0, clear,
             cx + outer * c1, cy + outer * s1, clear, cx + core * c1, cy + core * s1, c);
    }
    flush(b);
}

void ebb_draw_ring(SDL_Renderer *r, float cx, float cy, float r_in, float r_out, ebb_rgba c_in,
                   ebb_rgba c_out)
{
    /* A glow (one colour fading to nothing) is a cached texture; other rings are triangles. */
    if (c_out.a == 0 && c_out.r == c_in.r && c_out.g == c_in.g && c_out.b == c_in.b &&
        (!g_triangles_only && ebb_sprite_glow(r, cx, cy, r_in, r_out, c_in))) {
        return;
    }
    batch *b = begin(r);
    int n = segments_for(r_out);
    for (int i = 0; i < n; i++) {
        float a0 = 2.0f * PI_F * (float)i / (float)n;
        float a1 = 2.0f * PI_F * (float)(i + 1) / (float)n;
        float c0 = cosf(a0), s0 = sinf(a0), c1 = cosf(a1), s1 = sinf(a1);
        quad(b, cx + r_in * c0, cy + r_in * s0, c_in, cx + r_out * c0, cy + r_out * s0, c_out,
             cx + r_out * c1, cy + r_out * s1, c_out, cx + r_in * c1, cy + r_in * s1, c_in);
    }
    flush(b);
}

void ebb_draw_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0,
                  float a1, ebb_rgba c)
{
    if (a1 < a0) {
        float t = a0;
        a0 = a1;
        a1 = t;
    }
    if (!g_triangles_only && ebb_sprite_arc(r, cx, cy, radius, thickness, a0, a1, c)) {
        return;
    }
    batch *b = begin(r);
    int n = (int)((float)segments_for(radius) * (a1 - a0) / (2.0f * PI_F)) + 2;
    float h = thickness * 0.5f;
    float ri = radius - h, ro = radius + h;
    float rfi = ri - FEATHER, rfo = ro + FEATHER;
    ebb_rgba clear = clear_of(c);
    for (int i = 0; i < n; i++) {
        float t0 = a0 + (a1 - a0) * (float)i / (float)n;
        float t1 = a0 + (a1 - a0) * (float)(i + 1) / (float)n;
        float c0 = cosf(t0), s0 = sinf(t0), c1 = cosf(t1), s1 = sinf(t1);
        quad(b, cx + ri * c0, cy + ri * s0, c, cx + ro * c0, cy + ro * s0, c, cx + ro * c1,
             cy + ro * s1, c, cx + ri * c1, cy + ri * s1, c);
        quad(b, cx + ro * c0, cy + ro * s0, c, cx + rfo * c0, cy + rfo * s0, clear,
             cx + rfo * c1, cy + rfo * s1, clear, cx + ro * c1, cy + ro * s1, c);
        quad(b, cx + rfi * c0, cy + rfi * s0, clear, cx + ri * c0, cy + ri * s0, c, cx + ri * c1,
             cy + ri * s1, c, cx + rfi * c1, cy + rfi * s1, clear);
    }
    flush(b);
    /* Round caps. */
    ebb_draw_circle(r, cx + radius * cosf(a0), cy + radius * sinf(a0), h, c);
    ebb_draw_circle(r, cx + radius * cosf(a1), cy + radius * sinf(a1), h, c);
}

void ebb_draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float thickness,
                   ebb_rgba c0, ebb_rgba c1)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-4f) {
        return;
    }
    if (!g_triangles_only && (fabsf(dy) < 1e-3f || fabsf(dx) < 1e-3f)) {
        bool across_x = fabsf(dy) < 1e-3f;
        float u0 = across_x ? x0 : y0, u1 = across_x ? x1 : y1;
        if (u1 < u0) {
            float t = u0;
            u0 = u1;
            u1 = t;
            ebb_rgba k = c0;
            c0 = c1;
            c1 = k;
        }
        soft_bar(r, across_x, u0, u1, across_x ? y0 : x0, thickness * 0.5f, c0, c1);
        return;
    }
    float nx = -dy / len, ny = dx / len;
    float h = thickness * 0.5f, f = h + FEATHER;
    ebb_rgba k0 = clear_of(c0), k1 = clear_of(c1);
    batch *b = begin(r);
    quad(b, x0 + nx * h, y0 + ny * h, c0, x1 + nx * h, y1 + ny * h, c1, x1 - nx * h, y1 - ny * h,
         c1, x0 - nx * h, y0 - ny * h, c0);
    quad(b, x0 + nx * f, y0 + ny * f, k0, x1 + nx * f, y1 + ny * f, k1, x1 + nx * h, y1 + ny * h,
         c1, x0 + nx * h, y0 + ny * h, c0);
    quad(b, x0 - nx * h, y0 - ny * h, c0, x1 - nx * h, y1 - ny * h, c1, x1 - nx * f, y1 - ny * f,
         k1, x0 - nx * f, y0 - ny * f, k0);
    flush(b);
}

void ebb_draw_fade_rect(SDL_Renderer *r, float x0, float x1, float y0, float y1, ebb_rgba c0,
                        ebb_rgba c1)
{
    fill_span(r, true, x0, x1, y0, y1 - y0, c0, c1);
}

bool ebb_draw_slab_slopes(SDL_Renderer *r, float x0, float x1, float yt0, float yt1, float yb0,
                          float yb1, ebb_rgba c0, ebb_rgba c1, float *top_out, float *bottom_out)
{
    if (x1 <= x0) {
        return false;
    }
    /* The part between the lower top and the higher bottom, cut at whole pixels so that the
     * pieces meet without a seam, is a rectangle; only the slopes above and below it need
     * triangles. */
    float top = ceilf(yt0 > yt1 ? yt0 : yt1), bottom = floorf(yb0 < yb1 ? yb0 : yb1);
    batch *b = begin(r);
    bool middle = bottom > top && !g_triangles_only;
    if (middle) {
        *top_out = top;
        *bottom_out = bottom;
        if (yt0 < top || yt1 < top) {
            quad(b, x0, yt0, c0, x1, yt1, c1, x1, top, c1, x0, top, c0);
        }
        if (yb0 > bottom || yb1 > bottom) {
            quad(b, x0, bottom, c0, x1, bottom, c1, x1, yb1, c1, x0, yb0, c0);
        }
    } else {
        quad(b, x0, yt0, c0, x1, yt1, c1, x1, yb1, c1, x0, yb0, c0);
    }
    flush(b);
    return middle;
}

void ebb_draw_slab(SDL_Renderer *r, float x0, float x1, float yt0, float yt1, float yb0,
                   float yb1, ebb_rgba c0, ebb_rgba c1)
{
    float top, bottom;
    if (ebb_draw_slab_slopes(r, x0, x1, yt0, yt1, yb0, yb1, c0, c1, &top, &bottom)) {
        ebb_draw_fade_rect(r, x0, x1, top, bottom, c0, c1);
    }
}

void ebb_draw_round_rect(SDL_Renderer *r, ebb_frect rc, float radius, ebb_rgba c)
{
    float maxr = (rc.w < rc.h ? rc.w : rc.h) * 0.5f;
    if (radius > maxr) {
        radius = maxr;
    }
    if (radius < 0.0f) {
        radius = 0.0f;
    }
    if (!g_triangles_only && ebb_sprite_round_rect(r, rc.x, rc.y, rc.w, rc.h, radius, c)) {
        return;
    }
    /* Outline points with their outward normals, corner by corner. */
    enum { PER_CORNER = 10 };
    float px[4 * PER_CORNER], py[4 * PER_CORNER], nx[4 * PER_CORNER], ny[4 * PER_CORNER];
    const float ccx[4] = {rc.x + rc.w - radius, rc.x + radius, rc.x + radius, rc.x + rc.w - radius};
    const float ccy[4] = {rc.y + rc.h - radius, rc.y + rc.h - radius, rc.y + radius, rc.y + radius};
    int k = 0;
    for (int corner = 0; corner < 4; corner++) {
        for (int i = 0; i < PER_CORNER; i++) {
            float a = ((float)corner + (float)i / (float)(PER_CORNER - 1)) * PI_F * 0.5f;
            nx[k] = cosf(a);
            ny[k] = sinf(a);
            px[k] = ccx[corner] + radius * nx[k];
            py[k] = ccy[corner] + radius * ny[k];
            k++;
        }
    }
    float cx = rc.x + rc.w * 0.5f, cy = rc.y + rc.h * 0.5f;
    ebb_rgba clear = clear_of(c);
    batch *b = begin(r);
    for (int i = 0; i < k; i++) {
        int j = (i + 1) % k;
        float ix = px[i] - nx[i] * FEATHER * 0.5f, iy = py[i] - ny[i] * FEATHER * 0.5f;
        float jx = px[j] - nx[j] * FEATHER * 0.5f, jy = py[j] - ny[j] * FEATHER * 0.5f;
        tri(b, cx, cy, c, ix, iy, c, jx, jy, c);
        quad(b, ix, iy, c, px[i] + nx[i] * FEATHER * 0.5f, py[i] + ny[i] * FEATHER * 0.5f, clear,
             px[j] + nx[j] * FEATHER * 0.5f, py[j] + ny[j] * FEATHER * 0.5f, clear, jx, jy, c);
    }
    flush(b);
}

void ebb_draw_star(SDL_Renderer *r, float cx, float cy, float radius, ebb_rgba fill,
                   ebb_rgba outline, float thickness)
{
    float x[10], y[10];
    for (int i = 0; i < 10; i++) {
        float a = -PI_F * 0.5f + (float)i * PI_F / 5.0f;
        float rr = (i % 2 == 0) ? radius : radius * 0.48f;
        x[i] = cx + rr * cosf(a);
        y[i] = cy + rr * sinf(a);
    }
    if (fill.a > 0) {
        batch *b = begin(r);
        for (int i = 0; i < 10; i++) {
            int j = (i + 1) % 10;
            tri(b, cx, cy, fill, x[i], y[i], fill, x[j], y[j], fill);
        }
        flush(b);
    }
    if (outline.a > 0) {
        for (int i = 0; i < 10; i++) {
            int j = (i + 1) % 10;
            ebb_draw_line(r, x[i], y[i], x[j], y[j], thickness, outline, outline);
        }
    }
}

void ebb_draw_pointer(SDL_Renderer *r, float x, float y, float size, ebb_rgba c)
{
    batch *b = begin(r);
    tri(b, x, y, c, x - size, y - size * 0.6f, c, x - size, y + size * 0.6f, c);
    flush(b);
}

void ebb_draw_ellipse(SDL_Renderer *r, float cx, float cy, float rx, float ry, ebb_rgba c)
{
    if (rx <= 0.0f || ry <= 0.0f || (!g_triangles_only && ebb_sprite_ellipse(r, cx, cy, rx, ry, c))) {
        return;
    }
    batch *b = begin(r);
    int n = segments_for(rx > ry ? rx : ry);
    ebb_rgba clear = clear_of(c);
    float h = FEATHER * 0.5f;
    for (int i = 0; i < n; i++) {
        float a0 = 2.0f * PI_F * (float)i / (float)n;
        float a1 = 2.0f * PI_F * (float)(i + 1) / (float)n;
        float c0 = cosf(a0), s0 = sinf(a0), c1 = cosf(a1), s1 = sinf(a1);
        float ix0 = cx + (rx - h) * c0, iy0 = cy + (ry - h) * s0;
        float ix1 = cx + (rx - h) * c1, iy1 = cy + (ry - h) * s1;
        tri(b, cx, cy, c, ix0, iy0, c, ix1, iy1, c);
        quad(b, ix0, iy0, c, cx + (rx + h) * c0, cy + (ry + h) * s0, clear, cx + (rx + h) * c1,
             cy + (ry + h) * s1, clear, ix1, iy1, c);
    }
    flush(b);
}

void ebb_draw_polygon(SDL_Renderer *r, const float *x, const float *y, int n, ebb_rgba c)
{
    if (n < 3) {
        return;
    }
    float mx = 0.0f, my = 0.0f;
    for (int i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (float)n;
    my /= (float)n;
    ebb_rgba clear = clear_of(c);
    batch *b = begin(r);
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        /* Each edge gets a thin outward fade so the outline looks smooth. */
        float ex = x[j] - x[i], ey = y[j] - y[i];
        float len = sqrtf(ex * ex + ey * ey);
        if (len < 1e-4f) {
            continue;
        }
        float nx = ey / len, ny = -ex / len;
        if ((x[i] - mx) * nx + (y[i] - my) * ny < 0.0f) {
            nx = -nx;
            ny = -ny;
        }
        tri(b, mx, my, c, x[i], y[i], c, x[j], y[j], c);
        quad(b, x[i], y[i], c, x[i] + nx * FEATHER, y[i] + ny * FEATHER, clear, x[j] + nx * FEATHER,
             y[j] + ny * FEATHER, clear, x[j], y[j], c);
    }
    flush(b);
}

void ebb_draw_tick(SDL_Renderer *r, float x, float y, float size, float thickness, ebb_rgba c)
{
    float ax = x - size * 0.5f, ay = y;
    float bx = x - size * 0.12f, by = y + size * 0.38f;
    float cx = x + size * 0.55f, cy = y - size * 0.45f;
    ebb_draw_line(r, ax, ay, bx, by, thickness, c, c);
    ebb_draw_line(r, bx, by, cx, cy, thickness, c, c);
    ebb_draw_circle(r, bx, by, thickness * 0.5f, c);
}
