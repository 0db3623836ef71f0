#!/usr/bin/env bash
# A whole headless level played from one fake trainer through the real bus: the fake BlueZ
# sends the device's own payload following rest, squeeze, release; the result must be complete
# with the squeeze in its band. Extra fake arguments (e.g. --refuse ADDR:N) follow.
#   test_ble_level.sh EBB LEVEL NAME [FAKE_ARGS...]
set -euo pipefail
ebb=$1 level=$2 name=$3
shift 3
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-level
ble_bus
ble_fake "$@"
timeout 40 "$ebb" play "$level" --probe "ble:$name" --headless --json >"$dir/out.json" 2>"$dir/err" ||
    ebb_fail "ebb exited with status $? (stderr: $(cat "$dir/err"))"
json=$(cat "$dir/out.json")
grep -q '"complete":true' <<<"$json" || ebb_fail "incomplete: $json"
inband=$(grep -o '"index":1,"kind":"squeeze"[^}]*' <<<"$json" | grep -o '"in_band":[0-9.]*' | cut -d: -f2)
awk -v v="$inband" 'BEGIN { exit !(v >= 0.6) }' || ebb_fail "squeeze in band only $inband: $json"
rest=$(grep -o '"index":0,"kind":"rest"[^}]*' <<<"$json" | grep -o '"in_band":[0-9.]*' | cut -d: -f2)
echo "ok: $name played the level; rest in band $rest, squeeze in band $inband"
