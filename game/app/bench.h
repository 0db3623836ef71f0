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

/* Probe to photon (EBB_BENCH_PHOTON=1): on each rise of the person's effort through 0.5,
 * prints "photon tick_us=... draw_us=... present_us=..." (CLOCK_MONOTONIC microseconds, the
 * clock a writer on the same machine stamps its samples with): when the tick that consumed the
 * sample had run, when the frame drawing it was drawn, and when SDL_RenderPresent returned.
 * The serial probe reads at the tick's poll, so the sample's arrival in the probe is the tick. */
typedef struct ebb_photon ebb_photon;
ebb_photon *ebb_photon_open(void); /* NULL unless EBB_BENCH_PHOTON=1 */
void ebb_photon_close(ebb_photon *ph);
void ebb_photon_ticked(ebb_photon *ph, float consumed_effort);
void ebb_photon_drawn(ebb_photon *ph, float drawn_effort);
void ebb_photon_presented(ebb_photon *ph, FILE *out);

#endif
