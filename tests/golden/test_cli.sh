#!/usr/bin/env bash
# The command line as a person meets it: help, version, usage errors, bad files and exit
# codes (0 done, 1 runtime failure, 2 bad usage or bad input).
#   test_cli.sh EBB SOURCE_DIR
set -uo pipefail
ebb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect CODE "needle in stdout+stderr" -- command...
expect() {
  local code=$1 needle=$2
  shift 2
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  if [ "$rc" != "$code" ]; then
    echo "FAIL: '$*' exited $rc, expected $code"; echo "$out" | head -5; fails=$((fails + 1)); return
  fi
  if ! grep -qF -- "$needle" <<<"$out"; then
    echo "FAIL: '$*' output lacks: $needle"; echo "$out" | head -5; fails=$((fails + 1)); return
  fi
  echo "ok: $* -> $rc"
}

expect 0 "Usage:" "$ebb" --help
expect 0 "not a medical device" "$ebb" --help

# --help lists every command the program knows (as its "unknown command" message names them),
# each among the command lines after "Usage:" and before the options, and the closing lines
# come last.
help=$("$ebb" --help 2>&1)
known=$("$ebb" frobnicate 2>&1 | sed -n 's/.*(commands: \(.*\)).*/\1/p' | tr -d ',')
[ -n "$known" ] || { echo "FAIL: the unknown-command message names no commands"; fails=$((fails + 1)); }
usage_at=$(grep -n '^Usage:' <<<"$help" | head -1 | cut -d: -f1)
options_at=$(grep -n '^Options for play:' <<<"$help" | head -1 | cut -d: -f1)
help_ok=1
for c in $known --help; do
  at=$(grep -n "^  ebb $c\b" <<<"$help" | head -1 | cut -d: -f1)
  if [ -z "$at" ] || [ -z "$usage_at" ] || [ -z "$options_at" ] ||
     [ "$at" -le "$usage_at" ] || [ "$at" -ge "$options_at" ]; then
    echo "FAIL: --help: 'ebb $c' at line ${at:-none}, not between Usage: (${usage_at:-none}) and the options (${options_at:-none})"
    help_ok=0
  fi
done
last_cmd=$(grep -n '^  ebb ' <<<"$help" | tail -1 | cut -d: -f1)
if [ -n "$last_cmd" ] && [ -n "$options_at" ] && [ "$last_cmd" -ge "$options_at" ]; then
  echo "FAIL: --help: a command line (line $last_cmd) comes after the options (line $options_at)"
  help_ok=0
fi
if [ "$(tail -n 1 <<<"$help")" != "Ebb is a training aid, not a medical device." ]; then
  echo "FAIL: --help does not end with its closing line: $(tail -n 1 <<<"$help")"
  help_ok=0
fi
if [ "$help_ok" = 1 ]; then echo "ok: --help lists $(wc -w <<<"$known") commands in place"; else fails=$((fails + 1)); fi
expect 0 "ebb 0.1.0" "$ebb" --version
expect 2 "unknown command 'frobnicate'" "$ebb" frobnicate
expect 2 "play needs a level" "$ebb" play
expect 2 "unknown option '--fast'" "$ebb" play breathing/resonance --fast
expect 2 "--headless has no window to read 'keyboard' from" "$ebb" play breathing/resonance --headless
expect 2 "--screenshot needs --at SECONDS" "$ebb" play breathing/resonance --screenshot x.png
expect 2 "--at: 'soon' is not a time" "$ebb" play breathing/resonance --screenshot x.png --at soon
expect 1 "cannot open serial port $tmp/ttyNONE" \
  "$ebb" play breathing/resonance --probe "serial:$tmp/ttyNONE" --headless
expect 2 "--listen is for osc probes" "$ebb" play breathing/resonance --probe keyboard --listen 0.0.0.0
expect 2 "unknown probe 'joystick'" "$ebb" play breathing/resonance --probe joystick

# levels: by id, by path, missing
expect 2 "no built-in level 'breathing/nope'" \
  "$ebb" play breathing/nope --probe replay:x.csv --headless
printf 't,pf\n0,0.1\n' >"$tmp/short.csv"
printf 'id a/b\ntitle "x"\nkind lengthening\nrest 4s below 15%%\nsqueze 2s band 20%%..40%%\n' >"$tmp/bad.level"
expect 2 "$tmp/bad.level:5:1: error:" "$ebb" play "$tmp/bad.level" --probe "replay:$tmp/short.csv" --headless

# replay files: bad values are named by file, line and column, exit 2
printf 't,pf\n0,0.1\n0.01,1.7\n' >"$tmp/bad.csv"
expect 2 "$tmp/bad.csv:3:6: error: pf: expected effort 0..1, got '1.7'" \
  "$ebb" play lengthening/drop-and-release --probe "replay:$tmp/bad.csv" --headless
expect 2 "cannot open" "$ebb" play lengthening/drop-and-release --probe "replay:$tmp/none.csv" --headless

# a recording that ends early: exit 1, and the result so far is still printed
expect 1 '"complete":false' \
  "$ebb" play lengthening/drop-and-release --probe "replay:$tmp/short.csv" --headless --json
expect 1 "the input ended at" \
  "$ebb" play lengthening/drop-and-release --probe "replay:$tmp/short.csv" --headless

# plain-text result without --json
expect 0 "Drop and release: score" "$ebb" play lengthening/drop-and-release \
  --probe "replay:$src/tests/golden/replays/drop-and-release-steady.csv" --headless

# ebb probe: the processed signal tick by tick, with units, and garbage counted
printf '# ebb units=uV\nt,pf\n0,2\n0.01,31\n0.02,60\n' >"$tmp/emg.csv"
expect 0 "# ebb units=uV" "$ebb" probe --probe "replay:$tmp/emg.csv" --csv
expect 0 "0.01,31.0000,31.0000,0.5000" "$ebb" probe --probe "replay:$tmp/emg.csv" --csv
expect 0 "t,pf_raw,pf_env,pf_effort" "$ebb" probe --probe "replay:$tmp/emg.csv" --csv
garbage() { printf '0.5\nnan\n0.6\nbroken line\n7\n0.7\n'; sleep 0.4; }
out=$(garbage | "$ebb" probe --probe stdin --csv --seconds 0.3 2>&1)
if grep -qF "3 readings taken, 3 dropped as garbage" <<<"$out" && ! grep -q "nan" <<<"$out"; then
  echo "ok: stdin garbage dropped and counted"
else
  echo "FAIL: stdin garbage: $out" | head -5; fails=$((fails + 1))
fi
expect 2 "--seconds: 'x' is not a duration" "$ebb" probe --probe stdin --seconds x

# no sound device is normal: the level plays with captions, says so once, exits 0
out=$(SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=nosuchdriver "$ebb" play "$src/tests/probes/short.level" \
      --probe "replay:$src/tests/golden/replays/drop-and-release-steady.csv" --exit-when-done 2>&1)
rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c 'playing with captions only' <<<"$out")" = 1 ] && ! grep -q '^ALSA lib' <<<"$out"; then
  echo "ok: no sound device -> captions only, said once"
else
  echo "FAIL: no sound device (rc $rc): $out" | head -5; fails=$((fails + 1))
fi

# check and list
expect 0 "ok: lengthening/drop-and-release" "$ebb" check "$src"/levels/*/*.level
expect 2 "did you mean 'squeeze'?" "$ebb" check "$tmp/bad.level"
expect 0 "" "$ebb" check "$src"/levels/packs/*.pack
expect 0 "strengthening/holds-and-flicks" "$ebb" list

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all command-line checks passed"
