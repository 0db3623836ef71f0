/* The parser of assets/sounds.conf (see synth.h and the comments in that file). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings/conf.h"
#include "sound/synth.h"

const char *ebb_sound_name(ebb_sound s)
{
    static const char *const names[EBB_SOUND_COUNT] = {"signal-lost", "signal-back", "tick",
                                                       "rep-ok", "complete"};
    return ((unsigned)s < (unsigned)EBB_SOUND_COUNT) ? names[s] : "unknown";
}

typedef enum key_id {
    K_SHAPE, K_AT, K_FROM, K_TO, K_SECONDS, K_LEVEL, K_ATTACK, K_RELEASE, K_HARMONIC,
    K_AMB_SECONDS, K_AMB_PEAK,
    K_SC_FOLLOW, K_SC_RAISED, K_SC_RESTLESS, K_SC_CALM_BELOW, K_SC_CALM_AFTER, K_SC_CALM_RAMP,
    K_SC_TAKE_BACK, K_SC_GLIDE, K_SC_DRONE, K_SC_OCTAVE, K_SC_FLUTTER, K_SC_CHIME,
    K_SC_CHIME_RING, K_SC_CHIME_GAP, K_SC_CHIME_SPREAD, K_SC_BIRD_SHARE, K_SC_BIRD, K_SC_BIRD_HZ,
    K_COUNT
} key_id;
_Static_assert(K_COUNT <= 32, "a section's keys are a 32-bit mask");

typedef struct key_info {
    const char *name;
    float lo, hi;
    const char *what;        /* "expected <what> from lo to hi" */
    size_t field;            /* [soundscape]: offsetof the value in ebb_scape_def */
} key_info;

#define SC(f) offsetof(ebb_scape_def, f)

static const key_info KEYS[K_COUNT] = {
    [K_SHAPE] = {"shape", 0, 0, "glide or two-notes"},
    [K_AT] = {"at", 0.0f, 5.0f, "a start in seconds"},
    [K_FROM] = {"from_hz", 20.0f, 20000.0f, "a pitch in Hz"},
    [K_TO] = {"to_hz", 20.0f, 20000.0f, "a pitch in Hz"},
    [K_SECONDS] = {"seconds", 0.005f, 5.0f, "a length in seconds"},
    [K_LEVEL] = {"level", 0.0f, 2.0f, "a level (1 is the cue peak)"},
    [K_ATTACK] = {"attack", 0.0f, 5.0f, "a fade-in in seconds"},
    [K_RELEASE] = {"release", 0.0f, 5.0f, "a fade-out in seconds"},
    [K_HARMONIC] = {"harmonic", 0.0f, 1.0f, "a second-harmonic level"},
    [K_AMB_SECONDS] = {"seconds", 1.0f, 60.0f, "a loop length in seconds"},
    [K_AMB_PEAK] = {"peak", 0.0f, 0.5f, "a peak level of full scale"},
    [K_SC_FOLLOW] = {"follow_seconds", 0.1f, 30.0f, "a smoothing time in seconds", SC(follow_s)},
    [K_SC_RAISED] = {"raised_from", 0.0f, 1.0f, "an effort (1 is full)", SC(raised_from)},
    [K_SC_RESTLESS] = {"restless_from", 0.0f, 1.0f, "a wobble of effort", SC(restless_from)},
    [K_SC_CALM_BELOW] = {"calm_below", 0.01f, 1.0f, "a tension", SC(calm_below)},
    [K_SC_CALM_AFTER] = {"calm_after_seconds", 0.0f, 120.0f, "a time in seconds",
                         SC(calm_after_s)},
    [K_SC_CALM_RAMP] = {"calm_ramp_seconds", 0.1f, 120.0f, "a time in seconds",
                        SC(calm_ramp_s)},
    [K_SC_TAKE_BACK] = {"take_back", 0.0f, 100.0f, "calm seconds per tense second",
                        SC(take_back)},
    [K_SC_GLIDE] = {"glide_seconds", 0.01f, 30.0f, "a time in seconds", SC(glide_s)},
    [K_SC_DRONE] = {"drone_level", 0.0f, 0.2f, "a level of full scale", SC(drone_level)},
    [K_SC_OCTAVE] = {"octave_level", 0.0f, 0.2f, "a level of full scale", SC(octave_level)},
    [K_SC_FLUTTER] = {"flutter_level", 0.0f, 4.0f, "a level", SC(flutter_level)},
    [K_SC_CHIME] = {"chime_level", 0.0f, 0.5f, "a level of full scale", SC(chime_level)},
    [K_SC_CHIME_RING] = {"chime_ring_seconds", 0.05f, 10.0f, "a time in seconds",
                         SC(chime_ring_s)},
    [K_SC_CHIME_GAP] = {"chime_gap_seconds", 0.05f, 30.0f, "a time in seconds",
                        SC(chime_gap_s)},
    [K_SC_CHIME_SPREAD] = {"chime_gap_spread_seconds", 0.0f, 30.0f, "a time in seconds",
                           SC(chime_gap_spread_s)},
    [K_SC_BIRD_SHARE] = {"bird_share", 0.0f, 1.0f, "a share", SC(bird_share)},
    [K_SC_BIRD] = {"bird_level", 0.0f, 0.5f, "a level of full scale", SC(bird_level)},
    [K_SC_BIRD_HZ] = {"bird_hz", 200.0f, 8000.0f, "a pitch in Hz", SC(bird_hz)},
};

/* Which keys each kind of section takes. */
#define TONE_KEYS ((1u << K_FROM) | (1u << K_TO) | (1u << K_SECONDS) | (1u << K_LEVEL) | \
                   (1u << K_ATTACK) | (1u << K_RELEASE) | (1u << K_HARMONIC))
#define CUE_KEYS (TONE_KEYS | (1u << K_SHAPE))
#define PART_KEYS (TONE_KEYS | (1u << K_AT))
#define AMB_KEYS ((1u << K_AMB_SECONDS) | (1u << K_AMB_PEAK))
#define SCAPE_KEYS (((1u << (K_SC_BIRD_HZ + 1)) - 1u) & ~((1u << K_SC_FOLLOW) - 1u))

/* One section being read: where its values go and which it has had. */
typedef struct section {
    unsigned line;           /* of its header; 0: not in the file */
    unsigned keys;           /* the keys it takes */
    unsigned seen[K_COUNT];  /* line of each key given */
    char name[EBB_CONF_NAME_MAX];
} section;

#define SEC_CUE 0
#define SEC_PART (SEC_CUE + EBB_CUE_COUNT)
#define SEC_AMB (SEC_PART + EBB_SOUND_COUNT * EBB_SOUND_PARTS_MAX)
#define SEC_SCAPE (SEC_AMB + 1)
#define SEC_COUNT (SEC_SCAPE + 1)

typedef struct reader {
    ebb_synth_defs defs;
    section sec[SEC_COUNT];
    ebb_diags *d;
} reader;

/* The section index for a header, or -1 (reported). */
static int find_section(reader *r, const ebb_conf *c)
{
    char kind[EBB_CONF_NAME_MAX], name[EBB_CONF_NAME_MAX], extra[EBB_CONF_NAME_MAX];
    int part = 0;
    /* The part number is range-checked below, and a header that is not a number there leaves
     * n short, which is reported: the conversion's own errors need no more. */
    int n = sscanf(c->section, "%63s %63s %d %63s", kind, name, &part, extra); // NOLINT(cert-err34-c)
    if (n == 1 && strcmp(kind, "ambience") == 0) {
        return SEC_AMB;
    }
    if (n == 1 && strcmp(kind, "soundscape") == 0) {
        return SEC_SCAPE;
    }
    if (n == 2 && strcmp(kind, "cue") == 0) {
        for (int i = EBB_CUE_NONE + 1; i < EBB_CUE_COUNT; i++) {
            if (strcmp(name, ebb_cue_name((ebb_cue)i)) == 0) {
                return SEC_CUE + i;
            }
        }
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, c->line, 0,
                      "[%s]: no such cue (the cues are breathe-in, breathe-out, hold, squeeze, "
                      "let-go and flick)", c->section);
        return -1;
    }
    if (n == 3 && strcmp(kind, "sound") == 0) {
        for (int i = 0; i < EBB_SOUND_COUNT; i++) {
            if (strcmp(name, ebb_sound_name((ebb_sound)i)) == 0) {
                if (part < 1 || part > EBB_SOUND_PARTS_MAX) {
                    ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_RANGE, c->line, 0,
                                  "[%s]: a sound has parts 1 to %d", c->section,
                                  EBB_SOUND_PARTS_MAX);
                    return -1;
                }
                return SEC_PART + i * EBB_SOUND_PARTS_MAX + part - 1;
            }
        }
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, c->line, 0,
                      "[%s]: no such sound (the sounds are signal-lost, signal-back, tick, "
                      "rep-ok and complete)", c->section);
        return -1;
    }
    ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_SYNTAX, c->line, 0,
                  "[%s]: expected [cue NAME], [sound NAME PART], [ambience] or [soundscape]", c->section);
    return -1;
}

static ebb_tone *section_tone(reader *r, int si)
{
    if (si < SEC_PART) {
        return &r->defs.cue[si - SEC_CUE].tone;
    }
    int k = si - SEC_PART;
    return &r->defs.sound[k / EBB_SOUND_PARTS_MAX].part[k % EBB_SOUND_PARTS_MAX].tone;
}

static void set_value(reader *r, int si, key_id k, float v)
{
    if (si == SEC_SCAPE) {
        memcpy((char *)&r->defs.scape + KEYS[k].field, &v, sizeof v);
        return;
    }
    if (si == SEC_AMB) {
        if (k == K_AMB_SECONDS) {
            r->defs.ambience.seconds = v;
        } else {
            r->defs.ambience.peak = v;
        }
        return;
    }
    ebb_tone *t = section_tone(r, si);
    switch (k) {
    case K_AT: {
        int p = si - SEC_PART;
        r->defs.sound[p / EBB_SOUND_PARTS_MAX].part[p % EBB_SOUND_PARTS_MAX].at_s = v;
        break;
    }
    case K_FROM: t->f0 = v; break;
    case K_TO: t->f1 = v; break;
    case K_SECONDS: t->seconds = v; break;
    case K_LEVEL: t->amp = EBB_SYNTH_PEAK * v; break;
    case K_ATTACK: t->attack_s = v; break;
    case K_RELEASE: t->release_s = v; break;
    case K_HARMONIC: t->harmonic = v; break;
    case K_SHAPE:
    case K_AMB_SECONDS:
    case K_AMB_PEAK:
    case K_SC_FOLLOW: case K_SC_RAISED: case K_SC_RESTLESS: case K_SC_CALM_BELOW:
    case K_SC_CALM_AFTER: case K_SC_CALM_RAMP: case K_SC_TAKE_BACK: case K_SC_GLIDE:
    case K_SC_DRONE: case K_SC_OCTAVE: case K_SC_FLUTTER: case K_SC_CHIME:
    case K_SC_CHIME_RING: case K_SC_CHIME_GAP: case K_SC_CHIME_SPREAD: case K_SC_BIRD_SHARE:
    case K_SC_BIRD: case K_SC_BIRD_HZ:
    case K_COUNT:
    default: break;
    }
}

static void read_key(reader *r, int si, const ebb_conf *c)
{
    section *s = &r->sec[si];
    int k = -1;
    for (int i = 0; i < K_COUNT; i++) {
        if ((s->keys & (1u << i)) && strcmp(c->key, KEYS[i].name) == 0) {
            k = i;
        }
    }
    if (k < 0) {
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_UNKNOWN_KEY, c->line, 0,
                      "%s: not a setting of [%s]", c->key, s->name);
        return;
    }
    if (s->seen[k]) {
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_DUPLICATE, c->line, 0,
                      "%s: given twice in [%s] (first on line %u)", c->key, s->name, s->seen[k]);
        return;
    }
    s->seen[k] = c->line;
    if (k == K_SHAPE) {
        if (strcmp(c->value, "glide") == 0 || strcmp(c->value, "two-notes") == 0) {
            r->defs.cue[si - SEC_CUE].shape =
                c->value[0] == 'g' ? EBB_SHAPE_GLIDE : EBB_SHAPE_TWO_NOTES;
        } else {
            ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_BAD_VALUE, c->line, 0,
                          "shape: expected glide or two-notes, not '%s'", c->value);
        }
        return;
    }
    float v = 0.0f;
    if (!ebb_conf_float(c->value, KEYS[k].lo, KEYS[k].hi, &v)) {
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_RANGE, c->line, 0,
                      "%s: expected %s from %g to %g, not '%s'", c->key, KEYS[k].what,
                      (double)KEYS[k].lo, (double)KEYS[k].hi, c->value);
        return;
    }
    set_value(r, si, (key_id)k, v);
}

/* A section that is there must have all its keys, and its fades must fit in its length. */
static void check_section(reader *r, int si)
{
    section *s = &r->sec[si];
    for (int k = 0; k < K_COUNT; k++) {
        if ((s->keys & (1u << k)) && !s->seen[k]) {
            ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_MISSING, s->line, 0,
                          "%s: missing from [%s]", KEYS[k].name, s->name);
        }
    }
    if (si >= SEC_AMB || !s->seen[K_SECONDS] || !s->seen[K_ATTACK] || !s->seen[K_RELEASE]) {
        return;
    }
    const ebb_tone *t = section_tone(r, si);
    float length = t->seconds;
    if (si < SEC_PART && r->defs.cue[si - SEC_CUE].shape == EBB_SHAPE_TWO_NOTES) {
        length *= 2.0f;
    }
    if (t->attack_s + t->release_s > length + 1e-6f) {
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_RANGE, s->seen[K_RELEASE], 0,
                      "release: attack and release (%g s) are longer than the sound (%g s)",
                      (double)(t->attack_s + t->release_s), (double)length);
    }
}

/* Parts of a sound are numbered from 1 without gaps and follow one another. */
static void check_sound(reader *r, int snd)
{
    ebb_sound_def *def = &r->defs.sound[snd];
    const section *sec = &r->sec[SEC_PART + snd * EBB_SOUND_PARTS_MAX];
    int parts = 0;
    for (int p = 0; p < EBB_SOUND_PARTS_MAX; p++) {
        if (sec[p].line && parts != p) {
            ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_ORDER, sec[p].line, 0,
                          "[%s]: part %d comes without part %d", sec[p].name, p + 1, parts + 1);
            return;
        }
        parts += sec[p].line ? 1 : 0;
    }
    if (parts == 0) {
        ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0, "[sound %s 1]: sound missing",
                      ebb_sound_name((ebb_sound)snd));
        return;
    }
    def->parts = parts;
    for (int p = 1; p < parts; p++) {
        const ebb_sound_part *a = &def->part[p - 1], *b = &def->part[p];
        if (b->at_s + 1e-4f < a->at_s + a->tone.seconds) {
            ebb_diags_add(r->d, EBB_SEV_ERROR, EBB_D_ORDER, sec[p].seen[K_AT], 0,
                          "at: part %d starts before part %d ends (%g s)", p + 1, p,
                          (double)(a->at_s + a->tone.seconds));
        }
    }
}

bool ebb_synth_parse(const char *text, size_t len, ebb_synth_defs *out, ebb_diags *d)
{
    reader *r = calloc(1, sizeof *r);
    if (!r) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_IO, 0, 0, "out of memory");
        return false;
    }
    r->d = d;
    size_t errors = d->errors;
    for (int i = 0; i < SEC_COUNT; i++) {
        r->sec[i].keys = i == SEC_SCAPE ? SCAPE_KEYS
                         : i == SEC_AMB ? AMB_KEYS : (i < SEC_PART ? CUE_KEYS : PART_KEYS);
    }
    int si = -1;            /* -1: before any section; -2: in a bad one (reported) */
    ebb_conf c;
    ebb_conf_init(&c, text, len);
    for (ebb_conf_item it; (it = ebb_conf_next(&c, d)) != EBB_CONF_END;) {
        if (it == EBB_CONF_SECTION) {
            si = find_section(r, &c);
            if (si >= 0 && r->sec[si].line) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_DUPLICATE, c.line, 0,
                              "[%s]: given twice (first on line %u)", c.section, r->sec[si].line);
                si = -2;
            } else if (si >= 0) {
                r->sec[si].line = c.line;
                snprintf(r->sec[si].name, sizeof r->sec[si].name, "%s", c.section);
            } else {
                si = -2;
            }
        } else if (it == EBB_CONF_KEY) {
            if (si == -1) {
                ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_ORDER, c.line, 0,
                              "%s: comes before any [section] header", c.key);
            } else if (si >= 0) {
                read_key(r, si, &c);
            }
        }
    }
    for (int i = EBB_CUE_NONE + 1; i < EBB_CUE_COUNT; i++) {
        if (!r->sec[SEC_CUE + i].line) {
            ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0, "[cue %s]: cue missing",
                          ebb_cue_name((ebb_cue)i));
        }
    }
    if (!r->sec[SEC_AMB].line) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0, "[ambience]: missing");
    }
    if (!r->sec[SEC_SCAPE].line) {
        ebb_diags_add(d, EBB_SEV_ERROR, EBB_D_MISSING, 0, 0, "[soundscape]: missing");
    }
    for (int i = 0; i < SEC_COUNT; i++) {
        if (r->sec[i].line) {
            check_section(r, i);
        }
    }
    for (int snd = 0; snd < EBB_SOUND_COUNT; snd++) {
        check_sound(r, snd);
    }
    bool ok = d->errors == errors;
    if (ok) {
        *out = r->defs;
    }
    free(r);
    return ok;
}
