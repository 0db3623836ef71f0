/* The drawing primitives on SDL's real software renderer (the game's default), drawn into a
 * memory surface and read back pixel by pixel: the cached round shapes (game/gfx/sprite.c),
 * the rectangle paths for axis-aligned lines and band slabs (game/gfx/draw.c), and the play
 * track's band layer (game/gfx/track.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>

#include "gfx/draw.h"
#include "gfx/layout.h"
#include "gfx/sprite.h"
#include "gfx/track.h"

#define W 200
#define H 160
#define PI_F 3.14159265f

typedef struct canvas {
    SDL_Surface *s;
    SDL_Renderer *r;
} canvas;

static canvas open_canvas(void)
{
    canvas c;
    c.s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c.s);
    c.r = SDL_CreateSoftwareRenderer(c.s);
    assert_non_null(c.r);
    return c;
}

static void close_canvas(canvas *c)
{
    ebb_sprite_release(c->r);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

static void clear(canvas *c, Uint8 v)
{
    SDL_SetRenderDrawBlendMode(c->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(c->r, v, v, v, 255);
    SDL_RenderClear(c->r);
}

/* Renders what is queued and returns the pixel's colour (alpha ignored). */
static ebb_rgba px(canvas *c, int x, int y)
{
    SDL_RenderFlush(c->r);
    Uint32 v = ((const Uint32 *)c->s->pixels)[(size_t)y * (size_t)(c->s->pitch / 4) + (size_t)x];
    ebb_rgba k;
    SDL_GetRGBA(v, c->s->format, &k.r, &k.g, &k.b, &k.a);
    k.a = 255;
    return k;
}

static void snapshot(canvas *c, Uint32 *out)
{
    SDL_RenderFlush(c->r);
    for (int y = 0; y < H; y++) {
        memcpy(out + (size_t)y * W, (const Uint8 *)c->s->pixels + (size_t)y * (size_t)c->s->pitch,
               W * 4);
    }
}

static const ebb_rgba RED = {250, 40, 30, 255};

static void disc_has_its_colour_inside_and_nothing_outside(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    ebb_draw_circle(c.r, 100.0f, 80.0f, 20.25f, RED);
    ebb_rgba mid = px(&c, 100, 80);
    assert_int_equal(mid.r, RED.r); /* exactly the colour: the screenshot tests look for it */
    assert_int_equal(mid.g, RED.g);
    assert_int_equal(mid.b, RED.b);
    assert_int_equal(px(&c, 100 + 18, 80).r, RED.r);
    assert_int_equal(px(&c, 100 + 22, 80).r, 0);
    assert_int_equal(px(&c, 100, 80 - 22).r, 0);
    assert_int_equal(px(&c, 116, 96).r, 0); /* the disc's corner is round */
    /* The edge is soft: the pixel the circle crosses is in between. */
    ebb_rgba edge = px(&c, 120, 80); /* its centre 20.5 px out */
    assert_true(edge.r > 0 && edge.r < RED.r);
    close_canvas(&c);
}

static void cached_and_fresh_shapes_are_the_same_picture(void **state)
{
    (void)state;
    static Uint32 a[W * H], b[W * H], d[W * H];
    canvas c = open_canvas();
    clear(&c, 30);
    ebb_sprite_stats before = ebb_sprite_get_stats();
    ebb_draw_ellipse(c.r, 60.3f, 50.6f, 30.0f, 22.0f, RED);
    ebb_draw_arc(c.r, 140.0f, 90.0f, 30.0f, 6.0f, 0.2f, 2.5f, RED);
    snapshot(&c, a);
    ebb_sprite_stats mid = ebb_sprite_get_stats();
    assert_int_equal(mid.misses - before.misses, 2);
    clear(&c, 30);
    ebb_draw_ellipse(c.r, 60.3f, 50.6f, 30.0f, 22.0f, RED);
    ebb_draw_arc(c.r, 140.0f, 90.0f, 30.0f, 6.0f, 0.2f, 2.5f, RED);
    snapshot(&c, b);
    ebb_sprite_stats after = ebb_sprite_get_stats();
    assert_int_equal(after.hits - mid.hits, 2);
    assert_int_equal(after.misses, mid.misses);
    assert_memory_equal(a, b, sizeof a);
    /* Made again from nothing: the same. */
    ebb_sprite_release(c.r);
    assert_int_equal(ebb_sprite_get_stats().entries, 0);
    clear(&c, 30);
    ebb_draw_ellipse(c.r, 60.3f, 50.6f, 30.0f, 22.0f, RED);
    ebb_draw_arc(c.r, 140.0f, 90.0f, 30.0f, 6.0f, 0.2f, 2.5f, RED);
    snapshot(&c, d);
    assert_memory_equal(a, d, sizeof a);
    close_canvas(&c);
}

static void a_quarter_pixel_moves_the_edge(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    ebb_draw_circle(c.r, 100.0f, 80.0f, 10.25f, RED);
    Uint8 left = px(&c, 89, 80).r;
    assert_true(left > 0);
    clear(&c, 0);
    ebb_draw_circle(c.r, 99.75f, 80.0f, 10.25f, RED);
    /* Moved a quarter pixel left: the left edge pixel is fuller. */
    assert_true(px(&c, 89, 80).r > left);
    close_canvas(&c);
}

static void glow_fades_outward_and_leaves_its_middle(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    ebb_rgba in = {200, 200, 200, 200}, out = {200, 200, 200, 0};
    ebb_draw_ring(c.r, 100.0f, 80.0f, 20.0f, 60.0f, in, out);
    assert_int_equal(px(&c, 100, 80).r, 0);
    Uint8 near = px(&c, 100 + 22, 80).r, half = px(&c, 100 + 40, 80).r,
          far = px(&c, 100 + 58, 80).r;
    assert_true(near > half && half > far);
    assert_true(near > 140 && near <= 157); /* about 200 * 200/255 */
    assert_int_equal(px(&c, 100 + 62, 80).r, 0);
    close_canvas(&c);
}

static void arc_covers_its_angles_only(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    /* From the right, a quarter turn clockwise on screen (y down): through the lower right. */
    ebb_draw_arc(c.r, 100.0f, 80.0f, 40.0f, 8.0f, 0.0f, PI_F * 0.5f, RED);
    int d = (int)(40.0f * 0.7071f);
    assert_int_equal(px(&c, 100 + d, 80 + d).r, RED.r);
    assert_int_equal(px(&c, 100 + d, 80 - d).r, 0);
    assert_int_equal(px(&c, 100 - d, 80 + d).r, 0);
    assert_int_equal(px(&c, 100, 80).r, 0);
    /* Round caps reach a little past each end. */
    assert_true(px(&c, 100 + 40, 80 - 2).r > 0);
    close_canvas(&c);
}

static void round_rect_has_round_corners(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    ebb_draw_round_rect(c.r, (ebb_frect){20.0f, 20.0f, 120.0f, 60.0f}, 20.0f, RED);
    assert_int_equal(px(&c, 80, 50).r, RED.r);
    assert_int_equal(px(&c, 80, 21).r, RED.r);  /* along the top edge */
    assert_int_equal(px(&c, 21, 21).r, 0);      /* cut off by the corner */
    assert_int_equal(px(&c, 80, 18).r, 0);
    close_canvas(&c);
}

static void straight_lines_are_soft_bars(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    ebb_rgba a = {255, 255, 255, 255}, b = {255, 255, 255, 0};
    ebb_draw_line(c.r, 10.0f, 40.0f, 190.0f, 40.0f, 4.0f, a, b); /* fading to the right */
    assert_true(px(&c, 12, 40).r > 240);
    assert_true(px(&c, 100, 40).r > 100 && px(&c, 100, 40).r < 160);
    assert_true(px(&c, 188, 40).r < 15);
    assert_int_equal(px(&c, 12, 45).r, 0); /* 2 px half width + under 1 px of fade */
    assert_true(px(&c, 12, 42).r > 0);
    ebb_draw_line(c.r, 150.0f, 100.0f, 150.0f, 60.0f, 2.0f, a, a); /* upwards, vertical */
    assert_int_equal(px(&c, 150, 80).r, 255);
    assert_int_equal(px(&c, 153, 80).r, 0);
    assert_int_equal(px(&c, 150, 105).r, 0);
    close_canvas(&c);
}

/* A ramping band: the flat middle is rectangles and the slopes triangles; down any column the
 * band is one even colour, with no seam where the pieces meet. */
static void slab_pieces_meet_without_a_seam(void **state)
{
    (void)state;
    canvas c = open_canvas();
    clear(&c, 0);
    ebb_rgba k = {120, 200, 180, 90};
    ebb_draw_slab(c.r, 10.0f, 190.0f, 20.3f, 60.7f, 100.2f, 140.6f, k, k);
    for (int x = 20; x < 180; x += 7) {
        int y0 = -1, y1 = -1;
        for (int y = 0; y < H; y++) {
            if (px(&c, x, y).g > 0) {
                y0 = y0 < 0 ? y : y0;
                y1 = y;
            }
        }
        assert_true(y0 > 0 && y1 > y0);
        Uint8 want = px(&c, x, (y0 + y1) / 2).g;
        for (int y = y0 + 1; y < y1; y++) {
            assert_int_equal(px(&c, x, y).g, want);
        }
    }
    close_canvas(&c);
}

/* The band copied from the track layer has the colour blending the band gave. */
static void track_layer_gives_the_blended_colour(void **state)
{
    (void)state;
    canvas c = open_canvas();
    SDL_Texture *bg = SDL_CreateTexture(c.r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, W, H);
    assert_non_null(bg);
    static Uint32 grey[W * H];
    for (size_t i = 0; i < W * H; i++) {
        grey[i] = 0xff203040u;
    }
    SDL_UpdateTexture(bg, NULL, grey, W * 4);
    SDL_SetTextureBlendMode(bg, SDL_BLENDMODE_NONE);
    ebb_play_layout l;
    ebb_layout_play_scaled(&l, W, H, 1.0f);
    ebb_track_layer t = {0};
    float full = EBB_THEME_BAND_ALPHA;
    SDL_RenderCopy(c.r, bg, NULL, NULL);
    assert_true(ebb_track_band(&t, c.r, bg, &l, 40.0f, 120.0f, 30.0f, 90.0f, 1.0f, 1.0f));
    assert_true(ebb_track_band(&t, c.r, bg, &l, 120.0f, 160.0f, 30.0f, 90.0f, 0.4f, 0.4f));
    /* What a blended fill gives, beside it. */
    ebb_rgba band = ebb_theme_alpha(EBB_THEME_BAND, full);
    SDL_SetRenderDrawBlendMode(c.r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(c.r, band.r, band.g, band.b, band.a);
    SDL_RenderFillRect(c.r, &(SDL_Rect){40, 100, 80, 20});
    band = ebb_theme_alpha(EBB_THEME_BAND, full * 0.4f);
    SDL_SetRenderDrawColor(c.r, band.r, band.g, band.b, band.a);
    SDL_RenderFillRect(c.r, &(SDL_Rect){120, 100, 40, 20});
    /* Away from the guide lines the layer also holds. */
    int y = (int)ebb_layout_effort_y(&l, 0.125f);
    ebb_rgba got = px(&c, 60, y), want = px(&c, 60, 110);
    assert_true(abs(got.r - want.r) <= 2 && abs(got.g - want.g) <= 2 && abs(got.b - want.b) <= 2);
    got = px(&c, 140, y);
    want = px(&c, 140, 110);
    assert_true(abs(got.r - want.r) <= 2 && abs(got.g - want.g) <= 2 && abs(got.b - want.b) <= 2);
    assert_false(ebb_track_band(&t, c.r, bg, &l, 0.0f, 10.0f, 0.0f, 10.0f, 1.5f, 1.5f));
    ebb_track_layer_free(&t);
    SDL_DestroyTexture(bg);
    close_canvas(&c);
}

/* The guides copied from the layer are the guides drawn, pixel for pixel. */
static void track_guides_copied_are_the_guides_drawn(void **state)
{
    (void)state;
    static Uint32 drawn[W * H], copied[W * H];
    canvas c = open_canvas();
    SDL_Texture *bg = SDL_CreateTexture(c.r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, W, H);
    static Uint32 grad[W * H];
    for (size_t i = 0; i < W * H; i++) {
        Uint32 v = (Uint32)(i / W) & 0xffu;
        grad[i] = 0xff000000u | v << 16 | (v / 2) << 8 | 40u;
    }
    SDL_UpdateTexture(bg, NULL, grad, W * 4);
    SDL_SetTextureBlendMode(bg, SDL_BLENDMODE_NONE);
    ebb_play_layout l;
    ebb_layout_play_scaled(&l, W, H, 1.0f);
    SDL_RenderCopy(c.r, bg, NULL, NULL);
    ebb_track_draw_guides(c.r, &l);
    snapshot(&c, drawn);
    ebb_track_layer t = {0};
    SDL_RenderCopy(c.r, bg, NULL, NULL);
    ebb_track_guides(&t, c.r, bg, &l);
    assert_non_null(t.base);
    snapshot(&c, copied);
    assert_memory_equal(drawn, copied, sizeof drawn);
    /* and they are there: a guide row differs from the background */
    int y = (int)ebb_layout_effort_y(&l, 0.5f);
    assert_true(drawn[(size_t)y * W + 50] != grad[(size_t)y * W + 50]);
    ebb_track_layer_free(&t);
    SDL_DestroyTexture(bg);
    close_canvas(&c);
}

/* A renderer destroyed and another made: nothing of the old one's textures is used. */
static void a_new_renderer_starts_a_new_cache(void **state)
{
    (void)state;
    canvas a = open_canvas();
    clear(&a, 0);
    ebb_draw_circle(a.r, 50.0f, 50.0f, 12.0f, RED);
    assert_int_equal(px(&a, 50, 50).r, RED.r);
    SDL_DestroyRenderer(a.r); /* without ebb_sprite_release(): the cache must notice */
    SDL_FreeSurface(a.s);
    canvas b = open_canvas();
    clear(&b, 0);
    ebb_draw_circle(b.r, 50.0f, 50.0f, 12.0f, RED);
    assert_int_equal(px(&b, 50, 50).r, RED.r);
    close_canvas(&b);
}

int main(void)
{
    if (SDL_Init(0) != 0) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(disc_has_its_colour_inside_and_nothing_outside),
        cmocka_unit_test(cached_and_fresh_shapes_are_the_same_picture),
        cmocka_unit_test(a_quarter_pixel_moves_the_edge),
        cmocka_unit_test(glow_fades_outward_and_leaves_its_middle),
        cmocka_unit_test(arc_covers_its_angles_only),
        cmocka_unit_test(round_rect_has_round_corners),
        cmocka_unit_test(straight_lines_are_soft_bars),
        cmocka_unit_test(slab_pieces_meet_without_a_seam),
        cmocka_unit_test(track_layer_gives_the_blended_colour),
        cmocka_unit_test(track_guides_copied_are_the_guides_drawn),
        cmocka_unit_test(a_new_renderer_starts_a_new_cache),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
