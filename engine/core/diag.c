#include "core/diag.h"

#include <stdarg.h>
#include <string.h>

#define EBB_DIAG_NAME(id, name) name,
static const char *const diag_names[] = {EBB_DIAG_CODES(EBB_DIAG_NAME)};
#undef EBB_DIAG_NAME

const char *ebb_diag_code_name(ebb_diag_code code)
{
    if ((unsigned)code >= (unsigned)EBB_D_COUNT) {
        return "unknown";
    }
    return diag_names[code];
}

void ebb_diags_init(ebb_diags *d, const char *file)
{
    memset(d, 0, sizeof *d);
    snprintf(d->file, sizeof d->file, "%s", file ? file : "<input>");
}

void ebb_diags_add(ebb_diags *d, ebb_severity sev, ebb_diag_code code, unsigned line,
                   unsigned col, const char *fmt, ...)
{
    if (sev == EBB_SEV_ERROR) {
        d->errors++;
    } else {
        d->warnings++;
    }
    if (d->count >= EBB_DIAGS_MAX) {
        d->dropped++;
        return;
    }
    ebb_diag *m = &d->items[d->count++];
    m->severity = sev;
    m->code = code;
    m->line = line;
    m->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->msg, sizeof m->msg, fmt, ap);
    va_end(ap);
}

void ebb_diag_format(const ebb_diags *d, const ebb_diag *m, char *buf, size_t size)
{
    const char *sev = m->severity == EBB_SEV_ERROR ? "error" : "warning";
    if (m->line == 0) {
        snprintf(buf, size, "%s: %s: %s", d->file, sev, m->msg);
    } else if (m->col == 0) {
        snprintf(buf, size, "%s:%u: %s: %s", d->file, m->line, sev, m->msg);
    } else {
        snprintf(buf, size, "%s:%u:%u: %s: %s", d->file, m->line, m->col, sev, m->msg);
    }
}

void ebb_diags_print(const ebb_diags *d, FILE *out)
{
    char line[EBB_DIAG_MSG_MAX + 300];
    for (size_t i = 0; i < d->count; i++) {
        ebb_diag_format(d, &d->items[i], line, sizeof line);
        fprintf(out, "%s\n", line);
    }
    if (d->dropped > 0) {
        fprintf(out, "%s: note: %zu more messages not shown\n", d->file, d->dropped);
    }
}
