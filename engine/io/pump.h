/* The probe pump: the one loop step that every mode shares (Doom's TryRunTics serves single
 * play, network play and demos alike). Headless play, window play, calibration (command line
 * and scene) and `ebb probe` each call ebb_pump_next once per 10 ms tick; the pump asks the
 * probe for the frame at its next probe time, paces live sources to the wall clock when the
 * caller has no clock of its own, and decides, in one place:
 *   - lost:    the probe said EBB_PROBE_LOST (the status only; the frame is marked to match);
 *   - ended:   a finite input has no more (the status EBB_PROBE_ENDED);
 *   - give up: lost for give_up_ms in a row (where a mode gives up at all);
 *   - episodes: a lost stretch that follows a good frame is one episode (counted, and
 *     announced once by lost_began / back); waiting for a source that has never delivered
 *     is not an episode.
 * What differs stays with the caller: what to draw, print or sound, and what to do with
 * each frame.
 *
 * A small value type: embed it, ebb_pump_init it, no cleanup. The probe is borrowed. */
#ifndef EBB_PUMP_H
#define EBB_PUMP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/frame.h"
#include "io/probe.h"

typedef enum ebb_pump_pace {
    EBB_PUMP_PACE_LIVE = 0, /* sleep to the wall clock when the probe is live (headless) */
    EBB_PUMP_PACE_ALWAYS,   /* also replays and the simulator (`ebb probe --realtime`) */
    EBB_PUMP_PACE_NONE      /* the caller has its own clock (the window's frame clock) */
} ebb_pump_pace;

/* Zero-initialised fields are the defaults. */
typedef struct ebb_pump_desc {
    ebb_probe *probe;         /* borrowed; must outlive the pump's use */
    uint32_t give_up_ms;      /* give up after this long lost in a row; 0: wait for ever */
    ebb_pump_pace pace;
} ebb_pump_desc;

typedef enum ebb_pump_status {
    EBB_PUMP_FRAME = 0,  /* a good frame */
    EBB_PUMP_LOST,       /* no signal this tick: the frame is marked lost, the level holds */
    EBB_PUMP_ENDED,      /* the input ended; every later call says so again */
    EBB_PUMP_GAVE_UP     /* lost for give_up_ms in a row; every later call says so again */
} ebb_pump_status;

/* One tick, as ebb_pump_next hands it over. */
typedef struct ebb_pump_tick {
    ebb_pump_status status;
    ebb_frame frame;     /* signal is EBB_SIGNAL_LOST unless status is EBB_PUMP_FRAME */
    uint32_t ms;         /* probe time of this tick */
    uint32_t lost_ms;    /* how long the current lost stretch has lasted, this tick included */
    bool waiting;        /* lost, and the source has never delivered yet */
    bool lost_began;     /* first tick of a lost episode (after a good frame) */
    bool back;           /* first good frame after a lost episode */
} ebb_pump_tick;

/* Fields are the pump's own: read them through the functions below. */
typedef struct ebb_pump {
    ebb_pump_desc desc;
    uint32_t next_ms;    /* probe time of the next tick */
    uint64_t start_us;   /* wall clock of probe time 0, once pacing has begun */
    bool paced, started;
    bool had_signal;     /* a good frame has come */
    bool lost;           /* the last tick was lost */
    bool episode;        /* ... and that stretch is a counted episode */
    uint32_t lost_ms;
    unsigned episodes;
    ebb_pump_status over; /* EBB_PUMP_ENDED or EBB_PUMP_GAVE_UP once over, else FRAME */
} ebb_pump;

void ebb_pump_init(ebb_pump *pump, const ebb_pump_desc *desc);

/* Runs one tick: paces if asked, polls the probe at ebb_pump_time_ms(), and fills *tick.
 * Returns tick->status. */
ebb_pump_status ebb_pump_next(ebb_pump *pump, ebb_pump_tick *tick);

/* Probe time of the next tick: loop `while (ebb_pump_time_ms(&pump) < until)` to take every
 * frame up to a time. */
uint32_t ebb_pump_time_ms(const ebb_pump *pump);
/* Whether ebb_pump_next sleeps to the wall clock. */
bool ebb_pump_paced(const ebb_pump *pump);
/* The current lost stretch (0 when the last tick had a signal). */
uint32_t ebb_pump_lost_ms(const ebb_pump *pump);
/* Lost episodes so far (waiting for a source's first frame is not one). */
unsigned ebb_pump_lost_count(const ebb_pump *pump);

#endif
