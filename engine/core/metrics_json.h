/* JSON writing for results: the small printers result_json.c and the metrics share, and the
 * metrics' own objects. Numbers have fixed decimals so that the same input gives
 * byte-identical output; NaN and negative times (not measured) are null. */
#ifndef EBB_METRICS_JSON_H
#define EBB_METRICS_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "core/metrics.h"

void ebb_metrics_json_string(FILE *out, const char *s);
void ebb_metrics_json_number(FILE *out, double v);
void ebb_metrics_json_ms(FILE *out, int32_t ms);

/* The fields added to the result's "metrics" object, each starting with a comma. */
void ebb_metrics_json_level_fields(FILE *out, const ebb_metrics_level *m);

/* ,"assessment":{...} when the level is an assessment; nothing otherwise. */
void ebb_metrics_json_assessment(FILE *out, const ebb_metrics_level *m);

/* ,"sentences":[{"id":..,"text":..},...] */
void ebb_metrics_json_sentences(FILE *out, const ebb_metrics_sentences *s);

/* ,"rep":{...} for a rep step; nothing otherwise. */
void ebb_metrics_json_rep(FILE *out, const ebb_metrics_rep *r);

#endif
