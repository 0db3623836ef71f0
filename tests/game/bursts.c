/* Audio test checker: lists the separate sounds (bursts) in the raw output of SDL's disk
 * audio driver, one line each: onset (ms from the start of the file), length (ms), peak
 * (|sample|, of 32767) and mean frequency (Hz, from zero crossings).
 *
 *   bursts OUTPUT.raw [GAP_MS]
 *
 * OUTPUT.raw is S16LE mono 48 kHz (what the game opens). Sound is any 2 ms window whose peak
 * is above a small threshold; a burst ends after GAP_MS (default 40) of quiet. Shell scripts
 * then check the pattern with awk (tests/game/run_lost.sh). Exit 0, or 2 on bad arguments or
 * an unreadable file. */
#include <stdint.h>
#include <stdio.h>

#include "rawaudio.h"
#include <stdlib.h>

#define RATE 48000
#define WIN 96            /* 2 ms */
#define LEVEL 150         /* |sample| that counts as sound (0.5 % of full scale) */

static void report(const int16_t *s, size_t from, size_t to)
{
    int peak = 0;
    size_t crossings = 0;
    for (size_t i = from; i < to; i++) {
        int v = s[i] < 0 ? -s[i] : s[i];
        peak = v > peak ? v : peak;
        if (i > from && ((s[i - 1] < 0) != (s[i] < 0))) {
            crossings++;
        }
    }
    double secs = (double)(to - from) / RATE;
    printf("%.1f %.1f %d %.0f\n", (double)from * 1000.0 / RATE, secs * 1000.0, peak,
           secs > 0.0 ? (double)crossings / 2.0 / secs : 0.0);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bursts OUTPUT.raw [GAP_MS]\n");
        return 2;
    }
    double gap_ms = argc == 3 ? atof(argv[2]) : 40.0;
    size_t n = 0;
    int16_t *s = rawaudio_read(argv[1], &n);
    if (!s) {
        fprintf(stderr, "bursts: cannot read %s\n", argv[1]);
        return 2;
    }
    size_t gap_win = (size_t)(gap_ms * RATE / 1000.0 / WIN + 0.5);
    int in = 0;
    size_t start = 0, last_loud = 0, quiet = 0;
    for (size_t w = 0; w * WIN + WIN <= n; w++) {
        int loud = 0;
        for (size_t i = w * WIN; i < w * WIN + WIN; i++) {
            if (s[i] > LEVEL || s[i] < -LEVEL) {
                loud = 1;
                break;
            }
        }
        if (loud) {
            if (!in) {
                in = 1;
                start = w * WIN;
            }
            last_loud = w * WIN + WIN;
            quiet = 0;
        } else if (in && ++quiet >= gap_win) {
            report(s, start, last_loud);
            in = 0;
        }
    }
    if (in) {
        report(s, start, last_loud);
    }
    free(s);
    return 0;
}
