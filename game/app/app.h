/* The windowed game: SDL window, main loop, scenes (menu, play, pause, results).
 *
 * main.c parses the command line and hands over here for everything that needs a window.
 * Headless runs never come here (see headless.h). */
#ifndef EBB_APP_H
#define EBB_APP_H

#include <stdbool.h>

typedef struct ebb_app_options {
    const char *argv0;            /* for finding built-in levels */
    const char *level_spec;       /* NULL: start at the menu; else play this level */
    const char *probe_spec;       /* "keyboard" (default), "gamepad", "mouse", "replay:FILE" */
    const char *breath_spec;      /* --breath SPEC beside a probe, or NULL */
    const char *screenshot_path;  /* non-NULL: render the play screen at screenshot_at_s, save, exit */
    double screenshot_at_s;
    const char *screenshot_scene; /* with screenshot_path: NULL ("play") or a name of the scene
                                   * table, scenes/scene.h (views too: "pause", "lost") */
    bool exit_when_done;          /* quit after the results of a level started from the command line */
    bool json;                    /* print the result as JSON on stdout when the level ends */
    bool fullscreen;
    int width, height;            /* initial window size; 0 = default 1280x720 */
} ebb_app_options;

/* Runs the game. Returns the process exit code: 0 done, 1 runtime failure (no display, lost
 * device, cannot write the screenshot), 2 bad input (level or replay file with errors). */
int ebb_app_run(const ebb_app_options *opts);

#endif
