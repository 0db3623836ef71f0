#!/usr/bin/env bash
# A paced capture, as from a real sound card: a private PulseAudio daemon with a null sink,
# the test signal played into it with paplay in real time, and `ebb probe --probe audio`
# reading the sink's monitor through ALSA's pulse plugin. The first callback comes 1-2 s after
# start (testing.md), so the check syncs on the signal: it looks for three onsets spaced as the
# bursts are (1.5 s, then 1.7 s) within +-60 ms (PulseAudio delivers in fragments of tens of ms), wherever they fall.
#   run_pulse_paced.sh EBB GEN_EMG
set -euo pipefail
ebb=$1 gen=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-pulse.XXXXXX")
pa_pid=
cleanup() {
  [ -n "$pa_pid" ] && kill "$pa_pid" 2>/dev/null && wait "$pa_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

"$gen" 48000 "$dir/sig.wav"
cat >"$dir/test.pa" <<EOC
load-module module-native-protocol-unix auth-anonymous=1 socket=$dir/native
load-module module-null-sink sink_name=vsink rate=48000 channels=1
set-default-sink vsink
set-default-source vsink.monitor
EOC
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' >"$dir/asound.conf"
export HOME=$dir XDG_RUNTIME_DIR=$dir PULSE_SERVER=unix:$dir/native ALSA_CONFIG_PATH=$dir/asound.conf
pulseaudio -n -F "$dir/test.pa" --daemonize=no --exit-idle-time=-1 --disable-shm=yes \
  >"$dir/pa.log" 2>&1 &
pa_pid=$!
for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl info >/dev/null 2>&1 || { echo "FAIL: pulseaudio did not start"; cat "$dir/pa.log"; exit 1; }

"$ebb" probe --probe audio:default@48000 --seconds 14 --csv >"$dir/out.csv" 2>"$dir/err" &
probe_pid=$!
# Play once the capture is running (its first rows are out), then a little more for the
# notch filters to settle on the silence.
for _ in $(seq 1 100); do [ "$(wc -l <"$dir/out.csv")" -gt 20 ] && break; sleep 0.1; done
sleep 0.5
paplay -d vsink "$dir/sig.wav"
wait "$probe_pid" || { echo "FAIL: ebb probe exited $?"; cat "$dir/err"; exit 1; }

# onsets: the envelope (pf_raw, uV) rises above 20 after being below 10
awk -F, 'NR > 1 && $2 + 0 > 20 && !on { print $1; on = 1 } NR > 1 && $2 + 0 < 10 { on = 0 }' \
  "$dir/out.csv" >"$dir/onsets"
echo "onsets (s): $(tr '\n' ' ' <"$dir/onsets")"
if awk '{ t[NR] = $1 } END {
      for (i = 1; i + 2 <= NR; i++) {
        a = t[i + 1] - t[i] - 1.5; b = t[i + 2] - t[i + 1] - 1.7
        if (a < 0) a = -a; if (b < 0) b = -b
        if (a <= 0.0605 && b <= 0.0605) { printf "bursts found at %.2f s, spacing within %.0f and %.0f ms\n", t[i], a * 1000, b * 1000; ok = 1; exit }
      }
      exit !ok }' "$dir/onsets"; then
  echo "ok: paced capture through PulseAudio keeps the bursts' timing"
else
  echo "FAIL: no three onsets spaced 1.5 s and 1.7 s (+-60 ms)"
  head -5 "$dir/out.csv"; cat "$dir/err"
  exit 1
fi
