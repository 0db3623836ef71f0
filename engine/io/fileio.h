/* Reading whole files with a size limit, reporting problems as diagnostics. */
#ifndef EBB_FILEIO_H
#define EBB_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Reads the file at path into a new NUL-terminated buffer (*data, owned by the caller, free()
 * it). Refuses files larger than max bytes. On failure adds an error to diags and returns
 * false with *data NULL. */
bool ebb_file_read(const char *path, size_t max, char **data, size_t *len, ebb_diags *diags);

#endif
