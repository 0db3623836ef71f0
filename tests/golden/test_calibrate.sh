#!/usr/bin/env bash
# Calibration end to end: `ebb calibrate` from a recording saves rest and maximum for a
# profile (atomically, in a temporary XDG data directory); a probe of that profile then maps
# its raw readings through the person's range. Also: a calibration that cannot tell squeezes
# from rest saves nothing.
#   test_calibrate.sh EBB SOURCE_DIR
set -euo pipefail
ebb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data

# rest 0.2 for 20 s, then squeezes reaching 0.5, 0.6, 0.55
awk 'BEGIN { print "t,pf"; for (i = 0; i < 5600; i++) { t = i / 100; v = 0.2 + ((i % 5) - 2) * 0.002;
  if (t >= 20.5 && t < 25) v = 0.5; if (t >= 35.5 && t < 40) v = 0.6; if (t >= 50.5 && t < 55) v = 0.55;
  printf "%.2f,%.4f\n", t, v } }' >"$tmp/calib.csv"
"$ebb" calibrate --probe "replay:$tmp/calib.csv" --profile stdin >"$tmp/out" || { cat "$tmp/out"; exit 1; }
grep -q "Saved for 'stdin'" "$tmp/out"
f=$XDG_DATA_HOME/ebb/calibration/stdin.calib
grep -qx "rest 0.2" "$f" || { echo "FAIL: rest"; cat "$f"; exit 1; }
grep -qx "mvc 0.6" "$f" || { echo "FAIL: mvc"; cat "$f"; exit 1; }
[ -z "$(find "$XDG_DATA_HOME/ebb/calibration" -name '.*')" ] || { echo "FAIL: temp file left"; exit 1; }

# a stdin probe now reads 0.4 as halfway between rest 0.2 and maximum 0.6
# (a live source: lines arrive over time, ten every 0.1 s, for longer than the 4 s level)
feed() { for i in $(seq 1 60); do printf '0.4\n0.4\n0.4\n0.4\n0.4\n0.4\n0.4\n0.4\n0.4\n0.4\n'; sleep 0.1; done; }
feed | "$ebb" play "$src/tests/probes/short.level" --probe stdin --headless --json >"$tmp/play.json" 2>"$tmp/err" || true
grep -o '"index":1,"kind":"squeeze"[^}]*' "$tmp/play.json" | grep -q '"mean":0.500' || {
  echo "FAIL: calibrated effort"; cat "$tmp/play.json" "$tmp/err"; exit 1; }

# a live session is kept in the history; a replay is not
"$ebb" history >"$tmp/hist"
grep -q "test/short" "$tmp/hist" || { echo "FAIL: live session not in history"; cat "$tmp/hist"; exit 1; }
[ "$(grep -c 'test/short' "$tmp/hist")" -eq 1 ] || { echo "FAIL: history count"; cat "$tmp/hist"; exit 1; }
"$ebb" play "$src/tests/probes/short.level" --probe "replay:$tmp/calib.csv" --headless >/dev/null
[ "$(grep -c 'test/short' <("$ebb" history))" -eq 1 ] || { echo "FAIL: a replay was recorded"; exit 1; }

# squeezes that do not stand out: refused, nothing saved, exit 1
awk 'BEGIN { print "t,pf"; for (i = 0; i < 5600; i++) printf "%.2f,0.2\n", i / 100 }' >"$tmp/flat.csv"
before=$(cat "$f")
if "$ebb" calibrate --probe "replay:$tmp/flat.csv" --profile stdin >"$tmp/out2" 2>&1; then
  echo "FAIL: a flat recording was accepted"; exit 1
fi
grep -q "nothing was saved" "$tmp/out2"
[ "$(cat "$f")" = "$before" ] || { echo "FAIL: refused calibration changed the file"; exit 1; }

# sources that give effort directly need no calibration
if "$ebb" calibrate --probe "replay:$tmp/calib.csv" 2>"$tmp/err3"; then exit 1; fi
grep -q "needs no calibration" "$tmp/err3"
echo "calibration checks passed"
