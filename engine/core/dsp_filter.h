/* Biquad filters (Robert Bristow-Johnson's Audio EQ Cookbook): design, run, and the analytic
 * response. Pure code (libc and libm). Split from dsp.h so the envelope, the mains detector
 * and the pipeline each have a file for their job; dsp.h includes this header. */
#ifndef EBB_DSP_FILTER_H
#define EBB_DSP_FILTER_H

#include <stdbool.h>

typedef enum ebb_biquad_type {
    EBB_BIQUAD_LOWPASS = 0,
    EBB_BIQUAD_HIGHPASS,
    EBB_BIQUAD_NOTCH
} ebb_biquad_type;

/* Coefficients normalised by a0, and the state of a transposed direct form II. Double
 * precision because a 20 Hz high-pass at 48 kHz puts its poles within 0.3 % of the unit
 * circle, where float coefficients and state lose the response. */
typedef struct ebb_biquad {
    double b0, b1, b2, a1, a2;
    double z1, z2;
} ebb_biquad;

/* Designs a filter at corner/centre f0 with quality q for sample rate fs. Returns false
 * (and leaves *bq a pass-through) when f0 is not strictly between 0 and fs/2 or q <= 0. */
bool ebb_biquad_design(ebb_biquad *bq, ebb_biquad_type type, double fs, double f0, double q);
void ebb_biquad_reset(ebb_biquad *bq);

static inline double ebb_biquad_run(ebb_biquad *bq, double x)
{
    const double y = bq->b0 * x + bq->z1;
    bq->z1 = bq->b1 * x - bq->a1 * y + bq->z2;
    bq->z2 = bq->b2 * x - bq->a2 * y;
    return y;
}

/* Magnitude of the response at frequency f, in dB (analytic, from the coefficients). */
double ebb_biquad_gain_db(const ebb_biquad *bq, double fs, double f);

/* The two sections of a 4th-order Butterworth filter (Q of each section), cascaded. */
#define EBB_BUTTER4_Q1 0.54119610014619698
#define EBB_BUTTER4_Q2 1.30656296487637653

#endif
