/* Shared by the sound checkers (onsets, bursts, guidecheck): reading the raw S16LE mono
 * 48 kHz file SDL's disk driver writes, and finding where sounds start after silence. */
#ifndef EBB_TEST_RAWAUDIO_H
#define EBB_TEST_RAWAUDIO_H

#include <stddef.h>
#include <stdint.h>

#define RAWAUDIO_RATE 48000

/* A small text file whole (a level), NUL-terminated (free() it), or NULL. */
char *rawaudio_read_text(const char *path, size_t *len);

/* The whole file as samples (free() it), or NULL if it cannot be read. */
int16_t *rawaudio_read(const char *path, size_t *n);

/* Sample indices where a sound starts: |sample| above `level` after at least silence_ms of
 * quiet, and reaching `peak_min` within the next peak_window_ms (so noise is not a cue).
 * Returns how many were found, at most max. */
int rawaudio_onsets(const int16_t *s, size_t n, int level, int silence_ms, int peak_min,
                    int peak_window_ms, size_t *at, int max);

#endif
