#!/usr/bin/env bash
# Real-time soak of the window: one level of MINUTES (default 60) played in the SDL window
# under Xvfb through the stdin probe (so the history and the recording are written as for a
# person), while the game writes its frame times and resident memory every 10 s
# (EBB_FRAME_STATS, game/app/testhook.h). Prints the figures over time and checks that both
# are flat:
#   - RSS stays within BOUND_KB of RSS after the first two minutes (default: the level's
#     trace, SQLite's page cache and 1 MiB; see below);
#   - the CPU time a frame costs in the last tenth is within 20 % (or 0.5 ms) of the second
#     tenth's, and the mean wall time between frames within 50 % (or 4 ms): on a shared
#     machine the wall time moves with the other load, the CPU cost much less.
# The figures: one line a minute (frames, mean and max frame time, RSS, CPU per frame).
#   soak_window.sh EBB SOURCE_DIR [MINUTES] [BOUND_KB]      (MINUTES at most 66)
# The raw figures are kept in $EBB_SOAK_STATS (default /tmp/ebb-soak-window.stats).
set -euo pipefail
ebb=$1 src=$2 minutes=${3:-60}
# The stated bound: the session keeps a trace of the level for the results screen, reserved
# when the level starts and touched as it plays (3 floats, 12 bytes, a tick: 4.1 MiB for an
# hour), SQLite's page cache (at most 2 MiB), and 1 MiB for everything else.
bound=${4:-$((minutes * 60 * 100 * 12 / 1024 + 2048 + 1024))}
command -v xvfb-run >/dev/null || { echo "skip: no xvfb-run"; exit 77; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
[ "$minutes" -ge 2 ] && [ "$minutes" -le 66 ] || { echo "MINUTES must be 2..66"; exit 2; }

tmp=$(mktemp -d /tmp/ebb-soak-window.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config EBB_LEVELS_DIR=$src/levels
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0
export DBUS_SESSION_BUS_ADDRESS=disabled:
# Rest and squeeze, 10 s each: three pairs a minute.
{ echo "id    test/soak"; echo 'title "Soak"'; echo "kind  strengthening"
  echo "repeat $((minutes * 3))"; echo "  rest    10s below 20%"
  echo "  squeeze 10s band 40%..80%"; echo "end"; } >"$tmp/soak.level"
echo "# no events: only the frame stats" >"$tmp/none.events"
feed() {
  python3 -u -c '
import os, sys, time
s = float(sys.argv[1])
t0 = time.monotonic()
try:
    while True:
        t = time.monotonic() - t0
        if t > s:
            break
        print("0.600" if int(t / 10) % 2 else "0.100")
        time.sleep(0.01)
except BrokenPipeError:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
' "$1"
}
echo "soak: $minutes minutes in the window under Xvfb (figures every 10 s)"
rc=0
# The feed lasts until the game closes its end of the pipe: on a busy machine the window's
# clock (which caps a long frame) can fall behind the wall clock.
feed $((minutes * 60 * 4 + 60)) | EBB_TEST_EVENTS=$tmp/none.events EBB_FRAME_STATS=$tmp/stats \
  xvfb-run -a -s "-screen 0 1280x720x24" "$ebb" play "$tmp/soak.level" --probe stdin \
  --exit-when-done --json >"$tmp/result.json" 2>"$tmp/err" || rc=$?
keep=${EBB_SOAK_STATS:-/tmp/ebb-soak-window.stats}
cp "$tmp/stats" "$keep" 2>/dev/null && echo "figures kept in $keep"
[ "$rc" = 0 ] || { cat "$tmp/err" "$tmp/result.json"; echo "FAIL: the game ended with status $rc"; exit 1; }
grep -q '"complete":true' "$tmp/result.json" || { echo "FAIL: the level did not complete"; exit 1; }
"$ebb" history | grep -q "test/soak.*done" || { echo "FAIL: the session is not in the history"; exit 1; }

# One line a minute, then the verdict.
awk -v minutes="$minutes" -v bound="$bound" '
  /^#/ { next }
  { n++; t[n] = $1; fr[n] = $2; mean[n] = $3; mx[n] = $4; rss[n] = $5; cpu[n] = $6 }
  function avg(arr, from, to,    j, s, f) {       # frame-weighted mean over lines from..to
    s = 0; f = 0
    for (j = from; j <= to; j++) { s += arr[j] * fr[j]; f += fr[j] }
    return f ? s / f : 0
  }
  END {
    printf "%8s %8s %10s %10s %9s %12s\n", "minute", "frames", "mean_ms", "max_ms", "rss_kb", "cpu_ms/frame"
    for (i = 6; i <= n; i += 6) {
      m = 0; for (j = i - 5; j <= i; j++) if (mx[j] > m) m = mx[j]
      f = 0; for (j = i - 5; j <= i; j++) f += fr[j]
      printf "%8.1f %8d %10.3f %10.3f %9d %12.3f\n", t[i] / 60, f, avg(mean, i - 5, i), m, rss[i], avg(cpu, i - 5, i)
    }
    if (n < 12) { print "FAIL: too few figures"; exit 1 }
    base = 13; if (base > n) base = n             # after two minutes
    tenth = int(n / 10); if (tenth < 1) tenth = 1
    a = avg(mean, tenth + 1, 2 * tenth); b = avg(mean, n - tenth + 1, n)
    ca = avg(cpu, tenth + 1, 2 * tenth); cb = avg(cpu, n - tenth + 1, n)
    maxrss = 0; for (j = base; j <= n; j++) if (rss[j] > maxrss) maxrss = rss[j]
    growth = maxrss - rss[base]
    printf "rss: %d KiB at 10 s, %d after two minutes, %d at the end, at most %d (+%d KiB, bound %d)\n",
           rss[1], rss[base], rss[n], maxrss, growth, bound
    printf "frame time: mean %.3f ms in the second tenth, %.3f ms in the last tenth\n", a, b
    printf "cpu per frame: %.3f ms in the second tenth, %.3f ms in the last tenth\n", ca, cb
    bad = 0
    if (growth > bound) { print "FAIL: resident memory grew"; bad = 1 }
    # The CPU a frame costs is what a leak in per-frame work would raise; the wall time
    # between frames also moves with whatever else the machine runs, so it gets more room.
    d = cb - ca; if (d > 0.5 && d > 0.2 * ca) { print "FAIL: a frame costs more CPU at the end"; bad = 1 }
    d = b - a; if (d > 4 && d > 0.5 * a) { print "FAIL: the frame time grew"; bad = 1 }
    exit bad
  }' "$tmp/stats"
