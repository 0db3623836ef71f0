/* Monotonic time and sleeping, for pacing live sources and `--realtime` replays. */
#ifndef EBB_PACER_H
#define EBB_PACER_H

#include <stdint.h>

uint64_t ebb_pacer_now_us(void);
uint64_t ebb_pacer_now_ms(void);

/* Sleeps until the monotonic clock reaches t_us (returns at once if it has passed). */
void ebb_pacer_sleep_until_us(uint64_t t_us);

#endif
