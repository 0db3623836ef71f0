/* Runs every fuzz target over files and over inputs made from them, without libFuzzer: the
 * regression half of fuzzing, in every `make test` (with the sanitizers in the ASan build).
 *
 *   fuzz_regress [TARGET:]FILE...
 *
 * A file named TARGET:FILE goes to that target only (the seed corpora in seeds/<target>/);
 * a bare FILE goes to every target of the fast parsers. For each file: the whole file, every
 * prefix cut at a line boundary, and the file with each byte changed in turn (for files up
 * to 4 KiB; 512 bytes for the database targets, whose every run opens a file). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_targets.h"

typedef int (*fuzz_fn)(const uint8_t *, size_t);
typedef struct target {
    const char *name;
    fuzz_fn fn;
    bool slow;  /* opens a database each run: fewer derived inputs, never given bare files */
} target;
static const target targets[] = {
    {"level", ebb_fuzz_level, false},         {"pack", ebb_fuzz_pack, false},
    {"replay", ebb_fuzz_replay, false},       {"lineproto", ebb_fuzz_lineproto, false},
    {"ble", ebb_fuzz_ble, false},             {"recording", ebb_fuzz_recording, false},
    {"osc", ebb_fuzz_osc, false},             {"wav", ebb_fuzz_wav, false},
    {"calib", ebb_fuzz_calib, false},         {"history", ebb_fuzz_history, true},
    {"report", ebb_fuzz_report, true},
#ifdef EBB_FUZZ_HAVE_GAME
    {"settings", ebb_fuzz_settings, false},   {"conf", ebb_fuzz_conf, false},
#endif
};
#define TARGETS (sizeof targets / sizeof targets[0])

static unsigned long runs;
static const target *only; /* NULL: every fast target */

static void run_all(const uint8_t *data, size_t size)
{
    for (size_t t = 0; t < TARGETS; t++) {
        if (only ? &targets[t] == only : !targets[t].slow) {
            targets[t].fn(data, size);
            runs++;
        }
    }
}

static void variants(const uint8_t *data, size_t size)
{
    run_all(data, size);
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '\n') {
            run_all(data, i + 1);
        }
    }
    if (size <= (only && only->slow ? 512u : 4096u)) {
        uint8_t *copy = malloc(size ? size : 1);
        if (!copy) {
            return;
        }
        static const uint8_t flips[] = {0x00, 0xff, '\n', '"', '#', '%', '.', '9'};
        for (size_t i = 0; i < size; i++) {
            memcpy(copy, data, size);
            copy[i] = flips[i % sizeof flips];
            run_all(copy, size);
        }
        free(copy);
    }
}

int main(int argc, char **argv)
{
    unsigned files = 0;
    for (int a = 1; a < argc; a++) {
        const char *name = argv[a];
        only = NULL;
        const char *colon = strchr(name, ':');
        if (colon && name[0] != '/') {
            for (size_t t = 0; t < TARGETS; t++) {
                if (strlen(targets[t].name) == (size_t)(colon - name) &&
                    strncmp(name, targets[t].name, (size_t)(colon - name)) == 0) {
                    only = &targets[t];
                }
            }
            if (!only) {
                continue; /* a target this build lacks (the game's, in a core-only build) */
            }
            name = colon + 1;
        }
        FILE *f = fopen(name, "rb");
        if (!f) {
            fprintf(stderr, "fuzz_regress: cannot open %s\n", name);
            return 2;
        }
        size_t cap = 1 << 16, n = 0;
        uint8_t *buf = malloc(cap);
        size_t got;
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                uint8_t *nb = realloc(buf, cap * 2);
                if (!nb) {
                    break;
                }
                buf = nb;
                cap *= 2;
            }
        }
        fclose(f);
        if (buf) {
            variants(buf, n);
            files++;
        }
        free(buf);
    }
    printf("fuzz_regress: %u files, %lu target runs, no crash\n", files, runs);
    return 0;
}
