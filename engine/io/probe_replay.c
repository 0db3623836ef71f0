/* replay:FILE — input recorded earlier (or written by hand) as CSV. */
#include <stdlib.h>
#include <string.h>

#include "io/fileio.h"
#include "io/probe_backend.h"
#include "core/replay.h"

typedef struct replay_probe {
    ebb_replay replay;
    size_t cursor;
    uint32_t hold_ms;
} replay_probe;

static ebb_probe_status replay_poll(ebb_probe *p, uint32_t ms, ebb_frame *frame)
{
    replay_probe *rp = p->impl;
    /* The last row holds for one row interval (at least a tick) after its time, as a live
     * device's last sample would; after that the recording has ended. */
    if (ms > ebb_replay_end_ms(&rp->replay) + rp->hold_ms) {
        *frame = (ebb_frame){.signal = EBB_SIGNAL_LOST};
        return EBB_PROBE_ENDED;
    }
    *frame = ebb_replay_frame_at(&rp->replay, ms, &rp->cursor);
    return EBB_PROBE_OK;
}

static void replay_close(ebb_probe *p)
{
    replay_probe *rp = p->impl;
    ebb_replay_free(&rp->replay);
    free(rp);
}

static void replay_stats(const ebb_probe *p, ebb_probe_stats *out)
{
    const replay_probe *rp = p->impl;
    out->unit = rp->replay.unit[EBB_CH_PF];
    out->samples = rp->replay.count;
}

static const ebb_probe_ops replay_ops = {.name = "replay", .poll = replay_poll, .close = replay_close, .stats = replay_stats};

ebb_probe *ebb_probe_replay_open(const char *path, ebb_diags *diags)
{
    /* WAV holds raw EMG: it goes through the sound-card pipeline instead (probe_wav.c). */
    const size_t plen = strlen(path);
    if (plen > 4 &&
        (strcmp(path + plen - 4, ".wav") == 0 || strcmp(path + plen - 4, ".WAV") == 0)) {
        return ebb_probe_wav_open(path, diags);
    }
    ebb_diags_init(diags, path);
    char *text = NULL;
    size_t len = 0;
    if (!ebb_file_read(path, EBB_REPLAY_FILE_MAX, &text, &len, diags)) {
        return NULL;
    }
    replay_probe *rp = calloc(1, sizeof *rp);
    ebb_probe *p = calloc(1, sizeof *p);
    if (!rp || !p) {
        free(rp);
        free(p);
        free(text);
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return NULL;
    }
    bool ok = ebb_replay_parse(text, len, &rp->replay, diags);
    free(text);
    if (!ok) {
        free(rp);
        free(p);
        return NULL;
    }
    const ebb_replay *r = &rp->replay;
    rp->hold_ms = EBB_TICK_MS;
    if (r->count > 1) {
        uint32_t interval = (r->t_ms[r->count - 1] - r->t_ms[0]) / (uint32_t)(r->count - 1);
        rp->hold_ms = interval > EBB_TICK_MS ? interval : EBB_TICK_MS;
    }
    p->ops = &replay_ops;
    p->impl = rp;
    return p;
}
