/* Screenshot checker: looks at a play-screen image where game/gfx/layout.c says things must be.
 *
 *   shotcheck IMAGE LEVEL_FILE AT_S EFFORT
 *       The image is non-blank; the character's body colour (theme.h, by level kind) fills
 *       the place where EFFORT puts it and not the opposite height; the target band's colour
 *       is inside the band the level has 1..4 s after AT_S, ahead of the character, and not
 *       well outside it.
 *   shotcheck --moved IMAGE_A EFFORT_A IMAGE_B EFFORT_B LEVEL_FILE
 *       The character is at the height of each effort in each image, and it moved.
 *   shotcheck --colour IMAGE X0 Y0 X1 Y1 RRGGBB MIN [MAX]
 *       In the region X0..X1, Y0..Y1 (fractions of the image's width and height), the share of
 *       pixels within 24 per channel of colour RRGGBB is at least MIN (and at most MAX when
 *       given): text of a known colour is present in a known place, a palette is applied.
 *   shotcheck --bigger IMAGE_A IMAGE_B X0 Y0 X1 Y1 RRGGBB
 *       The bounding box of the pixels near RRGGBB in the region is at least 15 % wider and
 *       taller in IMAGE_B than in IMAGE_A (larger text really is larger).
 *   shotcheck --diff IMAGE_A IMAGE_B X0 Y0 X1 Y1 MIN [MAX]
 *       The share of pixels in the region that differ (by more than 8 in some channel)
 *       between the two images is at least MIN (and at most MAX): something moved there, or
 *       nothing did.
 *   shotcheck --stars IMAGE MIN MAX
 *       The results screen (layout.c): each of the three places in the star row holds a star
 *       shape (filled at its centre and at its five points, background in the notches between
 *       them); between MIN and MAX of them in the star colour, the others not.
 *   shotcheck --palette NAME ...
 *       Any of the above with the colours of that palette (default, colour-blind,
 *       high-contrast) instead of the default one.
 *
 * Exit 0 when every check holds, 1 when one fails (each is printed), 2 on bad input. */
#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx/layout.h"
#include "core/level.h"
#include "gfx/theme.h"

static int failures;

static void check(bool ok, const char *what, double got, double want)
{
    printf("  %-58s %s (%.3f, want %.3f)\n", what, ok ? "ok" : "FAIL", got, want);
    if (!ok) {
        failures++;
    }
}

typedef struct image {
    SDL_Surface *s; /* RGB24 */
    int w, h;
} image;

static bool load_image(const char *path, image *img)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "shotcheck: cannot read %s: %s\n", path, IMG_GetError());
        return false;
    }
    img->s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB24, 0);
    SDL_FreeSurface(raw);
    if (!img->s) {
        return false;
    }
    img->w = img->s->w;
    img->h = img->s->h;
    return true;
}

static ebb_rgba pixel(const image *img, int x, int y)
{
    if (x < 0 || y < 0 || x >= img->w || y >= img->h) {
        return (ebb_rgba){0, 0, 0, 0};
    }
    const Uint8 *p = (const Uint8 *)img->s->pixels + (size_t)y * (size_t)img->s->pitch + (size_t)x * 3u;
    return (ebb_rgba){p[0], p[1], p[2], 255};
}

static bool near(ebb_rgba a, ebb_rgba b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static bool load_level(const char *path, ebb_level *lv)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "shotcheck: cannot read %s\n", path);
        return false;
    }
    static char buf[EBB_LEVEL_FILE_MAX + 1];
    size_t n = fread(buf, 1, EBB_LEVEL_FILE_MAX, f);
    fclose(f);
    buf[n] = '\0';
    static ebb_diags d;
    ebb_diags_init(&d, path);
    if (!ebb_level_parse(buf, n, path, lv, &d)) {
        ebb_diags_print(&d, stderr);
        return false;
    }
    return true;
}

/* Distinct colours on a sparse grid: a blank or flat image has a handful. */
static int distinct_colours(const image *img)
{
    enum { SLOTS = 8192 };
    static uint32_t seen[SLOTS];
    static bool used[SLOTS];
    memset(used, 0, sizeof used);
    int count = 0;
    for (int y = 0; y < img->h; y += 3) {
        for (int x = 0; x < img->w; x += 3) {
            ebb_rgba c = pixel(img, x, y);
            uint32_t key = (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
            uint32_t h = (key * 2654435761u) % SLOTS;
            while (used[h] && seen[h] != key) {
                h = (h + 1) % SLOTS;
            }
            if (!used[h] && count < SLOTS - 1) {
                used[h] = true;
                seen[h] = key;
                count++;
            }
        }
    }
    return count;
}

/* Share of pixels in the square of half-size r around (cx, cy) that have the colour. */
static double share_of(const image *img, float cx, float cy, float r, ebb_rgba c, int tol)
{
    int hit = 0, all = 0;
    for (int y = (int)(cy - r); y <= (int)(cy + r); y++) {
        for (int x = (int)(cx - r); x <= (int)(cx + r); x++) {
            all++;
            hit += near(pixel(img, x, y), c, tol);
        }
    }
    return all ? (double)hit / all : 0.0;
}

/* Mean y of the character's body colour in the character's column, or -1 if absent. */
static double character_y(const image *img, const ebb_play_layout *l, ebb_rgba body)
{
    double sum = 0.0;
    int n = 0;
    for (int y = 0; y < img->h; y++) {
        for (int x = (int)(l->char_x - l->char_r); x <= (int)(l->char_x + l->char_r); x++) {
            if (near(pixel(img, x, y), body, 4)) {
                sum += y;
                n++;
            }
        }
    }
    return n > 20 ? sum / n : -1.0;
}

static void check_character(const image *img, const ebb_play_layout *l, const ebb_level *lv,
                            float effort)
{
    ebb_rgba body = ebb_theme_character(lv->kind);
    float y = ebb_layout_effort_y(l, effort);
    double here = share_of(img, l->char_x, y, l->char_r * 0.7f, body, 4);
    check(here > 0.45, "character colour where the effort puts it", here, 0.45);
    float other = effort > 0.5f ? 0.0f : 1.0f;
    double there = share_of(img, l->char_x, ebb_layout_effort_y(l, other), l->char_r * 0.7f, body, 4);
    check(there < 0.01, "no character colour at the opposite height", there, 0.01);
    double cy = character_y(img, l, body);
    check(fabs(cy - y) < l->char_r * 0.25f, "character centre height (px)", cy, y);
}

/* The band's interior is EBB_THEME_BAND at EBB_THEME_BAND_ALPHA over the background. Looks at
 * columns 1..4 s ahead: rows inside the band (away from its edges and the guide lines) must
 * mostly have the band colour, rows well outside it must not. */
static void check_band(const image *img, const ebb_play_layout *l, const ebb_level *lv,
                       double at_s)
{
    int in_hit = 0, in_all = 0, out_hit = 0, out_all = 0;
    float margin = l->h * 0.012f + 3.0f;
    for (double dt = 1.0; dt <= 4.0; dt += 0.25) {
        double t_ms = (at_s + dt) * 1000.0;
        if (t_ms >= (double)lv->total_ms) {
            break;
        }
        size_t si = ebb_level_step_at(lv, (uint32_t)t_ms);
        const ebb_step *st = &lv->steps[si];
        /* Skip columns near a step boundary (bands jump there). */
        double into = t_ms - st->start_ms;
        if (into < 150.0 || into > st->duration_ms - 150.0) {
            continue;
        }
        float lo, hi;
        ebb_step_band_at(st, (uint32_t)into, &lo, &hi);
        int x = (int)ebb_layout_time_x(l, (float)dt);
        float y_top = ebb_layout_effort_y(l, hi), y_bottom = ebb_layout_effort_y(l, lo);
        for (int y = (int)l->track_top; y <= (int)l->track_bottom; y += 2) {
            bool guide = false;
            for (int g = 0; g <= 4; g++) {
                guide |= fabsf((float)y - ebb_layout_effort_y(l, (float)g / 4.0f)) < 4.0f;
            }
            if (guide) {
                continue;
            }
            ebb_rgba bg = ebb_theme_bg_at(((float)y + 0.5f) / l->h);
            ebb_rgba want = ebb_theme_blend(EBB_THEME_BAND, bg, EBB_THEME_BAND_ALPHA);
            bool is_band = near(pixel(img, x, y), want, 6);
            if ((float)y > y_top + margin && (float)y < y_bottom - margin) {
                in_all++;
                in_hit += is_band;
            } else if ((float)y < y_top - margin || (float)y > y_bottom + margin) {
                out_all++;
                out_hit += is_band;
            }
        }
    }
    double in_share = in_all ? (double)in_hit / in_all : 0.0;
    double out_share = out_all ? (double)out_hit / out_all : 0.0;
    check(in_all > 20 && in_share > 0.9, "band colour inside the coming band", in_share, 0.9);
    check(out_share < 0.02, "no band colour well outside it", out_share, 0.02);
}

static int run_single(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: shotcheck IMAGE LEVEL_FILE AT_S EFFORT\n");
        return 2;
    }
    image img;
    ebb_level lv;
    if (!load_image(argv[1], &img) || !load_level(argv[2], &lv)) {
        return 2;
    }
    double at_s = atof(argv[3]);
    float effort = (float)atof(argv[4]);
    printf("shotcheck %s (%dx%d), %s at %.2f s, effort %.2f\n", argv[1], img.w, img.h, lv.id,
           at_s, (double)effort);
    ebb_play_layout l;
    ebb_layout_play(&l, img.w, img.h);
    int colours = distinct_colours(&img);
    check(colours > 200, "distinct colours (not blank)", colours, 200);
    check_character(&img, &l, &lv, effort);
    check_band(&img, &l, &lv, at_s);
    SDL_FreeSurface(img.s);
    ebb_level_free(&lv);
    return failures ? 1 : 0;
}

static int run_moved(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: shotcheck --moved IMAGE_A EFFORT_A IMAGE_B EFFORT_B LEVEL_FILE\n");
        return 2;
    }
    image a, b;
    ebb_level lv;
    if (!load_image(argv[2], &a) || !load_image(argv[4], &b) || !load_level(argv[6], &lv)) {
        return 2;
    }
    float ea = (float)atof(argv[3]), eb = (float)atof(argv[5]);
    printf("shotcheck --moved: %s (effort %.2f) vs %s (effort %.2f)\n", argv[2], (double)ea,
           argv[4], (double)eb);
    ebb_play_layout l;
    ebb_layout_play(&l, a.w, a.h);
    ebb_rgba body = ebb_theme_character(lv.kind);
    double ya = character_y(&a, &l, body), yb = character_y(&b, &l, body);
    check(fabs(ya - ebb_layout_effort_y(&l, ea)) < l.char_r * 0.25f, "A: character height (px)", ya,
          ebb_layout_effort_y(&l, ea));
    check(fabs(yb - ebb_layout_effort_y(&l, eb)) < l.char_r * 0.25f, "B: character height (px)", yb,
          ebb_layout_effort_y(&l, eb));
    double want = ebb_layout_effort_y(&l, ea) - ebb_layout_effort_y(&l, eb);
    check(ya >= 0 && yb >= 0 && fabs((ya - yb) - want) < l.char_r * 0.5f,
          "the character moved by the effort difference (px)", ya - yb, want);
    SDL_FreeSurface(a.s);
    SDL_FreeSurface(b.s);
    ebb_level_free(&lv);
    return failures ? 1 : 0;
}

static int run_colour(int argc, char **argv)
{
    if (argc != 9 && argc != 10) {
        fprintf(stderr, "usage: shotcheck --colour IMAGE X0 Y0 X1 Y1 RRGGBB MIN [MAX]\n");
        return 2;
    }
    image img;
    if (!load_image(argv[2], &img)) {
        return 2;
    }
    double fx0 = atof(argv[3]), fy0 = atof(argv[4]), fx1 = atof(argv[5]), fy1 = atof(argv[6]);
    unsigned long rgb = strtoul(argv[7], NULL, 16);
    ebb_rgba want = {(uint8_t)(rgb >> 16), (uint8_t)(rgb >> 8), (uint8_t)rgb, 255};
    double min = atof(argv[8]), max = argc == 10 ? atof(argv[9]) : 1.0;
    int x0 = (int)(fx0 * img.w), x1 = (int)(fx1 * img.w);
    int y0 = (int)(fy0 * img.h), y1 = (int)(fy1 * img.h);
    long hits = 0, total = 0;
    for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
            ebb_rgba c = pixel(&img, x, y);
            total++;
            hits += abs(c.r - want.r) <= 24 && abs(c.g - want.g) <= 24 && abs(c.b - want.b) <= 24;
        }
    }
    double frac = total ? (double)hits / (double)total : 0.0;
    char what[160];
    snprintf(what, sizeof what, "#%s in (%.2f,%.2f)-(%.2f,%.2f), share", argv[7], fx0, fy0, fx1, fy1);
    check(frac >= min && frac <= max, what, frac, frac < min ? min : max);
    SDL_FreeSurface(img.s);
    return failures ? 1 : 0;
}

/* The box around pixels within 24 per channel of want in the region; false if none. */
static bool colour_bbox(const image *img, double fx0, double fy0, double fx1, double fy1,
                        ebb_rgba want, int box[4])
{
    int x0 = (int)(fx0 * img->w), x1 = (int)(fx1 * img->w);
    int y0 = (int)(fy0 * img->h), y1 = (int)(fy1 * img->h);
    box[0] = x1;
    box[1] = y1;
    box[2] = x0 - 1;
    box[3] = y0 - 1;
    for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
            if (near(pixel(img, x, y), want, 24)) {
                box[0] = x < box[0] ? x : box[0];
                box[1] = y < box[1] ? y : box[1];
                box[2] = x > box[2] ? x : box[2];
                box[3] = y > box[3] ? y : box[3];
            }
        }
    }
    return box[2] >= box[0];
}

static int run_bigger(int argc, char **argv)
{
    if (argc != 9) {
        fprintf(stderr, "usage: shotcheck --bigger IMAGE_A IMAGE_B X0 Y0 X1 Y1 RRGGBB\n");
        return 2;
    }
    image a, b;
    if (!load_image(argv[2], &a) || !load_image(argv[3], &b)) {
        return 2;
    }
    double f[4] = {atof(argv[4]), atof(argv[5]), atof(argv[6]), atof(argv[7])};
    unsigned long rgb = strtoul(argv[8], NULL, 16);
    ebb_rgba want = {(uint8_t)(rgb >> 16), (uint8_t)(rgb >> 8), (uint8_t)rgb, 255};
    int ba[4], bb[4];
    bool fa = colour_bbox(&a, f[0], f[1], f[2], f[3], want, ba);
    bool fb = colour_bbox(&b, f[0], f[1], f[2], f[3], want, bb);
    check(fa && fb, "text of that colour in both images", fa && fb, 1);
    if (fa && fb) {
        double wa = ba[2] - ba[0] + 1, ha = ba[3] - ba[1] + 1;
        double wb = bb[2] - bb[0] + 1, hb = bb[3] - bb[1] + 1;
        check(wb >= wa * 1.15, "B's box is wider (px)", wb, wa * 1.15);
        check(hb >= ha * 1.15, "B's box is taller (px)", hb, ha * 1.15);
    }
    SDL_FreeSurface(a.s);
    SDL_FreeSurface(b.s);
    return failures ? 1 : 0;
}

static int run_diff(int argc, char **argv)
{
    if (argc != 9 && argc != 10) {
        fprintf(stderr, "usage: shotcheck --diff IMAGE_A IMAGE_B X0 Y0 X1 Y1 MIN [MAX]\n");
        return 2;
    }
    image a, b;
    if (!load_image(argv[2], &a) || !load_image(argv[3], &b)) {
        return 2;
    }
    if (a.w != b.w || a.h != b.h) {
        fprintf(stderr, "shotcheck: the images differ in size\n");
        return 2;
    }
    double f[4] = {atof(argv[4]), atof(argv[5]), atof(argv[6]), atof(argv[7])};
    double min = atof(argv[8]), max = argc == 10 ? atof(argv[9]) : 1.0;
    long diff = 0, total = 0;
    for (int y = (int)(f[1] * a.h); y < (int)(f[3] * a.h); y++) {
        for (int x = (int)(f[0] * a.w); x < (int)(f[2] * a.w); x++) {
            total++;
            diff += !near(pixel(&a, x, y), pixel(&b, x, y), 8);
        }
    }
    double share = total ? (double)diff / (double)total : 0.0;
    char what[160];
    snprintf(what, sizeof what, "pixels that differ in (%.2f,%.2f)-(%.2f,%.2f), share", f[0], f[1],
             f[2], f[3]);
    check(share >= min && share <= max, what, share, share < min ? min : max);
    SDL_FreeSurface(a.s);
    SDL_FreeSurface(b.s);
    return failures ? 1 : 0;
}

/* Share of the 3x3 pixels around (x, y) near colour c. */
static double spot(const image *img, float x, float y, ebb_rgba c, int tol)
{
    return share_of(img, x, y, 1.0f, c, tol);
}

static int run_stars(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: shotcheck --stars IMAGE MIN MAX\n");
        return 2;
    }
    image img;
    if (!load_image(argv[2], &img)) {
        return 2;
    }
    int min = atoi(argv[3]), max = atoi(argv[4]);
    ebb_results_layout l;
    ebb_layout_results(&l, img.w, img.h);
    float cy = l.stars.y + l.stars.h * 0.5f;
    int lit = 0;
    for (int i = 0; i < 3; i++) {
        float cx = (float)img.w * 0.5f + (float)(i - 1) * l.star_gap;
        ebb_rgba centre = pixel(&img, (int)cx, (int)cy);
        bool is_lit = near(centre, EBB_THEME_STAR, 6);
        lit += is_lit;
        /* The shape: the star's own colour at its centre and 0.75 of the way to each point;
         * something else in each notch between two points at that radius. */
        int points = 0, notches = 0;
        for (int k = 0; k < 10; k++) {
            float a = -1.5707963f + (float)k * 3.14159265f / 5.0f;
            float x = cx + 0.75f * l.star_r * cosf(a), y = cy + 0.75f * l.star_r * sinf(a);
            double hit = spot(&img, x, y, centre, 6);
            if (k % 2 == 0) {
                points += hit > 0.5;
            } else {
                notches += hit < 0.5;
            }
        }
        char what[96];
        snprintf(what, sizeof what, "star %d: points of the star shape (%s)", i + 1,
                 is_lit ? "lit" : "unlit");
        check(points == 5, what, points, 5);
        snprintf(what, sizeof what, "star %d: notches between its points", i + 1);
        check(notches == 5, what, notches, 5);
    }
    check(lit >= min && lit <= max, "stars in the star colour", lit, lit < min ? min : max);
    SDL_FreeSurface(img.s);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    int rc = 0;
    if (argc > 2 && strcmp(argv[1], "--palette") == 0) {
        int found = -1;
        for (int i = 0; i < EBB_PALETTE_COUNT; i++) {
            if (strcmp(argv[2], ebb_palette_name((ebb_palette)i)) == 0) {
                found = i;
            }
        }
        if (found < 0) {
            fprintf(stderr, "shotcheck: unknown palette '%s'\n", argv[2]);
            return 2;
        }
        ebb_theme_use((ebb_palette)found);
        argv[2] = argv[0];
        argv += 2;
        argc -= 2;
    }
    if (argc > 1 && strcmp(argv[1], "--moved") == 0) {
        rc = run_moved(argc, argv);
    } else if (argc > 1 && strcmp(argv[1], "--colour") == 0) {
        rc = run_colour(argc, argv);
    } else if (argc > 1 && strcmp(argv[1], "--diff") == 0) {
        rc = run_diff(argc, argv);
    } else if (argc > 1 && strcmp(argv[1], "--stars") == 0) {
        rc = run_stars(argc, argv);
    } else if (argc > 1 && strcmp(argv[1], "--bigger") == 0) {
        rc = run_bigger(argc, argv);
    } else {
        rc = run_single(argc, argv);
    }
    IMG_Quit();
    printf("shotcheck: %s\n", rc == 0 ? "ok" : (rc == 1 ? "FAIL" : "error"));
    return rc;
}
