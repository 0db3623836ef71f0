#!/bin/sh
# The Debian package, for CI (root): build it with CPack, install it with dpkg, run the
# installed /usr/bin/ebb, remove it, and check nothing of it is left. Skips (77) when not root,
# without dpkg, or when a package named ebb is already installed (never touch someone's own).
# Whatever fails midway, the trap removes the package again.
#   test_deb.sh BUILD_DIR OUT_DIR
set -eu
build=$1 out=$2

if [ "$(id -u)" != 0 ]; then echo "SKIP: needs root (dpkg -i)"; exit 77; fi
for tool in dpkg dpkg-deb dpkg-shlibdeps cpack; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not available"; exit 77; }
done
if dpkg-query -W -f='${Status}' ebb 2>/dev/null | grep -q 'installed'; then
  echo "SKIP: a package named ebb is already installed here; not touching it"; exit 77
fi

rm -rf "$out"
mkdir -p "$out"
installed=no
cleanup() {
  if [ "$installed" = yes ]; then
    dpkg --purge ebb >/dev/null 2>&1 || echo "WARNING: could not purge ebb" >&2
  fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

(cd "$build" && cpack -G DEB -B "$out" > "$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/ebb_*.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for d in fonts-dejavu-core libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-mixer-2.0-0 libc6; do
  echo "$depends" | grep -q "$d" || { echo "FAIL: Depends lacks $d"; exit 1; }
done
dpkg-deb -c "$deb" > "$out/contents.txt"
for f in ./usr/bin/ebb ./usr/share/ebb/levels/breathing/resonance.level \
         ./usr/share/ebb/assets/palettes.conf ./usr/share/man/man6/ebb.6 \
         ./usr/share/applications/io.github.ebbtrainer.Ebb.desktop \
         ./usr/share/icons/hicolor/48x48/apps/io.github.ebbtrainer.Ebb.png; do
  grep -q " $f\$" "$out/contents.txt" || { echo "FAIL: no $f in the package"; exit 1; }
done

installed=yes
if ! dpkg -i "$deb" > "$out/dpkg-i.log" 2>&1; then
  # Dependencies missing on this machine: let apt bring them.
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq >> "$out/dpkg-i.log" 2>&1 ||
    { cat "$out/dpkg-i.log"; echo "FAIL: dpkg -i"; exit 1; }
fi

home=$(mktemp -d)
run() {
  env -i PATH=/usr/bin:/bin HOME="$home" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$@"
}
run /usr/bin/ebb --version | grep -q 0.1.0 || { echo "FAIL: ebb --version"; exit 1; }
run /usr/bin/ebb list > "$out/list.txt" 2>&1 ||
  { cat "$out/list.txt"; echo "FAIL: ebb list"; exit 1; }
grep -q breathing/resonance "$out/list.txt" || { echo "FAIL: ebb list lacks levels"; exit 1; }
run ebb list > /dev/null || { echo "FAIL: ebb is not on PATH"; exit 1; }
rm -rf "$home"

dpkg --purge ebb > "$out/dpkg-r.log" 2>&1 ||
  { cat "$out/dpkg-r.log"; echo "FAIL: dpkg --purge"; exit 1; }
installed=no
for p in /usr/bin/ebb /usr/share/ebb /usr/share/applications/io.github.ebbtrainer.Ebb.desktop \
         /usr/share/man/man6/ebb.6; do
  [ ! -e "$p" ] || { echo "FAIL: $p is still there after removal"; exit 1; }
done
echo "installed, ran and removed cleanly"
