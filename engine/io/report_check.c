/* The report's check table (report_check.h). */
#include "io/report_check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/history_db.h"

/* Oleksy et al. 2020, Medicine 99:e19060: sEMG of the pelvic floor in nulliparous women,
 * Glazer protocol; mean ± SD in µV. */
typedef struct reference {
    const char *name;
    double mean, sd;
} reference;

static const reference oleksy2020[5] = {
    {"Pre-baseline rest", 6.26, 3.33}, {"Phasic (quick) contractions", 49.76, 26.44},
    {"Tonic (10 s) contractions", 37.05, 25.99}, {"Endurance (60 s)", 16.10, 6.68},
    {"Post-baseline rest", 6.93, 3.99},
};

static double col_real(sqlite3_stmt *st, int c)
{
    return sqlite3_column_type(st, c) == SQLITE_NULL ? NAN : sqlite3_column_double(st, c);
}

/* The assessment's parts from the clinical metrics stored with the session ("assessment" in
 * its result JSON, docs/metrics.md): pre-rest mean, mean flick peak, mean hold amplitude,
 * endurance mean, post-rest mean, in effort (eff) and, when the session was played
 * calibrated, in the probe's unit (unit). False when the session has no such metrics (played
 * before they existed). */
static bool assessment_metrics(ebb_history *h, long long id, double eff[5], double unit[5],
                               char unit_name[16])
{
    static const char *const paths[5][2] = {
        {"$.assessment.pre_rest.mean", "$.assessment.pre_rest.mean_unit"},
        {"$.assessment.flick_peak", "$.assessment.flick_peak_unit"},
        {"$.assessment.hold_mean", "$.assessment.hold_mean_unit"},
        {"$.assessment.endurance_mean", "$.assessment.endurance_mean_unit"},
        {"$.assessment.post_rest.mean", "$.assessment.post_rest.mean_unit"},
    };
    sqlite3_stmt *st = NULL;
    if (ebb_hdb_prepare(h, "SELECT json_extract(result_json, '$.assessment') IS NOT NULL, "
                           "json_extract(result_json, ?2), json_extract(result_json, ?3), "
                           "COALESCE(json_extract(result_json, '$.assessment.unit'), '') "
                           "FROM sessions WHERE id = ?1 AND json_valid(result_json);",
                        &st) != SQLITE_OK) {
        return false;
    }
    bool present = false;
    for (int p = 0; p < 5; p++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, paths[p][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, paths[p][1], -1, SQLITE_STATIC);
        eff[p] = unit[p] = NAN;
        if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0)) {
            break;
        }
        present = true;
        eff[p] = col_real(st, 1);
        unit[p] = col_real(st, 2);
        const unsigned char *u = sqlite3_column_text(st, 3);
        snprintf(unit_name, 16, "%s", u ? (const char *)u : "");
    }
    ebb_hdb_finish(h, st);
    return present;
}

/* The assessment's parts from its steps (sessions stored before the clinical metrics): step
 * means, and flick peaks, in effort. */
static void assessment_steps(ebb_history *h, long long id, double eff[5])
{
    for (int p = 0; p < 5; p++) {
        eff[p] = NAN;
    }
    sqlite3_stmt *st = NULL;
    if (ebb_hdb_prepare(h, "SELECT kind, duration_s, mean, peak, reached FROM step_results "
                           "WHERE session_id = ?1 ORDER BY step_index;",
                        &st) != SQLITE_OK) {
        return;
    }
    sqlite3_bind_int64(st, 1, id);
    double sum[5] = {0}, cnt[5] = {0};
    int index = 0, last_rest = -1;
    double last_rest_mean = NAN;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        const double dur = sqlite3_column_double(st, 1), mean = col_real(st, 2);
        const double peak = col_real(st, 3);
        if (!sqlite3_column_int(st, 4) || !isfinite(mean) || kind == NULL) {
            index++;
            continue;
        }
        int part = -1;
        double v = mean;
        if (index == 0 && strcmp(kind, "rest") == 0) {
            part = 0;
        } else if (strcmp(kind, "flick") == 0) {
            part = 1;
            v = peak;
        } else if (strcmp(kind, "squeeze") == 0) {
            part = dur >= 30.0 ? 3 : 2;
        } else if (strcmp(kind, "rest") == 0) {
            last_rest = index;
            last_rest_mean = mean;
        }
        if (part >= 0 && isfinite(v)) {
            sum[part] += v;
            cnt[part] += 1;
        }
        index++;
    }
    ebb_hdb_finish(h, st);
    if (last_rest == index - 1 && isfinite(last_rest_mean)) {
        sum[4] = last_rest_mean;
        cnt[4] = 1;
    }
    for (int p = 0; p < 5; p++) {
        eff[p] = cnt[p] > 0 ? sum[p] / cnt[p] : NAN;
    }
}

/* The assessment next to the reference values: in µV when the session was played with a µV
 * calibration (the metrics' own µV values, or effort through the calibration in force), else
 * in % of the person's range. */
void ebb_report_check(ebb_history *h, long long id, const char *started, const char *cal_unit,
                      double cal_rest, double cal_mvc, FILE *o)
{
    double eff[5] = {NAN, NAN, NAN, NAN, NAN}, unit[5] = {NAN, NAN, NAN, NAN, NAN};
    char unit_name[16] = "";
    const bool metrics = assessment_metrics(h, id, eff, unit, unit_name);
    if (!metrics) {
        assessment_steps(h, id, eff);
        for (int p = 0; p < 5; p++) {
            unit[p] = NAN;
        }
    }
    const bool metrics_uv = metrics && strcmp(unit_name, "uV") == 0;
    const bool cal_uv = strcmp(cal_unit, "uV") == 0 && isfinite(cal_rest) && isfinite(cal_mvc);
    const bool uv = metrics_uv || cal_uv;
    fprintf(o, "<h3>Check of %.10s, %.5s UTC</h3><table><tr><th>part</th><th class=\"n\">%s</th>"
               "<th class=\"n\">reference, mean &plusmn; SD (&micro;V)</th></tr>\n",
            started, started + 11, uv ? "yours (&micro;V)" : "yours (% of your range)");
    for (int p = 0; p < 5; p++) {
        fprintf(o, "<tr><td>%s</td><td class=\"n\">", oleksy2020[p].name);
        if (metrics_uv && isfinite(unit[p])) {
            fprintf(o, "%.1f", unit[p]);
        } else if (uv && cal_uv && isfinite(eff[p])) {
            fprintf(o, "%.1f", cal_rest + eff[p] * (cal_mvc - cal_rest));
        } else if (!uv && isfinite(eff[p])) {
            fprintf(o, "%.0f %%", eff[p] * 100.0);
        } else {
            fputs("&ndash;", o);
        }
        fprintf(o, "</td><td class=\"n\">%.2f &plusmn; %.2f</td></tr>\n", oleksy2020[p].mean,
                oleksy2020[p].sd);
    }
    fputs("</table>\n", o);
    if (!metrics) {
        fputs("<p class=\"note\">Played before Ebb kept clinical metrics: from the means of "
              "its steps and the peaks of its quick squeezes.</p>\n", o);
    }
    if (!uv) {
        fputs("<p class=\"note\">This check was played without a calibrated EMG probe, so its "
              "values are shares of the person's own range, not microvolts; the reference "
              "values are in microvolts and are shown for orientation only.</p>\n", o);
    }
}

