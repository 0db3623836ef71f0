/* The history commands: `ebb history` (table, --csv, --json, --delete ID), `ebb replay`,
 * `ebb rescore`, `ebb export --csv DIR` and `ebb report --html FILE`. Each takes the
 * arguments after its own name and returns the exit status (0 done, 1 runtime failure,
 * 2 bad usage). */
#ifndef EBB_CMD_HISTORY_H
#define EBB_CMD_HISTORY_H

#include <stdbool.h>
#include <stdio.h>

#include "io/history.h"

int ebb_cmd_history(int argc, char **argv);
int ebb_cmd_replay(int argc, char **argv, const char *argv0);
int ebb_cmd_rescore(int argc, char **argv);
int ebb_cmd_export(int argc, char **argv);
int ebb_cmd_report(int argc, char **argv);


/* Opens the person's history for a command. NULL with *missing true (and no message) when
 * there is none yet; NULL with a message on stderr on failure. */
ebb_history *ebb_cmd_history_open(bool *missing);

/* A session id argument; false with a message (exit 2) when it is not one. */
bool ebb_cmd_session_id(const char *cmd, const char *arg, int64_t *id);

#endif
