#!/usr/bin/env bash
# The serial probe against a real pseudo-terminal pair made by socat (no serial hardware).
# A writer (this script, printf with sleeps) sends the Ebb line protocol with garbage mixed in,
# goes silent, sends SpikerShield frames, then socat is killed mid-stream ("unplugged") and
# started again. The driver reads serial:ttyB through the engine's I/O library, tick by tick
# in real time; we check the efforts it saw, LOST after 300 ms of silence, LOST soon after
# the port vanished, no crash, and recovery when the port comes back.
#   test_serial.sh PROBE_DRIVER
set -euo pipefail
driver=$1
. "$(dirname "$0")/lib.sh"

ebb_tmpdir serial
socat_pid=
start_socat() {
    rm -f "$dir/ttyA" "$dir/ttyB"
    socat pty,raw,echo=0,link="$dir/ttyA" pty,raw,echo=0,link="$dir/ttyB" 2>>"$dir/socat.log" &
    socat_pid=$!
    ebb_track "$socat_pid"
    ebb_wait_for "[ -e '$dir/ttyA' ] && [ -e '$dir/ttyB' ]" 5 || ebb_fail "socat made no pty pair"
}

start_socat
EBB_DRIVER_STOP_FILE="$dir/stop" "$driver" "serial:$dir/ttyB@115200" 30 >"$dir/out" 2>"$dir/err" &
driver_pid=$!
ebb_track "$driver_pid"
ebb_wait_for "grep -q '^ready' '$dir/out'" 5 || ebb_fail "driver did not open the port"

exec 3>"$dir/ttyA"
# 1. Header and pressure lines: 10 cmH2O of the default 0..40 range is effort 0.25.
printf '# ebb units=cmH2O rate=100 channels=pf\n' >&3
for i in $(seq 50); do sleep 0.01; printf '%d 10\n' "$((i * 10))" >&3; done
# 2. Garbage between good lines (20 cmH2O = 0.5): none of it may reach the frames.
for i in $(seq 50); do
    sleep 0.01
    printf 'nan\n1e999\nabc\n-inf\n9999\n%d 20\n' "$((i * 10))" >&3
done
ebb_now t_silent
# 3. Silence: LOST after ~300 ms.
sleep 0.8
# 4. The device switches to SpikerShield frames: 769 of 1023 counts = effort 0.75.
for i in $(seq 80); do sleep 0.01; printf '\x86\x01\x86\x01\x86\x01\x86\x01\x86\x01' >&3; done
# 5. "Unplug": socat goes away with both ptys.
ebb_now t_kill
kill "$socat_pid"
exec 3>&-
wait "$socat_pid" 2>/dev/null || true
sleep 0.6
# 6. Plug it back in: the driver reopens the port by itself (the header is forgotten).
start_socat
ebb_now t_back
exec 3>"$dir/ttyA"
for i in $(seq 100); do printf '0.6\n' >&3; sleep 0.01; done
exec 3>&-
touch "$dir/stop"
wait "$driver_pid" || ebb_fail "driver exited with status $?"
grep -q '^done' "$dir/out" || ebb_fail "driver did not finish cleanly"

ebb_check_efforts_sane "$dir/out"
ebb_expect_ok_near "$dir/out" 0 0.25 "ASCII pressure lines"
ebb_expect_ok_near "$dir/out" 0 0.50 "lines between garbage"
ebb_expect_lost_after "$dir/out" "$t_silent" 250 600 "silence"
ebb_expect_ok_near "$dir/out" "$t_silent" 0.75 "SpikerShield frames"
ebb_expect_lost_after "$dir/out" "$t_kill" 0 500 "port removed"
ebb_expect_ok_near "$dir/out" "$t_back" 0.60 "port back"
# Opening errors are messages that name the port and the fix, never a crash.
expect_error() {
    if "$driver" "$1" 0 >/dev/null 2>"$dir/e"; then ebb_fail "$1 was accepted"; fi
    grep -q "$2" "$dir/e" || ebb_fail "$1: wanted '$2', got: $(cat "$dir/e")"
    echo "ok: $1 refused"
}
expect_error "serial:$dir/none" "cannot open serial port $dir/none: .*plugged in"
expect_error serial:/dev/null "not a serial port"
expect_error "serial:$dir/ttyA@123" "unsupported baud rate '123'"
expect_error "serial:$dir/ttyA,morse" "unknown serial format 'morse'"
echo "PASS: serial probe over a socat pty pair"
