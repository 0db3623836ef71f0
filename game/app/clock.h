/* The play clock: how many fixed ticks to run this frame, and how far between ticks the
 * screen is (for smooth presentation). Pure arithmetic, unit-tested in tests/game.
 *
 * Two sources of time:
 *   - the wall clock (frame times), always available;
 *   - the sound device's clock (frames of audio mixed so far), when sound is on.
 * When sound is on, the level follows the sound device: a sound card's clock and the
 * computer's clock drift apart (and SDL's paced drivers, such as the disk driver, run a few
 * per cent off), and someone breathing with their eyes closed hears the cues, so the cues
 * must land exactly on the step changes in the sound they hear. Between the device's
 * callbacks the wall clock fills in, so ticks stay evenly spread even when a device mixes in
 * large bursts. If the device stops delivering (suspended, unplugged) for a while, the wall
 * clock takes over until it comes back.
 *
 * Either way one frame never hands over more than EBB_CLOCK_CAP_MS: after a stall, the level
 * carries on from where it was instead of racing through the missed time. */
#ifndef EBB_CLOCK_H
#define EBB_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* The longest real time one frame may hand to the simulation. A stall (the window dragged,
 * the machine suspended, a slow disk) would otherwise owe hundreds of ticks, run all at once:
 * the level would jump ahead, cues would fire in a burst, and the person would be scored on
 * moments they never saw. 250 ms hides ordinary hiccups yet bounds catch-up to 25 ticks. */
#define EBB_CLOCK_CAP_MS 250.0
/* The sound device counts as stalled when it has delivered nothing for this long. */
#define EBB_CLOCK_STALL_MS 150.0

typedef struct ebb_clock {
    double tick_ms;          /* EBB_TICK_MS */
    double now_ms;           /* clock time since the last reset */
    double ticked_ms;        /* time covered by the ticks handed out */
    /* sound device */
    bool audio_seen;
    uint32_t audio_last;     /* last frame count read (wraps) */
    double audio_ms;         /* device time at the last change, since the last reset */
    double since_change_ms;  /* wall time since the count last changed */
    double burst_ms;         /* device time added by the last change (its burst size) */
} ebb_clock;

void ebb_clock_init(ebb_clock *c, double tick_ms);

/* Starts counting from here (level start, after a pause): no ticks are owed. */
void ebb_clock_reset(ebb_clock *c);

/* Advances by one frame of wall time, and the sound device's frame counter if audio_ok
 * (frames mixed so far at `rate` per second; it may wrap). Returns the ticks to run now. */
int ebb_clock_advance(ebb_clock *c, double wall_dt_ms, bool audio_ok, uint32_t audio_frames,
                      int rate);

/* The caller ran `ticks` fewer ticks than ebb_clock_advance() handed out: forget them, so
 * the clock carries on from the last tick run. The game does this when a step starts in the
 * middle of a catch-up, so that a stall never eats the start of a step: the step, and its
 * cue, begin now and last their full length in the sound the person hears. */
void ebb_clock_forgive(ebb_clock *c, int ticks);

/* How far the clock is past the last tick handed out, 0..1, for interpolation. */
float ebb_clock_alpha(const ebb_clock *c);

#endif
