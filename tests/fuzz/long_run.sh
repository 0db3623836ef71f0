#!/bin/sh
# A long local run of the libFuzzer targets, two at a time, each until RUNS executions or
# SECONDS seconds, whichever comes first; prints one line per target with its executions,
# coverage (libFuzzer's cov: and ft:) and whether it found anything (artifacts in
# build-fuzz/<target>-crash-*). Build first: `make fuzz FUZZ_SECONDS=1` (or see Makefile).
#
#   tests/fuzz/long_run.sh [RUNS [SECONDS [TARGET...]]]
set -u
runs=${1:-10000000} secs=${2:-600}
shift 2 2>/dev/null || shift $#
targets=${*:-level pack replay lineproto ble recording osc wav calib history report settings conf}
bin=build-fuzz/tests/fuzz
out=build-fuzz/long
mkdir -p "$out"
one() {
  t=$1
  mkdir -p "build-fuzz/corpus/$t"
  cp tests/fuzz/seeds/"$t"/* "build-fuzz/corpus/$t/" 2>/dev/null
  case $t in history) len=65536;; wav) len=16384;; *) len=8192;; esac
  "$bin/fuzz_$t" -runs="$runs" -max_total_time="$secs" -max_len=$len -print_final_stats=1 \
    -artifact_prefix="build-fuzz/$t-" "build-fuzz/corpus/$t" >"$out/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
  took=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$t.log")
  last=$(grep -E '^#[0-9]+' "$out/$t.log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+')
  printf '%-10s exit %-3s executions %-10s %8s/s  %s\n' "$t" "$rc" "${execs:-?}" "${took:-?}" "$last"
}
set -- $targets
while [ $# -gt 0 ]; do
  one "$1" & p1=$!
  p2=
  if [ $# -gt 1 ]; then one "$2" & p2=$!; fi
  wait $p1; [ -n "$p2" ] && wait $p2
  shift; [ $# -gt 0 ] && shift
done
