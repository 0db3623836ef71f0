/* Re-scoring speed: a year of daily 20-minute sessions, recorded as Ebb records them (a
 * noisy simulated probe: the hard case for the format), read back from their files and
 * scored again, on one core. Prints figures; the aim is at most 2 s for the year.
 *
 * Usage: bench_rescore [DAYS] (default 365) */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/recording.h"
#include "core/session.h"
#include "core/sim.h"
#include "io/recording_file.h"

/* 20 minutes: sixty rounds of a 10 s hold and a 10 s rest. */
static const char level_text[] =
    "id    bench/twenty-minutes\n"
    "title \"Twenty minutes\"\n"
    "kind  strengthening\n"
    "repeat 60\n"
    "  squeeze 10s band 40%..80%\n"
    "  rest    10s below 20%\n"
    "end\n";

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The checksum as this format's reader computed it before (one table look-up a byte), to
 * show what the sliced one saves. */
static uint32_t crc_bytewise(const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    if (table[1] == 0) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c = table[(c ^ p[i]) & 0xFFu] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const int days = argc > 1 ? atoi(argv[1]) : 365;
    static ebb_diags d;
    ebb_diags_init(&d, "bench");
    ebb_level lv;
    if (!ebb_level_parse(level_text, sizeof level_text - 1, "bench", &lv, &d)) {
        ebb_diags_print(&d, stderr);
        return 1;
    }
    char dir[] = "/tmp/ebb-bench-rescore-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        return 1;
    }
    const double t0 = now_s();
    size_t bytes = 0;
    for (int day = 0; day < days; day++) {
        char path[200], err[1600];
        snprintf(path, sizeof path, "%s/session-%d.ebbrec", dir, day + 1);
        ebb_recording_meta meta = {"audio:default", "2024-05-01T08:00:00Z"};
        ebb_recording_writer *w = ebb_recording_writer_open(path, &meta, &lv, err, sizeof err);
        if (w == NULL) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        ebb_sim sim;
        ebb_sim_init(&sim, (ebb_sim_profile)(day % EBB_SIM_PROFILE_COUNT), (uint32_t)day + 1);
        for (uint32_t ms = 0; ms < lv.total_ms; ms += EBB_TICK_MS) {
            ebb_frame f = ebb_sim_tick(&sim, &lv, ms);
            ebb_recording_writer_frame(w, &f);
        }
        ebb_recording_writer_close(w);
        struct stat st;
        bytes += stat(path, &st) == 0 ? (size_t)st.st_size : 0;
    }
    const double t1 = now_s();
    /* Before: each file decoded into a frame array, then run (ebb rescore until this bench
     * was last improved). After: each block decoded straight into the runner. Both on the
     * same files, in this run; CPU time is what one core spent, wall time what it took on a
     * machine that may be busy. */
    double old_wall = 0.0, old_cpu = 0.0, new_wall = 0.0, new_cpu = 0.0, old_run_cpu = 0.0;
    double crc_old = 0.0, crc_new = 0.0;
    uint32_t crc_check = 0; /* equal CRCs cancel out: 0 when both agree on every file */
    long long ticks = 0, old_sum = 0, new_sum = 0;
    int mismatches = 0;
    for (int day = 0; day < days; day++) {
        char path[200], err[1600];
        snprintf(path, sizeof path, "%s/session-%d.ebbrec", dir, day + 1);
        double w0 = now_s(), c0 = cpu_s();
        ebb_recording rec;
        if (!ebb_recording_load(path, &rec, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        const double c_mid = cpu_s();
        ebb_session *s = ebb_recording_run(&rec);
        old_run_cpu += cpu_s() - c_mid;
        const int old_score = ebb_session_result(s)->score;
        ebb_session_destroy(s);
        ticks += (long long)rec.count;
        ebb_recording_free(&rec);
        old_wall += now_s() - w0;
        old_cpu += cpu_s() - c0;

        w0 = now_s();
        c0 = cpu_s();
        if (!ebb_recording_rescore_file(path, &rec, &s, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        const int new_score = ebb_session_result(s)->score;
        ebb_session_destroy(s);
        ebb_recording_free(&rec);
        new_wall += now_s() - w0;
        new_cpu += cpu_s() - c0;
        /* The checksums alone, both ways, over the file's bytes (from the page cache). */
        FILE *cf = fopen(path, "rb");
        static uint8_t cbuf[4u << 20];
        const size_t cn = cf ? fread(cbuf, 1, sizeof cbuf, cf) : 0;
        if (cf) {
            fclose(cf);
        }
        c0 = cpu_s();
        crc_check ^= crc_bytewise(cbuf, cn);
        crc_old += cpu_s() - c0;
        c0 = cpu_s();
        crc_check ^= ebb_crc32(cbuf, cn);
        crc_new += cpu_s() - c0;
        old_sum += old_score;
        new_sum += new_score;
        mismatches += old_score != new_score;
        unlink(path);
    }
    rmdir(dir);
    printf("re-score a year: %d sessions of %.0f min, %lld ticks, %.1f MB of recordings "
           "(%.2f bytes a tick)\n", days, lv.total_ms / 60000.0, ticks, (double)bytes / 1e6,
           (double)bytes / (double)ticks);
    printf("  before (read and decode to a frame array, then run):  %.3f s CPU (%.3f decoding, "
           "%.3f scoring), %.3f s wall\n", old_cpu, old_cpu - old_run_cpu, old_run_cpu, old_wall);
    printf("  after  (each block straight into the runner):         %.3f s CPU, %.3f s wall "
           "(%.2f ms a session, %.1f M ticks/s)\n", new_cpu, new_wall, new_cpu * 1000.0 / days,
           (double)ticks / new_cpu / 1e6);
    printf("  checksums alone: byte-wise %.3f s, sliced by 8 %.3f s (%s)\n", crc_old, crc_new,
           crc_check == 0 ? "the same values" : "DIFFERENT values");
    const double year = new_cpu * 365.0 / days;
    printf("  a year at this pace: %.2f s; aim <= 2 s on one core: %s; the same scores both "
           "ways: %s\n", year, year <= 2.0 ? "met" : "NOT met", mismatches == 0 ? "yes" : "NO");
    printf("  (writing them took %.2f s; mean score %.1f)\n", t1 - t0,
           (double)new_sum / days);
    (void)old_sum;
    ebb_level_free(&lv);
    return mismatches == 0 && crc_check == 0 ? 0 : 1;
}
