#define _POSIX_C_SOURCE 200809L /* opendir, stat */

#include "io/level_load.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/datadir.h"
#include "io/fileio.h"
#include "io/pack_store.h"

static bool load_is_dir(const char *path)
{
    struct stat st;
    return path[0] != '\0' && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool load_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *ebb_levels_dir(const char *argv0)
{
    static char dir[EBB_PATH_MAX];
    const char *env = getenv("EBB_LEVELS_DIR");
    if (env && load_is_dir(env)) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    if (ebb_datadir_path(argv0, "levels", dir, sizeof dir) && load_is_dir(dir)) {
        return dir;
    }
    return NULL;
}

/* Built-in ids are group/name in lower case, digits and '-': nothing that could walk out of
 * the levels directory. */
static bool load_is_builtin_id(const char *spec)
{
    const char *slash = strchr(spec, '/');
    if (!slash || slash == spec || slash[1] == '\0' || strchr(slash + 1, '/')) {
        return false;
    }
    for (const char *p = spec; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '/')) {
            return false;
        }
    }
    return strlen(spec) <= EBB_LEVEL_ID_MAX;
}

bool ebb_level_resolve(const char *spec, const char *argv0, char *path, size_t size,
                       ebb_diags *diags)
{
    if (load_is_file(spec)) {
        snprintf(path, size, "%s", spec);
        return true;
    }
    if (load_is_builtin_id(spec)) {
        const char *dir = ebb_levels_dir(argv0);
        if (!dir) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                          "no built-in levels directory found (set EBB_LEVELS_DIR)");
            return false;
        }
        int w = snprintf(path, size, "%s/%s.level", dir, spec);
        if (w > 0 && (size_t)w < size && load_is_file(path)) {
            return true;
        }
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                      "no such level: not a file, and no built-in level '%s' in %s "
                      "(see `ebb list`)", spec, dir);
        return false;
    }
    ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0,
                  "no such level file (and not a built-in id like 'lengthening/drop-and-release')");
    return false;
}

bool ebb_level_load(const char *spec, const char *argv0, ebb_level *out, ebb_diags *diags)
{
    char path[EBB_PATH_MAX];
    memset(out, 0, sizeof *out);
    ebb_diags_init(diags, spec);
    /* A therapist's prescription comes first: the active pack's own level, or a built-in
     * level with the pack's hold, rest, reps or target. */
    if (!load_is_file(spec) && load_is_builtin_id(spec)) {
        char pack_title[EBB_LEVEL_STRING_MAX + 1] = "";
        const int rc = ebb_pack_store_active_level(spec, argv0, out, pack_title,
                                                   sizeof pack_title, diags);
        if (rc == 0) {
            ebb_diags_add(diags, EBB_SEV_WARNING, EBB_D_NONE, 0, 0,
                          "playing the version prescribed by the pack '%s'", pack_title);
            return true;
        }
        if (rc == 2) {
            return false;
        }
        ebb_diags_init(diags, spec);
    }
    if (!ebb_level_resolve(spec, argv0, path, sizeof path, diags)) {
        return false;
    }
    ebb_diags_init(diags, path);
    char *text = NULL;
    size_t len = 0;
    if (!ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, diags)) {
        return false;
    }
    bool ok = ebb_level_parse(text, len, path, out, diags);
    free(text);
    return ok;
}

static int catalog_compare(const void *a, const void *b)
{
    const ebb_catalog_entry *x = a, *y = b;
    if (x->level.kind != y->level.kind) {
        return (int)x->level.kind - (int)y->level.kind;
    }
    return strcmp(x->level.id, y->level.id);
}

static bool catalog_add(ebb_catalog *c, size_t *cap, const char *path, FILE *warn)
{
    ebb_diags diags;
    ebb_diags_init(&diags, path);
    char *text = NULL;
    size_t len = 0;
    ebb_level level;
    if (!ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, &diags) ||
        !ebb_level_parse(text, len, path, &level, &diags)) {
        free(text);
        if (warn) {
            ebb_diags_print(&diags, warn);
        }
        return true; /* a broken file is left out, not fatal for the menu */
    }
    free(text);
    if (c->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        ebb_catalog_entry *ne = realloc(c->entries, ncap * sizeof *ne);
        if (!ne) {
            ebb_level_free(&level);
            return false;
        }
        c->entries = ne;
        *cap = ncap;
    }
    ebb_catalog_entry *e = &c->entries[c->count++];
    snprintf(e->path, sizeof e->path, "%s", path);
    e->level = level;
    return true;
}

/* Walks one level of group directories: levels/<group>/<name>.level. */
bool ebb_catalog_load(const char *levels_dir, ebb_catalog *out, FILE *warn)
{
    memset(out, 0, sizeof *out);
    DIR *top = opendir(levels_dir);
    if (!top) {
        return false;
    }
    size_t cap = 0;
    bool ok = true;
    struct dirent *g;
    while (ok && (g = readdir(top)) != NULL) {
        if (g->d_name[0] == '.') {
            continue;
        }
        char group[EBB_PATH_MAX];
        snprintf(group, sizeof group, "%s/%s", levels_dir, g->d_name);
        DIR *sub = opendir(group);
        if (!sub) {
            continue;
        }
        struct dirent *f;
        while (ok && (f = readdir(sub)) != NULL) {
            size_t n = strlen(f->d_name);
            if (f->d_name[0] == '.' || n < 7 || strcmp(f->d_name + n - 6, ".level") != 0) {
                continue;
            }
            char path[EBB_PATH_MAX];
            int w = snprintf(path, sizeof path, "%s/%s", group, f->d_name);
            if (w > 0 && (size_t)w < sizeof path) {
                ok = catalog_add(out, &cap, path, warn);
            }
        }
        closedir(sub);
    }
    closedir(top);
    if (out->count > 1) {
        qsort(out->entries, out->count, sizeof *out->entries, catalog_compare);
    }
    return ok;
}

void ebb_catalog_free(ebb_catalog *c)
{
    for (size_t i = 0; i < c->count; i++) {
        ebb_level_free(&c->entries[i].level);
    }
    free(c->entries);
    memset(c, 0, sizeof *c);
}
