#include "cmd_check.h"

#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"
#include "level.h"

int ebb_cmd_check(const ebb_cli *cli)
{
    int rc = 0;
    for (int i = 0; i < cli->file_count; i++) {
        const char *path = cli->files[i];
        ebb_diags diags;
        ebb_diags_init(&diags, path);
        char *text = NULL;
        size_t len = 0;
        ebb_level level;
        bool ok = ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, &diags) &&
                  ebb_level_parse(text, len, path, &level, &diags);
        free(text);
        ebb_diags_print(&diags, stderr);
        if (!ok) {
            rc = 2;
            continue;
        }
        printf("%s: ok: %s, %zu steps, %u:%02u\n", path, level.id, level.step_count,
               level.total_ms / 60000u, (level.total_ms / 1000u) % 60u);
        ebb_level_free(&level);
    }
    return rc;
}

