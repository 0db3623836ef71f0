#!/usr/bin/env bash
# Privacy and reach:
#  1. with umask 000, every file Ebb writes is 0600 and every folder 0700: history,
#     recordings, calibrations, settings, packs, exports, the report;
#  2. a pack names level ids only: hostile ids (../../etc/passwd, absolute paths) are refused
#     with exit 2 and nothing outside Ebb's folders is read into a level or written;
#  3. symlinks planted in the data folder do not lead a write outside it;
#  4. the OSC probe listens on 127.0.0.1 only (ss -lunp while it runs); a stdin level opens
#     no network socket at all (strace, where installed).
# The network namespace test is netns.sh.
#   privacy.sh EBB SOURCE_DIR
set -euo pipefail
ebb=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

tmp=$(mktemp -d /tmp/ebb-privacy.XXXXXX)
bg=
cleanup() { [ -n "$bg" ] && kill "$bg" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config EBB_LEVELS_DIR=$src/levels
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
level=$src/tests/probes/short.level
umask 000

# ---- 1. modes, whatever the umask -------------------------------------------------------------
fault_feed 0.1 4.5 | "$ebb" play "$level" --probe stdin --headless --json >/dev/null 2>"$tmp/err" ||
  fault_fail "a live level failed: $(cat "$tmp/err")"
awk 'BEGIN { print "t,pf"; for (i = 0; i < 5600; i++) { t = i / 100; v = 0.2 + ((i % 5) - 2) * 0.002;
  if (t >= 20.5 && t < 25) v = 0.5; if (t >= 35.5 && t < 40) v = 0.6; if (t >= 50.5 && t < 55) v = 0.55;
  printf "%.2f,%.4f\n", t, v } }' >"$tmp/calib.csv"
"$ebb" calibrate --probe "replay:$tmp/calib.csv" --profile stdin >/dev/null 2>&1 || fault_fail "calibrate failed"
printf '5 key Return\n15 key Escape\n' >"$tmp/quit.events"   # past the welcome, then quit
EBB_TEST_EVENTS=$tmp/quit.events "$ebb" >/dev/null 2>"$tmp/err" || fault_fail "the game failed: $(cat "$tmp/err")"
[ -f "$XDG_CONFIG_HOME/ebb/settings.conf" ] || fault_fail "no settings file was written"
"$ebb" pack install "$src/levels/packs/relaxation-first.pack" >/dev/null || fault_fail "pack install failed"
"$ebb" export --csv "$tmp/out/export" >/dev/null 2>&1 || fault_fail "export failed"
"$ebb" report --html "$tmp/out/report.html" >/dev/null 2>&1 || fault_fail "report failed"
for want in data/ebb/history.sqlite3 data/ebb/recordings/session-1.ebbrec \
            data/ebb/calibration/stdin.calib config/ebb/settings.conf data/ebb/packs/state \
            data/ebb/packs/relaxation-first.pack out/export/sessions.csv out/report.html; do
  [ -f "$tmp/$want" ] || fault_fail "expected $want to be written"
done
bad=$(cd "$tmp" && find data config out \( -type f ! -perm 0600 \) -o \( -type d ! -perm 0700 \) |
      xargs -r stat -c '%a %n')
[ -z "$bad" ] || fault_fail "not private with umask 000: $bad"
count=$(cd "$tmp" && find data config out | wc -l)
echo "modes: $count files and folders, all 0600 / 0700 with umask 000"

# ---- 2. hostile level ids in a pack -------------------------------------------------------------
mkdir -p "$tmp/outside"
printf 'id secret\ntitle "x"\nkind lengthening\nrest 1s below 20%%\n' >"$tmp/outside/secret.level"
# What the packs folder holds before (the pack installed above, its state, and a starter
# program if the first run installed one): the hostile commands must leave it exactly so.
packs_before=$(ls "$XDG_DATA_HOME/ebb/packs"; cat "$XDG_DATA_HOME/ebb/packs"/* | cksum)
n=0
for id in ../../etc/passwd /etc/passwd "$tmp/outside/secret" ../../../../"$tmp/outside/secret" \
          lengthening/../../../etc/passwd ./lengthening/low-and-steady '~/x' 'a\b'; do
  for line in "use $id reps 3" "schedule $id days 1..2" "id $id"; do
    { echo "ebb-pack 1"
      [ "${line%% *}" = id ] || echo "id hostile"
      echo 'title "Hostile"'
      echo "$line"
      [ "${line%% *}" = schedule ] || echo "schedule lengthening/low-and-steady days 1..2"
    } >"$tmp/hostile.pack"
    rc=0; "$ebb" check "$tmp/hostile.pack" >"$tmp/check.out" 2>&1 || rc=$?
    [ "$rc" = 2 ] || fault_fail "ebb check accepted '$line' (status $rc): $(cat "$tmp/check.out")"
    rc=0; "$ebb" pack install "$tmp/hostile.pack" >"$tmp/inst.out" 2>&1 || rc=$?
    [ "$rc" = 2 ] || fault_fail "pack install accepted '$line' (status $rc): $(cat "$tmp/inst.out")"
    n=$((n + 1))
  done
  for cmd in activate remove; do
    rc=0; "$ebb" pack "$cmd" "$id" >"$tmp/cmd.out" 2>&1 || rc=$?
    [ "$rc" = 2 ] || fault_fail "pack $cmd '$id': status $rc: $(cat "$tmp/cmd.out")"
    n=$((n + 1))
  done
done
[ -f /etc/passwd ] && [ "$(ls "$tmp/outside")" = secret.level ] || fault_fail "something outside changed"
# The stored packs and state are as they were.
"$ebb" pack list | grep -q '^\* relaxation-first' || fault_fail "the active pack changed"
[ "$(ls "$XDG_DATA_HOME/ebb/packs"; cat "$XDG_DATA_HOME/ebb/packs"/* | cksum)" = "$packs_before" ] ||
  fault_fail "files appeared in the packs folder: $(ls "$XDG_DATA_HOME/ebb/packs")"
echo "hostile ids: $n refused"

# ---- 3. symlinks planted in the data folder ---------------------------------------------------
echo keep >"$tmp/outside/state"
echo keep >"$tmp/outside/pack"
echo keep >"$tmp/outside/rec"
packs=$XDG_DATA_HOME/ebb/packs
rm "$packs/state" "$packs/relaxation-first.pack"
ln -s "$tmp/outside/state" "$packs/state"
ln -s "$tmp/outside/pack" "$packs/relaxation-first.pack"
ln -s "$tmp/outside/rec" "$XDG_DATA_HOME/ebb/recordings/session-2.ebbrec"
"$ebb" pack install "$src/levels/packs/relaxation-first.pack" >/dev/null 2>&1 || fault_fail "pack install over symlinks failed"
fault_feed 0.1 4.5 | "$ebb" play "$level" --probe stdin --headless --json >/dev/null 2>"$tmp/err" ||
  fault_fail "a live level with a planted recording symlink failed: $(cat "$tmp/err")"
for f in state pack rec; do
  [ "$(cat "$tmp/outside/$f")" = keep ] || fault_fail "a write went through the symlink to outside/$f"
done
[ -f "$packs/state" ] && [ ! -L "$packs/state" ] || fault_fail "the pack state is still a symlink"
echo "symlinks: no write left the data folder ($(head -1 "$tmp/err" 2>/dev/null))"

# ---- 4. listening and sockets -----------------------------------------------------------------
# listening PID: "PROTO LOCAL_ADDRESS:PORT" for each bound socket of PID (ss -lunp/-ltnp when
# there is ss, else read from /proc, which is what ss reads too).
listening() {
  if command -v ss >/dev/null; then
    { ss -lunp | sed 's/^/udp /'; ss -ltnp | sed 's/^/tcp /'; } 2>/dev/null |
      grep "pid=$1," | awk '{ print $1, $5 }'
    return
  fi
  python3 - "$1" <<'PY'
import os, socket, struct, sys
pid = sys.argv[1]
inodes = set()
for fd in os.listdir("/proc/%s/fd" % pid):
    try:
        link = os.readlink("/proc/%s/fd/%s" % (pid, fd))
    except OSError:
        continue
    if link.startswith("socket:["):
        inodes.add(link[8:-1])
for proto in ("udp", "tcp", "udp6", "tcp6"):
    try:
        lines = open("/proc/net/" + proto).read().splitlines()[1:]
    except OSError:
        continue
    for line in lines:
        f = line.split()
        if f[9] not in inodes:
            continue
        addr, port = f[1].split(":")
        raw = bytes.fromhex(addr)
        if len(raw) == 4:
            ip = socket.inet_ntop(socket.AF_INET, struct.pack("<I", struct.unpack(">I", raw)[0]))
        else:
            ip = "[" + socket.inet_ntop(socket.AF_INET6, b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))) + "]"
        print(proto[:3], "%s:%d" % (ip, int(port, 16)))
PY
}
port=$((20000 + RANDOM % 20000))
"$ebb" play "$level" --probe "osc:$port" --headless >/dev/null 2>&1 &
bg=$!
sock=
for _ in $(seq 100); do
  sock=$(listening "$bg" || true)
  [ -n "$sock" ] && break
  sleep 0.05
done
[ -n "$sock" ] || fault_fail "the OSC probe is not listening"
bad=$(awk '{ print $2 }' <<<"$sock" | grep -v "^127\.0\.0\.1:" || true)
[ -z "$bad" ] || fault_fail "the OSC probe listens beyond 127.0.0.1: $bad"
echo "osc: listening on $(tr '\n' ' ' <<<"$sock")"
kill "$bg"; wait "$bg" 2>/dev/null || true; bg=
if command -v strace >/dev/null; then
  # LeakSanitizer stops the world with ptrace, which it cannot do under strace.
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
  fault_feed 0.1 4.5 | strace -f -qq -e trace=socket -o "$tmp/strace" \
    "$ebb" play "$level" --probe stdin --headless --json >/dev/null 2>&1 || fault_fail "the level under strace failed"
  inet=$(grep -E 'AF_INET|AF_INET6|AF_PACKET' "$tmp/strace" || true)
  [ -z "$inet" ] || fault_fail "a stdin level opened a network socket: $inet"
  rep=0; strace -f -qq -e trace=socket -o "$tmp/strace2" "$ebb" report --html "$tmp/out/r2.html" \
    >/dev/null 2>&1 || rep=$?
  [ "$rep" = 0 ] || fault_fail "the report under strace failed"
  inet=$(grep -E 'AF_INET|AF_INET6|AF_PACKET' "$tmp/strace2" || true)
  [ -z "$inet" ] || fault_fail "the report opened a network socket: $inet"
  echo "sockets: a stdin level and the report open no network socket"
fi
echo "ok: privacy and reach"
