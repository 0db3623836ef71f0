#!/bin/sh
# Screens other than play (issue 5), drawn with the game's own --screenshot --scene, checked
# where game/ draws things: titles in the warm text colour, the selected setting in the accent
# colour, today's plan heading (accent) only when a therapist pack is active. Also: a damaged
# settings file is reported line by line and does not stop the game.
#   run_scenes.sh EBB SHOTCHECK PACK LEVEL REPLAY OUT_DIR
set -eu
ebb=$1 check=$2 pack=$3 level=$4 replay=$5 out=$6
rm -rf "$out"
mkdir -p "$out"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config"

TEXT=F0ECE2 ACCENT=7CDAC0
shot() { "$ebb" --screenshot "$out/$1.png" --scene "$1"; }

shot welcome
"$check" --colour "$out/welcome.png" 0.25 0.08 0.75 0.18 $TEXT 0.05
"$check" --colour "$out/welcome.png" 0.25 0.26 0.75 0.30 $TEXT 0.02   # "not a medical device"
shot help
"$check" --colour "$out/help.png" 0.25 0.08 0.75 0.18 $TEXT 0.05
shot settings
"$check" --colour "$out/settings.png" 0.16 0.06 0.40 0.15 $TEXT 0.05
"$check" --colour "$out/settings.png" 0.70 0.17 0.84 0.23 $ACCENT 0.03  # selected value (first row)

# The menu: no plan without a pack; the plan heading at the top with one.
shot menu
"$check" --colour "$out/menu.png" 0.11 0.25 0.50 0.30 $ACCENT 0 0.002
"$ebb" pack install "$pack" >/dev/null
"$ebb" --screenshot "$out/menu-plan.png" --scene menu
"$check" --colour "$out/menu-plan.png" 0.11 0.25 0.50 0.30 $ACCENT 0.02

# The pause overlay over a level.
"$ebb" play "$level" --probe "replay:$replay" --screenshot "$out/pause.png" --scene pause --at 5 2>/dev/null
"$check" --colour "$out/pause.png" 0.35 0.2 0.65 0.8 $TEXT 0.005

# A damaged settings file: each bad line named, the rest used, the game carries on.
mkdir -p "$out/config/ebb"
printf 'master-volume = 40\nloudness = 11\npalette = neon\n\001\002junk\n' >"$out/config/ebb/settings.conf"
"$ebb" --screenshot "$out/menu-bad.png" --scene menu 2>"$out/bad.err"
cat "$out/bad.err"
grep -q "settings.conf:2: unknown setting 'loudness'" "$out/bad.err"
grep -q "settings.conf:3: palette must be" "$out/bad.err"
echo "ok: scenes"
