#define _POSIX_C_SOURCE 200809L /* mkstemp, fsync, localtime_r, opendir */

#include "io/pack_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/fileio.h"
#include "io/history.h"
#include "io/level_load.h"

#define STORE_PATH_MAX 1024

static void say(char *err, size_t n, const char *fmt, ...) EBB_PRINTF(3, 4);
static void say(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

/* ---- dates ------------------------------------------------------------------------------ */

void ebb_local_date(time_t t, char out[EBB_DATE_MAX])
{
    struct tm tm;
    if (localtime_r(&t, &tm) == NULL || strftime(out, EBB_DATE_MAX, "%Y-%m-%d", &tm) == 0) {
        snprintf(out, EBB_DATE_MAX, "1970-01-01");
    }
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool parse_date(const char *s, long *days)
{
    int y = 0, m = 0, d = 0, n = 0;
    /* NOLINTNEXTLINE(cert-err34-c): the widths bound each number; the ranges are checked */
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || m < 1 || m > 12 ||
        d < 1 || d > 31) {
        return false;
    }
    *days = days_from_civil(y, m, d);
    return true;
}

bool ebb_date_diff(const char *a, const char *b, int *days)
{
    long da = 0, db = 0;
    if (!parse_date(a, &da) || !parse_date(b, &db)) {
        return false;
    }
    *days = (int)(db - da);
    return true;
}

/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) → the local date it fell on. */
static bool utc_to_local_date(const char *iso, char out[EBB_DATE_MAX])
{
    int y, mo, d, h, mi, s;
    /* NOLINTNEXTLINE(cert-err34-c): the widths bound each number to 4 or 2 digits */
    if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
        return false;
    }
    time_t t = (time_t)(days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L + s);
    ebb_local_date(t, out);
    return true;
}

/* ---- files ------------------------------------------------------------------------------ */

static bool store_dir(char *buf, size_t size, char *err, size_t err_size)
{
    return ebb_data_subdir("packs", buf, size, err, err_size);
}

/* ---- state ------------------------------------------------------------------------------ */

#define STATE_MAX 64

typedef struct store_state {
    char active[EBB_PACK_ID_MAX + 1];
    struct {
        char id[EBB_PACK_ID_MAX + 1];
        char date[EBB_DATE_MAX];
    } packs[STATE_MAX];
    size_t count;
} store_state;

/* A missing or odd state file is not fatal: unknown lines are skipped. */
static void state_read(const char *dir, store_state *st)
{
    memset(st, 0, sizeof *st);
    char path[STORE_PATH_MAX];
    snprintf(path, sizeof path, "%s/state", dir);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return;
    }
    char line[256], id[128], date[32];
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "active %127s", id) == 1 && ebb_pack_id_valid(id)) {
            memcpy(st->active, id, strlen(id) + 1); /* valid ids fit */
        } else if (sscanf(line, "installed %127s %31s", id, date) == 2 &&
                   ebb_pack_id_valid(id) && strlen(date) == 10 && st->count < STATE_MAX) {
            memcpy(st->packs[st->count].id, id, strlen(id) + 1);
            memcpy(st->packs[st->count].date, date, EBB_DATE_MAX);
            st->count++;
        }
    }
    fclose(f);
}

static bool state_write(const char *dir, const store_state *st, char *err, size_t err_size)
{
    char buf[STATE_MAX * 80 + 256];
    size_t n = (size_t)snprintf(buf, sizeof buf,
                                "# Ebb's pack state, written by Ebb: the active pack and the "
                                "date each pack was installed.\n");
    if (st->active[0] != '\0') {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "active %s\n", st->active);
    }
    for (size_t i = 0; i < st->count; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "installed %s %s\n", st->packs[i].id,
                              st->packs[i].date);
    }
    return ebb_file_write_atomic(dir, "state", buf, n, err, err_size);
}

static const char *state_date(const store_state *st, const char *id)
{
    for (size_t i = 0; i < st->count; i++) {
        if (strcmp(st->packs[i].id, id) == 0) {
            return st->packs[i].date;
        }
    }
    return NULL;
}

static void state_drop(store_state *st, const char *id)
{
    for (size_t i = 0; i < st->count; i++) {
        if (strcmp(st->packs[i].id, id) == 0) {
            st->packs[i] = st->packs[--st->count];
            i--;
        }
    }
    if (strcmp(st->active, id) == 0) {
        st->active[0] = '\0';
    }
}

/* ---- loading ---------------------------------------------------------------------------- */

bool ebb_pack_load_file(const char *path, const char *argv0, ebb_pack *out, ebb_diags *diags)
{
    memset(out, 0, sizeof *out);
    char *text = NULL;
    size_t len = 0;
    if (!ebb_file_read(path, EBB_PACK_FILE_MAX, &text, &len, diags)) {
        return false;
    }
    ebb_catalog cat;
    memset(&cat, 0, sizeof cat);
    const char *dir = ebb_levels_dir(argv0);
    if (dir != NULL) {
        ebb_catalog_load(dir, &cat, NULL);
    }
    const char **ids = calloc(cat.count + 1, sizeof *ids);
    bool ok = ids != NULL;
    if (!ok) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
    }
    for (size_t i = 0; ok && i < cat.count; i++) {
        ids[i] = cat.entries[i].level.id;
    }
    ebb_pack_parse_opts opts = {ids, cat.count};
    ok = ok && ebb_pack_parse(text, len, path, &opts, out, diags);
    /* Built-in levels: their titles, and whether the pack's overrides still fit them. */
    for (size_t i = 0; ok && i < out->level_count; i++) {
        ebb_pack_level *pl = &out->levels[i];
        for (size_t c = 0; !pl->embedded && c < cat.count; c++) {
            if (strcmp(cat.entries[c].level.id, pl->id) != 0) {
                continue;
            }
            snprintf(pl->title, sizeof pl->title, "%s", cat.entries[c].level.title);
            char *lt = NULL;
            size_t ll = 0;
            ebb_diags scratch;
            ebb_diags_init(&scratch, cat.entries[c].path);
            if (pl->has_overrides &&
                ebb_file_read(cat.entries[c].path, EBB_LEVEL_FILE_MAX, &lt, &ll, &scratch)) {
                ebb_pack_check_overrides(pl, lt, ll, diags);
            }
            free(lt);
        }
    }
    if (ok && diags->errors > 0) {
        ebb_pack_free(out);
        ok = false;
    }
    free(ids);
    ebb_catalog_free(&cat);
    free(text);
    return ok;
}

static bool pack_path(const char *dir, const char *id, char *buf, size_t size)
{
    int w = snprintf(buf, size, "%s/%s.pack", dir, id);
    return w > 0 && (size_t)w < size;
}

static bool is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The store's state and the active pack's file. Returns 0 when a pack is active, 3 when none
 * is (or its file is gone), 1 when there is no data directory (err says why). */
static int active_pack(store_state *st, char *path, size_t size, char *err, size_t err_size)
{
    char dir[STORE_PATH_MAX];
    if (!store_dir(dir, sizeof dir, err, err_size)) {
        return 1;
    }
    state_read(dir, st);
    bool found = st->active[0] != '\0' && pack_path(dir, st->active, path, size) && is_file(path);
    return found ? 0 : 3;
}

/* ---- commands --------------------------------------------------------------------------- */

int ebb_pack_store_install(const char *path, const char *argv0, time_t now, ebb_pack_info *info,
                           bool *updated, ebb_diags *diags, char *err, size_t err_size)
{
    memset(info, 0, sizeof *info);
    *updated = false;
    ebb_pack pack;
    if (!ebb_pack_load_file(path, argv0, &pack, diags)) {
        return 2; /* bad input, including a file that cannot be read: nothing was touched */
    }
    /* The exact bytes are copied, not a re-print: what the therapist wrote is what is kept. */
    char dir[STORE_PATH_MAX], dst[STORE_PATH_MAX], name[EBB_PACK_ID_MAX + 8];
    int rc = 1;
    store_state st;
    if (store_dir(dir, sizeof dir, err, err_size) && ebb_dir_create(dir, err, err_size) &&
        pack_path(dir, pack.id, dst, sizeof dst)) {
        snprintf(name, sizeof name, "%s.pack", pack.id);
        state_read(dir, &st);
        *updated = is_file(dst);
        if (ebb_file_write_atomic(dir, name, pack.text, pack.text_len, err, err_size)) {
            const char *date = state_date(&st, pack.id);
            char today[EBB_DATE_MAX];
            ebb_local_date(now, today);
            if (date == NULL && st.count < STATE_MAX) {
                snprintf(st.packs[st.count].id, sizeof st.packs[0].id, "%s", pack.id);
                snprintf(st.packs[st.count].date, sizeof st.packs[0].date, "%s", today);
                st.count++;
                date = today;
            }
            snprintf(st.active, sizeof st.active, "%s", pack.id);
            snprintf(info->id, sizeof info->id, "%s", pack.id);
            snprintf(info->title, sizeof info->title, "%s", pack.title);
            snprintf(info->author, sizeof info->author, "%s", pack.author);
            snprintf(info->installed, sizeof info->installed, "%s", date ? date : today);
            info->active = info->readable = true;
            rc = state_write(dir, &st, err, err_size) ? 0 : 1;
            if (rc != 0 && !*updated) {
                unlink(dst); /* a pack the state does not name would be half installed */
            }
        }
    }
    ebb_pack_free(&pack);
    return rc;
}

/* An id from the command line: never used to build a path before it is known to be one.
 * On success the store's state is read into *st. */
static int find_installed(const char *id, char *dir, size_t dsize, char *path, size_t psize,
                          store_state *st, char *err, size_t err_size)
{
    if (!ebb_pack_id_valid(id)) {
        say(err, err_size, "'%s' is not a pack id (ids are like relaxation-first); "
            "'ebb pack list' shows the installed packs", id);
        return 2;
    }
    if (!store_dir(dir, dsize, err, err_size)) {
        return 1;
    }
    if (!pack_path(dir, id, path, psize) || !is_file(path)) {
        say(err, err_size, "no pack '%s' is installed; 'ebb pack list' shows the installed "
            "packs", id);
        return 2;
    }
    state_read(dir, st);
    return 0;
}

int ebb_pack_store_remove(const char *id, bool *was_active, char *err, size_t err_size)
{
    char dir[STORE_PATH_MAX], path[STORE_PATH_MAX];
    store_state st;
    *was_active = false;
    int rc = find_installed(id, dir, sizeof dir, path, sizeof path, &st, err, err_size);
    if (rc != 0) {
        return rc;
    }
    *was_active = strcmp(st.active, id) == 0;
    if (unlink(path) != 0) {
        say(err, err_size, "cannot remove %s: %s", path, strerror(errno));
        return 1;
    }
    state_drop(&st, id);
    return state_write(dir, &st, err, err_size) ? 0 : 1;
}

int ebb_pack_store_activate(const char *id, char *err, size_t err_size)
{
    char dir[STORE_PATH_MAX], path[STORE_PATH_MAX];
    store_state st;
    int rc = find_installed(id, dir, sizeof dir, path, sizeof path, &st, err, err_size);
    if (rc != 0) {
        return rc;
    }
    snprintf(st.active, sizeof st.active, "%s", id);
    return state_write(dir, &st, err, err_size) ? 0 : 1;
}

static int info_compare(const void *a, const void *b)
{
    return strcmp(((const ebb_pack_info *)a)->id, ((const ebb_pack_info *)b)->id);
}

static void fill_info(const char *dir, const char *id, const store_state *st, ebb_pack_info *in)
{
    char path[STORE_PATH_MAX];
    memset(in, 0, sizeof *in);
    snprintf(in->id, sizeof in->id, "%s", id);
    const char *date = state_date(st, id);
    snprintf(in->installed, sizeof in->installed, "%s", date ? date : "?");
    in->active = strcmp(st->active, id) == 0;
    ebb_pack *pk = malloc(sizeof *pk);
    ebb_diags *d = malloc(sizeof *d);
    if (pk != NULL && d != NULL && pack_path(dir, id, path, sizeof path)) {
        ebb_diags_init(d, path);
        char *text = NULL;
        size_t len = 0;
        /* Only the header is wanted: no built-in list, so a level removed from a later Ebb
         * does not hide the pack from the list. */
        if (ebb_file_read(path, EBB_PACK_FILE_MAX, &text, &len, d) &&
            ebb_pack_parse(text, len, path, NULL, pk, d)) {
            snprintf(in->title, sizeof in->title, "%s", pk->title);
            snprintf(in->author, sizeof in->author, "%s", pk->author);
            in->readable = true;
            ebb_pack_free(pk);
        }
        free(text);
    }
    free(pk);
    free(d);
}

int ebb_pack_store_list(ebb_pack_info **list, size_t *count, char *err, size_t err_size)
{
    *list = NULL;
    *count = 0;
    char dir[STORE_PATH_MAX];
    if (!store_dir(dir, sizeof dir, err, err_size)) {
        return 1;
    }
    DIR *dp = opendir(dir);
    if (dp == NULL) {
        return errno == ENOENT ? 0 : (say(err, err_size, "cannot read %s: %s", dir,
                                          strerror(errno)), 1);
    }
    store_state st;
    state_read(dir, &st);
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t n = strlen(e->d_name);
        char id[EBB_PACK_ID_MAX + 1];
        if (e->d_name[0] == '.' || n < 6 || n - 5 > EBB_PACK_ID_MAX ||
            strcmp(e->d_name + n - 5, ".pack") != 0) {
            continue;
        }
        memcpy(id, e->d_name, n - 5);
        id[n - 5] = '\0';
        if (!ebb_pack_id_valid(id)) {
            continue;
        }
        if (*count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            ebb_pack_info *nl = realloc(*list, ncap * sizeof *nl);
            if (nl == NULL) {
                closedir(dp);
                say(err, err_size, "out of memory listing the packs");
                return 1;
            }
            *list = nl;
            cap = ncap;
        }
        fill_info(dir, id, &st, &(*list)[(*count)++]);
    }
    closedir(dp);
    if (*count > 1) {
        qsort(*list, *count, sizeof **list, info_compare);
    }
    return 0;
}

/* Sessions since the install day, as the program logic wants them. */
static int load_records(const char *install_date, ebb_pack_record **recs, size_t *n,
                        char *err, size_t err_size)
{
    *recs = NULL;
    *n = 0;
    char path[STORE_PATH_MAX];
    if (!ebb_history_default_path(path, sizeof path, err, err_size)) {
        return 1;
    }
    if (!is_file(path)) {
        return 0; /* nothing played yet: nothing to read, and nothing to create */
    }
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, err_size);
    if (h == NULL) {
        return 1;
    }
    ebb_history_row *rows = NULL;
    size_t count = 0;
    bool ok = ebb_history_query(h, NULL, &rows, &count, err, err_size);
    ebb_history_close(h);
    if (!ok) {
        return 1;
    }
    *recs = count ? calloc(count, sizeof **recs) : NULL;
    for (size_t i = 0; *recs != NULL && i < count; i++) {
        char local[EBB_DATE_MAX];
        int day = -1;
        if (!utc_to_local_date(rows[i].started_at, local) ||
            !ebb_date_diff(install_date, local, &day)) {
            day = -1;
        }
        ebb_pack_record *r = &(*recs)[(*n)++];
        snprintf(r->level_id, sizeof r->level_id, "%s", rows[i].level_id);
        r->day = day;
        r->stars = rows[i].stars;
        r->complete = rows[i].complete;
    }
    free(rows);
    return 0;
}

int ebb_pack_store_today(const char *argv0, time_t now, ebb_pack_today *out, ebb_diags *diags,
                         char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    char path[STORE_PATH_MAX];
    store_state st;
    int found = active_pack(&st, path, sizeof path, err, err_size);
    if (found != 0) {
        return found == 1 ? 1 : 0; /* no data directory, or no pack active */
    }
    ebb_diags_init(diags, path);
    if (!ebb_pack_load_file(path, argv0, &out->pack, diags)) {
        return 2;
    }
    out->have_active = true;
    char today[EBB_DATE_MAX];
    ebb_local_date(now, today);
    const char *date = state_date(&st, st.active);
    snprintf(out->info.installed, sizeof out->info.installed, "%s", date ? date : today);
    snprintf(out->info.id, sizeof out->info.id, "%s", out->pack.id);
    snprintf(out->info.title, sizeof out->info.title, "%s", out->pack.title);
    snprintf(out->info.author, sizeof out->info.author, "%s", out->pack.author);
    out->info.active = out->info.readable = true;
    if (!ebb_date_diff(out->info.installed, today, &out->days_since_install)) {
        out->days_since_install = 0;
    }
    ebb_pack_record *recs = NULL;
    size_t n = 0;
    int rc = load_records(out->info.installed, &recs, &n, err, err_size);
    if (rc == 0) {
        ebb_pack_plan(&out->pack, out->days_since_install, recs, n, &out->plan);
    }
    free(recs);
    return rc;
}

int ebb_pack_store_level_version(const ebb_pack *pack, const char *id, const char *argv0,
                                 ebb_level *out, ebb_diags *diags)
{
    memset(out, 0, sizeof *out);
    const ebb_pack_level *pl = ebb_pack_find_level(pack, id);
    if (pl && pl->embedded) {
        return ebb_pack_level_parse(pack, pl, out, diags) ? 0 : 2;
    }
    if (!pl || !pl->has_overrides) {
        return 3;
    }
    char path[EBB_PATH_MAX];
    char *text = NULL;
    size_t len = 0;
    ebb_diags_init(diags, id); /* the level is a file of its own: messages name it */
    if (!ebb_level_resolve(id, argv0, path, sizeof path, diags)) {
        return 2;
    }
    ebb_diags_init(diags, path);
    const ebb_level_parse_opts opts = {pl->overrides, 0, pl->challenge};
    bool ok = ebb_file_read(path, EBB_LEVEL_FILE_MAX, &text, &len, diags) &&
              ebb_level_parse_ex(text, len, path, &opts, out, diags);
    free(text);
    return ok ? 0 : 2;
}

bool ebb_pack_store_choose_level(const char *spec, const char *argv0, ebb_level *out,
                                 ebb_diags *diags)
{
    char path[STORE_PATH_MAX], err[EBB_PACK_ERR_MAX];
    store_state st;
    ebb_pack pack;
    ebb_diags pack_diags;
    /* A file named by its path plays as written; only an id can have a prescribed version.
     * A broken stored pack is reported by `ebb today`: plain levels still play. */
    bool by_id = !is_file(spec);
    bool have_pack = by_id && active_pack(&st, path, sizeof path, err, sizeof err) == 0;
    if (have_pack) {
        ebb_diags_init(&pack_diags, path);
        have_pack = ebb_pack_load_file(path, argv0, &pack, &pack_diags);
    }
    bool ok;
    if (!have_pack) {
        ok = ebb_level_load(spec, argv0, out, diags);
    } else {
        ebb_diags_init(diags, path);
        int rc = ebb_pack_store_level_version(&pack, spec, argv0, out, diags);
        if (rc == 0) {
            ebb_diags_add(diags, EBB_SEV_WARNING, EBB_D_NONE, 0, 0,
                          "playing the version prescribed by the pack '%s'", pack.title);
        }
        ok = rc == 3 ? ebb_level_load(spec, argv0, out, diags) : rc == 0;
    }
    if (ok) {
        ebb_history_level_to_challenge(spec, argv0, have_pack ? &pack : NULL, out);
    }
    if (have_pack) {
        ebb_pack_free(&pack);
    }
    return ok;
}

void ebb_pack_today_free(ebb_pack_today *t)
{
    if (t->have_active) {
        ebb_pack_free(&t->pack);
    }
    memset(t, 0, sizeof *t);
}
