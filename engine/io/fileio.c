#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ebb_file_read(const char *path, size_t max, char **data, size_t *len, ebb_diags *diags)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    /* Read in chunks rather than trusting the size from seek: works on pipes and
     * /dev/stdin, and a file that grows while we read cannot overrun the limit. */
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    bool ok = buf != NULL;
    while (ok) {
        if (n == cap) {
            if (cap > max) {
                break;
            }
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                ok = false;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ok && ferror(f)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "cannot read: %s", strerror(errno));
        ok = false;
    } else if (ok && n > max) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, 0, 0,
                      "file is larger than the limit of %zu bytes", max);
        ok = false;
    } else if (!buf || !ok) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory reading the file");
        ok = false;
    }
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
}
