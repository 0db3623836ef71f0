#!/bin/sh
# The calibration scene (issue 5): its intro, the run with a live reading (simulator probe),
# and a stdin probe that has no calibration yet.
#   run_calib_scene.sh EBB SHOTCHECK LEVEL OUT_DIR
set -eu
ebb=$1 check=$2 level=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config"
TEXT=F0ECE2 ACCENT=7CDAC0

"$ebb" play "$level" --probe sim --screenshot "$out/intro.png" --scene calibration --at 0
"$check" --colour "$out/intro.png" 0.25 0.07 0.75 0.16 $TEXT 0.04      # title
"$check" --colour "$out/intro.png" 0.15 0.30 0.85 0.50 $TEXT 0.01      # what will happen

# 22 s in: the first squeeze, "1 of 3", the countdown ring and the live bar.
"$ebb" play "$level" --probe sim --screenshot "$out/run.png" --scene calibration --at 22
"$check" --colour "$out/run.png" 0.2 0.28 0.8 0.38 $TEXT 0.02          # caption
"$check" --colour "$out/run.png" 0.46 0.33 0.54 0.39 A6BEC6 0.02         # "1 of 3"
"$check" --colour "$out/run.png" 0.45 0.50 0.55 0.64 $ACCENT 0.02      # countdown ring
"$check" --colour "$out/run.png" 0.25 0.68 0.75 0.71 $ACCENT 0.01      # the reading's bar

# Done: the result message (the simulator needs no calibration, so nothing is saved).
"$ebb" play "$level" --probe sim --screenshot "$out/done.png" --scene calibration --at 80
"$check" --colour "$out/done.png" 0.2 0.32 0.8 0.5 $TEXT 0.01
test ! -d "$out/data/ebb/calibration" || test -z "$(ls "$out/data/ebb/calibration")"
echo "ok: calibration scene"
