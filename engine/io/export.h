/* `ebb export --csv DIR`: the history as CSV files a spreadsheet opens, one per table, each
 * with a header line:
 *   sessions.csv       one row per session (state, score, pack and program day, ...)
 *   level_results.csv  the level summary of each session (rest, release, holds, flicks)
 *   reps.csv           one row per step: each rep, rest and breath phase
 *   calibrations.csv   the probe calibrations in force when sessions were played
 * Every file is written through a temporary file, flushed to disk and renamed, 0600 in a
 * folder created 0700. Numbers are written so that they read back exactly (%.17g). */
#ifndef EBB_EXPORT_H
#define EBB_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "io/history.h"

#define EBB_EXPORT_FILES 4

/* The file names, in the order they are written. */
extern const char *const ebb_export_names[EBB_EXPORT_FILES];

/* Writes the four files into dir; rows[i] gets the data rows of file i (may be NULL). */
/* Writes one CSV field (RFC 4180): as it is, or quoted with inner quotes doubled when it holds
 * a comma, a quote or a line break. */
void ebb_csv_field(FILE *out, const char *s);

bool ebb_export_csv(ebb_history *h, const char *dir, size_t rows[EBB_EXPORT_FILES], char *err,
                    size_t err_size);

#endif
