#include "rawaudio.h"

#include <stdio.h>
#include <stdlib.h>

char *rawaudio_read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    enum { TEXT_MAX = 1 << 20 };
    char *buf = malloc(TEXT_MAX + 1);
    *len = buf ? fread(buf, 1, TEXT_MAX, f) : 0;
    if (buf) {
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

int16_t *rawaudio_read(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = (size_t)RAWAUDIO_RATE * 8, len = 0;
    int16_t *s = malloc(cap * sizeof *s);
    uint8_t b[2];
    while (s && fread(b, 1, 2, f) == 2) {
        if (len == cap) {
            cap *= 2;
            int16_t *t = realloc(s, cap * sizeof *s);
            if (!t) {
                free(s);
                s = NULL;
                break;
            }
            s = t;
        }
        s[len++] = (int16_t)(uint16_t)(b[0] | (b[1] << 8));
    }
    fclose(f);
    *n = len;
    return s;
}

static int rawaudio_abs(int16_t v)
{
    return v < 0 ? -(int)v : (int)v;
}

int rawaudio_onsets(const int16_t *s, size_t n, int level, int silence_ms, int peak_min,
                    int peak_window_ms, size_t *at, int max)
{
    int count = 0;
    const size_t silence = (size_t)RAWAUDIO_RATE * (size_t)silence_ms / 1000u;
    const size_t window = (size_t)RAWAUDIO_RATE * (size_t)peak_window_ms / 1000u;
    size_t quiet = silence; /* the file starts in silence */
    for (size_t i = 0; i < n; i++) {
        if (rawaudio_abs(s[i]) <= level) {
            quiet++;
            continue;
        }
        if (quiet >= silence) {
            int peak = 0;
            for (size_t j = i; j < n && j < i + window; j++) {
                const int w = rawaudio_abs(s[j]);
                peak = w > peak ? w : peak;
            }
            if (peak >= peak_min && count < max) {
                at[count++] = i;
            }
        }
        quiet = 0;
    }
    return count;
}
