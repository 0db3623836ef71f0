/* The characters, drawn by the program on SDL_RenderGeometry (draw.h); no copied art.
 *
 *   balloon (breathing): a soft round creature with closed eyes that swells on the in-breath
 *     and softens (a little wider, a little lower) on the out-breath; its string sways.
 *   lantern (lengthening): a paper lantern on water. Its glow turns calmer and the ripples
 *     under it still when rest is low and steady.
 *   kite (strengthening): a kite that climbs with a squeeze; a ring around it fills while the
 *     squeeze is held in the band (the hold meter); its tail flutters.
 *   orb (assessment, or no name): the round face of the first versions.
 *
 * Every body is drawn opaque in exactly the kind's colour (theme.h) over most of a disc of
 * the body radius around the centre, so the screenshot tests can find it. Decorations use
 * other colours. Extra motion (string, tail, ripples) only with pose->motion. */
#include "gfx/character.h"

#include <math.h>
#include <string.h>

#include "app/app_state.h"
#include "gfx/draw.h"
#include "gfx/sprite.h"

#define PI_F 3.14159265f

typedef enum style { STYLE_ORB = 0, STYLE_BALLOON, STYLE_LANTERN, STYLE_KITE } style;

static style style_of(const ebb_character_pose *p)
{
    const char *n = p->name ? p->name : "";
    if (strcmp(n, "balloon") == 0) {
        return STYLE_BALLOON;
    }
    if (strcmp(n, "lantern") == 0) {
        return STYLE_LANTERN;
    }
    if (strcmp(n, "kite") == 0) {
        return STYLE_KITE;
    }
    switch (p->kind) {
    case EBB_LEVEL_BREATHING:
        return STYLE_BALLOON;
    case EBB_LEVEL_LENGTHENING:
        return STYLE_LANTERN;
    case EBB_LEVEL_STRENGTHENING:
        return STYLE_KITE;
    case EBB_LEVEL_ASSESSMENT:
    case EBB_LEVEL_KIND_COUNT:
    default:
        return STYLE_ORB;
    }
}

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

/* Closed, content eyes (arcs) or open ones (dots with a glint), cheeks and a smile. */
static void draw_face(SDL_Renderer *rd, float cx, float cy, float r, bool closed, float smile)
{
    ebb_rgba face = EBB_THEME_FACE;
    float ex = r * 0.34f, ey = cy - r * 0.08f;
    for (int s = -1; s <= 1; s += 2) {
        if (closed) {
            ebb_draw_arc(rd, cx + (float)s * ex, ey - r * 0.06f, r * 0.12f, r * 0.085f,
                         PI_F * 0.15f, PI_F * 0.85f, face);
        } else {
            ebb_draw_circle(rd, cx + (float)s * ex, ey, r * 0.095f, face);
            ebb_draw_circle(rd, cx + (float)s * ex + r * 0.03f, ey - r * 0.035f, r * 0.03f,
                            (ebb_rgba){255, 255, 255, 200});
        }
        ebb_draw_circle(rd, cx + (float)s * r * 0.56f, cy + r * 0.16f, r * 0.13f,
                        (ebb_rgba){255, 120, 130, 60});
    }
    float open = 0.10f * clamp01(smile);
    ebb_draw_arc(rd, cx, cy + r * 0.06f, r * 0.26f, r * 0.075f, PI_F * (0.22f - open),
                 PI_F * (0.78f + open), face);
}

static void draw_glow(SDL_Renderer *rd, float cx, float cy, float r, ebb_rgba c, float a)
{
    ebb_draw_ring(rd, cx, cy, r * 0.95f, r * 2.1f, ebb_theme_alpha(c, a), ebb_theme_alpha(c, 0.0f));
}

/* A glow that also fills the middle, for bodies that are not round. */
static void draw_glow_full(SDL_Renderer *rd, float cx, float cy, float r, ebb_rgba c, float a)
{
    ebb_draw_circle(rd, cx, cy, r * 0.95f, ebb_theme_alpha(c, a));
    draw_glow(rd, cx, cy, r, c, a);
}

/* The outline of a flat ellipse (a ripple): the near half brighter than the far half. */
static void draw_ripple(SDL_Renderer *rd, float cx, float cy, float rx, float ry, float th,
                        ebb_rgba c)
{
    if (!ebb_draw_triangles_only() && ebb_sprite_outline(rd, cx, cy, rx, ry, th, 0.45f, c)) {
        return;
    }
    enum { SEG = 36 };
    float px = cx + rx, py = cy;
    for (int i = 1; i <= SEG; i++) {
        float a = 2.0f * PI_F * (float)i / (float)SEG;
        float x = cx + rx * cosf(a), y = cy + ry * sinf(a);
        ebb_rgba k = ebb_theme_alpha(c, (float)c.a / 255.0f * (sinf(a) > 0.0f ? 1.0f : 0.45f));
        ebb_draw_line(rd, px, py, x, y, th, k, k);
        px = x;
        py = y;
    }
}

static void draw_orb(ebb_app *app, const ebb_character_pose *p, ebb_rgba body)
{
    SDL_Renderer *rd = app->renderer;
    draw_glow(rd, p->cx, p->cy, p->radius, body, 0.16f + 0.20f * p->effort);
    ebb_draw_circle(rd, p->cx, p->cy, p->radius, body);
    ebb_draw_circle(rd, p->cx - p->radius * 0.32f, p->cy - p->radius * 0.38f, p->radius * 0.34f,
                    (ebb_rgba){255, 255, 255, 46});
    draw_face(rd, p->cx, p->cy, p->radius, false, p->effort);
}

static void draw_balloon(ebb_app *app, const ebb_character_pose *p, ebb_rgba body)
{
    SDL_Renderer *rd = app->renderer;
    float r = p->radius;
    /* Softening on the out-breath: a little wider and lower, never smaller than the disc the
     * tests look for. */
    float soft = clamp01(-p->rising * 1.5f);
    float rx = r * (1.0f + 0.07f * soft), ry = r * (1.0f - 0.03f * soft);
    float cy = p->cy + r * 0.03f * soft;
    draw_glow(rd, p->cx, cy, r, body, 0.14f + 0.22f * p->effort);
    /* The string, swaying gently, then the knot. */
    float sway = p->motion ? sinf((float)p->t * 1.3f) * r * 0.18f : 0.0f;
    ebb_rgba str = ebb_theme_alpha(EBB_THEME_TEXT_SOFT, 0.45f);
    float kx = p->cx, ky = cy + ry;
    float px = kx, py = ky + r * 0.12f;
    for (int i = 1; i <= 8; i++) {
        float f = (float)i / 8.0f;
        float x = kx + sinf(f * 3.0f) * r * 0.12f + sway * f;
        float y = ky + r * 0.12f + f * r * 1.4f;
        ebb_draw_line(rd, px, py, x, y, r * 0.045f + 1.0f, str, ebb_theme_alpha(str, 0.45f * (1.0f - f * 0.8f)));
        px = x;
        py = y;
    }
    ebb_rgba knot = ebb_theme_mix(body, EBB_THEME_FACE, 0.25f);
    float kxs[3] = {kx, kx - r * 0.12f, kx + r * 0.12f};
    float kys[3] = {ky - r * 0.04f, ky + r * 0.14f, ky + r * 0.14f};
    ebb_draw_polygon(rd, kxs, kys, 3, knot);
    ebb_draw_ellipse(rd, p->cx, cy, rx, ry, body);
    ebb_draw_ellipse(rd, p->cx - r * 0.36f, cy - r * 0.40f, r * 0.22f, r * 0.30f,
                     (ebb_rgba){255, 255, 255, 56});
    draw_face(rd, p->cx, cy, r, true, 0.0f);
}

static void draw_lantern(ebb_app *app, const ebb_character_pose *p, ebb_rgba body)
{
    SDL_Renderer *rd = app->renderer;
    float r = p->radius, cx = p->cx, cy = p->cy;
    float calm = clamp01(p->calm);
    /* Water: a calm surface line, and ripples under the lantern that spread and fade; few,
     * slow and faint when rest is low and steady. */
    ebb_rgba water = EBB_THEME_WATER;
    float wy = cy + r * 1.0f;
    ebb_draw_line(rd, cx - r * 3.4f, wy, cx, wy, r * 0.05f + 1.0f, ebb_theme_alpha(water, 0.0f),
                  ebb_theme_alpha(water, 0.45f));
    ebb_draw_line(rd, cx, wy, cx + r * 3.4f, wy, r * 0.05f + 1.0f, ebb_theme_alpha(water, 0.45f),
                  ebb_theme_alpha(water, 0.0f));
    int rings = 1 + (int)((1.0f - calm) * 3.0f + 0.5f);
    for (int i = 0; i < rings; i++) {
        float phase = p->motion ? fmodf((float)p->t * (0.15f + 0.45f * (1.0f - calm)) +
                                            (float)i / (float)rings, 1.0f)
                                : (float)(i + 1) / (float)(rings + 1);
        /* Whole pixels: a ripple's shape is made again only when it has grown by one. */
        float rr = roundf(r * (1.0f + 1.9f * phase));
        float a = (1.0f - phase) * (0.25f + 0.35f * (1.0f - calm));
        draw_ripple(rd, cx, wy, rr, rr * 0.16f, r * 0.035f + 1.0f, ebb_theme_alpha(water, a));
    }
    /* A reflection: soft light on the water below. */
    ebb_draw_ellipse(rd, cx, wy + r * 0.30f, r * 0.55f, r * 0.10f, ebb_theme_alpha(body, 0.22f));
    /* The glow: warm when unsettled, calmer (toward the water's colour) when at rest. */
    ebb_rgba glow = ebb_theme_mix(body, water, calm * 0.6f);
    draw_glow_full(rd, cx, cy, r, glow, 0.12f + 0.16f * (1.0f - calm));
    /* Paper body: a round lantern in the kind's colour, with two soft ribs. */
    ebb_draw_ellipse(rd, cx, cy, r * 1.0f, r * 0.9f, body);
    ebb_rgba rib = ebb_theme_alpha(ebb_theme_mix(body, EBB_THEME_FACE, 0.35f), 0.30f);
    for (int s = -1; s <= 1; s += 2) {
        ebb_draw_arc(rd, cx + (float)s * r * 0.35f, cy, r * 0.55f, r * 0.035f + 1.0f,
                     s < 0 ? PI_F * 0.62f : -PI_F * 0.38f, s < 0 ? PI_F * 1.38f : PI_F * 0.38f, rib);
    }
    /* Caps top and bottom, and a little handle. */
    ebb_rgba cap = ebb_theme_mix(EBB_THEME_FACE, body, 0.25f);
    ebb_draw_round_rect(rd, (ebb_frect){cx - r * 0.45f, cy - r * 1.0f, r * 0.9f, r * 0.18f}, r * 0.08f, cap);
    ebb_draw_round_rect(rd, (ebb_frect){cx - r * 0.45f, cy + r * 0.82f, r * 0.9f, r * 0.18f}, r * 0.08f, cap);
    ebb_draw_arc(rd, cx, cy - r * 1.0f, r * 0.24f, r * 0.06f, PI_F * 1.05f, PI_F * 1.95f, cap);
    ebb_draw_ellipse(rd, cx - r * 0.40f, cy - r * 0.38f, r * 0.18f, r * 0.30f,
                     (ebb_rgba){255, 255, 255, 50});
    draw_face(rd, cx, cy, r * 0.92f, calm > 0.5f, 0.4f * calm);
}

static void draw_kite(ebb_app *app, const ebb_character_pose *p, ebb_rgba body)
{
    SDL_Renderer *rd = app->renderer;
    float r = p->radius, cx = p->cx, cy = p->cy;
    /* The tail trails behind (left), fluttering. */
    ebb_rgba str = ebb_theme_alpha(EBB_THEME_TEXT_SOFT, 0.5f);
    float tx = cx, ty = cy + r * 1.2f;
    float flutter = p->motion ? (float)p->t * 3.0f : 0.0f;
    float px = tx, py = ty;
    for (int i = 1; i <= 10; i++) {
        float f = (float)i / 10.0f;
        float x = tx - f * r * 2.6f;
        float y = ty + f * r * 0.9f + sinf(f * 6.0f + flutter) * r * 0.16f;
        ebb_draw_line(rd, px, py, x, y, r * 0.04f + 1.0f, str, str);
        if (i % 3 == 0) {
            ebb_rgba bow = ebb_theme_alpha(i % 2 ? EBB_THEME_ACCENT : EBB_THEME_STAR, 0.85f);
            float bx[3] = {x, x - r * 0.16f, x - r * 0.16f}, by[3] = {y, y - r * 0.12f, y + r * 0.12f};
            float cx2[3] = {x, x + r * 0.16f, x + r * 0.16f};
            ebb_draw_polygon(rd, bx, by, 3, bow);
            ebb_draw_polygon(rd, cx2, by, 3, bow);
        }
        px = x;
        py = y;
    }
    draw_glow_full(rd, cx, cy, r, body, 0.10f + 0.22f * p->effort);
    /* The hold meter: a ring around the kite that fills while the squeeze is held. */
    if (p->hold >= 0.0f) {
        float mr = r * 1.62f, th = r * 0.13f;
        ebb_draw_arc(rd, cx, cy, mr, th, 0.0f, 2.0f * PI_F, ebb_theme_alpha(EBB_THEME_TEXT, 0.10f));
        float h = clamp01(p->hold);
        if (h > 0.005f) {
            ebb_draw_arc(rd, cx, cy, mr, th, -PI_F * 0.5f, -PI_F * 0.5f + 2.0f * PI_F * h,
                         ebb_theme_alpha(EBB_THEME_ACCENT, 0.9f));
        }
    }
    float xs[4] = {cx, cx + r * 1.02f, cx, cx - r * 1.02f};
    float ys[4] = {cy - r * 1.32f, cy - r * 0.18f, cy + r * 1.22f, cy - r * 0.18f};
    ebb_draw_polygon(rd, xs, ys, 4, body);
    /* The spars. */
    ebb_rgba spar = ebb_theme_alpha(EBB_THEME_FACE, 0.35f);
    ebb_draw_line(rd, cx, cy - r * 1.25f, cx, cy + r * 1.15f, r * 0.05f + 1.0f, spar, spar);
    ebb_draw_line(rd, cx - r * 0.95f, cy - r * 0.18f, cx + r * 0.95f, cy - r * 0.18f,
                  r * 0.05f + 1.0f, spar, spar);
    draw_face(rd, cx, cy + r * 0.12f, r * 0.7f, false, p->effort);
}

void ebb_character_draw(ebb_app *app, const ebb_character_pose *pose)
{
    ebb_character_pose p = *pose;
    p.effort = clamp01(p.effort);
    ebb_rgba body = ebb_theme_character(p.kind);
    switch (style_of(&p)) {
    case STYLE_BALLOON:
        draw_balloon(app, &p, body);
        break;
    case STYLE_LANTERN:
        draw_lantern(app, &p, body);
        break;
    case STYLE_KITE:
        draw_kite(app, &p, body);
        break;
    case STYLE_ORB:
    default:
        draw_orb(app, &p, body);
        break;
    }
}
