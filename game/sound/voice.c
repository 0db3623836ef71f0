#include "sound/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool counts_down(ebb_step_kind k)
{
    return k == EBB_STEP_SQUEEZE || k == EBB_STEP_BREATHE_HOLD; /* as guide.c */
}

/* Time a phrase may take: up to the first countdown tick (guide.c puts them at 3, 2 and 1 s
 * before the end of steps that last at least 2, 3, 4 s), else to the step's end; less a gap. */
static uint32_t window_of(const ebb_step *st)
{
    uint32_t room = st->duration_ms;
    if (counts_down(st->kind)) {
        for (uint32_t k = 3; k >= 1; k--) {
            if (st->duration_ms >= k * 1000u + 1000u) {
                room = st->duration_ms - k * 1000u;
                break;
            }
        }
    }
    return room > EBB_VOICE_GAP_MS ? room - EBB_VOICE_GAP_MS : 0u;
}

static void short_form(ebb_step_kind k, char *out, size_t size)
{
    static const char *const WORDS[EBB_STEP_KIND_COUNT] = {
        [EBB_STEP_REST] = "Rest", [EBB_STEP_RELEASE] = "Let go", [EBB_STEP_SQUEEZE] = "Squeeze",
        [EBB_STEP_FLICK] = "Flick", [EBB_STEP_RAMP] = "Follow", [EBB_STEP_BREATHE_IN] = "In",
        [EBB_STEP_BREATHE_OUT] = "Out", [EBB_STEP_BREATHE_HOLD] = "Hold", [EBB_STEP_DROP] = "Drop"};
    const char *w = (int)k >= 0 && k < EBB_STEP_KIND_COUNT && WORDS[k] ? WORDS[k] : "";
    snprintf(out, size, "%s", w);
}

/* The caption up to its first , ; : or . when that is shorter than the whole; else "". */
static void first_clause(const char *cap, char *out, size_t size)
{
    size_t n = strcspn(cap, ",;:.");
    out[0] = '\0';
    if (cap[n] != '\0' && n > 0 && n + 1 < size) {
        memcpy(out, cap, n);
        out[n] = '\0';
    }
}

/* Text as the voice should hear it after something else: ends in . ! or ? */
static void sentence(const char *in, char *out, size_t size)
{
    size_t n = strlen(in);
    while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t')) {
        n--;
    }
    bool ends = n > 0 && strchr(".!?", in[n - 1]);
    snprintf(out, size, "%.*s%s", (int)(n < size ? n : size - 1), in, ends || n == 0 ? "" : ".");
}

/* The notes, each a sentence, joined with spaces: whole notes only, up to the limit. */
static bool plan_notes(ebb_voice_set *set, const ebb_voice_opts *o)
{
    if (!o || !o->notes || o->note_count == 0) {
        return true;
    }
    char *all = calloc(1, EBB_VOICE_NOTE_MAX);
    if (!all) {
        return false;
    }
    size_t used = 0, kept = 0;
    for (size_t i = 0; i < o->note_count; i++) {
        char one[EBB_VOICE_NOTE_MAX];
        sentence(o->notes[i] ? o->notes[i] : "", one, sizeof one);
        size_t n = strlen(one);
        if (n == 0) {
            continue;
        }
        if (used + (used ? 1u : 0u) + n + 1u > EBB_VOICE_NOTE_MAX) {
            break;
        }
        used += (size_t)snprintf(all + used, EBB_VOICE_NOTE_MAX - used, "%s%s", used ? " " : "",
                                 one);
        if (kept++ == 0 && o->note_count > 1) {
            set->first_note = malloc(n + 1u);
            if (!set->first_note) {
                free(all);
                return false;
            }
            memcpy(set->first_note, one, n + 1u);
        }
    }
    if (used == 0 || kept < 2) {
        free(set->first_note);
        set->first_note = NULL;
    }
    if (used == 0) {
        free(all);
        return true;
    }
    set->notes = all;
    return true;
}

bool ebb_voice_plan(ebb_voice_set *set, const ebb_level *lv, const ebb_voice_opts *o)
{
    memset(set, 0, sizeof *set);
    size_t n = lv->step_count;
    if (n == 0) {
        return true;
    }
    set->line = calloc(n, sizeof *set->line);
    set->step_phrase = calloc(n, sizeof *set->step_phrase);
    if (!set->line || !set->step_phrase) {
        ebb_voice_set_free(set);
        return false;
    }
    set->step_count = n;
    unsigned breath = 0;
    for (size_t i = 0; i < n && set->count < UINT16_MAX - 1u; i++) {
        const ebb_step *st = &lv->steps[i];
        ebb_voice_line l = {.window_ms = window_of(st)};
        if (l.window_ms < EBB_VOICE_MIN_MS) {
            continue; /* too short to say anything: the cue tone stays */
        }
        const char *cap = st->caption[0] ? st->caption : ebb_step_default_caption(st->kind);
        short_form(st->kind, l.word, sizeof l.word);
        if (st->kind == EBB_STEP_BREATHE_IN) {
            breath++;
        }
        bool count = o && o->eyes_closed && st->kind == EBB_STEP_BREATHE_IN;
        char clause[EBB_VOICE_SHORT_MAX];
        first_clause(cap ? cap : "", clause, sizeof clause);
        if (count) {
            /* Eyes closed: the breath count, then the words. */
            snprintf(l.text, sizeof l.text, "%u. %s", breath, cap ? cap : "");
            if (clause[0]) {
                /* breath < 65536 (steps are counted in uint16): 7 characters at most */
                snprintf(l.short_text, sizeof l.short_text, "%u. %.*s", breath % 65536u,
                         (int)sizeof l.short_text - 8, clause);
            }
            snprintf(l.word, sizeof l.word, "%u. In", breath % 65536u);
        } else {
            snprintf(l.text, sizeof l.text, "%s", cap ? cap : "");
            snprintf(l.short_text, sizeof l.short_text, "%s", clause);
        }
        if (!l.text[0]) {
            continue;
        }
        l.with_notes = set->count == 0 && o && o->notes && o->note_count > 0;
        size_t found = set->count;
        for (size_t k = 0; k < set->count; k++) {
            if (set->line[k].window_ms == l.window_ms && !set->line[k].with_notes &&
                !l.with_notes && strcmp(set->line[k].text, l.text) == 0) {
                found = k;
                break;
            }
        }
        if (found == set->count) {
            set->line[set->count++] = l;
        }
        set->step_phrase[i] = (uint16_t)(found + 1u);
    }
    set->pcm = calloc(set->count ? set->count : 1u, sizeof *set->pcm);
    set->len = calloc(set->count ? set->count : 1u, sizeof *set->len);
    if (!set->pcm || !set->len || (set->count && !plan_notes(set, o))) {
        ebb_voice_set_free(set);
        return false;
    }
    for (size_t k = 0; k < set->count; k++) {
        atomic_init(&set->pcm[k], NULL);
    }
    atomic_init(&set->done, 0u);
    return true;
}

void ebb_voice_set_free(ebb_voice_set *set)
{
    if (set->pcm) {
        for (size_t k = 0; k < set->count; k++) {
            free(atomic_load(&set->pcm[k]));
        }
    }
    free(set->pcm);
    free(set->len);
    free(set->line);
    free(set->step_phrase);
    free(set->notes);
    free(set->first_note);
    memset(set, 0, sizeof *set);
}

const int16_t *ebb_voice_ready(const ebb_voice_set *set, size_t step, uint32_t *frames)
{
    if (!set || !set->step_phrase || step >= set->step_count || !set->step_phrase[step]) {
        return NULL;
    }
    size_t i = set->step_phrase[step] - 1u;
    int16_t *p = atomic_load_explicit((_Atomic(int16_t *) *)&set->pcm[i], memory_order_acquire);
    if (p) {
        *frames = set->len[i];
    }
    return p;
}

static size_t frames_of(uint32_t ms, int rate)
{
    return (size_t)((uint64_t)ms * (uint64_t)rate / 1000u);
}

/* Leading and trailing near-silence of flite's output is trimmed, so the words start on the
 * step (flite begins each phrase with a short pause, and a breathy "h" that is barely there).
 * The start is where the first 5 ms (at 48 kHz; fewer at lower rates) are clearly heard. */
static int16_t *trim(int16_t *s, size_t *n)
{
    const size_t win = 240;
    size_t a = 0, b = *n;
    while (a + win <= b) {
        double e = 0.0;
        for (size_t i = a; i < a + win; i++) {
            e += (double)s[i] * s[i];
        }
        if (e / (double)win > 500.0 * 500.0) {
            break;
        }
        a += win / 4;
    }
    while (a < b && (s[a] > -300 && s[a] < 300)) {
        a++;
    }
    while (b > a && (s[b - 1] > -300 && s[b - 1] < 300)) {
        b--;
    }
    if (a > 0 && b > a) {
        memmove(s, s + a, (b - a) * sizeof *s);
    }
    *n = b > a ? b - a : 0;
    /* A 2 ms fade in: the cut never clicks. */
    for (size_t i = 0; i < 96 && i < *n; i++) {
        s[i] = (int16_t)((int32_t)s[i] * (int32_t)i / 96);
    }
    return s;
}

bool ebb_voice_make(ebb_voice_set *set, size_t i, float speed, int rate, ebb_voice_say_fn say)
{
    if (i >= set->count) {
        return false;
    }
    const ebb_voice_line *l = &set->line[i];
    size_t room = frames_of(l->window_ms, rate);
    float sp = speed < EBB_VOICE_SPEED_MIN ? EBB_VOICE_SPEED_MIN
               : (speed > EBB_VOICE_SPEED_MAX ? EBB_VOICE_SPEED_MAX : speed);
    /* What it may say, longest first: with all the notes, with the first note, the caption,
     * its first clause, the step's plain word. */
    enum { WITH = EBB_VOICE_TEXT_MAX + EBB_VOICE_NOTE_MAX + 4 };
    char *with_all = NULL, *with_first = NULL;
    const char *forms[5];
    int nf = 0;
    if (l->with_notes && set->notes && (with_all = malloc(2 * WITH)) != NULL) {
        with_first = with_all + WITH;
        char cap[EBB_VOICE_TEXT_MAX + 2];
        sentence(l->text, cap, sizeof cap);
        snprintf(with_all, WITH, "%s %s", cap, set->notes);
        forms[nf++] = with_all;
        if (set->first_note) {
            snprintf(with_first, WITH, "%s %s", cap, set->first_note);
            forms[nf++] = with_first;
        }
    }
    forms[nf++] = l->text;
    forms[nf++] = l->short_text;
    forms[nf++] = l->word;
    int last = nf - 1;
    while (last > 0 && !forms[last][0]) {
        last--;
    }
    size_t n = 0;
    int16_t *s = NULL;
    for (int f = 0; f < nf && (!s || n > room); f++) {
        if (!forms[f][0]) {
            continue;
        }
        int16_t *t = NULL;
        size_t tn = 0;
        t = say(forms[f], sp, rate, &tn);
        t = t ? trim(t, &tn) : NULL;
        if (t && tn > room && f < last &&
            sp * (float)tn / (float)room > EBB_VOICE_SPEED_MAX * 1.25f) {
            /* Far too long even at the fastest: the next, shorter form, without trying. */
            free(t);
            continue;
        }
        if (t && tn > room && sp < EBB_VOICE_SPEED_MAX) {
            /* Faster, just enough (with a little to spare), up to the fastest. */
            float faster = sp * (float)tn / (float)room * 1.05f;
            faster = faster > EBB_VOICE_SPEED_MAX ? EBB_VOICE_SPEED_MAX : faster;
            free(t);
            t = say(forms[f], faster, rate, &tn);
            t = t ? trim(t, &tn) : NULL;
        }
        if (t) {
            free(s);
            s = t;
            n = tn;
        }
    }
    free(with_all);
    if (s && n > room) {
        n = room; /* cut, with a fade: never over the next sound */
        size_t fade = frames_of(EBB_VOICE_FADE_MS, rate);
        fade = fade > n ? n : fade;
        for (size_t k = 0; k < fade; k++) {
            s[n - 1u - k] = (int16_t)((int32_t)s[n - 1u - k] * (int32_t)k / (int32_t)fade);
        }
    }
    bool ok = s && n > 0;
    if (ok) {
        set->len[i] = (uint32_t)n;
        atomic_store_explicit(&set->pcm[i], s, memory_order_release);
    } else {
        free(s);
    }
    atomic_fetch_add_explicit(&set->done, 1u, memory_order_release);
    return ok;
}

size_t ebb_voice_resampled_len(size_t n, int from_rate, int to_rate)
{
    if (from_rate <= 0 || to_rate <= 0) {
        return 0;
    }
    return (size_t)((uint64_t)n * (uint64_t)to_rate / (uint64_t)from_rate);
}

void ebb_voice_resample(const int16_t *in, size_t n, int from_rate, int16_t *out, size_t m,
                        int to_rate)
{
    if (n == 0) {
        return;
    }
    double step = (double)from_rate / (double)to_rate;
    for (size_t j = 0; j < m; j++) {
        double x = (double)j * step;
        size_t k = (size_t)x;
        double frac = x - (double)k;
        double a = in[k < n ? k : n - 1u];
        double b = in[k + 1u < n ? k + 1u : n - 1u];
        out[j] = (int16_t)(a + (b - a) * frac);
    }
}

bool ebb_voice_plan_text(ebb_voice_set *set, const char *text, uint32_t window_ms)
{
    memset(set, 0, sizeof *set);
    set->line = calloc(1, sizeof *set->line);
    set->pcm = calloc(1, sizeof *set->pcm);
    set->len = calloc(1, sizeof *set->len);
    if (!set->line || !set->pcm || !set->len) {
        ebb_voice_set_free(set);
        return false;
    }
    set->count = 1;
    snprintf(set->line[0].text, sizeof set->line[0].text, "%s", text);
    set->line[0].window_ms = window_ms;
    atomic_init(&set->pcm[0], NULL);
    atomic_init(&set->done, 0u);
    return true;
}

void ebb_voice_result_text(bool complete, int score, int stars, const char *feedback,
                           char *out, size_t size)
{
    if (!complete) {
        snprintf(out, size, "Level stopped. %s", feedback ? feedback : "");
        return;
    }
    snprintf(out, size, "Level complete. Score %d out of 100. %d %s. %s", score, stars,
             stars == 1 ? "star" : "stars", feedback ? feedback : "");
}
