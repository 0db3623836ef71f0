#include "sound/audio.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sound/reward.h"
#include "sound/schedule.h"
#include "sound/sonify.h"
#include "sound/speech.h"
#include "sound/synth.h"
#include "sound/voice.h"
#include "sound/voice_worker.h"
#include "sound/voices.h"

#define AUDIO_RATE 48000
/* 480 samples = exactly 10 ms at 48 kHz, one tick: a cue starts within about a tick of being
 * asked for. (A power of two such as 512 is 10.67 ms; SDL's paced drivers that sleep whole
 * milliseconds, like the disk driver the tests use, then run 6 % fast.) */
#define AUDIO_BUFFER 480
#define GUIDE_CHANNEL 0   /* cues, ticks, rep chimes, pacer, effort tone: scheduled (voices.h) */
#define SIGNAL_CHANNEL 1  /* signal lost/back: never cut by a cue */
#define CHIME_CHANNEL 2   /* level complete */
#define AMBIENCE_CHANNEL 3
#define CHANNELS 4
#define RENDER_BLOCK 256

struct ebb_audio {
    Mix_Chunk *sound[EBB_SOUND_COUNT];
    Mix_Chunk *silence;        /* loops on the guide channel; its effect renders the voices */
    Uint8 *silence_buf;
    Mix_Chunk *ambience;       /* made on first use */
    int16_t *ambience_buf;
    int16_t *slot_buf[EBB_VOICE_SLOTS];
    int rate;
    int frame_bytes;
    int device_channels;
    bool s16;                  /* the device takes signed 16-bit samples (the effect's format) */
    SDL_atomic_t frames; /* frames mixed so far (wraps); written by the audio thread only */
    /* The guide channel's effect (audio thread only). */
    uint32_t fx_seen, fx_pos;
    /* Game thread only. */
    int volume[CHANNELS];      /* applied Mix_Volume, -1 before the first */
    bool ambience_on;
    ebb_schedule sched;        /* the guide's sounds, handed to the voices */
    ebb_voice_job *job;        /* the level's phrases (voice_worker.h), or NULL */
    ebb_voice_job *result_job; /* the result, said at the end (eyes closed) */
    uint32_t result_at;        /* device frame it is said on */
    bool result_posted;
    unsigned hushes;           /* HUSH messages posted */
    ebb_voice_job *retired[8]; /* jobs whose samples the audio thread may still hold */
    bool voice_told;           /* the one message about a missing voice was printed */
    FILE *trace;               /* EBB_TEST_SOUND_TRACE: cues and phrases with their frames */
    ebb_calm calm;             /* the calm soundscape (reward.h) */
    bool scape;                /* this level has it (breathing, lengthening) */
    ebb_voices voices;         /* last: large */
};

/* Runs on the audio thread after each buffer is mixed: counts frames, nothing else (no
 * allocation, no lock, no I/O). */
static void count_frames(void *udata, Uint8 *stream, int len)
{
    (void)stream;
    ebb_audio *a = udata;
    SDL_AtomicAdd(&a->frames, len / a->frame_bytes);
}

/* The guide channel's effect, on the audio thread: replaces the silent chunk's samples with
 * the scheduled voices, the pacer and the effort tone. SDL_mixer then applies the channel's
 * volume. Bounded work; no allocation, lock or I/O. The buffer being mixed starts at the frame
 * count (it is raised after the mix); SDL_mixer may call this in pieces within one buffer. */
static void guide_effect(int chan, void *stream, int len, void *udata)
{
    (void)chan;
    ebb_audio *a = udata;
    uint32_t counted = (uint32_t)SDL_AtomicGet(&a->frames);
    if (counted != a->fx_seen) {
        a->fx_seen = counted;
        a->fx_pos = counted;
    }
    if (!a->s16) {
        return; /* the silent chunk stays silent */
    }
    int16_t *out = stream;
    int ch = a->device_channels;
    size_t frames = (size_t)len / (size_t)a->frame_bytes;
    float block[RENDER_BLOCK];
    size_t done = 0;
    while (done < frames) {
        size_t n = frames - done < RENDER_BLOCK ? frames - done : RENDER_BLOCK;
        ebb_voices_render(&a->voices, a->fx_pos, block, n);
        for (size_t i = 0; i < n; i++) {
            float v = block[i] * 32767.0f;
            v = v > 32767.0f ? 32767.0f : (v < -32767.0f ? -32767.0f : v);
            int16_t sample = (int16_t)lrintf(v);
            for (int c = 0; c < ch; c++) {
                out[(done + i) * (size_t)ch + (size_t)c] = sample;
            }
        }
        a->fx_pos += (uint32_t)n;
        done += n;
    }
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
    /* NOLINTBEGIN(bugprone-not-null-terminated-result): RIFF tags are 4 bytes, not strings */
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
    /* NOLINTEND(bugprone-not-null-terminated-result) */
    put_le32(wav + 40, (uint32_t)data_bytes);
    for (size_t i = 0; i < n; i++) {
        put_le16(wav + 44 + 2u * i, (uint16_t)s[i]);
    }
    SDL_RWops *rw = SDL_RWFromConstMem(wav, (int)total);
    Mix_Chunk *c = rw ? Mix_LoadWAV_RW(rw, 1) : NULL;
    free(wav);
    return c;
}

/* Renders a cue or a game sound into a slot of the voices (owned by a). */
static void prepare_slot(ebb_audio *a, int slot, size_t n, bool cue, int id, float gain)
{
    int16_t *buf = n ? malloc(n * sizeof *buf) : NULL;
    if (!buf) {
        return;
    }
    n = cue ? ebb_synth_cue((ebb_cue)id, a->rate, buf, n)
            : ebb_synth_sound((ebb_sound)id, a->rate, buf, n);
    a->slot_buf[slot] = buf;
    ebb_voices_set_slot(&a->voices, slot, buf, n, gain);
}

/* Tests: one line per cue or phrase handed out, "cue|phrase STEP FRAME|now", on the game
 * thread (tests/game/voicecheck.c reads it); the result said at the end is "result 0 FRAME". */
static void trace_sound(void *ctx, bool phrase, size_t step, bool now, uint32_t frame)
{
    ebb_audio *a = ctx;
    if (now) {
        fprintf(a->trace, "%s %zu now\n", phrase ? "phrase" : "cue", step);
    } else {
        fprintf(a->trace, "%s %zu %u\n", phrase ? "phrase" : "cue", step, frame);
    }
    fflush(a->trace);
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
    a->device_channels = channels > 0 ? channels : 1;
    a->s16 = format == AUDIO_S16SYS;
    a->frame_bytes = a->device_channels * (int)(SDL_AUDIO_BITSIZE(format) / 8u);
    if (a->frame_bytes <= 0) {
        a->frame_bytes = 2;
    }
    for (int i = 0; i < CHANNELS; i++) {
        a->volume[i] = -1;
    }
    Mix_AllocateChannels(CHANNELS);
    ebb_voices_init(&a->voices, rate);
    ebb_schedule_init(&a->sched, &a->voices, rate);
    for (int cue = 1; cue < EBB_CUE_COUNT; cue++) {
        prepare_slot(a, cue, ebb_synth_cue_len((ebb_cue)cue, rate), true, cue, 1.0f);
    }
    prepare_slot(a, EBB_SLOT_TICK, ebb_synth_sound_len(EBB_SOUND_TICK, rate), false,
                 EBB_SOUND_TICK, 1.0f);
    /* The rep chime sits a little under the cues: a reward, not an alarm. */
    prepare_slot(a, EBB_SLOT_REP_OK, ebb_synth_sound_len(EBB_SOUND_REP_OK, rate), false,
                 EBB_SOUND_REP_OK, 0.8f);
    prepare_slot(a, EBB_SLOT_COMPLETE, ebb_synth_sound_len(EBB_SOUND_COMPLETE, rate), false,
                 EBB_SOUND_COMPLETE, 1.0f);
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
    /* The guide channel loops a silent chunk of whole buffers; its effect does the rest. */
    Uint32 silence_len = (Uint32)(AUDIO_BUFFER * 4 * a->frame_bytes);
    a->silence_buf = calloc(1, silence_len);
    a->silence = a->silence_buf ? Mix_QuickLoad_RAW(a->silence_buf, silence_len) : NULL;
    if (a->silence && Mix_RegisterEffect(GUIDE_CHANNEL, guide_effect, NULL, a) != 0) {
        Mix_PlayChannel(GUIDE_CHANNEL, a->silence, -1);
    } else {
        fprintf(stderr, "ebb: could not start the guide sounds: %s\n", Mix_GetError());
    }
    Mix_SetPostMix(count_frames, a);
    const char *trace = getenv("EBB_TEST_SOUND_TRACE");
    if (trace && trace[0]) {
        a->trace = fopen(trace, "w");
        a->sched.trace = a->trace ? trace_sound : NULL;
        a->sched.trace_ctx = a;
    }
    return a;
}

void ebb_audio_close(ebb_audio *a)
{
    if (!a) {
        return;
    }
    Mix_SetPostMix(NULL, NULL);
    Mix_HaltChannel(-1);
    Mix_UnregisterAllEffects(GUIDE_CHANNEL);
    for (int i = 0; i < EBB_SOUND_COUNT; i++) {
        if (a->sound[i]) {
            Mix_FreeChunk(a->sound[i]);
        }
    }
    if (a->silence) {
        Mix_FreeChunk(a->silence);
    }
    if (a->ambience) {
        Mix_FreeChunk(a->ambience);
    }
    Mix_CloseAudio();
    /* The device is closed: nothing reads the sample buffers any more. */
    ebb_voice_job_stop(a->job);
    ebb_voice_job_stop(a->result_job);
    for (size_t i = 0; i < sizeof a->retired / sizeof a->retired[0]; i++) {
        ebb_voice_job_stop(a->retired[i]);
    }
    ebb_speech_close();
    for (int i = 0; i < EBB_VOICE_SLOTS; i++) {
        free(a->slot_buf[i]);
    }
    free(a->silence_buf);
    free(a->ambience_buf);
    if (a->trace) {
        fclose(a->trace);
    }
    free(a);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void ebb_audio_sound(ebb_audio *a, ebb_sound s)
{
    if (!a || (int)s < 0 || s >= EBB_SOUND_COUNT) {
        return;
    }
    if (s == EBB_SOUND_TICK || s == EBB_SOUND_REP_OK) {
        ebb_schedule_play_now(&a->sched, s == EBB_SOUND_TICK ? EBB_SLOT_TICK : EBB_SLOT_REP_OK);
        return;
    }
    if (s == EBB_SOUND_COMPLETE && ebb_schedule_take_complete(&a->sched)) {
        return; /* already scheduled on the level's last frame */
    }
    if (!a->sound[s]) {
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
        ebb_schedule_cancel(&a->sched);
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

static int mix_volume(int master, int part)
{
    int m = master < 0 ? 0 : (master > 100 ? 100 : master);
    int p = part < 0 ? 0 : (part > 100 ? 100 : part);
    return (MIX_MAX_VOLUME * m * p + 5000) / 10000;
}

static void set_volume(ebb_audio *a, int channel, int volume)
{
    if (a->volume[channel] != volume) {
        a->volume[channel] = volume;
        Mix_Volume(channel, volume);
    }
}

/* The result phrase, once made, is said on its frame (checked once a frame). */
static void post_result(ebb_audio *a)
{
    if (!a->result_job || a->result_posted) {
        return;
    }
    uint32_t len = 0;
    const ebb_voice_set *set = ebb_voice_job_set(a->result_job);
    int16_t *pcm = set->count ? atomic_load_explicit(&set->pcm[0], memory_order_acquire) : NULL;
    if (!pcm) {
        a->result_posted = ebb_voice_job_finished(a->result_job, NULL); /* gave up */
        return;
    }
    len = set->len[0];
    uint32_t now = (uint32_t)SDL_AtomicGet(&a->frames);
    bool late = (int32_t)(a->result_at - now) < 0;
    ebb_voice_msg m = {EBB_VMSG_SPEAK, 0, 0, late, a->result_at, len, pcm};
    ebb_voices_post(&a->voices, &m);
    a->result_posted = true;
    if (a->trace) {
        if (late) {
            fprintf(a->trace, "result 0 now\n");
        } else {
            fprintf(a->trace, "result 0 %u\n", a->result_at);
        }
        fflush(a->trace);
    }
}

void ebb_audio_settings(ebb_audio *a, const ebb_settings *st)
{
    if (!a) {
        return;
    }
    int cue = mix_volume(st->master_volume, st->cue_volume);
    /* The guide channel carries cues, speech and the soundscape: each layer has its own
     * gain inside (voices.h); the channel takes the master volume. */
    set_volume(a, GUIDE_CHANNEL, mix_volume(st->master_volume, 100));
    ebb_voices_set_gain(&a->voices, EBB_LAYER_CUES, (float)st->cue_volume / 100.0f);
    ebb_voices_set_gain(&a->voices, EBB_LAYER_SPEECH, (float)st->voice_volume / 100.0f);
    ebb_voices_set_gain(&a->voices, EBB_LAYER_REWARD, (float)st->soundscape_volume / 100.0f);
    post_result(a);
    set_volume(a, SIGNAL_CHANNEL, cue);
    set_volume(a, CHIME_CHANNEL, cue);
    int amb = mix_volume(st->master_volume, st->ambience_volume);
    set_volume(a, AMBIENCE_CHANNEL, amb);
    bool want = amb > 0;
    if (want && !a->ambience && !a->ambience_buf) {
        /* Its length and level are data (assets/sounds.conf, [ambience]). */
        const ebb_ambience_def *bed = &ebb_synth_current()->ambience;
        size_t n = (size_t)lrint((double)a->rate * (double)bed->seconds);
        a->ambience_buf = malloc(n * sizeof *a->ambience_buf);
        if (a->ambience_buf) {
            ebb_ambience_render(a->ambience_buf, n, a->rate, bed->peak, 0x5eau);
            a->ambience = chunk_from_samples(a->ambience_buf, n, a->rate);
        }
    }
    if (want && !a->ambience_on && a->ambience) {
        Mix_FadeInChannel(AMBIENCE_CHANNEL, a->ambience, -1, 2000);
        a->ambience_on = true;
    } else if (!want && a->ambience_on) {
        Mix_FadeOutChannel(AMBIENCE_CHANNEL, 800);
        a->ambience_on = false;
    }
}

/* ---- audio guidance: the scheduling is pure (schedule.c); without sound it still keeps the
 * captions ---- */

void ebb_audio_guide_tick(ebb_audio *a, ebb_guide *g, const ebb_level *lv, ebb_session *s,
                          const ebb_tick_events *ev)
{
    ebb_schedule_tick(a ? &a->sched : NULL, g, lv, s, ev);
}

void ebb_audio_guide_frame(ebb_audio *a, ebb_guide *g, const ebb_level *lv, ebb_session *s,
                           const ebb_clock *c, bool eyes_closed, float effort)
{
    ebb_schedule_frame(a ? &a->sched : NULL, g, lv, s, c, eyes_closed, effort);
}

void ebb_audio_guide_stop(ebb_audio *a)
{
    if (a) {
        ebb_voices_set_reward(&a->voices, false, 0.0f, 0.0f);
    }
    ebb_schedule_stop(a ? &a->sched : NULL);
}

/* ---- the voice (voice.h) and the calm soundscape (reward.h) ---- */

/* Stops all speech and frees the phrases once the audio thread has let go of them. */
static void voice_drop(ebb_audio *a)
{
    a->sched.speech = NULL;
    if (!a->job && !a->result_job) {
        return;
    }
    ebb_voice_msg m = {EBB_VMSG_HUSH, 0, 0, true, 0, 0, NULL};
    bool posted = ebb_voices_post(&a->voices, &m);
    a->hushes += posted ? 1u : 0u;
    /* The audio thread takes it within a buffer (10 ms); allow it a quarter second. */
    bool taken = false;
    for (int i = 0; posted && i < 250 && !taken; i++) {
        taken = atomic_load_explicit(&a->voices.hushes_taken, memory_order_acquire) == a->hushes;
        if (!taken) {
            SDL_Delay(1);
        }
    }
    ebb_voice_job *jobs[2] = {a->job, a->result_job};
    a->job = a->result_job = NULL;
    for (int k = 0; k < 2; k++) {
        if (!jobs[k]) {
            continue;
        }
        if (taken) {
            ebb_voice_job_stop(jobs[k]);
            continue;
        }
        /* Not taken (a stalled device): keep the samples until the device is closed. */
        bool kept = false;
        for (size_t i = 0; i < sizeof a->retired / sizeof a->retired[0] && !kept; i++) {
            if (!a->retired[i]) {
                a->retired[i] = jobs[k];
                kept = true;
            }
        }
        if (!kept) {
            fprintf(stderr, "ebb: the voice is still busy; its phrases stay in memory\n");
        }
    }
}

static bool voice_ready(ebb_audio *a)
{
    char err[200];
    if (ebb_speech_open(err, sizeof err)) {
        return true;
    }
    if (!a->voice_told) {
        a->voice_told = true;
        fprintf(stderr, "ebb: no voice (%s); the captions and tones guide you as before.\n",
                err);
    }
    return false;
}

void ebb_audio_voice_load(ebb_audio *a, const ebb_level *lv, const ebb_settings *st,
                          const char *const *notes, size_t note_count)
{
    if (!a) {
        return;
    }
    voice_drop(a);
    ebb_calm_init(&a->calm, &ebb_synth_current()->scape); /* sounds.conf [soundscape] */
    a->scape = lv->kind == EBB_LEVEL_BREATHING || lv->kind == EBB_LEVEL_LENGTHENING;
    ebb_voices_set_reward(&a->voices, false, 0.0f, 0.0f);
    if (!ebb_settings_voice_on(st, lv->kind) || !voice_ready(a)) {
        return;
    }
    ebb_voice_set set;
    ebb_voice_opts o = {st->eyes_closed, (float)st->voice_rate / 100.0f, notes, note_count};
    if (!ebb_voice_plan(&set, lv, &o)) {
        return;
    }
    a->job = ebb_voice_job_start(&set, o.speed, a->rate);
    a->sched.speech = ebb_voice_job_set(a->job);
    /* The first phrase is needed at once: wait for it here, at load (tens of milliseconds;
     * at most a second and a half on a machine this busy), rather than let the first step
     * fall back to its tone. The rest come well ahead. */
    const ebb_voice_set *vs = a->sched.speech;
    for (int i = 0; vs && vs->count > 0 && i < 1500; i++) {
        if (atomic_load_explicit(&((ebb_voice_set *)vs)->done, memory_order_acquire) > 0u) {
            break;
        }
        SDL_Delay(1);
    }
}

bool ebb_audio_voice_loaded(ebb_audio *a, double *ms)
{
    return a && a->job && ebb_voice_job_finished(a->job, ms);
}

void ebb_audio_voice_result(ebb_audio *a, const ebb_settings *st, ebb_session *s)
{
    const ebb_result *r = s ? ebb_session_result(s) : NULL;
    if (!a || !r || !r->level || !st->eyes_closed || !ebb_settings_voice_on(st, r->level->kind) ||
        !voice_ready(a)) {
        return;
    }
    if (a->result_job) {
        return; /* said once */
    }
    char text[EBB_VOICE_TEXT_MAX];
    ebb_voice_result_text(r->complete, r->score, r->stars,
                          r->feedback_count ? r->feedback[0] : NULL, text, sizeof text);
    ebb_voice_set set;
    if (!ebb_voice_plan_text(&set, text, 12000u)) {
        return;
    }
    /* After the level-complete chime (about 1.2 s), never over it. */
    a->result_at = (uint32_t)SDL_AtomicGet(&a->frames) + (uint32_t)(a->rate * 3 / 2);
    a->result_posted = false;
    a->result_job = ebb_voice_job_start(&set, (float)st->voice_rate / 100.0f, a->rate);
}

void ebb_audio_calm(ebb_audio *a, const ebb_level *lv, ebb_session *s, const ebb_frame *f)
{
    if (!a || !a->scape) {
        return;
    }
    size_t si = ebb_session_step_index(s);
    ebb_step_kind k = si < lv->step_count ? lv->steps[si].kind : EBB_STEP_REST;
    bool resting = k != EBB_STEP_SQUEEZE && k != EBB_STEP_FLICK && k != EBB_STEP_RAMP;
    bool lost = f->signal == EBB_SIGNAL_LOST;
    float calm = 0.0f, busy = 0.0f;
    ebb_calm_update(&a->calm, f->effort[EBB_CH_PF], resting && !lost,
                    (float)EBB_TICK_MS / 1000.0f, &calm, &busy);
    ebb_voices_set_reward(&a->voices, !ebb_session_finished(s), calm, busy);
}
