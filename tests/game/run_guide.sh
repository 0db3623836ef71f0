#!/bin/sh
# Audio guidance through SDL's disk audio driver (raw S16LE mono 48 kHz written in real time).
#   run_guide.sh onsets EBB GUIDECHECK LEVEL REPLAY_CSV TOLERANCE_MS
#       every cue starts on its step's start (relative to the first cue, see guidecheck.c)
#   run_guide.sh hold EBB BURSTS LEVEL REPLAY_CSV
#       countdown ticks in the last 3 s of a hold, the rep chime after it, nothing else
#   run_guide.sh lost EBB GUIDECHECK LEVEL
#       eyes-closed mode with a live probe on stdin that goes quiet for 1.2 s mid-level: the
#       tone and the pacer stop while the signal is lost and come back, without a click
#   run_guide.sh tone EBB GUIDECHECK LEVEL LOW_CSV HIGH_CSV
#       eyes-closed mode: the effort tone's pitch at two constant efforts (0.2 and 0.8)
# The environment sets SDL_VIDEODRIVER=dummy, SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE (an
# absolute path) and private XDG_CONFIG_HOME/XDG_DATA_HOME; this script writes the settings
# (tones only: the voice and the calm soundscape are off; run_voice.sh tests them).
set -eu
mode=$1 ebb=$2 tool=$3 level=$4
raw=$SDL_DISKAUDIOFILE
conf=$XDG_CONFIG_HOME/ebb
mkdir -p "$conf" "$XDG_DATA_HOME"
printf 'welcome-seen = yes\nvoice = off\nsoundscape-volume = 0\n' >"$conf/settings.conf"

play() { # CSV
    rm -f "$raw"
    "$ebb" play "$level" --probe "replay:$1" --exit-when-done 2>"$raw.log" ||
        { cat "$raw.log"; echo "FAIL: ebb play failed"; exit 1; }
}

case $mode in
onsets)
    play "$5"
    "$tool" onsets "$raw" "$level" "$6"
    ;;
hold)
    play "$5"
    "$tool" "$raw" | tee "$raw.bursts"
    awk '
        { on[NR] = $1; len[NR] = $2; hz[NR] = $4 }
        END {
            bad = 0
            if (NR != 6) { print "FAIL: expected 6 sounds (cue, 3 ticks, chime, complete), got " NR; exit 1 }
            for (i = 2; i <= 4; i++) {
                d = on[i] - on[1]; want = 1000 * (i + 1)
                if (d < want - 15 || d > want + 15) { print "FAIL: tick " i - 1 " at " d " ms (" want " expected)"; bad = 1 }
                if (hz[i] < 950 || hz[i] > 1150) { print "FAIL: tick " i - 1 " at " hz[i] " Hz"; bad = 1 }
                if (len[i] > 90) { print "FAIL: tick " i - 1 " lasts " len[i] " ms"; bad = 1 }
            }
            d = on[5] - on[1]
            # The chime waits for the final step score, so it starts on the first buffer
            # after the step ended: up to a frame and a buffer after it (not scheduled ahead).
            if (d < 5985 || d > 6045) { print "FAIL: rep chime at " d " ms (6000..6045 expected)"; bad = 1 }
            if (hz[5] < 750 || hz[5] > 1250 || len[5] < 300 || len[5] > 700) { print "FAIL: rep chime " hz[5] " Hz, " len[5] " ms"; bad = 1 }
            d = on[6] - on[1]
            if (d < 7985 || d > 8015) { print "FAIL: complete chime at " d " ms (8000 expected)"; bad = 1 }
            if (!bad) print "ok: ticks at 3, 4, 5 s, rep chime at " on[5] - on[1] " ms, level complete at 8 s"
            exit bad
        }' "$raw.bursts"
    ;;
lost)
    printf 'welcome-seen = yes\neyes-closed = yes\nvoice = off\nsoundscape-volume = 0\n' >"$conf/settings.conf"
    lines() { # COUNT: one sample every 50 ms
        i=0
        while [ "$i" -lt "$1" ]; do
            echo 0.3
            sleep 0.05
            i=$((i + 1))
        done
    }
    rm -f "$raw"
    # 4 s of samples, 1.2 s of silence (lost after 0.3 s), then samples past the level's end.
    { lines 80; sleep 1.2; lines 360; } |
        "$ebb" play "$level" --probe stdin --exit-when-done 2>"$raw.log" ||
        { cat "$raw.log"; echo "FAIL: ebb play failed"; exit 1; }
    "$tool" lost "$raw"
    ;;
tone)
    printf 'welcome-seen = yes\neyes-closed = yes\nvoice = off\nsoundscape-volume = 0\n' >"$conf/settings.conf"
    play "$5"
    low=$("$tool" pitch "$raw" 1.5 4.0)
    play "$6"
    high=$("$tool" pitch "$raw" 1.5 4.0)
    echo "effort tone: $low Hz at effort 0.2 (252.7 designed), $high Hz at 0.8 (383.0 designed)"
    awk -v lo="$low" -v hi="$high" 'BEGIN {
        bad = 0
        if (lo < 252.7 * 0.97 || lo > 252.7 * 1.03) { print "FAIL: low tone " lo " Hz"; bad = 1 }
        if (hi < 383.0 * 0.97 || hi > 383.0 * 1.03) { print "FAIL: high tone " hi " Hz"; bad = 1 }
        if (!bad) print "ok: the tone follows effort"
        exit bad
    }'
    ;;
*)
    echo "run_guide.sh: unknown mode $mode"
    exit 2
    ;;
esac
