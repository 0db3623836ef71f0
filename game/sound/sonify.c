#include "sound/sonify.h"

#include <math.h>
#include <string.h>

#define PI_F 3.14159265f
#define TWO_PI_D 6.283185307179586

static float clamp01(float x)
{
    return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x);
}

float ebb_sonify_effort_hz(float effort)
{
    float e = clamp01(effort == effort ? effort : 0.0f); /* NaN counts as 0 */
    return EBB_SONIFY_LOW_HZ * powf(EBB_SONIFY_HIGH_HZ / EBB_SONIFY_LOW_HZ, e);
}

/* Raised-cosine ramp 0..1 over x in [0, w]. */
static float ramp(float x, float w)
{
    if (w <= 0.0f || x >= w) {
        return 1.0f;
    }
    if (x <= 0.0f) {
        return 0.0f;
    }
    return 0.5f - 0.5f * cosf(PI_F * x / w);
}

void ebb_pacer_shape(ebb_pacer_phase phase, float pos, float len, float *hz, float *level,
                     float *air)
{
    *hz = EBB_PACER_LOW_HZ;
    *level = 0.0f;
    *air = 0.0f;
    if (phase == EBB_PACER_NONE || !(len > 0.0f) || pos < 0.0f || pos > len) {
        return;
    }
    float p = pos / len;
    float s = p * p * (3.0f - 2.0f * p); /* smoothstep */
    float ratio = EBB_PACER_HIGH_HZ / EBB_PACER_LOW_HZ;
    float fade_in = len * 0.25f < 0.3f ? len * 0.25f : 0.3f;
    float fade_out = len * 0.3f < 0.35f ? len * 0.3f : 0.35f;
    float env = ramp(pos, fade_in) * ramp(len - pos, fade_out);
    switch (phase) {
    case EBB_PACER_IN:
        *hz = EBB_PACER_LOW_HZ * powf(ratio, s);
        *level = env;
        *air = sinf(PI_F * p); /* the breath swells through the middle of the phase */
        break;
    case EBB_PACER_OUT:
        *hz = EBB_PACER_HIGH_HZ * powf(1.0f / ratio, s);
        *level = env;
        *air = sinf(PI_F * p);
        break;
    case EBB_PACER_HOLD:
        *hz = EBB_PACER_LOW_HZ * powf(ratio, 0.5f); /* between the two: neither in nor out */
        *level = env * 0.5f;
        *air = 0.0f;
        break;
    case EBB_PACER_NONE:
    default:
        break;
    }
}

/* One sample of a soft tone (a sine with a little second harmonic), advancing its phase.
 * The phase is kept between samples and wraps, so pitch glides without clicks. */
static float sonify_osc(double *phase, float hz, float rate, float second)
{
    const double ph = *phase;
    const float v = (float)sin(ph) + second * (float)sin(2.0 * ph);
    double next = ph + TWO_PI_D * (double)hz / (double)rate;
    if (next >= TWO_PI_D) {
        next -= TWO_PI_D;
    }
    *phase = next;
    return v;
}

void ebb_sonify_init(ebb_sonify *s, int rate)
{
    memset(s, 0, sizeof *s);
    s->rate = rate > 0 ? (float)rate : 48000.0f;
    s->hz = EBB_SONIFY_LOW_HZ;
    s->pacer_hz = EBB_PACER_LOW_HZ;
    s->noise = 0x9e3779b9u;
    s->air_k = 1.0f - expf(-(float)(TWO_PI_D * 700.0 / (double)s->rate));
}

/* One-pole smoothing coefficient for a time constant at the state's rate. */
static float smooth_k(const ebb_sonify *s, float tau_s)
{
    return 1.0f - expf(-1.0f / (tau_s * s->rate));
}

void ebb_sonify_tone(ebb_sonify *s, const ebb_sonify_target *t, float *out)
{
    float k = smooth_k(s, EBB_SONIFY_SMOOTH_S);
    float e = clamp01(t->effort == t->effort ? t->effort : 0.0f);
    float want_hz = ebb_sonify_effort_hz(e);
    /* Level: audible at rest, a little louder with effort. */
    float want_amp = t->on ? EBB_SONIFY_PEAK * (0.55f + 0.45f * e) : 0.0f;
    s->hz += (want_hz - s->hz) * k;
    s->amp += (want_amp - s->amp) * k;
    if (s->amp < 1e-6f && want_amp == 0.0f) {
        s->amp = 0.0f;
        return; /* silent: the phase waits (it restarts at the same place, no click) */
    }
    *out += sonify_osc(&s->phase, s->hz, s->rate, 0.12f) * s->amp / 1.12f;
}

static float noise_next(ebb_sonify *s)
{
    uint32_t x = s->noise;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s->noise = x;
    return (float)((double)x / 2147483648.0 - 1.0);
}

void ebb_sonify_pacer(ebb_sonify *s, ebb_pacer_phase phase, float pos, float len, float *out)
{
    float hz, level, air;
    ebb_pacer_shape(phase, pos, len, &hz, &level, &air);
    if (level > 0.0f) {
        s->pacer_hz = hz;
    }
    /* A short smoothing (10 ms) only guards against jumps when one phase cuts another. */
    float k = smooth_k(s, 0.01f);
    s->pacer_amp += (level - s->pacer_amp) * k;
    if (s->pacer_amp < 1e-6f && level == 0.0f) {
        s->pacer_amp = 0.0f;
        return;
    }
    const float tone = sonify_osc(&s->pacer_phase, s->pacer_hz, s->rate, 0.2f);
    /* Breath: white noise through two one-pole low-passes (about 700 Hz), soft. */
    float kl = s->air_k;
    s->air_lp1 += (noise_next(s) - s->air_lp1) * kl;
    s->air_lp2 += (s->air_lp1 - s->air_lp2) * kl;
    float breath = s->air_lp2 * 2.2f * air;
    *out += (tone / 1.2f * 0.8f + breath * 0.35f) * s->pacer_amp * EBB_PACER_PEAK;
}

/* The ambience bed's filters: white noise (xorshift) through two low-passes and a high-pass. */
typedef struct bed {
    uint32_t x;
    float lp1, lp2, hp;
    float k1, k2;
} bed;

/* One sample of the band ~30..380 Hz: a low rumble like distant surf. */
static float bed_step(bed *b)
{
    b->x ^= b->x << 13;
    b->x ^= b->x >> 17;
    b->x ^= b->x << 5;
    float w = (float)((double)b->x / 2147483648.0 - 1.0);
    b->lp1 += (w - b->lp1) * b->k1;
    b->lp2 += (b->lp1 - b->lp2) * b->k1;
    b->hp += (b->lp2 - b->hp) * b->k2;
    return b->lp2 - b->hp;
}

void ebb_ambience_render(int16_t *out, size_t n, int rate, float peak, uint32_t seed)
{
    if (n == 0 || rate <= 0) {
        return;
    }
    size_t fade = (size_t)rate / 2u; /* the seam: the last half second crossfades into the start */
    if (fade > n / 2u) {
        fade = n / 2u;
    }
    bed b = {seed ? seed : 1u, 0.0f, 0.0f, 0.0f,
             1.0f - expf(-(float)(TWO_PI_D * 380.0 / rate)),
             1.0f - expf(-(float)(TWO_PI_D * 30.0 / rate))};
    const float gain = 6000.0f; /* provisional; the bed is normalised to `peak` below */
    /* Let the filters settle before the first kept sample. */
    for (size_t i = 0; i < (size_t)rate; i++) {
        (void)bed_step(&b);
    }
    for (size_t i = 0; i < n + fade; i++) {
        float v = bed_step(&b);
        size_t j = i % n;
        /* Two slow swells per loop (periodic in n, so the loop joins), like waves. */
        float t = (float)j / (float)n;
        float sw = 0.5f - 0.5f * cosf(2.0f * PI_F * 2.0f * t);
        float env = 0.35f + 0.65f * sw * sw;
        float y = v * env * gain;
        if (i < n) {
            out[i] = (int16_t)lrintf(y > 32767.0f ? 32767.0f : (y < -32767.0f ? -32767.0f : y));
        } else {
            /* Past the end: fade this continuation in over the start, which fades out. */
            float a = (float)j / (float)fade;
            float mixed = (float)out[j] * a + y * (1.0f - a);
            out[j] = (int16_t)lrintf(mixed > 32767.0f ? 32767.0f
                                                     : (mixed < -32767.0f ? -32767.0f : mixed));
        }
    }
    int m = 1;
    for (size_t i = 0; i < n; i++) {
        int v = out[i] < 0 ? -(int)out[i] : (int)out[i];
        m = v > m ? v : m;
    }
    float scale = peak * 32767.0f / (float)m;
    for (size_t i = 0; i < n; i++) {
        out[i] = (int16_t)lrintf((float)out[i] * scale);
    }
}
