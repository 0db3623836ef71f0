#define _POSIX_C_SOURCE 200809L /* mkstemp, fsync, fchmod */

#include "io/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILEIO_PATH_MAX 1024

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

bool ebb_dir_create(const char *path, char *err, size_t err_size)
{
    char dir[FILEIO_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                snprintf(err, err_size, "cannot create the folder %s: %s", dir, strerror(errno));
                return false;
            }
            *p = c;
            if (c == '\0') {
                return true;
            }
        }
    }
}

/* Writes data to dir/name through a temporary file in dir, fsync and rename: readers see the
 * old file or the new one, never a mix. */
bool ebb_file_write_atomic(const char *dir, const char *name, const char *data, size_t len,
                         char *err, size_t err_size)
{
    char tmp[FILEIO_PATH_MAX], dst[FILEIO_PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name);
    snprintf(dst, sizeof dst, "%s/%s", dir, name);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, err_size, "cannot write in %s: %s", dir, strerror(errno));
        return false;
    }
    errno = 0; /* so that a failure below names its own cause, not an older one */
    bool ok = true;
    for (size_t off = 0; ok && off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    ok = ok && fchmod(fd, 0600) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, dst) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
        saved = saved ? saved : errno;
        if (saved == ENOSPC || saved == EDQUOT) {
            snprintf(err, err_size, "cannot write %s: the disk is full. Free some space and "
                     "try again (the earlier file, if any, is unchanged).", dst);
        } else {
            snprintf(err, err_size, "cannot write %s: %s", dst, strerror(saved));
        }
        return false;
    }
    /* The rename itself is durable only once the directory is on disk. */
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return true;
}

