#!/usr/bin/env bash
# A full disk (a 1 MB tmpfs) while the history, a recording, an export, a report and a pack
# install are written. Each time: the person gets a clear message, the database and the
# earlier files are intact, a level carries on to its end, and nothing is half-written.
# Needs root (mount); skipped (77) where mounting is not allowed.
#   full_disk.sh EBB SOURCE_DIR
set -euo pipefail
ebb=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

tmp=$(mktemp -d /tmp/ebb-fulldisk.XXXXXX)
mnt=$tmp/mnt
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
  rm -rf "$tmp"; echo "skip: cannot mount a tmpfs here"; exit 77
fi
ebb_pid= feed_pid=
cleanup() {
  [ -n "$ebb_pid" ] && kill "$ebb_pid" 2>/dev/null || true
  [ -n "$feed_pid" ] && kill "$feed_pid" 2>/dev/null || true
  umount "$mnt" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_DATA_HOME=$mnt/data XDG_CONFIG_HOME=$mnt/config EBB_LEVELS_DIR=$src/levels
data=$mnt/data/ebb db=$mnt/data/ebb/history.sqlite3
fill() { dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true; }
unfill() { rm -f "$mnt/filler"; }

# Eight seconds of steps: a recording long enough to need new pages after the disk fills.
cat >"$tmp/long.level" <<'LVL'
id    test/full-disk
title "Full disk test"
kind  lengthening
repeat 8
  rest    500ms below 20%
  squeeze 500ms band 40%..80%
end
LVL

# ---- before: a whole session, an export, a report and a pack -----------------------------
fault_feed 0.1 8.6 | "$ebb" play "$tmp/long.level" --probe stdin --headless --json \
  >"$tmp/s1.json" 2>"$tmp/s1.err" || fault_fail "the first session failed: $(cat "$tmp/s1.err")"
"$ebb" export --csv "$mnt/export" >/dev/null 2>&1 || fault_fail "the first export failed"
"$ebb" report --html "$mnt/report.html" >/dev/null 2>&1 || fault_fail "the first report failed"
"$ebb" pack install "$src/levels/packs/relaxation-first.pack" >/dev/null 2>&1 ||
  fault_fail "the first pack install failed"
before_files=$(cd "$mnt" && find export report.html data/ebb/packs data/ebb/recordings -type f |
               sort | xargs sha256sum)
steps1=$(fault_sql "$db" "SELECT COUNT(*) FROM step_results WHERE session_id = 1;")
[ "$steps1" = 16 ] || fault_fail "the first session has $steps1 steps, not 16"

# ---- history and recording: the disk fills in the middle of a level ----------------------
mkfifo "$tmp/in"
"$ebb" play "$tmp/long.level" --probe stdin --headless --json <"$tmp/in" \
  >"$tmp/s2.json" 2>"$tmp/s2.err" &
ebb_pid=$!
exec 3>"$tmp/in"
fault_feed 0.1 60 >&3 &           # until the level ends (the feeder stops at a closed pipe)
feed_pid=$!
exec 3>&-
for _ in $(seq 300); do           # up to ~30 s: a loaded machine (or ASan) is slow
  n=$(fault_sql "$db" "SELECT COUNT(*) FROM step_results WHERE session_id = 2;" 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 6 ] && break
  sleep 0.05
done
[ "${n:-0}" -ge 6 ] || fault_fail "the second session's first steps were not committed ($n)"
fill                              # the rest of the level plays on a full disk
rc=0; wait "$ebb_pid" || rc=$?
ebb_pid=
wait "$feed_pid" 2>/dev/null || true
feed_pid=
[ "$rc" = 0 ] || fault_fail "the level did not carry on to its end (status $rc): $(cat "$tmp/s2.err")"
grep -q '"complete":true' "$tmp/s2.json" || fault_fail "the level's result is not complete"
grep -q "disk is full" "$tmp/s2.err" || fault_fail "no clear message: $(cat "$tmp/s2.err")"
echo "mid-level: $(cat "$tmp/s2.err")"
[ "$(fault_sql "$db" "PRAGMA integrity_check;")" = ok ] || fault_fail "integrity_check is not ok"
[ "$(fault_sql "$db" "SELECT COUNT(*) FROM step_results WHERE session_id = 1;")" = 16 ] ||
  fault_fail "the earlier session lost steps"
kept=$(fault_sql "$db" "SELECT COUNT(*) FROM step_results WHERE session_id = 2;")
prefix=$(fault_sql "$db" "SELECT COALESCE(MAX(step_index), -1) + 1 FROM step_results WHERE session_id = 2;")
[ "$kept" -ge 6 ] && [ "$kept" = "$prefix" ] ||
  fault_fail "the steps kept of the cut session are not 0..k-1 with k >= 6 ($kept, $prefix)"

# ---- export, report: the folder they write to is full -------------------------------------
# A second small tmpfs holds them, so that the history can still be read (SQLite needs a few
# pages for its -shm file to open the history at all: on a full data disk, export and report
# can only say so, which is checked below too).
mkdir -p "$tmp/out"
mount -t tmpfs -o size=64k tmpfs "$tmp/out" || fault_fail "cannot mount the second tmpfs"
trap 'umount "$tmp/out" 2>/dev/null || true; cleanup' EXIT
unfill
"$ebb" export --csv "$tmp/out/export" >/dev/null 2>&1 || fault_fail "export to the small disk failed"
"$ebb" report --html "$tmp/out/report.html" >/dev/null 2>&1 || fault_fail "report to the small disk failed"
out_before=$(cd "$tmp/out" && find . -type f | sort | xargs sha256sum)
dd if=/dev/zero of="$tmp/out/filler" bs=1k 2>/dev/null || true
out=$("$ebb" export --csv "$tmp/out/export" 2>&1) && fault_fail "the export says it worked on a full disk"
grep -q "disk is full" <<<"$out" || fault_fail "export: no clear message: $out"
echo "export: $out"
out=$("$ebb" report --html "$tmp/out/report.html" 2>&1) && fault_fail "the report says it worked on a full disk"
grep -q "disk is full" <<<"$out" || fault_fail "report: no clear message: $out"
echo "report: $out"
rm -f "$tmp/out/filler"
[ "$(cd "$tmp/out" && find . -type f | sort | xargs sha256sum)" = "$out_before" ] ||
  fault_fail "the earlier export or report changed"
fault_no_temp "$tmp/out"

# ---- export, report, pack install with the data disk full ----------------------------------
# (Filled again before each: closing the history gives back the pages of its -wal file.)
fill
out=$("$ebb" export --csv "$tmp/out/export" 2>&1) && fault_fail "the export says it worked on a full disk"
grep -q "disk is full" <<<"$out" || fault_fail "export, data disk full: no clear message: $out"
echo "export, data disk full: $out"
fill
sed 's/^id .*/id other-pack/' "$src/levels/packs/relaxation-first.pack" >"$tmp/other.pack"
grep -q '^id other-pack' "$tmp/other.pack" || fault_fail "could not make a second pack"
out=$("$ebb" pack install "$tmp/other.pack" 2>&1) && fault_fail "the pack install says it worked on a full disk"
grep -q "disk is full" <<<"$out" || fault_fail "pack install: no clear message: $out"
echo "pack install: $out"
[ ! -e "$data/packs/other-pack.pack" ] || fault_fail "a pack file was left from the failed install"
awk 'BEGIN { print "t,pf"; for (i = 0; i < 5600; i++) { t = i / 100; v = 0.2 + ((i % 5) - 2) * 0.002;
  if (t >= 20.5 && t < 25) v = 0.5; if (t >= 35.5 && t < 40) v = 0.6; if (t >= 50.5 && t < 55) v = 0.55;
  printf "%.2f,%.4f\n", t, v } }' >"$tmp/calib.csv"
fill
out=$("$ebb" calibrate --probe "replay:$tmp/calib.csv" --profile stdin 2>&1) &&
  fault_fail "calibrate says it saved on a full disk"
grep -q "disk is full" <<<"$out" || fault_fail "calibrate: no clear message: $out"
echo "calibrate: $(grep "disk is full" <<<"$out")"
[ ! -e "$data/calibration/stdin.calib" ] || fault_fail "a calibration was half saved"

# ---- a level that starts on a full disk carries on -----------------------------------------
fill
rc=0
fault_feed 0.1 8.6 | "$ebb" play "$tmp/long.level" --probe stdin --headless --json \
  >"$tmp/s3.json" 2>"$tmp/s3.err" || rc=$?
[ "$rc" = 0 ] && grep -q '"complete":true' "$tmp/s3.json" ||
  fault_fail "a level on a full disk did not play (status $rc): $(cat "$tmp/s3.err")"
grep -q "disk is full" "$tmp/s3.err" || fault_fail "full at start: no clear message: $(cat "$tmp/s3.err")"
echo "full at start: $(cat "$tmp/s3.err")"

# ---- nothing half-written; the earlier files unchanged ---------------------------------------
fault_no_temp "$mnt"
after_files=$(cd "$mnt" && find export report.html data/ebb/packs -type f | sort | xargs sha256sum)
want=$(grep -v recordings <<<"$before_files")
[ "$after_files" = "$want" ] || fault_fail "earlier files changed: $(diff <(echo "$want") <(echo "$after_files"))"
grep recordings <<<"$before_files" | (cd "$mnt" && sha256sum --quiet -c) ||
  fault_fail "the earlier recording changed"

# ---- space again: everything works, the cut session is kept ----------------------------------
unfill
"$ebb" history >"$tmp/h.out" 2>&1 || fault_fail "ebb history failed after freeing space: $(cat "$tmp/h.out")"
"$ebb" replay 1 --headless --json >/dev/null 2>&1 || fault_fail "the earlier session cannot be replayed"
# The recording of the session cut by the full disk: whole blocks (a block cut by the full
# disk is dropped by the reader), so it replays as far as it got.
rc=0; timeout 60 "$ebb" replay 2 --headless --json >"$tmp/r2.json" 2>"$tmp/r2.err" || rc=$?
[ "$rc" = 0 ] || fault_fail "replaying the cut session: status $rc: $(cat "$tmp/r2.err")"
echo "replay of the cut session: status $rc $(head -c 120 "$tmp/r2.json") $(cat "$tmp/r2.err")"
"$ebb" export --csv "$mnt/export" >/dev/null 2>&1 || fault_fail "export failed after freeing space"
"$ebb" pack install "$tmp/other.pack" >/dev/null 2>&1 || fault_fail "pack install failed after freeing space"
fault_no_temp "$mnt"
# ---- the recording alone fills its disk ---------------------------------------------------
# The recordings folder on its own 4 KiB tmpfs: the history has room, the recording does not.
# A noisy input, so that the recording does not compress into the space it has.
export XDG_DATA_HOME=$tmp/rec/data
mkdir -p "$XDG_DATA_HOME/ebb/recordings"
mount -t tmpfs -o size=4k,mode=0700 tmpfs "$XDG_DATA_HOME/ebb/recordings" || fault_fail "cannot mount the third tmpfs"
trap 'umount "$XDG_DATA_HOME/ebb/recordings" 2>/dev/null || true; umount "$tmp/out" 2>/dev/null || true; cleanup' EXIT
rc=0
fault_feed noise 8.6 | "$ebb" play "$tmp/long.level" --probe stdin --headless --json \
  >"$tmp/s4.json" 2>"$tmp/s4.err" || rc=$?
[ "$rc" = 0 ] && grep -q '"complete":true' "$tmp/s4.json" ||
  fault_fail "the level did not carry on past a full recording disk (status $rc): $(cat "$tmp/s4.err")"
grep -q "recording.*disk is full" "$tmp/s4.err" || fault_fail "recording: no clear message: $(cat "$tmp/s4.err")"
echo "recording: $(grep recording "$tmp/s4.err")"
db4=$XDG_DATA_HOME/ebb/history.sqlite3
[ "$(fault_sql "$db4" "PRAGMA integrity_check;")" = ok ] || fault_fail "integrity_check is not ok"
[ "$(fault_sql "$db4" "SELECT COUNT(*) FROM step_results WHERE session_id = 1;")" = 16 ] ||
  fault_fail "the history lost steps when only the recording disk was full"
rc=0; "$ebb" replay 1 --headless --json >"$tmp/r4.json" 2>"$tmp/r4.err" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fault_fail "replaying a recording cut by a full disk: status $rc"
grep -q '"duration_s"' "$tmp/r4.json" || fault_fail "the cut recording does not replay: $(cat "$tmp/r4.err")"
echo "replay of the cut recording: $(grep -o '"complete":[a-z]*,"duration_s":[0-9.]*' "$tmp/r4.json")"
fault_no_temp "$XDG_DATA_HOME"

echo "ok: full disk mid-level ($kept of 16 steps kept), export, report, pack install, full at start, recording"
