/* Commands that need no window: headless play and list. */
#ifndef EBB_HEADLESS_H
#define EBB_HEADLESS_H

#include "cli/cli.h"

/* Each returns the process exit code (0 / 1 / 2 as in --help). */
int ebb_headless_play(const ebb_cli *cli, const char *argv0);
int ebb_headless_list(const char *argv0);

#endif
