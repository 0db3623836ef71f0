/* The play scene: the fixed-tick loop that feeds the session, and the play screen. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_state.h"
#include "app/clock.h"
#include "app/record.h"
#include "gfx/draw.h"
#include "io/history_trends.h"
#include "io/pack_store.h"
#include "io/probe_pair.h"
#include "scenes/menu.h"
#include "scenes/play.h"

/* The frame-time cap (EBB_CLOCK_CAP_MS, 250 ms) and why it exists are in clock.h. */

static void play_layout(const ebb_app *app, ebb_play_layout *l)
{
    ebb_layout_play_scaled(l, app->w, app->h, ebb_app_text_scale(app));
}

static float frame_effort(const ebb_level *level, const ebb_frame *f)
{
    if (level->kind == EBB_LEVEL_BREATHING) {
        return ebb_frame_breath_effort(f);
    }
    return f->effort[EBB_CH_PF];
}

void ebb_play_end(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded) {
        return;
    }
    ebb_record_end(&p->record, p->session, stderr); /* left part-way: kept as stopped */
    ebb_session_destroy(p->session);
    if (p->probe) {
        ebb_probe_close(p->probe);
    }
    ebb_level_free(&p->level);
    ebb_audio_guide_stop(app->audio);
    p->session = NULL;
    p->probe = NULL;
    p->loaded = false;
}

/* Loads the level (from a spec, or the active pack's version of a level id), opens the
 * input and starts the session. */
static int play_begin(ebb_app *app, const char *level_spec, const char *pack_level,
                      const char *probe_spec)
{
    ebb_play_end(app);
    ebb_play_state *p = &app->play;
    char spec[EBB_PATH_MAX];
    char pspec[EBB_PROBE_SPEC_MAX];
    snprintf(spec, sizeof spec, "%s", level_spec);
    snprintf(pspec, sizeof pspec, "%s", probe_spec ? probe_spec : "keyboard");
    memset(p, 0, sizeof *p);

    static ebb_diags diags; /* large; the game has one thread */
    ebb_diags_init(&diags, spec);
    bool loaded = pack_level ? ebb_plan_level(app, pack_level, &p->level, &diags)
                             : ebb_pack_store_choose_level(spec, app->opts->argv0, &p->level,
                                                           &diags);
    if (!loaded) {
        ebb_diags_print(&diags, stderr);
        return 2;
    }
    if (diags.count > 0) {
        ebb_diags_print(&diags, stderr); /* warnings */
    }
    if (pack_level) {
        snprintf(p->pack_level, sizeof p->pack_level, "%s", pack_level);
    }
    ebb_diags_init(&diags, pspec);
    p->probe_kind = ebb_probe_spec_kind(pspec, &diags);
    if (p->probe_kind == EBB_PROBE_KIND_INVALID) {
        ebb_diags_print(&diags, stderr);
        ebb_level_free(&p->level);
        return 2;
    }
    if (!(ebb_probe_kind_get(p->probe_kind)->flags & EBB_PROBE_WINDOW)) {
        if (p->probe_kind == EBB_PROBE_KIND_AUDIO || p->probe_kind == EBB_PROBE_KIND_REPLAY) {
            /* The EMG pipeline's mains notch reads this (settings: mains frequency). */
            char hz[8];
            int mains = app->settings.mains_hz;
            snprintf(hz, sizeof hz, "%s", mains == 60 ? "60" : mains == 50 ? "50" : "auto");
            setenv("EBB_MAINS_HZ", hz, 0);
        }
        bool calibrated = false;
        p->probe = ebb_probe_open_pair(pspec, app->opts ? app->opts->breath_spec : NULL,
                                       &calibrated, &diags);
        if (!p->probe) {
            ebb_diags_print(&diags, stderr);
            ebb_level_free(&p->level);
            return 2;
        }
        ebb_diags_print(&diags, stderr); /* warnings: a damaged calibration file */
        ebb_probe_attach_level(p->probe, &p->level);
        p->live = ebb_probe_is_live(p->probe);
    }
    /* The window's frame clock paces the ticks; lost lasts as long as it takes (the person
     * can plug the probe back in, or pause). */
    ebb_pump_init(&p->pump, &(ebb_pump_desc){.probe = p->probe, .pace = EBB_PUMP_PACE_NONE});
    p->session = ebb_session_create(&p->level);
    if (!p->session) {
        fprintf(stderr, "ebb: out of memory\n");
        if (p->probe) {
            ebb_probe_close(p->probe);
            p->probe = NULL;
        }
        ebb_level_free(&p->level);
        return 1;
    }
    if (p->probe) {
        const ebb_calib calib = ebb_probe_get_calib(p->probe);
        ebb_session_set_calib(p->session, &calib);
    }
    /* The sentences compare with the person's own past; a replay keeps its own. */
    ebb_metrics_past past;
    if (p->probe_kind != EBB_PROBE_KIND_REPLAY &&
        ebb_history_past_load(p->level.id, time(NULL), &past)) {
        ebb_session_set_past(p->session, &past);
    }
    ebb_manual_init(&p->manual);
    ebb_strain_init(&p->strain);
    ebb_clock_init(&p->clock, (double)EBB_TICK_MS);
    memcpy(p->spec, spec, sizeof spec);
    memcpy(p->probe_spec, pspec, sizeof pspec);
    ebb_input_init(&app->input, p->probe_kind);
    p->started_at = (int64_t)time(NULL);
    if (!app->opts->screenshot_path) {
        p->record = ebb_record_begin(&p->level, (time_t)p->started_at, pspec, stderr);
    }
    p->loaded = true;
    return 0;
}

int ebb_play_begin(ebb_app *app, const char *level_spec, const char *probe_spec)
{
    return play_begin(app, level_spec, NULL, probe_spec);
}

void ebb_play_request(ebb_app *app, const char *level_spec, const char *pack_level,
                      const char *probe_spec)
{
    ebb_play_next *n = &app->play.next;
    n->staged = true;
    snprintf(n->spec, sizeof n->spec, "%s", level_spec);
    snprintf(n->probe_spec, sizeof n->probe_spec, "%s", probe_spec ? probe_spec : "keyboard");
    snprintf(n->pack_level, sizeof n->pack_level, "%s", pack_level ? pack_level : "");
    ebb_app_request(app, EBB_SCENE_PLAY);
}

void ebb_play_restart(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    ebb_play_request(app, p->spec, p->pack_level[0] ? p->pack_level : NULL, p->probe_spec);
}

/* Starts the level's voice, with the active pack's notes when the pack prescribes this
 * level: the person hears the therapist's own words as it starts (sound/voice.h). */
static void voice_load(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    static ebb_pack_today t; /* large */
    static ebb_diags d;
    const char *notes[EBB_PACK_NOTES_MAX];
    size_t count = 0;
    char err[EBB_PACK_ERR_MAX];
    memset(&t, 0, sizeof t);
    ebb_diags_init(&d, "pack");
    if (ebb_settings_voice_on(&app->settings, p->level.kind) &&
        ebb_pack_store_today(app->opts->argv0, time(NULL), &t, &d, err, sizeof err) == 0 &&
        t.have_active && ebb_pack_find_level(&t.pack, p->level.id)) {
        for (size_t i = 0; i < t.pack.note_count && i < EBB_PACK_NOTES_MAX; i++) {
            notes[count++] = t.pack.notes[i];
        }
    }
    ebb_audio_voice_load(app->audio, &p->level, &app->settings, count ? notes : NULL, count);
    ebb_pack_today_free(&t);
}

void ebb_play_enter(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    if (!p->next.staged) {
        if (!p->loaded) {
            ebb_app_request(app, EBB_SCENE_MENU); /* nothing to play */
        } else {
            voice_load(app); /* speech, scape */
        }
        return; /* the command line's level, loaded before the window opened */
    }
    /* play_begin clears the state, the staged request with it. */
    ebb_play_next n = p->next;
    p->next.staged = false;
    if (play_begin(app, n.spec, n.pack_level[0] ? n.pack_level : NULL, n.probe_spec) != 0) {
        ebb_app_request(app, EBB_SCENE_MENU); /* the message is on stderr */
    } else {
        voice_load(app); /* speech, scape */
    }
}

void ebb_play_leave(ebb_app *app, ebb_scene_id next)
{
    bool paused = app->play.paused;
    if (next != EBB_SCENE_RESULTS) {
        ebb_play_end(app); /* the results show the level; anything else ends it */
    }
    if (paused) {
        ebb_audio_pause(app->audio, false); /* left from the pause overlay */
    }
}

bool ebb_play_active(const ebb_app *app)
{
    return app->scene == EBB_SCENE_PLAY && !app->play.paused;
}

const char *ebb_play_view_now(const ebb_app *app)
{
    return app->play.paused ? "pause" : NULL;
}

void ebb_play_shot(ebb_app *app, const char *view, uint32_t at_ms)
{
    ebb_play_advance_to(app, at_ms);
    if (strcmp(view, "pause") == 0) {
        app->play.paused = true;
    } else if (strcmp(view, "lost") == 0) {
        app->play.lost_notice = true; /* the signal-lost notice, as a live probe shows it */
    }
}

void ebb_play_set_paused(ebb_app *app, bool paused)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded || p->paused == paused) {
        return;
    }
    p->paused = paused;
    p->pause_sel = EBB_PAUSE_RESUME;
    ebb_input_release_keys(&app->input);
    ebb_audio_pause(app->audio, paused);
    if (!paused) {
        ebb_clock_reset(&p->clock); /* the paused time is not owed */
    }
}

/* Lost and found signal (the pump decides both): the session holds still by itself; here
 * the person is told, once, by a notice and a double beep, and by a short note and blip when
 * it comes back. A source that has never delivered anything yet only shows "Waiting for the
 * signal". */
static void signal_events(ebb_app *app, const ebb_pump_tick *t)
{
    ebb_play_state *p = &app->play;
    if (t->lost_began) {
        p->lost_notice = true;
        p->back_notice_s = 0.0;
        ebb_audio_sound(app->audio, EBB_SOUND_SIGNAL_LOST);
    }
    if (t->back && p->lost_notice) {
        p->lost_notice = false;
        p->back_notice_s = EBB_PLAY_BACK_NOTE_S;
        ebb_audio_sound(app->audio, EBB_SOUND_SIGNAL_BACK);
    }
}

/* One tick: a frame from the probe or the manual model into the session. Returns false when
 * the level is over (finished, or the input ended). *step_started tells whether a step began. */
static bool tick(ebb_app *app, bool *step_started)
{
    *step_started = false;
    ebb_play_state *p = &app->play;
    if (ebb_session_finished(p->session) || p->input_ended) {
        return false;
    }
    ebb_pump_tick t = {.status = EBB_PUMP_FRAME};
    if (p->probe) {
        if (ebb_pump_next(&p->pump, &t) == EBB_PUMP_ENDED) {
            p->input_ended = true;
            ebb_session_abort(p->session);
            return false;
        }
    } else {
        ebb_play_layout l;
        play_layout(app, &l);
        ebb_manual_input in = ebb_input_manual(&app->input, &l);
        t.frame = ebb_frame_pf(ebb_manual_tick(&p->manual, &in));
    }
    const ebb_frame f = t.frame;
    ebb_tick_events ev;
    ebb_session_tick(p->session, &f, &ev);
    ebb_record_tick(p->record, p->session, &f, &ev);
    signal_events(app, &t);
    size_t si = ebb_session_step_index(p->session);
    bool watched = si < p->level.step_count &&
                   ebb_strain_step_watched(p->level.steps[si].kind);
    p->strain_hint = ebb_strain_tick(&p->strain, &f, watched, (float)EBB_TICK_MS / 1000.0f);
    /* Cues, countdown ticks, rep chimes and the pacer (handed out ahead in ebb_play_update). */
    ebb_audio_guide_tick(app->audio, &p->guide, &p->level, p->session, &ev);
    ebb_audio_calm(app->audio, &p->level, p->session, &f); /* the calm soundscape */
    if (ev.step_started >= 0 && (size_t)ev.step_started < p->level.step_count) {
        *step_started = true;
    }
    if (f.signal != EBB_SIGNAL_LOST) {
        p->prev_effort = p->cur_effort;
        p->cur_effort = frame_effort(&p->level, &f);
        p->trail[p->trail_head] = p->cur_effort;
        p->trail_head = (p->trail_head + 1) % EBB_TRAIL_MAX;
        if (p->trail_count < EBB_TRAIL_MAX) {
            p->trail_count++;
        }
    }
    return !ev.finished && !ebb_session_finished(p->session);
}

void ebb_play_update(ebb_app *app, double dt_ms)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded || p->paused) {
        return;
    }
    if (p->frames_shown < 1) {
        /* The level starts once its first frame is on screen: that frame renders every
         * caption and glyph for the first time and can be slow, and the person should not
         * lose the start of the first step to it. */
        ebb_clock_reset(&p->clock);
        return;
    }
    p->played_s += (dt_ms > 0.0 ? dt_ms : 0.0) / 1000.0;
    if (p->back_notice_s > 0.0) {
        p->back_notice_s -= dt_ms / 1000.0;
    }
    uint32_t frames = 0;
    int rate = 0;
    bool audio_ok = ebb_audio_clock(app->audio, &frames, &rate);
    int ticks = ebb_clock_advance(&p->clock, dt_ms, audio_ok, frames, rate);
    bool more = true;
    for (int i = 0; i < ticks && more; i++) {
        bool started = false;
        more = tick(app, &started);
        if (started && i + 1 < ticks && (p->guide.late || ticks - (i + 1) > 3)) {
            /* A step began in the middle of a catch-up (after a slow frame) and its sounds
             * could not be handed out ahead: start it now rather than late, with its cue on
             * time (see ebb_clock_forgive). An ordinary frame of two ticks forgives nothing:
             * the cue was scheduled on its exact device frame (audio.h). */
            ebb_clock_forgive(&p->clock, ticks - (i + 1));
            break;
        }
    }
    p->alpha = ebb_clock_alpha(&p->clock);
    ebb_audio_guide_frame(app->audio, &p->guide, &p->level, p->session, &p->clock,
                          app->settings.eyes_closed, p->cur_effort);
    if (!more) {
        p->alpha = 1.0f;
        ebb_app_request(app, EBB_SCENE_RESULTS);
    }
}

void ebb_play_advance_to(ebb_app *app, uint32_t ms)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded) {
        return;
    }
    bool started = false;
    while (ebb_session_elapsed_ms(p->session) < ms && tick(app, &started)) {
    }
    /* Present exactly the last tick (no interpolation left over). */
    p->alpha = 1.0f;
}

void ebb_play_event(ebb_app *app, const SDL_Event *ev)
{
    ebb_play_state *p = &app->play;
    if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
        /* Someone who switches away mid-level finds it waiting for them. Recordings do not
         * need the person, so they play on. */
        if (!p->probe) {
            ebb_play_set_paused(app, true);
        }
        return;
    }
    if (p->paused) {
        ebb_pause_event(app, ev);
        return;
    }
    /* Keys and gamepad pause alike, kept apart to read. */
    /* NOLINTBEGIN(bugprone-branch-clone) */
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat &&
        (ev->key.keysym.sym == SDLK_ESCAPE || ev->key.keysym.sym == SDLK_p ||
         ev->key.keysym.sym == SDLK_PAUSE)) {
        ebb_play_set_paused(app, true);
    } else if (ev->type == SDL_CONTROLLERBUTTONDOWN &&
               (ev->cbutton.button == SDL_CONTROLLER_BUTTON_START ||
                ev->cbutton.button == SDL_CONTROLLER_BUTTON_B)) {
        ebb_play_set_paused(app, true);
    }
    /* NOLINTEND(bugprone-branch-clone) */
}

