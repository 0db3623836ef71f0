#!/usr/bin/env bash
# A trainer drops out mid-squeeze and stays away for a second: the level pauses ("signal
# lost"), the probe reconnects by itself, and the level carries on to a complete result.
#   test_ble_drop.sh EBB LEVEL
set -euo pipefail
ebb=$1 level=$2
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-drop
ble_bus
ble_fake --curve "0.05:1.2,0.6:3.0,0.05:0"
timeout 40 "$ebb" play "$level" --probe ble:Perifit --headless --json >"$dir/out.json" 2>"$dir/err" &
pid=$!
ebb_track "$pid"
sleep 3.2   # about 1.5 s into the level (connecting takes a moment): in the squeeze
ble_ctl drop C0:FF:EE:00:00:01 1.0
wait "$pid" || ebb_fail "ebb exited with status $? (stderr: $(cat "$dir/err"))"
grep -q "signal lost at" "$dir/err" || ebb_fail "no lost-signal notice: $(cat "$dir/err")"
grep -q "signal back" "$dir/err" || ebb_fail "no signal-back notice: $(cat "$dir/err")"
json=$(cat "$dir/out.json")
grep -q '"complete":true' <<<"$json" || ebb_fail "incomplete result: $json"
grep -q '"duration_s":4.000' <<<"$json" || ebb_fail "level time is not the level's 4 s: $json"
echo "ok: dropped mid-level, paused, reconnected by itself, finished ($(grep -o 'signal lost at [0-9.]* s' "$dir/err"))"
