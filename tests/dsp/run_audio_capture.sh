#!/bin/sh
# PortAudio capture of a known signal, fed exactly by the ALSA `file` plugin (no sound card,
# no daemon): writes the signal as raw float32 LE mono at RATE (PortAudio opens exactly that,
# so no conversion sits between, see testing.md), a private ALSA config whose default capture
# PCM reads it over a null slave, then checks the burst onsets through the `audio` probe.
#   run_audio_capture.sh GEN_EMG EMG_PROBE_CHECK RATE
set -eu
gen=$1 check=$2 rate=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-audio.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
"$gen" "$rate" "$dir/input.f32"
# Trailing rest: the plugin repeats its last buffer at the end of the file, and the probe
# checker reads a little past the signal. 1 s of zeros keeps the repeat quiet.
head -c $((rate * 4)) /dev/zero >> "$dir/input.f32"
cat > "$dir/asound.conf" <<EOC
pcm.!default { type asym; playback.pcm "nullout"; capture.pcm "testmic" }
pcm.testmic { type file; slave.pcm "nullpcm"; file "/dev/null"; infile "$dir/input.f32"; format "raw" }
pcm.nullpcm { type null }
pcm.nullout { type null }
EOC
export ALSA_CONFIG_PATH="$dir/asound.conf"
"$check" --list
"$check" audio "$rate"
"$check" "audio:default@$rate"
