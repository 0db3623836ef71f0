#!/bin/sh
# The mic probe through PortAudio, fed exactly by ALSA's `file` capture plugin (no sound card,
# no daemon; testing.md "Sound in"): a gen_breath recording as raw float32 at RATE (the rate
# PortAudio opens, so nothing converts in between), then breath_probe_check on it.
#   run_mic_capture.sh GEN_BREATH BREATH_PROBE_CHECK RATE KIND SECONDS
set -eu
gen=$1 check=$2 rate=$3 kind=$4 secs=$5
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-mic.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
"$gen" "$rate" "$kind" "$secs" "$dir/input.f32" "$dir/truth.csv"
# Trailing silence: the plugin repeats its last buffer at the end of the file.
head -c $((rate * 8)) /dev/zero >> "$dir/input.f32"
cat > "$dir/asound.conf" <<EOC
pcm.!default { type asym; playback.pcm "nullout"; capture.pcm "testmic" }
pcm.testmic { type file; slave.pcm "nullpcm"; file "/dev/null"; infile "$dir/input.f32"; format "raw" }
pcm.nullpcm { type null }
pcm.nullout { type null }
EOC
export ALSA_CONFIG_PATH="$dir/asound.conf"
"$check" "mic:default@$rate" "$dir/truth.csv" "$secs"
