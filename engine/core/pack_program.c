#include "core/pack_program.h"

#include <stdio.h>
#include <string.h>

static const char *title_of(const ebb_pack *pack, const char *id)
{
    const ebb_pack_level *pl = ebb_pack_find_level(pack, id);
    return pl != NULL && pl->title[0] != '\0' ? pl->title : id;
}

static const char *times_words(unsigned n, char *buf, size_t size)
{
    if (n == 1) {
        return "once";
    }
    if (n == 2) {
        return "twice";
    }
    snprintf(buf, size, "%u times", n);
    return buf;
}

/* Complete sessions of a level since the install day with at least `stars` stars. */
static unsigned count_good(const char *id, unsigned stars, const ebb_pack_record *r, size_t n)
{
    unsigned c = 0;
    for (size_t i = 0; i < n; i++) {
        if (r[i].day >= 0 && r[i].complete && r[i].stars >= (int)stars &&
            strcmp(r[i].level_id, id) == 0) {
            c++;
        }
    }
    return c;
}

bool ebb_pack_unlocked(const ebb_pack *pack, const char *level_id,
                       const ebb_pack_record *records, size_t record_count, char *why,
                       size_t why_size)
{
    for (size_t i = 0; i < pack->unlock_count; i++) {
        const ebb_pack_unlock *u = &pack->unlocks[i];
        if (strcmp(u->level_id, level_id) != 0) {
            continue;
        }
        unsigned have = count_good(u->after_id, u->stars, records, record_count);
        if (have >= u->times) {
            continue;
        }
        if (why != NULL && why_size > 0) {
            char tb[24];
            /* "Unlocks after 'Low and steady' reaches 2 stars twice (1 of 2 so far)" */
            snprintf(why, why_size, "Unlocks after '%s' reaches %u star%s %s (%u of %u so far)",
                     title_of(pack, u->after_id), u->stars, u->stars == 1 ? "" : "s",
                     times_words(u->times, tb, sizeof tb), have, u->times);
        }
        return false;
    }
    if (why != NULL && why_size > 0) {
        why[0] = '\0';
    }
    return true;
}

static bool slot_on_day(const ebb_pack_slot *s, unsigned day)
{
    return day >= s->first_day && day <= s->last_day && (day - s->first_day) % s->every == 0;
}

void ebb_pack_plan(const ebb_pack *pack, int days_since_install,
                   const ebb_pack_record *records, size_t record_count, ebb_plan *out)
{
    memset(out, 0, sizeof *out);
    out->program_days = pack->program_days;
    if (days_since_install < 0) {
        out->state = EBB_PLAN_NOT_STARTED;
        return;
    }
    /* Capped so the arithmetic stays in range whatever the clock says. */
    unsigned day = days_since_install > 100000 ? 100001u : (unsigned)days_since_install + 1u;
    out->day = day;
    out->week = (day - 1u) / 7u + 1u;
    if (day > pack->program_days) {
        out->state = EBB_PLAN_FINISHED;
        return;
    }
    for (size_t i = 0; i < pack->slot_count; i++) {
        const ebb_pack_slot *s = &pack->slots[i];
        if (!slot_on_day(s, day)) {
            continue;
        }
        ebb_plan_entry *e = &out->entries[out->count++];
        snprintf(e->level_id, sizeof e->level_id, "%s", s->level_id);
        snprintf(e->title, sizeof e->title, "%s", title_of(pack, s->level_id));
        e->per_day = s->per_day;
        for (size_t r = 0; r < record_count; r++) {
            if (records[r].complete && records[r].day == days_since_install &&
                strcmp(records[r].level_id, s->level_id) == 0) {
                e->done_today++;
            }
        }
        e->locked = !ebb_pack_unlocked(pack, s->level_id, records, record_count,
                                       e->why_locked, sizeof e->why_locked);
        if (!e->locked && e->done_today < e->per_day) {
            out->to_do += e->per_day - e->done_today;
        }
    }
}

bool ebb_pack_relaxation_first(const ebb_pack *pack)
{
    return pack != NULL && pack->unlock_count > 0;
}
