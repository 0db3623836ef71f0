#!/bin/sh
# A level's safety note (here: 4-7-8 holds the breath) shows in the hint box under the caption
# while the level begins, and is gone once it is under way.
#   run_safety.sh EBB SHOTCHECK LEVEL OUT_PREFIX
set -eu
ebb=$1 shotcheck=$2 level=$3 out=$4
rm -f "$out-start.png" "$out-later.png"
"$ebb" play "$level" --probe sim:relaxed --screenshot "$out-start.png" --at 2
"$ebb" play "$level" --probe sim:relaxed --screenshot "$out-later.png" --at 14
# The hint's text colour (theme.h EBB_THEME_HINT_TEXT) in the box (layout.c) under the caption.
"$shotcheck" --colour "$out-start.png" 0.3 0.23 0.7 0.29 FFDDB2 0.01
"$shotcheck" --colour "$out-later.png" 0.3 0.23 0.7 0.29 FFDDB2 0 0.001
