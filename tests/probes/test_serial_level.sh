#!/usr/bin/env bash
# A whole headless level through a real serial port (a socat pty pair), with the device
# "unplugged" mid-level: the level pauses ("signal lost"), keeps what was played, and carries
# on when the port comes back; the result is complete and its time is the level's own.
#   test_serial_level.sh EBB LEVEL
set -euo pipefail
ebb=$1 level=$2
. "$(dirname "$0")/lib.sh"

ebb_tmpdir serial-level
socat_pid=
start_socat() {
    rm -f "$dir/ttyA" "$dir/ttyB"
    socat pty,raw,echo=0,link="$dir/ttyA" pty,raw,echo=0,link="$dir/ttyB" 2>>"$dir/socat.log" &
    socat_pid=$!
    ebb_track "$socat_pid"
    ebb_wait_for "[ -e '$dir/ttyA' ] && [ -e '$dir/ttyB' ]" 5 || ebb_fail "socat made no pty pair"
}
# send VALUE SECONDS: one line every 10 ms
send() { local n; n=$(awk -v s="$2" 'BEGIN { print int(s * 100) }'); for _ in $(seq "$n"); do printf '%s\n' "$1" >&3; sleep 0.01; done; }

start_socat
"$ebb" play "$level" --probe "serial:$dir/ttyB" --headless --json >"$dir/out.json" 2>"$dir/err" &
ebb_pid=$!
ebb_track "$ebb_pid"
sleep 0.3
exec 3>"$dir/ttyA"
send 0.05 1.2        # rest
send 0.6 0.8         # into the squeeze
kill "$socat_pid"    # unplugged mid-squeeze
exec 3>&-
wait "$socat_pid" 2>/dev/null || true
sleep 1.0
start_socat          # plugged back in: the probe reopens the port by itself
exec 3>"$dir/ttyA"
send 0.6 1.5
while kill -0 "$ebb_pid" 2>/dev/null; do send 0.05 0.2; done
exec 3>&-
wait "$ebb_pid" || ebb_fail "ebb exited with status $? (stderr: $(cat "$dir/err"))"

grep -q "signal lost at" "$dir/err" || ebb_fail "no lost-signal notice: $(cat "$dir/err")"
grep -q "signal back" "$dir/err" || ebb_fail "no signal-back notice: $(cat "$dir/err")"
json=$(cat "$dir/out.json")
grep -q '"complete":true' <<<"$json" || ebb_fail "incomplete result: $json"
grep -q '"duration_s":4.000' <<<"$json" || ebb_fail "level time is not the level's 4 s: $json"
inband=$(grep -o '"index":1,"kind":"squeeze"[^}]*' <<<"$json" | grep -o '"in_band":[0-9.]*' | cut -d: -f2)
awk -v v="$inband" 'BEGIN { exit !(v >= 0.6) }' || ebb_fail "squeeze in band only $inband: $json"
echo "ok: unplugged mid-level, paused, resumed; squeeze in band $inband"
