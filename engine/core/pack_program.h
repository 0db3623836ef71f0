/* A pack's program on a given day: what to play today, what is done, what is locked and why.
 *
 * Pure: the caller supplies the day (counted from the day the pack was installed) and the
 * past sessions (from the history store), and gets the plan back. Nothing is read or written
 * here, so the same inputs always give the same plan. */
#ifndef EBB_PACK_PROGRAM_H
#define EBB_PACK_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/pack.h"

/* One past session. day: days since the pack was installed (0 = the install day; sessions
 * from before it are ignored). Only complete sessions count, for "done" and for unlocking. */
typedef struct ebb_pack_record {
    char level_id[EBB_LEVEL_ID_MAX + 1];
    int day;
    int stars;
    bool complete;
} ebb_pack_record;

#define EBB_PLAN_WHY_MAX 240

typedef struct ebb_plan_entry {
    char level_id[EBB_LEVEL_ID_MAX + 1];
    char title[EBB_LEVEL_STRING_MAX + 1]; /* the level's title, or its id if unknown */
    unsigned per_day;                     /* sessions asked for today */
    unsigned done_today;                  /* complete sessions today (may exceed per_day) */
    bool locked;
    char why_locked[EBB_PLAN_WHY_MAX];    /* plain words; "" when not locked */
} ebb_plan_entry;

typedef enum ebb_plan_state {
    EBB_PLAN_ACTIVE = 0,  /* a day of the program (it may still have no levels today) */
    EBB_PLAN_NOT_STARTED, /* before the install day (a clock set back) */
    EBB_PLAN_FINISHED     /* after the last scheduled day */
} ebb_plan_state;

typedef struct ebb_plan {
    ebb_plan_state state;
    unsigned day;          /* 1-based day of the program (install day = day 1); 0 if not started */
    unsigned week;         /* 1-based week of the program */
    unsigned program_days; /* the program's length */
    ebb_plan_entry entries[EBB_PACK_SLOTS_MAX];
    size_t count;          /* in the order of the pack's schedule lines */
    unsigned to_do;        /* sessions still to play today, over unlocked entries */
} ebb_plan;

/* Fills *out with today's plan. days_since_install: 0 on the install day. */
void ebb_pack_plan(const ebb_pack *pack, int days_since_install,
                   const ebb_pack_record *records, size_t record_count, ebb_plan *out);

/* Is the level unlocked, given the records? If not, writes why into why (if not NULL), in
 * plain words naming the first rule not yet met and the progress towards it. A level with no
 * unlock rule is always unlocked. */
bool ebb_pack_unlocked(const ebb_pack *pack, const char *level_id,
                       const ebb_pack_record *records, size_t record_count, char *why,
                       size_t why_size);

#endif
