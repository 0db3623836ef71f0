/* `ebb report --html FILE [--from DATE] [--to DATE]`: the printable report for a therapist
 * (engine/io/report.h), written whole or not at all, private (0600). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cmd_history.h"
#include "io/fileio.h"
#include "io/report.h"

int ebb_cmd_report(int argc, char **argv)
{
    const char *file = NULL;
    ebb_report_opts o = {NULL, NULL, time(NULL)};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--html") == 0 && v) {
            file = v;
        } else if ((strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0) && v) {
            if (!ebb_report_date_ok(v)) {
                fprintf(stderr, "ebb: report %s: '%s' is not a date like 2024-05-01\n", a, v);
                return 2;
            }
            *(a[2] == 'f' ? &o.from : &o.to) = v;
        } else {
            fprintf(stderr, "ebb: report: unknown argument '%s'\nTry 'ebb --help'.\n", a);
            return 2;
        }
        i++;
    }
    if (file == NULL) {
        fprintf(stderr, "ebb: report needs --html FILE, e.g. 'ebb report --html report.html'\n");
        return 2;
    }
    bool missing = false;
    ebb_history *h = ebb_cmd_history_open(&missing);
    if (h == NULL && !missing) {
        return 1;
    }
    if (h == NULL) {
        puts("No sessions yet: play a level first, then make the report.");
        return 1;
    }
    char *html = NULL;
    size_t len = 0, n = 0;
    char err[1200];
    FILE *mem = open_memstream(&html, &len);
    bool ok = mem != NULL && ebb_report_html(h, &o, mem, &n, err, sizeof err);
    if (mem != NULL) {
        fclose(mem);
    }
    ebb_history_close(h);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    const char *name = slash ? slash + 1 : file;
    if (slash == dir) {
        dir[1] = '\0';
    } else if (slash) {
        *slash = '\0';
    } else {
        snprintf(dir, sizeof dir, ".");
    }
    ok = ok && ebb_file_write_atomic(dir, name, html, len, err, sizeof err);
    free(html);
    if (!ok) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    printf("Wrote %s (%zu session%s). It holds your health data: share it only with people "
           "you choose.\n", file, n, n == 1 ? "" : "s");
    return 0;
}
