#include "settings/conf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ebb_conf_init(ebb_conf *c, const char *text, size_t len)
{
    memset(c, 0, sizeof *c);
    c->p = text;
    c->end = text + len;
}

static bool conf_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Copies [a, b) into out with blanks trimmed at both ends; false if it does not fit. */
static bool conf_copy(const char *a, const char *b, char *out, size_t size)
{
    while (a < b && conf_blank(*a)) {
        a++;
    }
    while (b > a && conf_blank(b[-1])) {
        b--;
    }
    size_t n = (size_t)(b - a);
    if (n >= size) {
        return false;
    }
    memcpy(out, a, n);
    out[n] = '\0';
    return true;
}

ebb_conf_item ebb_conf_next(ebb_conf *c, ebb_diags *d)
{
    while (c->p < c->end) {
        const char *a = c->p;
        const char *nl = memchr(a, '\n', (size_t)(c->end - a));
        const char *b = nl ? nl : c->end;
        c->p = nl ? nl + 1 : c->end;
        c->line++;
        while (a < b && conf_blank(*a)) {
            a++;
        }
        if (a == b || *a == '#') {
            continue;
        }
        if (memchr(a, '\0', (size_t)(b - a))) {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_BINARY, c->line, 0,
                          "a NUL byte: this is not a text file");
            return EBB_CONF_BAD;
        }
        if (*a == '[') {
            const char *close = memchr(a, ']', (size_t)(b - a));
            const char *rest = close ? close + 1 : b;
            while (rest < b && conf_blank(*rest)) {
                rest++;
            }
            if (!close || rest != b) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_SYNTAX, c->line, 0,
                              "a section header is written [name], alone on its line");
                return EBB_CONF_BAD;
            }
            if (!conf_copy(a + 1, close, c->section, sizeof c->section) || !c->section[0]) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_SYNTAX, c->line, 0,
                              "the section name is empty or longer than %d characters",
                              EBB_CONF_NAME_MAX - 1);
                return EBB_CONF_BAD;
            }
            return EBB_CONF_SECTION;
        }
        const char *eq = memchr(a, '=', (size_t)(b - a));
        if (!eq) {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_SYNTAX, c->line, 0,
                          "expected `name = value` or [section]");
            return EBB_CONF_BAD;
        }
        if (!conf_copy(a, eq, c->key, sizeof c->key) || !c->key[0]) {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_SYNTAX, c->line, 0,
                          "the name before '=' is empty or too long");
            return EBB_CONF_BAD;
        }
        if (!conf_copy(eq + 1, b, c->value, sizeof c->value)) {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_TOO_BIG, c->line, 0,
                          "%s: the value is longer than %d characters", c->key,
                          EBB_CONF_VALUE_MAX - 1);
            return EBB_CONF_BAD;
        }
        return EBB_CONF_KEY;
    }
    return EBB_CONF_END;
}

bool ebb_conf_float(const char *v, float lo, float hi, float *out)
{
    char *end = NULL;
    if (!v[0]) {
        return false;
    }
    float x = strtof(v, &end);
    if (*end != '\0' || !isfinite(x) || x < lo || x > hi) {
        return false;
    }
    *out = x;
    return true;
}
