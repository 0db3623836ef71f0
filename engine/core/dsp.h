/* Signal processing for surface EMG: biquad filters and the envelope pipeline.
 *
 * Pure code (libc and libm only), used the same way by the sound-card probe and by WAV
 * replay so a recording replays exactly as it was felt live. The pipeline, per sample:
 *
 *   x * full_scale_uv ─▶ high-pass 20 Hz (4th-order Butterworth: motion artefacts, DC)
 *                     ─▶ notches at the mains frequency and its harmonics
 *                     ─▶ low-pass 450 Hz or 0.45·fs (4th-order Butterworth: the sEMG band)
 *                     ─▶ full-wave rectification: x² for the moving RMS (default), |x|
 *                        for the low-pass envelopes
 *                     ─▶ envelope filter ─▶ one value per 10 ms tick (decimation)
 *
 * docs/signal.md explains the choices and gives measured rise times and ripple.
 *
 * Memory: everything is allocated by ebb_emg_create(); feeding samples never allocates.
 * Ownership: the caller owns the ebb_emg and releases it with ebb_emg_destroy(). Not
 * thread-safe: one thread feeds and collects (the probe's poll), never the audio callback. */
#ifndef EBB_DSP_H
#define EBB_DSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- biquads (Robert Bristow-Johnson's Audio EQ Cookbook) ---------------------------------- */

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

/* ---- the EMG pipeline ---------------------------------------------------------------------- */

/* Measured in docs/signal.md: at equal ripple the moving RMS has the shortest delay (a
 * boxcar average is the fastest-settling way to average noise away), so it is the default. */
typedef enum ebb_envelope {
    EBB_ENVELOPE_RMS = 0, /* moving RMS over a window of whole ticks (default, 100 ms) */
    EBB_ENVELOPE_LP2,     /* 2nd-order Butterworth low-pass of |x| */
    EBB_ENVELOPE_LP1,     /* 1st-order (one-pole) low-pass of |x| */
    EBB_ENVELOPE_COUNT
} ebb_envelope;

#define EBB_EMG_RATE_MIN 8000u
#define EBB_EMG_RATE_MAX 48000u
#define EBB_EMG_FULL_SCALE_UV 1000.0f  /* default: SpikerBox-style amplifier, see signal.md */
#define EBB_EMG_TICK_QUEUE 256u        /* ticks kept until collected (2.56 s) */
#define EBB_EMG_RMS_TICKS_MAX 32u      /* longest moving-RMS window: 320 ms */
#define EBB_EMG_NOTCH_MAX 24u
/* After creation (or reset) the notches take this long to ring down from a hum that appears
 * at full strength at once (Q 30 at 50 Hz: time constant 0.19 s); envelope values before it
 * may read high. Calibration and tests skip it. */
#define EBB_EMG_SETTLE_MS 800u

/* Zero fields take the default shown. */
typedef struct ebb_emg_desc {
    unsigned sample_rate;  /* required: EBB_EMG_RATE_MIN..EBB_EMG_RATE_MAX Hz */
    unsigned mains_hz;     /* 50 (default) or 60; set `no_notch` to turn the notches off */
    bool no_notch;
    double highpass_hz;    /* 20 */
    double lowpass_hz;     /* 450, lowered to 0.45 * sample_rate when above it */
    double notch_q;        /* 30: about 1.7 Hz wide at 50 Hz, mains drifts < 0.2 Hz */
    double notch_max_hz;   /* harmonics notched up to min(this, 0.47 * rate); 2 * lowpass_hz */
    ebb_envelope envelope; /* EBB_ENVELOPE_RMS */
    double envelope_hz;    /* corner of LP1/LP2: 4 Hz (LP2), 3 Hz (LP1) */
    unsigned rms_ticks;    /* RMS window in ticks: 10 (100 ms) */
    float full_scale_uv;   /* input 1.0 means this many µV at the electrodes: 1000 */
} ebb_emg_desc;

typedef struct ebb_emg ebb_emg;

/* Counters a probe reports (garbage is dropped and counted, never fed to the game). */
typedef struct ebb_emg_stats {
    uint64_t samples;      /* samples fed */
    uint64_t non_finite;   /* NaN/inf samples, replaced by 0 */
    uint64_t ticks;        /* tick values produced */
    uint64_t ticks_lost;   /* produced but overwritten before collection (queue full) */
} ebb_emg_stats;

/* Creates a pipeline. Returns NULL with a message in err (naming the field and the fix)
 * when the description is invalid or memory runs out. */
ebb_emg *ebb_emg_create(const ebb_emg_desc *desc, char *err, size_t err_size);
void ebb_emg_destroy(ebb_emg *e);

/* The description with defaults filled in, as the pipeline uses it. */
ebb_emg_desc ebb_emg_effective_desc(const ebb_emg *e);

/* Feeds any number of samples (sound-card units, full scale ±1). Every 10 ms of samples
 * produces one envelope value in µV, queued until collected. */
void ebb_emg_feed(ebb_emg *e, const float *x, size_t n);

/* Takes the oldest queued tick value; false when none is waiting. */
bool ebb_emg_next_tick(ebb_emg *e, float *uv);

/* Number of tick values waiting. */
size_t ebb_emg_ticks_waiting(const ebb_emg *e);

/* Samples still needed before the next tick value is produced (>= 1). */
size_t ebb_emg_samples_to_tick(const ebb_emg *e);

ebb_emg_stats ebb_emg_get_stats(const ebb_emg *e);

/* Number of notch filters in use (mains harmonics inside the band). */
size_t ebb_emg_notch_count(const ebb_emg *e);

/* Clears all filter state and queued ticks, as if just created. */
void ebb_emg_reset(ebb_emg *e);

/* Response of the band-pass part (high-pass, notches, low-pass) at f, in dB. */
double ebb_emg_band_gain_db(const ebb_emg *e, double f);

#endif
