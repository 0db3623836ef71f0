#!/usr/bin/env bash
# Playing with --probe ble when Bluetooth cannot be used: one clear message, exit 1. Covers
# no org.bluez on the bus, an adapter switched off, and a bus policy that refuses us.
#   test_ble_absent.sh EBB LEVEL
set -euo pipefail
ebb=$1 level=$2
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-absent

expect_refusal() { # WHAT SENTENCE
    local rc=0
    "$ebb" play "$level" --probe ble:Perifit --headless --json >"$dir/out" 2>"$dir/err" || rc=$?
    [ "$rc" = 1 ] || ebb_fail "$1: exit $rc, want 1 ($(cat "$dir/err"))"
    [ "$(wc -l <"$dir/err")" = 1 ] || ebb_fail "$1: want one line, got: $(cat "$dir/err")"
    grep -q "$2" "$dir/err" || ebb_fail "$1: $(cat "$dir/err")"
    [ ! -s "$dir/out" ] || ebb_fail "$1: printed a result: $(cat "$dir/out")"
    echo "ok: $1: $(cat "$dir/err")"
}

ble_bus
expect_refusal "no BlueZ" "Bluetooth is not available"
ble_fake --powered no
expect_refusal "switched off" "Bluetooth is switched off"
ble_ctl quit
wait "$ble_fake_pid" 2>/dev/null || true
ble_fake --known --refuse C0:FF:EE:00:00:01:100
expect_refusal "never connects" "did not accept a connection"
