/* A line-protocol probe for the probe-to-photon bench: writes one sample every 10 ms to a
 * serial port (a pty), resting at 0.05 and stepping to 0.9 for half of every second, and
 * prints "step_us=..." (CLOCK_MONOTONIC microseconds) as each step up is written.
 *   photon_writer PORT SECONDS */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: photon_writer PORT SECONDS\n");
        return 2;
    }
    int fd = open(argv[1], O_WRONLY | O_NOCTTY);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    const long samples = (long)(atof(argv[2]) * 100.0);
    const double t0 = now_s();
    int was_up = 0;
    for (long i = 0; i < samples; i++) {
        /* A step at a phase that drifts against the game's ticks and frames, so the delays
         * sample every alignment rather than one. */
        double due = t0 + (double)i * 0.010 + (double)(i / 100) * 0.0013;
        for (double t = now_s(); t < due; t = now_s()) {
            struct timespec d = {0, (long)((due - t) * 1e9)};
            nanosleep(&d, NULL);
        }
        const int up = (i % 100) >= 50;
        const char *line = up ? "0.9\n" : "0.05\n";
        if (write(fd, line, strlen(line)) < 0) {
            perror("write");
            return 1;
        }
        if (up && !was_up) {
            printf("step_us=%.0f\n", now_s() * 1e6);
            fflush(stdout);
        }
        was_up = up;
    }
    close(fd);
    return 0;
}
