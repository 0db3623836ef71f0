/* Frame-cost figures for `make bench` (EBB_BENCH_FRAMES=N): the game runs N frames after a
 * short warm-up, then quits and prints one line of figures on stdout.
 *
 * Per frame it measures the main thread's CPU time from the top of the frame to
 * SDL_RenderPresent returning (the pacing sleep is not in it); over the run, the whole
 * process's CPU time against the wall clock (audio and probe threads included) and the
 * resident memory. These are figures to print, never to assert: the machine may be shared. */
#ifndef EBB_APP_BENCH_H
#define EBB_APP_BENCH_H

#include <stdbool.h>
#include <stdio.h>

typedef struct ebb_bench ebb_bench;

/* NULL when EBB_BENCH_FRAMES is not set (or not a positive number): no cost at all. */
ebb_bench *ebb_bench_open(void);
void ebb_bench_close(ebb_bench *b);

void ebb_bench_frame_begin(ebb_bench *b);
/* Ends a frame (drew: whether it was drawn and presented). Returns true once N measured
 * frames are done. */
bool ebb_bench_frame_end(ebb_bench *b, bool drew);

/* One line: "bench scene=... renderer=... frames=... drawn=... frame_cpu_ms_median=...". */
void ebb_bench_report(const ebb_bench *b, FILE *out, const char *scene, const char *renderer);

#endif
