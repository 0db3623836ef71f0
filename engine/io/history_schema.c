/* The history store, opening: private files and folders, WAL, the versioned schema and its
 * forward migrations, and finding sessions that a crash or a kill cut off. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r, fchmod, kill, flock via _DEFAULT_SOURCE below */
#define _DEFAULT_SOURCE         /* flock */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/history_db.h"

void ebb_hdb_say(char *err, size_t n, const char *fmt, ...)
{
    if (err == NULL || n == 0) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

void ebb_hdb_error(char *err, size_t n, sqlite3 *db, int rc, const char *path,
                   const char *doing)
{
    const char *detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    /* A full disk can come back as an I/O error (growing the -shm or -wal file): the
     * system's errno tells it apart, and the person should hear "the disk is full". */
    if (db != NULL && (rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(db) == ENOSPC) {
        rc = SQLITE_FULL;
    }
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        ebb_hdb_say(err, n, "the history at %s is busy: another program (perhaps another Ebb) "
                    "is using it. Close that and try again.", path);
        break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        ebb_hdb_say(err, n, "the history at %s is damaged or is not an Ebb history (%s). Move "
                    "it aside (for example rename it to history.sqlite3.damaged) and Ebb will "
                    "start a new one.", path, detail);
        break;
    case SQLITE_FULL:
        ebb_hdb_say(err, n, "cannot %s the history at %s: the disk is full. Free some space "
                    "and try again.", doing, path);
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
        ebb_hdb_say(err, n, "cannot %s the history at %s (%s). Check that its folder exists "
                    "and that you may write to it.", doing, path, detail);
        break;
    default:
        ebb_hdb_say(err, n, "cannot %s the history at %s: %s", doing, path, detail);
        break;
    }
}

int ebb_hdb_exec(ebb_history *h, const char *sql)
{
    return sqlite3_exec(h->db, sql, NULL, NULL, NULL);
}

void ebb_history_time(time_t t, char buf[EBB_HISTORY_TIME_MAX])
{
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL ||
        strftime(buf, EBB_HISTORY_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        snprintf(buf, EBB_HISTORY_TIME_MAX, "1970-01-01T00:00:00Z");
    }
}

bool ebb_data_dir(char *buf, size_t size, char *err, size_t err_size)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int w;
    /* The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored. */
    if (xdg != NULL && xdg[0] == '/') {
        w = snprintf(buf, size, "%s/ebb", xdg);
    } else if (home != NULL && home[0] != '\0') {
        w = snprintf(buf, size, "%s/.local/share/ebb", home);
    } else {
        ebb_hdb_say(err, err_size, "cannot tell where to keep Ebb's data: set HOME or "
                    "XDG_DATA_HOME");
        return false;
    }
    if (w < 0 || (size_t)w >= size) {
        ebb_hdb_say(err, err_size, "the data folder path is too long (XDG_DATA_HOME or HOME)");
        return false;
    }
    return true;
}

void *ebb_hdb_grow(void *buf, size_t *cap, size_t count, size_t elem)
{
    if (count < *cap) {
        return buf;
    }
    const size_t ncap = *cap ? *cap * 2 : 32;
    void *nb = realloc(buf, ncap * elem);
    if (nb != NULL) {
        *cap = ncap;
    }
    return nb;
}

bool ebb_data_subdir(const char *name, char *buf, size_t size, char *err, size_t err_size)
{
    char data[900];
    if (!ebb_data_dir(data, sizeof data, err, err_size)) {
        return false;
    }
    const int w = snprintf(buf, size, "%s/%s", data, name);
    if (w < 0 || (size_t)w >= size) {
        ebb_hdb_say(err, err_size, "the data folder path is too long (XDG_DATA_HOME or HOME)");
        return false;
    }
    return true;
}

bool ebb_history_default_path(char *buf, size_t size, char *err, size_t err_size)
{
    char dir[900];
    if (!ebb_data_dir(dir, sizeof dir, err, err_size)) {
        return false;
    }
    int w = snprintf(buf, size, "%s/history.sqlite3", dir);
    if (w < 0 || (size_t)w >= size) {
        ebb_hdb_say(err, err_size, "the history path is too long");
        return false;
    }
    return true;
}

void ebb_hdb_private_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0077) != 0) {
        (void)chmod(path, 0600); /* best effort: a file we do not own stays as it is */
    }
}

bool ebb_hdb_private_dirs(const char *dir_in, char *err, size_t err_size)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", dir_in);
    for (char *p = dir + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) == 0) {
                (void)chmod(dir, 0700); /* the umask may have taken bits we need */
            } else if (errno != EEXIST) {
                ebb_hdb_say(err, err_size, "cannot create the folder %s: %s", dir,
                            strerror(errno));
                return false;
            }
            *p = c;
            if (c == '\0') {
                break;
            }
        }
    }
    /* Ebb's own folder is private even when an older Ebb or the umask made it otherwise. */
    struct stat st;
    if (stat(dir, &st) == 0 && (st.st_mode & 0777) != 0700) {
        (void)chmod(dir, 0700);
    }
    return true;
}

bool ebb_hdb_recording_abs(const ebb_history *h, const char *rel, char *buf, size_t size)
{
    if (rel == NULL || rel[0] == '\0') {
        return false;
    }
    int w = snprintf(buf, size, "%s/%s", h->dir, rel);
    return w > 0 && (size_t)w < size;
}

bool ebb_hdb_writer_alive(const ebb_history *h, const char *recording_rel, long long pid)
{
    char path[1200];
    if (ebb_hdb_recording_abs(h, recording_rel, path, sizeof path)) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            /* The writer holds an exclusive lock for as long as it lives; the kernel drops
             * it when the process dies, however it dies. */
            int rc = flock(fd, LOCK_SH | LOCK_NB);
            int e = errno;
            close(fd);
            return rc != 0 && e == EWOULDBLOCK;
        }
    }
    /* No recording (yet): the row is written before its recording is created. */
    if (pid <= 0) {
        return false;
    }
    if ((pid_t)pid == getpid()) {
        return true;
    }
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* ---- schema ------------------------------------------------------------------------------ */

/* Version 1, as the first release wrote it: one table of whole sessions. A new file is made
 * at version 1 and migrated like any other, so every file walks the same path. */
static const char schema_v1[] =
    "CREATE TABLE IF NOT EXISTS sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  started_at TEXT NOT NULL,"
    "  level_id TEXT NOT NULL,"
    "  score INTEGER NOT NULL,"
    "  stars INTEGER NOT NULL,"
    "  complete INTEGER NOT NULL,"
    "  duration_s REAL NOT NULL,"
    "  result_json TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sessions_level_time ON sessions(level_id, started_at);"
    "CREATE INDEX IF NOT EXISTS sessions_time ON sessions(started_at);";

/* Version 2: live sessions with their state, steps and level results, the pack and program
 * in force, probe profiles and calibrations, recordings. The sessions of version 1 keep
 * their rows; their steps and summaries are read out of their stored JSON. */
static const char migrate_v2[] =
    "ALTER TABLE sessions ADD COLUMN state TEXT NOT NULL DEFAULT 'done';"
    "ALTER TABLE sessions ADD COLUMN title TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE sessions ADD COLUMN probe TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE sessions ADD COLUMN step_count INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE sessions ADD COLUMN steps_done INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE sessions ADD COLUMN recording TEXT;"
    "ALTER TABLE sessions ADD COLUMN writer_pid INTEGER;"
    "ALTER TABLE sessions ADD COLUMN pack_ref INTEGER REFERENCES packs(id);"
    "ALTER TABLE sessions ADD COLUMN program_day INTEGER;"
    "ALTER TABLE sessions ADD COLUMN calibration_id INTEGER REFERENCES calibrations(id);"
    "ALTER TABLE sessions ADD COLUMN ended_at TEXT;"
    "CREATE INDEX sessions_state ON sessions(state);"
    "CREATE TABLE packs ("
    "  id INTEGER PRIMARY KEY,"
    "  pack_id TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  text_hash TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  first_seen TEXT NOT NULL,"
    "  UNIQUE (pack_id, text_hash));"
    "CREATE TABLE probe_profiles ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  probe TEXT NOT NULL,"
    "  first_seen TEXT NOT NULL);"
    "CREATE TABLE calibrations ("
    "  id INTEGER PRIMARY KEY,"
    "  profile_id INTEGER NOT NULL REFERENCES probe_profiles(id),"
    "  unit TEXT NOT NULL,"
    "  rest REAL NOT NULL,"
    "  mvc REAL NOT NULL,"
    "  first_seen TEXT NOT NULL,"
    "  UNIQUE (profile_id, unit, rest, mvc));"
    "CREATE TABLE level_results ("
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,"
    "  level_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  score INTEGER NOT NULL,"
    "  stars INTEGER NOT NULL,"
    "  complete INTEGER NOT NULL,"
    "  duration_s REAL NOT NULL,"
    "  rest_mean REAL, rest_sd REAL, rest_in_band REAL, release_mean_s REAL,"
    "  hold_in_band REAL, breath_in_band REAL, flicks_ok INTEGER, flicks_total INTEGER,"
    "  metrics_json TEXT NOT NULL DEFAULT '{}');"
    "CREATE TABLE step_results ("
    "  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
    "  step_index INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  start_s REAL NOT NULL,"
    "  duration_s REAL NOT NULL,"
    "  reached INTEGER NOT NULL,"
    "  score REAL, in_band REAL, mean REAL, sd REAL, peak REAL, release_s REAL,"
    "  flick_ok INTEGER,"
    "  metrics_json TEXT NOT NULL DEFAULT '{}',"
    "  PRIMARY KEY (session_id, step_index)) WITHOUT ROWID;";

/* ... and what version 1 kept in JSON becomes rows. */
static const char migrate_v2_data[] =
    "UPDATE sessions SET"
    "  state = CASE WHEN complete THEN 'done' ELSE 'stopped' END,"
    "  title = COALESCE(json_extract(result_json, '$.title'), ''),"
    "  kind = COALESCE(json_extract(result_json, '$.kind'), ''),"
    "  step_count = COALESCE(json_array_length(result_json, '$.steps'), 0)"
    "  WHERE json_valid(result_json);"
    "INSERT INTO step_results (session_id, step_index, kind, line, start_s, duration_s,"
    "  reached, score, in_band, mean, sd, peak, release_s, flick_ok)"
    "  SELECT s.id, json_extract(j.value, '$.index'), json_extract(j.value, '$.kind'),"
    "    json_extract(j.value, '$.line'), json_extract(j.value, '$.start_s'),"
    "    json_extract(j.value, '$.duration_s'), json_extract(j.value, '$.reached'),"
    "    json_extract(j.value, '$.score'), json_extract(j.value, '$.in_band'),"
    "    json_extract(j.value, '$.mean'), json_extract(j.value, '$.sd'),"
    "    json_extract(j.value, '$.peak'), json_extract(j.value, '$.release_s'),"
    "    json_extract(j.value, '$.flick_ok')"
    "  FROM sessions s, json_each(s.result_json, '$.steps') j"
    "  WHERE json_valid(s.result_json) AND json_extract(j.value, '$.index') IS NOT NULL;"
    "UPDATE sessions SET steps_done ="
    "  (SELECT COUNT(*) FROM step_results r WHERE r.session_id = sessions.id AND r.reached);"
    "INSERT INTO level_results (session_id, level_id, kind, score, stars, complete, duration_s,"
    "  rest_mean, rest_sd, rest_in_band, release_mean_s, hold_in_band, breath_in_band,"
    "  flicks_ok, flicks_total)"
    "  SELECT id, level_id, kind, score, stars, complete, duration_s,"
    "    json_extract(result_json, '$.metrics.rest_mean'),"
    "    json_extract(result_json, '$.metrics.rest_sd'),"
    "    json_extract(result_json, '$.metrics.rest_in_band'),"
    "    json_extract(result_json, '$.metrics.release_mean_s'),"
    "    json_extract(result_json, '$.metrics.hold_in_band'),"
    "    json_extract(result_json, '$.metrics.breath_in_band'),"
    "    json_extract(result_json, '$.metrics.flicks_ok'),"
    "    json_extract(result_json, '$.metrics.flicks_total')"
    "  FROM sessions WHERE json_valid(result_json);";

/* Version 3: the challenge chosen for each level (core/challenge.h). Kept here rather than
 * in the settings because it belongs with the sessions that earned it: `since` marks where
 * the sessions that count towards the next offer begin (the choice, or a declined offer). */
static const char migrate_v3[] =
    "CREATE TABLE challenges ("
    "  level_id TEXT PRIMARY KEY,"
    "  challenge INTEGER NOT NULL CHECK (challenge BETWEEN 1 AND 4),"
    "  since TEXT NOT NULL);";

/* migrations[v] takes a file from version v to v + 1. */
static const char *const migrations[EBB_HISTORY_SCHEMA][3] = {
    {schema_v1, NULL, NULL},
    {migrate_v2, migrate_v2_data, NULL},
    {migrate_v3, NULL, NULL},
};

static bool read_version(ebb_history *h, int *version, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, "PRAGMA user_version;", &st);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
    }
    if (rc != SQLITE_ROW) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        ebb_hdb_finish(h, st);
        return false;
    }
    *version = sqlite3_column_int(st, 0);
    ebb_hdb_finish(h, st);
    return true;
}

/* Every step from `from` to the current version in one transaction: a file is upgraded
 * whole or left as it was. */
static bool migrate(ebb_history *h, int from, char *err, size_t err_size)
{
    int rc = ebb_hdb_run(h, "BEGIN IMMEDIATE;");
    int version = from;
    if (rc == SQLITE_OK && !read_version(h, &version, err, err_size)) {
        ebb_hdb_run(h, "ROLLBACK;");
        return false;
    }
    if (rc == SQLITE_OK && version < 0) {
        rc = SQLITE_CORRUPT; /* changed to a negative format while we waited for the lock */
    }
    /* Another Ebb may have upgraded it while we waited for the lock. */
    for (int v = version; rc == SQLITE_OK && v < EBB_HISTORY_SCHEMA; v++) {
        for (size_t i = 0; rc == SQLITE_OK && migrations[v][i] != NULL; i++) {
            rc = ebb_hdb_exec(h, migrations[v][i]);
        }
    }
    if (rc == SQLITE_OK && version < EBB_HISTORY_SCHEMA) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", EBB_HISTORY_SCHEMA);
        rc = ebb_hdb_exec(h, sql);
    }
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_run(h, "COMMIT;");
    }
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path,
                      from == 0 ? "set up" : "upgrade");
        ebb_hdb_run(h, "ROLLBACK;");
        return false;
    }
    return true;
}

/* Live sessions whose writer is gone were cut off: mark them interrupted, keeping what they
 * had committed. */
static bool recover(ebb_history *h, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    int rc = ebb_hdb_prepare(h, "SELECT id, recording, writer_pid FROM sessions "
                                "WHERE state = 'live';", &st);
    int64_t cut[64];
    size_t n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *rec = sqlite3_column_text(st, 1);
        if (n < sizeof cut / sizeof cut[0] &&
            !ebb_hdb_writer_alive(h, rec ? (const char *)rec : NULL,
                                  sqlite3_column_int64(st, 2))) {
            cut[n++] = sqlite3_column_int64(st, 0);
        }
        rc = SQLITE_OK;
    }
    ebb_hdb_finish(h, st);
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    if (n == 0) {
        return true;
    }
    char now[EBB_HISTORY_TIME_MAX];
    ebb_history_time(time(NULL), now);
    rc = ebb_hdb_run(h, "BEGIN IMMEDIATE;");
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_prepare(h, "UPDATE sessions SET state = 'interrupted', "
                                "ended_at = ?2 WHERE id = ?1 AND state = 'live';", &st);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int64(st, 1, cut[i]);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h->db);
        h->recovered += (size_t)sqlite3_changes(h->db);
        sqlite3_reset(st);
    }
    ebb_hdb_finish(h, st);
    if (rc == SQLITE_OK) {
        rc = ebb_hdb_run(h, "COMMIT;");
    }
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, h->path, "update");
        ebb_hdb_run(h, "ROLLBACK;");
        h->recovered = 0;
        return false;
    }
    return true;
}

/* The database file itself is created here, 0600, before SQLite sees it: SQLite gives its
 * -wal, -shm and -journal files the mode of the database file. */
static bool create_private(const char *path, char *err, size_t err_size)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        ebb_hdb_say(err, err_size, "cannot create the history at %s: %s", path,
                    strerror(errno));
        return false;
    }
    (void)fchmod(fd, 0600);
    close(fd);
    return true;
}

static void private_companions(const char *path)
{
    static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        char p[1100];
        snprintf(p, sizeof p, "%s%s", path, tails[i]);
        ebb_hdb_private_file(p);
    }
}

ebb_history *ebb_history_open(const char *path, ebb_history_mode mode, char *err,
                              size_t err_size)
{
    ebb_history *h = calloc(1, sizeof *h);
    if (h == NULL) {
        ebb_hdb_say(err, err_size, "out of memory opening the history");
        return NULL;
    }
    snprintf(h->path, sizeof h->path, "%s", path);
    snprintf(h->dir, sizeof h->dir, "%s", path);
    char *slash = strrchr(h->dir, '/');
    if (slash == NULL) {
        snprintf(h->dir, sizeof h->dir, ".");
    } else if (slash == h->dir) {
        h->dir[1] = '\0';
    } else {
        *slash = '\0';
    }
    const bool rw = mode == EBB_HISTORY_READ_WRITE;
    if (rw && (!ebb_hdb_private_dirs(h->dir, err, err_size) ||
               !create_private(path, err, err_size))) {
        free(h);
        return NULL;
    }
    private_companions(path);
    /* Read-only callers still open for writing when they may, so that an older file can be
     * upgraded and cut-off sessions marked; a file they may not write opens read-only. */
    int rc = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        ebb_hdb_error(err, err_size, h->db, rc, path, "open");
        ebb_history_close(h);
        return NULL;
    }
    h->read_only = sqlite3_db_readonly(h->db, "main") == 1;
    /* Another Ebb writing a step holds the lock for milliseconds: wait that long. */
    sqlite3_busy_timeout(h->db, 3000);
    sqlite3_extended_result_codes(h->db, 1);
    int version = 0;
    if (!read_version(h, &version, err, err_size)) {
        ebb_history_close(h);
        return NULL;
    }
    if (version < 0) {
        /* user_version is any 32-bit number: a negative one would index before the
         * migrations (the history fuzz target found it). No Ebb ever wrote one. */
        ebb_hdb_say(err, err_size, "the history at %s is damaged or is not an Ebb history "
                    "(format %d). Move it aside (for example rename it to "
                    "history.sqlite3.damaged) and Ebb will start a new one.", path, version);
        ebb_history_close(h);
        return NULL;
    }
    if (version > EBB_HISTORY_SCHEMA) {
        ebb_hdb_say(err, err_size, "the history at %s was written by a newer Ebb (format %d; "
                    "this one reads %d). Update Ebb to carry on with it.", path, version,
                    EBB_HISTORY_SCHEMA);
        ebb_history_close(h);
        return NULL;
    }
    if (version == 0 && !rw) {
        h->empty = true; /* nothing was ever written: nothing to set up for a reader */
        return h;
    }
    if (!h->read_only) {
        /* WAL: a reader (ebb history) never blocks the writer of a live session, and a
         * commit is one append. FULL: each commit is on disk before the step moves on, so
         * a power cut loses no step that was shown as done. */
        rc = ebb_hdb_exec(h, "PRAGMA journal_mode = WAL;");
        if (rc == SQLITE_OK) {
            rc = ebb_hdb_exec(h, "PRAGMA synchronous = FULL;");
        }
        if (rc != SQLITE_OK) {
            ebb_hdb_error(err, err_size, h->db, rc, path, "open");
            ebb_history_close(h);
            return NULL;
        }
        ebb_hdb_exec(h, "PRAGMA foreign_keys = ON;");
    }
    if (version < EBB_HISTORY_SCHEMA && !migrate(h, version, err, err_size)) {
        ebb_history_close(h);
        return NULL;
    }
    h->version = EBB_HISTORY_SCHEMA;
    private_companions(path);
    if (!h->read_only && !recover(h, err, err_size)) {
        ebb_history_close(h);
        return NULL;
    }
    return h;
}

void ebb_history_close(ebb_history *h)
{
    if (h != NULL) {
        ebb_hdb_forget(h);
        sqlite3_close(h->db);
        free(h);
    }
}

size_t ebb_history_recovered(const ebb_history *h)
{
    return h->recovered;
}

const char *ebb_history_dir(const ebb_history *h)
{
    return h->dir;
}
