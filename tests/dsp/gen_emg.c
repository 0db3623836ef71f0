/* Writes the synthetic EMG test signal (emg_signal.h) for the real-component tests:
 *
 *   gen_emg RATE OUT.f32        raw float32 little-endian mono, exactly what PortAudio opens
 *                               from the ALSA `file` plugin (testing.md: no conversion allowed)
 *   gen_emg RATE OUT.wav [f32]  WAV, 16-bit PCM (default) or 32-bit float
 *
 * A C program rather than a script so CI needs no python. Exit 0, or 1 on a write error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emg_signal.h"

static int put_u32(FILE *f, uint32_t v)
{
    const unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                                (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    return fwrite(b, 1, 4, f) == 4;
}

static int put_u16(FILE *f, unsigned v)
{
    const unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    return fwrite(b, 1, 2, f) == 2;
}

static int put_f32(FILE *f, float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return put_u32(f, u);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_emg RATE OUT.f32|OUT.wav [f32]\n");
        return 2;
    }
    const unsigned rate = (unsigned)strtoul(argv[1], NULL, 10);
    const char *path = argv[2];
    const size_t plen = strlen(path);
    const int wav = plen > 4 && strcmp(path + plen - 4, ".wav") == 0;
    const int wav_float = wav && argc > 3 && strcmp(argv[3], "f32") == 0;
    if (rate < EBB_EMG_RATE_MIN || rate > EBB_EMG_RATE_MAX) {
        fprintf(stderr, "gen_emg: rate must be 200..48000\n");
        return 2;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 1;
    }
    const uint32_t n = (uint32_t)(EMG_SIGNAL_S * rate);
    int ok = 1;
    if (wav) {
        const unsigned bytes = wav_float ? 4u : 2u;
        ok = fwrite("RIFF", 1, 4, f) == 4 && put_u32(f, 36u + n * bytes) &&
             fwrite("WAVEfmt ", 1, 8, f) == 8 && put_u32(f, 16) &&
             put_u16(f, wav_float ? 3u : 1u) && put_u16(f, 1) && put_u32(f, rate) &&
             put_u32(f, rate * bytes) && put_u16(f, bytes) && put_u16(f, bytes * 8u) &&
             fwrite("data", 1, 4, f) == 4 && put_u32(f, n * bytes);
    }
    emg_gen g;
    emg_gen_init(&g, (double)rate, 50.0, 1);
    for (uint32_t i = 0; i < n && ok; i++) {
        const float x = emg_gen_next(&g, 1);
        if (wav && !wav_float) {
            const double s = x * 32767.0;
            const long v = (long)(s < -32768.0 ? -32768.0 : (s > 32767.0 ? 32767.0 : s));
            ok = put_u16(f, (unsigned)(uint16_t)(int16_t)v);
        } else {
            ok = put_f32(f, x);
        }
    }
    if (fclose(f) != 0 || !ok) {
        fprintf(stderr, "gen_emg: cannot write %s\n", path);
        return 1;
    }
    return 0;
}
