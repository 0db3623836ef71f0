#include "core/replay.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const replay_channel_names[EBB_CH_COUNT] = {"pf", "abd", "breath"};

/* A cursor over one line of the text: fields are split at commas, with columns counted so
 * that messages can point at the field. */
typedef struct replay_reader {
    const char *text;
    size_t len, pos;
    unsigned line;
    ebb_diags *diags;
} replay_reader;

typedef struct replay_field {
    const char *start;
    size_t len;
    unsigned col;
} replay_field;

#define REPLAY_MAX_COLS 8

/* Returns false at the end of the text. Splits the next line into fields (trimmed). */
static bool replay_next_line(replay_reader *rd, replay_field *fields, size_t *nfields,
                             bool *comment)
{
    if (rd->pos >= rd->len) {
        return false;
    }
    const char *line = rd->text + rd->pos;
    size_t end = rd->pos;
    while (end < rd->len && rd->text[end] != '\n') {
        end++;
    }
    size_t line_len = end - rd->pos;
    if (line_len > 0 && line[line_len - 1] == '\r') {
        line_len--;
    }
    rd->pos = end + 1;
    rd->line++;

    size_t i = 0;
    while (i < line_len && (line[i] == ' ' || line[i] == '\t')) {
        i++;
    }
    *comment = (i == line_len) || line[i] == '#';
    *nfields = 0;
    if (*comment) {
        /* The comment's text as field 0, so the caller can read a `# ebb units=` line. */
        fields[0].start = line + i;
        fields[0].len = line_len - i;
        fields[0].col = (unsigned)(i + 1);
        return true;
    }
    size_t start = 0;
    for (size_t k = 0; k <= line_len; k++) {
        if (k == line_len || line[k] == ',') {
            size_t a = start, b = k;
            while (a < b && (line[a] == ' ' || line[a] == '\t')) {
                a++;
            }
            while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) {
                b--;
            }
            if (*nfields < REPLAY_MAX_COLS) {
                fields[*nfields].start = line + a;
                fields[*nfields].len = b - a;
                fields[*nfields].col = (unsigned)(a + 1);
            }
            (*nfields)++;
            start = k + 1;
        }
    }
    return true;
}

static bool replay_field_is(const replay_field *f, const char *name)
{
    return f->len == strlen(name) && memcmp(f->start, name, f->len) == 0;
}

/* Parses a whole field as a finite number. */
static bool replay_number(const replay_field *f, double *out)
{
    char buf[64];
    if (f->len == 0 || f->len >= sizeof buf) {
        return false;
    }
    memcpy(buf, f->start, f->len);
    buf[f->len] = '\0';
    char *endp = NULL;
    double v = strtod(buf, &endp);
    if (endp != buf + f->len || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

static bool replay_header(replay_reader *rd, const replay_field *fields, size_t n,
                          int *column_channel, ebb_replay *out)
{
    bool ok = true;
    if (n > REPLAY_MAX_COLS) {
        ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_LIMIT, rd->line, 1,
                      "header has %zu columns; at most %d are allowed", n, REPLAY_MAX_COLS);
        return false;
    }
    if (n == 0 || !replay_field_is(&fields[0], "t")) {
        ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_MISSING, rd->line, n ? fields[0].col : 1,
                      "the first column must be 't' (time in seconds), e.g. 't,pf'");
        ok = false;
    }
    for (size_t c = 1; c < n; c++) {
        int ch = -1;
        for (int k = 0; k < EBB_CH_COUNT; k++) {
            if (replay_field_is(&fields[c], replay_channel_names[k])) {
                ch = k;
            }
        }
        if (ch < 0) {
            ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, rd->line, fields[c].col,
                          "unknown column '%.*s'; expected pf, abd or breath",
                          (int)(fields[c].len > 40 ? 40 : fields[c].len), fields[c].start);
            ok = false;
        } else if (out->present & (1u << ch)) {
            ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_DUPLICATE, rd->line, fields[c].col,
                          "column '%s' appears twice", replay_channel_names[ch]);
            ok = false;
        } else {
            out->present = (uint8_t)(out->present | (1u << ch));
        }
        column_channel[c] = ch;
    }
    if (ok && n < 2) {
        ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_MISSING, rd->line, 1,
                      "no channel columns; add at least 'pf', e.g. 't,pf'");
        ok = false;
    }
    return ok;
}

/* `# ebb units=U[,U...]` before the header: units in column order (one for all). Other
 * `# ebb` keys (rate, channels) describe live devices and are ignored here. */
static bool replay_units_line(replay_reader *rd, const replay_field *f, ebb_unit *units,
                              size_t *unit_count)
{
    const char *prefix = "# ebb ";
    const size_t plen = strlen(prefix);
    if (f->len <= plen || memcmp(f->start, prefix, plen) != 0) {
        return true;
    }
    const char *p = f->start + plen, *end = f->start + f->len;
    while (p < end) {
        while (p < end && *p == ' ') {
            p++;
        }
        const char *word = p;
        while (p < end && *p != ' ') {
            p++;
        }
        if (p - word <= 6 || memcmp(word, "units=", 6) != 0) {
            continue;
        }
        *unit_count = 0;
        const char *u = word + 6;
        while (u < p) {
            const char *comma = memchr(u, ',', (size_t)(p - u));
            const char *uend = comma ? comma : p;
            char name[16];
            const size_t n = (size_t)(uend - u);
            ebb_unit unit = EBB_UNIT_NONE;
            if (n == 0 || n >= sizeof name) {
                name[0] = '\0';
            } else {
                memcpy(name, u, n);
                name[n] = '\0';
            }
            if (!name[0] || !ebb_unit_parse(name, &unit) || *unit_count >= REPLAY_MAX_COLS) {
                ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, rd->line,
                              f->col + (unsigned)(u - f->start),
                              "units: unknown unit '%.*s'; use none, uV, cmH2O, mmHg or hPa",
                              (int)(n > 20 ? 20 : n), u);
                return false;
            }
            units[(*unit_count)++] = unit;
            u = comma ? comma + 1 : p;
        }
    }
    return true;
}

static bool replay_grow(ebb_replay *r, size_t *cap)
{
    size_t ncap = *cap ? *cap * 2 : 1024;
    uint32_t *t = realloc(r->t_ms, ncap * sizeof *t);
    if (!t) {
        return false;
    }
    r->t_ms = t;
    for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
        if (r->present & (1u << ch)) {
            float *v = realloc(r->value[ch], ncap * sizeof *v);
            if (!v) {
                return false;
            }
            r->value[ch] = v;
        }
    }
    *cap = ncap;
    return true;
}

/* Parses one data row into row index r->count; returns false (with a message) if it is bad. */
static bool replay_row(replay_reader *rd, const replay_field *fields, size_t n, size_t ncols,
                       const int *column_channel, ebb_replay *r, double *last_t)
{
    if (n != ncols) {
        ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, rd->line, 1,
                      "row has %zu fields; the header names %zu", n, ncols);
        return false;
    }
    double t = 0.0;
    if (!replay_number(&fields[0], &t) || t < 0.0 || t > 86400.0) {
        ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, rd->line, fields[0].col,
                      "t: expected a time in seconds (0..86400), got '%.*s'",
                      (int)(fields[0].len > 40 ? 40 : fields[0].len), fields[0].start);
        return false;
    }
    if (r->count > 0 && !(t > *last_t)) {
        ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_ORDER, rd->line, fields[0].col,
                      "t: %.3f is not after the previous row's %.3f; times must increase", t,
                      *last_t);
        return false;
    }
    bool ok = true;
    for (size_t c = 1; c < n; c++) {
        double v = 0.0;
        int ch = column_channel[c];
        const bool effort = r->unit[ch] == EBB_UNIT_NONE;
        if (!replay_number(&fields[c], &v) || (effort && (v < 0.0 || v > 1.0)) ||
            (!effort && (v < -1e6 || v > 1e6))) {
            if (effort) {
                ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_RANGE, rd->line, fields[c].col,
                              "%s: expected effort 0..1, got '%.*s'", replay_channel_names[ch],
                              (int)(fields[c].len > 40 ? 40 : fields[c].len), fields[c].start);
            } else {
                ebb_diags_add(rd->diags, EBB_SEV_ERROR, EBB_D_RANGE, rd->line, fields[c].col,
                              "%s: expected a reading in %s, got '%.*s'", replay_channel_names[ch],
                              ebb_unit_name(r->unit[ch]),
                              (int)(fields[c].len > 40 ? 40 : fields[c].len), fields[c].start);
            }
            ok = false;
            continue;
        }
        r->value[ch][r->count] = (float)v;
    }
    if (ok) {
        r->t_ms[r->count] = (uint32_t)llround(t * 1000.0);
        *last_t = t;
    }
    return ok;
}

bool ebb_replay_parse(const char *text, size_t len, ebb_replay *out, ebb_diags *diags)
{
    memset(out, 0, sizeof *out);
    if (len > EBB_REPLAY_FILE_MAX) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, 0, 0,
                      "replay file is %zu bytes; the limit is %u", len, EBB_REPLAY_FILE_MAX);
        return false;
    }
    if (memchr(text, '\0', len)) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BINARY, 0, 0,
                      "this is not a text file (it contains NUL bytes)");
        return false;
    }
    replay_reader rd = {text, len, 0, 0, diags};
    replay_field fields[REPLAY_MAX_COLS];
    int column_channel[REPLAY_MAX_COLS] = {0};
    size_t n = 0, ncols = 0, cap = 0;
    bool comment = false, have_header = false, ok = true;
    double last_t = 0.0;
    const size_t errors_before = diags->errors;

    ebb_unit units[REPLAY_MAX_COLS] = {EBB_UNIT_NONE};
    size_t unit_count = 0;
    while (replay_next_line(&rd, fields, &n, &comment)) {
        if (comment) {
            if (!have_header && !replay_units_line(&rd, &fields[0], units, &unit_count)) {
                ok = false;
            }
            continue;
        }
        if (!have_header) {
            have_header = true;
            ncols = n;
            if (!replay_header(&rd, fields, n, column_channel, out)) {
                ok = false;
                break;
            }
            if (unit_count > 1 && unit_count != n - 1) {
                ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, rd.line, 1,
                              "units: %zu units for %zu channel columns; give one for all or "
                              "one per column", unit_count, n - 1);
                ok = false;
                break;
            }
            for (size_t c = 1; c < n; c++) {
                out->unit[column_channel[c]] = unit_count == 0   ? EBB_UNIT_NONE
                                               : unit_count == 1 ? units[0]
                                                                 : units[c - 1];
            }
            continue;
        }
        if (out->count >= EBB_REPLAY_ROWS_MAX) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, rd.line, 1,
                          "more than %u rows", EBB_REPLAY_ROWS_MAX);
            ok = false;
            break;
        }
        if (out->count == cap && !replay_grow(out, &cap)) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, rd.line, 0, "out of memory");
            ok = false;
            break;
        }
        if (replay_row(&rd, fields, n, ncols, column_channel, out, &last_t)) {
            out->count++;
        } else {
            ok = false;
        }
    }
    if (ok && !have_header) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_EMPTY, 0, 0,
                      "no header line; a replay starts with e.g. 't,pf'");
        ok = false;
    } else if (ok && out->count == 0) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_EMPTY, 0, 0, "no data rows after the header");
        ok = false;
    }
    if (!ok || diags->errors > errors_before) {
        ebb_replay_free(out);
        return false;
    }
    return true;
}

void ebb_replay_free(ebb_replay *r)
{
    free(r->t_ms);
    for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
        free(r->value[ch]);
    }
    memset(r, 0, sizeof *r);
}

uint32_t ebb_replay_end_ms(const ebb_replay *r)
{
    return r->count ? r->t_ms[r->count - 1] : 0;
}

ebb_frame ebb_replay_frame_at(const ebb_replay *r, uint32_t ms, size_t *cursor)
{
    ebb_frame f = {0};
    if (r->count == 0) {
        f.signal = EBB_SIGNAL_LOST;
        return f;
    }
    size_t i = *cursor;
    while (i + 1 < r->count && r->t_ms[i + 1] <= ms) {
        i++;
    }
    *cursor = i;
    f.present = r->present;
    f.signal = EBB_SIGNAL_OK;
    for (int ch = 0; ch < EBB_CH_COUNT; ch++) {
        if (r->value[ch]) {
            const float v = r->value[ch][i];
            const ebb_calib c = ebb_calib_default(r->unit[ch]);
            f.raw[ch] = v;
            f.env[ch] = v;
            f.effort[ch] = r->unit[ch] == EBB_UNIT_NONE ? v : ebb_calib_effort(&c, v);
        }
    }
    return f;
}
