#!/bin/sh
# Navigation with injected events (issue 5), keyboard only and gamepad only: welcome -> menu ->
# a level -> pause -> back to the menu -> settings -> change the colours -> back -> quit.
# The game reads the events from EBB_TEST_EVENTS and writes each scene it shows to
# EBB_TEST_TRACE (game/app/testhook.h); the changed setting must be in the settings file.
# Scenes switch by request, applied at the top of the next frame: an event of frame N shows
# its scene in the trace at frame N+1, which the frame numbers below check exactly.
#   run_nav.sh EBB OUT_DIR
set -eu
ebb=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
want="welcome menu play pause menu settings menu end"

play_script() { # NAME FRAMES: a fresh person plays NAME.events; the trace's frames must be FRAMES
    export XDG_DATA_HOME="$out/$1/data" XDG_CONFIG_HOME="$out/$1/config"
    EBB_TEST_EVENTS="$out/$1.events" EBB_TEST_TRACE="$out/$1.trace" "$ebb" 2>"$out/$1.err" || {
        cat "$out/$1.err"; echo "FAIL: $1: the game failed"; exit 1; }
    got=$(cut -d' ' -f2 "$out/$1.trace" | tr '\n' ' ' | sed 's/ $//')
    echo "$1: $got"
    [ "$got" = "$want" ] || { cat "$out/$1.trace"; echo "FAIL: $1: want '$want'"; exit 1; }
    frames=$(cut -d' ' -f1 "$out/$1.trace" | tr '\n' ' ' | sed 's/ $//')
    [ "$frames" = "$2" ] || { cat "$out/$1.trace"; echo "FAIL: $1: frames '$frames', want '$2'"; exit 1; }
}

run() { # NAME FRAMES: as play_script, and the colours changed in Settings were saved
    play_script "$@"
    grep -qx "palette = colour-blind" "$out/$1/config/ebb/settings.conf" || {
        cat "$out/$1/config/ebb/settings.conf"; echo "FAIL: $1: the palette was not saved"; exit 1; }
    grep -qx "welcome-seen = yes" "$out/$1/config/ebb/settings.conf"
}

# Keyboard: Enter past the welcome, Enter plays the first level, Esc pauses, Down Down Enter
# is "Back to menu", End then Up is Settings, four Downs reach Colours, Right changes it,
# Esc back to the menu, Esc quits.
cat >"$out/keyboard.events" <<'EV'
5   key Return
15  key Return
40  key Escape
50  key Down
55  key Down
60  key Return
70  key End
75  key Up
80  key Return
90  key Down
92  key Down
94  key Down
96  key Down
100 key Right
110 key Escape
120 key Escape
EV
run keyboard "0 6 16 41 61 81 111 121"

# Gamepad: A, A, Start pauses, d-pad down twice and A, then down through today's plan (A on
# the welcome starts the starter program: three entries on day 1), the 16 built-in levels and
# "Your progress" to Settings, A, down to Colours, right, B back, B quits.
{
    echo "5 button a"; echo "15 button a"; echo "40 button start"
    echo "50 button dpdown"; echo "55 button dpdown"; echo "60 button a"
    f=70; i=0
    while [ $i -lt 20 ]; do echo "$f button dpdown"; f=$((f + 2)); i=$((i + 1)); done
    echo "110 button a"
    echo "120 button dpdown"; echo "122 button dpdown"; echo "124 button dpdown"; echo "126 button dpdown"
    echo "130 button dpright"; echo "140 button b"; echo "150 button b"
} >"$out/gamepad.events"
run gamepad "0 6 16 41 61 111 141 151"

# "Start again" from the pause menu asks for play again (play leaves and enters in the same
# frame's apply); then "Back to menu" and Escape quits.
want="welcome menu play pause play pause menu end"
cat >"$out/restart.events" <<'EV'
5   key Return
15  key Return
40  key Escape
50  key Down
55  key Return
70  key Escape
80  key Down
82  key Down
85  key Return
95  key Escape
EV
play_script restart "0 6 16 41 56 71 86 96"

# A script the hook cannot use is refused with its line number.
printf '1 key Return\n2 wiggle\n' >"$out/bad.events"
if EBB_TEST_EVENTS="$out/bad.events" "$ebb" 2>"$out/bad.err"; then
    echo "FAIL: a bad script was accepted"; exit 1
fi
grep -q "bad.events:2: unknown event 'wiggle'" "$out/bad.err"
echo "ok: navigation"
