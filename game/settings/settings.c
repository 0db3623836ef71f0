#include "settings/settings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"

static const char *const PALETTES[EBB_PALETTE_COUNT] = {"default", "colour-blind",
                                                        "high-contrast"};
static const char *const TEXT_SIZES[EBB_TEXT_SIZE_COUNT] = {"normal", "large", "larger"};

const char *ebb_palette_name(ebb_palette p)
{
    return (int)p >= 0 && p < EBB_PALETTE_COUNT ? PALETTES[p] : "default";
}

static const char *const VOICE_MODES[EBB_VOICE_MODE_COUNT] = {"auto", "on", "off"};

const char *ebb_voice_mode_name(ebb_voice_mode m)
{
    return (int)m >= 0 && m < EBB_VOICE_MODE_COUNT ? VOICE_MODES[m] : "auto";
}

bool ebb_settings_voice_on(const ebb_settings *s, int level_kind)
{
    if (s->voice == EBB_VOICE_OFF || s->voice_volume <= 0) {
        return false;
    }
    /* Eyes closed, the captions cannot be read: auto then speaks every level. */
    return s->voice == EBB_VOICE_ON || s->eyes_closed || level_kind == EBB_LEVEL_BREATHING ||
           level_kind == EBB_LEVEL_LENGTHENING;
}

static const char *const STARTS[EBB_START_COUNT] = {"none", "relax", "strengthen", "unsure"};

const char *ebb_starting_point_name(ebb_starting_point p)
{
    return (int)p >= 0 && p < EBB_START_COUNT ? STARTS[p] : "none";
}

const char *ebb_text_size_name(ebb_text_size t)
{
    return (int)t >= 0 && t < EBB_TEXT_SIZE_COUNT ? TEXT_SIZES[t] : "normal";
}

void ebb_settings_defaults(ebb_settings *s)
{
    memset(s, 0, sizeof *s);
    s->master_volume = 80;
    s->cue_volume = 100;
    s->ambience_volume = 0;
    s->voice_volume = 80;
    s->soundscape_volume = 50;
    s->voice = EBB_VOICE_AUTO;
    s->voice_rate = 100;
    s->palette = EBB_PALETTE_DEFAULT;
    s->text_size = EBB_TEXT_NORMAL;
    snprintf(s->probe, sizeof s->probe, "keyboard");
    s->mains_hz = 0; /* auto: the pipeline finds the hum itself */
}

static void problem(ebb_settings_problems *p, unsigned line, const char *fmt, ...)
{
    if (!p) {
        return;
    }
    p->total++;
    if (p->count >= EBB_SETTINGS_PROBLEMS_MAX) {
        return;
    }
    char *out = p->text[p->count++];
    int n = snprintf(out, EBB_SETTINGS_PROBLEM_LEN, "line %u: ", line);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + n, EBB_SETTINGS_PROBLEM_LEN - (size_t)n, fmt, ap);
    va_end(ap);
}

static bool parse_int(const char *v, int lo, int hi, int *out)
{
    char *end = NULL;
    long x = strtol(v, &end, 10);
    if (end == v || *end != '\0' || x < lo || x > hi) {
        return false;
    }
    *out = (int)x;
    return true;
}

static bool parse_bool(const char *v, bool *out)
{
    if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0 ||
        strcmp(v, "1") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0 || strcmp(v, "false") == 0 ||
        strcmp(v, "0") == 0) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_name(const char *v, const char *const *names, int count, int *out)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

static bool probe_ok(const char *v)
{
    if (*v == '\0') {
        return false;
    }
    for (const char *c = v; *c; c++) {
        if ((unsigned char)*c < 0x20u || *c == 0x7f) {
            return false;
        }
    }
    return true;
}

/* One `key = value`; returns false with a message when it cannot be used. */
static bool apply(ebb_settings *s, const char *key, const char *v, char *why, size_t why_size)
{
    int i = 0;
    bool b = false;
    if (strcmp(key, "master-volume") == 0 || strcmp(key, "cue-volume") == 0 ||
        strcmp(key, "ambience-volume") == 0) {
        if (!parse_int(v, 0, 100, &i)) {
            snprintf(why, why_size, "%s must be a whole number from 0 to 100, not '%s'", key, v);
            return false;
        }
        *(key[0] == 'm' ? &s->master_volume : key[0] == 'c' ? &s->cue_volume
                                                             : &s->ambience_volume) = i;
        return true;
    }
    if (strcmp(key, "voice-volume") == 0 || strcmp(key, "soundscape-volume") == 0) {
        if (!parse_int(v, 0, 100, &i)) {
            snprintf(why, why_size, "%s must be a whole number from 0 to 100, not '%s'", key, v);
            return false;
        }
        *(key[0] == 'v' ? &s->voice_volume : &s->soundscape_volume) = i;
        return true;
    }
    if (strcmp(key, "voice-rate") == 0) {
        if (!parse_int(v, 70, 160, &i)) {
            snprintf(why, why_size, "voice-rate must be a whole number from 70 to 160, not '%s'",
                     v);
            return false;
        }
        s->voice_rate = i;
        return true;
    }
    if (strcmp(key, "voice") == 0) {
        if (!parse_name(v, VOICE_MODES, EBB_VOICE_MODE_COUNT, &i)) {
            snprintf(why, why_size, "voice must be auto, on or off, not '%s'", v);
            return false;
        }
        s->voice = (ebb_voice_mode)i;
        return true;
    }
    if (strcmp(key, "eyes-closed") == 0 || strcmp(key, "reduced-motion") == 0 ||
        strcmp(key, "fullscreen") == 0 || strcmp(key, "welcome-seen") == 0) {
        if (!parse_bool(v, &b)) {
            snprintf(why, why_size, "%s must be yes or no, not '%s'", key, v);
            return false;
        }
        *(key[0] == 'e' ? &s->eyes_closed : key[0] == 'r' ? &s->reduced_motion
                                           : key[0] == 'f' ? &s->fullscreen
                                                           : &s->welcome_seen) = b;
        return true;
    }
    if (strcmp(key, "palette") == 0) {
        if (!parse_name(v, PALETTES, EBB_PALETTE_COUNT, &i)) {
            snprintf(why, why_size, "palette must be default, colour-blind or high-contrast, not '%s'", v);
            return false;
        }
        s->palette = (ebb_palette)i;
        return true;
    }
    if (strcmp(key, "text-size") == 0) {
        if (!parse_name(v, TEXT_SIZES, EBB_TEXT_SIZE_COUNT, &i)) {
            snprintf(why, why_size, "text-size must be normal, large or larger, not '%s'", v);
            return false;
        }
        s->text_size = (ebb_text_size)i;
        return true;
    }
    if (strcmp(key, "probe") == 0) {
        if (!probe_ok(v) || strlen(v) >= sizeof s->probe) {
            snprintf(why, why_size, "probe must be a probe spec such as keyboard or serial:/dev/ttyUSB0");
            return false;
        }
        snprintf(s->probe, sizeof s->probe, "%s", v);
        return true;
    }
    if (strcmp(key, "mains-hz") == 0) {
        if (strcmp(v, "auto") == 0) {
            s->mains_hz = 0;
            return true;
        }
        if (!parse_int(v, 50, 60, &i) || (i != 50 && i != 60)) {
            snprintf(why, why_size, "mains-hz must be auto, 50 or 60, not '%s'", v);
            return false;
        }
        s->mains_hz = i;
        return true;
    }
    if (strcmp(key, "starting-point") == 0) {
        if (!parse_name(v, STARTS, EBB_START_COUNT, &i)) {
            snprintf(why, why_size, "starting-point must be none, relax, strengthen or unsure, "
                     "not '%s'", v);
            return false;
        }
        s->starting_point = (ebb_starting_point)i;
        return true;
    }
    snprintf(why, why_size, "unknown setting '%.40s' (left out)", key);
    return false;
}

static char *trim(char *a, char *b)
{
    while (a < b && (*a == ' ' || *a == '\t')) {
        a++;
    }
    while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r')) {
        b--;
    }
    *b = '\0';
    return a;
}

size_t ebb_settings_parse(const char *text, size_t len, ebb_settings *s,
                          ebb_settings_problems *problems)
{
    size_t bad = 0;
    unsigned line = 0;
    size_t pos = 0;
    char buf[512];
    while (pos < len) {
        line++;
        size_t end = pos;
        while (end < len && text[end] != '\n') {
            end++;
        }
        size_t n = end - pos;
        bool too_long = n >= sizeof buf;
        if (!too_long) {
            memcpy(buf, text + pos, n);
            buf[n] = '\0';
        }
        pos = end + 1;
        if (too_long) {
            problem(problems, line, "line too long (left out)");
            bad++;
            continue;
        }
        if (memchr(buf, '\0', n)) {
            problem(problems, line, "not text (left out)");
            bad++;
            continue;
        }
        char *l = trim(buf, buf + n);
        if (*l == '\0' || *l == '#') {
            continue;
        }
        char *eq = strchr(l, '=');
        if (!eq) {
            problem(problems, line, "expected 'key = value' (left out)");
            bad++;
            continue;
        }
        char *key = trim(l, eq);
        char *val = trim(eq + 1, eq + 1 + strlen(eq + 1));
        char why[EBB_SETTINGS_PROBLEM_LEN];
        if (!apply(s, key, val, why, sizeof why)) {
            problem(problems, line, "%s", why);
            bad++;
        }
    }
    return bad;
}

size_t ebb_settings_write(const ebb_settings *s, char *buf, size_t size)
{
    int n = snprintf(buf, size,
                     "# Ebb settings. Written by the game; edits are kept if they are valid.\n"
                     "master-volume = %d\n"
                     "cue-volume = %d\n"
                     "ambience-volume = %d\n"
                     "voice = %s\n"
                     "voice-volume = %d\n"
                     "voice-rate = %d\n"
                     "soundscape-volume = %d\n"
                     "eyes-closed = %s\n"
                     "palette = %s\n"
                     "text-size = %s\n"
                     "reduced-motion = %s\n"
                     "fullscreen = %s\n"
                     "probe = %s\n"
                     "mains-hz = %s\n"
                     "welcome-seen = %s\n",
                     s->master_volume, s->cue_volume, s->ambience_volume,
                     ebb_voice_mode_name(s->voice), s->voice_volume, s->voice_rate,
                     s->soundscape_volume, s->eyes_closed ? "yes" : "no", ebb_palette_name(s->palette),
                     ebb_text_size_name(s->text_size), s->reduced_motion ? "yes" : "no",
                     s->fullscreen ? "yes" : "no", s->probe,
                     s->mains_hz == 60 ? "60" : s->mains_hz == 50 ? "50" : "auto",
                     s->welcome_seen ? "yes" : "no");
    if (n < 0) {
        return 0;
    }
    /* The starter program's starting point (the welcome asks once). */
    int m = snprintf((size_t)n < size ? buf + n : NULL, (size_t)n < size ? size - (size_t)n : 0,
                     "starting-point = %s\n", ebb_starting_point_name(s->starting_point));
    return m < 0 ? 0 : (size_t)n + (size_t)m;
}
