/* The lines on the results screen: what went well, in plain and kind words.
 *
 * A line about the whole session comes first, then the strongest one or two of the
 * level's own measures (best first: the screen is for encouragement; the numbers are in the
 * JSON and, later, the therapist's report). Nothing here scolds. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/score.h"

typedef struct feedback_candidate {
    float strength; /* 0..1: how good this measure was, to pick the best ones */
    char text[EBB_FEEDBACK_LEN];
} feedback_candidate;

static void feedback_add(ebb_result *r, const char *text)
{
    if (r->feedback_count < EBB_FEEDBACK_MAX) {
        snprintf(r->feedback[r->feedback_count++], EBB_FEEDBACK_LEN, "%s", text);
    }
}

static int feedback_percent(float share)
{
    return (int)floorf(share * 100.0f + 0.5f);
}

static size_t feedback_candidates(const ebb_result *r, feedback_candidate *c)
{
    size_t n = 0;
    if (r->release_mean_ms >= 0) {
        const float s = (float)r->release_mean_ms / 1000.0f;
        c[n].strength = r->release_mean_ms <= 1000 ? 1.0f : 0.5f;
        if (r->release_mean_ms <= 1000) {
            snprintf(c[n].text, EBB_FEEDBACK_LEN,
                     "You let go quickly: about %.1f s on average.", (double)s);
        } else {
            snprintf(c[n].text, EBB_FEEDBACK_LEN,
                     "You let go in about %.1f s on average. A slow breath out helps it come sooner.",
                     (double)s);
        }
        n++;
    }
    if (!isnan(r->rest_in_band)) {
        c[n].strength = r->rest_in_band;
        if (r->rest_in_band >= 0.8f && !isnan(r->rest_sd) && r->rest_sd < 0.05f) {
            snprintf(c[n].text, EBB_FEEDBACK_LEN, "Your rest stayed low and steady.");
        } else {
            snprintf(c[n].text, EBB_FEEDBACK_LEN,
                     "Your rest was soft and low %d%% of the time.", feedback_percent(r->rest_in_band));
        }
        n++;
    }
    if (!isnan(r->hold_in_band)) {
        c[n].strength = r->hold_in_band;
        snprintf(c[n].text, EBB_FEEDBACK_LEN, "You stayed in the band for %d%% of your holds.",
                 feedback_percent(r->hold_in_band));
        n++;
    }
    if (r->flicks_total > 0) {
        c[n].strength = (float)r->flicks_ok / (float)r->flicks_total;
        snprintf(c[n].text, EBB_FEEDBACK_LEN, "%d of %d quick squeezes rose and let go cleanly.",
                 r->flicks_ok, r->flicks_total);
        n++;
    }
    if (!isnan(r->breath_in_band)) {
        c[n].strength = r->breath_in_band;
        snprintf(c[n].text, EBB_FEEDBACK_LEN, "You moved with the breathing pace %d%% of the time.",
                 feedback_percent(r->breath_in_band));
        n++;
    }
    return n;
}

void ebb_result_feedback(ebb_result *r)
{
    r->feedback_count = 0;
    memset(r->feedback, 0, sizeof r->feedback);

    if (!r->complete) {
        char line[EBB_FEEDBACK_LEN];
        snprintf(line, sizeof line, "The session stopped at %.0f s; what you did is kept.",
                 (double)r->duration_ms / 1000.0);
        feedback_add(r, line);
    } else {
        static const char *const headline[4] = {
            "Thank you for practising. It gets easier with each round.",
            "A good start. Each round teaches the muscle a little more.",
            "Good session: you followed the level well.",
            "Lovely, steady work.",
        };
        feedback_add(r, headline[r->stars < 0 ? 0 : (r->stars > 3 ? 3 : r->stars)]);
    }

    feedback_candidate c[5];
    size_t n = feedback_candidates(r, c);
    /* Best two by strength; ties keep level order, so the output is stable. */
    for (int pick = 0; pick < 2 && n > 0; pick++) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++) {
            if (c[i].strength > c[best].strength) {
                best = i;
            }
        }
        feedback_add(r, c[best].text);
        memmove(&c[best], &c[best + 1], (n - best - 1) * sizeof c[0]);
        n--;
    }
}
