/* `ebb check FILE...`: validates level files (and packs), printing compiler-style
 * diagnostics; with --explain prints each level as a readable timeline. */
#ifndef EBB_CMD_CHECK_H
#define EBB_CMD_CHECK_H

#include "cli/cli.h"

/* Returns the exit code: 0 when every file is clean, 2 when any has an error. */
int ebb_cmd_check(const ebb_cli *cli);

#endif
