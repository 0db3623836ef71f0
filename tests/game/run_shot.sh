#!/bin/sh
# Screenshot test: render the play screen with a replay, then check the pixels.
#   run_shot.sh EBB SHOTCHECK LEVEL_FILE REPLAY_CSV AT_S EFFORT OUT_IMAGE
set -eu
ebb=$1 shotcheck=$2 level=$3 csv=$4 at=$5 effort=$6 out=$7
rm -f "$out"
"$ebb" play "$level" --probe "replay:$csv" --screenshot "$out" --at "$at"
"$shotcheck" "$out" "$level" "$at" "$effort"
