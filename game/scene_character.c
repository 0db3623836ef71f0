/* The character: a soft round figure with a simple, friendly face.
 *
 * Its body is one opaque disc in the level kind's colour (theme.h), so tests can find it.
 * Breathing characters keep their eyes closed, calmly; the others look ahead and their
 * smile widens a little with effort. */
#include <math.h>

#include "draw.h"
#include "scene.h"

#define PI_F 3.14159265f

void ebb_character_draw(ebb_app *app, ebb_level_kind kind, float cx, float cy, float radius,
                        float effort)
{
    SDL_Renderer *rd = app->renderer;
    ebb_rgba body = ebb_theme_character(kind);
    effort = effort < 0.0f ? 0.0f : (effort > 1.0f ? 1.0f : effort);

    /* Glow: stronger with effort, never gone. */
    float glow_a = 0.16f + 0.20f * effort;
    ebb_draw_ring(rd, cx, cy, radius * 0.95f, radius * 2.1f, ebb_theme_alpha(body, glow_a),
                  ebb_theme_alpha(body, 0.0f));
    ebb_draw_circle(rd, cx, cy, radius, body);
    /* A soft light on the upper left gives it roundness. */
    ebb_draw_circle(rd, cx - radius * 0.32f, cy - radius * 0.38f, radius * 0.34f,
                    (ebb_rgba){255, 255, 255, 46});

    ebb_rgba face = EBB_THEME_FACE;
    float ex = radius * 0.34f, ey = cy - radius * 0.08f;
    float eye_th = radius * 0.085f;
    if (kind == EBB_LEVEL_BREATHING) {
        /* Closed, content eyes: two small arcs curving down. */
        for (int s = -1; s <= 1; s += 2) {
            ebb_draw_arc(rd, cx + (float)s * ex, ey - radius * 0.06f, radius * 0.12f, eye_th,
                         PI_F * 0.15f, PI_F * 0.85f, face);
        }
    } else {
        for (int s = -1; s <= 1; s += 2) {
            ebb_draw_circle(rd, cx + (float)s * ex, ey, radius * 0.095f, face);
            ebb_draw_circle(rd, cx + (float)s * ex + radius * 0.03f, ey - radius * 0.035f,
                            radius * 0.03f, (ebb_rgba){255, 255, 255, 200});
        }
    }
    /* Rosy cheeks. */
    for (int s = -1; s <= 1; s += 2) {
        ebb_draw_circle(rd, cx + (float)s * radius * 0.56f, cy + radius * 0.16f, radius * 0.13f,
                        (ebb_rgba){255, 120, 130, 60});
    }
    /* The smile. */
    float open = kind == EBB_LEVEL_BREATHING ? 0.0f : 0.10f * effort;
    ebb_draw_arc(rd, cx, cy + radius * 0.06f, radius * 0.26f, radius * 0.075f,
                 PI_F * (0.22f - open), PI_F * (0.78f + open), face);
}
