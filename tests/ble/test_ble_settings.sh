#!/usr/bin/env bash
# Settings → Input offers the Bluetooth trainers a short scan finds (the scan runs on its own
# thread; a screenshot waits for it so that the picture shows the finished list). With the
# fake BlueZ the line under the rows names the trainers, and the Input row names the chosen
# one by model and address; with no BlueZ on the bus that line stays empty and nothing fails.
#   test_ble_settings.sh EBB SHOTCHECK
set -euo pipefail
ebb=$1 check=$2
. "$(dirname "$0")/lib.sh"
ebb_tmpdir ble-settings
ble_bus
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0 \
  XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
mkdir -p "$dir/config/ebb"
printf 'probe = ble:C0:FF:EE:00:00:01\n' >"$dir/config/ebb/settings.conf"

"$ebb" --screenshot "$dir/none.png" --scene settings 2>"$dir/none.err" ||
  ebb_fail "no BlueZ: the settings screen failed: $(cat "$dir/none.err")"
ble_fake
start=$(date +%s%N)
"$ebb" --screenshot "$dir/found.png" --scene settings 2>"$dir/found.err" ||
  ebb_fail "the settings screen failed: $(cat "$dir/found.err")"
echo "settings with the scan: $(( ($(date +%s%N) - start) / 1000000 )) ms"
# The trainers' line under the rows (soft text) is there only when trainers were found.
"$check" --diff "$dir/none.png" "$dir/found.png" 0.16 0.93 0.84 0.97 0.01 ||
  ebb_fail "no trainers listed under the rows"
"$check" --diff "$dir/none.png" "$dir/none.png" 0.16 0.93 0.84 0.97 0 0 >/dev/null
# The Input row's value (row 13 of 15, from 0.73 to 0.77 of the height): the model and
# address instead of the bare spec.
"$check" --diff "$dir/none.png" "$dir/found.png" 0.50 0.73 0.84 0.77 0.005 ||
  ebb_fail "the Input row does not name the trainer"
# Nothing else moved.
"$check" --diff "$dir/none.png" "$dir/found.png" 0.16 0.17 0.84 0.72 0 0 ||
  ebb_fail "other rows changed"
cp "$dir/found.png" "${EBB_SHOT_KEEP:-/dev/null}" 2>/dev/null || true
echo "ok: Settings lists the trainers found"
