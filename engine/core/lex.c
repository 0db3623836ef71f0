#include "core/lex.h"

#include <stdio.h>
#include <string.h>

#include "core/frame.h"

/* The tick durations are rounded to (frame.h); unsigned, for exact integer arithmetic. */
#define EBB_LEX_TICK_MS ((unsigned)EBB_TICK_MS)

/* ---- whole-text checks ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not valid: overlong forms,
 * surrogates and code points above U+10FFFF are refused, as RFC 3629 says. */
static size_t utf8_seq_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    unsigned min;
    if (c < 0x80u) {
        return 1;
    } else if (c >= 0xC2u && c <= 0xDFu) {
        n = 2;
        min = 0x80u;
    } else if (c >= 0xE0u && c <= 0xEFu) {
        n = 3;
        min = 0x800u;
    } else if (c >= 0xF0u && c <= 0xF4u) {
        n = 4;
        min = 0x10000u;
    } else {
        return 0;
    }
    if ((size_t)(end - p) < n) {
        return 0;
    }
    unsigned cp = c & (0x3Fu >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0u) != 0x80u) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu)) {
        return 0;
    }
    return n;
}

bool ebb_lex_check_text(const char *text, size_t len, ebb_diags *diags)
{
    return ebb_lex_check_text_at(text, len, 1, diags);
}

bool ebb_lex_check_text_at(const char *text, size_t len, unsigned first_line,
                           ebb_diags *diags)
{
    if (len > EBB_LEVEL_FILE_MAX) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, 0, 0,
                      "file is %zu bytes; the limit is 256 KiB (%u bytes)", len,
                      EBB_LEVEL_FILE_MAX);
        return false;
    }
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + len;
    unsigned line = first_line, col = 1;
    /* Notepad's "Unicode" is UTF-16: say so, rather than "NUL byte" at column 2. */
    if (len >= 2 && ((p[0] == 0xFFu && p[1] == 0xFEu) || (p[0] == 0xFEu && p[1] == 0xFFu))) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BINARY, line, 1,
                      "the file is UTF-16 text; save it as UTF-8");
        return false;
    }
    while (p < end) {
        if (*p == 0) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BINARY, line, col,
                          "NUL byte: this looks like a binary file, not level text");
            return false;
        }
        size_t n = utf8_seq_len(p, end);
        if (n == 0) {
            ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_BINARY, line, col,
                          "invalid UTF-8 (byte 0x%02X): save the file as UTF-8 text", *p);
            return false;
        }
        if (*p == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        p += n;
    }
    return true;
}

/* ---- the lexer -------------------------------------------------------------------------- */

void ebb_lex_init(ebb_lex *lx, const char *text, size_t len, ebb_diags *diags)
{
    memset(lx, 0, sizeof *lx);
    lx->p = text;
    lx->end = text + len;
    /* A UTF-8 byte order mark is what some Windows editors write first; it is not content. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        lx->p += 3;
    }
    lx->line = 1;
    lx->col = 1;
    lx->line_start = true;
    lx->diags = diags;
}

void ebb_lex_set_line(ebb_lex *lx, unsigned line)
{
    lx->line = line;
}

void ebb_lex_jump(ebb_lex *lx, const char *p, unsigned line)
{
    lx->p = p;
    lx->line = line;
    lx->col = 1;
    lx->line_start = true;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_word_char(char c)
{
    return is_alpha(c) || is_digit(c) || c == '_' || c == '-' || c == '/';
}

/* Moves one byte on; columns count characters, so UTF-8 continuation bytes add nothing. */
static void advance(ebb_lex *lx)
{
    if (((unsigned char)*lx->p & 0xC0u) != 0x80u) {
        lx->col++;
    }
    lx->p++;
}

static void error_at(ebb_lex *lx, ebb_token *tok, ebb_diag_code code, unsigned col,
                     const char *what)
{
    ebb_diags_add(lx->diags, EBB_SEV_ERROR, code, tok->line, col, "%s", what);
    tok->kind = EBB_TOK_ERROR;
}

static void check_line_length(ebb_lex *lx, ebb_token *tok)
{
    size_t chars = 0;
    for (const char *q = lx->p; q < lx->end && *q != '\n'; q++) {
        if (((unsigned char)*q & 0xC0u) != 0x80u && *q != '\r') {
            chars++;
        }
    }
    if (chars > EBB_LEVEL_LINE_MAX) {
        ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, lx->line,
                      EBB_LEVEL_LINE_MAX + 1, "line is %zu characters long; the limit is %u",
                      chars, EBB_LEVEL_LINE_MAX);
        tok->kind = EBB_TOK_ERROR;
    }
}

static void lex_number(ebb_lex *lx, ebb_token *tok)
{
    if (*lx->p == '-') {
        tok->negative = true;
        advance(lx);
    }
    unsigned int_digits = 0;
    while (lx->p < lx->end && is_digit(*lx->p)) {
        tok->mantissa = tok->mantissa * 10u + (uint64_t)(*lx->p - '0');
        int_digits++;
        advance(lx);
        if (int_digits > EBB_LEX_DIGITS_MAX) {
            break;
        }
    }
    /* "1.5" is a fraction; "1..5" is a number followed by a range. */
    if (lx->p + 1 < lx->end && lx->p[0] == '.' && is_digit(lx->p[1])) {
        advance(lx);
        while (lx->p < lx->end && is_digit(*lx->p) && tok->frac_digits <= EBB_LEX_FRAC_MAX) {
            tok->mantissa = tok->mantissa * 10u + (uint64_t)(*lx->p - '0');
            tok->frac_digits++;
            advance(lx);
        }
    }
    if (int_digits > EBB_LEX_DIGITS_MAX || tok->frac_digits > EBB_LEX_FRAC_MAX ||
        (lx->p < lx->end && is_digit(*lx->p))) {
        while (lx->p < lx->end && (is_digit(*lx->p) || *lx->p == '.')) {
            advance(lx);
        }
        error_at(lx, tok, EBB_D_SYNTAX, tok->col, "number has too many digits");
        return;
    }
    tok->unit = lx->p;
    while (lx->p < lx->end && (is_alpha(*lx->p) || *lx->p == '%')) {
        advance(lx);
    }
    tok->unit_len = (size_t)(lx->p - tok->unit);
    tok->kind = EBB_TOK_NUMBER;
    if (tok->unit_len == 0) {
        const char *q = lx->p;
        tok->decimal_comma = q + 1 < lx->end && q[0] == ',' && is_digit(q[1]);
        while (q < lx->end && (*q == ' ' || *q == '\t')) {
            q++;
        }
        tok->unit_after_space = q > lx->p && q < lx->end && is_alpha(*q);
    }
}

static void lex_string(ebb_lex *lx, ebb_token *tok)
{
    advance(lx); /* the opening quote */
    size_t bytes = 0;
    bool bad_escape = false;
    for (;;) {
        if (lx->p >= lx->end || *lx->p == '\n' ||
            (*lx->p == '\r' && (lx->p + 1 >= lx->end || lx->p[1] == '\n'))) {
            error_at(lx, tok, EBB_D_SYNTAX, tok->col,
                     "unterminated string: add the closing '\"' on the same line");
            return;
        }
        char c = *lx->p;
        if (c == '"') {
            advance(lx);
            break;
        }
        if (c == '\\') {
            unsigned esc_col = lx->col;
            advance(lx);
            if (lx->p < lx->end && (*lx->p == '"' || *lx->p == '\\')) {
                c = *lx->p;
            } else if (!bad_escape) {
                bad_escape = true;
                ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, lx->line, esc_col,
                              "unknown escape in string: only \\\" and \\\\ are allowed");
                continue;
            } else {
                continue;
            }
        }
        if (bytes < EBB_LEVEL_STRING_MAX) {
            tok->str[bytes] = c;
        }
        bytes++;
        advance(lx);
    }
    if (bad_escape) {
        tok->kind = EBB_TOK_ERROR;
        return;
    }
    if (bytes > EBB_LEVEL_STRING_MAX) {
        ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_TOO_BIG, tok->line, tok->col,
                      "string is %zu bytes long; the limit is %u", bytes,
                      EBB_LEVEL_STRING_MAX);
        tok->kind = EBB_TOK_ERROR;
        return;
    }
    tok->str[bytes] = '\0';
    tok->str_len = bytes;
    tok->kind = EBB_TOK_STRING;
}

static void lex_unexpected(ebb_lex *lx, ebb_token *tok)
{
    unsigned char c = (unsigned char)*lx->p;
    if (c < 0x20u || c == 0x7Fu) {
        ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, tok->line, tok->col,
                      "unexpected control character 0x%02X", c);
    } else if (c == '/' && lx->p + 1 < lx->end && lx->p[1] == '/') {
        ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, tok->line, tok->col,
                      "unexpected '//': comments start with '#'");
    } else if (c == ':' || c == '=') {
        ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, tok->line, tok->col,
                      "unexpected '%c': write a name and its value with a space between, "
                      "e.g. %s",
                      c, c == ':' ? "kind breathing" : "band 25%..45%");
    } else {
        /* Quote the whole UTF-8 character, not just its first byte. */
        size_t n = 1;
        while (lx->p + n < lx->end && n < 4 && ((unsigned char)lx->p[n] & 0xC0u) == 0x80u) {
            n++;
        }
        ebb_diags_add(lx->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, tok->line, tok->col,
                      "unexpected character '%.*s'", (int)n, lx->p);
    }
    tok->kind = EBB_TOK_ERROR;
}

static void skip_blanks_and_comment(ebb_lex *lx)
{
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r')) {
        advance(lx);
    }
    if (lx->p < lx->end && *lx->p == '#') {
        while (lx->p < lx->end && *lx->p != '\n') {
            advance(lx);
        }
    }
}

void ebb_lex_next(ebb_lex *lx, ebb_token *tok)
{
    memset(tok, 0, sizeof *tok);
    tok->line = lx->line;
    tok->col = lx->col;
    if (lx->line_start) {
        lx->line_start = false;
        check_line_length(lx, tok);
        if (tok->kind == EBB_TOK_ERROR) {
            return;
        }
    }
    skip_blanks_and_comment(lx);
    tok->text = lx->p;
    tok->line = lx->line;
    tok->col = lx->col;
    if (lx->p >= lx->end) {
        /* Give the last line its end even when the file does not end in a newline. */
        tok->kind = lx->col > 1 ? EBB_TOK_EOL : EBB_TOK_EOF;
        lx->col = 1;
        return;
    }
    char c = *lx->p;
    if (c == '\n') {
        lx->p++;
        lx->line++;
        lx->col = 1;
        lx->line_start = true;
        tok->kind = EBB_TOK_EOL;
    } else if (is_alpha(c) || c == '_') {
        while (lx->p < lx->end && is_word_char(*lx->p)) {
            advance(lx);
        }
        tok->kind = EBB_TOK_WORD;
    } else if (is_digit(c) || (c == '-' && lx->p + 1 < lx->end && is_digit(lx->p[1]))) {
        lex_number(lx, tok);
    } else if (c == '"') {
        lex_string(lx, tok);
    } else if (c == '.' && lx->p + 1 < lx->end && lx->p[1] == '.') {
        advance(lx);
        advance(lx);
        tok->kind = EBB_TOK_RANGE;
    } else if (c == ',') {
        advance(lx);
        tok->kind = EBB_TOK_COMMA;
    } else if (c == '+') {
        advance(lx);
        tok->kind = EBB_TOK_PLUS;
    } else {
        lex_unexpected(lx, tok);
    }
    tok->len = (size_t)(lx->p - tok->text);
}

void ebb_lex_raw(ebb_lex *lx, ebb_token *tok)
{
    memset(tok, 0, sizeof *tok);
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t')) {
        advance(lx);
    }
    tok->kind = EBB_TOK_RAW;
    tok->text = lx->p;
    tok->line = lx->line;
    tok->col = lx->col;
    while (lx->p < lx->end && *lx->p != ' ' && *lx->p != '\t' && *lx->p != '\r' &&
           *lx->p != '\n' && *lx->p != '#') {
        advance(lx);
    }
    tok->len = (size_t)(lx->p - tok->text);
}

void ebb_lex_skip_line(ebb_lex *lx)
{
    while (lx->p < lx->end && *lx->p != '\n') {
        advance(lx);
    }
    lx->line_start = false;
}

/* ---- token helpers ---------------------------------------------------------------------- */

bool ebb_tok_is(const ebb_token *tok, const char *s)
{
    size_t n = strlen(s);
    return tok->kind == EBB_TOK_WORD && tok->len == n && memcmp(tok->text, s, n) == 0;
}

bool ebb_tok_unit_is(const ebb_token *tok, const char *u)
{
    size_t n = strlen(u);
    return tok->kind == EBB_TOK_NUMBER && tok->unit_len == n && memcmp(tok->unit, u, n) == 0;
}

const char *ebb_lex_quote(const char *text, size_t len, char *buf, size_t size)
{
    size_t n = len;
    if (size < 8) {
        if (size > 0) {
            buf[0] = '\0';
        }
        return buf;
    }
    if (n >= size) {
        /* Cut on a character boundary so the message stays valid UTF-8. */
        n = size - 4;
        while (n > 0 && ((unsigned char)text[n] & 0xC0u) == 0x80u) {
            n--;
        }
        memcpy(buf, text, n);
        memcpy(buf + n, "...", 4);
        return buf;
    }
    if (n > 0) {
        memcpy(buf, text, n);
    }
    buf[n] = '\0';
    return buf;
}

const char *ebb_tok_text(const ebb_token *tok, char *buf, size_t size)
{
    return ebb_lex_quote(tok->text, tok->len, buf, size);
}

/* ---- token values ----------------------------------------------------------------------- */

static bool at_end(const ebb_token *t)
{
    return t->kind == EBB_TOK_EOL || t->kind == EBB_TOK_EOF;
}

static const uint64_t pow10_table[EBB_LEX_FRAC_MAX + 1] = {1,     10,     100,    1000,
                                                           10000, 100000, 1000000};

static double number_value(const ebb_token *t)
{
    double v = (double)t->mantissa / (double)pow10_table[t->frac_digits];
    return t->negative ? -v : v;
}

const char *ebb_lex_fmt_ms(uint32_t ms, char *buf, size_t size)
{
    /* Seconds even past a minute: "90s" reads more exactly than "1.5min". */
    if (ms % 1000u == 0) {
        snprintf(buf, size, "%us", ms / 1000u);
    } else {
        snprintf(buf, size, "%ums", ms);
    }
    return buf;
}

bool ebb_tok_count(const ebb_token *t, ebb_diags *d, const char *what, unsigned min,
                   unsigned max, unsigned *out)
{
    char tb[48];
    if (t->kind == EBB_TOK_ERROR) {
        return false; /* already reported */
    }
    if (at_end(t)) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, t->line, t->col,
                      "'%s' needs a whole number %u..%u", what, min, max);
        return false;
    }
    ebb_tok_text(t, tb, sizeof tb);
    if (t->kind != EBB_TOK_NUMBER || t->unit_len > 0 || t->frac_digits > 0 || t->negative) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_BAD_VALUE, t->line, t->col,
                      "%s %s: must be a whole number %u..%u", what, tb, min, max);
        return false;
    }
    if (t->mantissa < min || t->mantissa > max) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, t->line, t->col, "%s %s: must be %u..%u",
                      what, tb, min, max);
        return false;
    }
    *out = (unsigned)t->mantissa;
    return true;
}

/* Shared checks of a number that must carry `unit`; `kind` names the value in messages. */
static bool check_unit(const ebb_token *t, ebb_diags *d, const char *what, const char *kind,
                       const char *example, bool unit_ok)
{
    char tb[48];
    if (t->kind == EBB_TOK_ERROR) {
        return false; /* already reported */
    }
    if (at_end(t)) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, t->line, t->col,
                      "'%s' needs a %s, e.g. %s %s", what, kind, what, example);
        return false;
    }
    ebb_tok_text(t, tb, sizeof tb);
    if (t->kind != EBB_TOK_NUMBER) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_BAD_VALUE, t->line, t->col,
                      "'%s' needs a %s like %s, not '%s'", what, kind, example, tb);
        return false;
    }
    if (t->unit_len == 0) {
        const char *hint = t->decimal_comma      ? " (decimals take a point: 1.5, not 1,5)"
                           : t->unit_after_space ? " (no space before the unit)"
                                                 : "";
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_BAD_VALUE, t->line, t->col,
                      "%s %s: the %s has no unit; write it like %s%s", what, tb, kind, example,
                      hint);
        return false;
    }
    if (!unit_ok) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_BAD_VALUE, t->line, t->col,
                      "%s %s: unknown unit '%.*s'; write the %s like %s", what, tb,
                      (int)t->unit_len, t->unit, kind, example);
        return false;
    }
    return true;
}

bool ebb_tok_duration(const ebb_token *t, ebb_diags *d, const char *what, uint32_t min_ms,
                      uint32_t max_ms, uint32_t *out)
{
    char tb[48], a[24], b[24];
    bool secs = ebb_tok_unit_is(t, "s");
    bool mins = ebb_tok_unit_is(t, "min");
    if (!check_unit(t, d, what, "duration", "4s, 500ms or 2min",
                    secs || mins || ebb_tok_unit_is(t, "ms"))) {
        return false;
    }
    ebb_tok_text(t, tb, sizeof tb);
    /* Exact integer arithmetic in num/den milliseconds: 1.5s is exactly 1500 ms, and no float
     * rounding can move a duration by a tick. */
    uint64_t den = pow10_table[t->frac_digits];
    uint64_t num = t->mantissa * (mins ? 60000u : secs ? 1000u : 1u);
    if (t->negative || t->mantissa > UINT64_C(100000000000000) || num < min_ms * den ||
        num > max_ms * den) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, t->line, t->col, "%s %s: must be %s..%s",
                      what, tb, ebb_lex_fmt_ms(min_ms, a, sizeof a),
                      ebb_lex_fmt_ms(max_ms, b, sizeof b));
        return false;
    }
    uint64_t tick = (uint64_t)EBB_LEX_TICK_MS * den;
    uint32_t ms = (uint32_t)((num + tick / 2) / tick * EBB_LEX_TICK_MS);
    if (num % tick != 0) {
        ebb_diags_add(d, EBB_SEV_WARNING, EBB_D_STYLE, t->line, t->col,
                      "%s %s is not a whole number of %u ms ticks; rounded to %s", what, tb,
                      EBB_LEX_TICK_MS, ebb_lex_fmt_ms(ms, a, sizeof a));
    }
    *out = ms;
    return true;
}

bool ebb_tok_percent(const ebb_token *t, ebb_diags *d, const char *what, double min,
                     double max, float *out)
{
    char tb[48];
    if (!check_unit(t, d, what, "percentage", "40%", ebb_tok_unit_is(t, "%"))) {
        return false;
    }
    double v = number_value(t);
    if (v < min || v > max) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_RANGE, t->line, t->col, "%s %s: must be %g%%..%g%%",
                      what, ebb_tok_text(t, tb, sizeof tb), min, max);
        return false;
    }
    *out = (float)(v / 100.0);
    return true;
}

/* ---- suggestions ------------------------------------------------------------------------ */

#define SUGGEST_LEN_MAX 32u

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static size_t min2(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Optimal string alignment distance, case-insensitive: a swapped pair of letters ("titel")
 * is one edit, the commonest typing slip. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[SUGGEST_LEN_MAX + 1][SUGGEST_LEN_MAX + 1];
    for (size_t i = 0; i <= la; i++) {
        d[i][0] = i;
    }
    for (size_t j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0u : 1u;
            size_t best = min2(min2(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1])) {
                best = min2(best, d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *ebb_lex_suggest(const char *word, size_t len, const char *const *cands, size_t n)
{
    if (len == 0 || len > SUGGEST_LEN_MAX) {
        return NULL;
    }
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t lc = strlen(cands[i]);
        /* The distance is at least the difference in length: skip what cannot win. */
        if (lc > SUGGEST_LEN_MAX || (lc > len ? lc - len : len - lc) >= best_d) {
            continue;
        }
        size_t dist = edit_distance(word, len, cands[i], lc);
        /* Two edits in a short word make a different word ("block" is not "flick"). */
        if (dist < best_d && (dist <= 1 || len >= 6)) {
            best = cands[i];
            best_d = dist;
        }
    }
    return best;
}
