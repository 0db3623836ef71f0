/* Recording files: the writer of a live session, and reading a recording back. */
#define _DEFAULT_SOURCE /* flock, fdatasync */

#include "io/recording_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define RECORDING_FILE_MAX (512u * 1024u * 1024u)
#ifdef MAP_POPULATE
#define EBB_MAP_POPULATE MAP_POPULATE /* Linux: map every page at once, not fault by fault */
#else
#define EBB_MAP_POPULATE 0
#endif

struct ebb_recording_writer {
    int fd;
    bool failed;
    ebb_recording_enc enc;
    char path[1024];
    char error[1300];
};

static bool write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool writer_fail(ebb_recording_writer *w)
{
    if (!w->failed && (errno == ENOSPC || errno == EDQUOT)) {
        snprintf(w->error, sizeof w->error, "cannot write the recording %s: the disk is full "
                 "(its replay stops where the disk filled; the results are kept). Free some "
                 "space and try again.", w->path);
    } else if (!w->failed) {
        snprintf(w->error, sizeof w->error, "cannot write the recording %s: %s", w->path,
                 strerror(errno));
    }
    w->failed = true;
    return false;
}

ebb_recording_writer *ebb_recording_writer_open(const char *path, const ebb_recording_meta *meta,
                                                const ebb_level *level, char *err,
                                                size_t err_size)
{
    ebb_recording_writer *w = calloc(1, sizeof *w);
    uint8_t *head = NULL;
    size_t head_len = 0;
    if (w == NULL || !ebb_recording_header(meta, level, &head, &head_len)) {
        snprintf(err, err_size, "out of memory starting the recording");
        free(w);
        return NULL;
    }
    snprintf(w->path, sizeof w->path, "%s", path);
    ebb_recording_enc_init(&w->enc);
    w->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (w->fd < 0) {
        snprintf(err, err_size, "cannot create the recording %s: %s", path, strerror(errno));
        free(head);
        free(w);
        return NULL;
    }
    (void)fchmod(w->fd, 0600);
    /* The lock says "being written": it goes when this process goes, however it goes. */
    if (flock(w->fd, LOCK_EX | LOCK_NB) != 0 || !write_all(w->fd, head, head_len) ||
        fdatasync(w->fd) != 0) {
        snprintf(err, err_size, "cannot write the recording %s: %s", path, strerror(errno));
        close(w->fd);
        unlink(path);
        free(head);
        free(w);
        return NULL;
    }
    free(head);
    return w;
}

static bool write_block(ebb_recording_writer *w)
{
    size_t n = 0;
    const uint8_t *b = ebb_recording_enc_block(&w->enc, &n);
    return n == 0 || write_all(w->fd, b, n) || writer_fail(w);
}

bool ebb_recording_writer_frame(ebb_recording_writer *w, const ebb_frame *f)
{
    if (w->failed) {
        return false;
    }
    if (ebb_recording_enc_frame(&w->enc, f)) {
        return write_block(w);
    }
    return true;
}

bool ebb_recording_writer_sync(ebb_recording_writer *w)
{
    if (w->failed) {
        return false;
    }
    return (write_block(w) && fdatasync(w->fd) == 0) || writer_fail(w);
}

const char *ebb_recording_writer_error(const ebb_recording_writer *w)
{
    return w->failed ? w->error : "";
}

bool ebb_recording_writer_close(ebb_recording_writer *w)
{
    if (w == NULL) {
        return true;
    }
    bool ok = ebb_recording_writer_sync(w);
    if (close(w->fd) != 0) {
        ok = false;
    }
    free(w);
    return ok;
}

/* The whole file into a new buffer (*data, free() it). */
static bool read_all(const char *path, uint8_t **data, size_t *len, char *err, size_t err_size)
{
    *data = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, err_size, "cannot read the recording %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || (uint64_t)st.st_size > RECORDING_FILE_MAX) {
        snprintf(err, err_size, "cannot read the recording %s: it is too large", path);
        fclose(f);
        return false;
    }
    *len = (size_t)st.st_size;
    *data = malloc(*len ? *len : 1);
    if (*data == NULL || fread(*data, 1, *len, f) != *len) {
        snprintf(err, err_size, "cannot read the recording %s", path);
        free(*data);
        *data = NULL;
        fclose(f);
        return false;
    }
    fclose(f);
    return true;
}

bool ebb_recording_load(const char *path, ebb_recording *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    uint8_t *data = NULL;
    size_t len = 0;
    if (!read_all(path, &data, &len, err, err_size)) {
        return false;
    }
    char why[EBB_RECORDING_ERR_MAX];
    bool ok = ebb_recording_decode(data, len, out, why, sizeof why);
    free(data);
    if (!ok) {
        snprintf(err, err_size, "the recording %s cannot be used: %s", path, why);
    }
    return ok;
}

bool ebb_recording_rescore_file(const char *path, ebb_recording *out, ebb_session **session,
                                char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    *session = NULL;
    /* Mapped, not copied: re-scoring a year reads 370 MB, and a fresh 1 MB buffer per file
     * costs more in page faults than the decoding. Recordings are only ever appended to (a
     * live writer) or removed whole, never truncated, so the mapped length stays readable. */
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, err_size, "cannot read the recording %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 0 || (uint64_t)st.st_size > RECORDING_FILE_MAX) {
        snprintf(err, err_size, "cannot read the recording %s: it is too large", path);
        close(fd);
        return false;
    }
    const size_t len = (size_t)st.st_size;
    void *map = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE | EBB_MAP_POPULATE, fd, 0) : NULL;
    close(fd);
    if (len && map == MAP_FAILED) {
        snprintf(err, err_size, "cannot read the recording %s: %s", path, strerror(errno));
        return false;
    }
    static const uint8_t nothing[1] = {0};
    char why[EBB_RECORDING_ERR_MAX];
    bool ok = ebb_recording_rescore(len ? map : nothing, len, out, session, why, sizeof why);
    if (len) {
        munmap(map, len);
    }
    if (!ok) {
        snprintf(err, err_size, "the recording %s cannot be used: %s", path, why);
    }
    return ok;
}
