#!/bin/sh
# "Lift, don't push" (issue 4): a replay whose abd channel rises with pf during a hold shows
# the hint under the caption; the same moment with no abd channel shows nothing there.
#   run_strain.sh EBB SHOTCHECK LEVEL PUSHING_CSV PLAIN_CSV AT_S OUT_PREFIX
set -eu
ebb=$1 shotcheck=$2 level=$3 pushing=$4 plain=$5 at=$6 out=$7
rm -f "$out-push.png" "$out-plain.png"
"$ebb" play "$level" --probe "replay:$pushing" --screenshot "$out-push.png" --at "$at"
"$ebb" play "$level" --probe "replay:$plain" --screenshot "$out-plain.png" --at "$at"
# The hint's text colour (theme.h EBB_THEME_HINT_TEXT) in the box (layout.c) under the caption.
"$shotcheck" --colour "$out-push.png" 0.3 0.23 0.7 0.29 FFDDB2 0.01
"$shotcheck" --colour "$out-plain.png" 0.3 0.23 0.7 0.29 FFDDB2 0 0.001
