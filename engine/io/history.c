#define _POSIX_C_SOURCE 200809L /* gmtime_r, open_memstream, mkdir */

#include "io/history.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/result_json.h"

struct ebb_history {
    sqlite3 *db;
    bool empty; /* read-only and no table yet: every query finds nothing */
    char path[1024];
};

static void say(char *err, size_t n, const char *fmt, ...) EBB_PRINTF(3, 4);

static void say(char *err, size_t n, const char *fmt, ...)
{
    if (err == NULL || n == 0) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

/* Turns an SQLite failure into words that say what to do. */
static void db_error(char *err, size_t n, sqlite3 *db, int rc, const char *path,
                     const char *doing)
{
    const char *detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        say(err, n, "the history at %s is busy: another program (perhaps another Ebb) is "
            "using it. Close that and try again.", path);
        break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        say(err, n, "the history at %s is damaged or is not an Ebb history (%s). Move it aside "
            "(for example rename it to history.sqlite3.damaged) and Ebb will start a new one.",
            path, detail);
        break;
    case SQLITE_FULL:
        say(err, n, "cannot %s the history at %s: the disk is full. Free some space and try "
            "again.", doing, path);
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
        say(err, n, "cannot %s the history at %s (%s). Check that its folder exists and that "
            "you may write to it.", doing, path, detail);
        break;
    default:
        say(err, n, "cannot %s the history at %s: %s", doing, path, detail);
        break;
    }
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
        say(err, err_size, "cannot tell where to keep Ebb's data: set HOME or XDG_DATA_HOME");
        return false;
    }
    if (w < 0 || (size_t)w >= size) {
        say(err, err_size, "the data folder path is too long (XDG_DATA_HOME or HOME)");
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
        say(err, err_size, "the history path is too long");
        return false;
    }
    return true;
}

/* mkdir -p of the directory holding path; private (0700): the history is health data. */
static bool make_parent_dirs(const char *path, char *err, size_t err_size)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir) {
        return true;
    }
    *slash = '\0';
    for (char *p = dir + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                say(err, err_size, "cannot create the folder %s: %s", dir, strerror(errno));
                return false;
            }
            *p = c;
            if (c == '\0') {
                return true;
            }
        }
    }
}

static int exec(ebb_history *h, const char *sql)
{
    return sqlite3_exec(h->db, sql, NULL, NULL, NULL);
}

static bool create_schema(ebb_history *h, char *err, size_t err_size)
{
    static const char sql[] =
        "BEGIN IMMEDIATE;"
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
        "CREATE INDEX IF NOT EXISTS sessions_time ON sessions(started_at);"
        "PRAGMA user_version = 1;"
        "COMMIT;";
    int rc = exec(h, sql);
    if (rc != SQLITE_OK) {
        db_error(err, err_size, h->db, rc, h->path, "set up");
        exec(h, "ROLLBACK;");
        return false;
    }
    return true;
}

static bool read_version(ebb_history *h, int *version, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, "PRAGMA user_version;", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
    }
    if (rc != SQLITE_ROW) {
        db_error(err, err_size, h->db, rc, h->path, "read");
        sqlite3_finalize(st);
        return false;
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return true;
}

ebb_history *ebb_history_open(const char *path, ebb_history_mode mode, char *err,
                              size_t err_size)
{
    ebb_history *h = calloc(1, sizeof *h);
    if (h == NULL) {
        say(err, err_size, "out of memory opening the history");
        return NULL;
    }
    snprintf(h->path, sizeof h->path, "%s", path);
    bool rw = mode == EBB_HISTORY_READ_WRITE;
    if (rw && !make_parent_dirs(path, err, err_size)) {
        free(h);
        return NULL;
    }
    int flags = rw ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path, &h->db, flags, NULL);
    int version = 0;
    if (rc != SQLITE_OK) {
        db_error(err, err_size, h->db, rc, path, "open");
        ebb_history_close(h);
        return NULL;
    }
    /* Another Ebb writing a session holds the lock for milliseconds: wait that long. */
    sqlite3_busy_timeout(h->db, 3000);
    sqlite3_extended_result_codes(h->db, 1);
    if (!read_version(h, &version, err, err_size)) {
        ebb_history_close(h);
        return NULL;
    }
    if (version > EBB_HISTORY_SCHEMA) {
        say(err, err_size, "the history at %s was written by a newer Ebb (format %d; this one "
            "reads %d). Update Ebb to carry on with it.", path, version, EBB_HISTORY_SCHEMA);
        ebb_history_close(h);
        return NULL;
    }
    if (version == 0) {
        if (!rw) {
            h->empty = true;
        } else if (!create_schema(h, err, err_size)) {
            ebb_history_close(h);
            return NULL;
        }
    }
    return h;
}

void ebb_history_close(ebb_history *h)
{
    if (h != NULL) {
        sqlite3_close(h->db);
        free(h);
    }
}

bool ebb_history_add(ebb_history *h, const ebb_history_session *s, int64_t *id_out, char *err,
                     size_t err_size)
{
    char when[EBB_HISTORY_TIME_MAX];
    ebb_history_time(s->started_at, when);
    sqlite3_stmt *st = NULL;
    int rc = exec(h, "BEGIN IMMEDIATE;");
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(h->db,
                                "INSERT INTO sessions (started_at, level_id, score, stars, "
                                "complete, duration_s, result_json) VALUES (?,?,?,?,?,?,?);",
                                -1, &st, NULL);
    }
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, when, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, s->level_id ? s->level_id : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 3, s->score);
        sqlite3_bind_int(st, 4, s->stars);
        sqlite3_bind_int(st, 5, s->complete ? 1 : 0);
        sqlite3_bind_double(st, 6, s->duration_s);
        sqlite3_bind_text(st, 7, s->result_json ? s->result_json : "{}", -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK) {
        if (id_out != NULL) {
            *id_out = sqlite3_last_insert_rowid(h->db);
        }
        rc = exec(h, "COMMIT;");
    }
    if (rc != SQLITE_OK) {
        db_error(err, err_size, h->db, rc, h->path, "save the session in");
        exec(h, "ROLLBACK;");
        return false;
    }
    return true;
}

bool ebb_history_add_result(ebb_history *h, const ebb_result *r, time_t started_at,
                            int64_t *id_out, char *err, size_t err_size)
{
    char *json = NULL;
    size_t json_len = 0;
    FILE *mem = open_memstream(&json, &json_len);
    if (mem == NULL) {
        say(err, err_size, "out of memory saving the session");
        return false;
    }
    ebb_result_write_json(r, mem);
    fclose(mem);
    ebb_history_session s = {
        .started_at = started_at,
        .level_id = r->level ? r->level->id : "",
        .score = r->score,
        .stars = r->stars,
        .complete = r->complete,
        .duration_s = (double)r->duration_ms / 1000.0,
        .result_json = json,
    };
    /* The JSON writer ends with a newline; the stored object does not need it. */
    while (json_len > 0 && (json[json_len - 1] == '\n' || json[json_len - 1] == '\r')) {
        json[--json_len] = '\0';
    }
    bool ok = ebb_history_add(h, &s, id_out, err, err_size);
    free(json);
    return ok;
}

static void copy_text(char *dst, size_t size, const unsigned char *src)
{
    snprintf(dst, size, "%s", src ? (const char *)src : "");
}

bool ebb_history_query(ebb_history *h, const ebb_history_filter *f, ebb_history_row **rows,
                       size_t *count, char *err, size_t err_size)
{
    *rows = NULL;
    *count = 0;
    if (h->empty) {
        return true;
    }
    static const ebb_history_filter none = {NULL, NULL, NULL};
    f = f ? f : &none;
    char sql[400] = "SELECT id, started_at, level_id, score, stars, complete, duration_s "
                    "FROM sessions WHERE 1";
    if (f->level_id) {
        strcat(sql, " AND level_id = ?1");
    }
    if (f->since) {
        strcat(sql, " AND started_at >= ?2");
    }
    if (f->until) {
        strcat(sql, " AND started_at < ?3");
    }
    strcat(sql, " ORDER BY started_at, id;");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        db_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    if (f->level_id) {
        sqlite3_bind_text(st, 1, f->level_id, -1, SQLITE_TRANSIENT);
    }
    if (f->since) {
        sqlite3_bind_text(st, 2, f->since, -1, SQLITE_TRANSIENT);
    }
    if (f->until) {
        sqlite3_bind_text(st, 3, f->until, -1, SQLITE_TRANSIENT);
    }
    size_t cap = 0;
    ebb_history_row *out = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            ebb_history_row *nr = realloc(out, ncap * sizeof *nr);
            if (nr == NULL) {
                rc = SQLITE_NOMEM;
                break;
            }
            out = nr;
            cap = ncap;
        }
        ebb_history_row *r = &out[(*count)++];
        r->id = sqlite3_column_int64(st, 0);
        copy_text(r->started_at, sizeof r->started_at, sqlite3_column_text(st, 1));
        copy_text(r->level_id, sizeof r->level_id, sqlite3_column_text(st, 2));
        r->score = sqlite3_column_int(st, 3);
        r->stars = sqlite3_column_int(st, 4);
        r->complete = sqlite3_column_int(st, 5) != 0;
        r->duration_s = sqlite3_column_double(st, 6);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_error(err, err_size, h->db, rc, h->path, "read");
        free(out);
        *count = 0;
        return false;
    }
    *rows = out;
    return true;
}

bool ebb_history_result_json(ebb_history *h, int64_t id, char **json, char *err,
                             size_t err_size)
{
    *json = NULL;
    sqlite3_stmt *st = NULL;
    int rc = h->empty ? SQLITE_DONE
                      : sqlite3_prepare_v2(h->db, "SELECT result_json FROM sessions WHERE id = ?;",
                                           -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        *json = strdup(t ? (const char *)t : "{}");
        rc = *json ? SQLITE_OK : SQLITE_NOMEM;
    } else if (rc == SQLITE_DONE) {
        say(err, err_size, "no session %lld in the history", (long long)id);
        sqlite3_finalize(st);
        return false;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        db_error(err, err_size, h->db, rc, h->path, "read");
        return false;
    }
    return true;
}
