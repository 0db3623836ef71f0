#include "theme.h"

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

ebb_rgba ebb_theme_character(ebb_level_kind kind)
{
    switch (kind) {
    case EBB_LEVEL_BREATHING:
        return (ebb_rgba){150, 196, 250, 255};
    case EBB_LEVEL_LENGTHENING:
        return (ebb_rgba){250, 170, 140, 255};
    case EBB_LEVEL_STRENGTHENING:
        return (ebb_rgba){246, 204, 112, 255};
    case EBB_LEVEL_ASSESSMENT:
    case EBB_LEVEL_KIND_COUNT:
    default:
        return (ebb_rgba){204, 176, 240, 255};
    }
}

ebb_rgba ebb_theme_bg_at(float y)
{
    if (y < 0.0f) {
        y = 0.0f;
    }
    if (y > 1.0f) {
        y = 1.0f;
    }
    ebb_rgba top = EBB_THEME_BG_TOP, bottom = EBB_THEME_BG_BOTTOM;
    return (ebb_rgba){lerp_u8(top.r, bottom.r, y), lerp_u8(top.g, bottom.g, y),
                      lerp_u8(top.b, bottom.b, y), 255};
}

ebb_rgba ebb_theme_blend(ebb_rgba over, ebb_rgba under, float alpha)
{
    if (alpha < 0.0f) {
        alpha = 0.0f;
    }
    if (alpha > 1.0f) {
        alpha = 1.0f;
    }
    return (ebb_rgba){lerp_u8(under.r, over.r, alpha), lerp_u8(under.g, over.g, alpha),
                      lerp_u8(under.b, over.b, alpha), 255};
}

ebb_rgba ebb_theme_alpha(ebb_rgba c, float alpha)
{
    if (alpha < 0.0f) {
        alpha = 0.0f;
    }
    if (alpha > 1.0f) {
        alpha = 1.0f;
    }
    c.a = (uint8_t)(alpha * 255.0f + 0.5f);
    return c;
}
