/* Calm is rewarded in sound: a soundscape for lengthening and breathing levels that settles
 * and brightens while rest is low and steady, brings chimes and bird calls after a few calm
 * seconds, and grows busier (a quick, low flutter) when tension rises. It never falls silent,
 * so nothing startles: a soft drone always sounds under it.
 *
 * Pure (no SDL) and in two halves:
 *   ebb_calm    on the game thread, once per tick: follows the pelvic-floor effort during the
 *               rest-like steps and says how calm (0..1) and how busy (0..1) the sound should
 *               be. Tension is the mean effort above a low rest and its unsteadiness.
 *   ebb_reward  on the audio thread (voices.c): renders the drone (the "bed") and the reward
 *               layer (chimes and birds) from those two numbers. Bounded work, no allocation.
 * Tested with the simulated relaxed and overactive people in tests/game/test_reward.c. */
#ifndef EBB_REWARD_H
#define EBB_REWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Calm seconds before the chimes begin, and how long they take to come in fully. */
#define EBB_CALM_AFTER_S 3.0f
#define EBB_CALM_RAMP_S 4.0f

typedef struct ebb_calm {
    bool init;
    float mean;     /* effort, smoothed over ~2 s */
    float dev;      /* |effort - mean|, smoothed over ~2 s: unsteadiness */
    float calm_s;   /* seconds of calm so far (falls quickly when tension rises) */
    float tension;  /* 0..1 */
} ebb_calm;

/* Follows one tick of effort (0..1). `resting`: the step asks for rest (rest, release, drop,
 * breathing); during a squeeze the state holds. Writes how calm and how busy the sound is. */
void ebb_calm_update(ebb_calm *c, float effort, bool resting, float dt_s, float *calm,
                     float *busy);

#define EBB_REWARD_BELLS 4

typedef struct ebb_reward_bell {
    float freq, phase, amp, decay; /* decay: per sample */
    float sweep;                   /* bird call: frequency glide per sample (0: a bell) */
    uint32_t left, total;          /* samples left, of all */
} ebb_reward_bell;

typedef struct ebb_reward {
    float rate;
    uint32_t rng;
    float calm, busy;              /* smoothed toward the targets */
    float ph[4];                   /* drone partials, flutter */
    float lfo, noise_mid, noise_lp;
    float wait;                    /* samples until the next chime may come */
    ebb_reward_bell bell[EBB_REWARD_BELLS];
} ebb_reward;

void ebb_reward_init(ebb_reward *r, int rate, uint32_t seed);

/* Renders n samples: the drone and flutter into bed[], the chimes and birds into reward[]
 * (both overwritten, full scale 1). calm and busy are the targets, 0..1. */
void ebb_reward_render(ebb_reward *r, float calm, float busy, float *bed, float *reward,
                       size_t n);

#endif
