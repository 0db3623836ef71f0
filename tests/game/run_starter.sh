#!/bin/sh
# The starter program for a person without a therapist (issue 12), with the real game, its
# settings file, the pack store and `ebb today`: the welcome asks where to start (the test
# hook presses the keys); "I don't know" (the default, Enter) starts the relaxation starter
# and says so in the settings; "2" starts the strengthening one; Esc starts none. The menu
# shows today's plan, the week and a gentle suggestion; an installed therapist's pack then
# replaces the starter, in `ebb today` and on the menu.
#   run_starter.sh EBB SHOTCHECK SEED_SESSIONS LEVELS_DIR OUT_DIR
set -eu
ebb=$1 check=$2 seed=$3 levels=$4 out=$5
rm -rf "$out"
mkdir -p "$out"
export EBB_LEVELS_DIR="$levels"
fail() { echo "FAIL: $*"; exit 1; }
for p in "$levels"/programs/*.pack; do
    "$ebb" check "$p" >/dev/null || fail "$p does not pass ebb check"
done

person() { # NAME KEYS...: a new person answers the welcome with KEYS, then the game quits
    name=$1
    shift
    export XDG_DATA_HOME="$out/$name/data" XDG_CONFIG_HOME="$out/$name/config"
    frame=5
    : >"$out/$name.events"
    for k in "$@"; do echo "$frame key $k" >>"$out/$name.events"; frame=$((frame + 5)); done
    echo "$((frame + 20)) quit" >>"$out/$name.events"
    SDL_VIDEODRIVER=dummy EBB_TEST_EVENTS="$out/$name.events" EBB_TEST_TRACE="$out/$name.trace" \
        "$ebb" 2>"$out/$name.err" || { cat "$out/$name.err"; fail "$name: the game failed"; }
    [ "$(cut -d' ' -f2 "$out/$name.trace" | tr '\n' ' ')" = "welcome menu end " ] ||
        fail "$name: scenes $(cat "$out/$name.trace")"
}

# "I don't know" (Enter on the default): relaxation first, and the suggestion to see a physio.
person unsure Return
grep -qx 'starting-point = unsure' "$out/unsure/config/ebb/settings.conf" || fail "unsure: not in the settings"
"$ebb" today >"$out/unsure.today" || fail "unsure: ebb today failed"
grep -q '^Starter: letting go first$' "$out/unsure.today" || fail "unsure: $(cat "$out/unsure.today")"
grep -q 'Day 1 of 28' "$out/unsure.today" || fail "unsure: not day 1"
grep -q 'ebb play lengthening/low-and-steady' "$out/unsure.today" || fail "unsure: no letting go today"
grep -q 'strengthening' "$out/unsure.today" && fail "unsure: strengthening in week 1"
"$ebb" --screenshot "$out/unsure.png" --scene menu
# One session today: its day is filled in this week's row, and it is done in the plan.
"$seed" "$out/unsure/data" "$levels" breathing/resonance relaxed 1
"$ebb" today | grep -q '^  done    Resonance breathing' || fail "the session is not done in the plan"
"$ebb" --screenshot "$out/unsure-played.png" --scene menu
"$check" --diff "$out/unsure.png" "$out/unsure-played.png" 0.1 0.3 0.9 0.4 0.01   # first card: done
"$check" --diff "$out/unsure.png" "$out/unsure-played.png" 0.15 0.70 0.4 0.76 0.01 # a day filled

# "2": the strengthening starter.
person strong Down Up 2
grep -qx 'starting-point = strengthen' "$out/strong/config/ebb/settings.conf" || fail "strong: not in the settings"
"$ebb" today | grep -q '^Starter: gentle strength$' || fail "strong: not the strengthening starter"

# Esc: no starter (the levels are all still there), nothing active.
person none Escape
grep -qx 'starting-point = none' "$out/none/config/ebb/settings.conf" || fail "none: a starting point was kept"
"$ebb" today >"$out/none.today" 2>&1 || true
grep -q 'Starter' "$out/none.today" && fail "none: a starter began"
"$ebb" --screenshot "$out/none.png" --scene menu
"$check" --diff "$out/none.png" "$out/unsure.png" 0.1 0.25 0.9 0.9 0.05  # the plan is on the menu

# A therapist's pack replaces the starter.
export XDG_DATA_HOME="$out/unsure/data" XDG_CONFIG_HOME="$out/unsure/config"
"$ebb" pack install "$levels/packs/relaxation-first.pack" >/dev/null || fail "pack install failed"
"$ebb" today >"$out/pack.today"
grep -q '^Overactive floor: relaxation first$' "$out/pack.today" || fail "the therapist's pack is not in force"
grep -q 'Starter' "$out/pack.today" && fail "the starter is still shown"
"$ebb" --screenshot "$out/pack.png" --scene menu
"$check" --diff "$out/unsure-played.png" "$out/pack.png" 0.1 0.25 0.6 0.30 0.02  # another heading
echo "ok: starter program"
