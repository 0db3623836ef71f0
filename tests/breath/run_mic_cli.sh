#!/usr/bin/env bash
# The command line around the microphone: --breath refused where it cannot work (each with
# one line saying what to do, exit 2), and a missing microphone named (exit 1). (`ebb calibrate
# --probe mic` needs a paced source: run_mic_level.sh tests it.)
#   run_mic_cli.sh EBB GEN_BREATH LEVEL
set -euo pipefail
ebb=$1 gen=$2 level=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-miccli.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config
fail() { echo "FAIL: $*"; exit 1; }
expect() { # CODE PATTERN ARGS...
  local want=$1 pat=$2 rc=0; shift 2
  "$ebb" "$@" >"$dir/out" 2>"$dir/err" || rc=$?
  [ "$rc" = "$want" ] || fail "ebb $*: exit $rc, want $want: $(cat "$dir/err")"
  grep -q "$pat" "$dir/err" "$dir/out" || fail "ebb $*: no '$pat' in: $(cat "$dir/err" "$dir/out")"
  echo "ok: ebb $* -> $rc: $(head -1 "$dir/err")"
}
expect 2 "for the breath alone use --probe mic" play "$level" --breath mic
expect 2 "is not a source the breath can come from" play "$level" --probe sim --breath keyboard
expect 2 "calibrate only takes" calibrate --probe sim --breath mic
expect 2 "probe only takes" probe --probe sim --breath mic
expect 2 "needs a value" play "$level" --probe sim --breath
"$ebb" --help | grep -q -- "--breath SPEC" || fail "--help does not mention --breath"

feed() { # KIND SECONDS: the default capture device reads this recording
  "$gen" 16000 "$1" "$2" "$dir/in.f32" "$dir/truth.csv"
  head -c $((16000 * 4 * 20)) /dev/zero >>"$dir/in.f32"
  cat >"$dir/asound.conf" <<EOC
pcm.!default { type asym; playback.pcm "nullout"; capture.pcm "testmic" }
pcm.testmic { type file; slave.pcm "nullpcm"; file "/dev/null"; infile "$dir/in.f32"; format "raw" }
pcm.nullpcm { type null }
pcm.nullout { type null }
EOC
  export ALSA_CONFIG_PATH=$dir/asound.conf
}
feed paced12 31
expect 1 "no sound input named like 'nosuch'" play "$level" --probe mic:nosuch --headless
expect 1 "no sound input named like 'nosuch'" play "$level" --probe sim --breath mic:nosuch --headless
