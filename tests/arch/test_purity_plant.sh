#!/usr/bin/env bash
# The purity fences really fail: on a copy of the engine, each fence passes as it is, then
# fails on a planted violation with a message naming it.
#   - header fence (check_core_includes.sh): a core file including <sqlite3.h>, and one
#     including "io/probe.h";
#   - link fence (cmake/EbbPurity.cmake): ebb_core linking SQLite::SQLite3, and PkgConfig::PA
#     (spellings a case-sensitive pattern used to miss).
# usage: test_purity_plant.sh SOURCE_DIR
set -euo pipefail
src=$(cd "${1:?usage: test_purity_plant.sh SOURCE_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
expect() { # description, expected exit (0 or nonzero), pattern, command...
  local what=$1 want=$2 pat=$3; shift 3
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  if { [ "$want" = 0 ] && [ $rc -ne 0 ]; } || { [ "$want" != 0 ] && [ $rc -eq 0 ]; } ||
     { [ -n "$pat" ] && ! grep -q -- "$pat" <<<"$out"; }; then
    echo "FAIL: $what (exit $rc)"; echo "$out" | tail -n 8; fails=$((fails + 1))
  else
    echo "ok: $what"
  fi
}
fresh() { rm -rf "$tmp/src"; mkdir -p "$tmp/src"
  cp -r "$src/CMakeLists.txt" "$src/LICENSE" "$src/cmake" "$src/engine" "$tmp/src/"; }
configure() { rm -rf "$tmp/build"
  cmake -S "$tmp/src" -B "$tmp/build" -DEBB_BUILD_GAME=OFF -DEBB_BUILD_TESTS=OFF; }

fresh
expect "header fence passes on the real core" 0 "only the C standard library" \
  "$here/check_core_includes.sh" "$tmp/src/engine"
sed -i '1i #include <sqlite3.h>' "$tmp/src/engine/core/frame.c"
expect "header fence refuses <sqlite3.h>" 1 "core/frame.c:1: error: .*<sqlite3.h>" \
  "$here/check_core_includes.sh" "$tmp/src/engine"
fresh
sed -i '1i #include "io/probe.h"' "$tmp/src/engine/core/score.h"
expect "header fence refuses \"io/probe.h\"" 1 'core/score.h:1: error: .*"io/probe.h"' \
  "$here/check_core_includes.sh" "$tmp/src/engine"

fresh
expect "link fence passes on the real build" 0 "" configure
echo 'target_link_libraries(ebb_core PRIVATE SQLite::SQLite3)' >> "$tmp/src/engine/packs.cmake"
expect "link fence refuses SQLite::SQLite3" 1 "ebb_core must not link SQLite::SQLite3" configure
fresh
echo 'target_link_libraries(ebb_core PUBLIC PkgConfig::PA)' >> "$tmp/src/engine/probes_audio.cmake"
expect "link fence refuses PkgConfig::PA" 1 "ebb_core must not link PkgConfig::PA" configure

[ $fails -eq 0 ] || { echo "$fails purity check(s) did not behave"; exit 1; }
echo "purity fences: all planted violations refused"
