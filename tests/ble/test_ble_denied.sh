#!/usr/bin/env bash
# A bus whose policy refuses our calls to BlueZ (AccessDenied): `ebb play --probe ble` says so
# in one sentence and exits 1; `ebb devices` says so and keeps its exit code.
#   test_ble_denied.sh EBB LEVEL
set -euo pipefail
ebb=$1 level=$2
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-denied
BLE_POLICY_EXTRA='<deny send_destination="org.bluez" send_interface="org.freedesktop.DBus.ObjectManager"/>'
ble_bus
ble_fake --known
rc=0
"$ebb" play "$level" --probe ble:Perifit --headless --json >"$dir/out" 2>"$dir/err" || rc=$?
[ "$rc" = 1 ] || ebb_fail "exit $rc, want 1 ($(cat "$dir/err"))"
[ "$(wc -l <"$dir/err")" = 1 ] || ebb_fail "want one line, got: $(cat "$dir/err")"
grep -q "this account may not use it" "$dir/err" || ebb_fail "$(cat "$dir/err")"
echo "ok: play: $(cat "$dir/err")"
"$ebb" devices >"$dir/list" 2>&1 || true
grep -q "this account may not use it" "$dir/list" || ebb_fail "devices: $(cat "$dir/list")"
echo "ok: devices said it too"
