#!/usr/bin/env bash
# The stdin probe: a writer pipes the line protocol into the driver, pauses (LOST after
# 300 ms), sends more, then closes the pipe (ENDED, exit 0). A second run pipes SpikerShield
# frames with the format forced (stdin:spiker).
#   test_stdin.sh PROBE_DRIVER
set -euo pipefail
driver=$1
. "$(dirname "$0")/lib.sh"
ebb_tmpdir stdin

writer() {
    printf '# ebb units=uV channels=pf,abd\n'
    for i in $(seq 40); do printf '%d 31 60\n' "$((i * 10))"; sleep 0.01; done   # 0.5, 1.0
    for i in $(seq 20); do sleep 0.01; printf 'inf 1\n0.5,\n%d 31 60 3\n30,nan\n31,60\n' "$i"; done
    ebb_now t; echo "$t" >"$dir/t_silent"
    sleep 0.8
    ebb_now t; echo "$t" >"$dir/t_back"
    for i in $(seq 40); do printf '%d 2 60\n' "$((i * 10))"; sleep 0.01; done       # 0.0
}
writer | "$driver" stdin 30 >"$dir/out" 2>"$dir/err" || ebb_fail "driver exited with status $?"
grep -q '^done' "$dir/out" || ebb_fail "driver did not finish cleanly"
[ "$(awk '$1 == "tick" { s = $4 } END { print s }' "$dir/out")" = ENDED ] ||
    ebb_fail "end of input did not end the probe"

ebb_check_efforts_sane "$dir/out"
ebb_expect_ok_near "$dir/out" 0 0.5 "pf 31 uV of 2..60"
ebb_expect_ok_near "$dir/out" 0 1.0 "abd 60 uV" 6
ebb_expect_lost_after "$dir/out" "$(cat "$dir/t_silent")" 250 600 "silence"
ebb_expect_ok_near "$dir/out" "$(cat "$dir/t_back")" 0.0 "lines again after silence"

spiker() {
    for i in $(seq 40); do printf '\x84\x00\x84\x00\x84\x00'; sleep 0.01; done  # 512 counts
}
spiker | "$driver" stdin:spiker 30 >"$dir/out" 2>"$dir/err" || ebb_fail "driver status $?"
ebb_check_efforts_sane "$dir/out"
ebb_expect_ok_near "$dir/out" 0 0.5005 "SpikerShield frames on stdin"

if "$driver" stdin:morse 1 >/dev/null 2>"$dir/err"; then ebb_fail "stdin:morse accepted"; fi
grep -q "unknown stdin format" "$dir/err" || ebb_fail "no message for a bad format"
echo "PASS: stdin probe"
