#include "gfx/theme.h"

static const ebb_theme_colours PALETTES[EBB_PALETTE_COUNT] = {
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

void ebb_theme_use(ebb_palette p)
{
    g_palette = ((unsigned)p < (unsigned)EBB_PALETTE_COUNT) ? p : EBB_PALETTE_DEFAULT;
}

const ebb_theme_colours *ebb_theme_current(void)
{
    return &PALETTES[g_palette];
}

const ebb_theme_colours *ebb_theme_palette(ebb_palette p)
{
    return &PALETTES[((unsigned)p < (unsigned)EBB_PALETTE_COUNT) ? p : EBB_PALETTE_DEFAULT];
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
