/* Sound-card input (PortAudio): listing devices, and the pieces the audio probe and the WAV
 * replay share so that a WAV file goes through exactly the pipeline a live device does.
 *
 * Only engine/io includes this; the core never sees PortAudio. */
#ifndef EBB_AUDIO_LIST_H
#define EBB_AUDIO_LIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/dsp.h"
#include "io/probe.h"

/* Writes one line per audio input device ("  3: USB Audio ... (ALSA, 1 in, 48000 Hz)"),
 * marking the default with '*'. Returns the number of inputs, or -1 when PortAudio cannot
 * start (the reason is written to `out` too). For `ebb devices`. */
int ebb_audio_list(FILE *out);

/* Pa_Initialize with ALSA's error spam silenced first (without it, a machine with no sound
 * card prints ~60 lines while PortAudio probes). Pair with Pa_Terminate(). Returns false with
 * the reason in err. */
bool ebb_audio_init(char *err, size_t err_size);

/* Stops ALSA printing its own errors (dozens of lines on a machine without a sound card):
 * the program says once, in plain words, what it could not open. Call before anything opens
 * ALSA (PortAudio, SDL's audio). */
void ebb_audio_quiet_alsa(void);

/* The EMG pipeline description both the audio probe and WAV replay use for a given sample
 * rate. The mains frequency comes from EBB_MAINS_HZ (50 or 60: an override); unset or
 * "auto", the pipeline finds it from the first second's hum (50 when nothing hums). The full
 * scale is EBB_EMG_FULL_SCALE_UV. */
ebb_emg_desc ebb_audio_emg_desc(unsigned sample_rate);

/* The frame for an envelope value in µV, with effort from the default µV calibration. */
ebb_frame ebb_audio_frame(float uv);

/* For tests and `ebb probe --csv` on an audio probe: does what poll() does (drain the
 * ring through the pipeline, detect a lost signal) but hands back every tick value produced
 * since the last call, oldest first, instead of only the newest. Returns the number written
 * to ticks (up to max); *status is OK or LOST. Returns 0 with LOST for a non-audio probe. */
size_t ebb_probe_audio_drain(ebb_probe *p, float *ticks, size_t max, ebb_probe_status *status);

/* Counters of an audio probe (all zero for another probe): samples the callback delivered,
 * samples dropped because the ring was full (poll() not called for seconds), buffers
 * PortAudio flagged as overflowed, and NaN/inf samples replaced by silence. */
typedef struct ebb_audio_stats {
    uint64_t samples, dropped, overflows, non_finite;
} ebb_audio_stats;
ebb_audio_stats ebb_probe_audio_stats(const ebb_probe *p);

/* Sample rate the audio probe opened the device at (0 for a non-audio probe). */
unsigned ebb_probe_audio_rate(const ebb_probe *p);

/* The mains an EMG probe (audio or replay:FILE.wav) notches, and whether it found it by
 * itself. False for any other probe. ebb_probe_wav_mains is the WAV half of it. */
bool ebb_probe_emg_mains(const ebb_probe *p, ebb_emg_mains *out);
bool ebb_probe_wav_mains(const ebb_probe *p, ebb_emg_mains *out);

/* One line for `ebb probe` and `ebb calibrate`: "mains 60 Hz (found from the hum)",
 * "mains 50 Hz (set)", "mains 50 Hz (no hum heard; the default)", or "" for other probes. */
void ebb_probe_emg_mains_text(const ebb_probe *p, char *buf, size_t size);

#endif
