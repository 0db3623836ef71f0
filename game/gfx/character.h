/* The characters, drawn by the program (character.c). */
#ifndef EBB_GFX_CHARACTER_H
#define EBB_GFX_CHARACTER_H

#include <stdbool.h>

#include "core/level.h"

typedef struct ebb_app ebb_app;

typedef struct ebb_character_pose {
    ebb_level_kind kind;
    const char *name;      /* the level's `character` ("balloon", "lantern", "kite"), or "" */
    float cx, cy, radius;  /* centre (where effort puts it) and body radius */
    float effort;          /* shown effort, 0..1 */
    float rising;          /* effort change per second: > 0 swelling, < 0 softening */
    float calm;            /* 0..1: how low and steady rest has been lately (lantern) */
    float hold;            /* 0..1 hold meter while a squeeze is held (kite), < 0 none */
    double t;              /* seconds, for gentle extra motion (fixed with reduced motion) */
    bool motion;           /* extra animation allowed (not with reduced motion) */
} ebb_character_pose;

void ebb_character_draw(ebb_app *app, const ebb_character_pose *pose);

#endif
