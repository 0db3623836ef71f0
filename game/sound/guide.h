/* Audio guidance plan: which sounds a level asks for and when, in level time. Pure (no SDL):
 * it reads the level and the session and lists sounds; schedule.c turns level time into the
 * sound device's frames and hands them to the voices (voices.h), which audio.c plays.
 * Unit-tested in tests/game/test_sonify.c.
 *
 *   cue       each step's own cue, at the step's start
 *   tick      countdown ticks in the last 3 s of a squeeze/hold (and a breath hold), one per
 *             second, at 3, 2 and 1 s before its end; none in the step's first second, so a
 *             tick never lands on the step's own cue
 *   rep-ok    a gentle chime when a squeeze, release or flick step ends with a good score
 *             (step score >= EBB_GUIDE_GOOD); nothing at all after a poor one (never a "fail")
 *   pacer     in eyes-closed mode, each breathe-in/out/hold step as one pacer phase
 *   complete  the level-complete chime, on the level's last frame
 *
 * Every tick and chime also gets a short caption the play screen can show
 * (ebb_guide_caption); the step cues have the step captions. State starts zeroed. */
#ifndef EBB_GUIDE_H
#define EBB_GUIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/level.h"
#include "core/session.h"

#define EBB_GUIDE_GOOD 0.7f
#define EBB_GUIDE_CAPTION_MS 900u /* how long a tick's or chime's caption shows */
#define EBB_GUIDE_CAPTIONS 4

typedef enum ebb_guide_kind {
    EBB_GUIDE_CUE = 0,  /* id: ebb_cue */
    EBB_GUIDE_TICK,     /* id: seconds left (3, 2, 1) */
    EBB_GUIDE_REP_OK,
    EBB_GUIDE_PACER,    /* id: ebb_pacer_phase; length_ms */
    EBB_GUIDE_COMPLETE, /* the level-complete chime, at the end of the last step */
    EBB_GUIDE_STEP      /* a step begins (id: step index), listed before its cue: the voice
                         * speaks its phrase there in place of the cue (voice.h) */
} ebb_guide_kind;

typedef struct ebb_guide_event {
    ebb_guide_kind kind;
    int id;
    uint32_t at_ms;     /* level time */
    uint32_t length_ms;
} ebb_guide_event;

typedef struct ebb_guide_line {
    char text[16];
    uint32_t at_ms;
} ebb_guide_line;

typedef struct ebb_guide {
    uint32_t planned_ms;    /* sounds before this level time have been handed out */
    unsigned cancels;       /* the schedule's cancel count last seen (schedule.c) */
    bool holding;           /* the level was holding still (signal lost) last frame */
    bool started;           /* the first frame has been seen (schedule.c) */
    bool pacer;             /* the pacer is wanted (eyes-closed mode with sound) */
    bool late;              /* the last tick had to start sounds at once (not ahead) */
    bool steps;             /* list EBB_GUIDE_STEP events (the voice is on; schedule.c) */
    ebb_guide_line captions[EBB_GUIDE_CAPTIONS];
    size_t caption_next;
} ebb_guide;

/* Lists the sounds whose time is in [g->planned_ms, until_ms) into out (at most max), in
 * time order, and moves planned_ms to until_ms (only as far as what fitted). `pacer` adds
 * the pacer phases. Returns the count. */
size_t ebb_guide_plan(ebb_guide *g, const ebb_level *lv, uint32_t until_ms, bool pacer,
                      ebb_guide_event *out, size_t max);

/* After a tick in which step `ended` finished (the step before ev.step_started, or the last
 * one when the level finished): true when it earns the rep chime. `score` is its step score. */
bool ebb_guide_rep_good(const ebb_level *lv, size_t ended, float score);

/* Records a caption for a sound at level time at_ms. */
void ebb_guide_note(ebb_guide *g, const char *text, uint32_t at_ms);

/* The caption of the latest tick or chime sounding at level time now_ms, or NULL. */
const char *ebb_guide_caption(const ebb_guide *g, uint32_t now_ms);

#endif
