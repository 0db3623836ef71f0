/* The pack store: installed therapist packs in the person's data directory.
 *
 *   $XDG_DATA_HOME/ebb/packs/<id>.pack   the pack, byte for byte as the therapist wrote it
 *   $XDG_DATA_HOME/ebb/packs/state       which packs are installed since when, which is active
 *
 * Every file is written to a temporary file in the same directory, flushed to disk and renamed
 * over the old one, so a crash leaves the old file or the new one, never half of one. A pack
 * with any error is refused before anything is created or changed.
 *
 * Functions return an exit status the command line can use directly: 0 done, 1 a runtime
 * failure (disk, permissions), 2 bad input (a pack with errors, an unknown id). Problems with
 * the pack's text go to *diags; other problems are one message in err. */
#ifndef EBB_PACK_STORE_H
#define EBB_PACK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/diag.h"
#include "core/pack.h"
#include "core/pack_program.h"

#define EBB_PACK_ERR_MAX 600
#define EBB_DATE_MAX 11 /* "YYYY-MM-DD" and its NUL */

typedef struct ebb_pack_info {
    char id[EBB_PACK_ID_MAX + 1];
    char title[EBB_LEVEL_STRING_MAX + 1];
    char author[EBB_LEVEL_STRING_MAX + 1];
    char installed[EBB_DATE_MAX]; /* local date */
    bool active;
    bool readable;                /* false: the stored file no longer parses */
} ebb_pack_info;

/* Reads and checks a pack file against the built-in levels (their ids, and that overrides
 * still fit them). On success *out holds the pack with built-in titles filled in. */
bool ebb_pack_load_file(const char *path, const char *argv0, ebb_pack *out, ebb_diags *diags);

/* `ebb pack install FILE`: validates, copies into the store and makes it active.
 * *info describes the installed pack; *updated says whether it replaced one with that id
 * (the install date, and so the program's day count, are kept). */
int ebb_pack_store_install(const char *path, const char *argv0, time_t now, ebb_pack_info *info,
                           bool *updated, ebb_diags *diags, char *err, size_t err_size);

int ebb_pack_store_remove(const char *id, bool *was_active, char *err, size_t err_size);
int ebb_pack_store_activate(const char *id, char *err, size_t err_size);

/* Installed packs sorted by id into a new array (*list, free() it). */
int ebb_pack_store_list(ebb_pack_info **list, size_t *count, char *err, size_t err_size);

/* Today with the active pack. */
typedef struct ebb_pack_today {
    bool have_active;       /* false: no pack is active (not an error) */
    ebb_pack pack;          /* when have_active; free with ebb_pack_today_free */
    ebb_pack_info info;
    ebb_plan plan;
    int days_since_install;
} ebb_pack_today;

/* Loads the active pack, the history since it was installed, and works out today's plan.
 * `now` is the current time (local dates decide what "today" is). Problems with the stored
 * pack go to diags (status 2); a history that cannot be read is status 1. */
int ebb_pack_store_today(const char *argv0, time_t now, ebb_pack_today *out, ebb_diags *diags,
                         char *err, size_t err_size);
void ebb_pack_today_free(ebb_pack_today *t);

/* The pack's version of level `id`: a level embedded in the pack, or a built-in level with the
 * pack's overrides (hold, rest, reps, target). Returns 0 with *out filled, 3 when the pack has
 * no version of it, 2 when that version cannot be read (problems in diags). */
int ebb_pack_store_level_version(const ebb_pack *pack, const char *id, const char *argv0,
                                 ebb_level *out, ebb_diags *diags);

/* The version of level `spec` (a path or a built-in id) a person should play: the active
 * pack's version when it prescribes one (with a warning in diags saying so, for the person to
 * see), otherwise the level itself (ebb_level_load). Used wherever a level is played; checking
 * and listing levels use ebb_level_load. */
bool ebb_pack_store_choose_level(const char *spec, const char *argv0, ebb_level *out,
                                 ebb_diags *diags);

/* The local calendar date of t, "YYYY-MM-DD". */
void ebb_local_date(time_t t, char out[EBB_DATE_MAX]);

/* Whole days from date a to date b ("YYYY-MM-DD"); false if either is not a date. */
bool ebb_date_diff(const char *a, const char *b, int *days);

#endif
