#!/usr/bin/env bash
# Golden headless run: plays LEVEL with a recorded input twice and checks that both runs
# print byte-identical JSON equal to the checked-in expected file.
#   run_golden.sh EBB LEVEL REPLAY_CSV EXPECTED_JSON
# With EBB_GOLDEN_UPDATE=1 it rewrites the expected file instead (review the diff!).
set -euo pipefail
ebb=$1 level=$2 replay=$3 expected=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ebb" play "$level" --probe "replay:$replay" --headless --json >"$tmp/run1.json"
"$ebb" play "$level" --probe "replay:$replay" --headless --json >"$tmp/run2.json"
if ! cmp -s "$tmp/run1.json" "$tmp/run2.json"; then
  echo "FAIL: two runs of the same input differ (determinism broken)"
  diff "$tmp/run1.json" "$tmp/run2.json" | head -20
  exit 1
fi
if [ "${EBB_GOLDEN_UPDATE:-0}" = 1 ]; then
  cp "$tmp/run1.json" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! cmp -s "$tmp/run1.json" "$expected"; then
  echo "FAIL: result differs from $expected"
  diff "$expected" "$tmp/run1.json" | head -40
  exit 1
fi
echo "ok: $level ($(grep -o '"score":[0-9]*' "$tmp/run1.json" | head -1)), identical on two runs"
