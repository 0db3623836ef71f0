/* Challenges in the level language, second part: the breathing fields (`out`, `reps`), their
 * limits and messages (file:line:col naming the field), the checks that need the whole file
 * (rounds of a breath-holding level, every challenge within the limits), and the shipped
 * curriculum: every exercise level has exactly four challenges, each strictly harder than
 * the one before by the level's own measure and never harder in the way that kind must not
 * be (lengthening never squeezes harder, breathing never holds the breath longer). Tables
 * print what they got. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"

/* ---- helpers ----------------------------------------------------------------------------- */

static bool build_text(const char *text, unsigned challenge, const ebb_level_overrides *ov,
                       ebb_level *lv, ebb_diags *d)
{
    ebb_diags_init(d, "t.level");
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.challenge = challenge;
    if (ov != NULL) {
        o.overrides = *ov;
    }
    return ebb_level_parse_ex(text, strlen(text), "t.level", &o, lv, d);
}

/* Every diagnostic, one a line, as `ebb check` prints them. */
static void diag_text(const ebb_diags *d, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->count && k + 1 < size; i++) {
        char line[400];
        ebb_diag_format(d, &d->items[i], line, sizeof line);
        int w = snprintf(buf + k, size - k, "%s\n", line);
        k += w > 0 ? (size_t)w : 0;
    }
}

static size_t count_kind(const ebb_level *lv, ebb_step_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < lv->step_count; i++) {
        n += lv->steps[i].kind == kind;
    }
    return n;
}

/* ---- the breathing fields ---------------------------------------------------------------- */

static const char breath_text[] =
    "id test/breath\ntitle \"B\"\nkind breathing\n"
    "challenge 2 out 7s\n"
    "challenge 3 out 8s reps 12\n"
    "challenge 4 reps 15\n"
    "rest 4s below 30%\n"
    "repeat 9\n"
    "  breathe in 4s\n"
    "  breathe hold 2s\n"
    "  breathe out 6s\n"
    "end\n";

static void test_breath_fields(void **state)
{
    (void)state;
    /* challenge asked: breaths, out-breath, in-breath, hold, out grace, total */
    static const struct {
        unsigned want;
        size_t breaths;
        uint32_t out_ms, in_ms, hold_ms, out_grace, total_ms;
    } cases[] = {
        {1, 9, 6000, 4000, 2000, 800, 4000 + 9 * 12000},
        {2, 9, 7000, 4000, 2000, 800, 4000 + 9 * 13000},
        {3, 12, 8000, 4000, 2000, 800, 4000 + 12 * 14000},
        {4, 15, 6000, 4000, 2000, 800, 4000 + 15 * 12000}, /* 4 names reps only */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ebb_level lv;
        ebb_diags d;
        bool ok = build_text(breath_text, cases[i].want, NULL, &lv, &d);
        if (!ok) {
            ebb_diags_print(&d, stderr);
        }
        assert_true(ok);
        const ebb_step *in = &lv.steps[1], *hold = &lv.steps[2], *out = &lv.steps[3];
        printf("challenge %u: %zu breaths, in %u, hold %u, out %u (grace %u), total %u\n",
               cases[i].want, count_kind(&lv, EBB_STEP_BREATHE_OUT), in->duration_ms,
               hold->duration_ms, out->duration_ms, out->grace_ms, lv.total_ms);
        assert_int_equal(lv.challenge, cases[i].want);
        assert_int_equal(lv.challenge_count, 4);
        assert_int_equal(count_kind(&lv, EBB_STEP_BREATHE_OUT), cases[i].breaths);
        assert_int_equal(count_kind(&lv, EBB_STEP_BREATHE_HOLD), cases[i].breaths);
        assert_int_equal(in->kind, EBB_STEP_BREATHE_IN);
        assert_int_equal(in->duration_ms, cases[i].in_ms);
        assert_int_equal(hold->duration_ms, cases[i].hold_ms);
        assert_int_equal(out->kind, EBB_STEP_BREATHE_OUT);
        assert_int_equal(out->duration_ms, cases[i].out_ms);
        assert_int_equal(out->grace_ms, cases[i].out_grace);
        assert_int_equal(lv.total_ms, cases[i].total_ms);
        assert_int_equal(lv.steps[0].duration_ms, 4000); /* the settling rest is not a breath */
        ebb_level_free(&lv);
    }
    /* What each line says, for --explain, and where it was. */
    ebb_level lv;
    ebb_diags d;
    assert_true(build_text(breath_text, 1, NULL, &lv, &d));
    char said[96];
    static const char *const want[] = {"", "out 7s", "out 8s reps 12", "reps 15"};
    for (unsigned n = 1; n <= 4; n++) {
        ebb_level_challenge_text(&lv.challenges[n - 1], said, sizeof said);
        printf("challenge %u says \"%s\" (line %u, col %u)\n", n, said, lv.challenges[n - 1].line,
               lv.challenges[n - 1].col);
        assert_string_equal(said, want[n - 1]);
    }
    assert_int_equal(lv.challenges[2].line, 5);
    assert_int_equal(lv.challenges[2].col, 1);
    assert_int_equal(lv.challenges[2].reps, 12);
    assert_int_equal(lv.challenges[2].out_ms, 8000);
    /* A short buffer is cut, never overrun. */
    char tiny[6];
    ebb_level_challenge_text(&lv.challenges[2], tiny, sizeof tiny);
    assert_string_equal(tiny, "out 8");
    ebb_level_free(&lv);

    /* A pack's own reps wins over the challenge's: the therapist has the last word. */
    ebb_level_overrides ov;
    memset(&ov, 0, sizeof ov);
    ov.reps = 5;
    assert_true(build_text(breath_text, 3, &ov, &lv, &d));
    assert_int_equal(count_kind(&lv, EBB_STEP_BREATHE_OUT), 5);
    assert_int_equal(lv.steps[3].duration_ms, 8000); /* the challenge's out-breath still */
    ebb_level_free(&lv);
}

/* `rest` follows a drop as it follows a squeeze; `width` narrows elevator floors; neither
 * touches a flick's rest or the drop itself. */
static void test_drop_and_elevator(void **state)
{
    (void)state;
    static const char drop_text[] =
        "id test/drop\ntitle \"D\"\nkind lengthening\n"
        "challenge 2 rest 9s below 14%\n"
        "rest 6s below 20%\n"
        "repeat 3\n"
        "  drop 5s below 10%\n"
        "  rest 7s below 20%\n"
        "end\n";
    ebb_level lv;
    ebb_diags d;
    for (unsigned n = 1; n <= 2; n++) {
        assert_true(build_text(drop_text, n, NULL, &lv, &d));
        const ebb_step *settle = &lv.steps[0], *drop = &lv.steps[1], *rest = &lv.steps[2];
        printf("drop challenge %u: settle %u <%.2f, drop %u <%.2f, rest %u <%.2f\n", n,
               settle->duration_ms, (double)settle->hi0, drop->duration_ms, (double)drop->hi0,
               rest->duration_ms, (double)rest->hi0);
        assert_int_equal(settle->duration_ms, 6000); /* not after a drop: keeps its length */
        assert_int_equal(drop->duration_ms, 5000);
        assert_float_equal(drop->hi0, 0.10f, 1e-6f); /* a drop never deepens */
        assert_int_equal(rest->duration_ms, n == 1 ? 7000 : 9000);
        assert_float_equal(rest->hi0, n == 1 ? 0.20f : 0.14f, 1e-6f);
        ebb_level_free(&lv);
    }
    static const char lift_text[] =
        "id test/lift\ntitle \"L\"\nkind strengthening\n"
        "challenge 2 width 12%\n"
        "steps 15s levels 20%,50%,80% width 20%\n"
        "release 10s below 20%\n";
    for (unsigned n = 1; n <= 2; n++) {
        assert_true(build_text(lift_text, n, NULL, &lv, &d));
        assert_int_equal(lv.step_count, 6);
        for (size_t i = 0; i < 5; i++) {
            const ebb_step *s = &lv.steps[i];
            float w = s->hi0 - s->lo0, c = (s->hi0 + s->lo0) / 2.0f;
            assert_float_equal(w, n == 1 ? 0.20f : 0.12f, 1e-5f);
            assert_float_equal(c, i == 0 || i == 4 ? 0.2f : (i == 2 ? 0.8f : 0.5f), 1e-5f);
        }
        ebb_level_free(&lv);
    }
}

/* Bad values and what only the whole file can judge, each with the exact message. */
static void test_bad_values(void **state)
{
    (void)state;
#define HEAD "id test/bad\ntitle \"B\"\nkind breathing\n"
#define BODY "rest 4s below 30%\nrepeat 4\n  breathe in 4s\n  breathe out 6s\nend\n"
#define HOLDS "rest 4s\nrepeat 4\n  breathe in 4s\n  breathe hold 7s\n  breathe out 8s\nend\n"
    static const struct {
        const char *text, *want;
    } cases[] = {
        {HEAD "challenge 2 out 1s\n" BODY,
         "t.level:4:17: error: out 1s: must be 2s..20s\n"},
        {HEAD "challenge 2 out 21s\n" BODY,
         "t.level:4:17: error: out 21s: must be 2s..20s\n"},
        {HEAD "challenge 2 out 7\n" BODY,
         "t.level:4:17: error: out 7: the duration has no unit; write it like 4s, 500ms or "
         "2min\n"},
        {HEAD "challenge 2 out\n" BODY,
         "t.level:4:16: error: 'out' needs a value\n"},
        {HEAD "challenge 2 reps 0\n" BODY,
         "t.level:4:18: error: reps 0: must be 1..50\n"},
        {HEAD "challenge 2 reps 51\n" BODY,
         "t.level:4:18: error: reps 51: must be 1..50\n"},
        {HEAD "challenge 2 reps 1.5\n" BODY,
         "t.level:4:18: error: reps 1.5: must be a whole number 1..50\n"},
        {HEAD "challenge 2 reps 6 out 7s reps 8\n" BODY,
         "t.level:4:27: error: 'reps' is given twice\n"},
        {HEAD "challenge 2 rep 6\n" BODY,
         "t.level:4:13: error: unknown challenge field 'rep'; did you mean 'reps'?\n"},
        /* Breath-holds: the rounds may at most double, and it is said at the field. */
        {HEAD "flags breath-holds\nchallenge 2 reps 8\nchallenge 3 reps 9\n" HOLDS,
         "t.level:6:13: error: challenge 3 reps 9: a level that holds the breath or is kept "
         "short for beginners may at most double its rounds (repeat 4 here: at most 8)\n"},
        {HEAD "challenge 2 reps 7\nflags beginner-short\n" BODY,
         ""},
        {HEAD "challenge 2 reps 9\nflags beginner-short\n" BODY,
         "t.level:4:13: error: challenge 2 reps 9: a level that holds the breath or is kept "
         "short for beginners may at most double its rounds (repeat 4 here: at most 8)\n"},
        /* Fields with nothing to change. */
        {"id test/bad\ntitle \"B\"\nkind lengthening\nchallenge 2 out 7s reps 3\n"
         "rest 2min below 15%\n",
         "t.level:4:13: error: challenge 2: 'out' lengthens 'breathe out' steps, and this level "
         "has none\n"
         "t.level:4:20: error: challenge 2: 'reps' sets the count of 'repeat' blocks, and this "
         "level has none\n"},
        /* Every challenge must keep the limits, not only the one being built. */
        {"id test/bad\ntitle \"B\"\nkind lengthening\nchallenge 2 below 10%\n"
         "challenge 3 reps 19\nrepeat 9\n  rest 5min below 20%\nend\n",
         "t.level:5:1: error: challenge 3 (reps 19) does not fit: the level lasts 5700 s after "
         "expanding repeats; the limit is 90 min\n"},
        {"id test/bad\ntitle \"B\"\nkind lengthening\nchallenge 2 reps 18\n"
         "repeat 9\n  rest 5min below 20%\nend\n",
         ""},
    };
#undef HEAD
#undef BODY
#undef HOLDS
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ebb_level lv;
        ebb_diags d;
        bool ok = build_text(cases[i].text, 1, NULL, &lv, &d);
        char got[2048];
        diag_text(&d, got, sizeof got);
        printf("case %zu: %s%s", i, ok ? "ok\n" : "refused\n", got);
        assert_string_equal(got, cases[i].want);
        assert_true(ok == (cases[i].want[0] == '\0'));
        if (ok) {
            ebb_level_free(&lv);
        } else {
            assert_null(lv.steps); /* refused whole */
        }
    }
    /* Asked to build challenge 3 of a file whose challenge 2 breaks the limits: refused too. */
    static const char text[] = "id test/bad\ntitle \"B\"\nkind lengthening\nchallenge 2 reps 20\n"
                               "challenge 3 below 10%\nrepeat 9\n  rest 5min below 20%\nend\n";
    ebb_level lv;
    ebb_diags d;
    assert_false(build_text(text, 3, NULL, &lv, &d));
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].code, EBB_D_LIMIT);
}

/* ---- the shipped curriculum -------------------------------------------------------------- */

/* What a level asks of the person, built at one challenge. */
typedef struct measure {
    uint32_t squeeze_ms;   /* time asked to squeeze (holds, elevator floors, knack lifts) */
    uint32_t longest_hold; /* longest single squeeze step */
    float squeeze_width;   /* narrowest closed squeeze band (1 when there is none) */
    float squeeze_top;     /* highest squeeze band end (lo for open bands) */
    size_t squeezes, flicks;
    uint32_t rest_ms;      /* time asked to rest or let go (rest, release, drop) */
    float ceiling;         /* lowest rest/release ceiling */
    float drop_ceiling;    /* lowest drop ceiling (1 when there is none) */
    size_t breaths;        /* breathe out steps */
    uint32_t out_ms;       /* time breathing out */
    uint32_t longest_breath_hold, in_ms;
    bool hold_rest_ratio;  /* every hold is followed by a rest at least twice as long */
} measure;

static measure measure_level(const ebb_level *lv)
{
    measure m;
    memset(&m, 0, sizeof m);
    m.squeeze_width = 1.0f;
    m.ceiling = 1.0f;
    m.drop_ceiling = 1.0f;
    m.hold_rest_ratio = true;
    for (size_t i = 0; i < lv->step_count; i++) {
        const ebb_step *s = &lv->steps[i];
        switch (s->kind) {
        case EBB_STEP_SQUEEZE:
            m.squeeze_ms += s->duration_ms;
            m.squeezes++;
            m.longest_hold = s->duration_ms > m.longest_hold ? s->duration_ms : m.longest_hold;
            if (s->hi0 < 1.0f && s->hi0 - s->lo0 < m.squeeze_width) {
                m.squeeze_width = s->hi0 - s->lo0;
            }
            {
                float top = s->hi0 < 1.0f ? s->hi0 : s->lo0;
                m.squeeze_top = top > m.squeeze_top ? top : m.squeeze_top;
            }
            if (i + 1 < lv->step_count && (lv->steps[i + 1].kind == EBB_STEP_RELEASE ||
                                           lv->steps[i + 1].kind == EBB_STEP_REST) &&
                lv->steps[i + 1].duration_ms < 2u * s->duration_ms) {
                m.hold_rest_ratio = false;
            }
            break;
        case EBB_STEP_FLICK:
            m.flicks++;
            break;
        case EBB_STEP_REST:
        case EBB_STEP_RELEASE:
            m.rest_ms += s->duration_ms;
            m.ceiling = s->hi0 < m.ceiling ? s->hi0 : m.ceiling;
            break;
        case EBB_STEP_DROP:
            m.rest_ms += s->duration_ms;
            m.drop_ceiling = s->hi0 < m.drop_ceiling ? s->hi0 : m.drop_ceiling;
            break;
        case EBB_STEP_BREATHE_OUT:
            m.breaths++;
            m.out_ms += s->duration_ms;
            break;
        case EBB_STEP_BREATHE_IN:
            m.in_ms = s->duration_ms > m.in_ms ? s->duration_ms : m.in_ms;
            break;
        case EBB_STEP_BREATHE_HOLD:
            if (s->duration_ms > m.longest_breath_hold) {
                m.longest_breath_hold = s->duration_ms;
            }
            break;
        default:
            break;
        }
    }
    return m;
}

/* Harder in at least one way the kind grows by, easier in none of them. */
static bool harder(ebb_level_kind kind, const measure *a, const measure *b)
{
    switch (kind) {
    case EBB_LEVEL_LENGTHENING:
        return b->rest_ms >= a->rest_ms && b->ceiling <= a->ceiling &&
               (b->rest_ms > a->rest_ms || b->ceiling < a->ceiling);
    case EBB_LEVEL_STRENGTHENING:
        return b->squeeze_ms >= a->squeeze_ms && b->flicks >= a->flicks &&
               b->squeeze_width <= a->squeeze_width && b->ceiling <= a->ceiling &&
               (b->squeeze_ms > a->squeeze_ms || b->flicks > a->flicks ||
                b->squeeze_width < a->squeeze_width || b->ceiling < a->ceiling);
    case EBB_LEVEL_BREATHING:
        /* Pace: the out-breath of one breath; practice: the breaths. */
        return b->breaths >= a->breaths && b->out_ms * a->breaths >= a->out_ms * b->breaths &&
               (b->breaths > a->breaths || b->out_ms * a->breaths > a->out_ms * b->breaths);
    default:
        return false;
    }
}

static void check_level(const char *path, const char *text, size_t len)
{
    ebb_level lv[EBB_LEVEL_CHALLENGES_MAX];
    measure m[EBB_LEVEL_CHALLENGES_MAX];
    ebb_diags d;
    ebb_diags_init(&d, path);
    ebb_level_parse_opts o;
    memset(&o, 0, sizeof o);
    o.challenge = 1;
    bool ok = ebb_level_parse_ex(text, len, path, &o, &lv[0], &d);
    if (!ok) {
        ebb_diags_print(&d, stderr);
    }
    assert_true(ok);
    assert_int_equal(d.warnings, 0);
    const ebb_level_kind kind = lv[0].kind;
    const unsigned count = lv[0].challenge_count;
    printf("%s (%s): %u challenge%s\n", lv[0].id, ebb_level_kind_name(kind), count,
           count == 1 ? "" : "s");
    /* The assessment is a standard protocol, charted over time: it must stay the same test. */
    assert_int_equal(count, kind == EBB_LEVEL_ASSESSMENT ? 1u : 4u);
    for (unsigned n = 1; n <= count; n++) {
        if (n > 1) {
            o.challenge = n;
            assert_true(ebb_level_parse_ex(text, len, path, &o, &lv[n - 1], &d));
        }
        assert_int_equal(lv[n - 1].challenge, n);
        m[n - 1] = measure_level(&lv[n - 1]);
        const measure *c = &m[n - 1];
        printf("  %u: squeeze %5.1fs (longest %4.1fs, width %.3f, top %.2f), flicks %2zu, "
               "rest %5.1fs <%.2f, drop <%.2f, breaths %2zu out %5.1fs, held %.1fs, total "
               "%.0fs\n",
               n, c->squeeze_ms / 1000.0, c->longest_hold / 1000.0, (double)c->squeeze_width,
               (double)c->squeeze_top, c->flicks, c->rest_ms / 1000.0, (double)c->ceiling,
               (double)c->drop_ceiling, c->breaths, c->out_ms / 1000.0,
               c->longest_breath_hold / 1000.0, lv[n - 1].total_ms / 1000.0);
        assert_true(lv[n - 1].total_ms <= EBB_LEVEL_TOTAL_MS_MAX);
        if (n == 1) {
            continue;
        }
        const measure *p = &m[n - 2], *first = &m[0];
        assert_true(harder(kind, p, c));
        switch (kind) {
        case EBB_LEVEL_LENGTHENING:
            /* Never harder squeezing, never a deeper drop: only longer, lower rest. */
            assert_int_equal(c->squeeze_ms, first->squeeze_ms);
            assert_true(c->squeeze_top <= first->squeeze_top);
            assert_int_equal(c->flicks, first->flicks);
            assert_float_equal(c->drop_ceiling, first->drop_ceiling, 1e-6f);
            break;
        case EBB_LEVEL_STRENGTHENING:
            /* Within the usual dose: no squeeze higher than the level's own, holds no longer
             * than the level's own or 10 s (NHS/NICE: 6-10 s), at most 12 holds of 6 s or
             * more, and rest still twice the hold where the level asks for that. */
            assert_true(c->squeeze_top <= first->squeeze_top + 1e-6f);
            assert_true(c->longest_hold <= (first->longest_hold > 10000u ? first->longest_hold
                                                                          : 10000u));
            if (first->longest_hold >= 6000u && first->longest_hold <= 10000u) {
                size_t holds = 0;
                for (size_t i = 0; i < lv[n - 1].step_count; i++) {
                    holds += lv[n - 1].steps[i].kind == EBB_STEP_SQUEEZE &&
                             lv[n - 1].steps[i].duration_ms >= 6000u;
                }
                assert_true(holds <= 12);
            }
            assert_true(!first->hold_rest_ratio || c->hold_rest_ratio);
            break;
        case EBB_LEVEL_BREATHING:
            /* Breath-holds never grow; the in-breath keeps its length; a level that holds the
             * breath or is kept short for beginners at most doubles its rounds. */
            assert_int_equal(c->longest_breath_hold, first->longest_breath_hold);
            assert_int_equal(c->in_ms, first->in_ms);
            if (lv[0].flags & (EBB_LEVEL_FLAG_BREATH_HOLDS | EBB_LEVEL_FLAG_BEGINNER_SHORT)) {
                assert_true(c->breaths <= 2 * first->breaths);
            }
            break;
        default:
            break;
        }
    }
    for (unsigned n = 1; n <= count; n++) {
        ebb_level_free(&lv[n - 1]);
    }
}

static void test_shipped_levels(void **state)
{
    (void)state;
    static const char *const groups[] = {"assessment", "breathing", "lengthening",
                                         "strengthening"};
    size_t levels = 0, exercises = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/levels/%s", EBB_SOURCE_DIR, groups[g]);
        DIR *dp = opendir(dir);
        assert_non_null(dp);
        struct dirent *e;
        while ((e = readdir(dp)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 7 || strcmp(e->d_name + n - 6, ".level") != 0) {
                continue;
            }
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            static char text[EBB_LEVEL_FILE_MAX];
            size_t len = fread(text, 1, sizeof text, f);
            fclose(f);
            check_level(path, text, len);
            levels++;
            exercises += strcmp(groups[g], "assessment") != 0;
        }
        closedir(dp);
    }
    printf("%zu levels, %zu exercises with four challenges\n", levels, exercises);
    assert_true(levels >= 16);
    assert_true(exercises >= 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breath_fields),
        cmocka_unit_test(test_drop_and_elevator),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_shipped_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
