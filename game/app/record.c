#include "app/record.h"

#include "io/history.h"
#include "io/probe.h"

/* A person practised: at the window, or with a live device. Replays and the simulator
 * are not anybody's practice. */
static bool record_is_practice(const char *spec)
{
    return ebb_probe_spec_has(spec, EBB_PROBE_WINDOW) || ebb_probe_spec_has(spec, EBB_PROBE_LIVE);
}

bool ebb_record_session(const ebb_result *r, time_t started_at, const char *probe_spec,
                        FILE *warn)
{
    if (!record_is_practice(probe_spec) || r->duration_ms == 0) {
        return false;
    }
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    if (!ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        if (warn) {
            fprintf(warn, "ebb: this session was not saved: %s\n", err);
        }
        return false;
    }
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    bool ok = h && ebb_history_add_result(h, r, started_at, NULL, err, sizeof err);
    ebb_history_close(h);
    if (!ok && warn) {
        fprintf(warn, "ebb: this session was not saved: %s\n", err);
    }
    return ok;
}
