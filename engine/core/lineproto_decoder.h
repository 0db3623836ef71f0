/* Internals shared by the two halves of the line protocol decoder: lineproto.c (format
 * detection, SpikerShield frames, ticks) and lineproto_ascii.c (text lines and the header).
 * Not part of the public API: include lineproto.h instead. */
#ifndef EBB_LINEPROTO_DECODER_H
#define EBB_LINEPROTO_DECODER_H

#include "core/dsp.h"
#include "core/lineproto.h"

enum { DEC_ASCII = 0, DEC_SPIKER = 1 };

#define DECIDE_SPIKER 4  /* valid frames in a row that pick SpikerShield at the start */
#define SWITCH_ASCII 3   /* valid lines in a row that switch from SpikerShield to ASCII */
#define SWITCH_SPIKER 16 /* valid frames in a row that switch from ASCII to SpikerShield */
#define SPIKER_FULL 1023.0f
#define SPIKER_MAX_CH 3

struct ebb_lineproto {
    ebb_lineproto_mode want;   /* configured */
    ebb_lineproto_mode active; /* in use; AUTO while undecided */
    ebb_lineproto_sink sink;
    void *user;
    /* header state */
    ebb_unit unit[EBB_CH_COUNT];
    uint8_t column_ch[EBB_CH_COUNT]; /* value column -> channel */
    size_t columns;
    /* ASCII decoder */
    char line[EBB_LINEPROTO_LINE_MAX + 1];
    size_t line_len;
    bool overlong;
    unsigned ascii_streak;
    /* SpikerShield decoder */
    uint8_t fbuf[2 * SPIKER_MAX_CH];
    size_t flen;
    bool in_frame;
    bool stray_run;      /* inside a run of bytes outside any frame: counted once */
    size_t spk_channels; /* learned from the last good frame; 0 = unknown */
    unsigned spk_streak;
    ebb_lineproto_sample spk_pending[DECIDE_SPIKER];
    size_t spk_pending_n;
    /* drops seen while undecided, per decoder; the winner's are counted when it wins */
    uint64_t pending[2][EBB_LP_DROP_COUNT];
    /* raw EMG (raw=emg): a pipeline per raw channel, kept while the header repeats */
    ebb_emg *emg[EBB_CH_COUNT];
    uint8_t raw_mask;
    uint32_t raw_rate;
    unsigned raw_mains;  /* 0: found by itself */
    bool raw_refused;    /* raw=emg asked for but unusable: value lines are dropped */
    char problem[EBB_LINEPROTO_PROBLEM_MAX];
    /* tick accumulators */
    double sum[EBB_CH_COUNT];
    uint32_t n[EBB_CH_COUNT];
    float last[EBB_CH_COUNT];
    uint8_t seen;
    ebb_lineproto_stats stats;
};

/* Drop of an item by decoder dec: counted if dec is in use (or pending while undecided). */
void ebb_lp_drop(ebb_lineproto *lp, int dec, ebb_lineproto_drop reason);
/* A valid item (sample, or a header when s is NULL) from decoder dec. */
void ebb_lp_valid(ebb_lineproto *lp, int dec, const ebb_lineproto_sample *s);
void ebb_lp_header_defaults(ebb_lineproto *lp);
void ebb_lp_ascii_byte(ebb_lineproto *lp, uint8_t c);
/* Notes a header problem (the first of a header is kept for ebb_lineproto_problem). */
void ebb_lp_problem(ebb_lineproto *lp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Applies the header's raw EMG request (mask 0: none); pipelines are kept when it is the
 * same as before. Returns false with a problem noted when it cannot be used. */
bool ebb_lp_raw_configure(ebb_lineproto *lp, uint8_t mask, uint32_t rate, unsigned mains);

#endif
