#!/bin/sh
# The saved look is applied (issue 5): each palette draws the character, the band and the
# background in its own colours, and larger text makes the caption's text bigger.
#   run_looks.sh EBB SHOTCHECK LEVEL REPLAY AT EFFORT OUT_DIR
set -eu
ebb=$1 check=$2 level=$3 replay=$4 at=$5 effort=$6 out=$7
rm -rf "$out"
mkdir -p "$out/config/ebb"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config"
conf="$out/config/ebb/settings.conf"

shot() { # NAME: the play screen with the settings in $conf
    "$ebb" play "$level" --probe "replay:$replay" --screenshot "$out/$1.png" --at "$at"
}

# palette | background at the top left | the default's band colour (absent elsewhere)
for p in default colour-blind high-contrast; do
    printf 'palette = %s\n' "$p" >"$conf"
    shot "$p"
    # The character and the band where they must be, in this palette's colours.
    "$check" --palette "$p" "$out/$p.png" "$level" "$at" "$effort"
done
# The background's top corner differs per palette (theme.c).
"$check" --colour "$out/default.png" 0 0 0.05 0.02 0E1B2E 0.9
"$check" --colour "$out/colour-blind.png" 0 0 0.05 0.02 0C1632 0.9
"$check" --colour "$out/high-contrast.png" 0 0 0.05 0.02 000000 0.9
# The default's character colour is nowhere near the character in the other palettes.
"$check" --colour "$out/colour-blind.png" 0.2 0.2 0.3 0.85 F6CC70 0 0.001
"$check" --colour "$out/high-contrast.png" 0.2 0.2 0.3 0.85 F6CC70 0 0.001

# Text size: the caption's text is bigger with "larger" than with "normal".
printf 'text-size = normal\n' >"$conf"
shot text-normal
printf 'text-size = larger\n' >"$conf"
shot text-larger
"$check" --bigger "$out/text-normal.png" "$out/text-larger.png" 0.05 0.03 0.88 0.17 F0ECE2
# ... and the character still sits where effort puts it.
"$check" "$out/text-larger.png" "$level" "$at" "$effort"
echo "ok: looks"
