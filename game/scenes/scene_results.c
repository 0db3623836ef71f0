/* The results: score 0-100, stars, and a few plain lines on how it went. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gfx/draw.h"
#include "app/record.h"
#include "core/result_json.h"
#include "io/history.h"
#include "io/pack_store.h"
#include "app/app_state.h"
#include "scenes/play.h"
#include "scenes/results.h"

/* With exit_when_done, how long the results stay up before the program exits. */
#define RESULTS_HOLD_S 1.5
/* Metric sentences shown under the feedback: a few, so that the screen stays calm. */
#define RESULTS_SENTENCES 3

/* Once per level: the session goes to the history (practice only; record.h decides) and,
 * with --json, its result to stdout. */
static void results_keep(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded || p->recorded || app->opts->screenshot_path) {
        return;
    }
    p->recorded = true;
    const ebb_result *res = ebb_session_result(p->session);
    ebb_record_end(&p->record, p->session, stderr);
    if (app->opts->json) {
        ebb_result_write_json(res, stdout);
        fflush(stdout);
    }
}

/* ---- the challenge offer (core/challenge.h): one calm line, Y or N ------------------------ */

static void offer_find(ebb_app *app)
{
    ebb_results_state *r = &app->results;
    memset(&r->offer, 0, sizeof r->offer);
    r->offer_answer = 0;
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    if (app->play.level.challenge_count <= 1 ||
        !ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        return;
    }
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_ONLY, err, sizeof err);
    ebb_pack_today *t = h ? calloc(1, sizeof *t) : NULL;
    ebb_diags d;
    ebb_diags_init(&d, "");
    bool pack = t && ebb_pack_store_today(app->opts->argv0, time(NULL), t, &d, err,
                                          sizeof err) == 0 && t->have_active;
    int current = 0;
    if (h && !ebb_history_challenge_offer(h, &app->play.level, pack ? &t->pack : NULL, &current,
                                          &r->offer, err, sizeof err)) {
        memset(&r->offer, 0, sizeof r->offer);
    }
    if (t) {
        ebb_pack_today_free(t);
        free(t);
    }
    ebb_history_close(h);
}

/* Yes takes the offered challenge from the next session; no keeps this one, and the offer
 * comes back only after another run of sessions. Either way it is kept in the history. */
static void offer_answer(ebb_app *app, bool yes)
{
    ebb_results_state *r = &app->results;
    char path[1024], err[EBB_HISTORY_ERR_MAX];
    if (r->offer.kind == EBB_OFFER_NONE || r->offer_answer != 0 ||
        !ebb_history_default_path(path, sizeof path, err, sizeof err)) {
        return;
    }
    ebb_history *h = ebb_history_open(path, EBB_HISTORY_READ_WRITE, err, sizeof err);
    if (h && ebb_history_challenge_set(h, app->play.level.id, yes ? r->offer.to : 0, time(NULL),
                                       err, sizeof err)) {
        r->offer_answer = yes ? 1 : -1;
    } else {
        fprintf(stderr, "ebb: %s\n", err);
    }
    ebb_history_close(h);
}

/* Draws the offer (or the answer) from y; returns the height used. */
static float offer_draw(ebb_app *app, float cx, float y, float w)
{
    const ebb_results_state *r = &app->results;
    if (r->offer.kind == EBB_OFFER_NONE) {
        return 0.0f;
    }
    char said[160];
    const char *line = r->offer.text, *keys = "Y: yes, please  \xc2\xb7  N: not now";
    if (r->offer_answer != 0) {
        if (r->offer_answer > 0) {
            snprintf(said, sizeof said, "Challenge %d it is, from your next session.",
                     r->offer.to);
        } else {
            snprintf(said, sizeof said, "Staying with this one. That is fine too.");
        }
        line = said;
        keys = NULL;
    }
    float h = ebb_text_draw(app->text, EBB_FONT_BODY, line, cx, y, EBB_ALIGN_CENTER,
                            EBB_THEME_TEXT, w);
    if (keys) {
        h += ebb_text_draw(app->text, EBB_FONT_SMALL, keys, cx, y + h * 1.1f, EBB_ALIGN_CENTER,
                           EBB_THEME_TEXT_SOFT, w);
    }
    return h;
}

void ebb_results_enter(ebb_app *app)
{
    results_keep(app);
    offer_find(app);
    if (!app->play.input_ended) {
        ebb_audio_sound(app->audio, EBB_SOUND_COMPLETE);
    }
    ebb_audio_voice_result(app->audio, &app->settings, app->play.session); /* eyes closed */
    app->results.shown_s = 0.0;
    ebb_input_release_keys(&app->input);
}

void ebb_results_leave(ebb_app *app, ebb_scene_id next)
{
    (void)next;
    ebb_play_end(app); /* "Play again" starts it afresh */
}

void ebb_results_shot(ebb_app *app, const char *view, uint32_t at_ms)
{
    (void)view;
    (void)at_ms;
    ebb_play_advance_to(app, UINT32_MAX); /* the results of the whole level */
}

void ebb_results_update(ebb_app *app, double dt_ms)
{
    app->results.shown_s += dt_ms / 1000.0;
    if (app->opts->exit_when_done && app->results.shown_s >= RESULTS_HOLD_S) {
        app->quit = true;
        app->exit_code = app->play.input_ended ? 1 : 0;
    }
}

static void to_menu(ebb_app *app)
{
    ebb_app_request(app, EBB_SCENE_MENU);
}

void ebb_results_event(ebb_app *app, const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        switch (ev->key.keysym.sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            ebb_play_restart(app);
            break;
        case SDLK_ESCAPE:
        case SDLK_m:
            to_menu(app);
            break;
        case SDLK_y:
        case SDLK_n:
            offer_answer(app, ev->key.keysym.sym == SDLK_y);
            break;
        default:
            break;
        }
    } else if (ev->type == SDL_CONTROLLERBUTTONDOWN) {
        if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_A) {
            ebb_play_restart(app);
        } else if (ev->cbutton.button == SDL_CONTROLLER_BUTTON_B ||
                   ev->cbutton.button == SDL_CONTROLLER_BUTTON_BACK) {
            to_menu(app);
        }
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        ebb_play_restart(app);
    }
}

/* Does the sentence compare with the person's own past ("..., quicker than last week's")? */
static bool compares(const char *text)
{
    return strstr(text, " than ") != NULL || strstr(text, "same as ") != NULL;
}

/* A few of the metric sentences under the feedback, softer: first those that compare with the
 * person's past, then the others, as many as fit above the hint (at most RESULTS_SENTENCES). */
static void results_sentences(ebb_app *app, const ebb_result *res, float cx, float y, float w,
                              float bottom)
{
    const ebb_metrics_sentences *ms = res->sentences;
    if (!ms) {
        return;
    }
    const float gap = ebb_text_line_h(app->text, EBB_FONT_SMALL) * 0.45f;
    int shown = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ms->count && shown < RESULTS_SENTENCES; i++) {
            if (compares(ms->text[i]) != (pass == 0)) {
                continue;
            }
            float tw = 0.0f, th = 0.0f;
            ebb_text_measure(app->text, EBB_FONT_BODY, ms->text[i], w, &tw, &th);
            if (y + th > bottom) {
                return; /* large text in a small window: what fits, nothing overlapping */
            }
            y += ebb_text_draw(app->text, EBB_FONT_BODY, ms->text[i], cx, y, EBB_ALIGN_CENTER,
                               EBB_THEME_TEXT_SOFT, w) + gap;
            shown++;
        }
    }
}

void ebb_results_draw(ebb_app *app)
{
    ebb_play_state *p = &app->play;
    if (!p->loaded) {
        return;
    }
    const ebb_result *res = ebb_session_result(p->session);
    ebb_results_layout l;
    ebb_layout_results(&l, app->w, app->h);
    float cx = (float)app->w * 0.5f;
    /* Each part where the layout puts it, or lower when the text above needs the room
     * (large text in a small window): nothing overlaps. */
    float tw = 0.0f, th = 0.0f;
    ebb_text_measure(app->text, EBB_FONT_CAPTION, p->level.title, l.title.w, &tw, &th);
    float title_y = th > l.title.h ? l.title.y - (th - l.title.h) * 0.5f : l.title.y;
    if (th > l.title.h) {
        ebb_text_draw(app->text, EBB_FONT_CAPTION, p->level.title, cx, title_y, EBB_ALIGN_CENTER,
                      EBB_THEME_TEXT_SOFT, l.title.w);
    } else {
        ebb_text_draw_mid(app->text, EBB_FONT_CAPTION, p->level.title, cx, l.title.y, l.title.h,
                          EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT);
    }
    float below_title = (th > l.title.h ? title_y + th : l.title.y + l.title.h);

    /* The score over a soft glow of the level's colour. */
    ebb_rgba kc = ebb_theme_character(p->level.kind);
    float ring_r = l.score.h * 0.5f;
    float ring_cy = l.score.y + l.score.h * 0.5f;
    float sh = ebb_text_line_h(app->text, EBB_FONT_HUGE);
    /* The digits' box starts ~0.2 of a line below the text's top. */
    if (ring_cy - sh * 0.58f + sh * 0.2f < below_title) {
        ring_cy = below_title + sh * 0.38f;
    }
    ebb_draw_ring(app->renderer, cx, ring_cy, 0.0f, ring_r * 1.6f, ebb_theme_alpha(kc, 0.10f),
                  ebb_theme_alpha(kc, 0.0f));
    char score[16];
    snprintf(score, sizeof score, "%d", res->score);
    ebb_text_draw(app->text, EBB_FONT_HUGE, score, cx, ring_cy - sh * 0.58f, EBB_ALIGN_CENTER,
                  EBB_THEME_TEXT, 0.0f);
    ebb_text_draw(app->text, EBB_FONT_SMALL, "out of 100", cx, ring_cy + sh * 0.36f,
                  EBB_ALIGN_CENTER, EBB_THEME_TEXT_FAINT, 0.0f);

    float out_bottom = ring_cy + sh * 0.36f + ebb_text_line_h(app->text, EBB_FONT_SMALL);
    float sy = l.stars.y + l.stars.h * 0.5f;
    if (sy - l.star_r * 1.1f < out_bottom) {
        sy = out_bottom + l.star_r * 1.1f;
    }
    for (int i = 0; i < 3; i++) {
        float sx = cx + (float)(i - 1) * l.star_gap;
        if (i < res->stars) {
            ebb_draw_ring(app->renderer, sx, sy, l.star_r * 0.4f, l.star_r * 1.6f,
                          ebb_theme_alpha(EBB_THEME_STAR, 0.20f), ebb_theme_alpha(EBB_THEME_STAR, 0.0f));
            ebb_draw_star(app->renderer, sx, sy, l.star_r, EBB_THEME_STAR, (ebb_rgba){0, 0, 0, 0}, 0.0f);
        } else {
            ebb_draw_star(app->renderer, sx, sy, l.star_r, EBB_THEME_STAR_EMPTY, (ebb_rgba){0, 0, 0, 0},
                          0.0f);
        }
    }

    float y = sy + l.star_r * 1.7f > l.lines.y ? sy + l.star_r * 1.7f : l.lines.y;
    float gap = ebb_text_line_h(app->text, EBB_FONT_BODY) * 0.55f;
    if (p->input_ended) {
        const char *why = p->live ? "Stopped early: the probe's input ended. What you did so far is kept."
                                  : "Stopped early: the recording ended before the level did.";
        y += ebb_text_draw(app->text, EBB_FONT_BODY, why, cx, y, EBB_ALIGN_CENTER, EBB_THEME_STAR,
                           l.lines.w) + gap;
    }
    for (size_t i = 0; i < res->feedback_count && i < EBB_FEEDBACK_MAX; i++) {
        y += ebb_text_draw(app->text, EBB_FONT_BODY, res->feedback[i], cx, y, EBB_ALIGN_CENTER,
                           EBB_THEME_TEXT, l.lines.w) + gap;
    }
    /* The offer asks for an answer, so it comes first; the sentences take what room is left. */
    const float offer_h = offer_draw(app, cx, y + gap, l.lines.w);
    if (offer_h > 0.0f) {
        y += gap + offer_h + gap;
    }
    results_sentences(app, res, cx, y, l.lines.w, l.hint.y);
    ebb_text_draw_mid(app->text, EBB_FONT_SMALL,
                      "Enter to play again  \xc2\xb7  M or Esc for the menu", cx, l.hint.y,
                      l.hint.h, EBB_ALIGN_CENTER, EBB_THEME_TEXT_SOFT);
}
