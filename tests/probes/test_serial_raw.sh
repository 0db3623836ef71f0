#!/usr/bin/env bash
# Raw EMG over the line protocol through real pseudo-terminal pairs (socat): amplifiers at
# 200 Hz (OpenBCI Ganglion), 250 Hz (Cyton), 256 Hz (OpenEEG) and 1000 Hz (BITalino) send
# one µV sample a line after "# ebb units=uV rate=RATE channels=pf raw=emg". The probe must
# run them through the EMG chain at that rate: each of the three synthetic 50 µV bursts shows
# as clear effort, rest stays low. The four rates run side by side, each on its own pair.
# Then a header the chain cannot use is refused with a message naming the field.
#   test_serial_raw.sh PROBE_DRIVER RAW_EMG_WRITER
set -euo pipefail
driver=$1
writer=$2
. "$(dirname "$0")/lib.sh"

ebb_tmpdir serial-raw
rates=(200 250 256 1000)
for r in "${rates[@]}"; do
    socat pty,raw,echo=0,link="$dir/a$r" pty,raw,echo=0,link="$dir/b$r" 2>>"$dir/socat.log" &
    ebb_track $!
done
for r in "${rates[@]}"; do
    ebb_wait_for "[ -e '$dir/a$r' ] && [ -e '$dir/b$r' ]" 5 || ebb_fail "socat made no pty pair"
done
for r in "${rates[@]}"; do
    EBB_DRIVER_STOP_FILE="$dir/stop" "$driver" "serial:$dir/b$r@115200" 20 \
        >"$dir/out$r" 2>"$dir/err$r" &
    ebb_track $!
done
for r in "${rates[@]}"; do
    ebb_wait_for "grep -q '^ready' '$dir/out$r'" 5 || ebb_fail "driver $r did not open its port"
done
writers=()
for r in "${rates[@]}"; do
    "$writer" "$dir/a$r" "$r" >"$dir/w$r" &
    writers+=($!)
    ebb_track $!
done
for p in "${writers[@]}"; do wait "$p" || ebb_fail "a writer failed"; done
sleep 0.2
touch "$dir/stop"
sleep 0.3

# Median pf effort of the OK ticks between two times (ms after the writer's start).
median_between() {
    awk -v s="$2" -v a="$3" -v b="$4" '$1 == "tick" && $4 == "OK" && $3 >= s + a && $3 < s + b { print $5 }' "$1" |
        sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "none"; else print v[int((NR + 1) / 2)] }'
}
for r in "${rates[@]}"; do
    cp "$dir/out$r" "$dir/out" # for ebb_fail's excerpt
    ebb_check_efforts_sane "$dir/out$r"
    start=$(awk '$1 == "start" { print $2 }' "$dir/w$r")
    [ -n "$start" ] || ebb_fail "$r Hz: the writer never started"
    # bursts of emg_signal.h: 1.0-1.8 s, 2.5-3.5 s, 4.2-4.8 s; rest after 1.2 s of settling
    for win in "1150 1750" "2650 3450" "4350 4750"; do
        set -- $win
        m=$(median_between "$dir/out$r" "$start" "$1" "$2")
        [ "$m" != none ] || ebb_fail "$r Hz: no OK ticks during the burst at $1 ms"
        awk -v m="$m" 'BEGIN { exit !(m > 0.4) }' || ebb_fail "$r Hz: burst at $1 ms shows effort $m, wanted > 0.4"
        echo "ok: $r Hz burst at $1..$2 ms: median effort $m"
    done
    # the filters settle for 800 ms behind a held 0: no false squeeze at the start
    peak=$(awk -v s="$start" '$1 == "tick" && $4 == "OK" && $3 >= s && $3 < s + 950 && $5 > p { p = $5 } END { print p + 0 }' "$dir/out$r")
    awk -v m="$peak" 'BEGIN { exit !(m < 0.1) }' || ebb_fail "$r Hz: effort $peak while the filters settle"
    echo "ok: $r Hz start: highest effort $peak"
    for win in "3800 4150" "5300 5900"; do
        set -- $win
        m=$(median_between "$dir/out$r" "$start" "$1" "$2")
        [ "$m" != none ] || ebb_fail "$r Hz: no OK ticks at rest from $1 ms"
        awk -v m="$m" 'BEGIN { exit !(m < 0.08) }' || ebb_fail "$r Hz: rest at $1 ms shows effort $m, wanted < 0.08"
        echo "ok: $r Hz rest at $1..$2 ms: median effort $m"
    done
    [ ! -s "$dir/err$r" ] || ebb_fail "$r Hz: the driver complained: $(cat "$dir/err$r")"
done

# A header the EMG chain cannot use: a message naming the field, and the samples refused
# (no effort from raw microvolts read as values), on the serial port as on stdin.
socat pty,raw,echo=0,link="$dir/ax" pty,raw,echo=0,link="$dir/bx" 2>>"$dir/socat.log" &
ebb_track $!
ebb_wait_for "[ -e '$dir/ax' ] && [ -e '$dir/bx' ]" 5 || ebb_fail "socat made no pty pair"
rm -f "$dir/stop"
EBB_DRIVER_STOP_FILE="$dir/stop" "$driver" "serial:$dir/bx" 5 >"$dir/out" 2>"$dir/err" &
ebb_track $!
ebb_wait_for "grep -q '^ready' '$dir/out'" 5 || ebb_fail "driver did not open the port"
exec 3>"$dir/ax"
for i in $(seq 30); do
    printf '# ebb units=uV rate=150 channels=pf raw=emg\n12.5\n-30.25\n' >&3
    sleep 0.01
done
exec 3>&-
ebb_wait_for "grep -q 'rate' '$dir/err'" 3 || ebb_fail "no message about the rate"
touch "$dir/stop"
sleep 0.2
grep -qx "ebb: serial:$dir/bx: header field 'rate': raw EMG at 150 samples a second is outside 200..48000; set the amplifier to 200 or more" "$dir/err" ||
    ebb_fail "wrong message: $(cat "$dir/err")"
[ "$(wc -l <"$dir/err")" -eq 1 ] || ebb_fail "the repeated header was told more than once"
! grep -q '^tick [0-9]* [0-9]* OK' "$dir/out" || ebb_fail "refused raw samples reached a frame"
echo "ok: rate=150 refused with a message naming the field"

expect_stdin_problem() {
    printf '%s\n10\n20\n' "$1" | "$driver" stdin 1 >"$dir/o" 2>"$dir/e" || true
    grep -qF "ebb: stdin: $2" "$dir/e" || ebb_fail "$1: wanted '$2', got: $(cat "$dir/e")"
    echo "ok: '$1' told: $2"
}
expect_stdin_problem '# ebb units=uV channels=pf raw=emg' "header field 'rate': raw=emg needs the amplifier's sample rate, e.g. rate=250"
expect_stdin_problem '# ebb rate=250 channels=pf raw=emg' "header field 'units': raw=emg needs the samples in microvolts; add units=uV"
expect_stdin_problem '# ebb units=uV rate=250 raw=eeg' "header field 'raw': 'eeg' is not emg or none"
expect_stdin_problem '# ebb units=uV rate=250 raw=emg mains=55' "header field 'mains': '55' is not 50, 60 or auto"
expect_stdin_problem '# ebb units=uV rate=fast raw=emg' "header field 'rate': 'fast' is not a number of samples a second in 1..100000"
expect_stdin_problem '# ebb unit=uV rate=250' "header field 'unit' is unknown; the fields are units, rate, channels, raw and mains"
echo "PASS: raw EMG at 200, 250, 256 and 1000 Hz over socat pty pairs"
