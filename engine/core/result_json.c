#include "core/result_json.h"

#include <math.h>

#include "core/metrics_json.h"


static void json_step(FILE *out, size_t index, const ebb_step_result *s, const ebb_metrics_rep *rep)
{
    fprintf(out, "{\"index\":%zu,\"kind\":", index);
    ebb_metrics_json_string(out, ebb_step_kind_name(s->kind));
    fprintf(out, ",\"line\":%u,\"start_s\":", (unsigned)s->line);
    ebb_metrics_json_ms(out, (int32_t)s->start_ms);
    fputs(",\"duration_s\":", out);
    ebb_metrics_json_ms(out, (int32_t)s->duration_ms);
    fprintf(out, ",\"reached\":%s,\"score\":", s->reached ? "true" : "false");
    ebb_metrics_json_number(out, s->score);
    fputs(",\"in_band\":", out);
    ebb_metrics_json_number(out, s->in_band);
    fputs(",\"mean\":", out);
    ebb_metrics_json_number(out, s->mean);
    fputs(",\"sd\":", out);
    ebb_metrics_json_number(out, s->sd);
    fputs(",\"peak\":", out);
    ebb_metrics_json_number(out, s->peak);
    fputs(",\"release_s\":", out);
    ebb_metrics_json_ms(out, s->release_ms);
    if (s->kind == EBB_STEP_FLICK) {
        fprintf(out, ",\"flick_ok\":%s", s->flick_ok ? "true" : "false");
    }
    if (!isnan(s->pf_in_band)) {
        fputs(",\"pf_in_band\":", out);
        ebb_metrics_json_number(out, s->pf_in_band);
    }
    if (rep) {
        ebb_metrics_json_rep(out, rep);
    }
    fputc('}', out);
}

void ebb_result_write_json(const ebb_result *r, FILE *out)
{
    fputs("{\"level\":", out);
    ebb_metrics_json_string(out, r->level->id);
    fputs(",\"title\":", out);
    ebb_metrics_json_string(out, r->level->title);
    fputs(",\"kind\":", out);
    ebb_metrics_json_string(out, ebb_level_kind_name(r->level->kind));
    fprintf(out, ",\"complete\":%s,\"duration_s\":", r->complete ? "true" : "false");
    ebb_metrics_json_ms(out, (int32_t)r->duration_ms);
    fprintf(out, ",\"score\":%d,\"stars\":%d,\"passed\":%s", r->score, r->stars,
            r->complete && r->stars >= r->level->pass_stars ? "true" : "false");
    fputs(",\"metrics\":{\"rest_mean\":", out);
    ebb_metrics_json_number(out, r->rest_mean);
    fputs(",\"rest_sd\":", out);
    ebb_metrics_json_number(out, r->rest_sd);
    fputs(",\"rest_in_band\":", out);
    ebb_metrics_json_number(out, r->rest_in_band);
    fputs(",\"release_mean_s\":", out);
    ebb_metrics_json_ms(out, r->release_mean_ms);
    fputs(",\"hold_in_band\":", out);
    ebb_metrics_json_number(out, r->hold_in_band);
    fputs(",\"breath_in_band\":", out);
    ebb_metrics_json_number(out, r->breath_in_band);
    fprintf(out, ",\"flicks_ok\":%d,\"flicks_total\":%d", r->flicks_ok, r->flicks_total);
    if (r->metrics) {
        ebb_metrics_json_level_fields(out, r->metrics);
    }
    fputc('}', out);
    if (r->metrics) {
        ebb_metrics_json_assessment(out, r->metrics);
    }
    fputs(",\"feedback\":[", out);
    for (size_t i = 0; i < r->feedback_count; i++) {
        if (i) {
            fputc(',', out);
        }
        ebb_metrics_json_string(out, r->feedback[i]);
    }
    fputc(']', out);
    if (r->sentences) {
        ebb_metrics_json_sentences(out, r->sentences);
    }
    fputs(",\"steps\":[", out);
    for (size_t i = 0; i < r->step_count; i++) {
        if (i) {
            fputc(',', out);
        }
        fputc('\n', out);
        json_step(out, i, &r->steps[i], r->reps ? &r->reps[i] : NULL);
    }
    fputs("]}\n", out);
}
