#!/bin/sh
# The signal-lost box and the results screen (issue 5), checked where game/gfx/layout.c puts them.
#   run_endscreens.sh EBB SHOTCHECK LEVEL REPLAY OUT_DIR
# LEVEL is a lengthening level: the simulator's relaxed person scores it high (3 stars), its
# overactive person (who cannot let go) low.
set -eu
ebb=$1 check=$2 level=$3 replay=$4 out=$5
rm -rf "$out"
mkdir -p "$out/config/ebb"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config"
printf 'welcome-seen = yes\n' >"$out/config/ebb/settings.conf"
TEXT=F0ECE2 SOFT=A6BEC6 STAR=FFD680

# Lost: the same moment with and without the notice. The box (layout: centred over the
# track, 56 % wide, 22 % high) darkens all of its area, and only that area; its title is in
# the text colour and its second line in the soft one, where the box is.
"$ebb" play "$level" --probe "replay:$replay" --screenshot "$out/lost.png" --scene lost --at 10
"$ebb" play "$level" --probe "replay:$replay" --screenshot "$out/plain.png" --at 10
"$check" --diff "$out/lost.png" "$out/plain.png" 0.23 0.43 0.77 0.62 0.95
"$check" --diff "$out/lost.png" "$out/plain.png" 0 0 1 0.38 0 0.001
"$check" --diff "$out/lost.png" "$out/plain.png" 0 0.66 1 1 0 0.001
"$check" --diff "$out/lost.png" "$out/plain.png" 0 0.43 0.2 0.62 0 0.001
"$check" --colour "$out/lost.png" 0.25 0.46 0.75 0.53 $TEXT 0.03
"$check" --colour "$out/lost.png" 0.25 0.53 0.75 0.59 $SOFT 0.02
"$check" --colour "$out/plain.png" 0.25 0.46 0.75 0.53 $TEXT 0 0.001

# Results: a perfect run (the relaxed simulator) and a poor one (the overactive simulator).
"$ebb" play "$level" --probe sim:relaxed --screenshot "$out/good.png" --scene results
"$ebb" play "$level" --probe sim:overactive --screenshot "$out/poor.png" --scene results
for r in good poor; do
    "$check" --colour "$out/$r.png" 0.35 0.18 0.65 0.35 $TEXT 0.05    # the score's digits
    "$check" --colour "$out/$r.png" 0.3 0.08 0.7 0.15 $SOFT 0.02      # the level's title
    "$check" --colour "$out/$r.png" 0.1 0.52 0.9 0.75 $TEXT 0.005     # the feedback lines
done
"$check" --stars "$out/good.png" 3 3
"$check" --stars "$out/poor.png" 0 2
# No star colour outside the star row (the stars really are the shapes checked).
"$check" --colour "$out/good.png" 0 0.5 1 1 $STAR 0 0.001
echo "ok: lost box and results"
