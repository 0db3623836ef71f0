#include "settings/settings_file.h"

#include <stdlib.h>
#include <string.h>

#include "io/fileio.h"

#define SETTINGS_NAME "settings.conf"

bool ebb_settings_dir(char *out, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    int n;
    if (xdg && xdg[0] == '/') {
        n = snprintf(out, size, "%s/ebb", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || !home[0]) {
            return false;
        }
        n = snprintf(out, size, "%s/.config/ebb", home);
    }
    return n > 0 && (size_t)n < size;
}

void ebb_settings_load(ebb_settings *s, FILE *warn)
{
    ebb_settings_defaults(s);
    char dir[1024], path[1100];
    if (!ebb_settings_dir(dir, sizeof dir)) {
        return;
    }
    snprintf(path, sizeof path, "%s/%s", dir, SETTINGS_NAME);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return; /* first run: defaults */
    }
    fclose(f);
    static ebb_diags diags;
    ebb_diags_init(&diags, path);
    char *text = NULL;
    size_t len = 0;
    if (!ebb_file_read(path, EBB_SETTINGS_FILE_MAX, &text, &len, &diags)) {
        if (warn) {
            fprintf(warn, "ebb: %s could not be read; using the default settings\n", path);
        }
        return;
    }
    ebb_settings_problems p = {0};
    ebb_settings_parse(text, len, s, &p);
    free(text);
    for (size_t i = 0; warn && i < p.count; i++) {
        fprintf(warn, "ebb: %s:%s\n", path, p.text[i] + 5); /* "line N: ..." -> ":N: ..." */
    }
    if (warn && p.total > p.count) {
        fprintf(warn, "ebb: %s: %zu more lines left out\n", path, p.total - p.count);
    }
}

bool ebb_settings_save(const ebb_settings *s, char *err, size_t err_size)
{
    char dir[1024];
    if (!ebb_settings_dir(dir, sizeof dir)) {
        snprintf(err, err_size, "no place for settings (set HOME or XDG_CONFIG_HOME)");
        return false;
    }
    if (!ebb_dir_create(dir, err, err_size)) {
        return false;
    }
    char buf[2048];
    size_t n = ebb_settings_write(s, buf, sizeof buf);
    if (n >= sizeof buf) {
        snprintf(err, err_size, "settings too long to save");
        return false;
    }
    return ebb_file_write_atomic(dir, SETTINGS_NAME, buf, n, err, err_size);
}
