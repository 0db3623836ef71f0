#define _POSIX_C_SOURCE 200809L
#include "app/bench.h"

#include "gfx/draw.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* Fonts, textures and the first probe ticks settle in the first second. */
#define WARMUP_FRAMES 60

struct ebb_bench {
    long frames;      /* measured frames wanted */
    long seen;        /* frames ended, warm-up included */
    long drawn;       /* measured frames that were drawn */
    double *cpu_ms;   /* per measured frame */
    double t0_cpu;    /* this frame's start, thread CPU seconds */
    double run_wall0; /* at the end of the warm-up */
    double run_cpu0;  /* process CPU at the end of the warm-up */
    double run_wall1, run_cpu1;
};

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double process_cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

ebb_bench *ebb_bench_open(void)
{
    /* The drawing before the cached shapes, for comparison in the same run. */
    const char *tri = getenv("EBB_BENCH_TRIANGLES");
    ebb_draw_use_triangles(tri && strcmp(tri, "1") == 0);
    const char *v = getenv("EBB_BENCH_FRAMES");
    if (!v || !*v) {
        return NULL;
    }
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (*end != '\0' || n <= 0 || n > 1000000) {
        return NULL;
    }
    ebb_bench *b = calloc(1, sizeof *b);
    if (!b) {
        return NULL;
    }
    b->cpu_ms = calloc((size_t)n, sizeof *b->cpu_ms);
    if (!b->cpu_ms) {
        free(b);
        return NULL;
    }
    b->frames = n;
    return b;
}

void ebb_bench_close(ebb_bench *b)
{
    if (b) {
        free(b->cpu_ms);
        free(b);
    }
}

void ebb_bench_frame_begin(ebb_bench *b)
{
    if (b) {
        b->t0_cpu = clock_s(CLOCK_THREAD_CPUTIME_ID);
    }
}

bool ebb_bench_frame_end(ebb_bench *b, bool drew)
{
    if (!b) {
        return false;
    }
    double ms = (clock_s(CLOCK_THREAD_CPUTIME_ID) - b->t0_cpu) * 1000.0;
    b->seen++;
    if (b->seen == WARMUP_FRAMES) {
        b->run_wall0 = clock_s(CLOCK_MONOTONIC);
        b->run_cpu0 = process_cpu_s();
        return false;
    }
    if (b->seen < WARMUP_FRAMES) {
        return false;
    }
    long i = b->seen - WARMUP_FRAMES - 1;
    b->cpu_ms[i] = ms;
    b->drawn += drew ? 1 : 0;
    if (i + 1 < b->frames) {
        return false;
    }
    b->run_wall1 = clock_s(CLOCK_MONOTONIC);
    b->run_cpu1 = process_cpu_s();
    return true;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double resident_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long rss = 0;
    if (!f) {
        return 0.0;
    }
    char line[128];
    if (fgets(line, sizeof line, f)) {
        char *end = NULL; /* statm: size, then resident, in pages */
        (void)strtol(line, &end, 10);
        rss = end != line ? strtol(end, NULL, 10) : 0;
    }
    fclose(f);
    return (double)rss * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

void ebb_bench_report(const ebb_bench *b, FILE *out, const char *scene, const char *renderer)
{
    if (!b) {
        return;
    }
    long n = b->seen - WARMUP_FRAMES;
    if (n > b->frames) {
        n = b->frames;
    }
    if (n <= 0) {
        fprintf(out, "bench scene=%s renderer=%s frames=0 (ended during the warm-up)\n", scene,
                renderer);
        return;
    }
    double *v = malloc((size_t)n * sizeof *v);
    if (!v) {
        return;
    }
    memcpy(v, b->cpu_ms, (size_t)n * sizeof *v);
    qsort(v, (size_t)n, sizeof *v, by_value);
    double median = v[n / 2];
    double p99 = v[(long)((double)(n - 1) * 0.99 + 0.5)];
    free(v);
    double wall = (b->run_wall1 > 0.0 ? b->run_wall1 : clock_s(CLOCK_MONOTONIC)) - b->run_wall0;
    double cpu = (b->run_cpu1 > 0.0 ? b->run_cpu1 : process_cpu_s()) - b->run_cpu0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(out,
            "bench scene=%s renderer=%s draw=%s frames=%ld drawn=%ld frame_cpu_ms_median=%.3f "
            "frame_cpu_ms_p99=%.3f cpu_pct=%.1f cpu_pct_at_60fps=%.1f fps=%.1f rss_mb=%.1f "
            "peak_rss_mb=%.1f\n",
            scene, renderer, ebb_draw_triangles_only() ? "triangles" : "shapes", n, b->drawn, median, p99, wall > 0.0 ? 100.0 * cpu / wall : 0.0,
            100.0 * cpu / (double)n * 60.0,
            wall > 0.0 ? (double)n / wall : 0.0, resident_mb(), (double)ru.ru_maxrss / 1024.0);
    fflush(out);
}

#define PHOTON_THRESHOLD 0.5f

struct ebb_photon {
    bool tick_above, drawn_above; /* last seen on each side of the threshold */
    double tick_s, draw_s;        /* the pending rise, 0 when none */
};

ebb_photon *ebb_photon_open(void)
{
    const char *v = getenv("EBB_BENCH_PHOTON");
    if (!v || strcmp(v, "1") != 0) {
        return NULL;
    }
    return calloc(1, sizeof(ebb_photon));
}

void ebb_photon_close(ebb_photon *ph)
{
    free(ph);
}

void ebb_photon_ticked(ebb_photon *ph, float consumed_effort)
{
    if (!ph) {
        return;
    }
    bool above = consumed_effort >= PHOTON_THRESHOLD;
    if (above && !ph->tick_above) {
        ph->tick_s = clock_s(CLOCK_MONOTONIC);
        ph->draw_s = 0.0;
    }
    ph->tick_above = above;
}

void ebb_photon_drawn(ebb_photon *ph, float drawn_effort)
{
    if (!ph) {
        return;
    }
    bool above = drawn_effort >= PHOTON_THRESHOLD;
    if (above && !ph->drawn_above && ph->tick_s > 0.0) {
        ph->draw_s = clock_s(CLOCK_MONOTONIC);
    }
    ph->drawn_above = above;
}

void ebb_photon_presented(ebb_photon *ph, FILE *out)
{
    if (!ph || ph->draw_s <= 0.0) {
        return;
    }
    double now = clock_s(CLOCK_MONOTONIC);
    fprintf(out, "photon tick_us=%.0f draw_us=%.0f present_us=%.0f\n", ph->tick_s * 1e6,
            ph->draw_s * 1e6, now * 1e6);
    fflush(out);
    ph->tick_s = 0.0;
    ph->draw_s = 0.0;
}
