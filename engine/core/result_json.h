/* The result as one JSON object, for `ebb play --headless --json`.
 *
 * Numbers are printed with a fixed number of decimals so the same input gives byte-identical
 * output on every run. */
#ifndef EBB_RESULT_JSON_H
#define EBB_RESULT_JSON_H

#include <stdio.h>

#include "core/score.h"

void ebb_result_write_json(const ebb_result *r, FILE *out);

#endif
