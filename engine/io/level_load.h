/* Finding and loading levels: by path or by built-in id, and the catalogue for the menu.
 *
 * Built-in levels live as text files in the levels directory: $EBB_LEVELS_DIR if set, else
 * <data dir>/levels (io/datadir.h: installed share/ebb, or the build tree's staged copy).
 * A built-in id such as "lengthening/drop-and-release" is the file
 * <levels dir>/lengthening/drop-and-release.level. */
#ifndef EBB_LEVEL_LOAD_H
#define EBB_LEVEL_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/diag.h"
#include "core/level.h"

#define EBB_PATH_MAX 1024

/* The directory holding built-in levels, or NULL if none is found. argv0 helps find an
 * installed copy; it may be NULL. The returned string is static. */
const char *ebb_levels_dir(const char *argv0);

/* Resolves a level spec (a path to an existing file, or a built-in id) to a path.
 * Returns false, with a message in diags naming what was tried, if nothing matches. */
bool ebb_level_resolve(const char *spec, const char *argv0, char *path, size_t size,
                       ebb_diags *diags);

/* Resolves, reads and parses. On failure every problem is in diags (named after the path). */
bool ebb_level_load(const char *spec, const char *argv0, ebb_level *out, ebb_diags *diags);

typedef struct ebb_catalog_entry {
    char path[EBB_PATH_MAX];
    ebb_level level;
} ebb_catalog_entry;

typedef struct ebb_catalog {
    ebb_catalog_entry *entries; /* sorted by kind (breathing, lengthening, strengthening, assessment), then id */
    size_t count;
} ebb_catalog;

/* Loads every *.level under the levels directory. Files that fail to parse are left out and
 * their diagnostics printed to warn (if not NULL). Returns false only if the directory cannot
 * be read. */
bool ebb_catalog_load(const char *levels_dir, ebb_catalog *out, FILE *warn);
void ebb_catalog_free(ebb_catalog *c);

#endif
