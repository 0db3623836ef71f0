/* Audio guidance checker for the raw output of SDL's disk audio driver (S16LE mono 48 kHz,
 * what the game opens).
 *
 *   guidecheck onsets OUTPUT.raw LEVEL_FILE TOLERANCE_MS
 *       Finds every cue (and the level-complete chime) and compares where it starts with
 *       where its step starts, in sample time. Each onset is found coarsely (sound after
 *       120 ms of quiet), then exactly: the cue the level asks for is synthesised again
 *       (synth.h) and slid over the recording; the best match is its first sample, so the
 *       soft attacks of some cues do not bias the result.
 *       The file starts when the sound device opened, not when the level started, and the
 *       disk driver's real-time pacing gives no common origin: so every onset is measured
 *       relative to the first cue (level start), i.e. offset_i = (onset_i - onset_0) -
 *       (start_i - start_0). Prints each offset and the worst; exit 1 if the worst is above
 *       TOLERANCE_MS or a cue is missing.
 *   guidecheck pitch OUTPUT.raw FROM_S TO_S
 *       Prints the dominant frequency (Hz, a DFT scan of 100..1000 Hz refined to 0.25 Hz)
 *       of the samples between FROM_S and TO_S seconds.
 *   guidecheck lost OUTPUT.raw
 *       Eyes-closed mode through a lost signal: the effort tone and the pacer sound steadily
 *       before (the loudness of 1..2 s is the reference), go quiet while the signal is lost
 *       (after the double beep, a stretch of at least 250 ms below a tenth of the reference),
 *       come back after it (0.6..1.6 s after the quiet ends, at least 0.4 of the reference),
 *       and never click: around the stop and the restart, no sample-to-sample step is larger
 *       than a 1.5 kHz sine at the local peak could make (0.2 of the peak, plus a little).
 * Exit 2 on bad arguments or unreadable files. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "rawaudio.h"
#include "sound/synth.h"

#define RATE 48000
#define ONSET_LEVEL 150
#define SILENCE_MS 120
#define PEAK_MIN 1500
#define PEAK_WINDOW_MS 40
#define MAX_ONSETS 256
#define MATCH_MS 80        /* length of the template compared */
#define SEARCH_BEFORE_MS 30
#define SEARCH_AFTER_MS 10

static int coarse_onsets(const int16_t *s, size_t n, size_t *at, int max)
{
    return rawaudio_onsets(s, n, ONSET_LEVEL, SILENCE_MS, PEAK_MIN, PEAK_WINDOW_MS, at, max);
}

/* The lag (sample index) where the template fits best near `coarse`. */
static size_t refine(const int16_t *s, size_t n, size_t coarse, const int16_t *t, size_t tn)
{
    size_t m = tn < (size_t)(RATE * MATCH_MS / 1000) ? tn : (size_t)(RATE * MATCH_MS / 1000);
    size_t lo = coarse > (size_t)(RATE * SEARCH_BEFORE_MS / 1000)
                    ? coarse - (size_t)(RATE * SEARCH_BEFORE_MS / 1000) : 0;
    size_t hi = coarse + (size_t)(RATE * SEARCH_AFTER_MS / 1000);
    double tt = 0.0;
    for (size_t k = 0; k < m; k++) {
        tt += (double)t[k] * t[k];
    }
    double best = -2.0;
    size_t best_at = coarse;
    for (size_t lag = lo; lag <= hi && lag + m < n; lag++) {
        double st = 0.0, ss = 0.0;
        for (size_t k = 0; k < m; k++) {
            st += (double)s[lag + k] * t[k];
            ss += (double)s[lag + k] * s[lag + k];
        }
        double c = ss > 0.0 && tt > 0.0 ? st / sqrt(ss * tt) : -1.0;
        if (c > best) {
            best = c;
            best_at = lag;
        }
    }
    return best_at;
}

static int check_onsets(const char *raw_path, const char *level_path, double tol)
{
    size_t n = 0, lvl_len = 0;
    int16_t *s = rawaudio_read(raw_path, &n);
    char *text = rawaudio_read_text(level_path, &lvl_len);
    if (!s || !text) {
        fprintf(stderr, "guidecheck: cannot read %s\n", s ? level_path : raw_path);
        free(s);
        free(text);
        return 2;
    }
    ebb_level level;
    ebb_diags diags;
    ebb_diags_init(&diags, level_path);
    if (!ebb_level_parse(text, lvl_len, level_path, &level, &diags)) {
        ebb_diags_print(&diags, stderr);
        free(s);
        free(text);
        return 2;
    }
    static double want[MAX_ONSETS];
    static int want_cue[MAX_ONSETS]; /* ebb_cue, or -1: the level-complete chime */
    int wants = 0;
    for (size_t i = 0; i < level.step_count && wants < MAX_ONSETS - 1; i++) {
        if (level.steps[i].cue != EBB_CUE_NONE) {
            want[wants] = (double)level.steps[i].start_ms;
            want_cue[wants++] = (int)level.steps[i].cue;
        }
    }
    want[wants] = (double)level.total_ms;
    want_cue[wants++] = -1;
    static size_t coarse[MAX_ONSETS];
    int found = coarse_onsets(s, n, coarse, MAX_ONSETS);
    printf("guidecheck: %.2f s of audio, %d onsets found, %d expected (cues and the end)\n",
           (double)n / RATE, found, wants);
    int bad = found != wants;
    double first = 0.0, worst = 0.0;
    for (int i = 0; i < found && i < wants; i++) {
        size_t tn = want_cue[i] >= 0 ? ebb_synth_cue_len((ebb_cue)want_cue[i], RATE)
                                     : ebb_synth_sound_len(EBB_SOUND_COMPLETE, RATE);
        int16_t *t = malloc((tn ? tn : 1) * sizeof *t);
        if (!t) {
            bad = 1;
            break;
        }
        tn = want_cue[i] >= 0 ? ebb_synth_cue((ebb_cue)want_cue[i], RATE, t, tn)
                              : ebb_synth_sound(EBB_SOUND_COMPLETE, RATE, t, tn);
        size_t at = refine(s, n, coarse[i], t, tn);
        free(t);
        double ms = (double)at * 1000.0 / RATE;
        if (i == 0) {
            first = ms;
        }
        double off = (ms - first) - (want[i] - want[0]);
        worst = fabs(off) > fabs(worst) ? off : worst;
        printf("  %-12s step at %8.1f ms  heard at %9.2f ms in the file  offset %+6.2f ms%s\n",
               want_cue[i] >= 0 ? ebb_cue_name((ebb_cue)want_cue[i]) : "complete", want[i], ms,
               off, fabs(off) > tol ? "  <-- too far" : "");
        bad |= fabs(off) > tol;
    }
    printf("guidecheck: worst cue offset %+.2f ms (tolerance %.1f ms; relative to the first cue, "
           "which the disk file gives no absolute origin for)\n",
           worst, tol);
    printf("guidecheck: %s\n", bad ? "FAIL" : "ok");
    ebb_level_free(&level);
    free(s);
    free(text);
    return bad ? 1 : 0;
}

static double power_at(const int16_t *s, size_t from, size_t to, double hz)
{
    double w = 2.0 * 3.14159265358979323846 * hz / RATE;
    double re = 0.0, im = 0.0;
    for (size_t i = from; i < to; i++) {
        re += s[i] * cos(w * (double)i);
        im += s[i] * sin(w * (double)i);
    }
    return re * re + im * im;
}

static int check_pitch(const char *raw_path, double from_s, double to_s)
{
    size_t n = 0;
    int16_t *s = rawaudio_read(raw_path, &n);
    if (!s) {
        fprintf(stderr, "guidecheck: cannot read %s\n", raw_path);
        return 2;
    }
    size_t from = (size_t)(from_s * RATE), to = (size_t)(to_s * RATE);
    if (to > n) {
        to = n;
    }
    if (from + RATE / 10 > to) {
        fprintf(stderr, "guidecheck: the window %.2f..%.2f s is not in the %.2f s file\n", from_s,
                to_s, (double)n / RATE);
        free(s);
        return 2;
    }
    double best = 0.0, best_hz = 0.0;
    for (double hz = 100.0; hz <= 1000.0; hz += 2.0) {
        double p = power_at(s, from, to, hz);
        if (p > best) {
            best = p;
            best_hz = hz;
        }
    }
    double centre = best_hz;
    for (double hz = centre - 2.0; hz <= centre + 2.0; hz += 0.25) {
        double p = power_at(s, from, to, hz);
        if (p > best) {
            best = p;
            best_hz = hz;
        }
    }
    printf("%.2f\n", best_hz);
    free(s);
    return 0;
}

static double rms(const int16_t *s, size_t from, size_t to)
{
    double sum = 0.0;
    for (size_t i = from; i < to; i++) {
        sum += (double)s[i] * s[i];
    }
    return to > from ? sqrt(sum / (double)(to - from)) : 0.0;
}

/* The largest sample-to-sample step in [from, to) relative to the local peak (5 ms either
 * side), and where it is. A smooth sound of frequency f has at most 2 pi f / rate. */
static double worst_step(const int16_t *s, size_t n, size_t from, size_t to, size_t *at)
{
    const size_t side = RATE / 200;
    double worst = 0.0;
    for (size_t i = from > 0 ? from : 1; i < to && i < n; i++) {
        int peak = 0;
        for (size_t j = i > side ? i - side : 0; j < i + side && j < n; j++) {
            int v = s[j] < 0 ? -(int)s[j] : (int)s[j];
            peak = v > peak ? v : peak;
        }
        double step = fabs((double)s[i] - (double)s[i - 1]);
        double r = (step - 64.0) / (peak > 0 ? (double)peak : 1.0);
        if (r > worst) {
            worst = r;
            *at = i;
        }
    }
    return worst;
}

static int check_lost(const char *raw_path)
{
    size_t n = 0;
    int16_t *s = rawaudio_read(raw_path, &n);
    if (!s) {
        fprintf(stderr, "guidecheck: cannot read %s\n", raw_path);
        return 2;
    }
    const size_t win = RATE / 100; /* 10 ms */
    if (n < (size_t)RATE * 6) {
        fprintf(stderr, "guidecheck: %s is too short (%.2f s)\n", raw_path, (double)n / RATE);
        free(s);
        return 2;
    }
    double ref = rms(s, (size_t)RATE, (size_t)RATE * 2);
    /* The longest quiet stretch after 1.5 s, before the last second (the end fades). */
    size_t best_from = 0, best_len = 0, run_from = 0, run_len = 0;
    for (size_t w = (size_t)RATE * 3 / 2; w + win <= n - (size_t)RATE; w += win) {
        if (rms(s, w, w + win) < ref * 0.1) {
            if (run_len == 0) {
                run_from = w;
            }
            run_len += win;
            if (run_len > best_len) {
                best_len = run_len;
                best_from = run_from;
            }
        } else {
            run_len = 0;
        }
    }
    size_t quiet_end = best_from + best_len;
    double after = quiet_end + (size_t)RATE * 8 / 5 <= n
                       ? rms(s, quiet_end + (size_t)RATE * 3 / 5, quiet_end + (size_t)RATE * 8 / 5)
                       : 0.0;
    printf("guidecheck: tone and pacer %.0f rms before; quiet %.0f ms from %.3f s; %.0f rms "
           "after\n",
           ref, (double)best_len * 1000.0 / RATE, (double)best_from / RATE, after);
    int bad = 0;
    if (ref < 300.0) {
        printf("  FAIL: no tone before the signal was lost\n");
        bad = 1;
    }
    if (best_len < (size_t)RATE / 4) {
        printf("  FAIL: the sound did not stop while the signal was lost\n");
        bad = 1;
    }
    if (after < ref * 0.4) {
        printf("  FAIL: the tone and the pacer did not come back\n");
        bad = 1;
    }
    /* Clicks: from 1.5 s before the quiet stretch (the stop, the beeps) to 0.5 s after it. */
    size_t from = best_from > (size_t)RATE * 3 / 2 ? best_from - (size_t)RATE * 3 / 2 : 1;
    size_t at = 0;
    double worst = worst_step(s, n, from, quiet_end + (size_t)RATE / 2, &at);
    printf("guidecheck: largest step %.3f of the local peak at %.3f s (limit 0.2)\n", worst,
           (double)at / RATE);
    if (worst > 0.2) {
        printf("  FAIL: a click\n");
        bad = 1;
    }
    printf("guidecheck: %s\n", bad ? "FAIL" : "ok");
    free(s);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "onsets") == 0) {
        return check_onsets(argv[2], argv[3], atof(argv[4]));
    }
    if (argc == 5 && strcmp(argv[1], "pitch") == 0) {
        return check_pitch(argv[2], atof(argv[3]), atof(argv[4]));
    }
    if (argc == 3 && strcmp(argv[1], "lost") == 0) {
        return check_lost(argv[2]);
    }
    fprintf(stderr, "usage: guidecheck onsets OUTPUT.raw LEVEL_FILE TOLERANCE_MS\n"
                    "       guidecheck pitch OUTPUT.raw FROM_S TO_S\n"
                    "       guidecheck lost OUTPUT.raw\n");
    return 2;
}
