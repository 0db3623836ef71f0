#include "cli/cmd_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_pack.h"
#include "io/fileio.h"
#include "core/level.h"
#include "core/lex.h"

/* ---- --explain: a level as a readable timeline -------------------------------------------- */

/* A duration as a person would say it: 2min, 90s, 1.5s, 500ms. */
static const char *fmt_dur(uint32_t ms, char *buf, size_t size)
{
    if (ms >= 120000u && ms % 60000u == 0) { /* "60s" reads better than "1min" */
        snprintf(buf, size, "%umin", ms / 60000u);
    } else if (ms % 1000u == 0) {
        snprintf(buf, size, "%us", ms / 1000u);
    } else if (ms >= 1000u && ms % 100u == 0) {
        snprintf(buf, size, "%u.%us", ms / 1000u, ms % 1000u / 100u);
    } else {
        snprintf(buf, size, "%ums", ms);
    }
    return buf;
}

/* m:ss, rounded down: where in the level a line starts. */
static const char *fmt_clock(uint32_t ms, char *buf, size_t size)
{
    snprintf(buf, size, "%u:%02u", ms / 60000u, ms / 1000u % 60u);
    return buf;
}

/* One band end in percent, written the way the level file does ("rest+10%" or "45%").
 * Percentages are printed with at most one decimal and no trailing ".0". */
static const char *fmt_pct(float v, bool rel, char *buf, size_t size)
{
    /* Bands are 0..100 %, so tenths fit in a short: the bound also tells the compiler that
     * the text fits the buffer. */
    const float clamped = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
    const int tenths = (int)(clamped * 1000.0f + 0.5f) % 1001;
    if (tenths % 10 == 0) {
        snprintf(buf, size, "%s%d%%", rel ? "rest+" : "", tenths / 10);
    } else {
        snprintf(buf, size, "%s%d.%d%%", rel ? "rest+" : "", tenths / 10, tenths % 10);
    }
    return buf;
}

/* A band as "<20%", ">55%" or "45–85%". */
static const char *fmt_band(float lo, float hi, uint8_t rel, char *buf, size_t size)
{
    char a[32], b[32];
    if (lo <= 0.0f) {
        snprintf(buf, size, "<%s", fmt_pct(hi, rel & EBB_REL_REST_HI, b, sizeof b));
    } else if (hi >= 1.0f) {
        snprintf(buf, size, ">%s", fmt_pct(lo, rel & EBB_REL_REST_LO, a, sizeof a));
    } else {
        fmt_pct(lo, rel & EBB_REL_REST_LO, a, sizeof a);
        fmt_pct(hi, rel & EBB_REL_REST_HI, b, sizeof b);
        /* "45–85%": the first % is implied, as people write ranges. */
        size_t n = strlen(a);
        if (n > 0 && a[n - 1] == '%' && !(rel & EBB_REL_REST_LO)) {
            a[n - 1] = '\0';
        }
        snprintf(buf, size, "%s\xE2\x80\x93%s", a, b);
    }
    return buf;
}

static void print_step(const ebb_step *s, FILE *out)
{
    char d[24], band[64], band1[64];
    fprintf(out, "%s %s  ", ebb_step_kind_name(s->kind), fmt_dur(s->duration_ms, d, sizeof d));
    fmt_band(s->lo0, s->hi0, s->rest_rel, band, sizeof band);
    if (s->lo0 != s->lo1 || s->hi0 != s->hi1) {
        fmt_band(s->lo1, s->hi1, s->rest_rel, band1, sizeof band1);
        fprintf(out, "%s \xE2\x86\x92 %s", band, band1);
    } else {
        fprintf(out, "%s", band);
    }
    if (s->has_pf) {
        fprintf(out, " (pf %s)", fmt_band(s->pf_lo, s->pf_hi, 0, band, sizeof band));
    }
    fprintf(out, "  \"%s\"", s->caption);
}

/* Length of the repeat block starting at steps[i] if its iterations follow each other
 * exactly (same source lines, rep 1..reps); 0 when it is not a simple block. */
static size_t block_len(const ebb_level *lv, size_t i)
{
    const ebb_step *s = &lv->steps[i];
    if (s->reps < 2 || s->rep != 1) {
        return 0;
    }
    size_t k = 0;
    while (i + k < lv->step_count && lv->steps[i + k].reps == s->reps &&
           lv->steps[i + k].rep == 1) {
        k++;
    }
    if (i + k * s->reps > lv->step_count) {
        return 0;
    }
    for (size_t r = 1; r < s->reps; r++) {
        for (size_t m = 0; m < k; m++) {
            const ebb_step *t = &lv->steps[i + r * k + m];
            if (t->line != lv->steps[i + m].line || t->rep != r + 1 || t->reps != s->reps) {
                return 0;
            }
        }
    }
    return k;
}

static void explain(const ebb_level *lv, FILE *out)
{
    char buf[128], c[16];
    fprintf(out, "%s \xE2\x80\x94 \"%s\"\n", lv->id, lv->title);
    fprintf(out, "kind %s", ebb_level_kind_name(lv->kind));
    if (lv->character[0] != '\0') {
        fprintf(out, ", character %s", lv->character);
    }
    fprintf(out, ", pass %d star%s\n", lv->pass_stars, lv->pass_stars == 1 ? "" : "s");
    if (lv->description[0] != '\0') {
        fprintf(out, "%s\n", lv->description);
    }
    if (lv->flags != 0) {
        fprintf(out, "flags %s\n", ebb_level_flags_text(lv->flags, buf, sizeof buf));
    }
    fprintf(out, "\n");
    for (size_t i = 0; i < lv->step_count;) {
        const ebb_step *s = &lv->steps[i];
        size_t k = block_len(lv, i);
        fprintf(out, "  %5s  ", fmt_clock(s->start_ms, c, sizeof c));
        if (k == 0) {
            print_step(s, out);
            fprintf(out, "\n");
            i++;
            continue;
        }
        fprintf(out, "x%u [ ", (unsigned)s->reps);
        for (size_t m = 0; m < k; m++) {
            if (m > 0) {
                fprintf(out, " | ");
            }
            print_step(&lv->steps[i + m], out);
        }
        fprintf(out, " ]\n");
        i += k * s->reps;
    }
    fprintf(out, "\ntotal %s, %zu steps\n", fmt_clock(lv->total_ms, c, sizeof c),
            lv->step_count);
}

/* Each challenge the level defines (one, when it has no challenge lines), built as it would be
 * played: what its line changes and what comes of it (the first squeeze band, the breaths
 * and their out-breath, the lowest rest ceiling, the length). */
static void explain_challenges(const ebb_level *lv, const char *text, size_t len, FILE *out)
{
    fprintf(out, "\nchallenges\n");
    for (unsigned n = 1; n <= lv->challenge_count; n++) {
        ebb_level_parse_opts o = {.challenge = n};
        ebb_level built;
        ebb_diags d;
        ebb_diags_init(&d, "");
        if (!ebb_level_parse_ex(text, len, "", &o, &built, &d)) {
            continue;
        }
        char said[96] = "as written", c[16], band[64];
        if (n > 1) {
            ebb_level_challenge_text(&lv->challenges[n - 1], said, sizeof said);
        }
        float ceiling = 2.0f;
        const ebb_step *sq = NULL, *out_breath = NULL;
        unsigned breaths = 0;
        for (size_t i = 0; i < built.step_count; i++) {
            const ebb_step *s = &built.steps[i];
            if (s->kind == EBB_STEP_SQUEEZE && sq == NULL) {
                sq = s;
            } else if ((s->kind == EBB_STEP_REST || s->kind == EBB_STEP_RELEASE) && s->hi0 < ceiling) {
                ceiling = s->hi0;
            } else if (s->kind == EBB_STEP_BREATHE_OUT) {
                out_breath = out_breath ? out_breath : s;
                breaths++;
            }
        }
        fprintf(out, "  %u  %-40s", n, said);
        if (sq != NULL) {
            fprintf(out, "  squeeze %s %s", ebb_lex_fmt_ms(sq->duration_ms, c, sizeof c),
                    fmt_band(sq->lo0, sq->hi0, sq->rest_rel, band, sizeof band));
        }
        if (out_breath != NULL) {
            fprintf(out, "  breaths %u, out %s", breaths,
                    ebb_lex_fmt_ms(out_breath->duration_ms, c, sizeof c));
        }
        if (ceiling <= 1.0f) {
            fprintf(out, "  rest <%s", fmt_pct(ceiling, false, band, sizeof band));
        }
        fprintf(out, "  total %s\n", fmt_clock(built.total_ms, c, sizeof c));
        ebb_level_free(&built);
    }
}

/* ---- the command ------------------------------------------------------------------------ */

int ebb_cmd_check(const ebb_cli *cli)
{
    int rc = 0;
    for (int i = 0; i < cli->file_count; i++) {
        const char *path = cli->files[i];
        if (ebb_cmd_pack_is_pack_file(path)) {
            if (ebb_cmd_pack_check(path) != 0) {
                rc = 2;
            }
            continue;
        }
        ebb_diags diags;
        ebb_diags_init(&diags, path);
        char *text = NULL;
        size_t len = 0;
        ebb_level level;
        bool ok = ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, &diags) &&
                  ebb_level_parse(text, len, path, &level, &diags);
        ebb_diags_print(&diags, stderr);
        if (!ok) {
            free(text);
            rc = 2;
            continue;
        }
        if (cli->explain) {
            if (i > 0) {
                printf("\n");
            }
            explain(&level, stdout);
            explain_challenges(&level, text, len, stdout);
        }
        free(text);
        if (!cli->explain) {
            printf("%s: ok: %s, %zu steps, %u:%02u\n", path, level.id, level.step_count,
                   level.total_ms / 60000u, (level.total_ms / 1000u) % 60u);
        }
        ebb_level_free(&level);
    }
    return rc;
}
