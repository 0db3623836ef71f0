#!/bin/sh
# Lost signal in play (issue 4): a live probe on stdin goes quiet for 0.8 s mid-level, then
# comes back. The game must hold the level, sound the double beep once (about 300 ms into
# the silence), sound the short "back" blip when samples return, finish the level and keep
# the whole session (complete:true in its JSON).
#   run_lost.sh EBB BURSTS LEVEL OUT_RAW OUT_JSON
# The environment sets SDL_VIDEODRIVER=dummy, SDL_AUDIODRIVER=disk and SDL_DISKAUDIOFILE=OUT_RAW.
set -eu
ebb=$1 bursts=$2 level=$3 raw=$4 json=$5
rm -f "$raw" "$json"
# Tones only: this test measures the cues and game sounds, so the spoken guide and the calm
# soundscape (tested in run_voice.sh and test_reward.c) are off.
mkdir -p "$XDG_CONFIG_HOME/ebb"
printf 'welcome-seen = yes\nvoice = off\nsoundscape-volume = 0\n' >"$XDG_CONFIG_HOME/ebb/settings.conf"

lines() { # COUNT: one sample every 50 ms
    i=0
    while [ "$i" -lt "$1" ]; do
        echo 0.1
        sleep 0.05
        i=$((i + 1))
    done
}

# 2.5 s of samples, 0.8 s of silence, then samples until well past the level's end.
{ lines 50; sleep 0.8; lines 120; } | "$ebb" play "$level" --probe stdin --exit-when-done --json >"$json"

grep -q '"complete":true' "$json" || { echo "FAIL: the session was not kept whole:"; cat "$json"; exit 1; }
"$bursts" "$raw" | tee "$raw.bursts"
awk '
    { on[NR] = $1; len[NR] = $2; hz[NR] = $4 }
    END {
        bad = 0
        if (NR != 4) { print "FAIL: expected 4 sounds (beep, beep, back, complete), got " NR; exit 1 }
        for (i = 1; i <= 2; i++) {
            if (hz[i] < 560 || hz[i] > 615) { print "FAIL: beep " i " at " hz[i] " Hz"; bad = 1 }
            if (len[i] < 100 || len[i] > 150) { print "FAIL: beep " i " lasts " len[i] " ms"; bad = 1 }
        }
        d = on[2] - on[1]
        if (d < 215 || d > 245) { print "FAIL: beeps " d " ms apart (230 expected)"; bad = 1 }
        back = on[3] - on[1]
        # silence ~850 ms (last line, 50 ms, then 0.8 s), lost after 300 ms: back ~550 ms later
        if (back < 480 || back > 640) { print "FAIL: back blip " back " ms after the beep (~550 expected)"; bad = 1 }
        if (hz[3] < 450 || hz[3] > 650) { print "FAIL: back blip at " hz[3] " Hz"; bad = 1 }
        if (!bad) print "ok: double beep " d " ms apart, back " back " ms later, level complete"
        exit bad
    }' "$raw.bursts"

# A probe whose input ends (end of file on stdin) stops the level early: results marked
# incomplete, what was played kept, exit code 1 (the input failed).
rc=0
lines 20 | "$ebb" play "$level" --probe stdin --exit-when-done --json >"$json" || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: an ended input should exit 1, got $rc"; exit 1; }
grep -q '"complete":false' "$json" || { echo "FAIL: not marked stopped early:"; cat "$json"; exit 1; }
echo "ok: ended input stops early (exit 1, complete:false)"
