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

#include "level.h"

#define RATE 48000
#define ONSET_LEVEL 150     /* |sample| that counts as sound (0.5 % of full scale) */
#define SILENCE_MS 120
#define PEAK_MIN 2000       /* a cue reaches at least this (6 % of full scale) */
#define PEAK_WINDOW_MS 40
#define MAX_ONSETS 256

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static int find_onsets(const int16_t *s, size_t n, double *onset_ms, int max)
{
    int count = 0;
    size_t silence = (size_t)(RATE * SILENCE_MS / 1000);
    size_t peak_window = (size_t)(RATE * PEAK_WINDOW_MS / 1000);
    size_t quiet = silence; /* the file starts in silence */
    for (size_t i = 0; i < n; i++) {
        int v = s[i] < 0 ? -(int)s[i] : (int)s[i];
        if (v <= ONSET_LEVEL) {
            quiet++;
            continue;
        }
        if (quiet >= silence) {
            int peak = 0;
            for (size_t j = i; j < n && j < i + peak_window; j++) {
                int w = s[j] < 0 ? -(int)s[j] : (int)s[j];
                peak = w > peak ? w : peak;
            }
            if (peak >= PEAK_MIN && count < max) {
                onset_ms[count++] = (double)i * 1000.0 / RATE;
            }
        }
        quiet = 0;
    }
    return count;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: onsets OUTPUT.raw LEVEL_FILE [TOLERANCE_MS]\n");
        return 2;
    }
    double tol = argc > 3 ? atof(argv[3]) : 40.0;
    size_t raw_len = 0, lvl_len = 0;
    char *raw = read_all(argv[1], &raw_len);
    char *text = read_all(argv[2], &lvl_len);
    if (!raw || !text) {
        fprintf(stderr, "onsets: cannot read %s\n", raw ? argv[2] : argv[1]);
        free(raw);
        free(text);
        return 2;
    }
    ebb_level level;
    ebb_diags diags;
    ebb_diags_init(&diags, argv[2]);
    if (!ebb_level_parse(text, lvl_len, argv[2], &level, &diags)) {
        ebb_diags_print(&diags, stderr);
        free(raw);
        free(text);
        return 2;
    }
    size_t n = raw_len / 2;
    int16_t *s = malloc((n ? n : 1) * sizeof *s);
    for (size_t i = 0; s && i < n; i++) {
        const unsigned char *p = (const unsigned char *)raw + 2 * i;
        s[i] = (int16_t)(uint16_t)(p[0] | (p[1] << 8));
    }
    static double got[MAX_ONSETS];
    int count = s ? find_onsets(s, n, got, MAX_ONSETS) : 0;

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
    free(raw);
    free(text);
    return bad ? 1 : 0;
}
