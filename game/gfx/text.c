#include "gfx/text.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_MAX 160
#define CACHE_STR_MAX 512

typedef struct cache_entry {
    bool used;
    ebb_font font;
    uint32_t colour;
    int wrap;
    char s[CACHE_STR_MAX];
    SDL_Texture *tex;
    int w, h;
    uint64_t last_frame;
} cache_entry;

struct ebb_text {
    SDL_Renderer *renderer;
    char path_regular[1024];
    char path_bold[1024];
    bool fake_bold;
    TTF_Font *font[EBB_FONT_COUNT];
    int size[EBB_FONT_COUNT];
    float scale;       /* the text-size setting: 1 normal, more for larger text */
    int height;        /* the window height the sizes follow */
    cache_entry cache[CACHE_MAX];
    uint64_t frame;
};

/* Font sizes as fractions of the window height, with a floor for small windows. */
static const float SIZE_FRAC[EBB_FONT_COUNT] = {0.024f, 0.030f, 0.034f, 0.058f, 0.080f, 0.17f,
                                                    0.019f};
static const int SIZE_MIN[EBB_FONT_COUNT] = {11, 13, 14, 20, 24, 40, 10};
static const bool BOLD[EBB_FONT_COUNT] = {false, false, true, true, true, true, false};

/* Asks fontconfig for a font; fills path and returns true if a file came back. *exact says
 * whether it really is DejaVu Sans (fontconfig always offers something). */
static bool find_font(const char *pattern, char *path, size_t size, bool *exact)
{
    bool ok = false;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat) {
        return false;
    }
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    if (match) {
        FcChar8 *file = NULL;
        FcChar8 *family = NULL;
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file) {
            snprintf(path, size, "%s", (const char *)file);
            ok = true;
        }
        *exact = FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch && family &&
                 strcmp((const char *)family, "DejaVu Sans") == 0;
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pat);
    return ok;
}

static void cache_clear(ebb_text *t)
{
    for (int i = 0; i < CACHE_MAX; i++) {
        if (t->cache[i].tex) {
            SDL_DestroyTexture(t->cache[i].tex);
        }
        t->cache[i].tex = NULL;
        t->cache[i].used = false;
    }
}

static void close_fonts(ebb_text *t)
{
    for (int i = 0; i < EBB_FONT_COUNT; i++) {
        if (t->font[i]) {
            TTF_CloseFont(t->font[i]);
            t->font[i] = NULL;
        }
        t->size[i] = 0;
    }
}

static bool open_fonts(ebb_text *t, int height, char *err, size_t err_size)
{
    for (int i = 0; i < EBB_FONT_COUNT; i++) {
        int px = (int)(SIZE_FRAC[i] * (float)height + 0.5f);
        if (px < SIZE_MIN[i]) {
            px = SIZE_MIN[i];
        }
        px = (int)((float)px * t->scale + 0.5f);
        if (t->font[i] && t->size[i] == px) {
            continue;
        }
        if (t->font[i]) {
            TTF_CloseFont(t->font[i]);
        }
        const char *path = (BOLD[i] && !t->fake_bold) ? t->path_bold : t->path_regular;
        t->font[i] = TTF_OpenFont(path, px);
        if (!t->font[i]) {
            if (err) {
                snprintf(err, err_size, "cannot open the font %s: %s", path, TTF_GetError());
            }
            return false;
        }
        if (BOLD[i] && t->fake_bold) {
            TTF_SetFontStyle(t->font[i], TTF_STYLE_BOLD);
        }
        TTF_SetFontHinting(t->font[i], TTF_HINTING_LIGHT);
        TTF_SetFontWrappedAlign(t->font[i], TTF_WRAPPED_ALIGN_CENTER); /* wrapped text is centred */
        t->size[i] = px;
    }
    return true;
}

ebb_text *ebb_text_create(SDL_Renderer *r, int height, char *err, size_t err_size)
{
    ebb_text *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    t->renderer = r;
    t->scale = 1.0f;
    t->height = height;
    if (!FcInit()) {
        snprintf(err, err_size, "fontconfig could not start; install fontconfig and fonts-dejavu-core");
        free(t);
        return NULL;
    }
    bool exact = false, exact_bold = false;
    bool ok = find_font("DejaVu Sans:style=Book", t->path_regular, sizeof t->path_regular, &exact);
    bool ok_bold = find_font("DejaVu Sans:style=Bold", t->path_bold, sizeof t->path_bold,
                             &exact_bold);
    if (!ok) {
        snprintf(err, err_size,
                 "cannot find the font DejaVu Sans through fontconfig; install it with "
                 "`apt-get install fonts-dejavu-core`");
        FcFini();
        free(t);
        return NULL;
    }
    if (!exact) {
        fprintf(stderr,
                "ebb: DejaVu Sans not found, using %s instead (install fonts-dejavu-core for "
                "the intended look)\n",
                t->path_regular);
    }
    t->fake_bold = !ok_bold || !exact_bold;
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "SDL_ttf could not start: %s", TTF_GetError());
        FcFini();
        free(t);
        return NULL;
    }
    if (!open_fonts(t, height, err, err_size)) {
        close_fonts(t);
        TTF_Quit();
        FcFini();
        free(t);
        return NULL;
    }
    return t;
}

void ebb_text_destroy(ebb_text *t)
{
    if (!t) {
        return;
    }
    cache_clear(t);
    close_fonts(t);
    TTF_Quit();
    FcFini(); /* fontconfig's caches, so leak checkers stay quiet */
    free(t);
}

void ebb_text_resize(ebb_text *t, int height)
{
    t->height = height;
    int before[EBB_FONT_COUNT];
    memcpy(before, t->size, sizeof before);
    char err[256];
    if (!open_fonts(t, height, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return;
    }
    if (memcmp(before, t->size, sizeof before) != 0) {
        cache_clear(t);
    }
}

void ebb_text_set_scale(ebb_text *t, float scale)
{
    if (!t || scale <= 0.0f || scale == t->scale) {
        return;
    }
    t->scale = scale;
    ebb_text_resize(t, t->height);
}

float ebb_text_scale(const ebb_text *t)
{
    return t ? t->scale : 1.0f;
}

static uint32_t pack(ebb_rgba c)
{
    return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
}

/* Finds or renders the texture for a string. Returns NULL for empty text or on failure. */
static cache_entry *lookup(ebb_text *t, ebb_font font, const char *s, ebb_rgba colour, int wrap)
{
    if (!s || !*s || font < 0 || font >= EBB_FONT_COUNT || !t->font[font]) {
        return NULL;
    }
    size_t len = strlen(s);
    uint32_t key = pack(colour);
    int free_slot = -1, oldest = 0;
    for (int i = 0; i < CACHE_MAX; i++) {
        cache_entry *e = &t->cache[i];
        if (!e->used) {
            if (free_slot < 0) {
                free_slot = i;
            }
            continue;
        }
        if (e->font == font && e->colour == key && e->wrap == wrap && strcmp(e->s, s) == 0) {
            e->last_frame = t->frame;
            return e;
        }
        if (e->last_frame < t->cache[oldest].last_frame || !t->cache[oldest].used) {
            oldest = i;
        }
    }
    if (len >= CACHE_STR_MAX) {
        return NULL; /* too long for the cache: not drawn (no caller shows such text) */
    }
    int slot = free_slot >= 0 ? free_slot : oldest;
    cache_entry *e = &t->cache[slot];
    if (e->tex) {
        SDL_DestroyTexture(e->tex);
        e->tex = NULL;
    }
    e->used = false;
    SDL_Color c = {colour.r, colour.g, colour.b, 255};
    SDL_Surface *surf = wrap > 0 ? TTF_RenderUTF8_Blended_Wrapped(t->font[font], s, c, (Uint32)wrap)
                                 : TTF_RenderUTF8_Blended(t->font[font], s, c);
    if (!surf) {
        return NULL;
    }
    e->tex = SDL_CreateTextureFromSurface(t->renderer, surf);
    e->w = surf->w;
    e->h = surf->h;
    SDL_FreeSurface(surf);
    if (!e->tex) {
        return NULL;
    }
    SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(e->tex, colour.a);
    e->used = true;
    e->font = font;
    e->colour = key;
    e->wrap = wrap;
    memcpy(e->s, s, len + 1);
    e->last_frame = t->frame;
    return e;
}

float ebb_text_draw(ebb_text *t, ebb_font font, const char *s, float x, float y, ebb_align align,
                    ebb_rgba colour, float wrap_w)
{
    cache_entry *e = lookup(t, font, s, colour, wrap_w > 0.0f ? (int)wrap_w : 0);
    if (!e) {
        return 0.0f;
    }
    float dx = x;
    if (align == EBB_ALIGN_CENTER) {
        dx = x - (float)e->w * 0.5f;
    } else if (align == EBB_ALIGN_RIGHT) {
        dx = x - (float)e->w;
    }
    SDL_FRect dst = {(float)(int)(dx + 0.5f), (float)(int)(y + 0.5f), (float)e->w, (float)e->h};
    SDL_RenderCopyF(t->renderer, e->tex, NULL, &dst);
    return (float)e->h;
}

void ebb_text_draw_mid(ebb_text *t, ebb_font font, const char *s, float x, float y, float h,
                       ebb_align align, ebb_rgba colour)
{
    float lh = ebb_text_line_h(t, font);
    ebb_text_draw(t, font, s, x, y + (h - lh) * 0.5f, align, colour, 0.0f);
}

void ebb_text_measure(ebb_text *t, ebb_font font, const char *s, float wrap_w, float *w, float *h)
{
    cache_entry *e = lookup(t, font, s, EBB_THEME_TEXT, wrap_w > 0.0f ? (int)wrap_w : 0);
    *w = e ? (float)e->w : 0.0f;
    *h = e ? (float)e->h : 0.0f;
}

float ebb_text_line_h(const ebb_text *t, ebb_font font)
{
    if (font < 0 || font >= EBB_FONT_COUNT || !t->font[font]) {
        return 0.0f;
    }
    return (float)TTF_FontHeight(t->font[font]);
}

void ebb_text_frame(ebb_text *t)
{
    t->frame++;
}

float ebb_text_draw_fit(ebb_text *t, ebb_font font, const char *s, float x, float y, float max_w,
                        ebb_rgba colour)
{
    float w = 0.0f, h = 0.0f;
    ebb_text_measure(t, font, s, 0.0f, &w, &h);
    if (w <= max_w || !s) {
        return ebb_text_draw(t, font, s, x, y, EBB_ALIGN_LEFT, colour, 0.0f);
    }
    /* Cut at a word boundary and add an ellipsis, shortening until it fits. */
    char buf[CACHE_STR_MAX];
    size_t len = strlen(s);
    if (len >= sizeof buf - 4) {
        len = sizeof buf - 4;
    }
    while (len > 0) {
        size_t cut = len;
        while (cut > 0 && s[cut - 1] != ' ') {
            cut--;
        }
        if (cut == 0) {
            cut = len - 1; /* one long word: cut inside it */
            while (cut > 0 && ((unsigned char)s[cut] & 0xC0u) == 0x80u) {
                cut--; /* not in the middle of a UTF-8 sequence */
            }
        }
        while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == ';')) {
            cut--;
        }
        memcpy(buf, s, cut);
        memcpy(buf + cut, "\xe2\x80\xa6", 4); /* ... */
        ebb_text_measure(t, font, buf, 0.0f, &w, &h);
        if (w <= max_w || cut == 0) {
            return ebb_text_draw(t, font, buf, x, y, EBB_ALIGN_LEFT, colour, 0.0f);
        }
        len = cut;
    }
    return 0.0f;
}
