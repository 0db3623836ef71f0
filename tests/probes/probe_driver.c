/* Test driver for the live probes: opens a probe spec through the real engine I/O library and
 * polls it once per 10 ms tick in real time, as the game does, printing one line per tick:
 *
 *   tick <level_ms> <wall_ms> <OK|LOST|ENDED> <pf> <abd> <breath> <present> <signal>
 *
 * wall_ms is CLOCK_REALTIME in ms, so that shell scripts can compare it with `date +%s%3N`.
 * It prints "ready" once the probe is open, and stops after SECONDS, when the probe ends, or
 * when the file named by $EBB_DRIVER_STOP_FILE exists (scripts end it when they are done).
 *
 *   probe_driver SPEC SECONDS     exit 0, or 1 when the probe cannot be opened (diags on stderr)
 *   probe_driver --list           lists serial ports (ebb_serial_list) */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "io/probe.h"
#include "io/serial_list.h"

static uint64_t clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int main(int argc, char **argv)
{
    if (argc == 2 && argv[1][0] == '-') {
        return ebb_serial_list(stdout) < 0 ? 1 : 0;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: probe_driver SPEC SECONDS | --list\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0); /* scripts watch the output as it comes */
    ebb_diags diags;
    ebb_diags_init(&diags, argv[1]);
    ebb_probe *p = ebb_probe_open(argv[1], &diags);
    if (!p) {
        ebb_diags_print(&diags, stderr);
        return 1;
    }
    const uint32_t total_ms = (uint32_t)(atof(argv[2]) * 1000.0);
    const char *stop_file = getenv("EBB_DRIVER_STOP_FILE");
    printf("ready realtime=%d\n", ebb_probe_is_live(p) ? 1 : 0);
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    static const char *const names[] = {"OK", "ENDED", "LOST"};
    for (uint32_t ms = 0; ms <= total_ms; ms += EBB_TICK_MS) {
        ebb_frame f;
        const ebb_probe_status st = ebb_probe_poll(p, ms, &f);
        printf("tick %u %llu %s %.4f %.4f %.4f %u %u\n", ms,
               (unsigned long long)clock_ms(CLOCK_REALTIME), names[st], (double)f.effort[0],
               (double)f.effort[1], (double)f.effort[2], (unsigned)f.present,
               (unsigned)f.signal);
        if (st == EBB_PROBE_ENDED || (stop_file && access(stop_file, F_OK) == 0)) {
            break;
        }
        next.tv_nsec += EBB_TICK_MS * 1000000L;
        if (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
    ebb_probe_close(p);
    printf("done\n");
    return 0;
}
