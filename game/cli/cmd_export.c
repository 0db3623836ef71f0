/* `ebb export --csv DIR`: the history as CSV files (engine/io/export.h). */
#include <string.h>

#include "cli/cmd_history.h"
#include "io/export.h"

int ebb_cmd_export(int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[0], "--csv") != 0) {
        fprintf(stderr, "ebb: export needs --csv DIR, e.g. 'ebb export --csv ~/ebb-export'\n"
                        "Try 'ebb --help'.\n");
        return 2;
    }
    bool missing = false;
    ebb_history *h = ebb_cmd_history_open(&missing);
    if (h == NULL) {
        if (missing) {
            puts("No sessions yet: nothing to export.");
            return 0;
        }
        return 1;
    }
    char err[1200];
    size_t rows[EBB_EXPORT_FILES] = {0};
    bool ok = ebb_export_csv(h, argv[1], rows, err, sizeof err);
    ebb_history_close(h);
    if (!ok) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    for (size_t i = 0; i < EBB_EXPORT_FILES; i++) {
        printf("%s/%s  %zu row%s\n", argv[1], ebb_export_names[i], rows[i],
               rows[i] == 1 ? "" : "s");
    }
    puts("These files hold your health data: share them only with people you choose.");
    return 0;
}
