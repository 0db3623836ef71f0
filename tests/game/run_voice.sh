#!/bin/sh
# The spoken guide through SDL's disk audio driver (raw S16LE mono 48 kHz, written in real
# time; the calm soundscape is off so that quiet can be measured).
#   run_voice.sh spoken EBB VOICECHECK LEVEL REPLAY_CSV TOLERANCE_MS
#       the voice on: every step spoken on time, clear of cue tones and countdown ticks
#   run_voice.sh late EBB VOICECHECK LEVEL REPLAY_CSV TOLERANCE_MS
#       the voice worker held back 4.5 s before its second phrase (EBB_TEST_VOICE_SLOW_MS):
#       that step is skipped by the voice (its tone instead), the level never waits for it,
#       and the later steps are spoken on time. VOICE_SLOW_MS changes the 4.5 s, and
#       VOICE_MUST_SKIP=KIND fails the run unless that step was among those skipped
#   run_voice.sh eyes EBB VOICECHECK LEVEL REPLAY_CSV TOLERANCE_MS
#       eyes closed: every step said over the effort tone, the breath counted, and the result
#       said on the results screen after the chime (the game quits from there by a test event)
#   run_voice.sh note EBB VOICECHECK LEVEL REPLAY_CSV TOLERANCE_MS PACK_HEAD SHOTCHECK
#       LEVEL played as a file, then from a pack (PACK_HEAD with LEVEL embedded) whose
#       therapist's notes must be heard after the first caption, on time, within the step;
#       and the caption is on screen 3 s in (while the notes are said), as without the pack
#   run_voice.sh off EBB VOICECHECK LEVEL REPLAY_CSV
#       the voice off: the level plays to its end with its tones, and nothing is said
#   run_voice.sh missing EBB VOICECHECK LEVEL REPLAY_CSV
#       no voice at run time (EBB_TEST_NO_VOICE=1): one plain message, tones as before
# The environment sets SDL_VIDEODRIVER=dummy, SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE and
# private XDG_CONFIG_HOME/XDG_DATA_HOME.
set -eu
mode=$1 ebb=$2 tool=$3 level=$4 csv=$5
raw=$SDL_DISKAUDIOFILE
conf=$XDG_CONFIG_HOME/ebb
mkdir -p "$conf" "$XDG_DATA_HOME"
voice=auto
[ "$mode" = off ] && voice=off
eyes=no
[ "$mode" = eyes ] && eyes=yes
printf 'welcome-seen = yes\nvoice = %s\nsoundscape-volume = 0\neyes-closed = %s\n' "$voice" "$eyes" \
    >"$conf/settings.conf"
rm -f "$raw" "$raw.json"
if [ "$mode" = missing ]; then
    export EBB_TEST_NO_VOICE=1
fi
exit_when_done=--exit-when-done
if [ "$mode" = eyes ]; then
    # The results stay up (no --exit-when-done) for the result to be said; the game quits on
    # frame 1800 (about 30 s at 60 frames a second: the level lasts 18 s).
    printf '1800 quit\n' >"$raw.events"
    EBB_TEST_EVENTS=$raw.events
    export EBB_TEST_EVENTS
    exit_when_done=
fi
if [ "$mode" = late ]; then
    EBB_TEST_VOICE_SLOW_MS=${VOICE_SLOW_MS:-4500}
    export EBB_TEST_VOICE_SLOW_MS
fi
EBB_TEST_SOUND_TRACE=$raw.trace
export EBB_TEST_SOUND_TRACE
if [ "$mode" = note ]; then
    # As a plain file first (no pack installed yet): no notes.
    rm -rf "$XDG_DATA_HOME/ebb/packs"
    "$ebb" play "$level" --probe "replay:$csv" --exit-when-done --json >"$raw.json" 2>"$raw.log" ||
        { cat "$raw.log"; echo "FAIL: ebb play (plain) failed"; exit 1; }
    grep -q '"complete":true' "$raw.json" ||
        { cat "$raw.json"; echo "FAIL: the plain level did not play to its end"; exit 1; }
    mv "$raw" "$raw.plain"
    mv "$raw.trace" "$raw.plain.trace"
    pack=$(dirname "$raw")/voice-note.pack
    { cat "$7"; echo "level"; cat "$level"; echo "end-level"; } >"$pack"
    "$ebb" pack install "$pack" >"$raw.install" 2>&1 ||
        { cat "$raw.install"; echo "FAIL: the pack did not install"; exit 1; }
    id=$(sed -n 's/^id *//p' "$level" | head -1)
    "$ebb" play "$id" --probe "replay:$csv" --exit-when-done --json >"$raw.json" 2>"$raw.log" ||
        { cat "$raw.log"; echo "FAIL: ebb play $id (from the pack) failed"; exit 1; }
    grep -q '"complete":true' "$raw.json" ||
        { cat "$raw.json"; echo "FAIL: the pack's level did not play to its end"; exit 1; }
    grep -q "prescribed by the pack" "$raw.log" ||
        { cat "$raw.log"; echo "FAIL: the level was not played from the pack"; exit 1; }
    "$tool" note "$raw" "$level" "$6" "$raw.trace" "$raw.plain" "$raw.plain.trace"
    # The caption at 3 s, from the pack and as a file: there, and the same screen.
    SDL_AUDIODRIVER=dummy "$ebb" play "$id" --screenshot "$raw.pack.png" --at 3 2>/dev/null ||
        { echo "FAIL: no screenshot of the pack's level"; exit 1; }
    SDL_AUDIODRIVER=dummy "$ebb" play "$level" --screenshot "$raw.plain.png" --at 3 2>/dev/null ||
        { echo "FAIL: no screenshot of the level"; exit 1; }
    "$8" --colour "$raw.pack.png" 0.3 0.04 0.7 0.14 F0ECE2 0.02
    cmp -s "$raw.pack.png" "$raw.plain.png" ||
        { echo "FAIL: the pack's level does not show its caption as the file does"; exit 1; }
    echo "ok: the caption is shown while the notes are said"
    exit 0
fi
"$ebb" play "$level" --probe "replay:$csv" $exit_when_done --json >"$raw.json" 2>"$raw.log" ||
    { cat "$raw.log"; echo "FAIL: ebb play failed"; exit 1; }
grep -q '"complete":true' "$raw.json" ||
    { cat "$raw.json"; echo "FAIL: the level did not play to its end"; exit 1; }
case $mode in
spoken | late | eyes)
    rc=0
    "$tool" "$mode" "$raw" "$level" "$6" "$raw.trace" >"$raw.check" || rc=$?
    cat "$raw.check"
    [ "$rc" = 0 ] || exit "$rc"
    if [ -n "${VOICE_MUST_SKIP:-}" ] &&
        ! grep -q "^  $VOICE_MUST_SKIP .*phrase not ready: skipped" "$raw.check"; then
        echo "FAIL: the $VOICE_MUST_SKIP step's phrase was ready: this run does not test its skip"
        exit 1
    fi
    ;;
off)
    "$tool" silent "$raw" "$level"
    if grep -q "no voice" "$raw.log"; then cat "$raw.log"; echo "FAIL: a message about the voice"; exit 1; fi
    ;;
missing)
    "$tool" silent "$raw" "$level"
    n=$(grep -c "no voice" "$raw.log" || true)
    [ "$n" = 1 ] || { cat "$raw.log"; echo "FAIL: expected one message about the voice, got $n"; exit 1; }
    grep "no voice" "$raw.log"
    ;;
*)
    echo "run_voice.sh: unknown mode $mode"; exit 2 ;;
esac
