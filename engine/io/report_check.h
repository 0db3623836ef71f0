/* The report's table of a pelvic floor check (the Glazer-style assessment) next to published
 * reference values (Oleksy et al. 2020), cited. Values come from the check's stored clinical
 * metrics (its result JSON's "assessment"), or, for checks stored before those existed, from
 * its step means and flick peaks; in µV with a µV calibration, else in % of the person's range.
 * Inside engine/io: report.c calls it. */
#ifndef EBB_REPORT_CHECK_H
#define EBB_REPORT_CHECK_H

#include <stdio.h>

#include "io/history.h"

/* cal_unit, cal_rest, cal_mvc: the calibration in force ("" and NaN without one). */
void ebb_report_check(ebb_history *h, long long id, const char *started, const char *cal_unit,
                      double cal_rest, double cal_mvc, FILE *o);

#endif
