#!/bin/sh
# WAV replay of the same signal through replay:FILE.wav: once as 16-bit PCM written by our
# generator, once as 32-bit float, and (when sox is installed) once converted by sox from
# 48 kHz, so the reader is checked against a WAV writer that is not ours.
#   run_wav_replay.sh GEN_EMG EMG_PROBE_CHECK
set -eu
gen=$1 check=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-wav.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
"$gen" 8000 "$dir/emg16.wav"
"$check" "replay:$dir/emg16.wav"
"$gen" 8000 "$dir/emgf.wav" f32
"$check" "replay:$dir/emgf.wav"
if command -v sox >/dev/null 2>&1; then
  "$gen" 48000 "$dir/emg48.wav"
  sox "$dir/emg48.wav" -e floating-point -b 32 "$dir/emg48f.wav"
  "$check" "replay:$dir/emg48f.wav" 48000
else
  echo "sox not installed: skipped the sox-written WAV"
fi
# Low-rate amplifiers (OpenBCI Ganglion 200 Hz, Cyton 250 Hz, OpenEEG 256 Hz, BITalino 1 kHz),
# replayed natively: the band becomes 20 Hz..0.45 fs, notches only below it.
for rate in 200 250 256 1000; do
  "$gen" "$rate" "$dir/emg$rate.wav"
  "$check" "replay:$dir/emg$rate.wav" "$rate"
done
