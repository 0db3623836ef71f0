/* Internal to the pack parser: the checks that need the whole pack (ids that must exist,
 * overlapping schedules, unlock loops) and the id rules shared by both halves. */
#ifndef EBB_PACK_CHECK_H
#define EBB_PACK_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/pack.h"

/* Why a word cannot be a level id, or NULL when it is a valid one (group/name). */
const char *ebb_pack_level_id_problem(const char *s, size_t len);

/* Why a word cannot be a pack id, or NULL when it is valid. */
const char *ebb_pack_id_problem(const char *s, size_t len);

/* Runs once every line has been read: every id the program names exists, built-in
 * overrides are in range, schedules of one level do not overlap, unlock rules can be met.
 * Adds the levels the program names but the pack does not declare to pack->levels. */
void ebb_pack_cross_check(ebb_pack *pack, const ebb_pack_parse_opts *opts, ebb_diags *d);

#endif
