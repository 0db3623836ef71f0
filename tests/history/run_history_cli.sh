#!/bin/sh
# The history commands end to end in a temporary data folder, with sessions played live
# through the stdin probe: history as a table, CSV and JSON (the same rows), history while a
# session writes, replay (headless: the very result played; in the window: the same score),
# rescore, a damaged recording refused, and --delete.
# Usage: run_history_cli.sh EBB SOURCE_DIR
set -u
ebb=$1 src=$2
tmp=$(mktemp -d /tmp/ebb-hcli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
level=$src/tests/probes/short.level
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }

# N lines at about 100 a second: rest, a squeeze in the middle, rest.
feed() { i=0; while [ $i -lt "$1" ]; do
  if [ $((i / 100 % 3)) -eq 1 ]; then echo 0.6; else echo 0.1; fi
  i=$((i + 1)); sleep 0.01; done; }

feed 520 | "$ebb" play "$level" --probe stdin --headless --json >"$tmp/live1.json" 2>/dev/null
feed 520 | "$ebb" play "$level" --probe stdin --headless --json >"$tmp/live2.json" 2>/dev/null

"$ebb" history >"$tmp/table" || bad "history exits non-zero"
grep -q "test/short .* done .* 3/3" "$tmp/table" && ok "history table" || { bad "history table"; cat "$tmp/table"; }
"$ebb" history --csv >"$tmp/h.csv" && "$ebb" history --json >"$tmp/h.json" || bad "csv/json"
# The same rows: id and score from each.
tail -n +2 "$tmp/h.csv" | cut -d, -f1,8 >"$tmp/a"
grep -o '"id":[0-9]*,.*"score":[0-9]*' "$tmp/h.json" | sed 's/"id":\([0-9]*\),.*"score":\([0-9]*\)/\1,\2/' >"$tmp/b"
if [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b" && [ "$(wc -l <"$tmp/a")" -eq 2 ]; then ok "csv and json give the same rows"
else bad "csv and json differ"; cat "$tmp/a" "$tmp/b"; fi
head -1 "$tmp/h.csv" | grep -q '^id,started_at,level_id,title,state' && ok "csv header" || bad "csv header"

# Replayed headless, a recording gives the very result that was printed when it was played.
"$ebb" replay 1 --headless --json >"$tmp/replay1.json" || bad "replay exits non-zero"
cmp -s "$tmp/live1.json" "$tmp/replay1.json" && ok "replay reproduces the played result" ||
  { bad "replay differs from the played result"; diff "$tmp/live1.json" "$tmp/replay1.json" | head; }
# In the window (dummy video), at its own pace, with the same score.
timeout 60 "$ebb" replay 2 --json --exit-when-done >"$tmp/win.json" 2>"$tmp/win.err" || { bad "window replay"; cat "$tmp/win.err"; }
s1=$(grep -o '"score":[0-9]*' "$tmp/live2.json" | head -1)
s2=$(grep -o '"score":[0-9]*' "$tmp/win.json" | head -1)
[ -n "$s1" ] && [ "$s1" = "$s2" ] && ok "window replay scores the same ($s2)" || bad "window replay score $s2, played $s1"
"$ebb" history --csv | grep -c ',done,' | grep -q '^2$' && ok "replays are not new sessions" || bad "a replay was recorded"

out=$("$ebb" rescore --all) && echo "$out" | grep -q "Re-scored 2 sessions" && ok "rescore --all" || bad "rescore --all: $out"

# ebb history while a session writes: it is shown as playing, and nothing waits.
( feed 300; sleep 0.3 ) | "$ebb" play "$level" --probe stdin --headless >/dev/null 2>&1 &
bg=$!
sleep 1.2
"$ebb" history >"$tmp/during" 2>&1 && grep -q "playing now" "$tmp/during" && ok "history during a live session" ||
  { bad "history during a live session"; cat "$tmp/during"; }
wait $bg

# A damaged recording is refused, naming the file and what is wrong.
rec=$tmp/ebb/recordings/session-1.ebbrec
size=$(wc -c <"$rec")
printf 'XXXX' | dd of="$rec" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
"$ebb" replay 1 --headless >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "the recording $rec cannot be used: block [0-9]* at byte [0-9]* is damaged" "$tmp/err" &&
  ok "damaged recording refused" || { bad "damaged recording (rc $rc)"; cat "$tmp/err"; }

"$ebb" history --delete 1 >/dev/null || bad "--delete"
[ ! -e "$rec" ] && ! "$ebb" history --csv | grep -q '^1,' && ok "--delete removes the session and its recording" || bad "--delete left something"
"$ebb" history --delete 99 2>"$tmp/err"; [ $? -eq 1 ] && grep -q "no session 99" "$tmp/err" && ok "--delete of a missing session" || bad "--delete 99"
"$ebb" replay x 2>/dev/null; [ $? -eq 2 ] && ok "replay x is bad usage" || bad "replay x"
find "$tmp/ebb" -type f ! -perm 600 | grep . && bad "a file in the data folder is not 0600" || ok "every file is 0600"

[ $fails -eq 0 ] || exit 1
