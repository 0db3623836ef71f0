#!/bin/sh
# The game starts with its built-in colours and sounds, and says so in exactly one line, when
# palettes.conf or sounds.conf is missing or malformed; and a good file is really what it
# draws with. Screenshots with the game's own --screenshot (dummy video driver).
#   run_fallback.sh EBB SHOTCHECK LEVELS_DIR ASSETS_DIR OUT_DIR
set -eu
ebb=$1 check=$2 levels=$3 assets=$4 out=$5
rm -rf "$out"
mkdir -p "$out/data/assets"
ln -s "$levels" "$out/data/levels"
export EBB_DATA_DIR="$out/data" XDG_DATA_HOME="$out/xdg/data" XDG_CONFIG_HOME="$out/xdg/config"
unset EBB_LEVELS_DIR || true
fails=0

fresh() {
  cp "$assets/palettes.conf" "$assets/sounds.conf" "$out/data/assets/"
}

# shot NAME SCENE: a screenshot; its messages in NAME.err
shot() {
  if ! "$ebb" --screenshot "$out/$1.png" --scene "$2" 2>"$out/$1.err"; then
    echo "FAIL $1: the game did not start:"; cat "$out/$1.err"; fails=$((fails + 1))
  fi
}

# one_line NAME WORDS...: NAME.err is exactly one line and holds each of WORDS
one_line() {
  name=$1; shift
  lines=$(wc -l < "$out/$name.err")
  if [ "$lines" -ne 1 ]; then
    echo "FAIL $name: $lines lines of messages, expected 1:"; cat "$out/$name.err"
    fails=$((fails + 1)); return
  fi
  for w in "$@"; do
    if ! grep -qF -- "$w" "$out/$name.err"; then
      echo "FAIL $name: the message lacks '$w':"; cat "$out/$name.err"; fails=$((fails + 1))
    fi
  done
  echo "ok   $name: $(cat "$out/$name.err")"
}

# same NAME: looks exactly like the screenshot with good files
same() {
  if ! cmp -s "$out/good-$2.png" "$out/$1.png"; then
    echo "FAIL $1: the screen differs from the one drawn with the good files"
    fails=$((fails + 1))
  fi
}

# With good files: nothing to say.
fresh
for scene in menu welcome; do
  shot "good-$scene" $scene
  if [ -s "$out/good-$scene.err" ]; then
    echo "FAIL good-$scene: messages with good files:"; cat "$out/good-$scene.err"
    fails=$((fails + 1))
  fi
done

# palettes.conf missing
fresh; rm "$out/data/assets/palettes.conf"
shot pal-missing menu
one_line pal-missing "assets/palettes.conf" "cannot open" "using the built-in colours"
same pal-missing menu

# palettes.conf malformed: a colour that is a word on line N
fresh
line=$(grep -n '^bg_top' "$out/data/assets/palettes.conf" | head -1 | cut -d: -f1)
sed -i "${line}s/=.*/= sea blue/" "$out/data/assets/palettes.conf"
shot pal-bad menu
one_line pal-bad "assets/palettes.conf:$line: error: bg_top: expected a colour" \
  "using the built-in colours"
same pal-bad menu

# several mistakes: still one line, saying how many more
fresh
sed -i 's/^text_soft .*/text_soft = soft/; s/^gate .*/gate = #zzzzzz/' \
  "$out/data/assets/palettes.conf"
shot pal-bad-many menu
one_line pal-bad-many "assets/palettes.conf:" "more problems in this file" "built-in colours"
same pal-bad-many menu

# sounds.conf missing
fresh; rm "$out/data/assets/sounds.conf"
shot snd-missing menu
one_line snd-missing "assets/sounds.conf" "cannot open" "using the built-in sounds"
same snd-missing menu

# sounds.conf malformed
fresh
line=$(grep -n '^shape' "$out/data/assets/sounds.conf" | head -1 | cut -d: -f1)
sed -i "${line}s/=.*/= wobble/" "$out/data/assets/sounds.conf"
shot snd-bad menu
one_line snd-bad "assets/sounds.conf:$line: error: shape: expected glide or two-notes" \
  "using the built-in sounds"
same snd-bad menu

# sounds.conf: a number of the calm soundscape that is a word: its line and field, and the
# built-in sounds (the soundscape's numbers with them)
fresh
line=$(grep -n '^calm_after_seconds' "$out/data/assets/sounds.conf" | head -1 | cut -d: -f1)
sed -i "${line}s/=.*/= soon/" "$out/data/assets/sounds.conf"
shot snd-scape-bad menu
one_line snd-scape-bad \
  "assets/sounds.conf:$line: error: calm_after_seconds: expected a time in seconds" \
  "using the built-in sounds"
same snd-scape-bad menu

# A good file is what the game draws with: the welcome title in the file's text colour.
fresh
sed -i '0,/^text .*/s//text = #ff00ff/' "$out/data/assets/palettes.conf"
shot pal-magenta welcome
if [ -s "$out/pal-magenta.err" ]; then
  echo "FAIL pal-magenta: messages:"; cat "$out/pal-magenta.err"; fails=$((fails + 1))
fi
"$check" --colour "$out/pal-magenta.png" 0.25 0.08 0.75 0.18 FF00FF 0.05 || fails=$((fails + 1))
"$check" --colour "$out/good-welcome.png" 0.25 0.08 0.75 0.18 F0ECE2 0.05 || fails=$((fails + 1))

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all fallback checks passed"
