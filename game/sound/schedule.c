#include "sound/schedule.h"

#include <math.h>
#include <stddef.h>

void ebb_schedule_init(ebb_schedule *s, ebb_voices *voices, int rate)
{
    s->voices = voices;
    s->rate = rate;
    s->cancels = 0;
    s->quiet = false;
    s->complete_sent = false;
    s->speech = NULL;
    s->spoken = false;
    s->spoken_at = 0;
    s->phrases = 0;
    s->trace = NULL;
    s->trace_ctx = NULL;
    s->clock = NULL;
}

static void post(ebb_schedule *s, ebb_voice_msg_type type, int slot, int phase, bool now,
                 uint32_t start, uint32_t length)
{
    ebb_voice_msg m = {(uint8_t)type, (uint8_t)slot, (uint8_t)phase, now, start, length, NULL};
    ebb_voices_post(s->voices, &m);
}

bool ebb_schedule_level_frame(const ebb_clock *c, int rate, uint32_t elapsed_ms,
                              uint32_t at_ms, uint32_t *frame)
{
    if (!c || !c->audio_seen || c->since_change_ms > EBB_CLOCK_STALL_MS) {
        return false;
    }
    double clock_ms = c->ticked_ms + ((double)at_ms - (double)elapsed_ms);
    double d = (clock_ms - c->audio_ms) * (double)rate / 1000.0;
    if (d > 1e9 || d < -1e9) {
        return false;
    }
    /* Frame counts wrap at 2^32: adding the offset modulo 2^32 keeps them in step. */
    *frame = c->audio_last + (uint32_t)(int32_t)lround(d);
    return true;
}

uint32_t ebb_schedule_frames(uint32_t ms, int rate)
{
    return rate > 0 ? (uint32_t)((uint64_t)ms * (uint64_t)rate / 1000u) : 0u;
}

void ebb_schedule_play_now(ebb_schedule *s, int slot)
{
    if (s) {
        post(s, EBB_VMSG_PLAY, slot, 0, true, 0, 0);
    }
}

void ebb_schedule_cancel(ebb_schedule *s)
{
    if (s) {
        post(s, EBB_VMSG_CANCEL, 0, 0, true, 0, 0);
        s->cancels++;
    }
}

bool ebb_schedule_take_complete(ebb_schedule *s)
{
    if (!s || !s->complete_sent) {
        return false;
    }
    s->complete_sent = false;
    return true;
}

static const char *const TICK_CAPTION[4] = {"", "1", "2", "3"};

/* Plans [g->planned_ms, until_ms) and hands it to the voices. Returns how many sounds. */
static size_t hand_out(ebb_schedule *s, ebb_guide *g, const ebb_level *lv, const ebb_clock *c,
                       uint32_t elapsed_ms, uint32_t until_ms, bool pacer)
{
    ebb_guide_event ev[16];
    g->steps = s && s->speech;
    size_t n, total = 0;
    do {
        n = ebb_guide_plan(g, lv, until_ms, pacer && s, ev, 16);
        total += n;
        for (size_t i = 0; i < n && i < 16; i++) {
            const ebb_guide_event *e = &ev[i];
            if (e->kind == EBB_GUIDE_TICK && e->id >= 1 && e->id <= 3) {
                ebb_guide_note(g, TICK_CAPTION[e->id], e->at_ms);
            }
            if (!s) {
                continue;
            }
            uint32_t frame = 0;
            bool now = !ebb_schedule_level_frame(c, s->rate, elapsed_ms, e->at_ms, &frame);
            switch (e->kind) {
            case EBB_GUIDE_STEP: {
                uint32_t len = 0;
                const int16_t *pcm = ebb_voice_ready(s->speech, (size_t)e->id, &len);
                bool pnow = now;
                uint32_t pframe = frame;
                if (now && !c) {
                    /* A catch-up tick: the phrase keeps its place on the device's clock
                     * (else, with no clock to follow yet, it starts at once). */
                    pnow = !ebb_schedule_level_frame(s->clock, s->rate, elapsed_ms, e->at_ms,
                                                     &pframe);
                }
                if (pcm) {
                    ebb_voice_msg m = {EBB_VMSG_SPEAK, 0, 0, pnow, pframe, len, pcm};
                    ebb_voices_post(s->voices, &m);
                    s->spoken = true;
                    s->spoken_at = e->at_ms;
                    s->phrases++;
                    if (s->trace) {
                        s->trace(s->trace_ctx, true, (size_t)e->id, pnow, pframe);
                    }
                }
                break;
            }
            case EBB_GUIDE_CUE:
                if (s->spoken && s->spoken_at == e->at_ms) {
                    break; /* the words say it: no tone under them */
                }
                post(s, EBB_VMSG_PLAY, e->id, 0, now, frame, 0);
                if (s->trace) {
                    s->trace(s->trace_ctx, false, ebb_level_step_at(lv, e->at_ms), now, frame);
                }
                break;
            case EBB_GUIDE_TICK:
                post(s, EBB_VMSG_PLAY, EBB_SLOT_TICK, 0, now, frame, 0);
                break;
            case EBB_GUIDE_PACER:
                post(s, EBB_VMSG_PACER, 0, e->id, now, frame,
                     ebb_schedule_frames(e->length_ms, s->rate));
                break;
            case EBB_GUIDE_COMPLETE:
                post(s, EBB_VMSG_PLAY, EBB_SLOT_COMPLETE, 0, now, frame, 0);
                s->complete_sent = true;
                break;
            case EBB_GUIDE_REP_OK:
            default:
                break;
            }
        }
    } while (n > 0 && g->planned_ms < until_ms);
    return total;
}

void ebb_schedule_tick(ebb_schedule *s, ebb_guide *g, const ebb_level *lv, ebb_session *ses,
                       const ebb_tick_events *ev)
{
    uint32_t now = ebb_session_elapsed_ms(ses);
    if (ev->step_started > 0 && !ev->finished) {
        size_t ended = (size_t)ev->step_started - 1u;
        const ebb_result *r = ebb_session_result(ses);
        if (ended < r->step_count && ebb_guide_rep_good(lv, ended, r->steps[ended].score)) {
            ebb_guide_note(g, "Well done", now);
            ebb_schedule_play_now(s, EBB_SLOT_REP_OK);
        }
    }
    /* Anything due by now that the look-ahead did not reach (a catch-up): at once. */
    g->late = hand_out(s, g, lv, NULL, now, now + 1u, g->pacer) > 0;
}

void ebb_schedule_stop(ebb_schedule *s)
{
    if (!s || s->quiet) {
        return;
    }
    s->quiet = true;
    ebb_voices_set_effort(s->voices, false, 0.0f);
    post(s, EBB_VMSG_CANCEL, 0, 0, true, 0, 0);
    post(s, EBB_VMSG_PACER, 0, EBB_PACER_NONE, true, 0, 0);
}

/* The pacer phase of the step under way, from its start (after a pause or a lost signal). */
static void repost_pacer(ebb_schedule *s, const ebb_level *lv, ebb_session *ses,
                         const ebb_clock *c)
{
    size_t si = ebb_session_step_index(ses);
    if (si >= lv->step_count) {
        return;
    }
    const ebb_step *st = &lv->steps[si];
    ebb_step_kind k = st->kind;
    if (k != EBB_STEP_BREATHE_IN && k != EBB_STEP_BREATHE_OUT && k != EBB_STEP_BREATHE_HOLD) {
        return;
    }
    uint32_t frame = 0;
    if (!ebb_schedule_level_frame(c, s->rate, ebb_session_elapsed_ms(ses), st->start_ms,
                                  &frame)) {
        return;
    }
    int phase = k == EBB_STEP_BREATHE_IN ? EBB_PACER_IN
                : k == EBB_STEP_BREATHE_OUT ? EBB_PACER_OUT : EBB_PACER_HOLD;
    post(s, EBB_VMSG_PACER, 0, phase, false, frame,
         ebb_schedule_frames(st->duration_ms, s->rate));
}

void ebb_schedule_frame(ebb_schedule *s, ebb_guide *g, const ebb_level *lv, ebb_session *ses,
                        const ebb_clock *c, bool eyes_closed, float effort)
{
    if (ebb_session_finished(ses)) {
        /* The end: the tone fades out; the complete chime, scheduled, still sounds. */
        if (s) {
            ebb_voices_set_effort(s->voices, false, 0.0f);
        }
        return;
    }
    uint32_t now = ebb_session_elapsed_ms(ses);
    bool holding = ebb_session_signal_lost(ses);
    bool resync = !g->started; /* the first frame: the pacer of the first step */
    g->started = true;
    g->pacer = eyes_closed && s;
    g->steps = s && s->speech;
    if (s) {
        s->clock = c;
    }
    if (holding && !g->holding && s) {
        /* The level holds still: what was handed out ahead must wait for it. */
        ebb_schedule_cancel(s);
        post(s, EBB_VMSG_PACER, 0, EBB_PACER_NONE, true, 0, 0);
    }
    if (!holding && g->holding) {
        resync = true;
    }
    g->holding = holding;
    if (s && s->cancels != g->cancels) {
        g->cancels = s->cancels;
        resync = true;
        if (g->planned_ms > now + 1u) {
            g->planned_ms = now + 1u; /* hand them out again, at their new frames */
        }
    }
    if (s) {
        s->quiet = false;
        ebb_voices_set_effort(s->voices, eyes_closed && !holding, effort);
    }
    if (holding) {
        return;
    }
    if (resync && s && eyes_closed) {
        repost_pacer(s, lv, ses, c);
    }
    hand_out(s, g, lv, c, now, now + EBB_SCHEDULE_AHEAD_MS, eyes_closed);
}
