/* Loading the data files of assets/ at start-up: the colour palettes (palettes.conf) and the
 * sound definitions (sounds.conf), from the data directory (io/datadir.h).
 *
 * A missing or malformed file is not fatal: the built-in values (the same numbers, compiled
 * into theme.c and synth.c) are used, and one line says which file and, for a malformed one,
 * the first problem as file:line: field: what is wrong. */
#ifndef EBB_ASSETS_H
#define EBB_ASSETS_H

#include <stdio.h>

/* Loads both files, installs what loaded (ebb_theme_set, ebb_synth_set) and writes one line to
 * log (may be NULL) for each file it could not use. Returns how many lines it wrote. */
int ebb_assets_load(const char *argv0, FILE *log);

#endif
