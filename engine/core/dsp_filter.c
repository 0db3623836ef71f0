#include "core/dsp_filter.h"

#include <math.h>
#include <string.h>

#define DSP_PI 3.14159265358979323846

static void biquad_passthrough(ebb_biquad *bq)
{
    memset(bq, 0, sizeof *bq);
    bq->b0 = 1.0;
}

bool ebb_biquad_design(ebb_biquad *bq, ebb_biquad_type type, double fs, double f0, double q)
{
    biquad_passthrough(bq);
    if (!(fs > 0.0) || !(f0 > 0.0) || !(f0 < fs / 2.0) || !(q > 0.0)) {
        return false;
    }
    const double w0 = 2.0 * DSP_PI * f0 / fs;
    const double cw = cos(w0);
    const double alpha = sin(w0) / (2.0 * q);
    double b0, b1, b2;
    switch (type) {
    case EBB_BIQUAD_LOWPASS:
        b0 = (1.0 - cw) / 2.0;
        b1 = 1.0 - cw;
        b2 = b0;
        break;
    case EBB_BIQUAD_HIGHPASS:
        b0 = (1.0 + cw) / 2.0;
        b1 = -(1.0 + cw);
        b2 = b0;
        break;
    case EBB_BIQUAD_NOTCH:
        b0 = 1.0;
        b1 = -2.0 * cw;
        b2 = 1.0;
        break;
    default:
        return false;
    }
    const double a0 = 1.0 + alpha;
    bq->b0 = b0 / a0;
    bq->b1 = b1 / a0;
    bq->b2 = b2 / a0;
    bq->a1 = -2.0 * cw / a0;
    bq->a2 = (1.0 - alpha) / a0;
    return true;
}

void ebb_biquad_reset(ebb_biquad *bq)
{
    bq->z1 = 0.0;
    bq->z2 = 0.0;
}

double ebb_biquad_gain_db(const ebb_biquad *bq, double fs, double f)
{
    /* H(e^jw) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) */
    const double w = 2.0 * DSP_PI * f / fs;
    const double c1 = cos(w), s1 = sin(w), c2 = cos(2.0 * w), s2 = sin(2.0 * w);
    const double nr = bq->b0 + bq->b1 * c1 + bq->b2 * c2;
    const double ni = -(bq->b1 * s1 + bq->b2 * s2);
    const double dr = 1.0 + bq->a1 * c1 + bq->a2 * c2;
    const double di = -(bq->a1 * s1 + bq->a2 * s2);
    const double num = nr * nr + ni * ni;
    const double den = dr * dr + di * di;
    if (num <= 0.0) {
        return -400.0; /* an exact zero (notch centre): report "very deep" rather than -inf */
    }
    return 10.0 * log10(num / den);
}
