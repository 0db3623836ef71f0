#!/usr/bin/env bash
# oscsend (liblo-tools), a real OSC client, drives a headless level through osc:PORT:
# rest, squeeze, release. The JSON result must be complete and show the squeeze in its band.
#   test_osc_level.sh EBB LEVEL
set -euo pipefail
ebb=$1 level=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-osclevel.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

port=$((20000 + $$ % 20000))
"$ebb" play "$level" --probe "osc:$port" --headless --json >"$dir/out.json" 2>"$dir/err" &
pid=$!
sleep 0.3

# Rest 1 s, squeeze 2 s at 0.6, release: one message every 50 ms (the level pauses until
# the first one arrives, so timing is relative to it).
send() { oscsend 127.0.0.1 "$port" /ebb/pf f "$1"; }
end=$((SECONDS + 20))
for i in $(seq 1 20); do send 0.05; sleep 0.05; done
for i in $(seq 1 40); do send 0.6; sleep 0.05; done
while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $end ]; do send 0.05; sleep 0.05; done
wait "$pid" || { echo "FAIL: ebb exited $?"; cat "$dir/err"; exit 1; }
pid=

json=$(cat "$dir/out.json")
grep -q '"complete":true' <<<"$json" || { echo "FAIL: incomplete: $json"; exit 1; }
# the squeeze step (index 1) spent most of its scored time in the band
inband=$(grep -o '"index":1,"kind":"squeeze"[^}]*' <<<"$json" | grep -o '"in_band":[0-9.]*' | cut -d: -f2)
awk -v v="$inband" 'BEGIN { exit !(v >= 0.6) }' || { echo "FAIL: squeeze in band only $inband"; echo "$json"; exit 1; }
echo "ok: oscsend drove the level; squeeze in band $inband"
