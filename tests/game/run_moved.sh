#!/bin/sh
# Two screenshots at the same moment with different constant efforts: the character must
# sit at each effort's height, i.e. it moved by the difference.
#   run_moved.sh EBB SHOTCHECK LEVEL_FILE CSV_A EFFORT_A CSV_B EFFORT_B AT_S OUT_PREFIX
set -eu
ebb=$1 shotcheck=$2 level=$3 csv_a=$4 effort_a=$5 csv_b=$6 effort_b=$7 at=$8 out=$9
rm -f "$out-a.png" "$out-b.png"
"$ebb" play "$level" --probe "replay:$csv_a" --screenshot "$out-a.png" --at "$at"
"$ebb" play "$level" --probe "replay:$csv_b" --screenshot "$out-b.png" --at "$at"
"$shotcheck" --moved "$out-a.png" "$effort_a" "$out-b.png" "$effort_b" "$level"
