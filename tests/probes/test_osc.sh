#!/usr/bin/env bash
# The OSC probe with a real client: oscsend (liblo-tools) sends /ebb/pf, /ebb/abd and
# /ebb/breath to 127.0.0.1; the driver listens through the engine's I/O library. We check the
# efforts arrive, malformed or out-of-range messages never reach a frame, other addresses are
# ignored, and 300 ms of silence gives LOST.
#   test_osc.sh PROBE_DRIVER OSC_BUNDLE_SEND
set -euo pipefail
driver=$1
bundle_send=$2
. "$(dirname "$0")/lib.sh"
ebb_tmpdir osc

# A port from our pid; if something else holds it, try the next few.
port=
for try in 0 1 2 3 4 5 6 7; do
    p=$((20000 + ($$ * 7 + try * 131) % 40000))
    : >"$dir/out"
    EBB_DRIVER_STOP_FILE="$dir/stop" "$driver" "osc:$p" 30 >"$dir/out" 2>"$dir/err" &
    driver_pid=$!
    if ebb_wait_for "grep -q '^ready' '$dir/out' || ! kill -0 $driver_pid 2>/dev/null" 5 &&
        grep -q '^ready' "$dir/out"; then
        port=$p
        break
    fi
    wait "$driver_pid" 2>/dev/null || true
done
[ -n "$port" ] || ebb_fail "could not listen on any port: $(cat "$dir/err")"
ebb_track "$driver_pid"

send() { oscsend 127.0.0.1 "$port" "$@"; }

for i in $(seq 15); do send /ebb/pf f 0.5; sleep 0.03; done
for i in $(seq 15); do send /ebb/pf f 0.5; send /ebb/abd f 0.3; send /ebb/breath d 0.8; sleep 0.03; done
# Garbage: out of range, not a number, two numbers, nan; another address is ignored.
for i in $(seq 10); do
    sleep 0.03
    send /ebb/pf f 7
    send /ebb/pf s hello
    send /ebb/pf ff 0.9 0.9
    send /ebb/abd f nan
    send /other/thing f 0.9
    send /ebb/pf i 1
done
ebb_now t_silent
# While it listens, a second probe on the same port gets a clear message, not a crash.
if "$driver" "osc:$port" 0 >/dev/null 2>"$dir/err2"; then ebb_fail "port $port taken twice"; fi
grep -q "in use" "$dir/err2" || ebb_fail "no 'in use' message: $(cat "$dir/err2")"
sleep 0.9
ebb_now t_back
for i in $(seq 15); do send /ebb/pf f 0.2; sleep 0.03; done
ebb_now t_bundle
"$bundle_send" "$port" 0.35 0.45 15 || ebb_fail "could not send bundles"
touch "$dir/stop"
wait "$driver_pid" || ebb_fail "driver exited with status $?"
grep -q '^done' "$dir/out" || ebb_fail "driver did not finish cleanly"

ebb_check_efforts_sane "$dir/out"
ebb_expect_ok_near "$dir/out" 0 0.5 "/ebb/pf f 0.5"
ebb_expect_ok_near "$dir/out" 0 0.3 "/ebb/abd f 0.3" 6
ebb_expect_ok_near "$dir/out" 0 0.8 "/ebb/breath d 0.8" 7
ebb_expect_ok_near "$dir/out" 0 1.0 "/ebb/pf i 1"
ebb_expect_no_value "$dir/out" 0.9 "malformed messages and other addresses never reach pf"
ebb_expect_lost_after "$dir/out" "$t_silent" 250 600 "silence"
ebb_expect_ok_near "$dir/out" "$t_back" 0.2 "signal back"
ebb_expect_ok_near "$dir/out" "$t_bundle" 0.35 "bundle: /ebb/pf"
ebb_expect_ok_near "$dir/out" "$t_bundle" 0.45 "bundle: /ebb/abd" 6

if "$driver" "osc:notaport" 0 >/dev/null 2>"$dir/err3"; then ebb_fail "osc:notaport accepted"; fi
grep -q "OSC port must be a number" "$dir/err3" || ebb_fail "no message for a bad port"
echo "PASS: OSC probe with oscsend"
