#!/bin/sh
# The progress scene and the results' comparisons with the person's past (issue 9), on a
# history of three weeks written by make_week through the real runner and store, with the
# pack "relaxation-first" installed as of its first day.
#   run_progress.sh EBB MAKE_WEEK SHOTCHECK SOURCE_DIR OUT_DIR
# Layout (scene_progress.c): three columns and two rows of charts at normal text (rest tone
# top left, sessions a day bottom right); two charts a page with larger text.
set -eu
ebb=$1 make_week=$2 check=$3 src=$4 out=$5
rm -rf "$out"
mkdir -p "$out/data" "$out/empty" "$out/config/ebb"
export XDG_CONFIG_HOME="$out/config"
conf="$out/config/ebb/settings.conf"
"$make_week" "$out/data" "$src/levels" 21 "$src/levels/packs/relaxation-first.pack" >/dev/null

shot() { # NAME DATA_HOME SETTINGS...
    name=$1 data=$2
    shift 2
    printf 'welcome-seen = yes\n' >"$conf"
    for s in "$@"; do printf '%s\n' "$s" >>"$conf"; done
    XDG_DATA_HOME="$data" "$ebb" --screenshot "$out/$name.png" --scene progress
}

ACCENT=7CDAC0 STAR=FFD680 TEXT=F0ECE2
shot default "$out/data"
# The rest line and its band where the first chart's plot is; release time next to it.
"$check" --colour "$out/default.png" 0.05 0.28 0.32 0.45 $ACCENT 0.01
"$check" --colour "$out/default.png" 0.38 0.28 0.65 0.45 $ACCENT 0.01
# Sessions a day: bars in the accent colour, the plan in the star colour, bottom right.
"$check" --colour "$out/default.png" 0.70 0.68 0.97 0.85 $ACCENT 0.05
"$check" --colour "$out/default.png" 0.70 0.66 0.97 0.85 $STAR 0.005
# Titles and readings in the text colours in each panel.
"$check" --colour "$out/default.png" 0.03 0.20 0.33 0.26 $TEXT 0.02
# Stars a level: a key for each of the four kinds played, strengthening and assessment on a
# second line above the plot (once only the two that fit one line had a key).
"$check" --colour "$out/default.png" 0.36 0.665 0.40 0.70 F6CC70 0.005
"$check" --colour "$out/default.png" 0.46 0.665 0.50 0.70 CCB0F0 0.005
# Nothing played: the same screen without a line, a band or a bar anywhere.
shot empty "$out/empty"
"$check" --colour "$out/empty.png" 0 0.15 1 0.95 $ACCENT 0 0.0005
"$check" --diff "$out/default.png" "$out/empty.png" 0.05 0.28 0.32 0.45 0.02

# Another palette: its own accent, and none of the default's.
shot colour-blind "$out/data" 'palette = colour-blind'
"$check" --colour "$out/colour-blind.png" 0.05 0.28 0.32 0.45 56B4E9 0.01
"$check" --colour "$out/colour-blind.png" 0 0.15 1 0.95 $ACCENT 0 0.0005
# High contrast and larger text: two charts a page, the rest chart on the left in yellow.
shot large "$out/data" 'palette = high-contrast' 'text-size = larger'
"$check" --colour "$out/large.png" 0.08 0.42 0.47 0.75 FFE600 0.01
"$check" --colour "$out/large.png" 0.57 0.42 0.96 0.75 FFE600 0.01
"$check" --colour "$out/large.png" 0 0.15 1 0.95 $ACCENT 0 0.0005
# ... laid out apart from normal text in the same palette (three columns there).
shot hc "$out/data" 'palette = high-contrast'
"$check" --colour "$out/hc.png" 0.05 0.28 0.32 0.45 FFE600 0.01
"$check" --colour "$out/hc.png" 0.70 0.68 0.97 0.85 FFE600 0.05
"$check" --colour "$out/large.png" 0.70 0.80 0.97 0.85 FFE600 0 0.002
"$check" --diff "$out/hc.png" "$out/large.png" 0 0.15 1 0.95 0.15

# Results: with the past in the history, the sentences compare with it ("... last time's");
# with none, they only say how it went. Same run, same screen above the sentences.
export SDL_VIDEODRIVER=offscreen
lvl=lengthening/drop-and-release
printf 'welcome-seen = yes\n' >"$conf"
XDG_DATA_HOME="$out/data" "$ebb" play $lvl --probe sim:relaxed --screenshot "$out/res-past.png" \
    --scene results
XDG_DATA_HOME="$out/empty" "$ebb" play $lvl --probe sim:relaxed --screenshot "$out/res-none.png" \
    --scene results
"$check" --diff "$out/res-past.png" "$out/res-none.png" 0 0 1 0.66 0 0.001
"$check" --diff "$out/res-past.png" "$out/res-none.png" 0.1 0.68 0.9 0.84 0.01
"$check" --colour "$out/res-past.png" 0.1 0.68 0.9 0.84 A6BEC6 0.005
# ... and headless play says the same in its JSON.
XDG_DATA_HOME="$out/data" "$ebb" play $lvl --probe sim:relaxed --headless --json >"$out/past.json"
grep -q "about the same as last time's\|than last time's\|than yesterday's\|last week's" \
    "$out/past.json" || { echo "FAIL: no comparison with the past in $out/past.json"; exit 1; }
XDG_DATA_HOME="$out/empty" "$ebb" play $lvl --probe sim:relaxed --headless --json >"$out/none.json"
if grep -q "last time's\|last week's\|yesterday's" "$out/none.json"; then
    echo "FAIL: a comparison without a past"; exit 1
fi
[ ! -e "$out/empty/ebb" ] || { echo "FAIL: looking at the past made a history"; exit 1; }
# From the menu: End is Help, two Ups reach "Your progress"; Escape goes back, Escape quits.
# Each request shows its scene at the next frame (game/app/testhook.h).
cat >"$out/nav.events" <<'EV'
5  key End
7  key Up
9  key Up
11 key Return
20 key Escape
30 key Escape
EV
XDG_DATA_HOME="$out/data" SDL_VIDEODRIVER=dummy EBB_TEST_EVENTS="$out/nav.events" \
    EBB_TEST_TRACE="$out/nav.trace" "$ebb" 2>"$out/nav.err" || { cat "$out/nav.err"; exit 1; }
got=$(cut -d' ' -f1,2 "$out/nav.trace" | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "0 menu 12 progress 21 menu 31 end" ] || {
    cat "$out/nav.trace"; echo "FAIL: menu -> progress -> menu: got '$got'"; exit 1; }
echo "ok: progress and comparisons"
