#define _POSIX_C_SOURCE 200809L /* readlink, stat */

#include "io/datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATADIR_PATH_MAX 1024

static bool datadir_is_dir(const char *path)
{
    struct stat st;
    return path[0] != '\0' && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable. /proc/self/exe first: argv[0] may be a bare
 * name found through $PATH. */
static bool datadir_exe_dir(const char *argv0, char *out, size_t size)
{
    char exe[DATADIR_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
    } else if (argv0 && strchr(argv0, '/')) {
        snprintf(exe, sizeof exe, "%s", argv0);
    } else {
        return false;
    }
    char *slash = strrchr(exe, '/');
    if (!slash) {
        return false;
    }
    *slash = '\0';
    int w = snprintf(out, size, "%s", exe[0] ? exe : "/");
    return w > 0 && (size_t)w < size;
}

static bool datadir_try(char *out, size_t size, const char *exe_dir, const char *rel)
{
    int w = snprintf(out, size, "%s/%s", exe_dir, rel);
    return w > 0 && (size_t)w < size && datadir_is_dir(out);
}

const char *ebb_datadir(const char *argv0)
{
    static char dir[DATADIR_PATH_MAX];
    const char *env = getenv("EBB_DATA_DIR");
    if (env && datadir_is_dir(env) && strlen(env) < sizeof dir) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    char exe_dir[DATADIR_PATH_MAX];
    if (!datadir_exe_dir(argv0, exe_dir, sizeof exe_dir)) {
        return NULL;
    }
    if (datadir_try(dir, sizeof dir, exe_dir, "../share/ebb") ||
        datadir_try(dir, sizeof dir, exe_dir, "share/ebb")) {
        return dir;
    }
    return NULL;
}

bool ebb_datadir_path(const char *argv0, const char *name, char *out, size_t size)
{
    const char *dir = ebb_datadir(argv0);
    if (!dir) {
        return false;
    }
    int w = snprintf(out, size, "%s/%s", dir, name);
    return w > 0 && (size_t)w < size;
}
