#!/bin/sh
# Audio test: play a level through SDL's disk audio driver (raw S16LE mono 48 kHz written
# in real time), then find the cue onsets in the file and compare them with the level.
#   run_audio.sh EBB ONSETS LEVEL_FILE REPLAY_CSV OUT_RAW
# The environment sets SDL_AUDIODRIVER=disk and SDL_DISKAUDIOFILE=OUT_RAW (absolute).
set -eu
ebb=$1 onsets=$2 level=$3 csv=$4 raw=$5
rm -f "$raw"
# Tones only: this test measures the cues and game sounds, so the spoken guide and the calm
# soundscape (tested in run_voice.sh and test_reward.c) are off.
mkdir -p "$XDG_CONFIG_HOME/ebb"
printf 'welcome-seen = yes\nvoice = off\nsoundscape-volume = 0\n' >"$XDG_CONFIG_HOME/ebb/settings.conf"
"$ebb" play "$level" --probe "replay:$csv" --exit-when-done
"$onsets" "$raw" "$level"
