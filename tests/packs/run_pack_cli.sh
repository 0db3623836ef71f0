#!/bin/sh
# ebb pack install/list/activate/remove and ebb today, end to end, against a temporary
# XDG data directory. A refused install must leave the directory byte for byte unchanged.
# Usage: run_pack_cli.sh EBB SOURCE_DIR
set -u
EBB=$1
SRC=$2
TMP=$(mktemp -d /tmp/ebb-pack-cli-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export XDG_DATA_HOME="$TMP/data"
export EBB_LEVELS_DIR="${EBB_LEVELS_DIR:-$SRC/levels}"
DATA="$XDG_DATA_HOME/ebb"
PACK="$SRC/levels/packs/relaxation-first.pack"
fails=0

fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# run EXPECTED_RC ARGS...: runs ebb, keeps stdout/stderr in $TMP/out, $TMP/err
run() {
    want=$1
    shift
    "$EBB" "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "ebb $* exited $got, expected $want"
        sed 's/^/  out: /' "$TMP/out"
        sed 's/^/  err: /' "$TMP/err"
    fi
}

expect_in() { # FILE TEXT
    grep -qF -- "$2" "$1" || { fail "expected '$2' in $(basename "$1")"; sed 's/^/  | /' "$1"; }
}

snapshot() {
    if [ -d "$XDG_DATA_HOME" ]; then
        (cd "$XDG_DATA_HOME" && find . -print | sort && find . -type f | sort | xargs -r sha256sum)
    fi
}

# A pack with mistakes, among them a path where an id belongs.
cat >"$TMP/bad.pack" <<'EOF'
ebb-pack 1
id ../../etc/passwd
title "Bad"
author "Someone"
schedule /etc/shadow days 1..7
EOF

# --- nothing installed yet
run 0 pack list
expect_in "$TMP/out" "No packs are installed"
run 0 today
expect_in "$TMP/out" "No pack is active"

# --- a refused install into an empty data directory creates nothing
before=$(snapshot)
run 2 pack install "$TMP/bad.pack"
expect_in "$TMP/err" "bad.pack:2:4: error: pack id '../../etc/passwd' looks like a file path"
expect_in "$TMP/err" "bad.pack:5:10: error: level '/etc/shadow' looks like a file path"
expect_in "$TMP/err" "nothing was changed"
[ "$(snapshot)" = "$before" ] || fail "a refused install changed the data directory"
[ -e "$DATA" ] && fail "a refused install created $DATA"

# --- install, list, today
run 0 pack install "$PACK"
expect_in "$TMP/out" 'Installed "Overactive floor: relaxation first"'
cmp -s "$PACK" "$DATA/packs/relaxation-first.pack" || fail "installed copy differs"
run 0 pack list
expect_in "$TMP/out" '* relaxation-first'
run 0 today
expect_in "$TMP/out" "Day 1 of 28 (week 1)."
expect_in "$TMP/out" "Resonance breathing"
expect_in "$TMP/out" "Low and steady"
expect_in "$TMP/out" "Notes from your therapist:"

# --- playing a level the pack prescribes uses the pack's reps and rest (5 reps, 10 s rest)
awk 'BEGIN { print "t,pf"; for (i = 0; i < 12000; i++) printf "%.2f,0.05\n", i / 100 }' >"$TMP/flat.csv"
run 0 play lengthening/drop-and-release --probe "replay:$TMP/flat.csv" --headless --json
expect_in "$TMP/err" "playing the version prescribed by the pack 'Overactive floor: relaxation first'"
[ "$(grep -o '"kind":"release"' "$TMP/out" | wc -l)" -eq 5 ] || fail "pack reps not applied"
expect_in "$TMP/out" '"kind":"release","line":'
grep -o '"kind":"release"[^}]*' "$TMP/out" | head -1 | grep -q '"duration_s":10.000' \
    || fail "pack rest not applied"
# a level the pack does not mention plays as built
run 0 play breathing/box --probe "replay:$TMP/flat.csv" --headless --json
grep -q "prescribed" "$TMP/err" && fail "a level outside the pack was changed"

# --- a refused install over an installed pack changes nothing, byte for byte
before=$(snapshot)
run 2 pack install "$TMP/bad.pack"
sed 's/^id relaxation-first$/id relaxation-first/; s/^schedule breathing/schedule breathng/' \
    "$PACK" >"$TMP/typo.pack"
run 2 pack install "$TMP/typo.pack"
expect_in "$TMP/err" "did you mean 'breathing/resonance'?"
run 2 pack install "$TMP/does-not-exist.pack"
[ "$(snapshot)" = "$before" ] || fail "a refused install changed the data directory"

# --- a second pack; activate; remove
sed 's/^id .*/id second-pack/; s/^title .*/title "Second pack"/' "$PACK" >"$TMP/second.pack"
run 0 pack install "$TMP/second.pack"
run 0 pack list
expect_in "$TMP/out" '* second-pack'
expect_in "$TMP/out" '  relaxation-first'
run 0 pack activate relaxation-first
run 0 pack list
expect_in "$TMP/out" '* relaxation-first'
expect_in "$TMP/out" '  second-pack'
run 2 pack activate no-such-pack
expect_in "$TMP/err" "no pack 'no-such-pack' is installed"
run 2 pack remove ../../etc/passwd
expect_in "$TMP/err" "is not a pack id"
run 0 pack remove second-pack
[ -e "$DATA/packs/second-pack.pack" ] && fail "remove left the file"
run 0 pack remove relaxation-first
expect_in "$TMP/out" "No pack is active now"
run 0 today
expect_in "$TMP/out" "No pack is active"
run 0 pack list
expect_in "$TMP/out" "No packs are installed"

# --- usage mistakes
run 2 pack
run 2 pack instal "$PACK"
expect_in "$TMP/err" "did you mean 'install'?"
run 2 pack install

# --- no temporary files left behind
leftovers=$(find "$XDG_DATA_HOME" -name '.*' -type f | wc -l)
[ "$leftovers" -eq 0 ] || fail "temporary files left in the data directory"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "pack cli: all checks passed"
