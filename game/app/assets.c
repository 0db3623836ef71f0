#include "app/assets.h"

#include <stdlib.h>

#include "core/diag.h"
#include "gfx/theme.h"
#include "io/datadir.h"
#include "io/fileio.h"
#include "io/level_load.h"
#include "sound/synth.h"

#define ASSET_FILE_MAX (256u * 1024u)

/* One line: the first problem as file:line: field: what, how many more, and what happens. */
static void asset_problem(const ebb_diags *d, const char *fallback, FILE *log)
{
    if (!log) {
        return;
    }
    char first[EBB_DIAG_MSG_MAX + 300] = "";
    if (d->count > 0) {
        ebb_diag_format(d, &d->items[0], first, sizeof first);
    }
    size_t more = d->errors > 0 ? d->errors - 1 : 0;
    if (more > 0) {
        fprintf(log, "ebb: %s (and %zu more %s in this file); using the built-in %s\n", first,
                more, more == 1 ? "problem" : "problems", fallback);
    } else {
        fprintf(log, "ebb: %s; using the built-in %s\n", first, fallback);
    }
}

/* Reads <data dir>/assets/name into a new buffer, or reports why not into d. */
static char *asset_read(const char *argv0, const char *name, size_t *len, ebb_diags *d)
{
    char path[EBB_PATH_MAX];
    char rel[128];
    snprintf(rel, sizeof rel, "assets/%s", name);
    if (!ebb_datadir_path(argv0, rel, path, sizeof path)) {
        return NULL;
    }
    ebb_diags_init(d, path);
    char *data = NULL;
    if (!ebb_file_read(path, ASSET_FILE_MAX, &data, len, d)) {
        return NULL;
    }
    return data;
}

static int load_palettes(const char *argv0, FILE *log)
{
    ebb_diags *d = calloc(1, sizeof *d);
    ebb_theme_colours *p = calloc(EBB_PALETTE_COUNT, sizeof *p);
    int lines = 0;
    if (!d || !p) {
        free(d);
        free(p);
        return 0;
    }
    size_t len = 0;
    char *text = asset_read(argv0, "palettes.conf", &len, d);
    if (text && ebb_theme_parse(text, len, p, d)) {
        ebb_theme_set(p);
    } else {
        ebb_theme_set(NULL);
        asset_problem(d, "colours", log);
        lines = 1;
    }
    free(text);
    free(p);
    free(d);
    return lines;
}

static int load_sounds(const char *argv0, FILE *log)
{
    ebb_diags *d = calloc(1, sizeof *d);
    ebb_synth_defs *s = calloc(1, sizeof *s);
    int lines = 0;
    if (!d || !s) {
        free(d);
        free(s);
        return 0;
    }
    size_t len = 0;
    char *text = asset_read(argv0, "sounds.conf", &len, d);
    if (text && ebb_synth_parse(text, len, s, d)) {
        ebb_synth_set(s);
    } else {
        ebb_synth_set(NULL);
        asset_problem(d, "sounds", log);
        lines = 1;
    }
    free(text);
    free(s);
    free(d);
    return lines;
}

int ebb_assets_load(const char *argv0, FILE *log)
{
    if (!ebb_datadir(argv0)) {
        ebb_theme_set(NULL);
        ebb_synth_set(NULL);
        if (log) {
            fprintf(log, "ebb: no data directory (share/ebb beside the program, or "
                         "$EBB_DATA_DIR); using the built-in colours and sounds\n");
        }
        return 1;
    }
    return load_palettes(argv0, log) + load_sounds(argv0, log);
}
