#include "io/audio_list.h"

#include <stdlib.h>
#include <string.h>

#include <portaudio.h>

#include "core/calib.h"

#ifdef EBB_HAVE_ALSA
#include <alsa/asoundlib.h>

/* ALSA reports every PCM it cannot open while PortAudio probes them all; on a machine with
 * no sound card that is ~60 lines of noise before anything useful. PortAudio still reports
 * real failures to us through its return codes. */
static void audio_alsa_quiet(const char *file, int line, const char *function, int err,
                             const char *fmt, ...)
{
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}
#endif

void ebb_audio_quiet_alsa(void)
{
#ifdef EBB_HAVE_ALSA
    snd_lib_error_set_handler(audio_alsa_quiet);
#endif
}

bool ebb_audio_init(char *err, size_t err_size)
{
    ebb_audio_quiet_alsa();
    const PaError pe = Pa_Initialize();
    if (pe != paNoError) {
        snprintf(err, err_size, "cannot start PortAudio: %s; check that the sound system "
                 "(ALSA, PulseAudio or PipeWire) is running", Pa_GetErrorText(pe));
        return false;
    }
    return true;
}

int ebb_audio_list(FILE *out)
{
    char err[256];
    if (!ebb_audio_init(err, sizeof err)) {
        fprintf(out, "audio inputs: %s\n", err);
        return -1;
    }
    const PaDeviceIndex def = Pa_GetDefaultInputDevice();
    const PaDeviceIndex n = Pa_GetDeviceCount();
    int inputs = 0;
    fprintf(out, "audio inputs (use --probe audio:INDEX or audio:NAME):\n");
    for (PaDeviceIndex i = 0; i < n; i++) {
        const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
        if (!info || info->maxInputChannels < 1) {
            continue;
        }
        const PaHostApiInfo *host = Pa_GetHostApiInfo(info->hostApi);
        fprintf(out, "%c %3d: %s (%s, %d in, %.0f Hz)\n", i == def ? '*' : ' ', (int)i,
                info->name, host ? host->name : "?", info->maxInputChannels,
                info->defaultSampleRate);
        inputs++;
    }
    if (inputs == 0) {
        fprintf(out, "  none found: plug in the amplifier or check the sound system\n");
    }
    Pa_Terminate();
    return inputs;
}

ebb_emg_desc ebb_audio_emg_desc(unsigned sample_rate)
{
    ebb_emg_desc d;
    memset(&d, 0, sizeof d);
    d.sample_rate = sample_rate;
    const char *mains = getenv("EBB_MAINS_HZ");
    /* Unset, empty or "auto": listen for the hum and choose (50 Hz when nothing hums). A
     * number is the person's override and is used as it is. */
    d.mains_auto = !mains || !*mains || strcmp(mains, "auto") == 0;
    if (!d.mains_auto) {
        /* An unparsable value becomes 1, which the pipeline refuses with a message saying
         * to use 50 or 60, rather than silently falling back. */
        char *end = NULL;
        const unsigned long v = strtoul(mains, &end, 10);
        d.mains_hz = (*end == '\0' && v > 0 && v < 1000) ? (unsigned)v : 1u;
    }
    return d;
}

ebb_frame ebb_audio_frame(float uv)
{
    const ebb_calib c = ebb_calib_default(EBB_UNIT_UV);
    ebb_frame f;
    memset(&f, 0, sizeof f);
    f.raw[EBB_CH_PF] = uv;
    f.env[EBB_CH_PF] = uv; /* the envelope is the reading: raw samples are per-sample, not per-tick */
    f.effort[EBB_CH_PF] = ebb_calib_effort(&c, uv);
    f.present = (uint8_t)(1u << EBB_CH_PF);
    f.signal = EBB_SIGNAL_OK;
    return f;
}
