/* The history store: every played session, kept on the person's own machine in SQLite.
 *
 * One file, $XDG_DATA_HOME/ebb/history.sqlite3 (~/.local/share/ebb/ when XDG_DATA_HOME is
 * not set), in WAL mode, with the recordings of live sessions beside it in recordings/.
 * The schema (docs/history.md) is versioned with PRAGMA user_version (EBB_HISTORY_SCHEMA);
 * opening an older file migrates it forward in one transaction, keeping every session.
 * started_at is ISO-8601 UTC ("2024-05-01T08:30:00Z"), so text order is time order.
 *
 * Durability: a live session is a row written when the level starts (state "live"), one
 * step row committed as each step ends, and a final update when it ends ("done" or
 * "stopped"). Opening the store read-write finds live sessions whose writer is gone (a
 * crash, a kill, a power cut) and marks them "interrupted", keeping every committed step.
 *
 * Privacy: the file, its -wal/-shm/-journal companions and the recordings are 0600 and
 * their folders 0700, whatever the umask.
 *
 * A locked, damaged or newer file gives an error message that says what to do; nothing
 * here crashes or exits. Ownership: ebb_history_open() returns a handle the caller closes
 * with ebb_history_close(). Errors are written into a caller buffer (err, err_size). */
#ifndef EBB_HISTORY_H
#define EBB_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/calib.h"
#include "core/challenge.h"
#include "core/level.h"
#include "core/score.h"

#define EBB_HISTORY_SCHEMA 3
#define EBB_HISTORY_ERR_MAX 512
#define EBB_HISTORY_TIME_MAX 24 /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */
#define EBB_HISTORY_STATE_MAX 12
#define EBB_HISTORY_NAME_MAX 128

typedef struct ebb_history ebb_history;

typedef enum ebb_history_mode {
    EBB_HISTORY_READ_ONLY = 0, /* the file must exist (ebb today: nothing to create); an
                                  older file is still upgraded in place */
    EBB_HISTORY_READ_WRITE     /* created with its directory if missing; recovers sessions
                                  cut off by a crash */
} ebb_history_mode;

/* One stored session. state: "live" (being played now), "done", "stopped" (ended early by
 * the person or the input), "interrupted" (cut off by a crash or a kill). */
typedef struct ebb_history_row {
    int64_t id;
    char started_at[EBB_HISTORY_TIME_MAX];
    char level_id[EBB_LEVEL_ID_MAX + 1];
    char title[EBB_LEVEL_STRING_MAX + 1];
    int score;
    int stars;
    bool complete;
    double duration_s;
    char state[EBB_HISTORY_STATE_MAX];
    int steps_done;                       /* steps committed */
    int step_count;                       /* steps in the level as played (0: not known) */
    char probe[EBB_HISTORY_NAME_MAX];     /* the probe spec ("" for sessions before v2) */
    char recording[EBB_HISTORY_NAME_MAX]; /* relative to the store's folder; "" if none */
    char pack_id[EBB_HISTORY_NAME_MAX];   /* the pack in force; "" if none */
    int program_day;                      /* day of that pack's program (0 = install day), -1 */
} ebb_history_row;

/* One stored step (one rep, one rest, one breath phase). */
typedef struct ebb_history_step_row {
    int index;
    char kind[16];
    int line;
    uint32_t start_ms, duration_ms;
    bool reached;
    float score, in_band, mean, sd, peak;
    int32_t release_ms; /* -1 where none */
    bool flick_ok;
} ebb_history_step_row;

/* What to add whole (a finished session, or an import). result_json may be NULL ("{}"). */
typedef struct ebb_history_session {
    time_t started_at;
    const char *level_id;
    int score;
    int stars;
    bool complete;
    double duration_s;
    const char *result_json;
} ebb_history_session;

/* A live session about to start. Every pointer but level may be NULL. */
typedef struct ebb_history_begin_info {
    time_t started_at;
    const ebb_level *level;
    const char *probe_spec;
    const char *pack_id, *pack_title, *pack_text; /* the pack in force, if any */
    int program_day;                              /* -1 when there is no pack */
    const char *profile;                          /* probe profile (calib_store.h), if any */
    const ebb_calib *calib;                       /* its calibration in force, if any */
    bool with_recording;                          /* give the session a recording name */
} ebb_history_begin_info;

/* Which rows to read; zero fields mean "any". Times compare as ISO-8601 UTC text. */
typedef struct ebb_history_filter {
    const char *level_id;
    const char *since; /* started_at >= since */
    const char *until; /* started_at < until */
} ebb_history_filter;

/* $XDG_DATA_HOME/ebb (or ~/.local/share/ebb). False, with a message, if neither is set. */
bool ebb_data_dir(char *buf, size_t size, char *err, size_t err_size);
/* A folder of Ebb's own inside it ("calibration", "packs"): the path only, nothing created. */
bool ebb_data_subdir(const char *name, char *buf, size_t size, char *err, size_t err_size);

/* <data dir>/history.sqlite3 */
bool ebb_history_default_path(char *buf, size_t size, char *err, size_t err_size);

/* Opens (and with READ_WRITE creates, with its parent directory) the store at path.
 * Returns NULL with a message on failure. */
ebb_history *ebb_history_open(const char *path, ebb_history_mode mode, char *err,
                              size_t err_size);
void ebb_history_close(ebb_history *h);

/* How many cut-off sessions this open marked "interrupted". */
size_t ebb_history_recovered(const ebb_history *h);

/* The folder the store lives in (recordings are under it). */
const char *ebb_history_dir(const ebb_history *h);

/* Adds one whole session; its new id is written to *id_out if not NULL. */
bool ebb_history_add(ebb_history *h, const ebb_history_session *s, int64_t *id_out, char *err,
                     size_t err_size);

/* Adds a finished (or stopped) session from its result, with its steps and the result as
 * JSON. */
bool ebb_history_add_result(ebb_history *h, const ebb_result *r, time_t started_at,
                            int64_t *id_out, char *err, size_t err_size);

/* ---- live sessions (history_sessions.c) ---- */

/* Writes the "live" row of a session that starts now. With info->with_recording, the
 * absolute path its recording should be written to goes to rec_path (else ""). */
bool ebb_history_begin(ebb_history *h, const ebb_history_begin_info *info, int64_t *id_out,
                       char *rec_path, size_t rec_size, char *err, size_t err_size);

/* Commits step `index`, just ended, and the level time played so far. */
bool ebb_history_step_done(ebb_history *h, int64_t id, size_t index,
                           const ebb_step_result *step, uint32_t elapsed_ms, char *err,
                           size_t err_size);

/* Stores the whole result of session id (score, stars, every step, the level summary and
 * the result as JSON). final: the session ended now, so its state becomes "done" or
 * "stopped"; otherwise (a re-scoring) the state is kept. */
bool ebb_history_store_result(ebb_history *h, int64_t id, const ebb_result *r, bool final,
                              char *err, size_t err_size);

/* Removes a session, its steps and its recording file. */
bool ebb_history_delete(ebb_history *h, int64_t id, char *err, size_t err_size);

/* ---- reading (history_query.c) ---- */

/* Reads the matching rows, oldest first, into a new array (*rows, free() it; NULL when
 * there are none). */
bool ebb_history_query(ebb_history *h, const ebb_history_filter *f, ebb_history_row **rows,
                       size_t *count, char *err, size_t err_size);

/* One session by id; false with "no session N in the history" when there is none. */
bool ebb_history_get(ebb_history *h, int64_t id, ebb_history_row *row, char *err,
                     size_t err_size);

/* The stored steps of one session, by index, into a new array (free() it). */
bool ebb_history_steps(ebb_history *h, int64_t id, ebb_history_step_row **steps,
                       size_t *count, char *err, size_t err_size);

/* The stored JSON of one session into a new string (free() it). */
bool ebb_history_result_json(ebb_history *h, int64_t id, char **json, char *err,
                             size_t err_size);

/* Absolute path of session id's recording into buf; false with a message when it has none. */
bool ebb_history_recording_path(ebb_history *h, int64_t id, char *buf, size_t size, char *err,
                                size_t err_size);

/* The newest sessions of a level that ended ("done" or "stopped") since `since` (NULL or
 * "": all), at most max, oldest first, as the challenge logic reads them: complete, time in
 * band, rest mean and SD from the stored metrics (NaN where a session has none). */
bool ebb_history_recent_sessions(ebb_history *h, const char *level_id, const char *since,
                                 ebb_challenge_session *out, size_t max, size_t *count,
                                 char *err, size_t err_size);

/* ---- challenges (history_challenge.c) ---- */

/* A level's challenge: 1 and since "" when never chosen. since: the sessions that count
 * towards the next offer start here (the choice, or the last declined offer). */
typedef struct ebb_history_challenge {
    int challenge;
    char since[EBB_HISTORY_TIME_MAX];
} ebb_history_challenge;

bool ebb_history_challenge_get(ebb_history *h, const char *level_id, ebb_history_challenge *out,
                               char *err, size_t err_size);

/* The person chose `challenge` (accepted an offer: 1..4), or declined one (challenge 0: the
 * level keeps its challenge, and the count of sessions starts again). */
bool ebb_history_challenge_set(ebb_history *h, const char *level_id, int challenge, time_t now,
                               char *err, size_t err_size);

/* What to offer for `level` (built at the level's current challenge) from its sessions
 * since the challenge was chosen, under `pack` (NULL: none; it may fix or cap the challenge,
 * or put relaxation first). *current gets the level's current challenge. */
struct ebb_pack;
bool ebb_history_challenge_offer(ebb_history *h, const ebb_level *level,
                                 const struct ebb_pack *pack, int *current,
                                 ebb_challenge_offer *offer, char *err, size_t err_size);

/* Rebuilds *level, loaded from `spec` (a built-in id, or the built-in level's own file, as
 * the menu gives it; any other file is left as written) with the pack's overrides, at
 * the challenge it is played at: the one the pack fixes, else the one chosen in the history
 * at the default path (never past the pack's cap). Leaves it as it is when there is nothing
 * to change, the history cannot be read, or the level is the pack's own. */
void ebb_history_level_to_challenge(const char *spec, const char *argv0,
                                    const struct ebb_pack *pack, ebb_level *level);

/* Formats t as ISO-8601 UTC. */
void ebb_history_time(time_t t, char buf[EBB_HISTORY_TIME_MAX]);

#endif
