#include "audio.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define AUDIO_RATE 48000
/* 480 samples = exactly 10 ms at 48 kHz, one tick: a cue starts within about a tick of being
 * asked for. (A power of two such as 512 is 10.67 ms; SDL's paced drivers that sleep whole
 * milliseconds, like the disk driver the tests use, then run 6 % fast.) */
#define AUDIO_BUFFER 480
#define CUE_CHANNEL 0
#define SIGNAL_CHANNEL 1  /* signal lost/back: never cut by a cue */
#define CHIME_CHANNEL 2   /* ticks and chimes */
#define CHANNELS 3

struct ebb_audio {
    Mix_Chunk *chunk[EBB_CUE_COUNT];
    Mix_Chunk *sound[EBB_SOUND_COUNT];
    int rate;
    int frame_bytes;
    SDL_atomic_t frames; /* frames mixed so far (wraps); written by the audio thread only */
};

/* Runs on the audio thread after each buffer is mixed: counts frames, nothing else (no
 * allocation, no lock, no I/O). */
static void count_frames(void *udata, Uint8 *stream, int len)
{
    (void)stream;
    ebb_audio *a = udata;
    SDL_AtomicAdd(&a->frames, len / a->frame_bytes);
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xffu);
    p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)((v >> (8 * i)) & 0xffu);
    }
}

/* Wraps mono S16 samples in an in-memory WAV so that SDL_mixer converts them to whatever
 * format the device really opened with. */
static Mix_Chunk *chunk_from_samples(const int16_t *s, size_t n, int rate)
{
    size_t data_bytes = n * 2u;
    size_t total = 44u + data_bytes;
    uint8_t *wav = malloc(total);
    if (!wav) {
        return NULL;
    }
    memcpy(wav, "RIFF", 4);
    put_le32(wav + 4, (uint32_t)(total - 8u));
    memcpy(wav + 8, "WAVEfmt ", 8);
    put_le32(wav + 16, 16u);
    put_le16(wav + 20, 1u);  /* PCM */
    put_le16(wav + 22, 1u);  /* mono */
    put_le32(wav + 24, (uint32_t)rate);
    put_le32(wav + 28, (uint32_t)rate * 2u);
    put_le16(wav + 32, 2u);
    put_le16(wav + 34, 16u);
    memcpy(wav + 36, "data", 4);
    put_le32(wav + 40, (uint32_t)data_bytes);
    for (size_t i = 0; i < n; i++) {
        put_le16(wav + 44 + 2u * i, (uint16_t)s[i]);
    }
    SDL_RWops *rw = SDL_RWFromConstMem(wav, (int)total);
    Mix_Chunk *c = rw ? Mix_LoadWAV_RW(rw, 1) : NULL;
    free(wav);
    return c;
}

ebb_audio *ebb_audio_open(char *err, size_t err_size)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(err, err_size, "%s", SDL_GetError());
        return NULL;
    }
    if (Mix_OpenAudio(AUDIO_RATE, AUDIO_S16SYS, 1, AUDIO_BUFFER) != 0) {
        snprintf(err, err_size, "%s", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    ebb_audio *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, err_size, "out of memory");
        Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    int rate = AUDIO_RATE;
    Uint16 format = 0;
    int channels = 0;
    if (Mix_QuerySpec(&rate, &format, &channels) == 0 || rate <= 0) {
        rate = AUDIO_RATE;
        format = AUDIO_S16SYS;
        channels = 1;
    }
    a->rate = rate;
    a->frame_bytes = (channels > 0 ? channels : 1) * (int)(SDL_AUDIO_BITSIZE(format) / 8u);
    if (a->frame_bytes <= 0) {
        a->frame_bytes = 2;
    }
    Mix_AllocateChannels(CHANNELS);
    for (int cue = 1; cue < EBB_CUE_COUNT; cue++) {
        size_t n = ebb_synth_cue_len((ebb_cue)cue, rate);
        int16_t *buf = n ? malloc(n * sizeof *buf) : NULL;
        if (!buf) {
            continue;
        }
        n = ebb_synth_cue((ebb_cue)cue, rate, buf, n);
        a->chunk[cue] = chunk_from_samples(buf, n, rate);
        free(buf);
        if (!a->chunk[cue]) {
            fprintf(stderr, "ebb: could not prepare the '%s' sound: %s\n",
                    ebb_cue_name((ebb_cue)cue), Mix_GetError());
        }
    }
    for (int i = 0; i < EBB_SOUND_COUNT; i++) {
        size_t n = ebb_synth_sound_len((ebb_sound)i, rate);
        int16_t *buf = n ? malloc(n * sizeof *buf) : NULL;
        if (!buf) {
            continue;
        }
        n = ebb_synth_sound((ebb_sound)i, rate, buf, n);
        a->sound[i] = chunk_from_samples(buf, n, rate);
        free(buf);
    }
    Mix_SetPostMix(count_frames, a);
    return a;
}

void ebb_audio_close(ebb_audio *a)
{
    if (!a) {
        return;
    }
    Mix_SetPostMix(NULL, NULL);
    Mix_HaltChannel(-1);
    for (int i = 0; i < EBB_CUE_COUNT; i++) {
        if (a->chunk[i]) {
            Mix_FreeChunk(a->chunk[i]);
        }
    }
    for (int i = 0; i < EBB_SOUND_COUNT; i++) {
        if (a->sound[i]) {
            Mix_FreeChunk(a->sound[i]);
        }
    }
    free(a);
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void ebb_audio_play(ebb_audio *a, ebb_cue cue)
{
    if (!a || cue <= EBB_CUE_NONE || cue >= EBB_CUE_COUNT || !a->chunk[cue]) {
        return;
    }
    Mix_PlayChannel(CUE_CHANNEL, a->chunk[cue], 0);
}

void ebb_audio_sound(ebb_audio *a, ebb_sound s)
{
    if (!a || (int)s < 0 || s >= EBB_SOUND_COUNT || !a->sound[s]) {
        return;
    }
    bool signal = s == EBB_SOUND_SIGNAL_LOST || s == EBB_SOUND_SIGNAL_BACK;
    Mix_PlayChannel(signal ? SIGNAL_CHANNEL : CHIME_CHANNEL, a->sound[s], 0);
}

void ebb_audio_pause(ebb_audio *a, bool paused)
{
    if (!a) {
        return;
    }
    if (paused) {
        Mix_Pause(-1);
    } else {
        Mix_Resume(-1);
    }
}

bool ebb_audio_clock(ebb_audio *a, uint32_t *frames, int *rate)
{
    if (!a) {
        return false;
    }
    *frames = (uint32_t)SDL_AtomicGet(&a->frames);
    *rate = a->rate;
    return true;
}
