#!/usr/bin/env bash
# Garbage notifications (too short, and a kGoal pressure beyond its 0..2000) are dropped and
# counted; no effort outside 0..1 ever reaches a frame.
#   test_ble_garbage.sh EBB
set -euo pipefail
ebb=$1
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-garbage
ble_bus
ble_fake --curve "0.3:0"
timeout 30 "$ebb" probe --probe ble:Boost --seconds 3 --csv >"$dir/out.csv" 2>"$dir/err" &
pid=$!
ebb_track "$pid"
sleep 1.5
ble_ctl garbage C0:FF:EE:00:00:02 10
wait "$pid" || ebb_fail "ebb probe exited with status $? (stderr: $(cat "$dir/err"))"
grep -q "readings taken, 10 dropped as garbage" "$dir/err" || ebb_fail "want 10 dropped: $(cat "$dir/err")"
awk -F, '!/^#/ && NR > 2 && ($4 < 0 || $4 > 1) { bad = 1 } END { exit bad }' "$dir/out.csv" ||
    ebb_fail "an effort outside 0..1 reached a frame"
grep -q "^# ebb units=counts" "$dir/out.csv" || ebb_fail "unit not reported as counts: $(head -3 "$dir/out.csv")"
echo "ok: $(grep -o '[0-9]* readings taken, 10 dropped' "$dir/err")"
