/* Signal processing for surface EMG: the envelope pipeline.
 *
 * Pure code (libc and libm only), used the same way by the sound-card probe and by WAV
 * replay so a recording replays exactly as it was felt live. The pipeline, per sample:
 *
 *   x * full_scale_uv ─▶ low-pass 450 Hz or 0.45·fs (4th-order Butterworth: the sEMG band,
 *                        and the anti-alias for what follows)
 *                     ─▶ keep every M-th sample, so that what follows runs near 2 kHz
 *                        (M = 1 below 4 kHz; the envelope measures power, which keeping
 *                        every M-th sample preserves)
 *                     ─▶ high-pass 20 Hz (4th-order Butterworth: motion artefacts, DC)
 *                     ─▶ notches at the mains frequency and its harmonics (found by itself
 *                        from the first second when `mains_auto` is set: dsp_mains.h)
 *                     ─▶ x² (RMS, adaptive) or |x| (low-pass and mean envelopes)
 *                     ─▶ envelope filter ─▶ one value per 10 ms tick (decimation)
 *
 * Biquads are in dsp_filter.h, the adaptive envelope in dsp_envelope.h, the mains detector
 * in dsp_mains.h. docs/signal.md explains the choices and gives measured figures.
 *
 * Memory: everything is allocated by ebb_emg_create(); feeding samples never allocates.
 * Ownership: the caller owns the ebb_emg and releases it with ebb_emg_destroy(). Not
 * thread-safe: one thread feeds and collects (the probe's poll), never the audio callback. */
#ifndef EBB_DSP_H
#define EBB_DSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dsp_envelope.h"
#include "core/dsp_filter.h"

/* ---- the EMG pipeline ---------------------------------------------------------------------- */

/* Measured in docs/signal.md. The adaptive envelope follows a squeeze and a release as
 * quickly as a 30 ms window and holds as steadily as a 300 ms one, so it is the default;
 * the others stay selectable for comparison. */
typedef enum ebb_envelope {
    EBB_ENVELOPE_ADAPTIVE = 0, /* fast and slow RMS blended by a change detector (default;
                                * dsp_envelope.h) */
    EBB_ENVELOPE_RMS,          /* moving RMS over a window of whole ticks (100 ms) */
    EBB_ENVELOPE_LP2,          /* 2nd-order Butterworth low-pass of |x| */
    EBB_ENVELOPE_LP1,          /* 1st-order (one-pole) low-pass of |x| */
    EBB_ENVELOPE_MAV,          /* moving mean of |x| over whole ticks (the 1 s EMG widgets) */
    EBB_ENVELOPE_COUNT
} ebb_envelope;

/* Amplifiers that stream raw EMG at 200..1000 Hz (OpenBCI Ganglion 200 Hz, Cyton 250 Hz,
 * OpenEEG 256 Hz, BITalino 1 kHz) up to sound cards at 48 kHz. */
#define EBB_EMG_RATE_MIN 200u
#define EBB_EMG_RATE_MAX 48000u
#define EBB_EMG_FULL_SCALE_UV 1000.0f  /* default: SpikerBox-style amplifier, see signal.md */
#define EBB_EMG_TICK_QUEUE 256u        /* ticks kept until collected (2.56 s) */
#define EBB_EMG_RMS_TICKS_MAX 32u      /* longest moving-RMS window: 320 ms */
#define EBB_EMG_MAV_TICKS_MAX 100u     /* longest moving mean of |x|: 1 s */
#define EBB_EMG_NOTCH_MAX 40u       /* both families while listening: 18 + 15 */
/* Stages after the low-pass run at the input rate divided by the largest M that keeps
 * them at or above this rate (Nyquist 1 kHz, above every notched harmonic). */
#define EBB_EMG_INNER_RATE_MIN 2000u
/* After creation (or reset) the notches take this long to ring down from a hum that appears
 * at full strength at once (Q 30 at 50 Hz: time constant 0.19 s); envelope values before it
 * may read high. Calibration and tests skip it. */
#define EBB_EMG_SETTLE_MS 800u

/* Zero fields take the default shown. */
typedef struct ebb_emg_desc {
    unsigned sample_rate;  /* required: EBB_EMG_RATE_MIN..EBB_EMG_RATE_MAX Hz */
    unsigned mains_hz;     /* 50 (default) or 60; set `no_notch` to turn the notches off */
    bool no_notch;
    bool mains_auto;       /* listen to the first second: notch 50 or 60 Hz, whichever hums
                            * (both meanwhile); mains_hz stays when neither clearly does */
    bool full_rate;        /* run every stage at the input rate (slower; for comparison) */
    bool hold_settle;      /* ticks read 0 for the first EBB_EMG_SETTLE_MS, and the envelope
                            * starts afresh after it, so the filters' ringing from a hum
                            * that starts at full strength never shows as a squeeze */
    double highpass_hz;    /* 20 */
    double lowpass_hz;     /* 450, lowered to 0.45 * sample_rate when above it */
    double notch_q;        /* 30: about 1.7 Hz wide at 50 Hz, mains drifts < 0.2 Hz */
    double notch_max_hz;   /* harmonics notched up to min(this, 0.45 * rate); 2 * lowpass_hz */
    ebb_envelope envelope; /* EBB_ENVELOPE_ADAPTIVE */
    double envelope_hz;    /* corner of LP1/LP2: 4 Hz (LP2), 3 Hz (LP1) */
    unsigned rms_ticks;    /* RMS or MAV window in ticks: 10 (100 ms) */
    unsigned adapt_fast_ticks; /* adaptive: fast window, 3 ticks (30 ms); up to 10 at
                                * low rates, whose narrower band is noisier */
    double adapt_slow_ms;      /* adaptive: slow time constant, 300 ms */
    ebb_adapt_detector adapt_detector; /* adaptive: EBB_ADAPT_NOISE (chi-square + CUSUM) */
    double adapt_threshold;    /* adaptive: jump threshold, 3.0 sd of the noise (NOISE) or
                                * 0.35 in log amplitude (LOG) */
    double adapt_cusum_k;      /* adaptive, NOISE: CUSUM drift allowance, 1.0 sd per tick */
    double adapt_cusum_h;      /* adaptive, NOISE: CUSUM decision level, 3.0 sd */
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

/* What the pipeline knows about the mains. */
typedef struct ebb_emg_mains {
    unsigned in_use_hz;   /* notched now: 50 or 60 (0: no notches; 50 and 60 while listening) */
    bool listening;       /* mains_auto and the first second is not over yet */
    bool detected;        /* the hum chose in_use_hz (false: the setting or default stands) */
    double hum50_db, hum60_db; /* hum over the noise floor, once listened */
} ebb_emg_mains;
ebb_emg_mains ebb_emg_get_mains(const ebb_emg *e);

/* Samples are kept one in this many after the low-pass (1 with full_rate or below 4 kHz). */
unsigned ebb_emg_inner_step(const ebb_emg *e);

/* Clears all filter state and queued ticks, as if just created. */
void ebb_emg_reset(ebb_emg *e);

/* Response of the band-pass part (high-pass, notches, low-pass) at f, in dB. */
double ebb_emg_band_gain_db(const ebb_emg *e, double f);

#endif
