/* When to offer a harder or a gentler challenge of a level: pure logic, no I/O.
 *
 * A level may define up to four challenges (docs/levels.md, `challenge N ...`). After three
 * good sessions in a row at the current challenge, the next one is offered; after two hard
 * sessions in a row, an easier one. It is only ever an offer, in kind words: the person
 * accepts or declines, and nothing changes without them. The caller reads the sessions from
 * the history (io/history.h, ebb_history_recent) and stores the choice. */
#ifndef EBB_CHALLENGE_H
#define EBB_CHALLENGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/level.h"

#define EBB_CHALLENGE_MAX 4
#define EBB_CHALLENGE_GOOD_RUN 3       /* good sessions in a row before stepping up */
#define EBB_CHALLENGE_HARD_RUN 2       /* hard sessions in a row before an easier offer */
#define EBB_CHALLENGE_GOOD_IN_BAND 0.8f
#define EBB_CHALLENGE_HARD_IN_BAND 0.5f
#define EBB_CHALLENGE_STEADY_SD 0.04f  /* the scorer's own "fully steady" rest (score.c) */
#define EBB_CHALLENGE_TEXT_MAX 240

/* One past session of the level, as the history keeps it. NaN where unknown. */
typedef struct ebb_challenge_session {
    bool complete;
    float time_in_band; /* 0..1 */
    float rest_mean;    /* effort */
    float rest_sd;
    float breath_pacing; /* 0..1: share of breath phases followed (a breath channel only) */
} ebb_challenge_session;

typedef struct ebb_challenge_input {
    ebb_level_kind kind;
    int current;           /* the challenge played now, 1..count */
    int count;             /* challenges the level defines, 1..4 (1: none but the level) */
    int cap;               /* the highest a pack allows; 0: no cap */
    bool fixed;            /* a pack fixes the challenge: nothing is offered */
    bool relaxation_first; /* the pack in force holds strengthening back until relaxation */
    float rest_ceiling;    /* lengthening: the level's rest ceiling at this challenge (effort) */
    /* Sessions at the current challenge since it was chosen (or an offer was last
     * declined), oldest first. */
    const ebb_challenge_session *sessions;
    size_t session_count;
} ebb_challenge_input;

typedef enum ebb_challenge_offer_kind {
    EBB_OFFER_NONE = 0,
    EBB_OFFER_UP,
    EBB_OFFER_DOWN
} ebb_challenge_offer_kind;

typedef struct ebb_challenge_offer {
    ebb_challenge_offer_kind kind;
    int to;                              /* the challenge offered; 0 with none */
    char text[EBB_CHALLENGE_TEXT_MAX];   /* one calm line for the person; "" with none */
} ebb_challenge_offer;

/* A good session: complete and at least 80 % in band or, for lengthening, rest low (mean
 * at or under the level's ceiling) and steady (SD at most the scorer's steady SD) or, for
 * breathing, at least 80 % of the breath phases followed (the breathing level's own
 * measure: a breath that follows the pace need not fill the band to the top). */
bool ebb_challenge_session_good(const ebb_challenge_input *in, const ebb_challenge_session *s);
/* A hard session: stopped before the end, or under half the time in band (and, for
 * lengthening, rest not low and steady either; for breathing, under half the breath phases
 * followed, or no breath channel). */
bool ebb_challenge_session_hard(const ebb_challenge_input *in, const ebb_challenge_session *s);

/* The level's own rest ceiling as built (the lowest `below` of its rest and release steps),
 * or 0 when it has none. */
float ebb_challenge_rest_ceiling(const ebb_level *level);

/* What to offer now, given the input. Never up past the level's count or the pack's cap,
 * never up for strengthening when relaxation comes first, never anything when fixed. */
void ebb_challenge_decide(const ebb_challenge_input *in, ebb_challenge_offer *out);

#endif
