/* `ebb calibrate --probe SPEC`: measures the person's rest and strongest squeeze through
 * the probe and saves it for that probe, in the terminal (the game has its own scene). */
#ifndef EBB_CMD_CALIBRATE_H
#define EBB_CMD_CALIBRATE_H

#include "cli/cli.h"

int ebb_cmd_calibrate(const ebb_cli *cli, const char *spec);

/* The microphone (cmd_calibrate_mic.c): learns the room, listens to a few breaths and says
 * what it heard; nothing is saved. */
int ebb_cmd_calibrate_mic(const char *spec);

#endif
