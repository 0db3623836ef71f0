/* Test writer for raw EMG over the line protocol: the synthetic signal of emg_signal.h (rest
 * 3 µV, 50 Hz hum, three 50 µV bursts at known times) as one "%.2f" µV line per sample, at
 * RATE samples a second, paced against the wall clock in 10 ms slices as an amplifier's
 * serial stream would come. The header "# ebb units=uV rate=RATE channels=pf raw=emg" goes
 * first and again every 2 s. Prints "start <wall_ms>" (CLOCK_REALTIME) when the first sample
 * is written, so a script can place the bursts, then "end <wall_ms>".
 *
 *   raw_emg_writer TTY RATE      exit 0, or 1 when TTY cannot be written */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "emg_signal.h"

static uint64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        const ssize_t w = write(fd, s, n);
        if (w <= 0) {
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: raw_emg_writer TTY RATE\n");
        return 2;
    }
    const unsigned rate = (unsigned)strtoul(argv[2], NULL, 10);
    const int fd = open(argv[1], O_WRONLY | O_NOCTTY);
    if (fd < 0 || rate < 1) {
        perror(argv[1]);
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    emg_gen g;
    emg_gen_init(&g, (double)rate, 50.0, 11);
    const size_t total = (size_t)(EMG_SIGNAL_S * rate);
    char header[96];
    const int hlen = snprintf(header, sizeof header,
                              "# ebb units=uV rate=%u channels=pf raw=emg\n", rate);
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    size_t sent = 0;
    uint32_t phase = 0;
    for (unsigned slice = 0; sent < total; slice++) {
        static char buf[65536];
        size_t len = 0;
        if (slice % 200 == 0) {
            memcpy(buf, header, (size_t)hlen);
            len = (size_t)hlen;
        }
        /* rate / 100 samples per slice, the remainder carried (256 Hz: 2 or 3) */
        phase += rate;
        const size_t n = phase / 100;
        phase %= 100;
        for (size_t i = 0; i < n && sent < total; i++, sent++) {
            const double uv = (double)emg_gen_next(&g, 1) * (double)EBB_EMG_FULL_SCALE_UV;
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%.2f\n", uv);
        }
        if (slice == 0) {
            printf("start %llu\n", (unsigned long long)wall_ms());
        }
        if (write_all(fd, buf, len) != 0) {
            perror("write");
            return 1;
        }
        next.tv_nsec += 10000000L;
        if (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
    printf("end %llu\n", (unsigned long long)wall_ms());
    close(fd);
    return 0;
}
