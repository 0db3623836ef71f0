#!/bin/sh
# Runs the SIGKILL durability driver in a fresh data folder, then checks that the next start
# (ebb history) marks the last cut session as interrupted. Usage: DRIVER EBB LEVEL KILLS
set -u
driver=$1 ebb=$2 level=$3 kills=${4:-20}
tmp=$(mktemp -d /tmp/ebb-kills-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$driver" "$ebb" "$level" "$tmp" --kills "$kills" || exit 1
XDG_DATA_HOME=$tmp "$ebb" history >"$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
if grep -q "live" "$tmp/out"; then
  echo "FAIL: a session is still live after the next start"; cat "$tmp/out"; exit 1
fi
echo "ok: $kills kills"
