/* One calm sentence per metric, compared with the person's own past where there is one.
 *
 * Only the person's own past is used, never a norm: the results screen encourages; reference
 * values belong in the therapist's report. A worse figure is said plainly and kindly ("a
 * little slower than..."), never as a fault. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/metrics.h"

/* Percent of the person's range; small spreads get a decimal ("0.6%" rather than "1%"). */
typedef enum say_fmt { SAY_SECONDS, SAY_PERCENT, SAY_PERCENT_FINE } say_fmt;

typedef struct say_item {
    const char *id;
    float now, past;      /* NaN: not measured / no past */
    bool lower_better;
    float same;           /* differences up to this count as "about the same" */
    say_fmt fmt;
    const char *lead;     /* with one %s for the value: "You let go in %s" */
    const char *better, *worse;  /* "quicker", "a little slower" */
} say_item;

void ebb_metrics_past_none(ebb_metrics_past *p)
{
    memset(p, 0, sizeof *p);
    p->release_mean_ms = -1;
    p->recruit_mean_ms = -1;
    p->rest_mean = p->rest_sd = NAN;
    p->time_in_band = p->tracking_error = NAN;
    p->endurance_ms = 0;
    p->breath_pacing = NAN;
    p->endurance_decline = NAN;
    p->flick_peak = NAN;
}

static float ms_to_s(int32_t ms) { return ms < 0 ? NAN : (float)ms / 1000.0f; }

static void say_value(char *buf, size_t size, say_fmt fmt, float v)
{
    if (fmt == SAY_SECONDS) {
        snprintf(buf, size, "%.1f s", (double)v);
    } else if (fmt == SAY_PERCENT_FINE) {
        snprintf(buf, size, "%.1f%%", (double)(v * 100.0f));
    } else {
        /* Rounded as a double and printed as one: a damaged recording can make a mean far
         * beyond the range of an int, and converting such a value to int is undefined. */
        snprintf(buf, size, "%.0f%%", floor((double)v * 100.0 + 0.5));
    }
}

static void say_one(ebb_metrics_sentences *out, const say_item *it, const char *when)
{
    /* Infinity is no figure to say: a damaged recording's sums can overflow to it. */
    if (!isfinite(it->now) || out->count >= EBB_METRICS_SAY_MAX) {
        return;
    }
    char now[24], past[24], lead[96];
    say_value(now, sizeof now, it->fmt, it->now);
    snprintf(lead, sizeof lead, it->lead, now);
    char *text = out->text[out->count];
    snprintf(out->id[out->count], sizeof out->id[0], "%s", it->id);
    out->count++;
    if (!isfinite(it->past)) {
        snprintf(text, EBB_METRICS_SAY_LEN, "%s.", lead);
        return;
    }
    say_value(past, sizeof past, it->fmt, it->past);
    const float d = it->now - it->past;
    if (fabsf(d) <= it->same) {
        snprintf(text, EBB_METRICS_SAY_LEN, "%s, about the same as %s %s.", lead, when, past);
    } else if ((d < 0.0f) == it->lower_better) {
        snprintf(text, EBB_METRICS_SAY_LEN, "%s, %s than %s %s.", lead, it->better, when, past);
    } else {
        snprintf(text, EBB_METRICS_SAY_LEN, "%s, %s than %s %s; some days are like that.", lead,
                 it->worse, when, past);
    }
}

void ebb_metrics_say(const ebb_metrics_level *m, const ebb_metrics_past *past,
                     ebb_metrics_sentences *out)
{
    memset(out, 0, sizeof *out);
    ebb_metrics_past none;
    if (!past) {
        ebb_metrics_past_none(&none);
        past = &none;
    }
    const char *when = past->when[0] ? past->when : "last time's";
    const ebb_metrics_assessment *a = &m->assessment;
    const float endurance = m->endurance_asked_ms ? (float)m->endurance_ms / 1000.0f : NAN;
    char endurance_lead[64];
    snprintf(endurance_lead, sizeof endurance_lead, "Your longest hold lasted %%s of the %.0f s asked",
             (double)m->endurance_asked_ms / 1000.0);
    /* A hold that did not ease at all is said as such below, not as "eased by -1%". */
    const bool steady_hold = a->present && !isnan(a->endurance_decline) &&
                             a->endurance_decline < 0.005f;
    const float decline = a->present && !steady_hold ? a->endurance_decline : NAN;
    /* When some squeezes have not come all the way down yet, say over how many the time is. */
    char release_lead[96] = "You let go in %s";
    if (m->releases_done < m->releases_total) {
        snprintf(release_lead, sizeof release_lead,
                 "On the %d of %d squeezes that came all the way down, you let go in %%s",
                 m->releases_done, m->releases_total);
    }
    /* Squeezes that never left their band get a plain sentence, not "0.0% away". */
    const bool on_target = !isnan(m->tracking_error) && m->tracking_error < 0.0005f;
    const say_item items[] = {
        {"release", ms_to_s(m->release_mean_ms), ms_to_s(past->release_mean_ms), true, 0.1f,
         SAY_SECONDS, release_lead, "quicker", "a little slower"},
        {"rest", m->rest.mean, past->rest_mean, true, 0.02f, SAY_PERCENT,
         "Your rest sat at %s of your range", "lower", "a little higher"},
        {"steadiness", m->rest.sd, past->rest_sd, true, 0.005f, SAY_PERCENT_FINE,
         "Your rest wavered by about %s", "less", "a little more"},
        {"in_band", m->time_in_band, past->time_in_band, false, 0.03f, SAY_PERCENT,
         "You were on target %s of the time", "more", "a little less"},
        {"tracking", on_target ? NAN : m->tracking_error, past->tracking_error, true, 0.005f,
         SAY_PERCENT_FINE,
         "On average you were %s away from the target", "less", "a little more"},
        {"recruit", ms_to_s(m->recruit_mean_ms), ms_to_s(past->recruit_mean_ms), true, 0.1f,
         SAY_SECONDS, "Your squeezes came up in %s", "quicker", "a little slower"},
        {"endurance", endurance, past->endurance_ms ? (float)past->endurance_ms / 1000.0f : NAN,
         false, 1.0f, SAY_SECONDS, endurance_lead, "longer", "a little shorter"},
        {"breath_pacing", m->breath_pacing, past->breath_pacing, false, 0.05f, SAY_PERCENT,
         "You followed the breathing pace on %s of the breaths", "more", "a little less"},
        {"flick_peak", a->present ? a->flick_peak : NAN, past->flick_peak, false, 0.03f,
         SAY_PERCENT, "Your quick squeezes rose to %s of your maximum", "higher",
         "a little lower"},
        {"decline", decline, past->endurance_decline, true, 0.03f,
         SAY_PERCENT, "Over the long hold your squeeze eased by %s", "less", "a little more"},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        say_one(out, &items[i], when);
    }
    if (on_target && out->count < EBB_METRICS_SAY_MAX) {
        snprintf(out->id[out->count], sizeof out->id[0], "tracking");
        snprintf(out->text[out->count], EBB_METRICS_SAY_LEN, "Your squeezes stayed on the target.");
        out->count++;
    }
    if (steady_hold && out->count < EBB_METRICS_SAY_MAX) {
        snprintf(out->id[out->count], sizeof out->id[0], "decline");
        snprintf(out->text[out->count], EBB_METRICS_SAY_LEN,
                 "Your long hold was as strong at the end as at the start.");
        out->count++;
    }
    if (m->reps_total > 0 && out->count < EBB_METRICS_SAY_MAX) {
        snprintf(out->id[out->count], sizeof out->id[0], "reps");
        snprintf(out->text[out->count], EBB_METRICS_SAY_LEN, "You did %d of %d squeezes as asked.",
                 m->reps_achieved, m->reps_total);
        out->count++;
    }
    if (isfinite(m->pf_breath_in) && out->count < EBB_METRICS_SAY_MAX) {
        char share[24];
        say_value(share, sizeof share, SAY_PERCENT, m->pf_breath_in);
        snprintf(out->id[out->count], sizeof out->id[0], "pf_breath_in");
        snprintf(out->text[out->count], EBB_METRICS_SAY_LEN,
                 "Your floor stayed soft for %s of the in-breaths.", share);
        out->count++;
    }
}
