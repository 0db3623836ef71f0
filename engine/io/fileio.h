/* Reading whole files with a size limit, reporting problems as diagnostics. */
#ifndef EBB_FILEIO_H
#define EBB_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

/* Reads the file at path into a new NUL-terminated buffer (*data, owned by the caller, free()
 * it). Refuses files larger than max bytes. On failure adds an error to diags and returns
 * false with *data NULL. */
bool ebb_file_read(const char *path, size_t max, char **data, size_t *len, ebb_diags *diags);

/* Creates a directory and its parents (mode 0700), like mkdir -p. */
bool ebb_dir_create(const char *path, char *err, size_t err_size);

/* Writes data to dir/name through a temporary file in dir, fsync and rename: readers see the
 * old file or the new one, never a mix, and a failure leaves the old file untouched. */
bool ebb_file_write_atomic(const char *dir, const char *name, const char *data, size_t len,
                           char *err, size_t err_size);

#endif
