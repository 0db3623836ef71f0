/* The eyes-closed and pack-notes checks of voicecheck (see voicecheck.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rawaudio.h"
#include "sound/voice.h"
#include "voicecheck.h"

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

int check_eyes(const ebb_level *lv, double tol)
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

int check_note(const ebb_level *lv, double tol, char **argv)
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

