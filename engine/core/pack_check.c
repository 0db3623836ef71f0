/* Whole-pack checks and the small pack helpers (see pack_check.h). */
#include "core/pack_check.h"

#include <stdlib.h>
#include <string.h>

#include "core/lex.h"

static bool id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Words that look like an attempt to name a file: said so plainly, as a pack may never
 * reach a file outside itself. */
static bool looks_like_path(const char *s, size_t len)
{
    if (len > 0 && (s[0] == '/' || s[0] == '~' || s[0] == '.')) {
        return true;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' || s[i] == ':' || (s[i] == '.' && i + 1 < len && s[i + 1] == '.')) {
            return true;
        }
    }
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == '/' && s[i + 1] == '/') {
            return true;
        }
    }
    return len > 6 && (strncmp(s + len - 6, ".level", 6) == 0 ||
                       strncmp(s + len - 5, ".pack", 5) == 0);
}

const char *ebb_pack_level_id_problem(const char *s, size_t len)
{
    static const char *const path =
        "looks like a file path; a pack names levels by id only (like "
        "lengthening/drop-and-release), so it can never reach other files";
    static const char *const bad =
        "is not a level id: use lower-case letters, digits and '-' with one '/', at most 64 "
        "characters (e.g. lengthening/drop-and-release)";
    if (looks_like_path(s, len)) {
        return path;
    }
    size_t slashes = 0;
    if (len == 0 || len > EBB_LEVEL_ID_MAX || s[0] == '/' || s[len - 1] == '/') {
        return bad;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '/') {
            slashes++;
        } else if (!id_char(s[i])) {
            return bad;
        }
    }
    return slashes == 1 ? NULL : slashes == 0 ? bad : path;
}

const char *ebb_pack_id_problem(const char *s, size_t len)
{
    if (looks_like_path(s, len) || memchr(s, '/', len) != NULL) {
        return "looks like a file path; a pack id is a plain name that becomes its file name: "
               "use lower-case letters, digits and '-' (e.g. relaxation-first)";
    }
    if (len == 0 || len > EBB_PACK_ID_MAX || s[0] == '-') {
        return "is not valid: use lower-case letters, digits and '-', at most 48 characters, "
               "starting with a letter or digit (e.g. relaxation-first)";
    }
    for (size_t i = 0; i < len; i++) {
        if (!id_char(s[i])) {
            return "is not valid: use lower-case letters, digits and '-', at most 48 "
                   "characters, starting with a letter or digit (e.g. relaxation-first)";
        }
    }
    return NULL;
}

bool ebb_pack_id_valid(const char *s)
{
    return s != NULL && ebb_pack_id_problem(s, strlen(s)) == NULL;
}

const ebb_pack_level *ebb_pack_find_level(const ebb_pack *pack, const char *id)
{
    for (size_t i = 0; i < pack->level_count; i++) {
        if (strcmp(pack->levels[i].id, id) == 0) {
            return &pack->levels[i];
        }
    }
    return NULL;
}

bool ebb_pack_level_parse(const ebb_pack *pack, const ebb_pack_level *pl, ebb_level *out,
                          ebb_diags *diags)
{
    if (!pl->embedded || pl->text_off + pl->text_len > pack->text_len) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0,
                      "'%s' is not one of this pack's own levels", pl->id);
        return false;
    }
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.overrides = pl->overrides;
    o.line_offset = pl->line_offset;
    return ebb_level_parse_ex(pack->text + pl->text_off, pl->text_len, NULL, &o, out,
                              diags);
}

bool ebb_pack_check_overrides(const ebb_pack_level *pl, const char *level_text, size_t len,
                              ebb_diags *diags)
{
    if (!pl->has_overrides) {
        return true;
    }
    /* Into scratch diagnostics: the level's own line numbers mean nothing in the pack. */
    ebb_diags *scratch = malloc(sizeof *scratch);
    if (scratch == NULL) {
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, 0, 0, "out of memory");
        return false;
    }
    ebb_diags_init(scratch, pl->id);
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.overrides = pl->overrides;
    ebb_level lv;
    bool ok = ebb_level_parse_ex(level_text, len, pl->id, &o, &lv, scratch);
    if (ok) {
        ebb_level_free(&lv);
    } else {
        const char *first = "it no longer parses";
        for (size_t i = 0; i < scratch->count; i++) {
            if (scratch->items[i].severity == EBB_SEV_ERROR) {
                first = scratch->items[i].msg;
                break;
            }
        }
        ebb_diags_add(diags, EBB_SEV_ERROR, EBB_D_LIMIT, pl->use_line, pl->use_col,
                      "these changes do not fit '%s': %s", pl->id, first);
    }
    free(scratch);
    return ok;
}

bool ebb_pack_sniff(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
    }
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
            p++;
        }
        if (p < end && *p == '#') {
            while (p < end && *p != '\n') {
                p++;
            }
            continue;
        }
        return (size_t)(end - p) >= 8 && memcmp(p, "ebb-pack", 8) == 0;
    }
    return false;
}

/* ---- cross checks ----------------------------------------------------------------------- */

typedef struct checker {
    ebb_pack *pk;
    const ebb_pack_parse_opts *opts;
    ebb_diags *d;
    const char **cands; /* built-in and embedded ids, for suggestions */
    size_t ncands;
} checker;

static bool is_builtin(const checker *C, const char *id)
{
    for (size_t i = 0; i < C->opts->builtin_count; i++) {
        if (strcmp(C->opts->builtin_ids[i], id) == 0) {
            return true;
        }
    }
    return false;
}

static bool is_embedded(const checker *C, const char *id)
{
    const ebb_pack_level *pl = ebb_pack_find_level(C->pk, id);
    return pl != NULL && pl->embedded;
}

/* Reports an id that is neither embedded nor built in; returns whether it is known. */
static bool known(const checker *C, const char *id, unsigned line, unsigned col)
{
    if (is_embedded(C, id) || C->opts->builtin_ids == NULL || is_builtin(C, id)) {
        return true;
    }
    const char *best = C->cands ? ebb_lex_suggest(id, strlen(id), C->cands, C->ncands) : NULL;
    if (best != NULL) {
        ebb_diags_add(C->d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, line, col,
                      "no level '%s' in this pack or built in; did you mean '%s'?", id, best);
    } else {
        ebb_diags_add(C->d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, line, col,
                      "no level '%s' in this pack or built in: embed it between 'level' and "
                      "'end-level', or pick a built-in id from 'ebb list'", id);
    }
    return false;
}

static bool scheduled(const ebb_pack *pk, const char *id)
{
    for (size_t i = 0; i < pk->slot_count; i++) {
        if (strcmp(pk->slots[i].level_id, id) == 0) {
            return true;
        }
    }
    return false;
}

/* Adds an entry for a built-in level the program names without a `use` line. */
static void implicit_level(checker *C, const char *id, unsigned line, unsigned col)
{
    ebb_pack *pk = C->pk;
    if (ebb_pack_find_level(pk, id) != NULL) {
        return;
    }
    if (pk->level_count >= EBB_PACK_LEVELS_MAX) {
        ebb_diags_add(C->d, EBB_SEV_ERROR, EBB_D_LIMIT, line, col,
                      "too many levels in one pack: the limit is %u", EBB_PACK_LEVELS_MAX);
        return;
    }
    ebb_pack_level *pl = &pk->levels[pk->level_count++];
    memset(pl, 0, sizeof *pl);
    snprintf(pl->id, sizeof pl->id, "%s", id);
    pl->line = line;
}

static void check_levels(checker *C)
{
    ebb_pack *pk = C->pk;
    for (size_t i = 0; i < pk->level_count; i++) {
        ebb_pack_level *pl = &pk->levels[i];
        if (pl->embedded && C->opts->builtin_ids != NULL && is_builtin(C, pl->id)) {
            ebb_diags_add(C->d, EBB_SEV_ERROR, EBB_D_DUPLICATE, pl->line, 1,
                          "'%s' is the id of a built-in level; give the pack's own level an "
                          "id of its own (e.g. %s/%s)", pl->id, pk->id[0] ? pk->id : "mypack",
                          strchr(pl->id, '/') + 1);
        } else if (pl->embedded && pl->has_overrides) {
            ebb_pack_check_overrides(pl, pk->text + pl->text_off, pl->text_len, C->d);
        } else if (!pl->embedded) {
            known(C, pl->id, pl->use_line, pl->use_col);
        }
    }
}

static void check_slots(checker *C)
{
    ebb_pack *pk = C->pk;
    for (size_t i = 0; i < pk->slot_count; i++) {
        const ebb_pack_slot *s = &pk->slots[i];
        if (!known(C, s->level_id, s->line, s->col)) {
            continue;
        }
        implicit_level(C, s->level_id, s->line, s->col);
        if (s->last_day > pk->program_days) {
            pk->program_days = s->last_day;
        }
        for (size_t j = 0; j < i; j++) {
            const ebb_pack_slot *o = &pk->slots[j];
            if (strcmp(o->level_id, s->level_id) == 0 && s->first_day <= o->last_day &&
                o->first_day <= s->last_day) {
                ebb_diags_add(C->d, EBB_SEV_ERROR, EBB_D_DUPLICATE, s->line, s->col,
                              "'%s' is already scheduled on days %u..%u (line %u); the days "
                              "of one level must not overlap: change the days, or per-day for "
                              "more sessions a day", s->level_id, o->first_day, o->last_day,
                              o->line);
                break;
            }
        }
    }
}

/* Follows `after` links from rule i; true if they lead back to the level rule i locks. */
static bool unlock_loops(const ebb_pack *pk, size_t i)
{
    const char *start = pk->unlocks[i].level_id;
    const char *at = pk->unlocks[i].after_id;
    /* Each step follows one rule; more steps than rules means a loop not through start. */
    for (size_t steps = 0; steps <= pk->unlock_count; steps++) {
        if (strcmp(at, start) == 0) {
            return true;
        }
        const char *next = NULL;
        for (size_t j = 0; j < pk->unlock_count && next == NULL; j++) {
            if (strcmp(pk->unlocks[j].level_id, at) == 0) {
                next = pk->unlocks[j].after_id;
            }
        }
        if (next == NULL) {
            return false;
        }
        at = next;
    }
    return false;
}

static void check_unlocks(checker *C)
{
    ebb_pack *pk = C->pk;
    for (size_t i = 0; i < pk->unlock_count; i++) {
        const ebb_pack_unlock *u = &pk->unlocks[i];
        bool ok = known(C, u->level_id, u->line, u->col);
        ok = known(C, u->after_id, u->line, u->after_col) && ok;
        if (!ok) {
            continue;
        }
        implicit_level(C, u->level_id, u->line, u->col);
        implicit_level(C, u->after_id, u->line, u->after_col);
        if (!scheduled(pk, u->level_id)) {
            ebb_diags_add(C->d, EBB_SEV_WARNING, EBB_D_STYLE, u->line, u->col,
                          "'%s' is not in the program, so unlocking it changes nothing",
                          u->level_id);
        }
        if (!scheduled(pk, u->after_id)) {
            ebb_diags_add(C->d, EBB_SEV_WARNING, EBB_D_STYLE, u->line, u->after_col,
                          "'%s' is not in the program: '%s' unlocks only if it is played "
                          "from the menu", u->after_id, u->level_id);
        }
        if (unlock_loops(pk, i)) {
            ebb_diags_add(C->d, EBB_SEV_ERROR, EBB_D_ORDER, u->line, u->col,
                          "the unlock rules go round in a circle through '%s', so none of "
                          "them could ever open: remove one of them", u->level_id);
        }
    }
}

void ebb_pack_cross_check(ebb_pack *pack, const ebb_pack_parse_opts *opts, ebb_diags *d)
{
    checker C = {pack, opts, d, NULL, 0};
    size_t n = opts->builtin_count + pack->level_count;
    C.cands = n ? malloc(n * sizeof *C.cands) : NULL;
    if (C.cands != NULL) {
        for (size_t i = 0; i < opts->builtin_count; i++) {
            C.cands[C.ncands++] = opts->builtin_ids[i];
        }
        for (size_t i = 0; i < pack->level_count; i++) {
            if (pack->levels[i].embedded) {
                C.cands[C.ncands++] = pack->levels[i].id;
            }
        }
    }
    check_levels(&C);
    check_slots(&C);
    check_unlocks(&C);
    free(C.cands);
}
