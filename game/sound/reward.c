#include "sound/reward.h"

#include <math.h>

#define TWO_PI 6.28318530718f

static const ebb_scape_def BUILTIN = EBB_SCAPE_BUILTIN_INIT;

const ebb_scape_def *ebb_scape_builtin(void)
{
    return &BUILTIN;
}

void ebb_calm_init(ebb_calm *c, const ebb_scape_def *def)
{
    *c = (ebb_calm){0};
    c->def = def ? *def : BUILTIN;
    c->has_def = true;
}

static float clamp01(float x)
{
    return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x);
}

void ebb_calm_update(ebb_calm *c, float effort, bool resting, float dt_s, float *calm,
                     float *busy)
{
    const ebb_scape_def *p = c->has_def ? &c->def : &BUILTIN;
    float e = effort == effort ? clamp01(effort) : 0.0f;
    if (!c->init) {
        c->init = true;
        c->mean = e;
        c->dev = 0.0f;
    }
    if (resting && dt_s > 0.0f) {
        float k = dt_s / p->follow_s;
        k = k > 1.0f ? 1.0f : k;
        c->mean += (e - c->mean) * k;
        c->dev += (fabsf(e - c->mean) - c->dev) * k;
        /* Healthy rest sits near the calibrated rest (effort 0); raised rest (above ~10 %)
         * and a restless one (wobbling by more than ~3 %) are what tension sounds like. */
        float raised = clamp01((c->mean - p->raised_from) / 0.20f);
        float restless = clamp01((c->dev - p->restless_from) / 0.06f);
        c->tension = clamp01(0.65f * raised + 0.55f * restless);
        if (c->tension < p->calm_below) {
            c->calm_s += dt_s;
        } else {
            c->calm_s -= p->take_back * dt_s; /* tension takes the reward back quickly, not at once */
            c->calm_s = c->calm_s < 0.0f ? 0.0f : c->calm_s;
        }
        c->calm_s = c->calm_s > 60.0f ? 60.0f : c->calm_s;
    }
    *calm = clamp01((c->calm_s - p->calm_after_s) / p->calm_ramp_s);
    *busy = c->tension;
}

void ebb_reward_init(ebb_reward *r, int rate, uint32_t seed, const ebb_scape_def *def)
{
    *r = (ebb_reward){0};
    r->def = def ? *def : BUILTIN;
    r->rate = (float)(rate > 0 ? rate : 48000);
    r->rng = seed ? seed : 1u;
    r->wait = r->rate;
}

static float rnd(ebb_reward *r) /* 0..1, xorshift: cosmetic randomness of its own */
{
    uint32_t x = r->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->rng = x;
    return (float)(x >> 8) / 16777216.0f;
}

/* G major pentatonic, high and soft: a chime never clashes with the drone (G and D). */
static const float BELL_HZ[] = {783.99f, 880.0f, 987.77f, 1174.66f, 1318.51f, 1567.98f};

static void strike(ebb_reward *r)
{
    for (int i = 0; i < EBB_REWARD_BELLS; i++) {
        ebb_reward_bell *b = &r->bell[i];
        if (b->left) {
            continue;
        }
        bool bird = rnd(r) < r->def.bird_share;
        if (bird) {
            /* A bird call: a quick upward chirp of ~70 ms. */
            float f0 = r->def.bird_hz + 600.0f * rnd(r);
            uint32_t len = (uint32_t)(0.07f * r->rate);
            *b = (ebb_reward_bell){f0, 0.0f, r->def.bird_level, expf(-1.0f / (0.05f * r->rate)),
                                   1200.0f / (0.07f * r->rate), len, len};
        } else {
            float f = BELL_HZ[(int)(rnd(r) * 6.0f) % 6];
            uint32_t len = (uint32_t)(4.0f * r->rate);
            *b = (ebb_reward_bell){f, 0.0f, r->def.chime_level,
                                   expf(-1.0f / (r->def.chime_ring_s * r->rate)), 0.0f, len, len};
        }
        return;
    }
}

void ebb_reward_render(ebb_reward *r, float calm, float busy, float *bed, float *reward,
                       size_t n)
{
    float tc = clamp01(calm == calm ? calm : 0.0f), tb = clamp01(busy == busy ? busy : 0.0f);
    const ebb_scape_def *p = &r->def;
    const float glide = 1.0f / (p->glide_s * r->rate); /* ~1.5 s to follow a change */
    const float inv = 1.0f / r->rate;
    for (size_t i = 0; i < n; i++) {
        r->calm += (tc - r->calm) * glide;
        r->busy += (tb - r->busy) * glide;
        /* The drone: G and D, always there; an octave above opens up as calm grows. */
        r->lfo += 0.07f * inv;
        r->lfo -= r->lfo >= 1.0f ? 1.0f : 0.0f;
        float swell = 0.8f + 0.2f * sinf(TWO_PI * r->lfo);
        static const float DRONE_HZ[3] = {196.0f, 293.66f, 392.0f};
        float d = 0.0f;
        for (int k = 0; k < 3; k++) {
            r->ph[k] += DRONE_HZ[k] * inv;
            r->ph[k] -= r->ph[k] >= 1.0f ? 1.0f : 0.0f;
            float amp = k < 2 ? p->drone_level : p->octave_level * r->calm;
            d += amp * sinf(TWO_PI * r->ph[k]);
        }
        /* Busier with tension: low noise fluttering at ~7 Hz, quicker as it rises. */
        float noise = rnd(r) * 2.0f - 1.0f;
        r->noise_mid += (noise - r->noise_mid) * 0.04f; /* two poles: a soft rustle */
        r->noise_lp += (r->noise_mid - r->noise_lp) * 0.04f;
        r->ph[3] += (5.0f + 5.0f * r->busy) * inv;
        r->ph[3] -= r->ph[3] >= 1.0f ? 1.0f : 0.0f;
        float flutter = 0.5f + 0.5f * sinf(TWO_PI * r->ph[3]);
        bed[i] = d * swell + r->busy * p->flutter_level * flutter * r->noise_lp; /* ~0.015 RMS at busiest */
        /* The reward: chimes and birds, more often the calmer it is; none while tense. */
        if (r->wait > 0.0f) {
            r->wait -= 1.0f;
        } else if (r->calm > 0.05f) {
            strike(r);
            /* About one every 1.2 s when fully calm, with some play. */
            r->wait = r->rate * (p->chime_gap_s + p->chime_gap_spread_s * rnd(r)) / r->calm;
        } else {
            r->wait = r->rate * 0.25f;
        }
        float w = 0.0f;
        for (int k = 0; k < EBB_REWARD_BELLS; k++) {
            ebb_reward_bell *b = &r->bell[k];
            if (!b->left) {
                continue;
            }
            b->phase += b->freq * inv;
            b->phase -= b->phase >= 1.0f ? 1.0f : 0.0f;
            b->freq += b->sweep;
            /* 5 ms in and out: no clicks. */
            float edge = 0.005f * r->rate;
            float env =
                clamp01((float)(b->total - b->left) / edge) * clamp01((float)b->left / edge);
            w += b->amp * env * sinf(TWO_PI * b->phase);
            b->amp *= b->decay;
            b->left--;
        }
        reward[i] = w;
    }
}
