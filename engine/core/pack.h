/* Therapist packs: one text file that prescribes levels, overrides and a program.
 *
 * A pack looks like a level file (`key value` lines, `#` comments, compiler-style
 * diagnostics) and is described in docs/packs.md. It names levels by id only, never by path,
 * and holds no code: parsing one can neither reach another file nor run anything.
 *
 * The parser reads from memory and is pure (libc only). It does not know which built-in
 * levels exist; the caller passes their ids so that unknown ones are caught and suggested.
 * Ownership: ebb_pack_parse() fills a caller-provided ebb_pack and allocates its copy of the
 * text; ebb_pack_free() releases it. */
#ifndef EBB_PACK_H
#define EBB_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/level.h"

/* Limits that keep a bad pack from hurting anyone (or the program). */
#define EBB_PACK_FILE_MAX EBB_LEVEL_FILE_MAX /* 256 KiB, embedded levels included */
#define EBB_PACK_ID_MAX 48u                  /* a file name too: <id>.pack */
#define EBB_PACK_LEVELS_MAX 32u              /* levels the pack names or embeds */
#define EBB_PACK_NOTES_MAX 20u               /* `notes` lines */
#define EBB_PACK_SLOTS_MAX 64u               /* `schedule` lines */
#define EBB_PACK_UNLOCKS_MAX 32u             /* `unlock` lines */
#define EBB_PACK_DAYS_MAX 366u               /* a program lasts at most a year */
#define EBB_PACK_WEEKS_MAX 52u
#define EBB_PACK_PER_DAY_MAX 6u
#define EBB_PACK_TIMES_MAX 50u               /* `unlock ... times N` */

/* Bounds of the overrides a `use` line may give. */
#define EBB_PACK_HOLD_MS_MIN 1000u
#define EBB_PACK_HOLD_MS_MAX 60000u
#define EBB_PACK_REST_MS_MIN 1000u
#define EBB_PACK_REST_MS_MAX 120000u
#define EBB_PACK_REPS_MAX 50u

/* One level the pack plays: embedded in the pack (`level` ... `end-level`) or built in. */
typedef struct ebb_pack_level {
    char id[EBB_LEVEL_ID_MAX + 1];
    char title[EBB_LEVEL_STRING_MAX + 1]; /* embedded: from the level; built-in: "" until the
                                             caller fills it (ebb_pack_plan falls back to id) */
    bool embedded;
    size_t text_off, text_len;            /* embedded: its text inside pack->text */
    unsigned line_offset;                 /* embedded: pack line just before its first line */
    ebb_level_overrides overrides;        /* from a `use` line; zero fields change nothing */
    bool has_overrides;
    unsigned challenge;                   /* `use ... challenge N`: played at N, no offers; 0 */
    unsigned challenge_max;               /* `use ... challenge max N`: never offered past N; 0 */
    unsigned use_line, use_col;           /* the `use` line and its id's column, 0 if none */
    unsigned line;                        /* where the pack first names it */
} ebb_pack_level;

/* One `schedule` line: a level on days first..last (1-based, inclusive), per_day times a
 * day, on every `every`-th day of the range. */
typedef struct ebb_pack_slot {
    char level_id[EBB_LEVEL_ID_MAX + 1];
    unsigned first_day, last_day;
    unsigned per_day;
    unsigned every;
    unsigned line, col; /* col: of the level id */
} ebb_pack_slot;

/* One `unlock` line: level_id stays locked until after_id has reached `stars` stars in
 * `times` complete sessions. Several lines for one level must all be met. */
typedef struct ebb_pack_unlock {
    char level_id[EBB_LEVEL_ID_MAX + 1];
    char after_id[EBB_LEVEL_ID_MAX + 1];
    unsigned stars;
    unsigned times;
    unsigned line, col, after_col;
} ebb_pack_unlock;

typedef struct ebb_pack {
    char id[EBB_PACK_ID_MAX + 1];
    char title[EBB_LEVEL_STRING_MAX + 1];
    char author[EBB_LEVEL_STRING_MAX + 1];
    char notes[EBB_PACK_NOTES_MAX][EBB_LEVEL_STRING_MAX + 1];
    size_t note_count;
    ebb_pack_level levels[EBB_PACK_LEVELS_MAX];
    size_t level_count;
    ebb_pack_slot slots[EBB_PACK_SLOTS_MAX];
    size_t slot_count;
    ebb_pack_unlock unlocks[EBB_PACK_UNLOCKS_MAX];
    size_t unlock_count;
    unsigned program_days; /* the last scheduled day */
    char *text;            /* owned copy of the pack text (embedded levels live in it) */
    size_t text_len;
} ebb_pack;

typedef struct ebb_pack_parse_opts {
    /* Ids of the built-in levels. With builtin_ids NULL nothing is checked against them
     * (every id the pack names that it does not embed is taken on trust). */
    const char *const *builtin_ids;
    size_t builtin_count;
} ebb_pack_parse_opts;

/* Parses pack text from memory. `name` is used in diagnostics (usually the path). Returns
 * true and fills *out when the text has no errors; otherwise returns false, leaves *out empty
 * (nothing to free) and every problem is in *diags. Never prints, never exits. */
bool ebb_pack_parse(const char *text, size_t len, const char *name,
                    const ebb_pack_parse_opts *opts, ebb_pack *out, ebb_diags *diags);

void ebb_pack_free(ebb_pack *pack);

/* Whether the pack holds strengthening back until relaxation has gone well: it has an
 * `unlock` rule that keeps a level locked until another has gone well. Such a pack is
 * taken to say "relaxation first", and no harder strengthening challenge is offered under
 * it (docs/packs.md, "Challenges"). The rule errs on the side of the person. */
bool ebb_pack_relaxation_first(const ebb_pack *pack);

/* The pack's entry for a level id, or NULL. */
const ebb_pack_level *ebb_pack_find_level(const ebb_pack *pack, const char *id);

/* Parses an embedded level with the pack's overrides (diagnostics point at pack lines). */
bool ebb_pack_level_parse(const ebb_pack *pack, const ebb_pack_level *pl, ebb_level *out,
                          ebb_diags *diags);

/* Checks that a level's own text still parses with the pack's overrides for it (they could,
 * say, stretch it past the 90-minute limit). On failure adds one error at the `use` line
 * quoting the first problem. Used for built-in levels, whose text only the caller can read. */
bool ebb_pack_check_overrides(const ebb_pack_level *pl, const char *level_text, size_t len,
                              ebb_diags *diags);

/* True when the text starts (after comments and blank lines) with `ebb-pack`: lets
 * `ebb check` tell packs from levels. */
bool ebb_pack_sniff(const char *text, size_t len);

/* True when s is a valid pack id: lower-case letters, digits and '-', 1..48 characters,
 * starting with a letter or digit (it becomes a file name, so nothing else is allowed). */
bool ebb_pack_id_valid(const char *s);

#endif
