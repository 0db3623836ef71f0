/* `ebb report --html FILE`: one self-contained HTML page for the person's therapist —
 * sessions and trends as inline SVG charts, the pack and how often it was practised,
 * assessment results beside published reference values (cited), every session in a table.
 * Nothing is fetched: no script, font, image or style sheet from anywhere. It prints on A4
 * and Letter (@page). Every text that came from a level, a pack or a probe is escaped. */
#ifndef EBB_REPORT_H
#define EBB_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "io/history.h"

typedef struct ebb_report_opts {
    const char *from; /* "YYYY-MM-DD" (UTC): sessions from this day; NULL: from the first */
    const char *to;   /* "YYYY-MM-DD": up to and including this day; NULL: to the last */
    time_t now;       /* when the report is made (shown on it) */
} ebb_report_opts;

/* True when s is a date the options accept. */
bool ebb_report_date_ok(const char *s);

/* Writes the page to o; *count is the number of sessions on it. False with a message when
 * the history cannot be read. */
bool ebb_report_html(ebb_history *h, const ebb_report_opts *opt, FILE *o, size_t *count,
                     char *err, size_t err_size);

#endif
