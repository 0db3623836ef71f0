#!/bin/sh
# A long local run of the libFuzzer targets: each until RUNS executions or SECONDS seconds,
# whichever comes first, one target at a time under `nice -n 19` (JOBS=2 runs two at once).
# Prints one Markdown table row per target, as in docs/reliability.md: executions, executions
# per second, coverage (libFuzzer's final cov: edges and ft: features), the corpus it ended
# with (files) and what it found (artifacts in build-fuzz/<target>-crash-* and friends).
# Build first: `make fuzz FUZZ_SECONDS=1` (or see Makefile). The running fuzzer's process id
# is in build-fuzz/long/<target>.pid: `kill -STOP` / `kill -CONT` it to pause and go on.
#
# FAST=1 fuzzes with a build under UBSan alone (build-fuzz-fast, made here if missing), about
# twice as fast for the allocation-heavy targets, then runs every input of the corpus it ended
# with once through the ASan+UBSan build: the last column says whether that replay was clean.
#
# FORK=N runs one fuzzing session in libFuzzer's fork mode with N worker processes sharing one
# corpus: for the slow database targets on a machine with cores to spare. Fork mode prints no
# final stats, so the executions and time come from its last status line, and cov, ft and the
# corpus from one plain pass over the corpus it ended with (the figures of the other rows).
# Its pid file names the parent: stop the workers too (`pkill -STOP -f fuzz_<target>`).
# FUZZ_ARGS adds libFuzzer flags, e.g. FUZZ_ARGS=-ignore_crashes=1 with FORK to go on
# after a finding (each is still written to build-fuzz/<target>-crash-*).
#
#   tests/fuzz/long_run.sh [RUNS [SECONDS [TARGET...]]]
#   tests/fuzz/long_run.sh 10000000 36000          # the figures in docs/reliability.md
set -u
runs=${1:-10000000} secs=${2:-600}
shift 2 2>/dev/null || shift $#
targets=${*:-level pack replay lineproto ble recording osc wav calib history report settings conf}
jobs=${JOBS:-1}
fast=${FAST:-0}
fork=${FORK:-0}
asan=build-fuzz/tests/fuzz
bin=$asan
out=build-fuzz/long
mkdir -p "$out"
for t in $targets; do
  [ -x "$asan/fuzz_$t" ] || { echo "no $asan/fuzz_$t: build it first (make fuzz FUZZ_SECONDS=1)" >&2; exit 2; }
done
if [ "$fast" = 1 ]; then
  bin=build-fuzz-fast/tests/fuzz
  CC=clang cmake -S . -B build-fuzz-fast -DEBB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEBB_FUZZ_SANITIZERS=undefined >/dev/null || exit 2
  for t in $targets; do
    cmake --build build-fuzz-fast -j "$(nproc)" --target "fuzz_$t" >/dev/null || exit 2
  done
fi

# The same starting corpora as `make fuzz`: the seeds, and for the level, pack and replay
# targets the shipped and malformed levels, packs and CSV files.
seed() {
  c=build-fuzz/corpus/$1
  mkdir -p "$c"
  cp tests/fuzz/seeds/"$1"/* "$c/" 2>/dev/null
  case $1 in
    level) cp levels/*/*.level tests/levels/bad/*.level "$c/" 2>/dev/null ;;
    pack) cp levels/packs/*.pack "$c/" 2>/dev/null ;;
    replay) cp tests/data/*.csv "$c/" 2>/dev/null ;;
  esac
}

one() {
  t=$1
  seed "$t"
  len=$(sh tests/fuzz/max_len.sh "$t")
  found_before=$(ls build-fuzz/"$t"-crash-* build-fuzz/"$t"-leak-* build-fuzz/"$t"-timeout-* \
    build-fuzz/"$t"-oom-* 2>/dev/null | wc -l)
  forkarg=""
  [ "$fork" -ge 1 ] && forkarg="-fork=$fork"
  nice -n 19 "$bin/fuzz_$t" $forkarg ${FUZZ_ARGS:-} -runs="$runs" -max_total_time="$secs" -max_len=$len \
    -print_final_stats=1 -artifact_prefix="build-fuzz/$t-" "build-fuzz/corpus/$t" \
    >"$out/$t.log" 2>&1 &
  echo $! >"$out/$t.pid"
  wait $!
  rc=$?
  rm -f "$out/$t.pid"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$t.log")
  last=$(grep -E '^#[0-9]+' "$out/$t.log" | tail -1)
  if [ "$fork" -ge 1 ]; then
    # "#36164: cov: 2294 ft: 2016 corp: 120 exec/s 1204 ... time: 21s job: 7 ..."
    fl=$(grep -E '^#[0-9]+:' "$out/$t.log" | tail -1)
    execs=$(echo "$fl" | sed -n 's/^#\([0-9]*\):.*/\1/p')
    el=$(echo "$fl" | sed -n 's/.* time: \([0-9]*\)s.*/\1/p')
    rate=$([ "${el:-0}" -gt 0 ] && echo $((execs / el)))
    nice -n 19 "$bin/fuzz_$t" -runs=0 -max_len=$len "build-fuzz/corpus/$t" \
      >"$out/$t.pass.log" 2>&1
    last=$(grep -E '^#[0-9]+' "$out/$t.pass.log" | tail -1)
  fi
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p')
  found=$(ls build-fuzz/"$t"-crash-* build-fuzz/"$t"-leak-* build-fuzz/"$t"-timeout-* \
    build-fuzz/"$t"-oom-* 2>/dev/null | wc -l)
  if [ "$rc" -eq 0 ] && [ "$found" -eq "$found_before" ]; then what=nothing; else what="exit $rc, $((found - found_before)) new artifact(s): see $out/$t.log"; fi
  replay=""
  if [ "$fast" = 1 ]; then
    # -runs=0: run each corpus input once and stop; no mutation, no new files.
    if nice -n 19 "$asan/fuzz_$t" -runs=0 -max_len=$len -artifact_prefix="build-fuzz/$t-asan-" \
      "build-fuzz/corpus/$t" >"$out/$t.asan.log" 2>&1; then
      replay=" | clean"
    else
      replay=" | FAILED: see $out/$t.asan.log"
    fi
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s%s |\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "${ft:-?}" "${corp:-?}" "$what" "$replay"
}

if [ "$fast" = 1 ]; then
  echo "| Target | Executions | Per second | cov | ft | Corpus (files/bytes) | Found | Corpus under ASan |"
  echo "|---|---|---|---|---|---|---|---|"
else
  echo "| Target | Executions | Per second | cov | ft | Corpus (files/bytes) | Found |"
  echo "|---|---|---|---|---|---|---|"
fi
set -- $targets
while [ $# -gt 0 ]; do
  if [ "$jobs" -ge 2 ] && [ $# -gt 1 ]; then
    one "$1" >"$out/row.$1" & p1=$!
    one "$2" >"$out/row.$2" & p2=$!
    wait $p1 $p2
    cat "$out/row.$1" "$out/row.$2"
    rm -f "$out/row.$1" "$out/row.$2"
    shift 2
  else
    one "$1"
    shift
  fi
done
