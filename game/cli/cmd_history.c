#include "cli/cmd_history.h"

#include <stdio.h>
#include <stdlib.h>

#include "io/history.h"

/* Enough to see the last weeks at a glance; the SQLite file keeps everything. */
#define HISTORY_SHOWN 30u

int ebb_cmd_history(void)
{
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    if (!ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        puts("No sessions yet. Play a level and it will show here.");
        return 0;
    }
    fclose(probe);
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
    if (!h) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    ebb_history_row *rows = NULL;
    size_t n = 0;
    const ebb_history_filter all = {0};
    if (!ebb_history_query(h, &all, &rows, &n, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        ebb_history_close(h);
        return 1;
    }
    ebb_history_close(h);
    const size_t first = n > HISTORY_SHOWN ? n - HISTORY_SHOWN : 0;
    if (first > 0) {
        printf("(%zu earlier sessions not shown)\n", first);
    }
    for (size_t i = first; i < n; i++) {
        const ebb_history_row *r = &rows[i];
        char stars[4] = "---";
        for (int s = 0; s < 3; s++) {
            stars[s] = s < r->stars ? '*' : '-';
        }
        printf("%s  %-34s %3d  %s  %5.1f min%s\n", r->started_at, r->level_id, r->score, stars,
               r->duration_s / 60.0, r->complete ? "" : "  (stopped early)");
    }
    if (n == 0) {
        puts("No sessions yet. Play a level and it will show here.");
    }
    printf("Kept only on this computer, in %s\n", path);
    free(rows);
    return 0;
}
