/* `ebb pack ...` and `ebb today`: therapist packs from the command line.
 *
 *   ebb pack install FILE   check a pack and copy it into the data directory; it becomes active
 *   ebb pack list           installed packs (* marks the active one)
 *   ebb pack remove ID      remove an installed pack
 *   ebb pack activate ID    make an installed pack the active one
 *   ebb today               the active pack's plan for today
 *
 * Exit codes: 0 done, 1 runtime failure (disk, history), 2 bad usage or bad input. */
#ifndef EBB_CMD_PACK_H
#define EBB_CMD_PACK_H

#include <stdbool.h>
#include <stdio.h>

/* argv starts after "pack": argv[0] is the subcommand. */
int ebb_cmd_pack(int argc, char **argv);

int ebb_cmd_today(void);

/* For `ebb check`: true when the file at path reads as a pack (first line `ebb-pack`). */
bool ebb_cmd_pack_is_pack_file(const char *path);

/* For `ebb check`: checks one pack file, prints diagnostics to stderr and "PATH: ok: ..." to
 * stdout. Returns 0 when clean, 2 when not. */
int ebb_cmd_pack_check(const char *path);

/* The usage lines of the pack commands, for `ebb --help`. */
void ebb_cmd_pack_usage(FILE *out);

#endif
