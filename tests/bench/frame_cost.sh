#!/bin/sh
# Frame cost for `make bench` (issue 11, section 1): each scene for a fixed number of frames in
# a 1280x720 window under Xvfb, with each renderer, RUNS times in turn (alternatives
# interleaved, so a busy moment of a shared machine falls on all of them); prints each run and
# the median of the runs. Rows ending in -tri draw as before the cached shapes (EBB_BENCH_TRIANGLES):
# the baseline, in the same run. The game prints its own figures (EBB_BENCH_FRAMES, game/app/bench.h).
#   frame_cost.sh EBB [FRAMES] [RUNS]
set -eu
ebb=$1 frames=${2:-600} runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/config/ebb"
echo "welcome-seen = yes" >"$work/config/ebb/settings.conf"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=x11 EBB_BENCH_FRAMES="$frames"

# One configuration: NAME RENDERER ALWAYS_DRAW TRIANGLES ARGS...
# TRIANGLES=1 draws every shape as triangles, as before the cached shapes (game/gfx/sprite.c).
one() {
    name=$1 renderer=$2 always=$3 triangles=$4
    shift 4
    line=$(SDL_RENDER_DRIVER="$renderer" EBB_BENCH_ALWAYS_DRAW="$always" EBB_BENCH_TRIANGLES="$triangles" \
        xvfb-run -a -s "-screen 0 1280x720x24" "$ebb" "$@" 2>>"$work/err" | grep '^bench ' || true)
    [ -n "$line" ] || { tail -5 "$work/err"; echo "FAIL: $name gave no figures"; exit 1; }
    echo "$name $line" | tee -a "$work/all"
}

play="play lengthening/drop-and-release --probe sim:relaxed"
kite="play strengthening/holds-and-flicks --probe sim:relaxed"
breath="play breathing/box --probe sim:relaxed"
i=0
while [ "$i" -lt "$runs" ]; do
    echo "run $((i + 1)) of $runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    one menu-software-always-tri software 1 1
    one menu-software-always software 1 0
    one menu-software software 0 0
    one menu-opengl opengl 0 0
    # shellcheck disable=SC2086
    one play-software-tri software 0 1 $play
    # shellcheck disable=SC2086
    one play-software software 0 0 $play
    # shellcheck disable=SC2086
    one play-opengl opengl 0 0 $play
    # shellcheck disable=SC2086
    one kite-software-tri software 0 1 $kite
    # shellcheck disable=SC2086
    one kite-software software 0 0 $kite
    # shellcheck disable=SC2086
    one breath-software-tri software 0 1 $breath
    # shellcheck disable=SC2086
    one breath-software software 0 0 $breath
    i=$((i + 1))
done

echo "medians of $runs runs ($frames frames each; frame CPU is the main thread up to the present):"
printf '%-22s %10s %10s %8s %8s %8s %7s\n' configuration "frame med" "frame p99" "CPU %" "CPU@60" "RSS MB" drawn
for name in $(cut -d' ' -f1 "$work/all" | awk '!seen[$0]++'); do
    grep "^$name " "$work/all" | awk -v name="$name" '
        function field(k,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return "" }
        { n++; med[n] = field("frame_cpu_ms_median"); p99[n] = field("frame_cpu_ms_p99");
          cpu[n] = field("cpu_pct"); c60[n] = field("cpu_pct_at_60fps"); rss[n] = field("rss_mb"); drawn = field("drawn") "/" field("frames") }
        function mid(a,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t } return a[int((n + 1) / 2)] }
        END { printf "%-22s %8.2f ms %8.2f ms %8.1f %8.1f %8.1f %7s\n", name, mid(med), mid(p99), mid(cpu), mid(c60), mid(rss), drawn }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
