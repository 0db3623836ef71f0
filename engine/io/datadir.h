/* Finding Ebb's data directory: the built-in levels and the assets (palettes, sounds, icon).
 *
 * In this order:
 *   1. $EBB_DATA_DIR, when it names a directory;
 *   2. <directory of the executable>/../share/ebb (an installed copy: bin/ebb next to
 *      share/ebb, under whatever prefix it was installed or copied to);
 *   3. <directory of the executable>/share/ebb (the build tree, where CMake stages levels/
 *      and assets/ at build time).
 * The program never looks in the source tree: a copy of the installed prefix works on its own
 * after the sources are gone. */
#ifndef EBB_DATADIR_H
#define EBB_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

/* The data directory, or NULL when none of the three exists. argv0 is used only when
 * /proc/self/exe cannot be read; it may be NULL. The returned string is static. */
const char *ebb_datadir(const char *argv0);

/* <data dir>/<name> into out. False when there is no data directory or the path is too long;
 * it does not check that the file exists. */
bool ebb_datadir_path(const char *argv0, const char *name, char *out, size_t size);

#endif
