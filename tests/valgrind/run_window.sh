#!/bin/sh
# valgrind memcheck over 30 s of the window under Xvfb (x11 video, software renderer, dummy
# audio), playing box breathing from a paced stdin probe; then Ctrl-C, as a person closing
# it would. Passes when memcheck reports no error and no leak (definite, indirect,
# possible). It prints the steps the history kept, to show how far the level got.
# Slow (about a minute): run by hand, not in ctest.
#
#   run_window.sh EBB SOURCE_DIR [SECONDS]
set -u
ebb=$1 src=$2 secs=${3:-30}
tmp=$(mktemp -d /tmp/ebb-vgw-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp XDG_CONFIG_HOME=$tmp SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy \
  SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software DBUS_SESSION_BUS_ADDRESS=disabled:
feed() { i=0; while [ $i -lt $((secs * 100 + 3000)) ]; do echo 0.3; i=$((i + 1)); sleep 0.01; done; }
feed | xvfb-run -a -s "-screen 0 1280x720x24" \
  timeout -s INT "$((secs + 15))" valgrind --error-exitcode=99 --leak-check=full \
  --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
  --suppressions="$src/tests/valgrind/ebb.supp" \
  "$ebb" play "$src/levels/breathing/box.level" --probe stdin >"$tmp/out" 2>"$tmp/err"
rc=$?
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost" "$tmp/err"
steps=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select group_concat(state || \' \' || steps_done) from sessions').fetchone()[0])" "$tmp/ebb/history.sqlite3" 2>&1)
echo "exit $rc; sessions kept (state, steps done): $steps"
[ $rc -ne 99 ] && grep -q "ERROR SUMMARY: 0 errors" "$tmp/err"
