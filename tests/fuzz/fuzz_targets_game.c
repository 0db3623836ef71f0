/* Fuzz targets for the game's own files (pure parsers, no SDL): the settings file, and the
 * palettes and sounds asset files through their shared line reader. Same rules as
 * fuzz_targets.c: arbitrary bytes in, a checked contract, nothing left allocated. */
#include "fuzz_targets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gfx/theme.h"
#include "settings/conf.h"
#include "settings/settings.h"
#include "sound/synth.h"

#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

static void settings_sane(const ebb_settings *s)
{
    FUZZ_CHECK(s->master_volume >= 0 && s->master_volume <= 100);
    FUZZ_CHECK(s->cue_volume >= 0 && s->cue_volume <= 100);
    FUZZ_CHECK(s->ambience_volume >= 0 && s->ambience_volume <= 100);
    FUZZ_CHECK((int)s->palette >= 0 && s->palette < EBB_PALETTE_COUNT);
    FUZZ_CHECK((int)s->text_size >= 0 && s->text_size < EBB_TEXT_SIZE_COUNT);
    FUZZ_CHECK(s->mains_hz == 0 || s->mains_hz == 50 || s->mains_hz == 60); /* 0: found by itself */
    FUZZ_CHECK(memchr(s->probe, '\0', sizeof s->probe) != NULL);
}

int ebb_fuzz_settings(const uint8_t *data, size_t size)
{
    /* Never fails as a whole; every setting stays in its range; what is written back reads
     * back to the same settings with no problem. */
    ebb_settings s;
    ebb_settings_defaults(&s);
    ebb_settings_problems p;
    memset(&p, 0, sizeof p);
    const size_t bad = ebb_settings_parse((const char *)data, size, &s, &p);
    FUZZ_CHECK(bad == p.total && p.count <= EBB_SETTINGS_PROBLEMS_MAX && p.count <= p.total);
    for (size_t i = 0; i < p.count; i++) {
        FUZZ_CHECK(memchr(p.text[i], '\0', EBB_SETTINGS_PROBLEM_LEN) != NULL);
    }
    settings_sane(&s);
    const size_t need = ebb_settings_write(&s, NULL, 0);
    char *text = malloc(need + 1);
    if (!text) {
        return 0;
    }
    FUZZ_CHECK(ebb_settings_write(&s, text, need + 1) == need);
    ebb_settings back;
    ebb_settings_defaults(&back);
    FUZZ_CHECK(ebb_settings_parse(text, need, &back, NULL) == 0);
    FUZZ_CHECK(memcmp(&back, &s, sizeof s) == 0 ||
               (back.master_volume == s.master_volume && back.cue_volume == s.cue_volume &&
                back.ambience_volume == s.ambience_volume && back.eyes_closed == s.eyes_closed &&
                back.palette == s.palette && back.text_size == s.text_size &&
                back.reduced_motion == s.reduced_motion && back.fullscreen == s.fullscreen &&
                strcmp(back.probe, s.probe) == 0 && back.mains_hz == s.mains_hz &&
                back.welcome_seen == s.welcome_seen));
    free(text);
    return 0;
}

int ebb_fuzz_conf(const uint8_t *data, size_t size)
{
    /* The line reader ends, line numbers only grow, names and values are terminated; the
     * palettes and sounds parsers either take the file with no problem reported, or report
     * at least one and leave what they fill untouched. */
    ebb_conf c;
    ebb_conf_init(&c, (const char *)data, size);
    ebb_diags d;
    ebb_diags_init(&d, "fuzz.conf");
    unsigned last = 0;
    size_t items = 0;
    for (ebb_conf_item it; (it = ebb_conf_next(&c, &d)) != EBB_CONF_END;) {
        FUZZ_CHECK(c.line >= last && ++items <= size);
        last = c.line;
        FUZZ_CHECK(memchr(c.section, '\0', sizeof c.section) != NULL);
        FUZZ_CHECK(memchr(c.key, '\0', sizeof c.key) != NULL);
        FUZZ_CHECK(memchr(c.value, '\0', sizeof c.value) != NULL);
    }

    static ebb_theme_colours pal[EBB_PALETTE_COUNT], pal_before[EBB_PALETTE_COUNT];
    memset(pal, 0xA5, sizeof pal);
    memcpy(pal_before, pal, sizeof pal);
    ebb_diags_init(&d, "fuzz.palettes");
    if (ebb_theme_parse((const char *)data, size, pal, &d)) {
        FUZZ_CHECK(d.errors == 0);
        for (int i = 0; i < EBB_PALETTE_COUNT; i++) {
            const float a[] = {pal[i].band_alpha, pal[i].band_past_alpha, pal[i].band_edge_alpha};
            for (int k = 0; k < 3; k++) {
                FUZZ_CHECK(isfinite(a[k]) && a[k] >= 0.0f && a[k] <= 1.0f);
            }
        }
    } else {
        FUZZ_CHECK(d.errors > 0 && memcmp(pal, pal_before, sizeof pal) == 0);
    }

    static ebb_synth_defs defs, defs_before;
    memset(&defs, 0x5A, sizeof defs);
    memcpy(&defs_before, &defs, sizeof defs);
    ebb_diags_init(&d, "fuzz.sounds");
    if (ebb_synth_parse((const char *)data, size, &defs, &d)) {
        FUZZ_CHECK(d.errors == 0);
    } else {
        FUZZ_CHECK(d.errors > 0 && memcmp(&defs, &defs_before, sizeof defs) == 0);
    }
    return 0;
}
