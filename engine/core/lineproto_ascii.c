/* The ASCII half of the line protocol decoder: lines, numbers and the "# ebb" header.
 * See lineproto.h for the format and docs/probe-protocol.md for the rules. */
#include <math.h>
#include <string.h>

#include "core/lineproto_decoder.h"

typedef enum num_status { NUM_OK, NUM_SYNTAX, NUM_NONFINITE } num_status;

/* Parses a whole token as a decimal number: [+-]digits[.digits][(e|E)[+-]digits]. Our own
 * parser, because strtod follows the locale's decimal point, which the game may change. */
static num_status parse_number(const char *s, size_t len, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    if (len - i >= 3 && (s[i] == 'n' || s[i] == 'N' || s[i] == 'i' || s[i] == 'I')) {
        char w[9] = {0};
        for (size_t k = 0; k < 8 && i + k < len; k++) {
            w[k] = (char)(s[i + k] | 0x20);
        }
        const size_t rest = len - i;
        if ((rest == 3 && (memcmp(w, "nan", 3) == 0 || memcmp(w, "inf", 3) == 0)) ||
            (rest == 8 && memcmp(w, "infinity", 8) == 0)) {
            return NUM_NONFINITE;
        }
        return NUM_SYNTAX;
    }
    double mant = 0.0;
    int exp10 = 0;
    size_t digits = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        mant = mant * 10.0 + (s[i] - '0');
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
            mant = mant * 10.0 + (s[i] - '0');
            exp10--;
        }
    }
    if (digits == 0) {
        return NUM_SYNTAX;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            i++;
        }
        int e = 0;
        size_t edigits = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, edigits++) {
            if (e < 10000) {
                e = e * 10 + (s[i] - '0');
            }
        }
        if (edigits == 0) {
            return NUM_SYNTAX;
        }
        exp10 += eneg ? -e : e;
    }
    if (i != len) {
        return NUM_SYNTAX;
    }
    const double v = mant * pow(10.0, (double)exp10);
    if (!isfinite(v) || fabs(v) > 3.0e38) { /* would not fit a float */
        return NUM_NONFINITE;
    }
    *out = neg ? -v : v;
    return NUM_OK;
}

/* The values a unit can plausibly carry; anything outside is a corrupted number. */
static bool unit_in_range(ebb_unit unit, bool raw, double v)
{
    if (raw) { /* raw EMG swings both ways */
        return fabs(v) <= EBB_LINEPROTO_RAW_MAX_UV;
    }
    switch (unit) {
    case EBB_UNIT_NONE: return v >= -0.05 && v <= 1.05; /* effort, with a little noise */
    case EBB_UNIT_UV: return v >= -1000.0 && v <= 100000.0;
    case EBB_UNIT_MMHG: return v >= -750.0 && v <= 750.0;
    default: return v >= -1000.0 && v <= 1000.0; /* cmH2O, hPa */
    }
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Splits s into tokens at sep (',' ) or at runs of blanks (sep 0); returns the count, or
 * max + 1 when there are more than max. */
static size_t split(const char *s, size_t len, char sep, const char **tok, size_t *tlen,
                    size_t max)
{
    size_t n = 0;
    size_t i = 0;
    while (i <= len) {
        if (sep == 0) {
            while (i < len && is_space(s[i])) {
                i++;
            }
            if (i == len) {
                break;
            }
        }
        size_t start = i;
        while (i < len && (sep ? s[i] != sep : !is_space(s[i]))) {
            i++;
        }
        size_t end = i;
        while (start < end && is_space(s[start])) {
            start++;
        }
        while (end > start && is_space(s[end - 1])) {
            end--;
        }
        if (n == max) {
            return max + 1;
        }
        tok[n] = s + start;
        tlen[n] = end - start;
        n++;
        i++; /* past the separator (or the end) */
    }
    return n;
}

static bool channel_parse(const char *s, size_t len, uint8_t *out)
{
    static const char *const names[EBB_CH_COUNT] = {"pf", "abd", "breath"};
    for (size_t c = 0; c < EBB_CH_COUNT; c++) {
        if (strlen(names[c]) == len && memcmp(names[c], s, len) == 0) {
            *out = (uint8_t)c;
            return true;
        }
    }
    return false;
}

static bool token_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(s, word, len) == 0;
}

/* Messages quote what came, cut short: a header line is at most 256 characters anyway. */
#define QUOTE(len) ((int)((len) < 40 ? (len) : 40))

static void header_units(ebb_lineproto *lp, const char *units, size_t units_len)
{
    const char *ut[EBB_CH_COUNT];
    size_t ul[EBB_CH_COUNT];
    const size_t un = split(units, units_len, ',', ut, ul, EBB_CH_COUNT);
    bool ok = un <= EBB_CH_COUNT && (un == 1 || un == lp->columns);
    ebb_unit parsed[EBB_CH_COUNT] = {EBB_UNIT_NONE, EBB_UNIT_NONE, EBB_UNIT_NONE};
    for (size_t u = 0; ok && u < un; u++) {
        char name[16];
        ok = ul[u] < sizeof name;
        if (ok) {
            memcpy(name, ut[u], ul[u]);
            name[ul[u]] = '\0';
            ok = ebb_unit_parse(name, &parsed[u]) != 0;
        }
    }
    if (ok) {
        for (size_t c = 0; c < lp->columns; c++) {
            lp->unit[lp->column_ch[c]] = parsed[un == 1 ? 0 : c];
        }
    } else {
        ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
        ebb_lp_problem(lp, "header field 'units': '%.*s' is not one of none, uV, cmH2O, mmHg, "
                       "hPa for all channels, or one per channel in channels= order",
                       QUOTE(units_len), units);
    }
}

/* raw=emg: the channels in µV carry raw samples at `rate`. Checked once the whole header is
 * read, since it depends on units= and rate=. */
static void header_raw(ebb_lineproto *lp, bool raw, double rate, unsigned mains)
{
    lp->raw_refused = false;
    if (!raw) {
        ebb_lp_raw_configure(lp, 0, 0, 0);
        return;
    }
    uint8_t mask = 0;
    for (size_t c = 0; c < lp->columns; c++) {
        if (lp->unit[lp->column_ch[c]] == EBB_UNIT_UV) {
            mask = (uint8_t)(mask | (1u << lp->column_ch[c]));
        }
    }
    bool ok = false;
    if (mask == 0) {
        ebb_lp_problem(lp, "header field 'units': raw=emg needs the samples in microvolts; "
                       "add units=uV");
    } else if (rate == 0.0) {
        ebb_lp_problem(lp, "header field 'rate': raw=emg needs the amplifier's sample rate, "
                       "e.g. rate=250");
    } else if (rate < (double)EBB_EMG_RATE_MIN || rate > (double)EBB_EMG_RATE_MAX) {
        ebb_lp_problem(lp, "header field 'rate': raw EMG at %.0f samples a second is outside "
                       "200..48000; set the amplifier to 200 or more", rate);
    } else {
        ok = ebb_lp_raw_configure(lp, mask, (uint32_t)lround(rate), mains);
    }
    if (!ok) {
        /* Raw microvolts read as values would move the game wildly: refuse them instead. */
        ebb_lp_raw_configure(lp, 0, 0, 0);
        lp->raw_refused = true;
        ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
    }
}

/* "# ebb units=cmH2O rate=100 channels=pf,abd": the header describes the stream from here
 * on, so fields it leaves out return to their defaults. A bad field is counted and skipped,
 * with a message naming it; the good ones still apply. */
static void ascii_header(ebb_lineproto *lp, const char *s, size_t len)
{
    ebb_lp_header_defaults(lp);
    lp->problem[0] = '\0';
    const char *tok[16];
    size_t tlen[16];
    size_t n = split(s, len, 0, tok, tlen, 16);
    if (n > 16) {
        ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
        ebb_lp_problem(lp, "header: more than 16 fields; send units, rate, channels, raw "
                       "and mains once each");
        n = 16;
    }
    const char *units = NULL;
    size_t units_len = 0;
    bool raw = false;
    double rate = 0.0;
    unsigned mains = 0;
    for (size_t i = 0; i < n; i++) {
        const char *eq = memchr(tok[i], '=', tlen[i]);
        const size_t klen = eq ? (size_t)(eq - tok[i]) : tlen[i];
        const char *v = eq ? eq + 1 : tok[i] + tlen[i];
        const size_t vlen = tlen[i] - klen - (eq ? 1u : 0u);
        double num = 0.0;
        if (token_is(tok[i], klen, "rate")) {
            if (parse_number(v, vlen, &num) == NUM_OK && num >= 1.0 && num <= 100000.0) {
                lp->stats.rate_hz = (uint32_t)lround(num);
                rate = num;
            } else {
                ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
                ebb_lp_problem(lp, "header field 'rate': '%.*s' is not a number of samples a "
                               "second in 1..100000", QUOTE(vlen), v);
            }
        } else if (token_is(tok[i], klen, "units") && vlen > 0) {
            units = v; /* applied after channels=, which gives the order */
            units_len = vlen;
        } else if (token_is(tok[i], klen, "channels")) {
            const char *ct[EBB_CH_COUNT];
            size_t cl[EBB_CH_COUNT];
            const size_t cn = split(v, vlen, ',', ct, cl, EBB_CH_COUNT);
            uint8_t map[EBB_CH_COUNT];
            uint8_t used = 0;
            bool ok = vlen > 0 && cn <= EBB_CH_COUNT;
            for (size_t c = 0; ok && c < cn; c++) {
                ok = channel_parse(ct[c], cl[c], &map[c]) && !(used & (1u << map[c]));
                used = (uint8_t)(used | (ok ? 1u << map[c] : 0u));
            }
            if (ok) {
                memcpy(lp->column_ch, map, cn);
                lp->columns = cn;
            } else {
                ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
                ebb_lp_problem(lp, "header field 'channels': '%.*s' is not 1 to 3 of pf, abd, "
                               "breath without repeats", QUOTE(vlen), v);
            }
        } else if (token_is(tok[i], klen, "raw")) {
            if (token_is(v, vlen, "emg") || token_is(v, vlen, "none")) {
                raw = token_is(v, vlen, "emg");
            } else {
                ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
                ebb_lp_problem(lp, "header field 'raw': '%.*s' is not emg or none",
                               QUOTE(vlen), v);
            }
        } else if (token_is(tok[i], klen, "mains")) {
            if (token_is(v, vlen, "50") || token_is(v, vlen, "60") || token_is(v, vlen, "auto")) {
                mains = v[0] == '5' ? 50u : (v[0] == '6' ? 60u : 0u);
            } else {
                ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER);
                ebb_lp_problem(lp, "header field 'mains': '%.*s' is not 50, 60 or auto",
                               QUOTE(vlen), v);
            }
        } else {
            ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_HEADER); /* unknown key: likely a typo */
            ebb_lp_problem(lp, "header field '%.*s' is unknown; the fields are units, rate, "
                           "channels, raw and mains", QUOTE(klen), tok[i]);
        }
    }
    if (units) {
        header_units(lp, units, units_len);
    }
    header_raw(lp, raw, rate, mains);
    lp->stats.headers++;
    ebb_lp_valid(lp, DEC_ASCII, NULL);
}

static void ascii_line(ebb_lineproto *lp, const char *s, size_t len)
{
    while (len > 0 && is_space(s[len - 1])) {
        len--;
    }
    while (len > 0 && is_space(s[0])) {
        s++;
        len--;
    }
    if (len == 0) {
        return; /* blank lines are harmless */
    }
    if (s[0] == '#') {
        size_t i = 1;
        while (i < len && is_space(s[i])) {
            i++;
        }
        if (len - i >= 3 && memcmp(s + i, "ebb", 3) == 0 && (len - i == 3 || is_space(s[i + 3]))) {
            ascii_header(lp, s + i + 3, len - i - 3);
        }
        return; /* other comments carry nothing */
    }
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\r') || c > 0x7e) {
            ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_SYNTAX);
            return;
        }
    }
    if (lp->raw_refused) {
        ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_RAW);
        return;
    }
    const char *tok[EBB_CH_COUNT + 1];
    size_t tlen[EBB_CH_COUNT + 1];
    const bool commas = memchr(s, ',', len) != NULL;
    const size_t n = split(s, len, commas ? ',' : 0, tok, tlen, EBB_CH_COUNT + 1);
    const bool has_time = !commas && n >= 2;
    const size_t first = has_time ? 1 : 0;
    if (n > EBB_CH_COUNT + 1 || n - first > lp->columns || n - first == 0) {
        ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_SYNTAX);
        return;
    }
    ebb_lineproto_sample smp;
    memset(&smp, 0, sizeof smp);
    for (size_t k = 0; k < n; k++) {
        double v = 0.0;
        const num_status st = parse_number(tok[k], tlen[k], &v);
        if (st != NUM_OK) {
            ebb_lp_drop(lp, DEC_ASCII, st == NUM_NONFINITE ? EBB_LP_DROP_NONFINITE : EBB_LP_DROP_SYNTAX);
            return;
        }
        if (k < first) {
            if (v < 0.0 || v > 4294967295.0) {
                ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_RANGE);
                return;
            }
            smp.has_time = true;
            smp.t_ms = (uint32_t)llround(v);
            continue;
        }
        const uint8_t ch = lp->column_ch[k - first];
        if (!unit_in_range(lp->unit[ch], (lp->raw_mask & (1u << ch)) != 0, v)) {
            ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_RANGE);
            return;
        }
        smp.value[ch] = (float)v;
        smp.present = (uint8_t)(smp.present | (1u << ch));
    }
    ebb_lp_valid(lp, DEC_ASCII, &smp);
}

void ebb_lp_ascii_byte(ebb_lineproto *lp, uint8_t c)
{
    if (c == '\n') {
        if (lp->overlong) {
            ebb_lp_drop(lp, DEC_ASCII, EBB_LP_DROP_OVERLONG);
        } else {
            ascii_line(lp, lp->line, lp->line_len);
        }
        lp->line_len = 0;
        lp->overlong = false;
    } else if (!lp->overlong) {
        if (lp->line_len == EBB_LINEPROTO_LINE_MAX) {
            lp->overlong = true; /* dropped whole when its newline comes */
        } else {
            lp->line[lp->line_len++] = (char)c;
        }
    }
}
