# Sound-card EMG (PortAudio) and WAV replay. Included by engine/CMakeLists.txt.
# The DSP and the ring are pure and belong to the core; PortAudio and ALSA link to ebb_io only.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PA REQUIRED IMPORTED_TARGET portaudio-2.0)
# ALSA only to silence its error spam before Pa_Initialize; optional (not on macOS/Windows).
pkg_check_modules(ALSA IMPORTED_TARGET alsa)

target_sources(ebb_core PRIVATE
  core/dsp.c
  core/dsp_envelope.c
  core/dsp_filter.c
  core/dsp_mains.c
  core/ring.c
)
target_sources(ebb_io PRIVATE
  io/audio_list.c
  io/pa_input.c
  io/probe_audio.c
  io/probe_wav.c
)
target_link_libraries(ebb_io PRIVATE PkgConfig::PA)
if(ALSA_FOUND)
  target_link_libraries(ebb_io PRIVATE PkgConfig::ALSA)
  target_compile_definitions(ebb_io PRIVATE EBB_HAVE_ALSA=1)
endif()

# Breath from a microphone: the detector is pure (core), the device part sits beside the
# sound-card probe and shares its PortAudio set-up.
target_sources(ebb_core PRIVATE core/breath_detect.c)
target_sources(ebb_io PRIVATE io/probe_mic.c io/probe_pair.c)
