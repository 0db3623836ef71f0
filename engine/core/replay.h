/* Replay CSV: recorded or hand-made input, read from memory.
 *
 *   # comment lines start with '#'
 *   t,pf[,abd][,breath]
 *   0.00,0.05
 *   0.01,0.06
 *
 * `t` (seconds, strictly increasing, first column) then one or more channel columns, in any
 * order. Values are effort 0..1, unless a comment line before the header gives units as the
 * probe protocol does (`# ebb units=uV` for all channels, or `# ebb units=cmH2O,uV` in
 * column order): then they are raw readings in that unit, turned into effort with the unit's
 * default range (or the calibration the caller applies). A frame
 * for a tick takes the last row at or before the tick's time (what a live device would have
 * delivered by then). Ownership: ebb_replay_parse() allocates; ebb_replay_free() releases. */
#ifndef EBB_REPLAY_H
#define EBB_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calib.h"
#include "core/diag.h"
#include "core/frame.h"

#define EBB_REPLAY_FILE_MAX (64u * 1024u * 1024u)
#define EBB_REPLAY_ROWS_MAX 4000000u

typedef struct ebb_replay {
    size_t count;
    uint32_t *t_ms;                  /* row times, rounded to the millisecond */
    float *value[EBB_CH_COUNT];      /* NULL for channels the file lacks */
    uint8_t present;                 /* channel bits */
    ebb_unit unit[EBB_CH_COUNT];     /* EBB_UNIT_NONE: values are effort */
} ebb_replay;

/* Returns true on success; on failure *out is empty and the reasons are in *diags. */
bool ebb_replay_parse(const char *text, size_t len, ebb_replay *out, ebb_diags *diags);
void ebb_replay_free(ebb_replay *r);

/* Time of the last row: input ends after it. */
uint32_t ebb_replay_end_ms(const ebb_replay *r);

/* The frame at time ms. *cursor must start at 0 and only ever see increasing ms; it makes a
 * whole run linear in the number of rows. */
ebb_frame ebb_replay_frame_at(const ebb_replay *r, uint32_t ms, size_t *cursor);

#endif
