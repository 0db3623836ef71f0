#!/usr/bin/env bash
# The probe commands as a person meets them, through the real program: `ebb devices` (exit 0
# whenever it could list, and plain words when there is no sound input), the message for an
# unknown probe (every kind the probe table has), and `ebb probe` on a real pipe telling
# waiting, lost and back apart (the pump decides them; tests/probes/test_pump.c tests it).
#   test_cli_probes.sh EBB
set -uo pipefail
ebb=$1
source "$(dirname "$0")/lib.sh"
ebb_tmpdir cli
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# --- ebb devices with no sound input: ALSA's default is a card that does not exist.
printf 'pcm.!default { type hw; card 99 }\n' >"$dir/nocap.conf"
out=$(ALSA_CONFIG_PATH="$dir/nocap.conf" "$ebb" devices 2>&1); rc=$?
[ "$rc" -eq 0 ] || bad "ebb devices with no sound input exited $rc, expected 0: $out"
grep -qF "there is no sound input on this computer" <<<"$out" || bad "no plain 'no sound input' line: $out"
grep -qF "Serial ports" <<<"$out" || bad "serial ports not listed: $out"
echo "ok: ebb devices with no sound input -> $rc"

# --- ... and with one (a null capture device): still 0.
printf 'pcm.!default { type null }\n' >"$dir/null.conf"
out=$(ALSA_CONFIG_PATH="$dir/null.conf" "$ebb" devices 2>&1); rc=$?
[ "$rc" -eq 0 ] || bad "ebb devices with a sound input exited $rc, expected 0: $out"
grep -qE '^\* +0: default' <<<"$out" || bad "the null input is not listed: $out"
echo "ok: ebb devices with a sound input -> $rc"

# --- an unknown probe: usage error, and every kind named, each with its line of help.
out=$("$ebb" play breathing/resonance --probe joystick 2>&1); rc=$?
[ "$rc" -eq 2 ] || bad "unknown probe exited $rc, expected 2"
for k in keyboard gamepad mouse replay:FILE sim serial:PORT audio osc stdin; do
    grep -q "unknown probe 'joystick'; use .*$k" <<<"$out" || bad "'$k' missing from: $out"
done
grep -qE '^  serial:PORT\[@BAUD\]\[,FORMAT\] +a microcontroller' <<<"$out" ||
    bad "no help line for serial: $out"
echo "ok: unknown probe names all nine kinds"

# --- ebb probe on a pipe: nothing for 0.4 s, samples, 0.6 s of silence, samples again.
samples() { local i; for ((i = 0; i < $1; i++)); do echo 0.5; sleep 0.02; done; }
{ sleep 0.4; samples 15; sleep 0.6; samples 25; } |
    "$ebb" probe --probe stdin --csv --seconds 2.2 >"$dir/probe.csv" 2>"$dir/probe.err"
# ebb's own status: on a loaded machine the writer (a sleep per sample) can outlast the 2.2 s
# and die of SIGPIPE when ebb is done, which pipefail would report instead.
rc=${PIPESTATUS[1]}
[ "$rc" -eq 0 ] || bad "ebb probe exited $rc: $(cat "$dir/probe.err")"
notes=$(grep '^# [0-9]' "$dir/probe.csv" | cut -d' ' -f3-)
expected=$'waiting for the signal\nsignal lost\nsignal back'
[ "$notes" = "$expected" ] || bad "notes were: [$notes], expected: [$expected]"
grep -qx '# 0.00 waiting for the signal' "$dir/probe.csv" || bad "waiting not at 0.00: $(head -3 "$dir/probe.csv")"
lost=$(awk '/signal lost/ { print $2 }' "$dir/probe.csv")
back=$(awk '/signal back/ { print $2 }' "$dir/probe.csv")
awk -v l="${lost:-0}" -v b="${back:-0}" 'BEGIN { exit !(l > 0.6 && b > l + 0.2) }' ||
    bad "lost at ${lost:-?} s, back at ${back:-?} s (0.6 s of silence after about 0.7 s, lost after 0.3 s of it)"
rows=$(grep -c '^[0-9]' "$dir/probe.csv")
[ "$rows" -gt 50 ] || bad "only $rows data rows"
echo "ok: ebb probe: waiting at 0.00, lost at $lost s, back at $back s, $rows rows"

exit $((fails > 0))
