#include "core/metrics_json.h"

#include <math.h>

void ebb_metrics_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (*p < 0x20) {
                fprintf(out, "\\u%04x", *p);
            } else {
                fputc(*p, out);
            }
        }
    }
    fputc('"', out);
}

void ebb_metrics_json_number(FILE *out, double v)
{
    if (isnan(v) || isinf(v)) {
        fputs("null", out);
    } else {
        fprintf(out, "%.3f", v);
    }
}

void ebb_metrics_json_ms(FILE *out, int32_t ms)
{
    if (ms < 0) {
        fputs("null", out);
    } else {
        fprintf(out, "%.3f", (double)ms / 1000.0);
    }
}

static void field_num(FILE *out, const char *name, double v)
{
    fprintf(out, ",\"%s\":", name);
    ebb_metrics_json_number(out, v);
}

static void field_ms(FILE *out, const char *name, int32_t ms)
{
    fprintf(out, ",\"%s\":", name);
    ebb_metrics_json_ms(out, ms);
}

static void json_stats(FILE *out, const char *name, const ebb_metrics_stats *st)
{
    fprintf(out, ",\"%s\":{\"mean\":", name);
    ebb_metrics_json_number(out, st->mean);
    field_num(out, "sd", st->sd);
    field_num(out, "cv", st->cv);
    field_num(out, "mean_unit", st->mean_unit);
    field_num(out, "sd_unit", st->sd_unit);
    field_num(out, "cv_unit", st->cv_unit);
    field_ms(out, "duration_s", (int32_t)st->ms);
    fputc('}', out);
}

void ebb_metrics_json_level_fields(FILE *out, const ebb_metrics_level *m)
{
    fputs(",\"unit\":", out);
    if (m->unit == EBB_UNIT_NONE) {
        fputs("null", out);
    } else {
        ebb_metrics_json_string(out, ebb_unit_name(m->unit));
    }
    field_num(out, "time_in_band", m->time_in_band);
    field_num(out, "tracking_error", m->tracking_error);
    fprintf(out, ",\"reps_achieved\":%d,\"reps_total\":%d", m->reps_achieved, m->reps_total);
    field_ms(out, "endurance_s", m->endurance_asked_ms ? (int32_t)m->endurance_ms : -1);
    field_ms(out, "endurance_asked_s", m->endurance_asked_ms ? (int32_t)m->endurance_asked_ms : -1);
    field_ms(out, "rep_release_mean_s", m->release_mean_ms);
    fprintf(out, ",\"releases_done\":%d,\"releases_total\":%d", m->releases_done,
            m->releases_total);
    field_ms(out, "recruit_mean_s", m->recruit_mean_ms);
    json_stats(out, "rest", &m->rest);
    field_num(out, "breath_pacing", m->breath_pacing);
    fprintf(out, ",\"breath_phases\":%d", m->breath_phases);
    field_num(out, "pf_breath_in", m->pf_breath_in);
    field_num(out, "pf_breath_out", m->pf_breath_out);
    field_num(out, "pf_breath_hold", m->pf_breath_hold);
    field_num(out, "measured_rest", m->measured_rest);
}

void ebb_metrics_json_assessment(FILE *out, const ebb_metrics_level *m)
{
    const ebb_metrics_assessment *a = &m->assessment;
    if (!a->present) {
        return;
    }
    fputs(",\"assessment\":{\"unit\":", out);
    if (m->unit == EBB_UNIT_NONE) {
        fputs("null", out);
    } else {
        ebb_metrics_json_string(out, ebb_unit_name(m->unit));
    }
    json_stats(out, "pre_rest", &a->pre_rest);
    json_stats(out, "post_rest", &a->post_rest);
    fprintf(out, ",\"flicks\":%d", a->flicks);
    field_num(out, "flick_peak", a->flick_peak);
    field_num(out, "flick_peak_unit", a->flick_peak_unit);
    field_ms(out, "flick_onset_s", a->flick_onset_ms);
    field_ms(out, "flick_rise_s", a->flick_rise_ms);
    field_ms(out, "flick_release_s", a->flick_release_ms);
    fprintf(out, ",\"holds\":%d", a->holds);
    field_num(out, "hold_mean", a->hold_mean);
    field_num(out, "hold_mean_unit", a->hold_mean_unit);
    field_num(out, "hold_peak", a->hold_peak);
    field_num(out, "hold_peak_unit", a->hold_peak_unit);
    field_ms(out, "hold_release_s", a->hold_release_ms);
    field_num(out, "endurance_mean", a->endurance_mean);
    field_num(out, "endurance_mean_unit", a->endurance_mean_unit);
    field_num(out, "endurance_first", a->endurance_first);
    field_num(out, "endurance_last", a->endurance_last);
    field_num(out, "endurance_first_unit", a->endurance_first_unit);
    field_num(out, "endurance_last_unit", a->endurance_last_unit);
    field_num(out, "endurance_decline", a->endurance_decline);
    field_num(out, "endurance_decline_unit", a->endurance_decline_unit);
    fputc('}', out);
}

void ebb_metrics_json_sentences(FILE *out, const ebb_metrics_sentences *s)
{
    fputs(",\"sentences\":[", out);
    for (size_t i = 0; i < s->count; i++) {
        fputs(i ? ",{\"id\":" : "{\"id\":", out);
        ebb_metrics_json_string(out, s->id[i]);
        fputs(",\"text\":", out);
        ebb_metrics_json_string(out, s->text[i]);
        fputc('}', out);
    }
    fputc(']', out);
}

void ebb_metrics_json_rep(FILE *out, const ebb_metrics_rep *r)
{
    if (!r->is_rep || !r->played) {
        return;
    }
    fprintf(out, ",\"rep\":{\"reached\":%s", r->reached ? "true" : "false");
    field_ms(out, "in_band_s", (int32_t)r->in_band_ms);
    field_num(out, "peak", r->peak);
    field_num(out, "peak_unit", r->peak_unit);
    field_num(out, "base", r->base);
    field_ms(out, "onset_s", r->onset_ms);
    field_ms(out, "recruit_s", r->recruit_ms);
    field_ms(out, "release_s", r->release_ms);
    field_ms(out, "above_s", (int32_t)r->above_ms);
    field_ms(out, "longest_above_s", (int32_t)r->longest_above_ms);
    field_ms(out, "rise_s", r->rise_ms);
    field_ms(out, "fall_s", r->fall_ms);
    fputc('}', out);
}
