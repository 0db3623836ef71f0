#!/usr/bin/env bash
# A breathing level played headless from the microphone, paced as from a real sound card: a
# private PulseAudio daemon with a null sink (testing.md "Sound in"), a synthetic breath
# recording played into it with paplay, and `ebb play LEVEL --probe mic --headless --json`
# reading the sink's monitor through ALSA's pulse plugin.
#   run_mic_level.sh EBB GEN_BREATH LEVEL SECONDS KIND MIN_PACING MAX_PACING [PROBE ARGS...]
#   run_mic_level.sh EBB GEN_BREATH calibrate SECONDS KIND MIN_BREATHS MAX_BREATHS
# The second form runs `ebb calibrate --probe mic` instead and checks the in- and out-breaths
# it says it heard (each within [MIN, MAX]; none heard must exit 1 and say so).
# KIND is a gen_breath kind (paced6: breaths following the level's 4 s in, 6 s out; room:
# nobody breathing). The room plays from before ebb starts, so that the mic learns it; the
# breaths (recorded dry) are played into the same sink once ebb says the level starts, and
# begin 4 s in, after the level's first rest.
# The check: breath_pacing of the JSON result within [MIN_PACING, MAX_PACING].
set -euo pipefail
ebb=$1 gen=$2 level=$3 secs=$4 kind=$5 min=$6 max=$7
shift 7
probe_args=("$@")
[ ${#probe_args[@]} -gt 0 ] || probe_args=(--probe mic:default@16000)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-miclevel.XXXXXX")
pa_pid= play_pid= breath_pid=
cleanup() {
  [ -n "$play_pid" ] && kill "$play_pid" 2>/dev/null && wait "$play_pid" 2>/dev/null
  [ -n "$breath_pid" ] && kill "$breath_pid" 2>/dev/null && wait "$breath_pid" 2>/dev/null
  [ -n "$pa_pid" ] && kill "$pa_pid" 2>/dev/null && wait "$pa_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

"$gen" 16000 room $((secs + 30)) "$dir/room.f32" "$dir/none.csv"
"$gen" 16000 "$kind-dry" "$secs" "$dir/in.f32" "$dir/truth.csv" 4
for f in room in; do
  sox -q -t raw -r 16000 -c 1 -b 32 -e floating-point -L "$dir/$f.f32" "$dir/$f.wav"
done
cat >"$dir/test.pa" <<EOC
load-module module-native-protocol-unix auth-anonymous=1 socket=$dir/native
load-module module-null-sink sink_name=vsink rate=16000 channels=1
set-default-sink vsink
set-default-source vsink.monitor
EOC
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' >"$dir/asound.conf"
export HOME=$dir XDG_RUNTIME_DIR=$dir XDG_DATA_HOME=$dir/data PULSE_SERVER=unix:$dir/native \
  ALSA_CONFIG_PATH=$dir/asound.conf
pulseaudio -n -F "$dir/test.pa" --daemonize=no --exit-idle-time=-1 --disable-shm=yes \
  >"$dir/pa.log" 2>&1 &
pa_pid=$!
for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl info >/dev/null 2>&1 || { echo "FAIL: pulseaudio did not start"; cat "$dir/pa.log"; exit 1; }

paplay -d vsink "$dir/room.wav" &
play_pid=$!
sleep 0.3
if [ "$level" = calibrate ]; then
  "$ebb" calibrate --probe mic:default@16000 >"$dir/err" 2>&1 &
  started="Now breathe"
else
  "$ebb" play "$level" "${probe_args[@]}" --headless --json >"$dir/out.json" 2>"$dir/err" &
  started="the level starts"
fi
ebb_pid=$!
for _ in $(seq 1 1000); do grep -q "$started" "$dir/err" && break; sleep 0.01; done
grep -q "$started" "$dir/err" || { echo "FAIL: the level did not start"; cat "$dir/err"; exit 1; }
paplay -d vsink "$dir/in.wav" &
breath_pid=$!
if [ "$level" = calibrate ]; then
  rc=0; wait "$ebb_pid" || rc=$?
  cat "$dir/err"
  read -r nin nout < <(sed -n 's/.*Heard \([0-9]*\) in-breaths and \([0-9]*\) out-breaths.*/\1 \2/p' "$dir/err")
  if [ "$max" = 0 ]; then
    [ "$rc" = 1 ] && grep -q "No breath was heard" "$dir/err" || { echo "FAIL: exit $rc, want 1 and 'No breath was heard'"; exit 1; }
  else
    [ "$rc" = 0 ] && [ "$nin" -ge "$min" ] && [ "$nin" -le "$max" ] && [ "$nout" -ge "$min" ] && [ "$nout" -le "$max" ] ||
      { echo "FAIL: exit $rc, heard ${nin:-?} in and ${nout:-?} out, want $min..$max each"; exit 1; }
  fi
  echo "ok"; exit 0
fi
if ! wait "$ebb_pid"; then
  echo "FAIL: ebb play failed"; cat "$dir/err"; exit 1
fi
pacing=$(sed -n 's/.*"breath_pacing":\([0-9.]*\|null\).*/\1/p' "$dir/out.json")
phases=$(sed -n 's/.*"breath_phases":\([0-9]*\).*/\1/p' "$dir/out.json")
score=$(sed -n 's/.*"score":\([0-9.]*\).*/\1/p' "$dir/out.json" | head -1)
echo "breath_pacing $pacing over $phases phases, score $score (${probe_args[*]}, $kind)"
cat "$dir/err"
awk -v p="$pacing" -v lo="$min" -v hi="$max" 'BEGIN { exit !(p != "" && p != "null" && p + 0 >= lo && p + 0 <= hi) }' ||
  { echo "FAIL: breath_pacing $pacing is not within [$min, $max]"; head -c 600 "$dir/out.json"; exit 1; }
echo "ok"
