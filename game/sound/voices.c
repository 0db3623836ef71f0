#include "sound/voices.h"

#include <string.h>

void ebb_voices_init(ebb_voices *vs, int rate)
{
    memset(vs, 0, sizeof *vs);
    vs->rate = rate > 0 ? rate : 48000;
    atomic_init(&vs->head, 0u);
    atomic_init(&vs->tail, 0u);
    atomic_init(&vs->effort_q, 0u);
    atomic_init(&vs->tone_on, false);
    ebb_sonify_init(&vs->sonify, vs->rate);
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
        out[i] = acc;
    }
}
