/* Progress over days and weeks (progress.h): daily series and their readings. */
#include "core/progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void series_nan(ebb_progress_series *s)
{
    for (int i = 0; i < EBB_PROGRESS_DAYS_MAX; i++) {
        s->value[i] = NAN;
    }
}

/* Adds v to a running daily mean kept as (sum in value, count in n). */
static void add(ebb_progress_series *s, int n[EBB_PROGRESS_DAYS_MAX], int i, float v)
{
    if (isnan(v)) {
        return;
    }
    s->value[i] = n[i] ? s->value[i] + v : v;
    n[i]++;
}

static void finish(ebb_progress_series *s, const int n[EBB_PROGRESS_DAYS_MAX])
{
    for (int i = 0; i < EBB_PROGRESS_DAYS_MAX; i++) {
        s->value[i] = n[i] ? s->value[i] / (float)n[i] : NAN;
    }
}

void ebb_progress_build(const ebb_progress_session *s, size_t n, int days, const float *plan,
                        ebb_progress *out)
{
    memset(out, 0, sizeof *out);
    series_nan(&out->rest);
    series_nan(&out->rest_sd);
    series_nan(&out->release);
    series_nan(&out->endurance);
    series_nan(&out->mvc);
    series_nan(&out->plan);
    series_nan(&out->count);
    for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
        series_nan(&out->stars[k]);
    }
    if (n == 0 || days <= 0) {
        return;
    }
    if (days > EBB_PROGRESS_DAYS_MAX) {
        days = EBB_PROGRESS_DAYS_MAX;
    }
    int32_t last = s[0].day;
    for (size_t i = 1; i < n; i++) {
        last = s[i].day > last ? s[i].day : last;
    }
    out->last_day = last;
    out->first_day = last - days + 1;
    out->days = days;
    int nr[EBB_PROGRESS_DAYS_MAX], nsd[EBB_PROGRESS_DAYS_MAX], nrel[EBB_PROGRESS_DAYS_MAX],
        nend[EBB_PROGRESS_DAYS_MAX], nmvc[EBB_PROGRESS_DAYS_MAX],
        nst[EBB_LEVEL_KIND_COUNT][EBB_PROGRESS_DAYS_MAX];
    memset(nr, 0, sizeof nr);
    memset(nsd, 0, sizeof nsd);
    memset(nrel, 0, sizeof nrel);
    memset(nend, 0, sizeof nend);
    memset(nmvc, 0, sizeof nmvc);
    memset(nst, 0, sizeof nst);
    for (int i = 0; i < days; i++) {
        out->count.value[i] = 0.0f;
        out->plan.value[i] = plan ? plan[i] : NAN;
    }
    out->mvc_unit = EBB_UNIT_NONE;
    for (size_t j = 0; j < n; j++) {
        const int i = (int)(s[j].day - out->first_day);
        if (i < 0 || i >= days) {
            continue;
        }
        out->sessions++;
        out->count.value[i] += 1.0f;
        add(&out->rest, nr, i, s[j].rest_mean);
        add(&out->rest_sd, nsd, i, s[j].rest_sd);
        add(&out->release, nrel, i, s[j].release_s);
        add(&out->endurance, nend, i, s[j].endurance_s);
        if (!isnan(s[j].mvc) && s[j].mvc_unit != EBB_UNIT_NONE) {
            /* One unit on one chart: the latest calibration's unit wins. */
            if (out->mvc_unit != s[j].mvc_unit) {
                memset(nmvc, 0, sizeof nmvc);
                series_nan(&out->mvc);
                out->mvc_unit = s[j].mvc_unit;
            }
            add(&out->mvc, nmvc, i, s[j].mvc);
        }
        if ((int)s[j].kind >= 0 && (int)s[j].kind < EBB_LEVEL_KIND_COUNT) {
            add(&out->stars[s[j].kind], nst[s[j].kind], i, (float)s[j].stars);
        }
    }
    finish(&out->rest, nr);
    finish(&out->rest_sd, nsd);
    finish(&out->release, nrel);
    finish(&out->endurance, nend);
    finish(&out->mvc, nmvc);
    for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
        finish(&out->stars[k], nst[k]);
    }
}

static int valued_days(const ebb_progress_series *s, int days, int idx[EBB_PROGRESS_DAYS_MAX])
{
    int n = 0;
    for (int i = 0; i < days && i < EBB_PROGRESS_DAYS_MAX; i++) {
        if (!isnan(s->value[i])) {
            idx[n++] = i;
        }
    }
    return n;
}

ebb_progress_trend ebb_progress_trend_of(const ebb_progress_series *s, int days, float flat,
                                         float *from, float *to)
{
    int idx[EBB_PROGRESS_DAYS_MAX];
    const int n = valued_days(s, days, idx);
    if (n < 3) {
        return EBB_TREND_UNKNOWN;
    }
    const int third = n / 3;
    float a = 0.0f, b = 0.0f;
    for (int i = 0; i < third; i++) {
        a += s->value[idx[i]];
        b += s->value[idx[n - third + i]];
    }
    a /= (float)third;
    b /= (float)third;
    if (from) {
        *from = a;
    }
    if (to) {
        *to = b;
    }
    if (fabsf(b - a) < flat) {
        return EBB_TREND_FLAT;
    }
    return b < a ? EBB_TREND_DOWN : EBB_TREND_UP;
}

bool ebb_progress_range(const ebb_progress_series *s, int days, float *lo, float *hi)
{
    bool any = false;
    for (int i = 0; i < days && i < EBB_PROGRESS_DAYS_MAX; i++) {
        const float v = s->value[i];
        if (isnan(v)) {
            continue;
        }
        if (!any || v < *lo) {
            *lo = v;
        }
        if (!any || v > *hi) {
            *hi = v;
        }
        any = true;
    }
    return any;
}

void ebb_progress_span_words(const ebb_progress_series *s, int days, char *buf, size_t size)
{
    static const char *const weeks[] = {"", "one week", "two weeks", "three weeks",
                                        "four weeks", "five weeks", "six weeks",
                                        "seven weeks", "eight weeks"};
    int idx[EBB_PROGRESS_DAYS_MAX];
    const int n = valued_days(s, days, idx);
    const int span = n ? idx[n - 1] - idx[0] + 1 : 0;
    if (span < 10) {
        snprintf(buf, size, "over %d days", span);
    } else {
        int w = (span + 3) / 7;
        w = w > 8 ? 8 : w;
        snprintf(buf, size, "over %s", weeks[w]);
    }
}

static void say_change(const ebb_progress *p, const ebb_progress_series *s, float flat,
                       const char *what, const char *down, const char *up, const char *fmt,
                       const char *unit, const char *none, char *buf, size_t size)
{
    float a = 0.0f, b = 0.0f;
    const ebb_progress_trend t = ebb_progress_trend_of(s, p->days, flat, &a, &b);
    char span[32], from[24], to[24];
    ebb_progress_span_words(s, p->days, span, sizeof span);
    snprintf(from, sizeof from, fmt, (double)a);
    snprintf(to, sizeof to, fmt, (double)b);
    switch (t) {
    case EBB_TREND_UNKNOWN:
        snprintf(buf, size, "%s", none);
        break;
    case EBB_TREND_FLAT:
        snprintf(buf, size, "%s has stayed about the same %s, near %s%s.", what, span, to, unit);
        break;
    case EBB_TREND_DOWN:
    case EBB_TREND_UP:
        snprintf(buf, size, "%s has become %s %s: from %s to %s%s.", what,
                 t == EBB_TREND_DOWN ? down : up, span, from, to, unit);
        break;
    }
}

static void say_rest(const ebb_progress *p, char *buf, size_t size)
{
    const ebb_progress_trend level = ebb_progress_trend_of(&p->rest, p->days, 0.02f, NULL, NULL);
    const ebb_progress_trend sd = ebb_progress_trend_of(&p->rest_sd, p->days, 0.005f, NULL, NULL);
    char span[32];
    ebb_progress_span_words(&p->rest, p->days, span, sizeof span);
    if (level == EBB_TREND_UNKNOWN) {
        snprintf(buf, size, "Play a few relaxing levels on different days to see your rest "
                            "here.");
        return;
    }
    const char *lw = level == EBB_TREND_DOWN ? "lower" : level == EBB_TREND_UP ? "a little higher"
                                                                                : NULL;
    const char *sw = sd == EBB_TREND_DOWN ? "steadier" : sd == EBB_TREND_UP ? "a little less steady"
                                                                             : NULL;
    if (lw && sw) {
        snprintf(buf, size, "Your rest has become %s and %s %s.", lw, sw, span);
    } else if (lw) {
        snprintf(buf, size, "Your rest has become %s %s, and about as steady.", lw, span);
    } else if (sw) {
        snprintf(buf, size, "Your rest has stayed about as low %s, and become %s.", span, sw);
    } else {
        snprintf(buf, size, "Your rest has stayed about the same %s.", span);
    }
}

static void say_stars(const ebb_progress *p, char *buf, size_t size)
{
    /* All kinds together, for the direction; the kind with most stars lately, for the detail. */
    ebb_progress_series all;
    series_nan(&all);
    for (int i = 0; i < p->days; i++) {
        float sum = 0.0f;
        int n = 0;
        for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
            if (!isnan(p->stars[k].value[i])) {
                sum += p->stars[k].value[i];
                n++;
            }
        }
        all.value[i] = n ? sum / (float)n : NAN;
    }
    float a = 0.0f, b = 0.0f;
    const ebb_progress_trend t = ebb_progress_trend_of(&all, p->days, 0.25f, &a, &b);
    char span[32];
    ebb_progress_span_words(&all, p->days, span, sizeof span);
    switch (t) {
    case EBB_TREND_UNKNOWN:
        snprintf(buf, size, "Your stars will show here after a few days of practice.");
        break;
    case EBB_TREND_UP:
        snprintf(buf, size, "Your stars have gone up %s: %.1f a level, from %.1f.", span,
                 (double)b, (double)a);
        break;
    case EBB_TREND_DOWN:
        snprintf(buf, size, "Your stars have dipped a little %s, to %.1f a level. Gentle, "
                            "steady practice brings them back.", span, (double)b);
        break;
    case EBB_TREND_FLAT:
        snprintf(buf, size, "Your stars have held steady %s, about %.1f a level.", span,
                 (double)b);
        break;
    }
}

static void say_sessions(const ebb_progress *p, char *buf, size_t size)
{
    int played = 0, planned_days = 0;
    float asked = 0.0f;
    for (int i = 0; i < p->days; i++) {
        played += p->count.value[i] > 0.0f;
        if (!isnan(p->plan.value[i]) && p->plan.value[i] > 0.0f) {
            planned_days++;
            asked += p->plan.value[i];
        }
    }
    const double per_day = played ? (double)p->sessions / (double)played : 0.0;
    if (p->sessions == 0) {
        snprintf(buf, size, "Nothing played yet: your practice will show here.");
    } else if (planned_days > 0) {
        snprintf(buf, size, "You practised on %d of %d days, about %.0f a day; your plan asks "
                            "for about %.0f.", played, p->days, per_day,
                 (double)(asked / (float)planned_days));
    } else {
        snprintf(buf, size, "You practised on %d of %d days, about %.0f a day.", played,
                 p->days, per_day);
    }
}

void ebb_progress_reading(const ebb_progress *p, ebb_progress_chart chart, char *buf,
                          size_t size)
{
    char unit[16] = "";
    switch (chart) {
    case EBB_PROGRESS_REST:
        say_rest(p, buf, size);
        break;
    case EBB_PROGRESS_RELEASE:
        say_change(p, &p->release, 0.1f, "Your letting go", "quicker", "a little slower",
                   "%.1f", " s", "Play levels with squeezes to see how quickly you let go.",
                   buf, size);
        break;
    case EBB_PROGRESS_MVC:
        if (p->mvc_unit != EBB_UNIT_NONE) {
            snprintf(unit, sizeof unit, " %s", ebb_progress_unit_words(p->mvc_unit));
        }
        if (ebb_progress_trend_of(&p->mvc, p->days, 0.0f, NULL, NULL) == EBB_TREND_UNKNOWN) {
            /* Calibrations are few: one or two still say something. */
            for (int i = p->days - 1; i >= 0; i--) {
                if (!isnan(p->mvc.value[i])) {
                    snprintf(buf, size, "At your last calibration your strongest squeeze was "
                                        "%.0f%s.", (double)p->mvc.value[i], unit);
                    return;
                }
            }
        }
        say_change(p, &p->mvc, 0.0f, "Your strongest squeeze", "a little weaker", "stronger", "%.0f",
                   unit, "Calibrate a probe now and then to see your strongest squeeze here.",
                   buf, size);
        break;
    case EBB_PROGRESS_ENDURANCE:
        say_change(p, &p->endurance, 1.0f, "Your longest hold", "shorter", "longer", "%.0f",
                   " s", "Play levels with holds to see how long you hold.", buf, size);
        break;
    case EBB_PROGRESS_STARS:
        say_stars(p, buf, size);
        break;
    case EBB_PROGRESS_SESSIONS:
    case EBB_PROGRESS_CHART_COUNT:
        say_sessions(p, buf, size);
        break;
    }
}

unsigned ebb_progress_plan_on(const ebb_pack *pack, int day)
{
    unsigned n = 0;
    for (size_t i = 0; pack && day >= 1 && i < pack->slot_count; i++) {
        const ebb_pack_slot *sl = &pack->slots[i];
        const unsigned d = (unsigned)day, every = sl->every ? sl->every : 1u;
        if (d >= sl->first_day && d <= sl->last_day && (d - sl->first_day) % every == 0) {
            n += sl->per_day;
        }
    }
    return n;
}

const char *ebb_progress_unit_words(ebb_unit unit)
{
    return unit == EBB_UNIT_UV ? "\xc2\xb5V" : ebb_unit_name(unit);
}
