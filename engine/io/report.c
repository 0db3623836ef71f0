/* The HTML report: queries, inline SVG charts and the page. */
#define _POSIX_C_SOURCE 200809L

#include "io/report.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/history_db.h"
#include "io/report_check.h"

typedef struct rsession {
    long long id;
    char started[EBB_HISTORY_TIME_MAX];
    char title[EBB_LEVEL_STRING_MAX + 1];
    char kind[16], state[EBB_HISTORY_STATE_MAX];
    char pack[EBB_HISTORY_NAME_MAX], pack_title[EBB_LEVEL_STRING_MAX + 1];
    int score, stars, day, steps_done, step_count;
    double minutes, rest_mean; /* rest_mean NaN when the level has no rest */
    char unit[16];
    double cal_rest, cal_mvc;  /* NaN without a calibration */
} rsession;

bool ebb_report_date_ok(const char *s)
{
    return s != NULL && strlen(s) == 10 && isdigit((unsigned char)s[0]) && s[4] == '-' &&
           s[7] == '-' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[8]);
}

/* Text from a level, a pack or a probe: always through here. */
static void esc(FILE *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&#39;", o); break;
        default: fputc(*s, o);
        }
    }
}

static double col_real(sqlite3_stmt *st, int c)
{
    return sqlite3_column_type(st, c) == SQLITE_NULL ? NAN : sqlite3_column_double(st, c);
}

static void col_text(sqlite3_stmt *st, int c, char *dst, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, c);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static int load_sessions(ebb_history *h, const ebb_report_opts *o, rsession **out, size_t *n)
{
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h,
        "SELECT s.id, s.started_at, s.title, s.kind, s.state, COALESCE(p.pack_id, ''),"
        " COALESCE(p.title, ''), s.score, s.stars, COALESCE(s.program_day, -1), s.steps_done,"
        " s.step_count, s.duration_s / 60.0, l.rest_mean, COALESCE(c.unit, ''), c.rest, c.mvc"
        " FROM sessions s LEFT JOIN packs p ON p.id = s.pack_ref"
        " LEFT JOIN level_results l ON l.session_id = s.id"
        " LEFT JOIN calibrations c ON c.id = s.calibration_id"
        " WHERE s.state != 'live' AND (?1 IS NULL OR s.started_at >= ?1)"
        " AND (?2 IS NULL OR s.started_at < date(?2, '+1 day'))"
        " ORDER BY s.started_at, s.id;", &st);
    if (rc != SQLITE_OK) {
        return rc;
    }
    if (o->from) {
        sqlite3_bind_text(st, 1, o->from, -1, SQLITE_TRANSIENT);
    }
    if (o->to) {
        sqlite3_bind_text(st, 2, o->to, -1, SQLITE_TRANSIENT);
    }
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            rsession *ns = realloc(*out, cap * sizeof *ns);
            if (ns == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = ns;
        }
        rsession *r = &(*out)[(*n)++];
        r->id = sqlite3_column_int64(st, 0);
        /* The page prints the date as stored (its first 10 characters, and 5 from the 12th).
         * A damaged history may hold a short date: the rest of the buffer is zeroed, so the
         * time part reads as empty instead of bytes never set (valgrind found it); and any
         * text: only the characters of a date are kept, so that it stays inert on the page. */
        memset(r->started, 0, sizeof r->started);
        col_text(st, 1, r->started, sizeof r->started);
        for (char *c = r->started; *c != '\0'; c++) {
            if (strchr("0123456789-:.+TZ ", *c) == NULL) {
                *c = '?';
            }
        }
        col_text(st, 2, r->title, sizeof r->title);
        col_text(st, 3, r->kind, sizeof r->kind);
        col_text(st, 4, r->state, sizeof r->state);
        col_text(st, 5, r->pack, sizeof r->pack);
        col_text(st, 6, r->pack_title, sizeof r->pack_title);
        r->score = sqlite3_column_int(st, 7);
        r->stars = sqlite3_column_int(st, 8);
        r->day = sqlite3_column_int(st, 9);
        r->steps_done = sqlite3_column_int(st, 10);
        r->step_count = sqlite3_column_int(st, 11);
        r->minutes = sqlite3_column_double(st, 12);
        r->rest_mean = col_real(st, 13);
        col_text(st, 14, r->unit, sizeof r->unit);
        r->cal_rest = col_real(st, 15);
        r->cal_mvc = col_real(st, 16);
    }
    ebb_hdb_finish(h, st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The number in the width digits at s + at; 0 where s is shorter or holds no digits there
 * (a damaged history may hold any text: atoi could overflow, or read past a short one). */
static int digits_at(const char *s, size_t at, size_t width)
{
    if (strlen(s) < at + width) {
        return 0;
    }
    int v = 0;
    for (size_t i = 0; i < width; i++) {
        const char c = s[at + i];
        if (c < '0' || c > '9') {
            return 0;
        }
        v = v * 10 + (c - '0');
    }
    return v;
}

/* Days since 1970 of "YYYY-MM-DD..." (UTC civil date). */
static long day_number(const char *iso)
{
    int y = digits_at(iso, 0, 4), m = digits_at(iso, 5, 2), d = digits_at(iso, 8, 2);
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int cmp_day(const void *a, const void *b)
{
    const long l = *(const long *)a, r = *(const long *)b;
    return (l > r) - (l < r);
}

/* Days since 1970 with the time of day as a fraction: sessions of one day side by side. */
static double day_time(const char *iso)
{
    const int hh = digits_at(iso, 11, 2), mm = digits_at(iso, 14, 2);
    return (double)day_number(iso) + ((double)hh + (double)mm / 60.0) / 24.0;
}

/* A damaged date can name day 99 of month 99 of year 9999, which is in year 10007: the text
 * then takes 11 characters, and strftime leaves a buffer too small for it unterminated. */
#define DAY_TEXT_MAX 24

static void day_text(long day, char out[DAY_TEXT_MAX])
{
    const time_t t = (time_t)day * 86400;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, DAY_TEXT_MAX, "%Y-%m-%d", &tm) == 0) {
        snprintf(out, DAY_TEXT_MAX, "?");
    }
}

#define SVG_W 640.0
#define SVG_H 180.0
#define SVG_L 52.0
#define SVG_R 12.0
#define SVG_T 12.0
#define SVG_B 34.0

/* A chart with axes: points (x = day, y) as a line with dots, or as bars. */
static void svg_chart(FILE *o, const char *label, const char *yunit, const double *x,
                      const double *y, size_t n, double x0, double x1, double y0, double y1,
                      bool bars)
{
    const double pw = SVG_W - SVG_L - SVG_R, ph = SVG_H - SVG_T - SVG_B;
    if (x1 <= x0) {
        x1 = x0 + 1.0;
    }
    fprintf(o, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
            SVG_W, SVG_H);
    esc(o, label);
    fputs("\">\n", o);
    for (int t = 0; t <= 4; t++) { /* y grid and labels */
        const double v = y0 + (y1 - y0) * t / 4.0, py = SVG_T + ph - ph * t / 4.0;
        fprintf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\" class=\"ytick\">%.3g</text>\n",
                SVG_L, py, SVG_L + pw, py, SVG_L - 6, py + 4, v);
    }
    fprintf(o, "<text x=\"12\" y=\"%.1f\" class=\"yunit\" transform=\"rotate(-90 12 %.1f)\">",
            SVG_T + ph / 2, SVG_T + ph / 2);
    esc(o, yunit);
    fputs("</text>\n", o);
    fprintf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>"
               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n",
            SVG_L, SVG_T, SVG_L, SVG_T + ph, SVG_L, SVG_T + ph, SVG_L + pw, SVG_T + ph);
    /* x labels: the first, middle and last day, each under the middle of its day. */
    const long first = (long)floor(x0), last = (long)ceil(x1) - 1, mid = (first + last) / 2;
    const long marks[3] = {first, mid, last};
    for (int t = 0; t < 3 && !(t == 1 && (mid == first || mid == last)); t++) {
        char d[DAY_TEXT_MAX];
        day_text(marks[t], d);
        fprintf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"xtick\">%s</text>\n",
                SVG_L + pw * ((double)marks[t] + 0.5 - x0) / (x1 - x0), SVG_H - 12, d);
    }
    const double bw = fmax(2.0, pw / (x1 - x0 + 1.0) * 0.7);
    if (!bars && n > 1) {
        fputs("<polyline class=\"line\" points=\"", o);
    }
    for (int pass = bars ? 1 : 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            if (!isfinite(y[i])) {
                continue;
            }
            const double px = SVG_L + pw * (x[i] - x0) / (x1 - x0);
            const double v = fmin(fmax(y[i], y0), y1);
            const double py = SVG_T + ph - ph * (v - y0) / (y1 - y0);
            if (pass == 0 && n > 1) {
                fprintf(o, "%.1f,%.1f ", px, py);
            } else if (pass == 1 && bars) {
                fprintf(o, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                           "height=\"%.1f\"/>\n", px - bw / 2, py, bw, SVG_T + ph - py);
            } else if (pass == 1) {
                fprintf(o, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>\n", px, py);
            }
        }
        if (pass == 0 && n > 1) {
            fputs("\"/>\n", o);
        }
    }
    fputs("</svg>\n", o);
}

static const char report_css[] =
    "body{font-family:sans-serif;color:#222;max-width:180mm;margin:12mm auto;"
    "line-height:1.4;font-size:11pt}"
    "h1{font-size:18pt;margin:0 0 2mm}h2{font-size:13pt;margin:6mm 0 2mm;"
    "border-bottom:1px solid #999;break-after:avoid}"
    ".note{color:#555;font-size:9.5pt}.chart{width:100%;height:auto;break-inside:avoid}"
    ".grid{stroke:#ddd}.axis{stroke:#444}.line{fill:none;stroke:#2a6f97;stroke-width:2}"
    ".dot{fill:#2a6f97}.bar{fill:#5a9e6f}.ytick{font-size:10px;text-anchor:end;fill:#444}"
    ".xtick,.yunit{font-size:10px;fill:#444;text-anchor:middle}"
    "table{border-collapse:collapse;width:100%;font-size:9.5pt}"
    "th,td{border-bottom:1px solid #ccc;padding:1mm 2mm;text-align:left}"
    "td.n,th.n{text-align:right}tr{break-inside:avoid}figure{margin:0;break-inside:avoid}"
    "figcaption{font-size:10pt;color:#333}"
    "h3{font-size:11pt;margin:4mm 0 1mm}"
    "@page{margin:12mm}@media print{body{margin:0 auto;font-size:10pt}}";

static void stars_text(FILE *o, int stars)
{
    for (int i = 0; i < 3; i++) {
        fputs(i < stars ? "&#9733;" : "&#9734;", o);
    }
}

bool ebb_report_html(ebb_history *h, const ebb_report_opts *opt, FILE *o, size_t *count,
                     char *err, size_t err_size)
{
    rsession *s = NULL;
    size_t n = 0;
    int rc = h->empty ? SQLITE_OK : load_sessions(h, opt, &s, &n);
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        free(s);
        return false;
    }
    *count = n;
    char made[EBB_HISTORY_TIME_MAX];
    ebb_history_time(opt->now, made);
    fprintf(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width\">"
               "<title>Ebb practice report</title><style>%s</style></head><body>\n",
            report_css);
    fputs("<h1>Ebb practice report</h1>\n<p class=\"note\">", o);
    if (n > 0) {
        fprintf(o, "Sessions from %.10s to %.10s. ", s[0].started, s[n - 1].started);
    }
    fprintf(o, "Made on %.10s from the history kept on the person's own computer. Ebb is a "
               "training aid, not a medical device.</p>\n", made);
    if (n == 0) {
        fputs("<p>No sessions in this period.</p></body></html>\n", o);
        free(s);
        return true;
    }
    /* The days played, in order. The sessions come sorted by the text of their date, and a
     * damaged history may hold any text there, so the days are sorted on their own. */
    long *days = malloc(n * sizeof *days);
    double *x = calloc(n, sizeof *x);
    double *y = calloc(n, sizeof *y);
    if (days == NULL || x == NULL || y == NULL) {
        free(days);
        free(x);
        free(y);
        free(s);
        ebb_hdb_say(err, err_size, "out of memory");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        days[i] = day_number(s[i].started);
    }
    qsort(days, n, sizeof *days, cmp_day);
    /* Summary. */
    const long d0 = days[0], d1 = days[n - 1];
    long days_played = 0;
    size_t done = 0, cut = 0;
    double minutes = 0;
    for (size_t i = 0; i < n; i++) {
        days_played += i == 0 || days[i] != days[i - 1];
        done += strcmp(s[i].state, "done") == 0;
        cut += strcmp(s[i].state, "interrupted") == 0;
        minutes += s[i].minutes;
    }
    fprintf(o, "<h2>Summary</h2><p>%zu sessions on %ld of %ld days, %.0f minutes of practice. "
               "%zu played to the end", n, days_played, d1 - d0 + 1, minutes, done);
    if (cut) {
        fprintf(o, "; %zu cut off by a crash or power cut (their completed steps are kept)", cut);
    }
    fputs(".</p>\n", o);
    /* Scores. */
    for (size_t i = 0; i < n; i++) {
        x[i] = day_time(s[i].started);
        y[i] = s[i].score;
    }
    fputs("<h2>Trends</h2><figure>", o);
    svg_chart(o, "Score of each session", "score (0-100)", x, y, n, (double)d0,
              (double)d1 + 1.0, 0, 100, false);
    fputs("<figcaption>Score of each session (0&ndash;100), by day.</figcaption></figure>\n", o);
    /* Rest. */
    size_t m = 0;
    double rmax = 0.2;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(s[i].rest_mean)) {
            x[m] = day_time(s[i].started);
            y[m] = s[i].rest_mean * 100.0;
            rmax = fmax(rmax, s[i].rest_mean);
            m++;
        }
    }
    if (m > 0) {
        fputs("<figure>", o);
        svg_chart(o, "Mean rest level", "rest (% of range)", x, y, m, (double)d0,
                  (double)d1 + 1.0, 0, ceil(rmax * 10.0) * 10.0, false);
        fputs("<figcaption>Mean level during rest and release steps, as a share of the "
              "person's range (lower and steadier is more relaxed).</figcaption></figure>\n", o);
    }
    /* Sessions per day: a bar for each day played (a day without sessions has no bar, so a
     * damaged date years away costs nothing but the width of the axis). */
    size_t ndays = 0;
    double ymax = 1;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || days[i] != days[i - 1]) {
            x[ndays] = (double)days[i] + 0.5; /* a bar in the middle of its day */
            y[ndays++] = 0;
        }
        y[ndays - 1] += 1;
        ymax = fmax(ymax, y[ndays - 1]);
    }
    fputs("<figure>", o);
    svg_chart(o, "Sessions per day", "sessions", x, y, ndays, (double)d0, (double)d1 + 1.0, 0,
              4.0 * ceil(ymax / 4.0), true);
    fputs("<figcaption>Sessions played each day.</figcaption></figure>\n", o);
    free(days);
    free(x);
    free(y);
    /* The pack and adherence. */
    fputs("<h2>Pack and practice</h2>\n", o);
    bool any_pack = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i].pack[0] == '\0') {
            continue;
        }
        bool seen = false;
        for (size_t j = 0; j < i; j++) {
            seen = seen || strcmp(s[j].pack, s[i].pack) == 0;
        }
        if (seen) {
            continue;
        }
        any_pack = true;
        long pdays = 0, plast = 0, first = 0, last = 0;
        size_t pn = 0;
        for (size_t j = i; j < n; j++) {
            if (strcmp(s[j].pack, s[i].pack) != 0) {
                continue;
            }
            /* A damaged date may be out of order, or before 1970: the span is from the
             * earliest day to the latest, and never holds fewer days than were played. */
            const long d = day_number(s[j].started);
            pdays += pn == 0 || d != plast;
            plast = d;
            first = pn == 0 || d < first ? d : first;
            last = pn == 0 || d > last ? d : last;
            pn++;
        }
        pdays = pdays < last - first + 1 ? pdays : last - first + 1;
        fputs("<p>Pack <b>", o);
        esc(o, s[i].pack_title[0] ? s[i].pack_title : s[i].pack);
        fputs("</b> (", o);
        esc(o, s[i].pack);
        fprintf(o, "): %zu sessions on %ld of the %ld days from its first to its last session "
                   "here (%.0f %% of days)", pn, pdays, last - first + 1,
                100.0 * (double)pdays / (double)(last - first + 1));
        if (s[i].day >= 0) {
            fprintf(o, "; day %d of its program at the first of them", s[i].day + 1);
        }
        fputs(".</p>\n", o);
    }
    if (!any_pack) {
        fputs("<p>No therapist's pack was active during these sessions.</p>\n", o);
    }
    /* Assessment. */
    bool any_check = false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s[i].kind, "assessment") != 0 || s[i].steps_done == 0) {
            continue;
        }
        if (!any_check) {
            fputs("<h2>Pelvic floor checks</h2>\n", o);
        }
        any_check = true;
        ebb_report_check(h, s[i].id, s[i].started, s[i].unit, s[i].cal_rest, s[i].cal_mvc, o);
    }
    if (any_check) {
        fputs("<p class=\"note\">Reference: Oleksy &Lstrok;, et al. "
              "Normative values for Glazer Protocol in the evaluation of pelvic floor muscle "
              "bioelectrical activity. <i>Medicine</i> 2020;99:e19060 &mdash; healthy "
              "nulliparous women, Glazer protocol, surface EMG, mean &plusmn; SD in "
              "&micro;V. Absolute values differ between devices and electrodes; compare a "
              "person mostly with their own earlier checks.</p>\n", o);
    }
    /* Every session. */
    fputs("<h2>Sessions</h2><table><thead><tr><th>date (UTC)</th><th>level</th>"
          "<th>how it went</th><th class=\"n\">steps</th><th class=\"n\">score</th>"
          "<th>stars</th><th class=\"n\">min</th></tr></thead><tbody>\n", o);
    for (size_t i = 0; i < n; i++) {
        const rsession *r = &s[i];
        fprintf(o, "<tr><td>%.10s %.5s</td><td>", r->started, r->started + 11);
        esc(o, r->title);
        fprintf(o, "</td><td>%s</td><td class=\"n\">%d/%d</td><td class=\"n\">%d</td><td>",
                strcmp(r->state, "done") == 0      ? "finished"
                : strcmp(r->state, "stopped") == 0 ? "stopped early"
                                                   : "cut off",
                r->steps_done, r->step_count, r->score);
        stars_text(o, r->stars);
        fprintf(o, "</td><td class=\"n\">%.1f</td></tr>\n", r->minutes);
    }
    fputs("</tbody></table>\n</body></html>\n", o);
    free(s);
    return true;
}
