# Helpers shared by the probe integration tests (sourced, not run).
# Driver output lines: tick <level_ms> <wall_ms> <OK|LOST|ENDED> <pf> <abd> <breath> <present> <signal>

_ebb_pids=()
_ebb_dir=

# ebb_tmpdir NAME: makes a private directory, removed on exit, in $dir.
ebb_tmpdir() {
    _ebb_dir=$(mktemp -d "${TMPDIR:-/tmp}/ebb-$1.XXXXXX")
    dir=$_ebb_dir
}

# Background processes to end on exit (by their own pid only).
ebb_track() { _ebb_pids+=("$1"); }

_ebb_cleanup() {
    local p
    for p in "${_ebb_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${_ebb_pids[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -n "$_ebb_dir" ] && [ -z "${EBB_KEEP_TMP:-}" ] && rm -rf "$_ebb_dir"
    return 0
}
trap _ebb_cleanup EXIT

# ebb_now NAME: sets NAME to the wall clock in ms, without forking (bash 5's EPOCHREALTIME),
# so that the time is taken right after the write it follows.
ebb_now() {
    local us=${EPOCHREALTIME//[.,]/}
    printf -v "$1" '%d' "$((us / 1000))"
}

ebb_fail() {
    echo "FAIL: $*" >&2
    if [ -n "$_ebb_dir" ] && [ -f "$_ebb_dir/out" ]; then
        echo "--- driver stderr:" >&2
        cat "$_ebb_dir/err" >&2 || true
        echo "--- status changes in driver output:" >&2
        awk '$1 == "tick" && $4 != last { print; last = $4 }' "$_ebb_dir/out" >&2
    fi
    exit 1
}

# ebb_wait_for CONDITION SECONDS: polls a shell condition every 50 ms.
ebb_wait_for() {
    local i
    for ((i = 0; i < $2 * 20; i++)); do
        if eval "$1"; then return 0; fi
        sleep 0.05
    done
    return 1
}

# Every effort printed is a number in 0..1: garbage never reaches a frame.
ebb_check_efforts_sane() {
    awk '$1 == "tick" {
            for (i = 5; i <= 7; i++)
                if ($i !~ /^-?[0-9]+\.[0-9]+$/ || $i + 0 < 0 || $i + 0 > 1) { print; bad = 1 }
         }
         END { exit bad }' "$1" || ebb_fail "an effort outside 0..1 (or not a number) reached a frame"
}

# ebb_expect_ok_near FILE AFTER_WALL_MS VALUE WHAT [COLUMN]: an OK tick after the time with
# the channel's effort (default pf) within 0.011 of VALUE.
ebb_expect_ok_near() {
    local col=${5:-5}
    awk -v t="$2" -v v="$3" -v c="$col" '
        $1 == "tick" && $3 >= t && $4 == "OK" && $(c) - v < 0.011 && v - $(c) < 0.011 { found = 1 }
        END { exit !found }' "$1" || ebb_fail "$4: no OK tick with effort $3 after $2"
    echo "ok: $4 (effort $3 seen)"
}

# ebb_expect_no_value FILE VALUE WHAT [COLUMN]: no tick ever showed the value.
ebb_expect_no_value() {
    local col=${4:-5}
    awk -v v="$2" -v c="$col" '$1 == "tick" && $(c) - v < 0.011 && v - $(c) < 0.011 { bad = 1 }
        END { exit bad }' "$1" || ebb_fail "$3: effort $2 reached a frame"
    echo "ok: $3"
}

# ebb_expect_lost_after FILE WALL_MS MIN_MS MAX_MS WHAT: the first LOST tick at or after the
# time comes MIN..MAX ms after it.
ebb_expect_lost_after() {
    local d
    d=$(awk -v t="$2" '$1 == "tick" && $3 >= t && $4 == "LOST" { print $3 - t; exit }' "$1")
    [ -n "$d" ] || ebb_fail "$5: never LOST after $2"
    [ "$d" -ge "$3" ] && [ "$d" -le "$4" ] || ebb_fail "$5: LOST after ${d} ms, wanted $3..$4 ms"
    echo "ok: $5 (LOST after ${d} ms)"
}
