/* Offers of a harder or gentler challenge (see challenge.h). The words are offers: they say
 * what went well or what was hard, name the other challenge, and leave the choice open. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/challenge.h"

static bool low_and_steady(const ebb_challenge_input *in, const ebb_challenge_session *s)
{
    return in->kind == EBB_LEVEL_LENGTHENING && in->rest_ceiling > 0.0f &&
           !isnan(s->rest_mean) && !isnan(s->rest_sd) && s->rest_mean <= in->rest_ceiling &&
           s->rest_sd <= EBB_CHALLENGE_STEADY_SD;
}

/* A breathing level's own measure: the share of breath phases followed, as good as the
 * share of time in band it stands beside. */
static bool paced(const ebb_challenge_input *in, const ebb_challenge_session *s, float at_least)
{
    return in->kind == EBB_LEVEL_BREATHING && !isnan(s->breath_pacing) &&
           s->breath_pacing >= at_least;
}

bool ebb_challenge_session_good(const ebb_challenge_input *in, const ebb_challenge_session *s)
{
    if (!s->complete) {
        return false;
    }
    return (!isnan(s->time_in_band) && s->time_in_band >= EBB_CHALLENGE_GOOD_IN_BAND) ||
           low_and_steady(in, s) || paced(in, s, EBB_CHALLENGE_GOOD_IN_BAND);
}

bool ebb_challenge_session_hard(const ebb_challenge_input *in, const ebb_challenge_session *s)
{
    if (!s->complete) {
        return true;
    }
    return !isnan(s->time_in_band) && s->time_in_band < EBB_CHALLENGE_HARD_IN_BAND &&
           !low_and_steady(in, s) && !paced(in, s, EBB_CHALLENGE_HARD_IN_BAND);
}

float ebb_challenge_rest_ceiling(const ebb_level *level)
{
    float c = 0.0f;
    for (size_t i = 0; i < level->step_count; i++) {
        const ebb_step *s = &level->steps[i];
        if ((s->kind == EBB_STEP_REST || s->kind == EBB_STEP_RELEASE) && s->lo0 <= 0.0f &&
            (c == 0.0f || s->hi0 < c)) {
            c = s->hi0;
        }
    }
    return c;
}

/* How many of the newest sessions in a row pass `test`. */
static size_t run_of(const ebb_challenge_input *in,
                     bool (*test)(const ebb_challenge_input *, const ebb_challenge_session *))
{
    size_t n = 0;
    for (size_t i = in->session_count; i > 0 && test(in, &in->sessions[i - 1]); i--) {
        n++;
    }
    return n;
}

void ebb_challenge_decide(const ebb_challenge_input *in, ebb_challenge_offer *out)
{
    memset(out, 0, sizeof *out);
    if (in->fixed || in->count <= 1 || in->sessions == NULL) {
        return;
    }
    int top = in->count > EBB_CHALLENGE_MAX ? EBB_CHALLENGE_MAX : in->count;
    if (in->cap > 0 && in->cap < top) {
        top = in->cap;
    }
    /* A gentler offer comes first: a person who is struggling is never asked for more. */
    if (in->current > 1 && run_of(in, ebb_challenge_session_hard) >= EBB_CHALLENGE_HARD_RUN) {
        out->kind = EBB_OFFER_DOWN;
        out->to = in->current - 1;
        snprintf(out->text, sizeof out->text,
                 "The last two sessions asked a lot. Would you like to go back to challenge "
                 "%d for a while? Easier days are part of it.", out->to);
        return;
    }
    bool held_back = in->relaxation_first && in->kind == EBB_LEVEL_STRENGTHENING;
    if (held_back || in->current >= top) {
        return;
    }
    if (run_of(in, ebb_challenge_session_good) >= EBB_CHALLENGE_GOOD_RUN) {
        out->kind = EBB_OFFER_UP;
        out->to = in->current + 1;
        snprintf(out->text, sizeof out->text,
                 "That is three good sessions in a row. Would you like to try challenge %d "
                 "next time? You can always come back.", out->to);
    }
}
