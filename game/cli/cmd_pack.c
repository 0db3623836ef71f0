#include "cli/cmd_pack.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/fileio.h"
#include "core/lex.h"
#include "core/pack.h"
#include "core/pack_program.h"
#include "io/pack_store.h"

void ebb_cmd_pack_usage(FILE *out)
{
    fputs("  ebb pack install FILE       check a therapist's pack and install it (it becomes\n"
          "                              the active pack)\n"
          "  ebb pack list               the installed packs; * marks the active one\n"
          "  ebb pack activate ID        make an installed pack the active one\n"
          "  ebb pack remove ID          remove an installed pack\n"
          "  ebb today                   what the active pack has for today\n",
          out);
}

static int pack_usage_error(const char *fmt, const char *arg)
{
    fputs("ebb: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nUsage:\n", stderr);
    ebb_cmd_pack_usage(stderr);
    return 2;
}

bool ebb_cmd_pack_is_pack_file(const char *path)
{
    ebb_diags d;
    ebb_diags_init(&d, path);
    char *text = NULL;
    size_t len = 0;
    bool is = ebb_file_read(path, EBB_PACK_FILE_MAX, &text, &len, &d) &&
              ebb_pack_sniff(text, len);
    free(text);
    return is;
}

/* ebb_pack is large (fixed arrays): kept off the stack. */
static ebb_pack *pack_new(void)
{
    ebb_pack *p = calloc(1, sizeof *p);
    if (p == NULL) {
        fputs("ebb: out of memory\n", stderr);
    }
    return p;
}

int ebb_cmd_pack_check(const char *path)
{
    ebb_pack *pack = pack_new();
    ebb_diags *d = malloc(sizeof *d);
    if (pack == NULL || d == NULL) {
        free(pack);
        free(d);
        return 1;
    }
    ebb_diags_init(d, path);
    bool ok = ebb_pack_load_file(path, NULL, pack, d);
    ebb_diags_print(d, stderr);
    if (ok) {
        printf("%s: ok: pack %s, %zu level%s, %u day%s\n", path, pack->id, pack->level_count,
               pack->level_count == 1 ? "" : "s", pack->program_days,
               pack->program_days == 1 ? "" : "s");
        ebb_pack_free(pack);
    }
    free(pack);
    free(d);
    return ok ? 0 : 2;
}

static int cmd_install(const char *path)
{
    ebb_diags *d = malloc(sizeof *d);
    if (d == NULL) {
        return 1;
    }
    ebb_diags_init(d, path);
    ebb_pack_info info;
    bool updated = false;
    char err[EBB_PACK_ERR_MAX] = "";
    int rc = ebb_pack_store_install(path, NULL, time(NULL), &info, &updated, d, err, sizeof err);
    ebb_diags_print(d, stderr);
    free(d);
    if (rc == 2) {
        fprintf(stderr, "ebb: the pack was not installed, and nothing was changed: fix the "
                "problems above and try again.\n");
        return 2;
    }
    if (rc != 0) {
        fprintf(stderr, "ebb: the pack was not installed: %s\n", err[0] ? err : "unknown error");
        return rc;
    }
    printf("%s \"%s\" by %s (%s).\n", updated ? "Updated" : "Installed", info.title,
           info.author, info.id);
    if (updated) {
        printf("Its program carries on from the day it was first installed (%s).\n",
               info.installed);
    }
    printf("It is your active pack. 'ebb today' shows what it has for today.\n");
    return 0;
}

static int cmd_list(void)
{
    ebb_pack_info *list = NULL;
    size_t n = 0;
    char err[EBB_PACK_ERR_MAX] = "";
    if (ebb_pack_store_list(&list, &n, err, sizeof err) != 0) {
        fprintf(stderr, "ebb: %s\n", err);
        return 1;
    }
    if (n == 0) {
        printf("No packs are installed. A pack from your therapist is installed with:\n"
               "  ebb pack install FILE\n");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const ebb_pack_info *p = &list[i];
        if (p->readable) {
            printf("%s %-30s \"%s\" by %s, installed %s\n", p->active ? "*" : " ", p->id,
                   p->title, p->author, p->installed);
        } else {
            printf("%s %-30s (this file no longer reads as a pack; install it again), "
                   "installed %s\n", p->active ? "*" : " ", p->id, p->installed);
        }
    }
    printf("\n* the active pack ('ebb today' shows its plan)\n");
    free(list);
    return 0;
}

static int cmd_remove(const char *id)
{
    bool was_active = false;
    char err[EBB_PACK_ERR_MAX] = "";
    int rc = ebb_pack_store_remove(id, &was_active, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "ebb: %s\n", err);
        return rc;
    }
    printf("Removed the pack %s.%s\n", id,
           was_active ? " No pack is active now ('ebb pack activate ID' picks another)." : "");
    return 0;
}

static int cmd_activate(const char *id)
{
    char err[EBB_PACK_ERR_MAX] = "";
    int rc = ebb_pack_store_activate(id, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "ebb: %s\n", err);
        return rc;
    }
    printf("%s is now the active pack. 'ebb today' shows its plan.\n", id);
    return 0;
}

int ebb_cmd_pack(int argc, char **argv)
{
    static const char *const subs[] = {"install", "list", "remove", "activate"};
    if (argc < 1) {
        return pack_usage_error("%s", "pack needs a command: install, list, remove or activate");
    }
    const char *sub = argv[0];
    bool one_arg = strcmp(sub, "install") == 0 || strcmp(sub, "remove") == 0 ||
                   strcmp(sub, "activate") == 0;
    if (one_arg && argc != 2) {
        return pack_usage_error(argc < 2 ? "pack %s needs one argument" :
                                           "pack %s takes one argument", sub);
    }
    if (strcmp(sub, "install") == 0) {
        return cmd_install(argv[1]);
    }
    if (strcmp(sub, "remove") == 0) {
        return cmd_remove(argv[1]);
    }
    if (strcmp(sub, "activate") == 0) {
        return cmd_activate(argv[1]);
    }
    if (strcmp(sub, "list") == 0) {
        return argc == 1 ? cmd_list() : pack_usage_error("%s", "pack list takes no arguments");
    }
    const char *best = ebb_lex_suggest(sub, strlen(sub), subs, sizeof subs / sizeof subs[0]);
    if (best != NULL) {
        fprintf(stderr, "ebb: unknown pack command '%s'; did you mean '%s'?\n", sub, best);
        return 2;
    }
    return pack_usage_error("unknown pack command '%s'", sub);
}

/* ---- today ------------------------------------------------------------------------------ */

static void print_entry(const ebb_pack *pack, const ebb_plan_entry *e)
{
    const ebb_pack_level *pl = ebb_pack_find_level(pack, e->level_id);
    bool builtin = pl == NULL || !pl->embedded;
    char count[32];
    snprintf(count, sizeof count, "%u of %u", e->done_today < e->per_day ? e->done_today :
             e->per_day, e->per_day);
    if (e->locked) {
        printf("  locked  %-32s %s\n", e->title, e->why_locked);
    } else if (e->done_today >= e->per_day) {
        printf("  done    %-32s %s\n", e->title, count);
    } else if (builtin) {
        printf("  to do   %-32s %-8s ebb play %s\n", e->title, count, e->level_id);
    } else {
        printf("  to do   %-32s %s\n", e->title, count);
    }
}

int ebb_cmd_today(void)
{
    ebb_pack_today *t = calloc(1, sizeof *t);
    ebb_diags *d = malloc(sizeof *d);
    if (t == NULL || d == NULL) {
        free(t);
        free(d);
        fputs("ebb: out of memory\n", stderr);
        return 1;
    }
    ebb_diags_init(d, "pack");
    char err[EBB_PACK_ERR_MAX] = "";
    int rc = ebb_pack_store_today(NULL, time(NULL), t, d, err, sizeof err);
    if (rc == 2) {
        ebb_diags_print(d, stderr);
        fprintf(stderr, "ebb: the active pack no longer reads cleanly (perhaps a level it uses "
                "is gone). Install it again, or ask your therapist for a new copy.\n");
    } else if (rc != 0) {
        fprintf(stderr, "ebb: %s\n", err);
    } else if (!t->have_active) {
        printf("No pack is active. A pack from your therapist is installed with:\n"
               "  ebb pack install FILE\n"
               "Meanwhile every built-in level is there to play: 'ebb list' shows them.\n");
    } else {
        const ebb_plan *p = &t->plan;
        printf("%s\nby %s, installed %s\n\n", t->pack.title, t->pack.author, t->info.installed);
        if (p->state == EBB_PLAN_NOT_STARTED) {
            printf("This pack starts on %s.\n", t->info.installed);
        } else if (p->state == EBB_PLAN_FINISHED) {
            printf("The program ended after day %u. Well done for keeping at it.\n"
                   "Your therapist can send the next pack; meanwhile every level is there to "
                   "play ('ebb list').\n", p->program_days);
        } else {
            printf("Day %u of %u (week %u).\n", p->day, p->program_days, p->week);
            if (p->count == 0) {
                printf("Nothing is planned for today: a day of rest.\n");
            }
            for (size_t i = 0; i < p->count; i++) {
                print_entry(&t->pack, &p->entries[i]);
            }
            if (p->count > 0 && p->to_do == 0) {
                printf("\nAll done for today. Well done.\n");
            } else if (p->to_do > 0) {
                printf("\n%u session%s to go today. Stop if anything hurts.\n", p->to_do,
                       p->to_do == 1 ? "" : "s");
            }
        }
        if (t->pack.note_count > 0) {
            printf("\nNotes from your therapist:\n");
            for (size_t i = 0; i < t->pack.note_count; i++) {
                printf("  %s\n", t->pack.notes[i]);
            }
        }
    }
    ebb_pack_today_free(t);
    free(t);
    free(d);
    return rc;
}
