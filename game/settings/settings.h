/* The person's settings and their file: `key = value` lines, `#` comments, saved in
 * $XDG_CONFIG_HOME/ebb/settings.conf (settings_file.c does the I/O).
 *
 * Pure (no SDL, no files): parsing reads from memory and never fails as a whole. A line it
 * cannot use (unknown key, bad value, no `=`) is reported as "line N: ..." and skipped, the
 * rest still applies, and the setting keeps its default. Unit-tested in
 * tests/game/test_settings.c. */
#ifndef EBB_SETTINGS_H
#define EBB_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#define EBB_SETTINGS_PROBE_MAX 256
#define EBB_SETTINGS_PROBLEMS_MAX 8
#define EBB_SETTINGS_PROBLEM_LEN 160
#define EBB_SETTINGS_FILE_MAX 65536

typedef enum ebb_palette {
    EBB_PALETTE_DEFAULT = 0,
    EBB_PALETTE_COLOUR_BLIND, /* blue/orange, safe for the common colour vision differences */
    EBB_PALETTE_HIGH_CONTRAST,
    EBB_PALETTE_COUNT
} ebb_palette;

typedef enum ebb_text_size {
    EBB_TEXT_NORMAL = 0,
    EBB_TEXT_LARGE,
    EBB_TEXT_LARGER,
    EBB_TEXT_SIZE_COUNT
} ebb_text_size;

/* The spoken guide (sound/voice.h): "auto" speaks breathing and lengthening levels, where
 * a calm voice helps most and the eyes may be closed, and every level in eyes-closed mode;
 * "on" speaks every level. */
typedef enum ebb_voice_mode {
    EBB_VOICE_AUTO = 0,
    EBB_VOICE_ON,
    EBB_VOICE_OFF,
    EBB_VOICE_MODE_COUNT
} ebb_voice_mode;

/* Where a person without a therapist's pack starts (the welcome asks once): it picks the
 * built-in starter program (levels/programs/). Unsure starts with relaxation. */
typedef enum ebb_starting_point {
    EBB_START_NONE = 0, /* not chosen */
    EBB_START_RELAX,    /* "I want to relax my pelvic floor (painful sex, tension)" */
    EBB_START_STRENGTHEN, /* "I want to strengthen it (leaks)" */
    EBB_START_UNSURE,   /* "I don't know" */
    EBB_START_COUNT
} ebb_starting_point;

typedef struct ebb_settings {
    int master_volume;      /* 0..100 */
    int cue_volume;         /* 0..100 */
    int ambience_volume;    /* 0..100; 0 = no ambience */
    int voice_volume;       /* 0..100: the spoken guide */
    int soundscape_volume;  /* 0..100: the calm soundscape of breathing and lengthening */
    ebb_voice_mode voice;
    int voice_rate;         /* 70..160: speaking rate, % of the voice's own pace */
    bool eyes_closed;       /* follow by sound: effort tone and paced breathing in sound */
    ebb_palette palette;
    ebb_text_size text_size;
    bool reduced_motion;
    bool fullscreen;
    char probe[EBB_SETTINGS_PROBE_MAX]; /* input device: probe spec, "keyboard" by default */
    int mains_hz;           /* 0 auto (found from the hum), 50 or 60: the EMG notch */
    bool welcome_seen;      /* the first-run welcome has been shown */
    ebb_starting_point starting_point; /* `starting-point`: none, relax, strengthen, unsure */
} ebb_settings;

typedef struct ebb_settings_problems {
    char text[EBB_SETTINGS_PROBLEMS_MAX][EBB_SETTINGS_PROBLEM_LEN];
    size_t count;           /* kept (at most EBB_SETTINGS_PROBLEMS_MAX) */
    size_t total;           /* found */
} ebb_settings_problems;

void ebb_settings_defaults(ebb_settings *s);

/* Applies the lines of text over *s (call ebb_settings_defaults first). Problems may be NULL.
 * Returns the number of lines that could not be used. */
size_t ebb_settings_parse(const char *text, size_t len, ebb_settings *s,
                          ebb_settings_problems *problems);

/* Writes every setting as text (with a header comment). Returns the length it needs (not
 * counting the NUL), like snprintf; the text is complete only if that is < size. */
size_t ebb_settings_write(const ebb_settings *s, char *buf, size_t size);

/* Whether a level of this kind (ebb_level_kind) is spoken with these settings. */
bool ebb_settings_voice_on(const ebb_settings *s, int level_kind);
const char *ebb_voice_mode_name(ebb_voice_mode m); /* "auto", "on", "off" */

const char *ebb_palette_name(ebb_palette p);     /* "default", "colour-blind", "high-contrast" */
const char *ebb_text_size_name(ebb_text_size t); /* "normal", "large", "larger" */
const char *ebb_starting_point_name(ebb_starting_point p); /* "none", "relax", ... */

#endif
