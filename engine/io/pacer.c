#define _POSIX_C_SOURCE 200809L /* clock_gettime, clock_nanosleep */

#include "io/pacer.h"

#include <errno.h>
#include <time.h>

uint64_t ebb_pacer_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t ebb_pacer_now_ms(void)
{
    return ebb_pacer_now_us() / 1000u;
}

void ebb_pacer_sleep_until_us(uint64_t t_us)
{
    struct timespec ts = {(time_t)(t_us / 1000000u), (long)(t_us % 1000000u) * 1000L};
    /* Absolute sleep: no drift from the time spent between ticks; retried on signals. */
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}
