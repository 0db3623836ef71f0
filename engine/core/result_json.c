#include "core/result_json.h"

#include <math.h>

static void json_string(FILE *out, const char *s)
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

/* Fixed decimals keep the output byte-identical between runs; NaN (no such measure) is null. */
static void json_number(FILE *out, double v)
{
    if (isnan(v) || isinf(v)) {
        fputs("null", out);
    } else {
        fprintf(out, "%.3f", v);
    }
}

static void json_ms(FILE *out, int32_t ms)
{
    if (ms < 0) {
        fputs("null", out);
    } else {
        fprintf(out, "%.3f", (double)ms / 1000.0);
    }
}

static void json_step(FILE *out, size_t index, const ebb_step_result *s)
{
    fprintf(out, "{\"index\":%zu,\"kind\":", index);
    json_string(out, ebb_step_kind_name(s->kind));
    fprintf(out, ",\"line\":%u,\"start_s\":", (unsigned)s->line);
    json_ms(out, (int32_t)s->start_ms);
    fputs(",\"duration_s\":", out);
    json_ms(out, (int32_t)s->duration_ms);
    fprintf(out, ",\"reached\":%s,\"score\":", s->reached ? "true" : "false");
    json_number(out, s->score);
    fputs(",\"in_band\":", out);
    json_number(out, s->in_band);
    fputs(",\"mean\":", out);
    json_number(out, s->mean);
    fputs(",\"sd\":", out);
    json_number(out, s->sd);
    fputs(",\"peak\":", out);
    json_number(out, s->peak);
    fputs(",\"release_s\":", out);
    json_ms(out, s->release_ms);
    if (s->kind == EBB_STEP_FLICK) {
        fprintf(out, ",\"flick_ok\":%s", s->flick_ok ? "true" : "false");
    }
    fputc('}', out);
}

void ebb_result_write_json(const ebb_result *r, FILE *out)
{
    fputs("{\"level\":", out);
    json_string(out, r->level->id);
    fputs(",\"title\":", out);
    json_string(out, r->level->title);
    fputs(",\"kind\":", out);
    json_string(out, ebb_level_kind_name(r->level->kind));
    fprintf(out, ",\"complete\":%s,\"duration_s\":", r->complete ? "true" : "false");
    json_ms(out, (int32_t)r->duration_ms);
    fprintf(out, ",\"score\":%d,\"stars\":%d,\"passed\":%s", r->score, r->stars,
            r->complete && r->stars >= r->level->pass_stars ? "true" : "false");
    fputs(",\"metrics\":{\"rest_mean\":", out);
    json_number(out, r->rest_mean);
    fputs(",\"rest_sd\":", out);
    json_number(out, r->rest_sd);
    fputs(",\"rest_in_band\":", out);
    json_number(out, r->rest_in_band);
    fputs(",\"release_mean_s\":", out);
    json_ms(out, r->release_mean_ms);
    fputs(",\"hold_in_band\":", out);
    json_number(out, r->hold_in_band);
    fputs(",\"breath_in_band\":", out);
    json_number(out, r->breath_in_band);
    fprintf(out, ",\"flicks_ok\":%d,\"flicks_total\":%d}", r->flicks_ok, r->flicks_total);
    fputs(",\"feedback\":[", out);
    for (size_t i = 0; i < r->feedback_count; i++) {
        if (i) {
            fputc(',', out);
        }
        json_string(out, r->feedback[i]);
    }
    fputs("],\"steps\":[", out);
    for (size_t i = 0; i < r->step_count; i++) {
        if (i) {
            fputc(',', out);
        }
        fputc('\n', out);
        json_step(out, i, &r->steps[i]);
    }
    fputs("]}\n", out);
}
