#include "sound/voices.h"

#include <string.h>

#include "sound/synth.h"

void ebb_voices_init(ebb_voices *vs, int rate)
{
    memset(vs, 0, sizeof *vs);
    vs->rate = rate > 0 ? rate : 48000;
    atomic_init(&vs->head, 0u);
    atomic_init(&vs->tail, 0u);
    atomic_init(&vs->effort_q, 0u);
    atomic_init(&vs->tone_on, false);
    for (int i = 0; i < EBB_LAYER_COUNT; i++) {
        atomic_init(&vs->gain_q[i], 65535u);
    }
    atomic_init(&vs->reward_on, false);
    atomic_init(&vs->calm_q, 0u);
    atomic_init(&vs->busy_q, 0u);
    atomic_init(&vs->hushes_taken, 0u);
    vs->duck = 1.0f;
    ebb_sonify_init(&vs->sonify, vs->rate);
    ebb_reward_init(&vs->reward, vs->rate, 0xca1fu, &ebb_synth_current()->scape);
}

void ebb_voices_set_slot(ebb_voices *vs, int slot, const int16_t *samples, size_t len,
                         float gain)
{
    if (slot < 0 || slot >= EBB_VOICE_SLOTS) {
        return;
    }
    vs->sample[slot] = samples;
    vs->len[slot] = samples ? len : 0;
    vs->gain[slot] = gain;
}

bool ebb_voices_post(ebb_voices *vs, const ebb_voice_msg *m)
{
    unsigned head = atomic_load_explicit(&vs->head, memory_order_relaxed);
    unsigned tail = atomic_load_explicit(&vs->tail, memory_order_acquire);
    if (head - tail >= EBB_VOICE_QUEUE) {
        return false;
    }
    vs->queue[head % EBB_VOICE_QUEUE] = *m;
    atomic_store_explicit(&vs->head, head + 1u, memory_order_release);
    return true;
}

void ebb_voices_set_effort(ebb_voices *vs, bool on, float effort)
{
    float e = effort == effort ? effort : 0.0f;
    e = e < 0.0f ? 0.0f : (e > 1.0f ? 1.0f : e);
    atomic_store_explicit(&vs->effort_q, (unsigned)(e * 65535.0f + 0.5f), memory_order_relaxed);
    atomic_store_explicit(&vs->tone_on, on, memory_order_relaxed);
}

static unsigned quantize(float x)
{
    float e = x == x ? x : 0.0f;
    e = e < 0.0f ? 0.0f : (e > 1.0f ? 1.0f : e);
    return (unsigned)(e * 65535.0f + 0.5f);
}

void ebb_voices_set_gain(ebb_voices *vs, ebb_voices_layer layer, float gain)
{
    if ((int)layer >= 0 && layer < EBB_LAYER_COUNT) {
        atomic_store_explicit(&vs->gain_q[layer], quantize(gain), memory_order_relaxed);
    }
}

void ebb_voices_set_reward(ebb_voices *vs, bool on, float calm, float busy)
{
    atomic_store_explicit(&vs->calm_q, quantize(calm), memory_order_relaxed);
    atomic_store_explicit(&vs->busy_q, quantize(busy), memory_order_relaxed);
    atomic_store_explicit(&vs->reward_on, on, memory_order_relaxed);
}

static void take_speech(ebb_voices *vs, const ebb_voice_msg *m)
{
    if (!m->pcm || m->length == 0) {
        return;
    }
    int pick = 0;
    for (int i = 0; i < EBB_SPEECH_MAX; i++) {
        if (!vs->speech[i].active) {
            pick = i;
            break;
        }
        if (vs->speech[i].pos >= vs->speech[pick].pos) {
            pick = i; /* else the one that has spoken longest */
        }
    }
    vs->speech[pick] = (ebb_speech_voice){true, m->now, m->pcm, m->length, 0, m->start, 0};
}

static void take(ebb_voices *vs, const ebb_voice_msg *m)
{
    switch (m->type) {
    case EBB_VMSG_PLAY: {
        if (m->slot >= EBB_VOICE_SLOTS || !vs->sample[m->slot]) {
            return;
        }
        /* A free voice, else the one that has played longest. */
        int pick = 0;
        size_t oldest = 0;
        for (int i = 0; i < EBB_VOICES_MAX; i++) {
            if (!vs->v[i].active) {
                pick = i;
                break;
            }
            if (vs->v[i].pos >= oldest) {
                oldest = vs->v[i].pos;
                pick = i;
            }
        }
        vs->v[pick] = (ebb_voice){true, false, m->slot, m->start, 0};
        if (m->now) {
            vs->v[pick].started = true;
        }
        break;
    }
    case EBB_VMSG_PACER:
        if (vs->pacer_next.pending) {
            vs->pacer = vs->pacer_next; /* it was due before this one anyway */
            vs->pacer.pending = false;
        }
        vs->pacer_next = (ebb_pacer_seg){true, m->now, m->phase, m->start, m->length};
        break;
    case EBB_VMSG_CANCEL:
        for (int i = 0; i < EBB_VOICES_MAX; i++) {
            if (vs->v[i].active && !vs->v[i].started) {
                vs->v[i].active = false;
            }
        }
        vs->pacer_next.pending = false;
        for (int i = 0; i < EBB_SPEECH_MAX; i++) {
            if (vs->speech[i].active && !vs->speech[i].started) {
                vs->speech[i].active = false;
            }
        }
        break;
    case EBB_VMSG_SPEAK:
        take_speech(vs, m);
        break;
    case EBB_VMSG_HUSH:
        /* The samples may be freed once this is counted: never read them again. */
        for (int i = 0; i < EBB_SPEECH_MAX; i++) {
            vs->speech[i].active = false;
        }
        atomic_fetch_add_explicit(&vs->hushes_taken, 1u, memory_order_release);
        break;
    default:
        break;
    }
}

void ebb_voices_render(ebb_voices *vs, uint32_t frame, float *out, size_t n)
{
    unsigned tail = atomic_load_explicit(&vs->tail, memory_order_relaxed);
    unsigned head = atomic_load_explicit(&vs->head, memory_order_acquire);
    while (tail != head) {
        take(vs, &vs->queue[tail % EBB_VOICE_QUEUE]);
        tail++;
    }
    atomic_store_explicit(&vs->tail, tail, memory_order_release);

    ebb_sonify_target tone = {
        atomic_load_explicit(&vs->tone_on, memory_order_relaxed),
        (float)atomic_load_explicit(&vs->effort_q, memory_order_relaxed) / 65535.0f};
    const float inv_rate = 1.0f / (float)vs->rate;
    const float g_cue =
        (float)atomic_load_explicit(&vs->gain_q[EBB_LAYER_CUES], memory_order_relaxed) / 65535.0f;
    const float g_speech =
        (float)atomic_load_explicit(&vs->gain_q[EBB_LAYER_SPEECH], memory_order_relaxed) /
        (65535.0f * 32767.0f);
    const float g_reward =
        (float)atomic_load_explicit(&vs->gain_q[EBB_LAYER_REWARD], memory_order_relaxed) /
        65535.0f;
    const bool reward_on = atomic_load_explicit(&vs->reward_on, memory_order_relaxed);
    const float calm =
        (float)atomic_load_explicit(&vs->calm_q, memory_order_relaxed) / 65535.0f;
    const float busy =
        (float)atomic_load_explicit(&vs->busy_q, memory_order_relaxed) / 65535.0f;
    const float duck_step = 1.0f / (0.02f * (float)vs->rate);       /* ~20 ms */
    const float reward_step = 1.0f / (2.0f * (float)vs->rate);      /* fades over 2 s */
    for (size_t i = 0; i < n; i++) {
        uint32_t f = frame + (uint32_t)i;
        float acc = 0.0f;
        for (int k = 0; k < EBB_VOICES_MAX; k++) {
            ebb_voice *v = &vs->v[k];
            if (!v->active) {
                continue;
            }
            if (!v->started) {
                /* Starts on its frame; overdue (a late message): on the first frame here. */
                if ((int32_t)(f - v->start) < 0) {
                    continue;
                }
                v->started = true;
            }
            acc += (float)vs->sample[v->slot][v->pos] * (vs->gain[v->slot] / 32767.0f);
            if (++v->pos >= vs->len[v->slot]) {
                v->active = false;
            }
        }
        ebb_pacer_seg *nx = &vs->pacer_next;
        if (nx->pending && (nx->now || (int32_t)(f - nx->start) >= 0)) {
            vs->pacer = *nx;
            vs->pacer.pending = false;
            if (nx->now) {
                vs->pacer.start = f;
            }
            nx->pending = false;
        }
        ebb_pacer_phase ph = (ebb_pacer_phase)vs->pacer.phase;
        float pos = (float)(int32_t)(f - vs->pacer.start) * inv_rate;
        float len = (float)vs->pacer.length * inv_rate;
        ebb_sonify_pacer(&vs->sonify, ph, pos, len, &acc);
        ebb_sonify_tone(&vs->sonify, &tone, &acc);
        float words = 0.0f;
        bool speaking = false;
        for (int k = 0; k < EBB_SPEECH_MAX; k++) {
            ebb_speech_voice *sp = &vs->speech[k];
            if (!sp->active) {
                continue;
            }
            if (!sp->started) {
                int32_t late = (int32_t)(f - sp->start);
                if (late < 0) {
                    continue;
                }
                sp->started = true;
                /* Posted after its frame (a catch-up): join the words where they are by
                 * now, so they still end where they should, before the next sound. */
                sp->pos = (uint32_t)late;
                if (sp->pos >= sp->len) {
                    sp->active = false;
                    continue;
                }
            }
            speaking = true;
            words += (float)sp->pcm[sp->pos];
            if (++sp->pos >= sp->len) {
                sp->active = false;
            }
        }
        float duck_to = speaking ? EBB_VOICES_DUCK : 1.0f;
        vs->duck += (duck_to - vs->duck) * (duck_step > 1.0f ? 1.0f : duck_step);
        float scape = 0.0f;
        float lv_to = reward_on ? 1.0f : 0.0f;
        if (vs->reward_level != lv_to) {
            float d = lv_to - vs->reward_level;
            vs->reward_level +=
                d > reward_step ? reward_step : (d < -reward_step ? -reward_step : d);
        }
        if (vs->reward_level > 0.0f && g_reward > 0.0f) {
            float bed = 0.0f, rw = 0.0f;
            ebb_reward_render(&vs->reward, calm, busy, &bed, &rw, 1);
            scape = (bed + rw) * vs->reward_level * g_reward;
        }
        out[i] = (acc * g_cue + scape) * vs->duck + words * g_speech;
    }
}
