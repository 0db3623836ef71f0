#!/bin/sh
# Reduced motion (issue 5), proved with pixels: the same level a quarter of a second apart
# with a constant effort. With motion on, the decorations under and around the character
# (a balloon's string, a kite's tail, a lantern's ripples) differ; with reduced motion they do
# not, while the band still scrolls.
#   run_motion.sh EBB SHOTCHECK LEVELS_DIR REPLAY OUT_DIR
set -eu
ebb=$1 check=$2 levels=$3 replay=$4 out=$5
rm -rf "$out"
mkdir -p "$out/config/ebb"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config"
conf="$out/config/ebb/settings.conf"

for lv in breathing/resonance lengthening/drop-and-release strengthening/holds-and-flicks; do
    n=$(basename "$lv")
    for m in no yes; do
        printf 'welcome-seen = yes\nreduced-motion = %s\n' "$m" >"$conf"
        for t in 3.00 3.25; do
            "$ebb" play "$levels/$lv.level" --probe "replay:$replay" \
                --screenshot "$out/$n-$m-$t.png" --at "$t"
        done
    done
    echo "$n: motion on"
    # Around and below the character (x 0.25 of the width, effort 0.2).
    "$check" --diff "$out/$n-no-3.00.png" "$out/$n-no-3.25.png" 0.17 0.66 0.33 0.85 0.002
    echo "$n: reduced motion"
    "$check" --diff "$out/$n-yes-3.00.png" "$out/$n-yes-3.25.png" 0.17 0.66 0.33 0.85 0 0
    # ... and the band still moves toward the character.
    "$check" --diff "$out/$n-yes-3.00.png" "$out/$n-yes-3.25.png" 0.30 0.25 1.0 0.80 0.01
done
echo "ok: reduced motion"
