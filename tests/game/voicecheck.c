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
 *       waited for. Its cue tone sounds on its own frame, nothing speaks anywhere in the step
 *       after it (a phrase never starts late), and every step begins within LATE_DRIFT_MS of
 *       the level's plan (a level that waited for its phrase would be seconds behind). At least
 *       one step must have been skipped, and the steps whose phrase was ready are spoken and
 *       checked as in spoken mode.
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

#define RATE 48000
#define WIN 240                /* 5 ms */
#define SPEECH_RMS 600.0       /* about -35 dB of full scale */
#define QUIET_RMS 150.0
#define ONSET_RMS 200.0        /* speech begins: a breathy "h" is already this loud */
#define MS(x) ((long)((x) * RATE / 1000))
#define EYES_RMS 3000.0        /* speech over the effort tone and pacer (20 ms at most ~2200) */
#define COUNT_MS 800.0         /* "1. Breathe in" lasts longer than this, "Breathe in" not */
#define RESULT_MS 2000.0       /* "Level complete. Score ... out of 100. ..." */
#define NOTE_MORE_MS 3000.0   /* the test pack's notes last about 6 s */
#define LATE_DRIFT_MS 1000.0   /* the held-back phrase is seconds late: a wait would show */

static const int16_t *S;
static size_t N;

static double rms(long from, long len)
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
static double cue_match(ebb_cue cue, long at, long *best_at)
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

/* The trace: per step, the frame of its phrase or cue (-1: none, -2: started late). */
#define STEPS_MAX 64
static long PHRASE_AT[STEPS_MAX], CUE_AT[STEPS_MAX], RESULT_AT = -1;

static bool read_trace(const char *path)
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
static long onset(long from, long to, double level)
{
    for (long w = from; w < to; w += WIN) {
        if (rms(w, WIN) > level) {
            return w;
        }
    }
    return -1;
}

static int check_eyes(const ebb_level *lv, double tol);

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
            long end = at + MS(st->duration_ms) - MS(150);
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

/* One recording: where its first spoken step's speech starts (ms from the step's start) and
 * how long it lasts (to the last 5 ms louder than twice QUIET_RMS in the step), and the RMS of
 * the step's last 150 ms. False when it cannot be measured (printed). */
static bool first_speech(const char *raw, const char *trace, const ebb_level *lv,
                         double *onset_ms, double *length_ms, double *tail)
{
    free((void *)S);
    S = rawaudio_read(raw, &N);
    if (!S || !read_trace(trace) || CUE_AT[0] < 0) {
        printf("FAIL: %s: no recording, trace or opening cue\n", raw);
        return false;
    }
    size_t first = 0;
    if (rawaudio_onsets(S, N, 150, 120, 1500, 40, &first, 1) < 1) {
        printf("FAIL: %s: no sound at all\n", raw);
        return false;
    }
    long origin = 0;
    cue_match(lv->steps[0].cue, (long)first, &origin);
    long offset = origin - CUE_AT[0];
    for (size_t i = 1; i < lv->step_count && i < STEPS_MAX; i++) {
        if (PHRASE_AT[i] == -1) {
            continue;
        }
        if (PHRASE_AT[i] < 0) {
            printf("FAIL: %s: the first phrase started late, not on its frame\n", raw);
            return false;
        }
        long at = PHRASE_AT[i] + offset, end = at + MS(lv->steps[i].duration_ms);
        long on = onset(at - MS(100), at + MS(400), ONSET_RMS);
        long last = -1;
        for (long w = at; w + WIN <= end; w += WIN) {
            last = rms(w, WIN) > 2.0 * QUIET_RMS ? w + WIN : last;
        }
        *onset_ms = on < 0 ? 1e9 : (double)(on - at) * 1000.0 / RATE;
        *length_ms = last < 0 ? 0.0 : (double)(last - at) * 1000.0 / RATE;
        *tail = rms(end - MS(150), MS(140));
        printf("  %s: step %zu (%s) spoken from %+.1f ms for %.0f ms of its %u ms; last 150 ms "
               "RMS %.0f\n", raw, i, ebb_step_kind_name(lv->steps[i].kind), *onset_ms,
               *length_ms, lv->steps[i].duration_ms, *tail);
        return true;
    }
    printf("FAIL: %s: nothing was spoken\n", raw);
    return false;
}

/* The last 20 ms window above `level` in [from, to), its end, or -1. */
static long last_loud(long from, long to, double level)
{
    long last = -1;
    for (long w = from; w + MS(20) <= to; w += MS(20)) {
        last = rms(w, MS(20)) > level ? w + MS(20) : last;
    }
    return last;
}

/* The most hiss in a 20 ms window of [from, to) that is not quiet. */
static double hiss_in(long from, long to)
{
    double worst = 0.0;
    for (long w = from < 2 ? 2 : from; w + MS(20) <= to && (size_t)(w + MS(20)) < N;
         w += MS(20)) {
        double e = 0.0, d = 0.0;
        for (long i = w; i < w + MS(20); i++) {
            double x = S[i], dd = (double)S[i] - 2.0 * S[i - 1] + S[i - 2];
            e += x * x;
            d += dd * dd;
        }
        if (sqrt(e / (double)MS(20)) > SPEECH_RMS / 2) {
            double h = sqrt(d / e);
            worst = h > worst ? h : worst;
        }
    }
    return worst;
}

static int check_eyes(const ebb_level *lv, double tol)
{
    if (CUE_AT[0] < 0) {
        printf("FAIL: the trace has no frame for the opening cue\n");
        return 1;
    }
    size_t first = 0;
    if (rawaudio_onsets(S, N, 150, 120, 1500, 40, &first, 1) < 1) {
        printf("FAIL: no sound at all\n");
        return 1;
    }
    long origin = 0;
    double c0 = cue_match(lv->steps[0].cue, (long)first, &origin);
    long offset = origin - CUE_AT[0];
    printf("voicecheck: eyes closed, %.2f s of audio; the opening cue at %.2f ms (match %.2f)\n",
           (double)N / RATE, (double)origin * 1000.0 / RATE, c0);
    ebb_voice_set set;
    ebb_voice_opts o = {true, 1.0f, NULL, 0};
    if (!ebb_voice_plan(&set, lv, &o)) {
        return 2;
    }
    int bad = c0 < 0.8;
    size_t counted = 0;
    for (size_t i = 1; i < lv->step_count && i < STEPS_MAX; i++) {
        if (!set.step_phrase[i]) {
            continue;
        }
        const ebb_step *st = &lv->steps[i];
        const ebb_voice_line *l = &set.line[set.step_phrase[i] - 1];
        if (PHRASE_AT[i] < 0) {
            printf("FAIL: step %zu (\"%s\"): its phrase was %s\n", i, l->text,
                   PHRASE_AT[i] == -2 ? "started late" : "not spoken");
            bad = 1;
            continue;
        }
        long at = PHRASE_AT[i] + offset, end = at + MS(st->duration_ms);
        double loud = 0.0;
        for (long w = at; w + MS(20) <= at + MS(400); w += MS(20)) {
            double r = rms(w, MS(20));
            loud = r > loud ? r : loud;
        }
        long last = last_loud(at, end, EYES_RMS);
        double said = last < 0 ? 0.0 : (double)(last - at) * 1000.0 / RATE;
        printf("  step %zu \"%s\": loudest 20 ms of the first 400 ms RMS %.0f; speech for %.0f "
               "ms\n", i, l->text, loud, said);
        if (loud < EYES_RMS) {
            printf("FAIL: step %zu: not heard over the effort tone\n", i);
            bad = 1;
        }
        if (st->kind == EBB_STEP_BREATHE_IN) {
            counted++;
            if (said < COUNT_MS) {
                printf("FAIL: step %zu: too short for its breath count\n", i);
                bad = 1;
            }
        }
    }
    if (counted == 0) {
        printf("FAIL: the level has no breathe-in to count\n");
        bad = 1;
    }
    if (RESULT_AT < 0) {
        printf("FAIL: the result was %s\n", RESULT_AT == -2 ? "started late" : "not said");
        bad = 1;
    } else {
        long at = RESULT_AT + offset;
        long on = onset(at - MS(100), at + MS(400), ONSET_RMS);
        double err = on < 0 ? 1e9 : (double)(on - at) * 1000.0 / RATE;
        double before = on < 0 ? 0.0 : rms(on - MS(150), MS(140));
        long last = last_loud(at, (long)N, SPEECH_RMS);
        double said = last < 0 ? 0.0 : (double)(last - at) * 1000.0 / RATE;
        double hiss = hiss_in(at, at + MS(6000));
        long level_end = origin + MS(lv->total_ms);
        printf("  result: %.2f s after the level's end, speech starts %+.1f ms; 150 ms before it "
               "RMS %.0f; speech for %.0f ms, most hiss %.3f\n",
               (double)(at - level_end) / RATE, err, before, said, hiss);
        if (fabs(err) > tol || before > QUIET_RMS || said < RESULT_MS || hiss < 0.1 ||
            at < level_end) {
            printf("FAIL: the result is not said on time, clear of the chime, in words\n");
            bad = 1;
        }
    }
    ebb_voice_set_free(&set);
    if (!bad) {
        printf("ok: eyes closed, every step is said with its breath count, and the result\n");
    }
    return bad;
}

static int check_note(const ebb_level *lv, double tol, char **argv)
{
    double on_n = 0, len_n = 0, tail_n = 0, on_p = 0, len_p = 0, tail_p = 0;
    if (!first_speech(argv[2], argv[5], lv, &on_n, &len_n, &tail_n) ||
        !first_speech(argv[6], argv[7], lv, &on_p, &len_p, &tail_p)) {
        return 1;
    }
    int bad = 0;
    if (fabs(on_n) > tol || fabs(on_p) > tol) {
        printf("FAIL: the first step is not spoken with its start\n");
        bad = 1;
    }
    if (len_n < len_p + NOTE_MORE_MS) {
        printf("FAIL: with the pack the speech is not %.0f ms longer: no notes heard\n",
               NOTE_MORE_MS);
        bad = 1;
    }
    if (tail_n > QUIET_RMS || tail_p > QUIET_RMS) {
        printf("FAIL: the words run to the end of the step\n");
        bad = 1;
    }
    if (!bad) {
        printf("ok: the pack's notes follow the first caption (%.1f s of speech, %.1f s "
               "without), on time and within the step\n", len_n / 1000.0, len_p / 1000.0);
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
