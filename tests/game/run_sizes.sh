#!/bin/sh
# Resolution independence (issue 5): the play screen at 800x600, 1280x720 and 1920x1080 has
# the character and the band where game/gfx/layout.c puts them for that size, and the caption's
# text inside the window. With text size "larger" at 800x600 the welcome and help pages keep
# their words above their footer line.
#   run_sizes.sh EBB SHOTCHECK LEVEL REPLAY AT EFFORT OUT_DIR
set -eu
ebb=$1 check=$2 level=$3 replay=$4 at=$5 effort=$6 out=$7
rm -rf "$out"
mkdir -p "$out/config/ebb"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config"
conf="$out/config/ebb/settings.conf"
printf 'welcome-seen = yes\n' >"$conf"
TEXT=F0ECE2 SOFT=A6BEC6

for size in 800x600 1280x720 1920x1080; do
    f="$out/play-$size.png"
    "$ebb" play "$level" --probe "replay:$replay" --screenshot "$f" --at "$at" --window "$size"
    # The PNG's own size (its IHDR: width and height, big-endian, at bytes 16..23).
    got=$(od -An -tu1 -j16 -N8 "$f" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
    [ "$got" = "$size" ] || { echo "FAIL: $f is $got, not $size"; exit 1; }
    "$check" "$f" "$level" "$at" "$effort"
    # The caption: present in its band, and none of its pixels at the window's edges.
    "$check" --colour "$f" 0.15 0.05 0.85 0.13 $TEXT 0.02
    "$check" --colour "$f" 0 0 0.004 0.2 $TEXT 0 0
    "$check" --colour "$f" 0.996 0 1 0.2 $TEXT 0 0
done

# Larger text in a small window: the pages' words stay between the title and the footer.
printf 'welcome-seen = yes\ntext-size = larger\n' >"$conf"
for scene in welcome help; do
    f="$out/$scene-larger.png"
    "$ebb" --screenshot "$f" --scene "$scene" --window 800x600
    "$check" --colour "$f" 0.1 0.3 0.9 0.8 $SOFT 0.005        # the page's words
    # A band above the footer is clear of the words' colours (nothing runs into it) ...
    "$check" --colour "$f" 0 0.875 1 0.905 $SOFT 0 0
    "$check" --colour "$f" 0 0.875 1 0.905 $TEXT 0 0
    # ... and the footer line is there, inside the window.
    "$check" --colour "$f" 0.05 0.905 0.95 0.97 $SOFT 0.01
    "$check" --colour "$f" 0 0.9 0.004 1 $SOFT 0 0
    "$check" --colour "$f" 0.996 0.9 1 1 $SOFT 0 0
done
echo "ok: sizes"
