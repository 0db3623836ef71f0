#!/bin/sh
# `cmake --install` into a temporary prefix, then a copy of nothing but that prefix, run with a
# clean environment: the installed program must find its levels and assets beside itself and
# nowhere else (not the source tree, not the build tree), and must not even name the source
# directory.
#   run_install.sh BUILD_DIR SOURCE_DIR OUT_DIR [sanitized]
set -eu
build=$1 src=$2 out=$3 sanitized=${4:-}
rm -rf "$out"
mkdir -p "$out"
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

cmake --install "$build" --prefix "$out/prefix" --strip > "$out/install.log"

# The standard tree.
id=io.github.ebbtrainer.Ebb
for f in bin/ebb share/ebb/levels/breathing/resonance.level share/ebb/assets/palettes.conf \
         share/ebb/assets/sounds.conf share/applications/$id.desktop \
         share/metainfo/$id.metainfo.xml share/man/man6/ebb.6 \
         share/icons/hicolor/scalable/apps/$id.svg; do
  [ -f "$out/prefix/$f" ] || fail "not installed: $f"
done
for s in 16 32 48 64 128 256; do
  png="$out/prefix/share/icons/hicolor/${s}x${s}/apps/$id.png"
  if [ ! -f "$png" ]; then
    fail "not installed: ${s}x${s} icon"
  elif ! file "$png" | grep -q "PNG image data, $s x $s"; then
    fail "${s}x${s} icon is $(file -b "$png")"
  fi
done

# Nothing but the prefix, somewhere else; the original prefix goes away.
cp -a "$out/prefix" "$out/moved"
rm -rf "$out/prefix"
bin="$out/moved/bin/ebb"

# The binary never names the source tree (no compiled-in path to fall back on). A sanitizer
# build keeps source file names in its instrumentation (strip cannot remove them): there, only
# the data folders must not be named.
if [ "$sanitized" = sanitized ]; then
  for d in "$src/levels" "$src/assets"; do
    n=$(grep -c -a -F "$d" "$bin" || true)
    [ "$n" -eq 0 ] || fail "bin/ebb names $d ($n times)"
  done
else
  n=$(grep -c -a -F "$src" "$bin" || true)
  [ "$n" -eq 0 ] || fail "bin/ebb names the source directory $src ($n times)"
fi

# A clean environment: no EBB_* variables, private HOME and XDG dirs, dummy drivers.
run() {
  env -i PATH=/usr/bin:/bin HOME="$out/home" XDG_DATA_HOME="$out/home/data" \
    XDG_CONFIG_HOME="$out/home/config" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
    DBUS_SESSION_BUS_ADDRESS=disabled: "$@"
}
mkdir -p "$out/home"
cd "$out/home"   # not the source or build tree

run "$bin" --version > "$out/version.txt" 2>&1 || fail "ebb --version: $(cat "$out/version.txt")"
grep -q "0.1.0" "$out/version.txt" || fail "ebb --version says: $(cat "$out/version.txt")"

run "$bin" list > "$out/list.txt" 2>&1 || fail "ebb list: $(cat "$out/list.txt")"
grep -q "breathing/resonance" "$out/list.txt" || fail "ebb list lacks breathing/resonance"

run "$bin" play breathing/resonance --probe sim:relaxed --headless --json > "$out/play.json" \
  2> "$out/play.err" || fail "headless play: $(cat "$out/play.err")"
grep -q '"level"' "$out/play.json" ||
  fail "headless play printed no result: $(cat "$out/play.json")"

# The window program finds the installed palettes and sounds: a screenshot, no messages.
run "$bin" --screenshot "$out/menu.png" --scene menu 2> "$out/menu.err" || fail "menu screenshot"
[ -s "$out/menu.err" ] && fail "messages from the installed game: $(cat "$out/menu.err")"
[ -s "$out/menu.png" ] || fail "no menu screenshot"

# It is the copy's share/ebb that it reads: without it, `ebb list` says so.
mv "$out/moved/share/ebb" "$out/moved/share/ebb.away"
if run "$bin" list > "$out/list-away.txt" 2>&1; then
  fail "ebb list worked without share/ebb: it read levels from somewhere else"
fi
mv "$out/moved/share/ebb.away" "$out/moved/share/ebb"

# The desktop files pass the validators.
desktop-file-validate "$out/moved/share/applications/$id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$out/moved/share/metainfo/$id.metainfo.xml" > "$out/as.log" 2>&1 \
  || { cat "$out/as.log"; fail "appstreamcli validate"; }

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "installed tree: $(cd "$out/moved" && find . -type f | wc -l) files, all checks passed"
