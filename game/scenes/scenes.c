/* The table of scenes (scene.h): one row per screen, in the order `ebb --help` lists them. */
#include "scenes/scene.h"

#include <stdio.h>
#include <string.h>

#include "scenes/calibrate.h"
#include "scenes/info.h"
#include "scenes/menu.h"
#include "scenes/play.h"
#include "scenes/results.h"
#include "scenes/scene_progress.h"
#include "scenes/settings_scene.h"

/* Play's views: paused (the overlay) and the lost-signal notice over the play screen. */
static const char *const PLAY_VIEWS[] = {"pause", "lost", NULL};

static const ebb_scene SCENES[EBB_SCENE_COUNT] = {
    [EBB_SCENE_WELCOME] = {.name = "welcome", .still = true,
                           .enter = ebb_info_enter,
                           .event = ebb_welcome_event,
                           .draw = ebb_welcome_draw},
    [EBB_SCENE_MENU] = {.name = "menu", .still = true,
                        .enter = ebb_menu_enter,
                        .event = ebb_menu_event,
                        .draw = ebb_menu_draw},
    [EBB_SCENE_SETTINGS] = {.name = "settings", .still = true,
                            .enter = ebb_settings_enter,
                            .event = ebb_settings_event,
                            .draw = ebb_settings_draw,
                            .leave = ebb_settings_leave},
    [EBB_SCENE_HELP] = {.name = "help", .still = true,
                        .enter = ebb_info_enter,
                        .event = ebb_help_event,
                        .draw = ebb_help_draw},
    [EBB_SCENE_CALIBRATION] = {.name = "calibration",
                               .enter = ebb_calibrate_enter,
                               .event = ebb_calibrate_event,
                               .update = ebb_calibrate_update,
                               .draw = ebb_calibrate_draw,
                               .leave = ebb_calibrate_leave,
                               .shot = ebb_calibrate_shot},
    [EBB_SCENE_PLAY] = {.name = "play",
                        .views = PLAY_VIEWS,
                        .needs_level = true,
                        .timed = true,
                        .enter = ebb_play_enter,
                        .event = ebb_play_event,
                        .update = ebb_play_update,
                        .draw = ebb_play_draw,
                        .leave = ebb_play_leave,
                        .view_now = ebb_play_view_now,
                        .shot = ebb_play_shot},
    [EBB_SCENE_RESULTS] = {.name = "results", .still = true,
                           .needs_level = true,
                           .enter = ebb_results_enter,
                           .event = ebb_results_event,
                           .update = ebb_results_update,
                           .draw = ebb_results_draw,
                           .leave = ebb_results_leave,
                           .shot = ebb_results_shot},
    [EBB_SCENE_PROGRESS] = {.name = "progress",
                            .enter = ebb_progress_enter,
                            .event = ebb_progress_event,
                            .draw = ebb_progress_draw},
};

const ebb_scene *ebb_scene_get(ebb_scene_id id)
{
    if (id < 0 || id >= EBB_SCENE_COUNT) {
        return NULL;
    }
    return &SCENES[id];
}

ebb_scene_id ebb_scene_find(const char *name)
{
    if (!name) {
        return EBB_SCENE_NONE;
    }
    for (int i = 0; i < EBB_SCENE_COUNT; i++) {
        if (strcmp(name, SCENES[i].name) == 0) {
            return (ebb_scene_id)i;
        }
        for (const char *const *v = SCENES[i].views; v && *v; v++) {
            if (strcmp(name, *v) == 0) {
                return (ebb_scene_id)i;
            }
        }
    }
    return EBB_SCENE_NONE;
}

const char *ebb_scene_shot_name(size_t index)
{
    size_t n = 0;
    for (int i = 0; i < EBB_SCENE_COUNT; i++) {
        if (n++ == index) {
            return SCENES[i].name;
        }
        for (const char *const *v = SCENES[i].views; v && *v; v++) {
            if (n++ == index) {
                return *v;
            }
        }
    }
    return NULL;
}

void ebb_scene_shot_names(char *buf, size_t size)
{
    if (size == 0) {
        return;
    }
    buf[0] = '\0';
    size_t count = 0;
    while (ebb_scene_shot_name(count)) {
        count++;
    }
    size_t used = 0;
    for (size_t i = 0; i < count && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == count ? " or " : ", ";
        int n = snprintf(buf + used, size - used, "%s%s", sep, ebb_scene_shot_name(i));
        if (n < 0) {
            break;
        }
        used += (size_t)n;
    }
}
