#!/bin/sh
# The challenge offer on the results screen (issue 12), with the real game and a real history:
# three good sessions of a level (seeded by the simulated relaxed person through the runner)
# make the results offer the next challenge in one calm line with Y / N; Y, pressed through
# the test hook, keeps challenge 2 in the history, and the next headless session plays the
# level at challenge 2 (its rests are longer: 1:34, not 1:22). Two hard sessions (the
# simulated overactive person) then offer the easier one back.
#   run_challenge.sh EBB SHOTCHECK SEED_SESSIONS LEVELS_DIR OUT_DIR
set -eu
ebb=$1 check=$2 seed=$3 levels=$4 out=$5
id=lengthening/drop-and-release
rm -rf "$out"
mkdir -p "$out/config/ebb" "$out/fresh"
export XDG_DATA_HOME="$out/data" XDG_CONFIG_HOME="$out/config" EBB_LEVELS_DIR="$levels"
printf 'welcome-seen = yes\n' >"$out/config/ebb/settings.conf"
TEXT=F0ECE2
fail() { echo "FAIL: $*"; exit 1; }

# No history: no offer. Three good sessions: the offer, below the feedback lines.
XDG_DATA_HOME="$out/fresh" "$ebb" play $id --probe sim:relaxed --screenshot "$out/none.png" --scene results
"$seed" "$out/data" "$levels" $id relaxed 3 || fail "could not seed the history"
"$ebb" play $id --probe sim:relaxed --screenshot "$out/up.png" --scene results
"$check" --diff "$out/none.png" "$out/up.png" 0 0 1 0.68 0 0.002      # all above it unchanged
"$check" --diff "$out/none.png" "$out/up.png" 0.1 0.70 0.9 0.82 0.02  # the offer appears
"$check" --colour "$out/up.png" 0.1 0.70 0.9 0.78 $TEXT 0.01

# Y on the results screen (a replay that ends at once brings them up) takes challenge 2.
awk 'BEGIN { print "t,pf"; for (i = 0; i <= 100; i++) printf "%.2f,0.05\n", i / 100 }' >"$out/short.csv"
printf '200 key Y\n230 quit\n' >"$out/yes.events"
SDL_VIDEODRIVER=dummy EBB_TEST_EVENTS="$out/yes.events" EBB_TEST_TRACE="$out/yes.trace" \
    "$ebb" play $id --probe "replay:$out/short.csv" 2>"$out/yes.err" || { cat "$out/yes.err"; fail "the game failed"; }
grep -q ' results$' "$out/yes.trace" || fail "no results screen: $(cat "$out/yes.trace")"
awk 'BEGIN { print "t,pf"; for (i = 0; i <= 30000; i++) printf "%.2f,0.05\n", i / 100 }' >"$out/flat.csv"
dur=$("$ebb" play $id --probe "replay:$out/flat.csv" --headless --json | grep -o '"duration_s":[0-9.]*' | head -n 1)
[ "$dur" = '"duration_s":94.000' ] || fail "after Y the level plays as $dur, want challenge 2 (94 s)"
# The menu plays built-in levels by their file: that file plays at challenge 2 too; a copy of
# it elsewhere (someone's own level file) plays as written.
dur=$("$ebb" play "$levels/$id.level" --probe "replay:$out/flat.csv" --headless --json | grep -o '"duration_s":[0-9.]*' | head -n 1)
[ "$dur" = '"duration_s":94.000' ] || fail "the built-in file plays as $dur, want challenge 2 (94 s)"
cp "$levels/$id.level" "$out/mine.level"
dur=$("$ebb" play "$out/mine.level" --probe "replay:$out/flat.csv" --headless --json | grep -o '"duration_s":[0-9.]*' | head -n 1)
[ "$dur" = '"duration_s":82.000' ] || fail "a copied file plays as $dur, want as written (82 s)"
# The offer is answered: the same results now show no offer line (no text in the offer's
# colour where it stood; the softer sentences comparing with the past may sit there now).
"$ebb" play $id --probe sim:relaxed --screenshot "$out/after.png" --scene results
"$check" --colour "$out/after.png" 0.1 0.70 0.9 0.78 $TEXT 0 0.002

# Two hard sessions at challenge 2: the gentler one is offered.
"$seed" "$out/data" "$levels" $id overactive 2 || fail "could not seed the hard sessions"
"$ebb" play $id --probe sim:overactive --screenshot "$out/down.png" --scene results
XDG_DATA_HOME="$out/fresh" "$ebb" play $id --probe sim:overactive --screenshot "$out/down-none.png" --scene results
"$check" --diff "$out/down-none.png" "$out/down.png" 0.1 0.70 0.9 0.86 0.02
printf '200 key N\n230 quit\n' >"$out/no.events"
SDL_VIDEODRIVER=dummy EBB_TEST_EVENTS="$out/no.events" EBB_TEST_TRACE="$out/no.trace" \
    "$ebb" play $id --probe "replay:$out/short.csv" 2>"$out/no.err" || { cat "$out/no.err"; fail "the game failed"; }
dur=$("$ebb" play $id --probe "replay:$out/flat.csv" --headless --json | grep -o '"duration_s":[0-9.]*' | head -n 1)
[ "$dur" = '"duration_s":94.000' ] || fail "after N the level plays as $dur, want challenge 2 kept"
echo "ok: challenge offers"
