/* Which mains frequency hums on the input: 50 Hz, 60 Hz, or none to speak of.
 *
 * People rarely know their mains frequency, and the wrong notches hurt (on a 60 Hz recording
 * the burst-to-rest contrast nearly halves with the 50 Hz default). The detector listens to
 * the first second of signal, while the person rests and the probe settles, and compares the
 * power at 50 Hz and its harmonics with 60 Hz and its harmonics, each against the noise
 * floor between them. Goertzel filters with a Hann window over the whole second give 1 Hz
 * bins whose side lobes are > 60 dB down 5 Hz away, so a strong hum cannot leak into the
 * floor bins and mains drifting by ±0.2 Hz loses well under 1 dB.
 *
 * Pure code (libc and libm). No allocation: the state lives in the struct. */
#ifndef EBB_DSP_MAINS_H
#define EBB_DSP_MAINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EBB_MAINS_DETECT_MS 1000u  /* length of the listening window */
#define EBB_MAINS_BINS_MAX 40u
/* A family of harmonics must stand this far above the floor and above the other family. */
#define EBB_MAINS_FLOOR_DB 10.0
#define EBB_MAINS_MARGIN_DB 6.0

typedef struct ebb_mains_detect {
    double fs;
    uint64_t n, total;               /* samples seen, samples in the window */
    size_t bins;
    double coef[EBB_MAINS_BINS_MAX]; /* 2 cos(w) */
    double s1[EBB_MAINS_BINS_MAX], s2[EBB_MAINS_BINS_MAX];
    unsigned char family[EBB_MAINS_BINS_MAX]; /* 50, 60, or 0 for a floor bin */
} ebb_mains_detect;

typedef struct ebb_mains_result {
    bool done;       /* the window is complete */
    unsigned hz;     /* 50 or 60 when one family clearly hums, else 0 (keep the default) */
    double hum50_db; /* mean power at 50 Hz harmonics over the floor */
    double hum60_db; /* the same at 60 Hz harmonics */
} ebb_mains_result;

/* Prepares a detector for sample rate fs (any rate; harmonics above 0.45 fs are skipped). */
void ebb_mains_detect_init(ebb_mains_detect *m, double fs);

/* Feeds one sample; returns true once the window is complete (further samples are ignored). */
bool ebb_mains_detect_feed(ebb_mains_detect *m, double x);

ebb_mains_result ebb_mains_detect_result(const ebb_mains_detect *m);

#endif
