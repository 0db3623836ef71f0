/* Unit tests of the asset file parsers: palettes.conf (game/gfx/theme.c) and sounds.conf
 * (game/sound/sounds_conf.c), on the real files in assets/ and on mistakes planted in them.
 *
 * Each case is one row of a table: a change to the real file (find -> replace), and what the
 * parser must say: accept it, or its first message's line, code and words. A failing row
 * prints what the parser really said. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/diag.h"
#include "gfx/theme.h"
#include "sound/synth.h"

#ifndef EBB_ASSETS_SOURCE_DIR
#error "EBB_ASSETS_SOURCE_DIR must name the assets/ folder"
#endif

static char *read_text(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", EBB_ASSETS_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail_msg("cannot open %s", path);
    }
    char *buf = malloc(1u << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1u << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* text with the first `find` replaced (NULL find: `replace` put in front). */
static char *mutate(const char *text, const char *find, const char *replace)
{
    size_t n = strlen(text), r = strlen(replace);
    char *out = malloc(n + r + 1);
    assert_non_null(out);
    if (!find) {
        memcpy(out, replace, r);
        memcpy(out + r, text, n + 1);
        return out;
    }
    const char *at = strstr(text, find);
    if (!at) {
        fail_msg("the test's anchor '%s' is not in the file any more", find);
    }
    size_t pre = (size_t)(at - text), f = strlen(find);
    memcpy(out, text, pre);
    memcpy(out + pre, replace, r);
    memcpy(out + pre + r, at + f, n - pre - f + 1);
    return out;
}

/* 1-based line of the first `find` in text. */
static unsigned line_of(const char *text, const char *find)
{
    const char *at = strstr(text, find);
    assert_non_null(at);
    unsigned line = 1;
    for (const char *p = text; p < at; p++) {
        line += *p == '\n';
    }
    return line;
}

typedef struct conf_case {
    const char *what;
    const char *find, *replace;   /* the change to the real file */
    bool ok;
    const char *at;               /* expected line: that of this text in the real file... */
    unsigned line;                /* ...or this one when at is NULL */
    ebb_diag_code code;
    const char *words;            /* in the first message */
} conf_case;

typedef bool (*parse_fn)(const char *text, size_t len, void *out, ebb_diags *d);

static void run_cases(const char *file, const conf_case *cases, size_t count, parse_fn parse,
                      size_t out_size)
{
    size_t len = 0;
    char *orig = read_text(file, &len);
    int failed = 0;
    for (size_t i = 0; i < count; i++) {
        const conf_case *c = &cases[i];
        char *text = mutate(orig, c->find, c->replace);
        void *out = calloc(1, out_size);
        void *untouched = calloc(1, out_size);
        ebb_diags *d = calloc(1, sizeof *d);
        assert_true(out && untouched && d);
        ebb_diags_init(d, file);
        bool ok = parse(text, strlen(text), out, d);
        unsigned want_line = c->at ? line_of(orig, c->at) : c->line;
        char got[EBB_DIAG_MSG_MAX + 300] = "(no message)";
        if (d->count > 0) {
            ebb_diag_format(d, &d->items[0], got, sizeof got);
        }
        bool good;
        if (c->ok) {
            good = ok && d->errors == 0;
        } else {
            good = !ok && d->count > 0 && d->items[0].line == want_line &&
                   d->items[0].code == c->code && strstr(d->items[0].msg, c->words) &&
                   memcmp(out, untouched, out_size) == 0;
        }
        if (!good) {
            fprintf(stderr,
                    "FAIL %s: %s\n  want: %s, line %u, code %s, words '%s'\n"
                    "  got:  %s (%zu errors), first: %s (code %s)\n",
                    file, c->what, c->ok ? "accepted" : "refused", want_line,
                    ebb_diag_code_name(c->code), c->words ? c->words : "",
                    ok ? "accepted" : "refused", d->errors, got,
                    d->count ? ebb_diag_code_name(d->items[0].code) : "-");
            failed++;
        } else {
            fprintf(stderr, "ok   %s: %s -> %s\n", file, c->what, c->ok ? "accepted" : got);
        }
        free(text);
        free(out);
        free(untouched);
        free(d);
    }
    free(orig);
    assert_int_equal(failed, 0);
}

/* ---- palettes ---- */

static bool parse_palettes(const char *text, size_t len, void *out, ebb_diags *d)
{
    return ebb_theme_parse(text, len, out, d);
}

static const conf_case PALETTE_CASES[] = {
    {"the real file", NULL, "", true, NULL, 0, EBB_D_NONE, NULL},
    {"a colour that is a word", "bg_top                  = #0e1b2e",
     "bg_top                  = blue", false, "bg_top                  = #0e1b2e", 0,
     EBB_D_BAD_VALUE, "bg_top: expected a colour like #0e1b2e"},
    {"a colour with a bad digit", "band                    = #7cdac0",
     "band                    = #7cdag0", false, "band                    = #7cdac0", 0,
     EBB_D_BAD_VALUE, "band: expected a colour"},
    {"a colour of 4 digits", "text                    = #f0ece2",
     "text                    = #f0ec", false, "text                    = #f0ece2", 0,
     EBB_D_BAD_VALUE, "text: expected a colour"},
    {"an opacity above 1", "band_alpha              = 0.30", "band_alpha              = 1.5",
     false, "band_alpha              = 0.30", 0, EBB_D_RANGE, "band_alpha: expected an opacity"},
    {"an opacity that is not a number", "band_edge_alpha         = 0.65",
     "band_edge_alpha         = most", false, "band_edge_alpha         = 0.65", 0, EBB_D_RANGE,
     "band_edge_alpha: expected an opacity"},
    {"a colour left out", "gate                    = #d2e2ec\n", "", false, "[default]\n", 0,
     EBB_D_MISSING, "gate: missing from [default]"},
    {"an unknown palette", "[high-contrast]\n", "[neon]\n", false, "[high-contrast]\n", 0,
     EBB_D_UNKNOWN_KEY, "[neon]: not a palette"},
    {"a colour given twice", "text_soft               = #a6bec6", "text = #ffffff", false,
     "text_soft               = #a6bec6", 0, EBB_D_DUPLICATE, "text: given twice in [default]"},
    {"an unknown name", "face                    = #2a3042", "fase = #2a3042", false,
     "face                    = #2a3042", 0, EBB_D_UNKNOWN_KEY, "fase: not a colour"},
    {"a line without '='", "bg_bottom               = #123d48", "bg_bottom #123d48", false,
     "bg_bottom               = #123d48", 0, EBB_D_SYNTAX, "expected `name = value`"},
    {"a colour before any palette", NULL, "text = #ffffff\n", false, NULL, 1, EBB_D_ORDER,
     "text: comes before any [palette]"},
    {"a palette twice", "[colour-blind]\nbg_top", "[default]\nbg_top", false,
     "[colour-blind]\nbg_top", 0,
     EBB_D_DUPLICATE, "[default]: given twice"},
    {"an unclosed header", "[colour-blind]\nbg_top", "[colour-blind\nbg_top", false,
     "[colour-blind]\nbg_top", 0,
     EBB_D_SYNTAX, "a section header is written [name]"},
    {"another colour is fine", "bg_top                  = #0e1b2e",
     "bg_top                  = #ff000080", true, NULL, 0, EBB_D_NONE, NULL},
};

static void test_palette_cases(void **state)
{
    (void)state;
    run_cases("palettes.conf", PALETTE_CASES, sizeof PALETTE_CASES / sizeof PALETTE_CASES[0],
              parse_palettes, sizeof(ebb_theme_colours) * EBB_PALETTE_COUNT);
}

static void print_rgba(const char *what, ebb_rgba c)
{
    fprintf(stderr, "%s #%02x%02x%02x%02x", what, c.r, c.g, c.b, c.a);
}

static int compare_colour(const char *pal, const char *name, ebb_rgba got, ebb_rgba want)
{
    if (memcmp(&got, &want, sizeof got) == 0) {
        return 0;
    }
    fprintf(stderr, "FAIL [%s] %s:", pal, name);
    print_rgba(" file", got);
    print_rgba(", built in", want);
    fprintf(stderr, "\n");
    return 1;
}

/* The file's palettes are exactly the built-in ones (the screenshot tests compare colours
 * from theme.c, and a missing file must not change how the game looks). */
static void test_palette_file_equals_builtin(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_text("palettes.conf", &len);
    ebb_theme_colours pal[EBB_PALETTE_COUNT];
    ebb_diags d;
    ebb_diags_init(&d, "palettes.conf");
    bool ok = ebb_theme_parse(text, len, pal, &d);
    ebb_diags_print(&d, stderr);
    assert_true(ok);
    int differ = 0;
    for (int p = 0; p < EBB_PALETTE_COUNT; p++) {
        const ebb_theme_colours *a = &pal[p], *b = ebb_theme_builtin((ebb_palette)p);
        const char *n = ebb_palette_name((ebb_palette)p);
#define SAME(f) differ += compare_colour(n, #f, a->f, b->f)
        SAME(bg_top); SAME(bg_bottom); SAME(text); SAME(text_soft); SAME(text_faint);
        SAME(band); SAME(trail); SAME(panel); SAME(panel_hi); SAME(accent); SAME(star);
        SAME(star_empty); SAME(face); SAME(notice_panel); SAME(hint_panel); SAME(hint_text);
        SAME(dim); SAME(good); SAME(missed); SAME(water); SAME(gate);
#undef SAME
        for (int k = 0; k < EBB_LEVEL_KIND_COUNT; k++) {
            differ += compare_colour(n, "character", a->character[k], b->character[k]);
        }
        const float fa[3] = {a->band_alpha, a->band_past_alpha, a->band_edge_alpha};
        const float fb[3] = {b->band_alpha, b->band_past_alpha, b->band_edge_alpha};
        for (int k = 0; k < 3; k++) {
            if (fa[k] != fb[k]) {
                fprintf(stderr, "FAIL [%s] alpha %d: file %.9g, built in %.9g\n", n, k,
                        (double)fa[k], (double)fb[k]);
                differ++;
            }
        }
        /* And nothing else in the struct (padding aside, it is all fields above). */
        if (memcmp(a, b, sizeof *a) != 0 && differ == 0) {
            fprintf(stderr, "FAIL [%s]: a field the test does not name differs\n", n);
            differ++;
        }
    }
    assert_int_equal(differ, 0);
    free(text);
}

/* A loaded palette is what EBB_THEME_* read; NULL goes back to the built-in. */
static void test_palette_set(void **state)
{
    (void)state;
    ebb_theme_colours pal[EBB_PALETTE_COUNT];
    memcpy(pal, ebb_theme_builtin(EBB_PALETTE_DEFAULT), sizeof pal[0]);
    memcpy(&pal[1], ebb_theme_builtin(EBB_PALETTE_COLOUR_BLIND), sizeof pal[0]);
    memcpy(&pal[2], ebb_theme_builtin(EBB_PALETTE_HIGH_CONTRAST), sizeof pal[0]);
    pal[EBB_PALETTE_DEFAULT].bg_top = (ebb_rgba){1, 2, 3, 255};
    ebb_theme_set(pal);
    ebb_theme_use(EBB_PALETTE_DEFAULT);
    assert_int_equal(EBB_THEME_BG_TOP.r, 1);
    ebb_theme_set(NULL);
    assert_int_equal(EBB_THEME_BG_TOP.r, 14);
}

/* ---- sounds ---- */

static bool parse_sounds(const char *text, size_t len, void *out, ebb_diags *d)
{
    return ebb_synth_parse(text, len, out, d);
}

static const conf_case SOUND_CASES[] = {
    {"the real file", NULL, "", true, NULL, 0, EBB_D_NONE, NULL},
    {"a pitch too low to hear", "from_hz  = 330", "from_hz  = 5", false, "from_hz  = 330", 0,
     EBB_D_RANGE, "from_hz: expected a pitch in Hz from 20 to 20000, not '5'"},
    {"a level too loud", "level    = 0.8", "level    = 3", false, "level    = 0.8", 0,
     EBB_D_RANGE, "level: expected a level"},
    {"an unknown shape", "shape    = glide", "shape    = wobble", false, "shape    = glide", 0,
     EBB_D_BAD_VALUE, "shape: expected glide or two-notes, not 'wobble'"},
    {"a fourth part", "[sound complete 3]", "[sound complete 4]", false,
     "[sound complete 3]", 0, EBB_D_RANGE, "a sound has parts 1 to 3"},
    {"a part missing in the middle", "[sound complete 2]", "[sound tick 2]", false,
     "[sound complete 3]", 0, EBB_D_ORDER, "part 3 comes without part 2"},
    {"parts that overlap", "at       = 0.44", "at       = 0.30", false, "at       = 0.44", 0,
     EBB_D_ORDER, "at: part 3 starts before part 2 ends"},
    {"fades longer than the tone", "release  = 0.035", "release  = 0.05", false,
     "release  = 0.035", 0, EBB_D_RANGE, "release: attack and release"},
    {"an unknown cue", "[cue flick]", "[cue sigh]", false, "[cue flick]", 0,
     EBB_D_UNKNOWN_KEY, "[cue sigh]: no such cue"},
    {"an unknown sound", "[sound tick 1]", "[sound bell 1]", false, "[sound tick 1]", 0,
     EBB_D_UNKNOWN_KEY, "[sound bell 1]: no such sound"},
    {"a header of the wrong form", "[ambience]\nseconds", "[ambient noise]\nseconds", false,
     "[ambience]\nseconds", 0,
     EBB_D_SYNTAX, "expected [cue NAME], [sound NAME PART], [ambience] or [soundscape]"},
    {"a setting left out", "peak    = 0.12\n", "", false, "[ambience]\nseconds", 0, EBB_D_MISSING,
     "peak: missing from [ambience]"},
    {"a cue setting in a sound", "at       = 0.23", "shape = glide", false, "at       = 0.23",
     0, EBB_D_UNKNOWN_KEY, "shape: not a setting of [sound signal-lost 2]"},
    {"a setting twice", "to_hz    = 495", "from_hz  = 495", false, "to_hz    = 495", 0,
     EBB_D_DUPLICATE, "from_hz: given twice in [cue breathe-in]"},
    {"a setting before any section", NULL, "seconds = 1\n", false, NULL, 1, EBB_D_ORDER,
     "seconds: comes before any [section]"},
    {"a control character in a header", "[cue hold]", "[cue\001hold]", false, "[cue hold]", 0,
     EBB_D_SYNTAX, "expected [cue NAME]"},
    {"a softer breathe-in is fine", "level    = 1", "level    = 0.5", true, NULL, 0,
     EBB_D_NONE, NULL},
    {"a soundscape time that is not a number", "calm_after_seconds       = 3",
     "calm_after_seconds       = soon", false, "calm_after_seconds", 0, EBB_D_RANGE,
     "calm_after_seconds: expected a time in seconds from 0 to 120, not 'soon'"},
    {"a chime louder than allowed", "chime_level              = 0.09",
     "chime_level              = 0.9", false, "chime_level", 0, EBB_D_RANGE,
     "chime_level: expected a level of full scale from 0 to 0.5, not '0.9'"},
    {"a soundscape setting left out", "bird_hz                  = 2600", "", false,
     "[soundscape]\n# The calm", 0, EBB_D_MISSING, "bird_hz: missing from [soundscape]"},
    {"a soundscape setting in the ambience", "peak    = 0.12", "peak    = 0.12\nglide_seconds = 1",
     false, "\n[soundscape]\n# The calm", 0, EBB_D_UNKNOWN_KEY,
     "glide_seconds: not a setting of [ambience]"},
    {"the soundscape misnamed", "[soundscape]\n#", "[soundscape-x]\n#", false,
     "[soundscape]\n# The calm", 0,
     EBB_D_SYNTAX, "[soundscape-x]: expected [cue NAME], [sound NAME PART], [ambience] or "
     "[soundscape]"},
    {"a slower chime is fine", "chime_gap_seconds        = 0.6",
     "chime_gap_seconds        = 2", true, NULL, 0, EBB_D_NONE, NULL},
};

static void test_sound_cases(void **state)
{
    (void)state;
    run_cases("sounds.conf", SOUND_CASES, sizeof SOUND_CASES / sizeof SOUND_CASES[0],
              parse_sounds, sizeof(ebb_synth_defs));
}

/* Every cue and game sound rendered from the file's definitions, sample for sample, against
 * the built-in ones, at two rates; and the ambience's numbers. */
static int compare_render(const char *what, size_t n_file, const int16_t *file, size_t n_builtin,
                          const int16_t *builtin)
{
    if (n_file != n_builtin) {
        fprintf(stderr, "FAIL %s: %zu samples from the file, %zu built in\n", what, n_file,
                n_builtin);
        return 1;
    }
    for (size_t i = 0; i < n_file; i++) {
        if (file[i] != builtin[i]) {
            fprintf(stderr, "FAIL %s: sample %zu is %d from the file, %d built in\n", what, i,
                    file[i], builtin[i]);
            return 1;
        }
    }
    return 0;
}

static void test_sound_file_equals_builtin(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_text("sounds.conf", &len);
    ebb_synth_defs *defs = calloc(1, sizeof *defs);
    assert_non_null(defs);
    ebb_diags d;
    ebb_diags_init(&d, "sounds.conf");
    bool ok = ebb_synth_parse(text, len, defs, &d);
    ebb_diags_print(&d, stderr);
    assert_true(ok);
    const int rates[2] = {48000, 44100};
    int differ = 0;
    enum { MAXN = 48000 * 3 };
    int16_t *a = calloc(MAXN, sizeof *a), *b = calloc(MAXN, sizeof *b);
    assert_true(a && b);
    for (int r = 0; r < 2; r++) {
        for (int cue = EBB_CUE_NONE + 1; cue < EBB_CUE_COUNT; cue++) {
            ebb_synth_set(NULL);
            size_t nb = ebb_synth_cue((ebb_cue)cue, rates[r], b, MAXN);
            ebb_synth_set(defs);
            size_t na = ebb_synth_cue((ebb_cue)cue, rates[r], a, MAXN);
            differ += compare_render(ebb_cue_name((ebb_cue)cue), na, a, nb, b);
        }
        for (int s = 0; s < EBB_SOUND_COUNT; s++) {
            ebb_synth_set(NULL);
            size_t nb = ebb_synth_sound((ebb_sound)s, rates[r], b, MAXN);
            ebb_synth_set(defs);
            size_t na = ebb_synth_sound((ebb_sound)s, rates[r], a, MAXN);
            differ += compare_render(ebb_sound_name((ebb_sound)s), na, a, nb, b);
        }
    }
    const ebb_ambience_def *fa = &defs->ambience, *fb = &ebb_synth_builtin()->ambience;
    if (fa->seconds != fb->seconds || fa->peak != fb->peak) {
        fprintf(stderr, "FAIL ambience: file %g s peak %g, built in %g s peak %g\n",
                (double)fa->seconds, (double)fa->peak, (double)fb->seconds, (double)fb->peak);
        differ++;
    }
    /* The soundscape's numbers, and what they render: the same samples as the built-in ones. */
    if (memcmp(&defs->scape, ebb_scape_builtin(), sizeof defs->scape) != 0 ||
        memcmp(&defs->scape, &ebb_synth_builtin()->scape, sizeof defs->scape) != 0) {
        fprintf(stderr, "FAIL soundscape: the file's numbers differ from the built-in ones\n");
        differ++;
    }
    ebb_reward *rf = calloc(1, sizeof *rf), *rb = calloc(1, sizeof *rb);
    assert_true(rf && rb);
    ebb_calm cf, cb;
    ebb_calm_init(&cf, &defs->scape);
    ebb_calm_init(&cb, NULL);
    ebb_reward_init(rf, 48000, 7u, &defs->scape);
    ebb_reward_init(rb, 48000, 7u, NULL);
    static float bed[2][480], lay[2][480];
    size_t scape_differ = 0;
    for (int t = 0; t < 3000; t++) { /* 3 s tense, then 27 s calm: drone, flutter, chimes, birds */
        float e = t < 300 ? 0.4f : 0.0f, calm[2], busy[2];
        ebb_calm_update(&cf, e, true, 0.01f, &calm[0], &busy[0]);
        ebb_calm_update(&cb, e, true, 0.01f, &calm[1], &busy[1]);
        ebb_reward_render(rf, calm[0], busy[0], bed[0], lay[0], 480);
        ebb_reward_render(rb, calm[1], busy[1], bed[1], lay[1], 480);
        scape_differ += memcmp(bed[0], bed[1], sizeof bed[0]) != 0 ||
                        memcmp(lay[0], lay[1], sizeof lay[0]) != 0;
    }
    if (scape_differ) {
        fprintf(stderr, "FAIL soundscape: %zu of 3000 ticks sound different\n", scape_differ);
        differ++;
    }
    free(rf);
    free(rb);
    ebb_synth_set(NULL);
    free(a);
    free(b);
    free(defs);
    free(text);
    assert_int_equal(differ, 0);
}

/* A loaded definition is what the renderer uses: half the level, half the peak. */
static void test_sound_set(void **state)
{
    (void)state;
    ebb_synth_defs defs = *ebb_synth_builtin();
    size_t n = ebb_synth_cue_len(EBB_CUE_HOLD, 48000);
    int16_t *s = calloc(n, sizeof *s);
    assert_non_null(s);
    ebb_synth_cue(EBB_CUE_HOLD, 48000, s, n);
    int loud = 0;
    for (size_t i = 0; i < n; i++) {
        loud = abs(s[i]) > loud ? abs(s[i]) : loud;
    }
    defs.cue[EBB_CUE_HOLD].tone.amp *= 0.5f;
    ebb_synth_set(&defs);
    ebb_synth_cue(EBB_CUE_HOLD, 48000, s, n);
    ebb_synth_set(NULL);
    int soft = 0;
    for (size_t i = 0; i < n; i++) {
        soft = abs(s[i]) > soft ? abs(s[i]) : soft;
    }
    fprintf(stderr, "hold peak: built in %d, at half level %d\n", loud, soft);
    assert_true(abs(2 * soft - loud) <= 2);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_palette_cases),
        cmocka_unit_test(test_palette_file_equals_builtin),
        cmocka_unit_test(test_palette_set),
        cmocka_unit_test(test_sound_cases),
        cmocka_unit_test(test_sound_file_equals_builtin),
        cmocka_unit_test(test_sound_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
