#!/bin/sh
# valgrind memcheck over a whole headless level played live (stdin probe, paced like a
# device): the probe, the session, the history store and the recording being written, the
# result; then the HTML report of that history. Any memcheck error or leak (definite,
# indirect, possible) fails. Suppressions: system libraries only (ebb.supp).
#
#   run_headless.sh EBB SOURCE_DIR
set -u
ebb=$1 src=$2
tmp=$(mktemp -d /tmp/ebb-vg-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp XDG_CONFIG_HOME=$tmp
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes
    --suppressions=$src/tests/valgrind/ebb.supp"
fails=0
# About 100 lines a second: rest, a squeeze, rest, again. The level is 4 s long, but valgrind
# may take long to start it; the feed goes on (up to 2 min) until ebb is done and the pipe
# closes.
feed() { i=0; while [ $i -lt 12000 ]; do
  if [ $((i / 100 % 3)) -eq 1 ]; then echo 0.6; else echo 0.1; fi
  i=$((i + 1)); sleep 0.01; done; }

feed | $vg "$ebb" play "$src/tests/probes/short.level" --probe stdin --headless --json \
  >"$tmp/result.json" 2>"$tmp/play.err"
rc=$?
if [ $rc -eq 99 ]; then echo "FAIL: memcheck errors in the headless level"; cat "$tmp/play.err"; fails=1
elif [ $rc -ne 0 ]; then echo "FAIL: the level exited $rc"; cat "$tmp/play.err"; fails=1
elif ! grep -q '"complete":true' "$tmp/result.json"; then echo "FAIL: the level did not complete"; fails=1
else echo "ok: headless level under memcheck, no error, no leak"; fi
[ -f "$tmp/ebb/history.sqlite3" ] && ls "$tmp/ebb/recordings/"*.ebbrec >/dev/null 2>&1 ||
  { echo "FAIL: no history or recording was written"; fails=1; }

$vg "$ebb" report --html "$tmp/report.html" >/dev/null 2>"$tmp/report.err"
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: report under memcheck exited $rc"; cat "$tmp/report.err"; fails=1
elif ! grep -q "Short test" "$tmp/report.html"; then echo "FAIL: the report lacks the session"; fails=1
else echo "ok: report under memcheck, no error, no leak"; fi
exit $fails
