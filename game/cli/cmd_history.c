/* `ebb history`: the sessions kept on this computer as a table, CSV or JSON (the same
 * columns in all three), and deleting one with its recording. */
#include "cli/cmd_history.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/export.h"

/* Enough to see the last weeks at a glance; --csv and --json give everything. */
#define HISTORY_SHOWN 30u

ebb_history *ebb_cmd_history_open(bool *missing)
{
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    *missing = false;
    if (!ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return NULL;
    }
    if (access(path, F_OK) != 0) {
        *missing = true;
        return NULL;
    }
    /* Read-write: this start is also the one that finds sessions cut off by a crash. */
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "ebb: %s\n", err);
    }
    return h;
}

bool ebb_cmd_session_id(const char *cmd, const char *arg, int64_t *id)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || v <= 0) {
        fprintf(stderr, "ebb: %s: '%s' is not a session number (see 'ebb history')\n", cmd,
                arg);
        return false;
    }
    *id = (int64_t)v;
    return true;
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(out, "\\%c", *p);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

static const char *const columns[] = {"id", "started_at", "level_id", "title", "state",
                                      "steps_done", "step_count", "score", "stars",
                                      "duration_s", "probe", "pack_id", "program_day",
                                      "recording"};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* The row's fields as text, in the order of columns[]. */
static void row_fields(const ebb_history_row *r, char f[NCOLUMNS][200])
{
    snprintf(f[0], 200, "%lld", (long long)r->id);
    snprintf(f[1], 200, "%s", r->started_at);
    snprintf(f[2], 200, "%s", r->level_id);
    snprintf(f[3], 200, "%s", r->title);
    snprintf(f[4], 200, "%s", r->state);
    snprintf(f[5], 200, "%d", r->steps_done);
    snprintf(f[6], 200, "%d", r->step_count);
    snprintf(f[7], 200, "%d", r->score);
    snprintf(f[8], 200, "%d", r->stars);
    snprintf(f[9], 200, "%.2f", r->duration_s);
    snprintf(f[10], 200, "%s", r->probe);
    snprintf(f[11], 200, "%s", r->pack_id);
    if (r->program_day >= 0) {
        snprintf(f[12], 200, "%d", r->program_day);
    } else {
        f[12][0] = '\0';
    }
    snprintf(f[13], 200, "%s", r->recording);
}

static bool numeric_column(size_t c)
{
    return c == 0 || (c >= 5 && c <= 9) || c == 12;
}

static void print_csv(const ebb_history_row *rows, size_t n)
{
    for (size_t c = 0; c < NCOLUMNS; c++) {
        printf("%s%s", c ? "," : "", columns[c]);
    }
    putchar('\n');
    static char f[NCOLUMNS][200];
    for (size_t i = 0; i < n; i++) {
        row_fields(&rows[i], f);
        for (size_t c = 0; c < NCOLUMNS; c++) {
            if (c) {
                putchar(',');
            }
            ebb_csv_field(stdout, f[c]);
        }
        putchar('\n');
    }
}

static void print_json(const ebb_history_row *rows, size_t n)
{
    static char f[NCOLUMNS][200];
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        row_fields(&rows[i], f);
        printf("%s\n{", i ? "," : "");
        for (size_t c = 0; c < NCOLUMNS; c++) {
            printf("%s\"%s\":", c ? "," : "", columns[c]);
            if (numeric_column(c)) {
                fputs(f[c][0] ? f[c] : "null", stdout);
            } else {
                json_string(stdout, f[c]);
            }
        }
        putchar('}');
    }
    puts(n ? "\n]" : "]");
}

static const char *state_words(const ebb_history_row *r)
{
    if (strcmp(r->state, "live") == 0) {
        return "playing now";
    }
    if (strcmp(r->state, "interrupted") == 0) {
        return "cut off";
    }
    return strcmp(r->state, "stopped") == 0 ? "stopped early" : "done";
}

static void print_table(const ebb_history_row *rows, size_t n, const char *dir)
{
    if (n == 0) {
        puts("No sessions yet. Play a level and it will show here.");
        return;
    }
    const size_t first = n > HISTORY_SHOWN ? n - HISTORY_SHOWN : 0;
    if (first > 0) {
        printf("(%zu earlier sessions not shown; --csv or --json give them all)\n", first);
    }
    printf("%5s  %-20s  %-34s %-13s %5s  %5s  %-5s %8s\n", "id", "started (UTC)", "level",
           "state", "steps", "score", "stars", "minutes");
    for (size_t i = first; i < n; i++) {
        const ebb_history_row *r = &rows[i];
        char stars[4] = "---";
        for (int s = 0; s < 3; s++) {
            stars[s] = s < r->stars ? '*' : '-';
        }
        char steps[16];
        snprintf(steps, sizeof steps, "%d/%d", r->steps_done, r->step_count);
        printf("%5lld  %-20s  %-34s %-13s %5s  %5d  %-5s %8.1f\n", (long long)r->id,
               r->started_at, r->level_id, state_words(r), steps, r->score, stars,
               r->duration_s / 60.0);
    }
    printf("Kept only on this computer, in %s\n", dir);
}

int ebb_cmd_history(int argc, char **argv)
{
    bool csv = false, json = false;
    const char *del = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0) {
            csv = true;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--delete") == 0 && i + 1 < argc) {
            del = argv[++i];
        } else {
            fprintf(stderr, "ebb: history: unknown argument '%s'\nTry 'ebb --help'.\n",
                    argv[i]);
            return 2;
        }
    }
    int64_t del_id = 0;
    if ((csv && json) || (del && (csv || json))) {
        fprintf(stderr, "ebb: history: give one of --csv, --json or --delete ID\n");
        return 2;
    }
    if (del && !ebb_cmd_session_id("history --delete", del, &del_id)) {
        return 2;
    }
    bool missing = false;
    ebb_history *h = ebb_cmd_history_open(&missing);
    if (h == NULL && !missing) {
        return 1;
    }
    char err[EBB_HISTORY_ERR_MAX];
    if (del) {
        if (h == NULL) {
            fprintf(stderr, "ebb: no session %s in the history\n", del);
            return 1;
        }
        bool ok = ebb_history_delete(h, del_id, err, sizeof err);
        ebb_history_close(h);
        if (!ok) {
            fprintf(stderr, "ebb: %s\n", err);
            return 1;
        }
        printf("Deleted session %lld and its recording.\n", (long long)del_id);
        return 0;
    }
    ebb_history_row *rows = NULL;
    size_t n = 0;
    if (h != NULL && !ebb_history_query(h, NULL, &rows, &n, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        ebb_history_close(h);
        return 1;
    }
    if (csv) {
        print_csv(rows, n);
    } else if (json) {
        print_json(rows, n);
    } else {
        char dir[1024] = "";
        if (h == NULL) {
            char path[1024];
            ebb_history_default_path(path, sizeof path, err, sizeof err);
            snprintf(dir, sizeof dir, "%s", path);
        } else {
            snprintf(dir, sizeof dir, "%s/history.sqlite3", ebb_history_dir(h));
        }
        print_table(rows, n, dir);
    }
    free(rows);
    ebb_history_close(h);
    return fflush(stdout) == 0 ? 0 : 1;
}
