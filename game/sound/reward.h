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

/* The soundscape's tunable numbers: assets/sounds.conf, section [soundscape] (sounds_conf.c
 * reads it; synth.h's ebb_synth_defs carries it). The built-in values are the same. */
typedef struct ebb_scape_def {
    /* ebb_calm: what counts as calm */
    float follow_s;          /* effort's mean and wobble are smoothed over this (2) */
    float raised_from;       /* a mean effort above this starts to count as tension (0.08) */
    float restless_from;     /* a wobble above this starts to count as tension (0.025) */
    float calm_below;        /* tension under this is a calm moment (0.3) */
    float calm_after_s;      /* calm seconds before the chimes begin (3) */
    float calm_ramp_s;       /* and how long they take to come in fully (4) */
    float take_back;         /* calm seconds lost per tense second (3) */
    /* ebb_reward: the layers, full scale 1 */
    float glide_s;           /* how long the sound takes to follow calm and busy (1.5) */
    float drone_level;       /* each of the drone's G and D (0.014) */
    float octave_level;      /* the octave that opens up when calm (0.010) */
    float flutter_level;     /* the rustle of tension at its busiest (0.8, of a soft noise) */
    float chime_level;       /* a chime's start (0.09) */
    float chime_ring_s;      /* its decay time constant (0.9) */
    float chime_gap_s;       /* the shortest gap between chimes when fully calm (0.6) */
    float chime_gap_spread_s; /* plus up to this, at random (1.2) */
    float bird_share;        /* the share of chimes that are bird calls (0.3) */
    float bird_level;        /* a bird call's start (0.05) */
    float bird_hz;           /* its lowest start pitch (2600; up to 600 Hz higher) */
} ebb_scape_def;

/* The built-in numbers (what assets/sounds.conf holds; a test keeps them equal), in the
 * order of the struct. */
#define EBB_SCAPE_BUILTIN_INIT                                                                 \
    {2.0f, 0.08f, 0.025f, 0.3f, 3.0f, 4.0f, 3.0f, 1.5f, 0.014f, 0.010f, 0.8f, 0.09f, 0.9f,     \
     0.6f, 1.2f, 0.3f, 0.05f, 2600.0f}
const ebb_scape_def *ebb_scape_builtin(void);

typedef struct ebb_calm {
    bool init;
    bool has_def;   /* def set by ebb_calm_init; a zeroed ebb_calm uses the built-in numbers */
    ebb_scape_def def;
    float mean;     /* effort, smoothed over ~2 s */
    float dev;      /* |effort - mean|, smoothed over ~2 s: unsteadiness */
    float calm_s;   /* seconds of calm so far (falls quickly when tension rises) */
    float tension;  /* 0..1 */
} ebb_calm;

/* Starts following with these numbers (NULL: the built-in ones). */
void ebb_calm_init(ebb_calm *c, const ebb_scape_def *def);

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
    ebb_scape_def def;
    float rate;
    uint32_t rng;
    float calm, busy;              /* smoothed toward the targets */
    float ph[4];                   /* drone partials, flutter */
    float lfo, noise_mid, noise_lp;
    float wait;                    /* samples until the next chime may come */
    ebb_reward_bell bell[EBB_REWARD_BELLS];
} ebb_reward;

/* def: the numbers (NULL: the built-in ones). */
void ebb_reward_init(ebb_reward *r, int rate, uint32_t seed, const ebb_scape_def *def);

/* Renders n samples: the drone and flutter into bed[], the chimes and birds into reward[]
 * (both overwritten, full scale 1). calm and busy are the targets, 0..1. */
void ebb_reward_render(ebb_reward *r, float calm, float busy, float *bed, float *reward,
                       size_t n);

#endif
