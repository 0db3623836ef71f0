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

/* Two notes joined without a gap: the pitch steps over 15 ms and the level dips a little,
 * so the ear hears two notes but the sound never falls silent between them. */
static size_t two_notes(float fa, float fb, float each_s, float amp, int rate, int16_t *out,
                        size_t len)
{
    ebb_tone t = {fa, fa, each_s * 2.0f, amp, 0.012f, 0.16f, 0.18f};
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

static const ebb_tone BREATHE_IN = {330.0f, 495.0f, 0.90f, EBB_SYNTH_PEAK, 0.06f, 0.30f, 0.15f};
static const ebb_tone BREATHE_OUT = {495.0f, 330.0f, 1.10f, EBB_SYNTH_PEAK, 0.06f, 0.40f, 0.15f};
static const ebb_tone HOLD = {392.0f, 392.0f, 0.60f, EBB_SYNTH_PEAK * 0.8f, 0.05f, 0.25f, 0.10f};
static const ebb_tone FLICK = {880.0f, 990.0f, 0.09f, EBB_SYNTH_PEAK * 0.9f, 0.004f, 0.06f, 0.25f};

#define SQUEEZE_NOTE_S 0.21f
#define LET_GO_NOTE_S 0.25f

size_t ebb_synth_cue_len(ebb_cue cue, int rate)
{
    switch (cue) {
    case EBB_CUE_BREATHE_IN:
        return ebb_synth_tone_len(&BREATHE_IN, rate);
    case EBB_CUE_BREATHE_OUT:
        return ebb_synth_tone_len(&BREATHE_OUT, rate);
    case EBB_CUE_HOLD:
        return ebb_synth_tone_len(&HOLD, rate);
    case EBB_CUE_FLICK:
        return ebb_synth_tone_len(&FLICK, rate);
    case EBB_CUE_SQUEEZE: {
        ebb_tone t = {0, 0, SQUEEZE_NOTE_S * 2.0f, 0, 0, 0, 0};
        return ebb_synth_tone_len(&t, rate);
    }
    case EBB_CUE_LET_GO: {
        ebb_tone t = {0, 0, LET_GO_NOTE_S * 2.0f, 0, 0, 0, 0};
        return ebb_synth_tone_len(&t, rate);
    }
    case EBB_CUE_NONE:
    case EBB_CUE_COUNT:
    default:
        return 0;
    }
}

size_t ebb_synth_cue(ebb_cue cue, int rate, int16_t *out, size_t len)
{
    switch (cue) {
    case EBB_CUE_BREATHE_IN:
        return ebb_synth_tone(&BREATHE_IN, rate, out, len);
    case EBB_CUE_BREATHE_OUT:
        return ebb_synth_tone(&BREATHE_OUT, rate, out, len);
    case EBB_CUE_HOLD:
        return ebb_synth_tone(&HOLD, rate, out, len);
    case EBB_CUE_FLICK:
        return ebb_synth_tone(&FLICK, rate, out, len);
    case EBB_CUE_SQUEEZE:
        return two_notes(523.25f, 659.25f, SQUEEZE_NOTE_S, EBB_SYNTH_PEAK, rate, out, len);
    case EBB_CUE_LET_GO:
        return two_notes(523.25f, 392.0f, LET_GO_NOTE_S, EBB_SYNTH_PEAK * 0.8f, rate, out, len);
    case EBB_CUE_NONE:
    case EBB_CUE_COUNT:
    default:
        return 0;
    }
}

/* ---- the game's own sounds ---- */

typedef struct sound_part {
    float at_s;
    ebb_tone tone;
} sound_part;

#define SOUND_PARTS_MAX 3

static int sound_parts(ebb_sound s, sound_part *parts)
{
    const float a = EBB_SYNTH_PEAK;
    const float beep = EBB_SYNTH_LOST_BEEP_S, gap = EBB_SYNTH_LOST_GAP_S;
    const float hz = EBB_SYNTH_LOST_HZ;
    switch (s) {
    case EBB_SOUND_SIGNAL_LOST:
        parts[0] = (sound_part){0.0f, {hz, hz, beep, a * 0.9f, 0.006f, 0.03f, 0.05f}};
        parts[1] = (sound_part){beep + gap, {hz, hz, beep, a * 0.9f, 0.006f, 0.03f, 0.05f}};
        return 2;
    case EBB_SOUND_SIGNAL_BACK:
        parts[0] = (sound_part){0.0f, {440.0f, 660.0f, 0.20f, a * 0.7f, 0.01f, 0.10f, 0.12f}};
        return 1;
    case EBB_SOUND_TICK:
        parts[0] = (sound_part){0.0f, {1046.5f, 1046.5f, 0.05f, a * 0.45f, 0.003f, 0.035f, 0.2f}};
        return 1;
    case EBB_SOUND_REP_OK:
        parts[0] = (sound_part){0.0f, {784.0f, 784.0f, 0.10f, a * 0.6f, 0.004f, 0.06f, 0.3f}};
        parts[1] = (sound_part){0.10f, {1174.7f, 1174.7f, 0.35f, a * 0.6f, 0.004f, 0.28f, 0.3f}};
        return 2;
    case EBB_SOUND_COMPLETE:
        parts[0] = (sound_part){0.0f, {523.25f, 523.25f, 0.22f, a * 0.8f, 0.008f, 0.10f, 0.2f}};
        parts[1] = (sound_part){0.22f, {659.25f, 659.25f, 0.22f, a * 0.8f, 0.008f, 0.10f, 0.2f}};
        parts[2] = (sound_part){0.44f, {783.99f, 783.99f, 0.70f, a * 0.8f, 0.008f, 0.50f, 0.2f}};
        return 3;
    case EBB_SOUND_COUNT:
    default:
        return 0;
    }
}

size_t ebb_synth_sound_len(ebb_sound s, int rate)
{
    sound_part parts[SOUND_PARTS_MAX];
    int n = sound_parts(s, parts);
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
    sound_part parts[SOUND_PARTS_MAX];
    int n = sound_parts(s, parts);
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
