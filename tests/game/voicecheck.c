/* Checks the spoken guide in the raw output of SDL's disk audio driver (S16LE mono 48 kHz).
 *
 *   voicecheck spoken OUTPUT.raw LEVEL_FILE TOLERANCE_MS TRACE
 *       The level's first step must be too short to speak: its cue tone, found exactly by
 *       sliding the synthesised cue over the recording, gives the level's start in the file.
 *       TRACE (EBB_TEST_SOUND_TRACE) lists the device frame the game gave each cue and phrase:
 *       where each step began on the sound device's clock. The opening cue ties those frames
 *       to the file. A machine too busy to keep real time makes the level forgive time after
 *       a slow frame, and then later steps really do begin later than the level's plan: the
 *       drift printed for each step is that, and is 0 when the machine kept up. Then, for
 *       every step the voice plans to speak (voice.h):
 *         - it was handed out ahead, on its step's frame (not started late, "now");
 *         - speech energy starts within TOLERANCE_MS of the step's start (the first 5 ms
 *           window louder than SPEECH_RMS from 100 ms before it);
 *         - its cue tone does not sound there (the cue template matches the recording with a
 *           correlation below 0.5, where the unspoken first cue matches above 0.8);
 *         - the speech has ended before the step does (the last 150 ms are quiet).
 *       And before each countdown tick and the level-complete chime, the 150 ms before it are
 *       quiet: no words run into a tone. Prints every figure; exit 1 on any failure.
 *   voicecheck late OUTPUT.raw LEVEL_FILE TOLERANCE_MS TRACE
 *       As spoken, but the voice worker was held back (EBB_TEST_VOICE_SLOW_MS) so that some
 *       phrase was not ready at its step: such a step must have been skipped by the voice, not
 *       waited for. Its cue tone sounds on its own frame, nothing speaks in the step after it
 *       up to its countdown ticks, if it has any (a phrase never starts late), and every step
 *       begins within LATE_DRIFT_MS of the level's plan (a level that waited for its phrase
 *       would be seconds behind). At least one step must have been skipped, and the steps
 *       whose phrase was ready are spoken and checked as in spoken mode.
 *   voicecheck eyes OUTPUT.raw LEVEL_FILE TOLERANCE_MS TRACE
 *       Eyes closed (the effort tone and the pacer sound all through, up to ~2200 RMS, ducked
 *       under speech): every step of the eyes-closed plan is handed out on its step's frame
 *       and heard, louder than the tone (a 20 ms window above EYES_RMS) in its first 400 ms;
 *       the breathe-in says its count ("1. Breathe in", about 1 s; "Breathe in" alone is about
 *       0.6 s): speech above EYES_RMS lasts at least COUNT_MS; and after the level-complete
 *       chime the result is said on its frame (within TOLERANCE_MS), clear of the chime (the
 *       150 ms before it quiet), for at least RESULT_MS, with speech's hiss in it.
 *   voicecheck note OUTPUT.raw LEVEL_FILE TOLERANCE_MS TRACE PLAIN.raw PLAIN_TRACE
 *       The level played from a therapist's pack with notes (OUTPUT) and as a plain file
 *       (PLAIN): in both its first spoken step is spoken within TOLERANCE_MS of its start, and
 *       with the pack the speech in that step lasts at least NOTE_MORE_MS longer (the notes
 *       follow the caption) and still ends before the step does (the last 150 ms are quiet).
 *   voicecheck silent OUTPUT.raw LEVEL_FILE
 *       The voice is off (or missing): as many sounds as the level's cues, countdown ticks and
 *       the level-complete chime, and a rep chime for at most each squeeze, release or flick
 *       (whether one is earned depends on the replayed effort), and no speech anywhere.
 *       Speech is told from tones by its hiss: the RMS of the second difference of the samples
 *       (which grows with the square of frequency) over the RMS of the samples, in 20 ms
 *       windows, is above 0.1 in speech (fricatives reach well past 3 kHz) and below 0.06 in
 *       every tone Ebb makes (all below 1.6 kHz, a little second harmonic). This does not
 *       depend on timing, so a machine too busy to keep real time cannot fool it.
 * Exit 2 on bad arguments or unreadable files. The calm soundscape must be off (it never falls
 * silent, by design). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "rawaudio.h"
#include "sound/synth.h"
#include "sound/voice.h"
#include "voicecheck.h"

const int16_t *S;
size_t N;

double rms(long from, long len)
{
    double e = 0.0;
    long k = 0;
    for (long i = from; i < from + len; i++, k++) {
        double v = i >= 0 && (size_t)i < N ? S[i] : 0.0;
        e += v * v;
    }
    return k ? sqrt(e / (double)k) : 0.0;
}

/* Best normalised correlation of a cue's first 80 ms with the recording near `at`. */
double cue_match(ebb_cue cue, long at, long *best_at)
{
    size_t tn = ebb_synth_cue_len(cue, RATE);
    int16_t *t = malloc((tn ? tn : 1) * sizeof *t);
    if (!t) {
        return -1.0;
    }
    tn = ebb_synth_cue(cue, RATE, t, tn);
    size_t m = tn < (size_t)MS(80) ? tn : (size_t)MS(80);
    double tt = 0.0;
    for (size_t k = 0; k < m; k++) {
        tt += (double)t[k] * t[k];
    }
    double best = -1.0;
    for (long lag = at - MS(40); lag <= at + MS(40); lag++) {
        if (lag < 0 || (size_t)lag + m >= N) {
            continue;
        }
        double st = 0.0, ss = 0.0;
        for (size_t k = 0; k < m; k++) {
            st += (double)S[(size_t)lag + k] * t[k];
            ss += (double)S[(size_t)lag + k] * S[(size_t)lag + k];
        }
        double c = ss > 0.0 && tt > 0.0 ? st / sqrt(ss * tt) : 0.0;
        if (c > best) {
            best = c;
            if (best_at) {
                *best_at = lag;
            }
        }
    }
    free(t);
    return best;
}

/* The most hiss in any 20 ms window that is not quiet (see the top). */
static double hissiest(void)
{
    double worst = 0.0;
    for (size_t w = 2; w + (size_t)MS(20) < N; w += (size_t)MS(20)) {
        double e = 0.0, d = 0.0;
        for (size_t i = w; i < w + (size_t)MS(20); i++) {
            double x = S[i], dd = (double)S[i] - 2.0 * S[i - 1] + S[i - 2];
            e += x * x;
            d += dd * dd;
        }
        double r = sqrt(e / (double)MS(20));
        if (r > SPEECH_RMS / 2) {
            double h = sqrt(d / e);
            worst = h > worst ? h : worst;
        }
    }
    return worst;
}

static int check_silent(const ebb_level *lv)
{
    int want = 1, reps = 0; /* the level-complete chime */
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        want += st->cue != EBB_CUE_NONE;
        reps += st->kind == EBB_STEP_SQUEEZE || st->kind == EBB_STEP_RELEASE ||
                st->kind == EBB_STEP_FLICK;
        if (st->kind == EBB_STEP_SQUEEZE || st->kind == EBB_STEP_BREATHE_HOLD) {
            for (uint32_t k = 1; k <= 3; k++) {
                want += st->duration_ms >= k * 1000u + 1000u;
            }
        }
    }
    static size_t at[256];
    int found = rawaudio_onsets(S, N, 150, 120, 1500, 40, at, 256);
    double hiss = hissiest();
    printf("voicecheck: %.2f s of audio, %d sounds (%d..%d expected: cues, ticks, the end, rep "
           "chimes), most hiss %.3f (speech > 0.1)\n", (double)N / RATE, found, want,
           want + reps, hiss);
    int bad = 0;
    if (found < want || found > want + reps) {
        printf("FAIL: the tones are not as they are without a voice\n");
        bad = 1;
    }
    if (hiss > 0.06) {
        printf("FAIL: something like speech was heard\n");
        bad = 1;
    }
    if (!bad) {
        printf("ok: tones as without a voice, and no speech\n");
    }
    return bad;
}

long PHRASE_AT[STEPS_MAX], CUE_AT[STEPS_MAX], RESULT_AT = -1;

/* Where a step's countdown begins on the file (guide.c: ticks 3, 2 and 1 s before the end of
 * a squeeze or hold long enough that none lands in its first second), or `end` without one. */
static long countdown_from(const ebb_step *st, long end)
{
    if (st->kind == EBB_STEP_SQUEEZE || st->kind == EBB_STEP_BREATHE_HOLD) {
        for (uint32_t k = 3; k >= 1; k--) {
            if (st->duration_ms >= k * 1000u + 1000u) {
                return end - MS(k * 1000u);
            }
        }
    }
    return end;
}

bool read_trace(const char *path)
{
    for (int i = 0; i < STEPS_MAX; i++) {
        PHRASE_AT[i] = CUE_AT[i] = -1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        return false;
    }
    char kind[16], at[32];
    unsigned step;
    while (fscanf(f, "%15s %u %31s", kind, &step, at) == 3) {
        if (step >= STEPS_MAX) {
            continue;
        }
        long v = strcmp(at, "now") == 0 ? -2 : atol(at);
        if (strcmp(kind, "result") == 0) {
            RESULT_AT = v;
        } else if (strcmp(kind, "phrase") == 0) {
            PHRASE_AT[step] = v;
        } else if (CUE_AT[step] == -1) {
            CUE_AT[step] = v;
        }
    }
    fclose(f);
    return true;
}

/* The first 5 ms window louder than `level` in [from, to), or -1. */
long onset(long from, long to, double level)
{
    for (long w = from; w < to; w += WIN) {
        if (rms(w, WIN) > level) {
            return w;
        }
    }
    return -1;
}

static int check(const char *mode, const ebb_level *lv, double tol)
{
    if (strcmp(mode, "silent") == 0) {
        return check_silent(lv);
    }
    if (strcmp(mode, "eyes") == 0) {
        return check_eyes(lv, tol);
    }
    if (CUE_AT[0] < 0) {
        printf("FAIL: the trace has no frame for the opening cue\n");
        return 1;
    }
    if (lv->step_count < 2 || lv->steps[0].cue == EBB_CUE_NONE) {
        fprintf(stderr, "voicecheck: the level must open with a cued step\n");
        return 2;
    }
    size_t first = 0;
    if (rawaudio_onsets(S, N, 150, 120, 1500, 40, &first, 1) < 1) {
        printf("FAIL: no sound at all\n");
        return 1;
    }
    long origin = 0;
    double c0 = cue_match(lv->steps[0].cue, (long)first, &origin);
    printf("voicecheck: %.2f s of audio; the opening %s cue at %.2f ms (match %.2f)\n",
           (double)N / RATE, ebb_cue_name(lv->steps[0].cue), (double)origin * 1000.0 / RATE, c0);
    int bad = c0 < 0.8;
    ebb_voice_set set;
    ebb_voice_opts o = {false, 1.0f, NULL, 0};
    if (!ebb_voice_plan(&set, lv, &o)) {
        return 2;
    }
    bool late = strcmp(mode, "late") == 0;
    bool spoken = late || strcmp(mode, "spoken") == 0;
    size_t skipped = 0;
    long offset = origin - CUE_AT[0]; /* file sample = device frame + offset */
    double worst = 0.0;
    for (size_t i = 1; i < lv->step_count && i < STEPS_MAX; i++) {
        const ebb_step *st = &lv->steps[i];
        long planned = origin + MS(st->start_ms);
        long at = planned;
        if (late && set.step_phrase[i] && PHRASE_AT[i] == -1) {
            /* Not ready at its step: skipped, the cue in its place, the level on time. */
            skipped++;
            const char *name = ebb_step_kind_name(st->kind);
            if (CUE_AT[i] < 0) {
                printf("FAIL: %s: its phrase was not ready and its cue was %s\n", name,
                       CUE_AT[i] == -2 ? "started late" : "not played");
                bad = 1;
                continue;
            }
            at = CUE_AT[i] + offset;
            double drift = (double)(at - planned) * 1000.0 / RATE;
            double cm = st->cue != EBB_CUE_NONE ? cue_match(st->cue, at, NULL) : 1.0;
            long cue_end = at + (long)ebb_synth_cue_len(st->cue, RATE) + MS(50);
            /* Quiet up to 150 ms before the step's end, or before its countdown: the ticks
             * of a hold still sound when its phrase was skipped. */
            long end = countdown_from(st, at + MS(st->duration_ms)) - MS(150);
            double after = end > cue_end ? rms(cue_end, end - cue_end) : 0.0;
            printf("  %-12s at %6u ms: phrase not ready: skipped; began %+.1f ms from the plan; "
                   "cue match %.2f; after the cue RMS %.0f\n", name, st->start_ms, drift, cm,
                   after);
            if (fabs(drift) > LATE_DRIFT_MS) {
                printf("FAIL: %s: the level waited\n", name);
                bad = 1;
            }
            if (cm < 0.8) {
                printf("FAIL: %s: its cue tone is missing\n", name);
                bad = 1;
            }
            if (after > QUIET_RMS) {
                printf("FAIL: %s: something spoke late in the step\n", name);
                bad = 1;
            }
            continue;
        }
        if (spoken && set.step_phrase[i]) {
            if (PHRASE_AT[i] < 0) {
                printf("FAIL: %s: its phrase was %s\n", ebb_step_kind_name(st->kind),
                       PHRASE_AT[i] == -2 ? "started late, not on its frame" : "not spoken");
                bad = 1;
                continue;
            }
            at = PHRASE_AT[i] + offset;
            double drift = (double)(at - planned) * 1000.0 / RATE;
            printf("  step %zu began %+.1f ms from the level's plan (the level's own drift)\n",
                   i, drift);
            if (late && fabs(drift) > LATE_DRIFT_MS) {
                printf("FAIL: step %zu: the level waited\n", i);
                bad = 1;
            }
        }
        long end = at + MS(st->duration_ms);
        const char *name = ebb_step_kind_name(st->kind);
        double cm = st->cue != EBB_CUE_NONE ? cue_match(st->cue, at, NULL) : 0.0;
        if (spoken && set.step_phrase[i]) {
            long on = onset(at - MS(100), at + MS(400), ONSET_RMS);
            double err = on < 0 ? 1e9 : (double)(on - at) * 1000.0 / RATE;
            double tail = rms(end - MS(150), MS(140));
            printf("  %-12s at %6u ms: speech starts %+7.1f ms; cue match %.2f; last 150 ms "
                   "RMS %.0f\n", name, st->start_ms, err, cm, tail);
            worst = fabs(err) > fabs(worst) ? err : worst;
            if (fabs(err) > tol) {
                printf("FAIL: %s: speech does not start with its step\n", name);
                bad = 1;
            }
            if (cm >= 0.5) {
                printf("FAIL: %s: its cue tone sounds under the words\n", name);
                bad = 1;
            }
            if (tail > QUIET_RMS) {
                printf("FAIL: %s: the words run to the end of the step\n", name);
                bad = 1;
            }
        } else if (st->cue != EBB_CUE_NONE) {
            printf("  %-12s at %6u ms: cue match %.2f\n", name, st->start_ms, cm);
            if (cm < 0.8) {
                printf("FAIL: %s: its cue tone is missing\n", name);
                bad = 1;
            }
        } else {
            double r = rms(at + MS(20), MS(480));
            printf("  %-12s at %6u ms: first half second RMS %.0f\n", name, st->start_ms, r);
            if (r > QUIET_RMS) {
                printf("FAIL: %s: something speaks where nothing should\n", name);
                bad = 1;
            }
        }
        /* Countdown ticks (guide.c): 3, 2, 1 s before the end of a long enough hold. */
        if (spoken && (st->kind == EBB_STEP_SQUEEZE || st->kind == EBB_STEP_BREATHE_HOLD)) {
            for (uint32_t k = 3; k >= 1; k--) {
                if (st->duration_ms < k * 1000u + 1000u) {
                    continue;
                }
                long t = onset(end - MS(k * 1000u) - MS(100), end - MS(k * 1000u) + MS(150),
                               SPEECH_RMS / 4);
                double before = t < 0 ? 0.0 : rms(t - MS(150), MS(140));
                double tick = t < 0 ? 0.0 : rms(t, MS(50));
                printf("    tick %u s before the end: 150 ms before it RMS %.0f, the tick %.0f\n",
                       k, before, tick);
                if (before > QUIET_RMS || tick < SPEECH_RMS / 4) {
                    printf("FAIL: the words and the countdown overlap (or the tick is gone)\n");
                    bad = 1;
                }
            }
        }
    }
    if (spoken) {
        double hiss = hissiest();
        printf("    most hiss %.3f (speech is above 0.1)\n", hiss);
        if (hiss < 0.1) {
            printf("FAIL: nothing like speech was heard\n");
            bad = 1;
        }
        const ebb_step *last = &lv->steps[lv->step_count - 1];
        long last_at = PHRASE_AT[lv->step_count - 1] >= 0
                           ? PHRASE_AT[lv->step_count - 1] + offset : origin + MS(last->start_ms);
        long want = last_at + MS(last->duration_ms);
        long t = onset(want - MS(100), want + MS(200), SPEECH_RMS / 4);
        double before = t < 0 ? 0.0 : rms(t - MS(150), MS(140));
        printf("    level complete: chime %s, 150 ms before it RMS %.0f\n",
               t < 0 ? "missing" : "heard", before);
        bad |= t < 0 || before > QUIET_RMS;
        printf("voicecheck: worst speech onset %+.1f ms (tolerance %.0f ms)\n", worst, tol);
        if (late) {
            printf("voicecheck: %zu step(s) skipped by the voice\n", skipped);
            if (skipped == 0) {
                printf("FAIL: no phrase was late: the test did not hold the voice back\n");
                bad = 1;
            }
        }
    }
    ebb_voice_set_free(&set);
    if (!bad) {
        printf("ok: %s\n", late ? "a phrase not ready was skipped; the level never waited"
                            : spoken ? "every step is spoken on time, clear of the tones"
                                  : "tones as without a voice, and no speech");
    }
    return bad;
}

int main(int argc, char **argv)
{
    if (argc == 8 && strcmp(argv[1], "note") == 0) {
        size_t len = 0;
        char *text = rawaudio_read_text(argv[3], &len);
        ebb_level lv;
        static ebb_diags d;
        ebb_diags_init(&d, argv[3]);
        if (!text || !ebb_level_parse(text, len, argv[3], &lv, &d)) {
            fprintf(stderr, "voicecheck: cannot read %s\n", argv[3]);
            free(text);
            return 2;
        }
        int rc = check_note(&lv, atof(argv[4]), argv);
        ebb_level_free(&lv);
        free(text);
        free((void *)S);
        return rc;
    }
    bool spoken = argc == 6 && (strcmp(argv[1], "spoken") == 0 || strcmp(argv[1], "late") == 0 ||
                                strcmp(argv[1], "eyes") == 0);
    bool silent = argc == 4 && strcmp(argv[1], "silent") == 0;
    if (!spoken && !silent) {
        fprintf(stderr,
                "usage: voicecheck spoken|late|eyes RAW LEVEL TOLERANCE_MS TRACE | silent RAW LEVEL |\n"
                "       note RAW LEVEL TOLERANCE_MS TRACE PLAIN_RAW PLAIN_TRACE\n");
        return 2;
    }
    size_t len = 0;
    int16_t *s = rawaudio_read(argv[2], &N);
    char *text = rawaudio_read_text(argv[3], &len);
    ebb_level lv;
    static ebb_diags d;
    ebb_diags_init(&d, argv[3]);
    if (!s || !text || !ebb_level_parse(text, len, argv[3], &lv, &d)) {
        fprintf(stderr, "voicecheck: cannot read %s or %s\n", argv[2], argv[3]);
        free(s);
        free(text);
        return 2;
    }
    S = s;
    if (spoken && !read_trace(argv[5])) {
        fprintf(stderr, "voicecheck: cannot read the trace %s\n", argv[5]);
        free(s);
        free(text);
        ebb_level_free(&lv);
        return 2;
    }
    int rc = check(argv[1], &lv, spoken ? atof(argv[4]) : 0.0);
    ebb_level_free(&lv);
    free(s);
    free(text);
    return rc;
}
