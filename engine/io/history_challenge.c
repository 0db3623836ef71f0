/* The history store: the challenge chosen for each level (schema 3, table `challenges`). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pack.h"
#include "io/fileio.h"
#include "io/history_db.h"
#include "io/level_load.h"

bool ebb_history_challenge_get(ebb_history *h, const char *level_id, ebb_history_challenge *out,
                               char *err, size_t err_size)
{
    out->challenge = 1;
    out->since[0] = '\0';
    if (h->empty) {
        return true;
    }
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, "SELECT challenge, since FROM challenges WHERE level_id = ?1;",
                             &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, level_id, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        out->challenge = sqlite3_column_int(st, 0);
        const unsigned char *t = sqlite3_column_text(st, 1);
        snprintf(out->since, sizeof out->since, "%s", t ? (const char *)t : "");
        rc = SQLITE_DONE;
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    return true;
}

bool ebb_history_challenge_set(ebb_history *h, const char *level_id, int challenge, time_t now,
                               char *err, size_t err_size)
{
    if (h->read_only || challenge < 0 || challenge > EBB_CHALLENGE_MAX) {
        ebb_hdb_say(err, err_size, "cannot keep challenge %d for %s: %s", challenge, level_id,
                    h->read_only ? "the history is open read-only" : "challenges are 1 to 4");
        return false;
    }
    char when[EBB_HISTORY_TIME_MAX];
    ebb_history_time(now, when);
    /* Declining keeps the challenge (1 when there is no row yet) and moves `since`. */
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h,
        "INSERT INTO challenges (level_id, challenge, since) VALUES (?1, MAX(?2, 1), ?3)"
        " ON CONFLICT (level_id) DO UPDATE SET since = excluded.since,"
        " challenge = CASE WHEN ?2 = 0 THEN challenge ELSE excluded.challenge END;", &st);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, level_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, challenge);
        sqlite3_bind_text(st, 3, when, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "write");
        return false;
    }
    return true;
}

bool ebb_history_challenge_offer(ebb_history *h, const ebb_level *level,
                                 const struct ebb_pack *pack, int *current,
                                 ebb_challenge_offer *offer, char *err, size_t err_size)
{
    memset(offer, 0, sizeof *offer);
    ebb_history_challenge ch;
    if (!ebb_history_challenge_get(h, level->id, &ch, err, err_size)) {
        return false;
    }
    *current = ch.challenge;
    ebb_challenge_session s[EBB_CHALLENGE_GOOD_RUN];
    size_t n = 0;
    if (!ebb_history_recent_sessions(h, level->id, ch.since, s, EBB_CHALLENGE_GOOD_RUN, &n, err,
                                     err_size)) {
        return false;
    }
    const ebb_pack_level *pl = pack ? ebb_pack_find_level(pack, level->id) : NULL;
    ebb_challenge_input in = {
        .kind = level->kind,
        .current = ch.challenge,
        .count = (int)level->challenge_count,
        .cap = pl ? (int)pl->challenge_max : 0,
        .fixed = pl && pl->challenge > 0,
        .relaxation_first = ebb_pack_relaxation_first(pack),
        .rest_ceiling = ebb_challenge_rest_ceiling(level),
        .sessions = s,
        .session_count = n,
    };
    ebb_challenge_decide(&in, offer);
    return true;
}

void ebb_history_level_to_challenge(const char *spec, const char *argv0,
                                    const struct ebb_pack *pack, ebb_level *level)
{
    const ebb_pack_level *pl = pack ? ebb_pack_find_level(pack, level->id) : NULL;
    char path[EBB_PATH_MAX], err[EBB_HISTORY_ERR_MAX];
    ebb_diags d;
    ebb_diags_init(&d, spec);
    if (level->challenge_count <= 1 || (pl && pl->embedded) ||
        !ebb_level_resolve(spec, argv0, path, sizeof path, &d)) {
        return;
    }
    /* A file given by its path is the built-in level only when it is that level's own file
     * (the menu plays built-ins by path); any other file plays as written. */
    char own[EBB_PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    if (strcmp(spec, level->id) != 0 &&
        (!ebb_level_resolve(level->id, argv0, own, sizeof own, &d) || !realpath(path, a) ||
         !realpath(own, b) || strcmp(a, b) != 0)) {
        return;
    }
    int want = pl && pl->challenge > 0 ? (int)pl->challenge : 1;
    char hpath[EBB_PATH_MAX];
    if (want == 1 && ebb_history_default_path(hpath, sizeof hpath, err, sizeof err)) {
        ebb_history *h = ebb_history_open(hpath, EBB_HISTORY_READ_ONLY, err, sizeof err);
        ebb_history_challenge ch;
        if (h && ebb_history_challenge_get(h, level->id, &ch, err, sizeof err)) {
            want = ch.challenge;
        }
        ebb_history_close(h);
    }
    if (pl && pl->challenge_max > 0 && want > (int)pl->challenge_max) {
        want = (int)pl->challenge_max;
    }
    if (want == (int)level->challenge) {
        return;
    }
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.overrides = pl ? pl->overrides : o.overrides;
    o.challenge = (unsigned)want;
    char *text = NULL;
    size_t len = 0;
    ebb_level built;
    if (ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, &d) &&
        ebb_level_parse_ex(text, len, path, &o, &built, &d)) {
        ebb_level_free(level);
        *level = built;
    }
    free(text);
}
