/* `ebb rescore [SESSION | --all]`: scores recorded sessions again from their input, against
 * the level as it was played, and stores the new results (after a change in scoring). A
 * session cut off by a crash keeps its "interrupted" mark but gains the score of what it
 * had done. */
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_history.h"
#include "core/recording.h"
#include "io/recording_file.h"

static int rescore_one(ebb_history *h, const ebb_history_row *row, bool quiet_if_none)
{
    char path[1200], err[1600];
    if (!ebb_history_recording_path(h, row->id, path, sizeof path, err, sizeof err)) {
        if (!quiet_if_none) {
            fprintf(stderr, "ebb: %s\n", err);
        }
        return 1;
    }
    /* One pass: each block checked, decoded and fed to the runner (no frame array). */
    ebb_recording rec;
    ebb_session *s = NULL;
    if (!ebb_recording_rescore_file(path, &rec, &s, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return 2;
    }
    const ebb_result *r = ebb_session_result(s);
    const bool ok = ebb_history_store_result(h, row->id, r, false, err, sizeof err);
    if (ok) {
        printf("session %lld  %-34s score %3d -> %3d\n", (long long)row->id, row->level_id,
               row->score, r->score);
    } else {
        fprintf(stderr, "ebb: %s\n", err);
    }
    ebb_session_destroy(s);
    ebb_recording_free(&rec);
    return ok ? 0 : 1;
}

int ebb_cmd_rescore(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "ebb: rescore takes one session number or --all\nTry 'ebb --help'.\n");
        return 2;
    }
    const bool all = strcmp(argv[0], "--all") == 0;
    int64_t id = 0;
    if (!all && !ebb_cmd_session_id("rescore", argv[0], &id)) {
        return 2;
    }
    bool missing = false;
    ebb_history *h = ebb_cmd_history_open(&missing);
    if (h == NULL) {
        if (missing) {
            puts("No sessions yet: nothing to re-score.");
            return all ? 0 : 1;
        }
        return 1;
    }
    char err[EBB_HISTORY_ERR_MAX];
    int rc = 0;
    if (!all) {
        ebb_history_row row;
        if (!ebb_history_get(h, id, &row, err, sizeof err)) {
            fprintf(stderr, "ebb: %s\n", err);
            rc = 1;
        } else if (strcmp(row.state, "live") == 0) {
            fprintf(stderr, "ebb: session %lld is being played right now\n", (long long)id);
            rc = 1;
        } else {
            rc = rescore_one(h, &row, false);
        }
        ebb_history_close(h);
        return rc;
    }
    ebb_history_row *rows = NULL;
    size_t n = 0;
    if (!ebb_history_query(h, NULL, &rows, &n, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        ebb_history_close(h);
        return 1;
    }
    size_t done = 0, none = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].state, "live") == 0) {
            continue;
        }
        if (rows[i].recording[0] == '\0') {
            none++;
            continue;
        }
        int one = rescore_one(h, &rows[i], true);
        done += one == 0;
        failed += one != 0;
        rc = rc ? rc : one;
    }
    printf("Re-scored %zu session%s", done, done == 1 ? "" : "s");
    if (none) {
        printf("; %zu had no recording (played before recordings were kept, or replays)", none);
    }
    if (failed) {
        printf("; %zu could not be read (see above)", failed);
    }
    puts(".");
    free(rows);
    ebb_history_close(h);
    return rc;
}
