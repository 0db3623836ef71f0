#!/bin/sh
# Runs the SIGKILL durability driver in a fresh data folder, then checks that the next start
# (ebb history) marks the last cut session as interrupted.
# Usage: DRIVER EBB LEVEL KILLS [MODE]   (MODE: stdin, pty or window; see kill_driver.c)
# pty needs socat and window needs xvfb-run: without them the test is skipped (77).
set -u
driver=$1 ebb=$2 level=$3 kills=${4:-20} mode=${5:-stdin}
tmp=$(mktemp -d /tmp/ebb-kills-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
case $mode in
  pty) command -v socat >/dev/null || { echo "skip: no socat"; exit 77; }
       "$driver" "$ebb" "$level" "$tmp" --kills "$kills" --mode pty || exit 1 ;;
  window) command -v xvfb-run >/dev/null || { echo "skip: no xvfb-run"; exit 77; }
       xvfb-run -a -s "-screen 0 1280x720x24" \
         "$driver" "$ebb" "$level" "$tmp" --kills "$kills" --mode window || exit 1 ;;
  *) "$driver" "$ebb" "$level" "$tmp" --kills "$kills" || exit 1 ;;
esac
XDG_DATA_HOME=$tmp "$ebb" history >"$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
if grep -q "live" "$tmp/out"; then
  echo "FAIL: a session is still live after the next start"; cat "$tmp/out"; exit 1
fi
echo "ok: $kills kills ($mode)"
