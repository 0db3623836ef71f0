#include "gfx/theme.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "settings/conf.h"

/* The built-in palettes. assets/palettes.conf holds the same values (a test keeps them equal);
 * these are what the game uses when that file is missing or malformed. */
static const ebb_theme_colours BUILTIN[EBB_PALETTE_COUNT] = {
    [EBB_PALETTE_DEFAULT] = {
        .bg_top = {14, 27, 46, 255},
        .bg_bottom = {18, 61, 72, 255},
        .text = {240, 236, 226, 255},
        .text_soft = {166, 190, 198, 255},
        .text_faint = {112, 140, 152, 255},
        .band = {124, 218, 192, 255},
        .band_alpha = 0.30f,
        .band_past_alpha = 0.10f,
        .band_edge_alpha = 0.65f,
        .trail = {240, 236, 226, 90},
        .panel = {255, 255, 255, 16},
        .panel_hi = {255, 255, 255, 34},
        .accent = {124, 218, 192, 255},
        .star = {255, 214, 128, 255},
        .star_empty = {255, 255, 255, 40},
        .face = {42, 48, 66, 255},
        .notice_panel = {10, 20, 34, 215},
        .hint_panel = {255, 200, 140, 44},
        .hint_text = {255, 221, 178, 255},
        .dim = {6, 12, 22, 170},
        .good = {150, 232, 200, 255},
        .missed = {190, 200, 214, 255},
        .water = {96, 170, 190, 255},
        .gate = {210, 226, 236, 255},
        .character = {
            [EBB_LEVEL_BREATHING] = {150, 196, 250, 255},
            [EBB_LEVEL_LENGTHENING] = {250, 170, 140, 255},
            [EBB_LEVEL_STRENGTHENING] = {246, 204, 112, 255},
            [EBB_LEVEL_ASSESSMENT] = {204, 176, 240, 255},
        },
    },
    /* Okabe-Ito: sky blue 56B4E9 for the band and focus, orange E69F00, yellow F0E442 and
     * reddish purple CC79A7 for the characters; a deep blue background without teal. */
    [EBB_PALETTE_COLOUR_BLIND] = {
        .bg_top = {12, 22, 50, 255},
        .bg_bottom = {22, 38, 82, 255},
        .text = {246, 246, 246, 255},
        .text_soft = {196, 204, 222, 255},
        .text_faint = {140, 152, 180, 255},
        .band = {86, 180, 233, 255},
        .band_alpha = 0.34f,
        .band_past_alpha = 0.10f,
        .band_edge_alpha = 0.75f,
        .trail = {246, 246, 246, 100},
        .panel = {255, 255, 255, 18},
        .panel_hi = {255, 255, 255, 40},
        .accent = {86, 180, 233, 255},
        .star = {240, 228, 66, 255},
        .star_empty = {255, 255, 255, 44},
        .face = {30, 34, 52, 255},
        .notice_panel = {8, 14, 36, 220},
        .hint_panel = {230, 159, 0, 50},
        .hint_text = {250, 214, 140, 255},
        .dim = {6, 10, 26, 175},
        .good = {86, 180, 233, 255},
        .missed = {200, 206, 222, 255},
        .water = {0, 114, 178, 255},
        .gate = {220, 226, 240, 255},
        .character = {
            [EBB_LEVEL_BREATHING] = {204, 121, 167, 255},
            [EBB_LEVEL_LENGTHENING] = {230, 159, 0, 255},
            [EBB_LEVEL_STRENGTHENING] = {240, 228, 66, 255},
            [EBB_LEVEL_ASSESSMENT] = {230, 230, 240, 255},
        },
    },
    /* Black, white and yellow; bold band and edges. */
    [EBB_PALETTE_HIGH_CONTRAST] = {
        .bg_top = {0, 0, 0, 255},
        .bg_bottom = {0, 0, 0, 255},
        .text = {255, 255, 255, 255},
        .text_soft = {235, 235, 235, 255},
        .text_faint = {210, 210, 210, 255},
        .band = {255, 230, 0, 255},
        .band_alpha = 0.42f,
        .band_past_alpha = 0.16f,
        .band_edge_alpha = 1.0f,
        .trail = {255, 255, 255, 160},
        .panel = {255, 255, 255, 36},
        .panel_hi = {255, 255, 255, 80},
        .accent = {255, 230, 0, 255},
        .star = {255, 230, 0, 255},
        .star_empty = {255, 255, 255, 90},
        .face = {0, 0, 0, 255},
        .notice_panel = {0, 0, 0, 235},
        .hint_panel = {255, 230, 0, 70},
        .hint_text = {255, 255, 255, 255},
        .dim = {0, 0, 0, 200},
        .good = {255, 255, 255, 255},
        .missed = {255, 255, 255, 255},
        .water = {120, 200, 255, 255},
        .gate = {255, 255, 255, 255},
        .character = {
            [EBB_LEVEL_BREATHING] = {0, 230, 255, 255},
            [EBB_LEVEL_LENGTHENING] = {255, 140, 255, 255},
            [EBB_LEVEL_STRENGTHENING] = {255, 160, 60, 255},
            [EBB_LEVEL_ASSESSMENT] = {160, 255, 160, 255},
        },
    },
};

static ebb_palette g_palette = EBB_PALETTE_DEFAULT;
static ebb_theme_colours g_loaded[EBB_PALETTE_COUNT];
static const ebb_theme_colours *g_set = BUILTIN;

static ebb_palette theme_valid(ebb_palette p)
{
    return ((unsigned)p < (unsigned)EBB_PALETTE_COUNT) ? p : EBB_PALETTE_DEFAULT;
}

void ebb_theme_use(ebb_palette p)
{
    g_palette = theme_valid(p);
}

const ebb_theme_colours *ebb_theme_current(void)
{
    return &g_set[g_palette];
}

const ebb_theme_colours *ebb_theme_palette(ebb_palette p)
{
    return &g_set[theme_valid(p)];
}

const ebb_theme_colours *ebb_theme_builtin(ebb_palette p)
{
    return &BUILTIN[theme_valid(p)];
}

void ebb_theme_set(const ebb_theme_colours palettes[EBB_PALETTE_COUNT])
{
    if (palettes) {
        memcpy(g_loaded, palettes, sizeof g_loaded);
        g_set = g_loaded;
    } else {
        g_set = BUILTIN;
    }
}

/* ---- palettes.conf ---- */

typedef enum theme_field_type { FIELD_COLOUR, FIELD_ALPHA } theme_field_type;

typedef struct theme_field {
    const char *name;
    size_t offset;
    theme_field_type type;
} theme_field;

#define COLOUR(f) {#f, offsetof(ebb_theme_colours, f), FIELD_COLOUR}
#define ALPHA(f) {#f, offsetof(ebb_theme_colours, f), FIELD_ALPHA}
#define CHARACTER(name, kind)                                                         \
    {"character." name,                                                               \
     offsetof(ebb_theme_colours, character) + (size_t)(kind) * sizeof(ebb_rgba), FIELD_COLOUR}

static const theme_field FIELDS[] = {
    COLOUR(bg_top), COLOUR(bg_bottom), COLOUR(text), COLOUR(text_soft), COLOUR(text_faint),
    COLOUR(band), ALPHA(band_alpha), ALPHA(band_past_alpha), ALPHA(band_edge_alpha),
    COLOUR(trail), COLOUR(panel), COLOUR(panel_hi), COLOUR(accent), COLOUR(star),
    COLOUR(star_empty), COLOUR(face), COLOUR(notice_panel), COLOUR(hint_panel),
    COLOUR(hint_text), COLOUR(dim), COLOUR(good), COLOUR(missed), COLOUR(water), COLOUR(gate),
    CHARACTER("breathing", EBB_LEVEL_BREATHING),
    CHARACTER("lengthening", EBB_LEVEL_LENGTHENING),
    CHARACTER("strengthening", EBB_LEVEL_STRENGTHENING),
    CHARACTER("assessment", EBB_LEVEL_ASSESSMENT),
};
#define FIELD_COUNT (sizeof FIELDS / sizeof FIELDS[0])

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* #RRGGBB (opaque) or #RRGGBBAA. */
static bool parse_colour(const char *v, ebb_rgba *out)
{
    size_t n = strlen(v);
    if (v[0] != '#' || (n != 7 && n != 9)) {
        return false;
    }
    uint8_t b[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < (n - 1) / 2; i++) {
        int hi = hex_digit(v[1 + 2 * i]), lo = hex_digit(v[2 + 2 * i]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        b[i] = (uint8_t)(hi * 16 + lo);
    }
    *out = (ebb_rgba){b[0], b[1], b[2], b[3]};
    return true;
}

static int find_palette(const char *name)
{
    for (int p = 0; p < EBB_PALETTE_COUNT; p++) {
        if (strcmp(name, ebb_palette_name((ebb_palette)p)) == 0) {
            return p;
        }
    }
    return -1;
}

static int find_field(const char *name)
{
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        if (strcmp(name, FIELDS[i].name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static void theme_key(const ebb_conf *c, int pal, ebb_theme_colours *tmp,
                      unsigned seen[][FIELD_COUNT], ebb_diags *d)
{
    int f = find_field(c->key);
    if (f < 0) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, c->line, 0,
                      "%s: not a colour of a palette (see the list at the top of the file)",
                      c->key);
        return;
    }
    if (seen[pal][f]) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_DUPLICATE, c->line, 0,
                      "%s: given twice in [%s] (first on line %u)", c->key,
                      ebb_palette_name((ebb_palette)pal), seen[pal][f]);
        return;
    }
    char *base = (char *)&tmp[pal] + FIELDS[f].offset;
    if (FIELDS[f].type == FIELD_COLOUR) {
        ebb_rgba colour;
        if (parse_colour(c->value, &colour)) {
            memcpy(base, &colour, sizeof colour);
        } else {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_BAD_VALUE, c->line, 0,
                          "%s: expected a colour like #0e1b2e or #0e1b2e80, not '%s'", c->key,
                          c->value);
        }
    } else {
        float a = 0.0f;
        if (ebb_conf_float(c->value, 0.0f, 1.0f, &a)) {
            memcpy(base, &a, sizeof a);
        } else {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, c->line, 0,
                          "%s: expected an opacity from 0 to 1, not '%s'", c->key, c->value);
        }
    }
    seen[pal][f] = c->line; /* even when bad: one mistake, one message */
}

bool ebb_theme_parse(const char *text, size_t len, ebb_theme_colours out[EBB_PALETTE_COUNT],
                     ebb_diags *d)
{
    ebb_theme_colours tmp[EBB_PALETTE_COUNT];
    unsigned seen[EBB_PALETTE_COUNT][FIELD_COUNT];
    unsigned section_line[EBB_PALETTE_COUNT];
    memset(tmp, 0, sizeof tmp);
    memset(seen, 0, sizeof seen);
    memset(section_line, 0, sizeof section_line);
    size_t errors = d->errors;
    int pal = -1;          /* -1: before any section; -2: in an unknown one (reported) */
    ebb_conf c;
    ebb_conf_init(&c, text, len);
    for (ebb_conf_item it; (it = ebb_conf_next(&c, d)) != EBB_CONF_END;) {
        if (it == EBB_CONF_SECTION) {
            pal = find_palette(c.section);
            if (pal < 0) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, c.line, 0,
                              "[%s]: not a palette (the palettes are [default], "
                              "[colour-blind] and [high-contrast])", c.section);
                pal = -2;
            } else if (section_line[pal]) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_DUPLICATE, c.line, 0,
                              "[%s]: given twice (first on line %u)", c.section,
                              section_line[pal]);
                pal = -2;
            } else {
                section_line[pal] = c.line;
            }
        } else if (it == EBB_CONF_KEY) {
            if (pal == -1) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_ORDER, c.line, 0,
                              "%s: comes before any [palette] header", c.key);
            } else if (pal >= 0) {
                theme_key(&c, pal, tmp, seen, d);
            }
        }
    }
    for (int p = 0; p < EBB_PALETTE_COUNT; p++) {
        const char *name = ebb_palette_name((ebb_palette)p);
        if (!section_line[p]) {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0, "[%s]: palette missing", name);
            continue;
        }
        for (size_t f = 0; f < FIELD_COUNT; f++) {
            if (!seen[p][f]) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, section_line[p], 0,
                              "%s: missing from [%s]", FIELDS[f].name, name);
            }
        }
    }
    if (d->errors != errors) {
        return false;
    }
    memcpy(out, tmp, sizeof tmp);
    return true;
}

static uint8_t lerp_u8(uint8_t a, uint8_t b, float t)
{
    float v = (float)a + ((float)b - (float)a) * t + 0.5f;
    if (v < 0.0f) {
        v = 0.0f;
    }
    if (v > 255.0f) {
        v = 255.0f;
    }
    return (uint8_t)v;
}

static float clamp01(float t)
{
    return t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t);
}

ebb_rgba ebb_theme_character(ebb_level_kind kind)
{
    if ((unsigned)kind >= (unsigned)EBB_LEVEL_KIND_COUNT) {
        kind = EBB_LEVEL_ASSESSMENT;
    }
    return ebb_theme_current()->character[kind];
}

ebb_rgba ebb_theme_bg_at(float y)
{
    y = clamp01(y);
    ebb_rgba top = EBB_THEME_BG_TOP, bottom = EBB_THEME_BG_BOTTOM;
    return (ebb_rgba){lerp_u8(top.r, bottom.r, y), lerp_u8(top.g, bottom.g, y),
                      lerp_u8(top.b, bottom.b, y), 255};
}

ebb_rgba ebb_theme_blend(ebb_rgba over, ebb_rgba under, float alpha)
{
    alpha = clamp01(alpha);
    return (ebb_rgba){lerp_u8(under.r, over.r, alpha), lerp_u8(under.g, over.g, alpha),
                      lerp_u8(under.b, over.b, alpha), 255};
}

ebb_rgba ebb_theme_alpha(ebb_rgba c, float alpha)
{
    c.a = (uint8_t)(clamp01(alpha) * 255.0f + 0.5f);
    return c;
}

ebb_rgba ebb_theme_mix(ebb_rgba c, ebb_rgba d, float t)
{
    t = clamp01(t);
    return (ebb_rgba){lerp_u8(c.r, d.r, t), lerp_u8(c.g, d.g, t), lerp_u8(c.b, d.b, t),
                      lerp_u8(c.a, d.a, t)};
}
