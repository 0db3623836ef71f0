#!/bin/sh
# Probe to photon for `make bench` (issue 11, section 2): a line-protocol probe on a socat pty
# pair steps from rest to a squeeze twice a second; the game (EBB_BENCH_PHOTON=1, 1280x720
# under Xvfb, software renderer) stamps the tick that consumed each step, the frame that drew
# it and SDL_RenderPresent returning. Both stamp CLOCK_MONOTONIC, so the delays are from the
# write. The character drawn from the freshest tick (now) and interpolated between the last
# two ticks (before) alternate, RUNS times each.
#   photon.sh EBB WRITER [SECONDS] [RUNS]
set -eu
ebb=$1 writer=$2 secs=${3:-20} runs=${4:-3}
work=$(mktemp -d)
socat_pid=
cleanup() { [ -n "$socat_pid" ] && kill "$socat_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/config/ebb"
echo "welcome-seen = yes" >"$work/config/ebb/settings.conf"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=x11 EBB_BENCH_PHOTON=1
frames=$(awk -v s="$secs" 'BEGIN { print int(s * 60) }')

one() { # NAME INTERPOLATE
    socat pty,raw,echo=0,link="$work/ttyA" pty,raw,echo=0,link="$work/ttyB" 2>/dev/null &
    socat_pid=$!
    n=0; while [ ! -e "$work/ttyA" ] || [ ! -e "$work/ttyB" ]; do sleep 0.05; n=$((n + 1)); [ $n -lt 100 ] || { echo "FAIL: no pty pair"; exit 1; }; done
    EBB_BENCH_INTERPOLATE=$2 EBB_BENCH_FRAMES=$frames xvfb-run -a -s "-screen 0 1280x720x24" \
        "$ebb" play lengthening/drop-and-release --probe "serial:$work/ttyB" >"$work/game.out" 2>"$work/game.err" &
    game=$!
    sleep 1.5
    "$writer" "$work/ttyA" "$((secs - 4))" >"$work/writer.out"
    wait "$game" || true
    kill "$socat_pid" 2>/dev/null || true
    wait "$socat_pid" 2>/dev/null || true
    socat_pid=
    rm -f "$work/ttyA" "$work/ttyB"
    # PHOTON_KEEP=DIR keeps the last run's raw stamps for a closer look.
    if [ -n "${PHOTON_KEEP:-}" ]; then cp "$work/game.out" "$work/writer.out" "$PHOTON_KEEP/"; fi
    # Pair each presented rise with the last step written before its tick.
    { sed 's/^step_us=\([0-9]*\)/\1 W/' "$work/writer.out"
      grep '^photon ' "$work/game.out" | sed 's/^photon tick_us=\([0-9]*\)/\1 G tick_us=\1/'; } | sort -n |
        awk -v name="$1" '
            $2 == "W" { w = $1 }
            $2 == "G" && w > 0 { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                printf "%s %.2f %.2f %.2f\n", name, ($1 - w) / 1000, (v["draw_us"] - w) / 1000, (v["present_us"] - w) / 1000; w = 0 }' \
        >>"$work/delays"
}

i=0
while [ "$i" -lt "$runs" ]; do
    echo "run $((i + 1)) of $runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    one freshest 0
    one interpolated 1
    i=$((i + 1))
done
echo "probe to photon, ms from the sample's write ($runs runs of $secs s; steps paired with the tick that took them):"
printf '%-14s %6s %18s %18s %18s\n' character steps "tick med / p99" "drawn med / p99" "presented med / p99"
for name in freshest interpolated; do
    grep "^$name " "$work/delays" | awk -v name="$name" '
        { n++; t[n] = $2; d[n] = $3; p[n] = $4 }
        function q(a, f,   i, j, x) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { x = a[i]; a[i] = a[j]; a[j] = x } i = int((n - 1) * f + 0.5) + 1; return a[i] }
        END { if (n == 0) { printf "%-14s no steps seen\n", name; exit }
              printf "%-14s %6d %8.1f / %6.1f %8.1f / %6.1f %8.1f / %6.1f\n", name, n, q(t, 0.5), q(t, 0.99), q(d, 0.5), q(d, 0.99), q(p, 0.5), q(p, 0.99) }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
