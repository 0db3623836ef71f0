/* `ebb replay SESSION`: a recorded session played back. In the window it plays at its own
 * pace through the replay probe, on the level as it was played (written out as a flat level
 * file); with --headless it is re-scored against that level and printed (--json: the result
 * object, the same one `ebb play --json` printed when it was played). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/cmd_history.h"
#include "core/recording.h"
#include "core/result_json.h"
#include "io/level_load.h"
#include "io/recording_file.h"

/* The recording of session id, decoded; exit status on failure (message said). */
static int replay_load(int64_t id, ebb_recording *rec)
{
    bool missing = false;
    ebb_history *h = ebb_cmd_history_open(&missing);
    if (h == NULL) {
        if (missing) {
            fprintf(stderr, "ebb: no session %lld in the history (nothing is kept yet)\n",
                    (long long)id);
        }
        return 1;
    }
    char path[1200], err[1600];
    bool ok = ebb_history_recording_path(h, id, path, sizeof path, err, sizeof err);
    ebb_history_close(h);
    if (!ok) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    if (!ebb_recording_load(path, rec, err, sizeof err)) {
        fprintf(stderr, "ebb: %s\n", err);
        return 2;
    }
    return 0;
}

/* The frames as a replay CSV (effort), in a private temporary folder. */
static bool replay_csv(const ebb_recording *rec, char *dir, size_t dsize, char *csv,
                       size_t csize)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dsize, "%s/ebb-replay-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        return false;
    }
    snprintf(csv, csize, "%s/session.csv", dir);
    FILE *f = fopen(csv, "w");
    if (f == NULL) {
        return false;
    }
    uint8_t present = 0;
    for (size_t i = 0; i < rec->count; i++) {
        present |= rec->frames[i].present;
    }
    present |= 1u << EBB_CH_PF;
    static const char *const names[EBB_CH_COUNT] = {"pf", "abd", "breath"};
    fputs("# ebb replay of a recorded session\nt", f);
    for (int c = 0; c < EBB_CH_COUNT; c++) {
        if (present & (1u << c)) {
            fprintf(f, ",%s", names[c]);
        }
    }
    fputc('\n', f);
    /* Lost ticks held the session still: leaving them out replays the same level time. */
    unsigned row = 0;
    for (size_t i = 0; i < rec->count; i++) {
        const ebb_frame *fr = &rec->frames[i];
        if (fr->signal == EBB_SIGNAL_LOST) {
            continue;
        }
        fprintf(f, "%u.%02u", row / 100u, row % 100u);
        row++;
        for (int c = 0; c < EBB_CH_COUNT; c++) {
            if (present & (1u << c)) {
                fprintf(f, ",%.9g", (double)fr->effort[c]);
            }
        }
        fputc('\n', f);
    }
    return fclose(f) == 0;
}

/* "a, b" as the level language writes lists: "a,b". */
static const char *no_spaces(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r != ' ') {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

static void emit_pct(FILE *f, float v)
{
    fprintf(f, "%.6g%%", (double)v * 100.0);
}

/* The target of a step in the level language. */
static void emit_target(FILE *f, ebb_step_kind kind, float lo, float hi)
{
    if (kind == EBB_STEP_FLICK || (hi >= 1.0f && lo > 0.0f)) {
        fputs(" above ", f);
        emit_pct(f, lo);
    } else if (lo <= 0.0f) {
        fputs(" below ", f);
        emit_pct(f, hi);
    } else {
        fputs(" band ", f);
        emit_pct(f, lo);
        fputs("..", f);
        emit_pct(f, hi);
    }
}

static void emit_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        fputc(*s == '"' ? '\'' : *s, f);
    }
    fputc('"', f);
}

/* The recorded level as a flat level file: one line per step, every field spelled out. */
static bool replay_level_file(const ebb_level *lv, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return false;
    }
    fprintf(f, "# %s as it was played, written by ebb replay\nid %s\ntitle ", lv->id, lv->id);
    emit_string(f, lv->title);
    fprintf(f, "\nkind %s\npass %d stars\n", ebb_level_kind_name(lv->kind), lv->pass_stars);
    if (lv->character[0]) {
        fprintf(f, "character %s\n", lv->character);
    }
    char flags[200];
    if (lv->flags && ebb_level_flags_text(lv->flags, flags, sizeof flags)[0]) {
        fprintf(f, "flags %s\n", no_spaces(flags));
    }
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *st = &lv->steps[i];
        fprintf(f, "%s %ums", ebb_step_kind_name(st->kind), st->duration_ms);
        if (st->kind == EBB_STEP_RAMP) {
            fputs(" from ", f);
            emit_pct(f, (st->lo0 + st->hi0) / 2.0f);
            fputs(" to ", f);
            emit_pct(f, (st->lo1 + st->hi1) / 2.0f);
            fputs(" width ", f);
            emit_pct(f, st->hi0 - st->lo0);
        } else {
            emit_target(f, st->kind, st->lo0, st->hi0);
        }
        fprintf(f, " grace %ums cue %s caption ", st->grace_ms, ebb_cue_name(st->cue));
        emit_string(f, st->caption);
        char score[120];
        if (ebb_score_flags_text(st->score_flags, score, sizeof score)[0]) {
            fprintf(f, " score %s", no_spaces(score));
        }
        fputc('\n', f);
    }
    return fclose(f) == 0;
}

int ebb_cmd_replay(int argc, char **argv, const char *argv0)
{
    const char *session = NULL;
    bool headless = false, json = false, exit_when_done = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--headless") == 0) {
            headless = true;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--exit-when-done") == 0) {
            exit_when_done = true;
        } else if (argv[i][0] != '-' && session == NULL) {
            session = argv[i];
        } else {
            fprintf(stderr, "ebb: replay: unknown argument '%s'\nTry 'ebb --help'.\n", argv[i]);
            return 2;
        }
    }
    int64_t id = 0;
    if (session == NULL) {
        fprintf(stderr, "ebb: replay needs a session number (see 'ebb history')\n");
        return 2;
    }
    if (!ebb_cmd_session_id("replay", session, &id)) {
        return 2;
    }
    ebb_recording rec;
    int rc = replay_load(id, &rec);
    if (rc != 0) {
        return rc;
    }
    if (headless) {
        ebb_session *s = ebb_recording_run(&rec);
        if (s == NULL) {
            ebb_recording_free(&rec);
            fputs("ebb: out of memory\n", stderr);
            return 1;
        }
        const ebb_result *r = ebb_session_result(s);
        if (json) {
            ebb_result_write_json(r, stdout);
        } else {
            printf("Session %lld, %s: score %d, %d star%s%s\n", (long long)id, r->level->title,
                   r->score, r->stars, r->stars == 1 ? "" : "s",
                   r->complete ? "" : (rec.cut ? " (cut off)" : " (stopped early)"));
        }
        ebb_session_destroy(s);
        ebb_recording_free(&rec);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    char dir[1024], csv[1100], probe[1200], level[1100];
    if (!replay_csv(&rec, dir, sizeof dir, csv, sizeof csv)) {
        fprintf(stderr, "ebb: cannot write a temporary file for the replay\n");
        ebb_recording_free(&rec);
        return 1;
    }
    snprintf(probe, sizeof probe, "replay:%s", csv);
    snprintf(level, sizeof level, "%s/level.level", dir);
    static ebb_diags diags;
    ebb_level check;
    ebb_diags_init(&diags, level);
    if (!replay_level_file(&rec.level, level) ||
        !ebb_level_load(level, argv0, &check, &diags)) {
        ebb_diags_print(&diags, stderr);
        fprintf(stderr, "ebb: replaying on the level '%s' as it is now\n", rec.level.id);
        snprintf(level, sizeof level, "%s", rec.level.id);
    } else {
        ebb_level_free(&check);
    }
    ebb_recording_free(&rec);
    ebb_app_options opts = {
        .argv0 = argv0,
        .level_spec = level,
        .probe_spec = probe,
        .json = json,
        .exit_when_done = exit_when_done,
    };
    rc = ebb_app_run(&opts);
    unlink(csv);
    unlink(level);
    rmdir(dir);
    return rc;
}
