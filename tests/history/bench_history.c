/* History store speed, with its statements kept for the connection (as Ebb runs) and, in the
 * same run, compiled anew for every call (as it did before): the report and the session list
 * of a history made by make_week, and a live session saving its steps one transaction
 * each (then ended and deleted), on the real file system. Prints figures: medians of ROUNDS
 * alternating rounds.
 *
 * Usage: bench_history DATA_DIR [ROUNDS]   (DATA_DIR holds ebb/history.sqlite3) */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/level.h"
#include "core/session.h"
#include "io/history.h"
#include "io/history_db.h"
#include "io/report.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static bool report(ebb_history *h, size_t *sessions)
{
    FILE *o = fopen("/dev/null", "w");
    if (o == NULL) {
        return false;
    }
    char err[EBB_HISTORY_ERR_MAX];
    const ebb_report_opts opts = {.now = 1735689600};
    const bool ok = ebb_report_html(h, &opts, o, sessions, err, sizeof err);
    fclose(o);
    if (!ok) {
        fprintf(stderr, "report: %s\n", err);
    }
    return ok;
}

/* What the session list and the progress scene read: every row, and each one's steps. */
static bool list(ebb_history *h, size_t *steps)
{
    char err[EBB_HISTORY_ERR_MAX];
    ebb_history_row *rows = NULL;
    size_t n = 0;
    if (!ebb_history_query(h, &(ebb_history_filter){0}, &rows, &n, err, sizeof err)) {
        fprintf(stderr, "list: %s\n", err);
        return false;
    }
    *steps = 0;
    for (size_t i = 0; i < n; i++) {
        ebb_history_step_row *st = NULL;
        size_t ns = 0;
        if (ebb_history_steps(h, rows[i].id, &st, &ns, err, sizeof err)) {
            *steps += ns;
            free(st);
        }
    }
    free(rows);
    return true;
}

/* A live session of `n` steps, each saved in its own transaction, then deleted. */
static bool live(ebb_history *h, const ebb_level *lv, size_t n)
{
    char err[EBB_HISTORY_ERR_MAX];
    const ebb_history_begin_info in = {.started_at = 1735689600, .level = lv,
                                       .probe_spec = "keyboard"};
    int64_t id = 0;
    if (!ebb_history_begin(h, &in, &id, NULL, 0, err, sizeof err)) {
        fprintf(stderr, "live: %s\n", err);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const ebb_step_result r = {.kind = lv->steps[0].kind, .start_ms = (uint32_t)i * 10000u,
                                   .duration_ms = 10000, .line = 5, .reached = true,
                                   .score = 0.8f, .in_band = 0.7f, .mean = 0.5f, .sd = 0.1f,
                                   .peak = 0.7f, .release_ms = -1};
        if (!ebb_history_step_done(h, id, i, &r, (uint32_t)(i + 1) * 10000u, err, sizeof err)) {
            fprintf(stderr, "live: %s\n", err);
            return false;
        }
    }
    /* Ended (stopped part-way) so that it may be deleted, leaving the history as it was. */
    ebb_session *s = ebb_session_create(lv);
    bool ok = s != NULL;
    if (ok) {
        ebb_session_abort(s);
        ok = ebb_history_store_result(h, id, ebb_session_result(s), true, err, sizeof err) &&
             ebb_history_delete(h, id, err, sizeof err);
        ebb_session_destroy(s);
    }
    if (!ok) {
        fprintf(stderr, "live: %s\n", s ? err : "out of memory");
    }
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_history DATA_DIR [ROUNDS]\n");
        return 2;
    }
    const int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 1 || rounds > 100) {
        fprintf(stderr, "bench_history: ROUNDS must be 1..100\n");
        return 2;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/ebb/history.sqlite3", argv[1]);
    static const char level_text[] = "id bench/steps\ntitle \"Steps\"\nkind strengthening\n"
                                     "repeat 30\n  squeeze 5s band 40%..80%\n"
                                     "  rest 5s below 20%\nend\n";
    ebb_level lv;
    ebb_diags d;
    ebb_diags_init(&d, "bench.level");
    if (!ebb_level_parse(level_text, sizeof level_text - 1, "bench.level", &lv, &d)) {
        ebb_diags_print(&d, stderr);
        return 1;
    }
    enum { LIVE_STEPS = 60 };
    double t_report[2][100], t_list[2][100], t_live[2][100];
    size_t sessions = 0, steps = 0;
    for (int r = 0; r < rounds; r++) {
        for (int fresh = 0; fresh < 2; fresh++) {
            char err[EBB_HISTORY_ERR_MAX];
            ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
            if (h == NULL) {
                fprintf(stderr, "bench_history: %s\n", err);
                return 1;
            }
            h->fresh_statements = fresh == 1;
            double t0 = now_s();
            bool ok = report(h, &sessions);
            double t1 = now_s();
            ok = ok && list(h, &steps);
            double t2 = now_s();
            ok = ok && live(h, &lv, LIVE_STEPS);
            double t3 = now_s();
            ebb_history_close(h);
            if (!ok) {
                return 1;
            }
            t_report[fresh][r] = (t1 - t0) * 1e3;
            t_list[fresh][r] = (t2 - t1) * 1e3;
            t_live[fresh][r] = (t3 - t2) * 1e3 / LIVE_STEPS;
        }
    }
    printf("history store: %zu sessions, %zu steps, median of %d rounds\n", sessions, steps,
           rounds);
    printf("%-34s %12s %12s\n", "", "kept", "compiled anew");
    printf("%-34s %9.1f ms %9.1f ms\n", "report (HTML, every session)",
           median(t_report[0], rounds), median(t_report[1], rounds));
    printf("%-34s %9.1f ms %9.1f ms\n", "session list with every step",
           median(t_list[0], rounds), median(t_list[1], rounds));
    printf("%-34s %9.2f ms %9.2f ms\n", "live step saved (one commit, synced)",
           median(t_live[0], rounds), median(t_live[1], rounds));
    ebb_level_free(&lv);
    return 0;
}
