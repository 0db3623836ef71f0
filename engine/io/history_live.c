/* A live session's record: history row, step commits and recording, in the order that keeps
 * every completed step through a kill. */
#define _POSIX_C_SOURCE 200809L

#include "io/history_live.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calib_store.h"
#include "io/history.h"
#include "io/pack_store.h"
#include "io/recording_file.h"

#define PACK_TEXT_MAX (256u * 1024u)

struct ebb_history_live {
    ebb_history *h;
    ebb_recording_writer *rec;
    int64_t id;
    size_t next_step;  /* steps committed so far */
    char error[EBB_HISTORY_ERR_MAX];
};

static void live_fail(ebb_history_live *L, const char *msg)
{
    if (L->error[0] == '\0') {
        snprintf(L->error, sizeof L->error, "%s", msg);
    }
}

/* The pack in force: the active one, its text and the day of its program. */
typedef struct live_pack {
    ebb_pack_info info;
    char *text;
    int day;
} live_pack;

static bool live_active_pack(live_pack *p)
{
    memset(p, 0, sizeof *p);
    ebb_pack_info *list = NULL;
    size_t n = 0;
    char err[EBB_PACK_ERR_MAX];
    if (ebb_pack_store_list(&list, &n, err, sizeof err) != 0) {
        return false;
    }
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        if (list[i].active && list[i].readable) {
            p->info = list[i];
            found = true;
        }
    }
    free(list);
    char dir[900], path[1100];
    if (!found || !ebb_data_dir(dir, sizeof dir, err, sizeof err)) {
        return false;
    }
    snprintf(path, sizeof path, "%s/packs/%s.pack", dir, p->info.id);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    p->text = calloc(1, PACK_TEXT_MAX + 1);
    size_t len = p->text ? fread(p->text, 1, PACK_TEXT_MAX, f) : 0;
    fclose(f);
    if (p->text == NULL || len == 0) {
        free(p->text);
        p->text = NULL;
        return false;
    }
    char today[EBB_DATE_MAX];
    ebb_local_date(time(NULL), today);
    if (!ebb_date_diff(p->info.installed, today, &p->day)) {
        p->day = -1;
    }
    return true;
}

ebb_history_live *ebb_history_live_start(const ebb_history_live_desc *d, char *err,
                                         size_t err_size)
{
    char path[1024];
    if (d->path != NULL) {
        snprintf(path, sizeof path, "%s", d->path);
    } else if (!ebb_history_default_path(path, sizeof path, err, err_size)) {
        return NULL;
    }
    ebb_history_live *L = calloc(1, sizeof *L);
    if (L == NULL) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    L->h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, err_size);
    if (L->h == NULL) {
        free(L);
        return NULL;
    }
    live_pack pack;
    const bool have_pack = live_active_pack(&pack);
    char profile[EBB_CALIB_PROFILE_MAX];
    ebb_calib cal;
    float rest_sd = 0.0f;
    char cerr[300];
    const bool have_cal = d->probe_spec != NULL &&
                          ebb_calib_profile_for(d->probe_spec, profile, sizeof profile) &&
                          ebb_calib_load(profile, &cal, &rest_sd, cerr, sizeof cerr);
    ebb_history_begin_info in = {
        .started_at = d->started_at,
        .level = d->level,
        .probe_spec = d->probe_spec,
        .pack_id = have_pack ? pack.info.id : NULL,
        .pack_title = have_pack ? pack.info.title : NULL,
        .pack_text = have_pack ? pack.text : NULL,
        .program_day = have_pack ? pack.day : -1,
        .profile = have_cal ? profile : NULL,
        .calib = have_cal ? &cal : NULL,
        .with_recording = true,
    };
    char rec_path[1200];
    bool ok = ebb_history_begin(L->h, &in, &L->id, rec_path, sizeof rec_path, err, err_size);
    if (have_pack) {
        free(pack.text);
    }
    if (!ok) {
        ebb_history_close(L->h);
        free(L);
        return NULL;
    }
    ebb_recording_meta meta = {0};
    snprintf(meta.probe, sizeof meta.probe, "%s", d->probe_spec ? d->probe_spec : "");
    ebb_history_time(d->started_at, meta.started_at);
    char rerr[400];
    L->rec = ebb_recording_writer_open(rec_path, &meta, d->level, rerr, sizeof rerr);
    if (L->rec == NULL) {
        live_fail(L, rerr); /* the session is still kept, only not replayable */
    }
    return L;
}

static void live_commit(ebb_history_live *L, ebb_session *s, size_t upto)
{
    if (L->next_step >= upto) {
        return;
    }
    /* Frames first: a step in the history always has its input in the recording. */
    if (L->rec != NULL && !ebb_recording_writer_sync(L->rec)) {
        live_fail(L, ebb_recording_writer_error(L->rec));
    }
    const ebb_result *r = ebb_session_result(s);
    char err[EBB_HISTORY_ERR_MAX];
    for (; L->next_step < upto && L->next_step < r->step_count; L->next_step++) {
        if (!ebb_history_step_done(L->h, L->id, L->next_step, &r->steps[L->next_step],
                                   ebb_session_elapsed_ms(s), err, sizeof err)) {
            live_fail(L, err);
        }
    }
}

void ebb_history_live_tick(ebb_history_live *L, ebb_session *s, const ebb_frame *frame,
                           const ebb_tick_events *ev)
{
    if (L == NULL) {
        return;
    }
    if (L->rec != NULL && !ebb_recording_writer_frame(L->rec, frame)) {
        live_fail(L, ebb_recording_writer_error(L->rec));
    }
    if (ev->finished) {
        live_commit(L, s, SIZE_MAX); /* every step the result holds */
    } else if (ev->step_started > 0) {
        live_commit(L, s, (size_t)ev->step_started);
    }
}

bool ebb_history_live_finish(ebb_history_live *L, ebb_session *s, char *err, size_t err_size)
{
    if (L == NULL) {
        return true;
    }
    bool ok = true;
    if (L->rec != NULL && !ebb_recording_writer_close(L->rec)) {
        live_fail(L, "the recording could not be finished");
    }
    L->rec = NULL;
    char e[EBB_HISTORY_ERR_MAX];
    const ebb_result *r = ebb_session_result(s);
    if (r->duration_ms == 0) {
        /* Left before the first tick: nothing was played, so nothing is kept. */
        if (!ebb_history_delete(L->h, L->id, e, sizeof e)) {
            live_fail(L, e);
        }
    } else if (!ebb_history_store_result(L->h, L->id, r, true, e, sizeof e)) {
        live_fail(L, e);
    }
    if (L->error[0] != '\0') {
        snprintf(err, err_size, "%s", L->error);
        ok = false;
    }
    ebb_history_close(L->h);
    free(L);
    return ok;
}

int64_t ebb_history_live_id(const ebb_history_live *L)
{
    return L ? L->id : 0;
}

const char *ebb_history_live_error(const ebb_history_live *L)
{
    return L ? L->error : "";
}
