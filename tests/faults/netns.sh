#!/usr/bin/env bash
# No network at all: a live level, the history, the report and the export run in a network
# namespace with no interfaces but a loopback that is down (unshare -n). Skipped (77) where
# the machine does not allow creating one.
#   netns.sh EBB SOURCE_DIR
set -euo pipefail
ebb=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: cannot create a network namespace here"; exit 77; }

tmp=$(mktemp -d /tmp/ebb-netns.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config EBB_LEVELS_DIR=$src/levels
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# The namespace really has no way out.
if unshare -n python3 -c 'import socket; socket.create_connection(("1.1.1.1", 53), timeout=2)' 2>/dev/null; then
  fault_fail "the namespace can reach the network: the test would prove nothing"
fi
fault_feed 0.1 4.5 | unshare -n "$ebb" play "$src/tests/probes/short.level" --probe stdin --headless \
  --json >"$tmp/play.json" 2>"$tmp/err" || fault_fail "the level failed without a network: $(cat "$tmp/err")"
grep -q '"complete":true' "$tmp/play.json" || fault_fail "the level did not complete: $(cat "$tmp/play.json")"
unshare -n "$ebb" play "$src/tests/probes/short.level" --probe sim --headless --json >/dev/null 2>"$tmp/err" ||
  fault_fail "a simulated level failed without a network: $(cat "$tmp/err")"
unshare -n "$ebb" history >"$tmp/history" 2>&1 || fault_fail "history failed: $(cat "$tmp/history")"
grep -q "test/short" "$tmp/history" || fault_fail "the session is not in the history"
unshare -n "$ebb" report --html "$tmp/report.html" >/dev/null 2>&1 || fault_fail "the report failed without a network"
unshare -n "$ebb" export --csv "$tmp/export" >/dev/null 2>&1 || fault_fail "the export failed without a network"
# The report is self-contained: nothing in it reaches out when it is opened.
if grep -Eio '(src|href)=["'"'"']?(https?:)?//[^"'"'"' >]*' "$tmp/report.html" | grep -v '^href="#'; then
  fault_fail "the report links to something outside itself"
fi
echo "ok: a level, the history, the report and the export need no network"
