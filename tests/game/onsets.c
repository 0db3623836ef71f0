/* Audio test checker: finds cue onsets in the raw output of SDL's disk audio driver and
 * compares them with the level's step starts.
 *
 *   onsets OUTPUT.raw LEVEL_FILE [TOLERANCE_MS]
 *
 * OUTPUT.raw is S16LE mono 48 kHz (what the game opens). An onset is the first sample above a
 * small threshold after at least 120 ms of near-silence, provided the sound then grows into a
 * real tone (peak above PEAK_MIN within 40 ms), so a click cannot pass for a cue. Expected
 * onsets are the starts of the level's steps that have a cue, then the level-complete chime at
 * the level's end. The file starts when the audio
 * device opened, not when the level started, so only the intervals between successive
 * onsets are compared (each within the tolerance, default 40 ms), and the counts must match.
 * Exit 0 when everything matches, 1 otherwise, 2 on bad arguments or unreadable files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/level.h"
#include "rawaudio.h"

#define RATE 48000
#define ONSET_LEVEL 150     /* |sample| that counts as sound (0.5 % of full scale) */
#define SILENCE_MS 120
#define PEAK_MIN 2000       /* a cue reaches at least this (6 % of full scale) */
#define PEAK_WINDOW_MS 40
#define MAX_ONSETS 256

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: onsets OUTPUT.raw LEVEL_FILE [TOLERANCE_MS]\n");
        return 2;
    }
    double tol = argc > 3 ? atof(argv[3]) : 40.0;
    size_t n = 0, lvl_len = 0;
    int16_t *s = rawaudio_read(argv[1], &n);
    char *text = rawaudio_read_text(argv[2], &lvl_len);
    if (!s || !text) {
        fprintf(stderr, "onsets: cannot read %s\n", s ? argv[2] : argv[1]);
        free(s);
        free(text);
        return 2;
    }
    ebb_level level;
    ebb_diags diags;
    ebb_diags_init(&diags, argv[2]);
    if (!ebb_level_parse(text, lvl_len, argv[2], &level, &diags)) {
        ebb_diags_print(&diags, stderr);
        free(s);
        free(text);
        return 2;
    }
    static size_t at[MAX_ONSETS];
    static double got[MAX_ONSETS];
    const int count = rawaudio_onsets(s, n, ONSET_LEVEL, SILENCE_MS, PEAK_MIN, PEAK_WINDOW_MS, at,
                                      MAX_ONSETS);
    for (int i = 0; i < count; i++) {
        got[i] = (double)at[i] * 1000.0 / RATE;
    }

    static double want[MAX_ONSETS];
    int want_count = 0;
    for (size_t i = 0; i < level.step_count && want_count < MAX_ONSETS; i++) {
        if (level.steps[i].cue != EBB_CUE_NONE) {
            want[want_count++] = (double)level.steps[i].start_ms;
        }
    }
    /* The game's "level complete" chime when the last step ends. */
    if (want_count < MAX_ONSETS) {
        want[want_count++] = (double)level.total_ms;
    }
    printf("onsets: %.2f s of audio, %d onsets found, %d cues expected\n", (double)n / RATE, count,
           want_count);
    int bad = 0;
    for (int i = 0; i < count; i++) {
        printf("  onset %d at %9.1f ms", i, got[i]);
        if (i > 0 && i < want_count) {
            double dg = got[i] - got[i - 1], dw = want[i] - want[i - 1];
            double err = dg - dw;
            bool ok = err <= tol && err >= -tol;
            printf("  interval %7.1f ms, level %7.1f ms, off by %+6.1f ms%s", dg, dw, err,
                   ok ? "" : "  <-- too far");
            bad += !ok;
        }
        printf("\n");
    }
    if (count != want_count) {
        printf("onsets: FAIL: found %d onsets, the level has %d cued steps and the end\n", count, want_count);
        bad++;
    }
    printf("onsets: %s\n", bad ? "FAIL" : "ok");
    ebb_level_free(&level);
    free(s);
    free(text);
    return bad ? 1 : 0;
}
