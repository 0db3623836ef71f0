/* A test hook for the windowed game: scripted input and a trace of the scenes.
 *
 * EBB_TEST_EVENTS=FILE names a script, one event per line, fed through SDL_PushEvent at the
 * start of the given frame (frames are counted from the first frame of the main loop):
 *
 *     # frame  event    argument
 *     10       key      Down        a key pressed and released (SDL key names: Return,
 *                                   Escape, Up, Down, Left, Right, Space, P, ...)
 *     20       button   a           a game-controller button pressed and released (SDL
 *                                   names: a, b, start, back, dpup, dpdown, dpleft, dpright)
 *     30       quit                 asks the game to close, as the window's close button
 *
 * Every change of scene (and of the pause overlay) is written as "FRAME SCENE" to the file
 * EBB_TEST_TRACE names, or to stderr as "ebb-test: FRAME SCENE" without it; the last line
 * is "FRAME end". Scene names are those of the scene table (scenes/scene.h), as `--scene`
 * takes them: welcome, menu, settings, help, calibration, play, pause, results (the
 * lost-signal notice is not a scene of its own and shows as play). A switch asked for during
 * frame N is applied at the top of frame N+1, so it is traced as N+1. Without
 * EBB_TEST_EVENTS nothing of this runs.
 *
 * EBB_FRAME_STATS=FILE (with EBB_TEST_EVENTS) writes every 10 s a line "elapsed_s frames
 * mean_ms max_ms rss_kb cpu_ms_per_frame": frame times, resident memory and the CPU time a
 * frame costs, for tests/soak/soak_window.sh. */
#ifndef EBB_TESTHOOK_H
#define EBB_TESTHOOK_H

#include <stdbool.h>
#include <stddef.h>

struct ebb_app;
typedef struct ebb_testhook ebb_testhook;

/* Reads the script named by EBB_TEST_EVENTS into *out (NULL when it is not set). Returns
 * false with a message ("FILE:LINE: ...") when the script cannot be used. */
bool ebb_testhook_open(ebb_testhook **out, char *err, size_t err_size);

/* Once per frame, before events are polled: pushes the events due and traces the scene. */
void ebb_testhook_frame(ebb_testhook *h, struct ebb_app *app);

/* Writes the last trace line and frees the hook (NULL is fine). */
void ebb_testhook_close(ebb_testhook *h);

/* The name of the scene on screen (pause counts as its own scene). */
const char *ebb_scene_name(const struct ebb_app *app);

#endif
