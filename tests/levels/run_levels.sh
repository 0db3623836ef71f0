#!/bin/sh
# Level tests with the real program: every malformed file in bad/ (and the few made here, in
# gen/, because they are too big or too odd to commit) must be refused by `ebb check` with
# exit 2 and exactly the diagnostics in its NAME.expected; every built-in level must pass
# `ebb check`, be listed by `ebb list` and play headless to a complete result from a flat
# replay; and `ebb check --explain` must print one level exactly as explain/*.txt.
# Usage: run_levels.sh EBB SOURCE_DIR
set -u
ebb=$1
src=$2
here=$src/tests/levels
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Compares stderr of `ebb check NAME` (run from DIR) with DIR/NAME's .expected.
check_bad() {
    dir=$1 name=$2 expected=$3
    (cd "$dir" && "$ebb" check "$name" >/dev/null 2>"$tmp/stderr")
    rc=$?
    [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
    if ! cmp -s "$tmp/stderr" "$expected"; then
        fail "$name: diagnostics differ from $expected"
        diff "$expected" "$tmp/stderr" | head -20
    fi
}

count=0
for f in "$here"/bad/*.level; do
    name=bad/$(basename "$f")
    check_bad "$here" "$name" "${f%.level}.expected"
    count=$((count + 1))
done
[ "$count" -ge 40 ] || fail "only $count malformed files in bad/"

# Made at test time: a file past the 256 KiB limit, and one whose repeats ask for
# 1.6 billion steps.
mkdir -p "$tmp/gen"
{
    printf 'id test/huge\ntitle "Huge"\nkind lengthening\nrest 4s\n'
    i=0
    while [ $i -lt 4000 ]; do
        printf '# %s\n' "a comment line that pads the file out to well past the size limit...."
        i=$((i + 1))
    done
} >"$tmp/gen/huge.level"
{
    printf 'id test/explode\ntitle "Explode"\nkind strengthening\n'
    printf 'repeat 200\nrepeat 200\nrepeat 200\nrepeat 200\nflick 1s\nend\nend\nend\nend\n'
} >"$tmp/gen/explode.level"
for f in "$tmp"/gen/*.level; do
    name=gen/$(basename "$f")
    check_bad "$tmp" "$name" "$here/gen/$(basename "${f%.level}").expected"
done

# The built-in levels: clean, listed, and playable to the end.
awk 'BEGIN { print "t,pf" } END { for (i = 0; i <= 60000; i++) printf "%.2f,0.05\n", i / 100 }' \
    </dev/null >"$tmp/flat.csv"
EBB_LEVELS_DIR=$src/levels "$ebb" list >"$tmp/list" 2>&1 || fail "ebb list failed"
n=0
for f in "$src"/levels/*/*.level; do
    n=$((n + 1))
    "$ebb" check "$f" >/dev/null 2>"$tmp/stderr" || fail "$f: ebb check failed: $(cat "$tmp/stderr")"
    [ -s "$tmp/stderr" ] && fail "$f: ebb check printed: $(cat "$tmp/stderr")"
    id=$(awk '$1 == "id" { print $2; exit }' "$f")
    grep -q "^$id " "$tmp/list" || fail "$id is not in ebb list"
    out=$(EBB_LEVELS_DIR=$src/levels "$ebb" play "$id" --probe "replay:$tmp/flat.csv" --headless --json)
    rc=$?
    [ "$rc" -eq 0 ] || fail "$id: ebb play exited $rc"
    case $out in
    *'"complete":true'*) ;;
    *) fail "$id: play did not complete: $out" ;;
    esac
    # --explain lists every challenge, built: four for an exercise, one for the assessment
    # (a standard protocol, charted over time, that does not grow; docs/levels.md).
    kind=$(awk '$1 == "kind" { print $2; exit }' "$f")
    want=4
    [ "$kind" = assessment ] && want=1
    "$ebb" check --explain "$f" >"$tmp/explain" 2>&1 || fail "$f: --explain failed"
    rows=$(sed -n '/^challenges$/,$p' "$tmp/explain" | grep -cE '^  [1-4]  .*total [0-9]+:[0-9][0-9]$')
    [ "$rows" -eq "$want" ] || fail "$id: --explain shows $rows challenges, want $want"
    i=1
    while [ $i -le "$want" ]; do
        grep -qE "^  $i  " "$tmp/explain" || fail "$id: --explain has no row for challenge $i"
        i=$((i + 1))
    done
done
[ "$n" -ge 16 ] || fail "only $n built-in levels"

# --explain, exactly.
for t in "$here"/explain/*.txt; do
    lv=$src/levels/$(head -n 1 "$t" | sed 's/ .*//').level
    "$ebb" check --explain "$lv" >"$tmp/explain" 2>&1 || fail "--explain $lv failed"
    if ! cmp -s "$tmp/explain" "$t"; then
        fail "--explain $lv differs from $t"
        diff "$t" "$tmp/explain" | head -20
    fi
done

if [ "$fails" -ne 0 ]; then
    echo "$fails level test(s) failed"
    exit 1
fi
echo "level tests passed: $count malformed files, $n built-in levels"
