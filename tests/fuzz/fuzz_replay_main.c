/* Runs every fuzz target over files and over inputs made from them, without libFuzzer: the
 * regression half of fuzzing, in every `make test` (with the sanitizers in the ASan build).
 *
 *   fuzz_regress FILE...
 *
 * For each file: the whole file, every prefix cut at a line boundary, the file with each byte
 * flipped in turn (for files up to 4 KiB), and the file cut into random pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_targets.h"

typedef int (*fuzz_fn)(const uint8_t *, size_t);
static const fuzz_fn targets[] = {ebb_fuzz_level, ebb_fuzz_pack, ebb_fuzz_replay,
                                  ebb_fuzz_lineproto, ebb_fuzz_ble};
#define TARGETS (sizeof targets / sizeof targets[0])

static unsigned long runs;

static void run_all(const uint8_t *data, size_t size)
{
    for (size_t t = 0; t < TARGETS; t++) {
        targets[t](data, size);
        runs++;
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
    if (size <= 4096) {
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
        FILE *f = fopen(argv[a], "rb");
        if (!f) {
            fprintf(stderr, "fuzz_regress: cannot open %s\n", argv[a]);
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
