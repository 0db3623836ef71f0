#include "sound/synth.h"

#include <math.h>
#include <string.h>

#define PI_D 3.14159265358979323846

size_t ebb_synth_tone_len(const ebb_tone *t, int rate)
{
    if (!(t->seconds > 0.0f) || rate <= 0) {
        return 0;
    }
    return (size_t)((double)t->seconds * (double)rate + 0.5);
}

/* Raised-cosine envelope: 0 at both ends, 1 in the middle. */
static double envelope(size_t i, size_t n, double attack, double release)
{
    double e = 1.0;
    double x = (double)i;
    double last = (double)(n - 1);
    if (attack > 0.0 && x < attack) {
        e *= 0.5 - 0.5 * cos(PI_D * x / attack);
    }
    double from_end = last - x;
    if (release > 0.0 && from_end < release) {
        e *= 0.5 - 0.5 * cos(PI_D * from_end / release);
    }
    return e;
}

size_t ebb_synth_tone(const ebb_tone *t, int rate, int16_t *out, size_t len)
{
    size_t n = ebb_synth_tone_len(t, rate);
    if (n > len) {
        n = len;
    }
    if (n < 2) {
        for (size_t i = 0; i < n; i++) {
            out[i] = 0;
        }
        return n;
    }
    double attack = (double)t->attack_s * rate;
    double release = (double)t->release_s * rate;
    double ratio = (t->f0 > 0.0f && t->f1 > 0.0f) ? log((double)t->f1 / (double)t->f0) : 0.0;
    double phase = 0.0;
    double norm = 1.0 / (1.0 + (double)t->harmonic);
    for (size_t i = 0; i < n; i++) {
        double pos = (double)i / (double)(n - 1);
        /* Exponential glide sounds even (equal steps in pitch). Smoothstep on the position
         * makes the glide start and end gently. */
        double s = pos * pos * (3.0 - 2.0 * pos);
        double f = (double)t->f0 * exp(ratio * s);
        double v = sin(phase) + (double)t->harmonic * sin(2.0 * phase);
        v *= norm * (double)t->amp * envelope(i, n, attack, release);
        phase += 2.0 * PI_D * f / rate;
        if (phase > 2.0 * PI_D) {
            phase -= 2.0 * PI_D;
        }
        double sample = v * 32767.0;
        if (sample > 32767.0) {
            sample = 32767.0;
        }
        if (sample < -32767.0) {
            sample = -32767.0;
        }
        out[i] = (int16_t)lrint(sample);
    }
    return n;
}

/* Two notes joined without a gap: d->f0 then d->f1, each d->seconds long. The pitch steps over
 * 15 ms and the level dips a little, so the ear hears two notes but the sound never falls
 * silent between them. */
static size_t two_notes(const ebb_tone *d, int rate, int16_t *out, size_t len)
{
    const float fa = d->f0, fb = d->f1, amp = d->amp;
    ebb_tone t = {fa, fa, d->seconds * 2.0f, amp, d->attack_s, d->release_s, d->harmonic};
    size_t n = ebb_synth_tone_len(&t, rate);
    if (n > len) {
        n = len;
    }
    if (n < 2) {
        return ebb_synth_tone(&t, rate, out, len);
    }
    double attack = (double)t.attack_s * rate;
    double release = (double)t.release_s * rate;
    double half = (double)n * 0.5;
    double glide = 0.015 * rate;
    double phase = 0.0;
    double norm = 1.0 / (1.0 + (double)t.harmonic);
    for (size_t i = 0; i < n; i++) {
        double x = (double)i;
        double k = (x - (half - glide * 0.5)) / glide;
        k = k < 0.0 ? 0.0 : (k > 1.0 ? 1.0 : k);
        double f = (double)fa * pow((double)fb / (double)fa, k);
        double dip = 1.0 - 0.35 * exp(-((x - half) * (x - half)) / (2.0 * glide * glide));
        double v = sin(phase) + (double)t.harmonic * sin(2.0 * phase);
        v *= norm * (double)amp * dip * envelope(i, n, attack, release);
        phase += 2.0 * PI_D * f / rate;
        if (phase > 2.0 * PI_D) {
            phase -= 2.0 * PI_D;
        }
        out[i] = (int16_t)lrint(v * 32767.0);
    }
    return n;
}

/* The built-in sounds. assets/sounds.conf holds the same values (a test keeps them equal);
 * these are used when that file is missing or malformed. Levels are EBB_SYNTH_PEAK times the
 * file's `level`. */
#define PK EBB_SYNTH_PEAK
#define LOST_BEEP {EBB_SYNTH_LOST_HZ, EBB_SYNTH_LOST_HZ, EBB_SYNTH_LOST_BEEP_S, PK * 0.9f, \
                   0.006f, 0.03f, 0.05f}
static const ebb_synth_defs BUILTIN = {
    .cue = {
        [EBB_CUE_BREATHE_IN] = {EBB_SHAPE_GLIDE, {330.0f, 495.0f, 0.90f, PK, 0.06f, 0.30f, 0.15f}},
        [EBB_CUE_BREATHE_OUT] = {EBB_SHAPE_GLIDE,
                                 {495.0f, 330.0f, 1.10f, PK, 0.06f, 0.40f, 0.15f}},
        [EBB_CUE_HOLD] = {EBB_SHAPE_GLIDE, {392.0f, 392.0f, 0.60f, PK * 0.8f, 0.05f, 0.25f, 0.10f}},
        [EBB_CUE_SQUEEZE] = {EBB_SHAPE_TWO_NOTES,
                             {523.25f, 659.25f, 0.21f, PK, 0.012f, 0.16f, 0.18f}},
        [EBB_CUE_LET_GO] = {EBB_SHAPE_TWO_NOTES,
                            {523.25f, 392.0f, 0.25f, PK * 0.8f, 0.012f, 0.16f, 0.18f}},
        [EBB_CUE_FLICK] = {EBB_SHAPE_GLIDE,
                           {880.0f, 990.0f, 0.09f, PK * 0.9f, 0.004f, 0.06f, 0.25f}},
    },
    .sound = {
        [EBB_SOUND_SIGNAL_LOST] = {2, {{0.0f, LOST_BEEP},
                                       {EBB_SYNTH_LOST_BEEP_S + EBB_SYNTH_LOST_GAP_S, LOST_BEEP}}},
        [EBB_SOUND_SIGNAL_BACK] = {1, {{0.0f, {440.0f, 660.0f, 0.20f, PK * 0.7f, 0.01f, 0.10f,
                                               0.12f}}}},
        [EBB_SOUND_TICK] = {1, {{0.0f, {1046.5f, 1046.5f, 0.05f, PK * 0.45f, 0.003f, 0.035f,
                                        0.2f}}}},
        [EBB_SOUND_REP_OK] = {2, {{0.0f, {784.0f, 784.0f, 0.10f, PK * 0.6f, 0.004f, 0.06f, 0.3f}},
                                  {0.10f, {1174.7f, 1174.7f, 0.35f, PK * 0.6f, 0.004f, 0.28f,
                                           0.3f}}}},
        [EBB_SOUND_COMPLETE] = {3, {{0.0f, {523.25f, 523.25f, 0.22f, PK * 0.8f, 0.008f, 0.10f,
                                            0.2f}},
                                    {0.22f, {659.25f, 659.25f, 0.22f, PK * 0.8f, 0.008f, 0.10f,
                                             0.2f}},
                                    {0.44f, {783.99f, 783.99f, 0.70f, PK * 0.8f, 0.008f, 0.50f,
                                             0.2f}}}},
    },
    .ambience = {12.0f, 0.12f},
    .scape = EBB_SCAPE_BUILTIN_INIT,
};
#undef LOST_BEEP
#undef PK

static ebb_synth_defs g_loaded;
static const ebb_synth_defs *g_defs = &BUILTIN;

const ebb_synth_defs *ebb_synth_builtin(void)
{
    return &BUILTIN;
}

const ebb_synth_defs *ebb_synth_current(void)
{
    return g_defs;
}

void ebb_synth_set(const ebb_synth_defs *defs)
{
    if (defs) {
        g_loaded = *defs;
        g_defs = &g_loaded;
    } else {
        g_defs = &BUILTIN;
    }
}

static const ebb_cue_def *cue_def(ebb_cue cue)
{
    if (cue <= EBB_CUE_NONE || cue >= EBB_CUE_COUNT) {
        return NULL;
    }
    return &g_defs->cue[cue];
}

size_t ebb_synth_cue_len(ebb_cue cue, int rate)
{
    const ebb_cue_def *d = cue_def(cue);
    if (!d) {
        return 0;
    }
    ebb_tone t = d->tone;
    if (d->shape == EBB_SHAPE_TWO_NOTES) {
        t.seconds *= 2.0f;
    }
    return ebb_synth_tone_len(&t, rate);
}

size_t ebb_synth_cue(ebb_cue cue, int rate, int16_t *out, size_t len)
{
    const ebb_cue_def *d = cue_def(cue);
    if (!d) {
        return 0;
    }
    return d->shape == EBB_SHAPE_TWO_NOTES ? two_notes(&d->tone, rate, out, len)
                                           : ebb_synth_tone(&d->tone, rate, out, len);
}

/* ---- the game's own sounds ---- */

static int sound_parts(ebb_sound s, const ebb_sound_part **parts)
{
    if ((int)s < 0 || s >= EBB_SOUND_COUNT) {
        return 0;
    }
    *parts = g_defs->sound[s].part;
    return g_defs->sound[s].parts;
}

size_t ebb_synth_sound_len(ebb_sound s, int rate)
{
    const ebb_sound_part *parts = NULL;
    int n = sound_parts(s, &parts);
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        size_t end = (size_t)lrint((double)parts[i].at_s * rate) +
                     ebb_synth_tone_len(&parts[i].tone, rate);
        len = end > len ? end : len;
    }
    return len;
}

size_t ebb_synth_sound(ebb_sound s, int rate, int16_t *out, size_t len)
{
    const ebb_sound_part *parts = NULL;
    int n = sound_parts(s, &parts);
    size_t total = ebb_synth_sound_len(s, rate);
    if (total > len) {
        total = len;
    }
    memset(out, 0, total * sizeof *out);
    for (int i = 0; i < n; i++) {
        size_t at = (size_t)lrint((double)parts[i].at_s * rate);
        if (at < total) {
            /* Parts follow one another (none overlaps the next). */
            ebb_synth_tone(&parts[i].tone, rate, out + at, total - at);
        }
    }
    return total;
}
