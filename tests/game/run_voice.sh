#!/bin/sh
# The spoken guide through SDL's disk audio driver (raw S16LE mono 48 kHz, written in real
# time; the calm soundscape is off so that quiet can be measured).
#   run_voice.sh spoken EBB VOICECHECK LEVEL REPLAY_CSV TOLERANCE_MS
#       the voice on: every step spoken on time, clear of cue tones and countdown ticks
#   run_voice.sh late EBB VOICECHECK LEVEL REPLAY_CSV TOLERANCE_MS
#       the voice worker held back 4.5 s before its second phrase (EBB_TEST_VOICE_SLOW_MS):
#       that step is skipped by the voice (its tone instead), the level never waits for it,
#       and the later steps are spoken on time
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
printf 'welcome-seen = yes\nvoice = %s\nsoundscape-volume = 0\n' "$voice" >"$conf/settings.conf"
rm -f "$raw" "$raw.json"
if [ "$mode" = missing ]; then
    export EBB_TEST_NO_VOICE=1
fi
if [ "$mode" = late ]; then
    EBB_TEST_VOICE_SLOW_MS=4500
    export EBB_TEST_VOICE_SLOW_MS
fi
EBB_TEST_SOUND_TRACE=$raw.trace
export EBB_TEST_SOUND_TRACE
"$ebb" play "$level" --probe "replay:$csv" --exit-when-done --json >"$raw.json" 2>"$raw.log" ||
    { cat "$raw.log"; echo "FAIL: ebb play failed"; exit 1; }
grep -q '"complete":true' "$raw.json" ||
    { cat "$raw.json"; echo "FAIL: the level did not play to its end"; exit 1; }
case $mode in
spoken | late)
    "$tool" "$mode" "$raw" "$level" "$6" "$raw.trace"
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
