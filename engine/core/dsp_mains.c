#include "core/dsp_mains.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAINS_PI 3.14159265358979323846

static void mains_add_bin(ebb_mains_detect *m, double f, unsigned char family)
{
    if (m->bins >= EBB_MAINS_BINS_MAX || f >= 0.45 * m->fs) {
        return;
    }
    m->coef[m->bins] = 2.0 * cos(2.0 * MAINS_PI * f / m->fs);
    m->family[m->bins] = family;
    m->bins++;
}

void ebb_mains_detect_init(ebb_mains_detect *m, double fs)
{
    memset(m, 0, sizeof *m);
    m->fs = fs;
    m->total = (uint64_t)(fs * EBB_MAINS_DETECT_MS / 1000.0 + 0.5);
    /* Harmonics below 300 Hz, where hum is strongest and the two families share none
     * (300 Hz is the 6th of 50 and the 5th of 60, so it is left out). */
    for (unsigned h = 50; h < 300; h += 50) {
        mains_add_bin(m, h, 50);
    }
    for (unsigned h = 60; h < 300; h += 60) {
        mains_add_bin(m, h, 60);
    }
    /* Floor: odd multiples of 5 Hz, never a harmonic of either, 5 Hz from the nearest. */
    for (unsigned f = 35; f < 300; f += 10) {
        mains_add_bin(m, f, 0);
    }
}

bool ebb_mains_detect_feed(ebb_mains_detect *m, double x)
{
    if (m->n >= m->total) {
        return true;
    }
    /* Hann window over the whole second: low side lobes keep the floor bins clean. */
    const double w = 0.5 - 0.5 * cos(2.0 * MAINS_PI * (double)m->n / (double)(m->total - 1));
    const double xw = x * w;
    for (size_t k = 0; k < m->bins; k++) {
        const double s = xw + m->coef[k] * m->s1[k] - m->s2[k];
        m->s2[k] = m->s1[k];
        m->s1[k] = s;
    }
    m->n++;
    return m->n >= m->total;
}

static int mains_cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

ebb_mains_result ebb_mains_detect_result(const ebb_mains_detect *m)
{
    ebb_mains_result r = {0};
    r.done = m->total > 0 && m->n >= m->total;
    double p50 = 0.0, p60 = 0.0, floor_p[EBB_MAINS_BINS_MAX];
    size_t n50 = 0, n60 = 0, nf = 0;
    for (size_t k = 0; k < m->bins; k++) {
        const double p = m->s1[k] * m->s1[k] + m->s2[k] * m->s2[k] -
                         m->coef[k] * m->s1[k] * m->s2[k];
        if (m->family[k] == 50) {
            p50 += p;
            n50++;
        } else if (m->family[k] == 60) {
            p60 += p;
            n60++;
        } else {
            floor_p[nf++] = p;
        }
    }
    if (!r.done || n50 == 0 || n60 == 0 || nf == 0) {
        return r;
    }
    /* The median floor bin: one bin near a stray tone cannot raise it. */
    qsort(floor_p, nf, sizeof floor_p[0], mains_cmp);
    const double fl = floor_p[nf / 2] + 1e-30;
    r.hum50_db = 10.0 * log10(p50 / (double)n50 / fl + 1e-30);
    r.hum60_db = 10.0 * log10(p60 / (double)n60 / fl + 1e-30);
    if (r.hum50_db >= EBB_MAINS_FLOOR_DB && r.hum50_db >= r.hum60_db + EBB_MAINS_MARGIN_DB) {
        r.hz = 50;
    } else if (r.hum60_db >= EBB_MAINS_FLOOR_DB &&
               r.hum60_db >= r.hum50_db + EBB_MAINS_MARGIN_DB) {
        r.hz = 60;
    }
    return r;
}
