#include "app/record.h"

#include "io/history.h"
#include "io/probe.h"

/* A person practised: at the window, or with a live device. Replays and the simulator
 * are not anybody's practice. */
static bool record_is_practice(const char *spec)
{
    return ebb_probe_spec_has(spec, EBB_PROBE_WINDOW) || ebb_probe_spec_has(spec, EBB_PROBE_LIVE);
}

ebb_history_live *ebb_record_begin(const ebb_level *level, time_t started_at,
                                   const char *probe_spec, FILE *warn)
{
    if (!record_is_practice(probe_spec)) {
        return NULL;
    }
    char err[EBB_HISTORY_ERR_MAX];
    const ebb_history_live_desc d = {level, probe_spec, started_at, NULL};
    ebb_history_live *L = ebb_history_live_start(&d, err, sizeof err);
    if (L == NULL && warn) {
        fprintf(warn, "ebb: this session will not be saved: %s\n", err);
    }
    if (L != NULL && ebb_history_live_error(L)[0] != '\0' && warn) {
        fprintf(warn, "ebb: %s; the session is saved but cannot be replayed\n",
                ebb_history_live_error(L));
    }
    return L;
}

void ebb_record_tick(ebb_history_live *L, ebb_session *s, const ebb_frame *frame,
                     const ebb_tick_events *ev)
{
    ebb_history_live_tick(L, s, frame, ev);
}

bool ebb_record_end(ebb_history_live **L, ebb_session *s, FILE *warn)
{
    if (*L == NULL) {
        return false;
    }
    char err[EBB_HISTORY_ERR_MAX];
    const bool ok = ebb_history_live_finish(*L, s, err, sizeof err);
    *L = NULL;
    if (!ok && warn) {
        fprintf(warn, "ebb: not all of this session was saved: %s\n", err);
    }
    return ok;
}
