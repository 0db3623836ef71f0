#!/usr/bin/env bash
# Dependencies are derived, not remembered: every find_package, pkg_check_modules and
# find_program in the project's CMake files must resolve to a Debian package that
# tools/deps.sh installs (or one such a package depends on directly, or an essential one).
#
# The mapping is worked out from the build, not written down: the CMake cache says which file
# each find resolved to, and dpkg says which package owns that file. A dependency added to the
# CMake files and forgotten in deps.sh fails here, on a machine where it happens to be present.
#
# usage: check_deps.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
cache="$build/CMakeCache.txt"
[ -f "$cache" ] || { echo "no CMakeCache.txt in $build" >&2; exit 2; }

# The packages deps.sh installs: the words of its packages=( ... ) array.
mapfile -t listed < <(sed -n '/^packages=(/,/^)/p' "$src/tools/deps.sh" |
                      sed 's/#.*//; s/packages=(//; s/)//' | tr -s ' \t' '\n' | sed '/^$/d')
[ ${#listed[@]} -gt 0 ] || { echo "could not read the package list of tools/deps.sh" >&2; exit 2; }

is_listed() { local p; for p in "${listed[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

# Packages a listed package pulls in directly (pkg-config -> pkgconf, for example).
declare -A pulled=()
for p in "${listed[@]}"; do
  while read -r d; do pulled[$d]=1; done < <(dpkg-query -W -f='${Depends}\n' "$p" 2>/dev/null |
      tr ',' '\n' | sed 's/([^)]*)//g; s/|.*//; s/:any//; s/[[:space:]]//g' | sed '/^$/d')
done

# The package owning a file: the path as named (a -dev package owns the lib*.so symlink), else
# the file it points to.
owner() {
  local o
  o=$(dpkg-query -S "$1" 2>/dev/null | head -n1 | cut -d: -f1) || true
  [ -n "$o" ] || o=$(dpkg-query -S "$(readlink -f "$1")" 2>/dev/null | head -n1 | cut -d: -f1) || true
  # merged /usr: dpkg may know /usr/bin/bash as /bin/bash
  [ -n "$o" ] || o=$(dpkg-query -S "${1#/usr}" 2>/dev/null | head -n1 | cut -d: -f1) || true
  echo "$o"
}
cache_get() { sed -n "s/^$1:[A-Z]*=//p" "$cache" | head -n1; }

fail=0 checked=0
check_file() { # what file
  local what=$1 file=$2 pkg
  if [ -z "$file" ] || [ ! -e "$file" ]; then
    echo "deps: $what: the build did not resolve it to a file (not found?)"; fail=1; return
  fi
  pkg=$(owner "$file")
  if [ -z "$pkg" ]; then echo "deps: $what: $file belongs to no Debian package"; fail=1; return; fi
  checked=$((checked + 1))
  if is_listed "$pkg" || [ -n "${pulled[$pkg]:-}" ]; then
    printf 'ok    %-28s %-14s %s\n' "$what" "$pkg" "$file"
  elif [ "$(dpkg-query -W -f='${Essential}' "$pkg" 2>/dev/null)" = yes ]; then
    printf 'ok    %-28s %-14s (essential)\n' "$what" "$pkg"
  else
    printf 'MISSING %-26s %s is needed (for %s) but tools/deps.sh does not install it\n' \
      "$what" "$pkg" "$file"
    fail=1
  fi
}

cmake_files=$(cd "$src" && git ls-files 'CMakeLists.txt' '*/CMakeLists.txt' '*.cmake' 2>/dev/null ||
              find . -name CMakeLists.txt -o -name '*.cmake' | grep -v '/build')
calls=$(cd "$src" && cat $cmake_files | sed 's/#.*//' | tr '\n' ' ' |
        grep -oE '(find_package|pkg_check_modules|find_program|find_library|find_path)\([^)]*\)')

while read -r call; do
  [ -n "$call" ] || continue
  fn=${call%%(*}; args=${call#*(}; args=${args%)}
  read -r -a a <<<"$args"
  case $fn in
    find_package)
      name=${a[0]}
      case $name in
        PkgConfig) check_file "find_package(PkgConfig)" "$(cache_get PKG_CONFIG_EXECUTABLE)" ;;
        *)
          dir=$(cache_get "${name}_DIR")
          if [ -n "$dir" ] && [ "$dir" != "${name}_DIR-NOTFOUND" ]; then
            cfg=$(ls "$dir"/*onfig.cmake "$dir"/*-config.cmake 2>/dev/null | head -n1)
            check_file "find_package($name)" "$cfg"
          else
            check_file "find_package($name)" "$(cache_get "${name}_LIBRARY")"
          fi ;;
      esac ;;
    pkg_check_modules)
      for m in "${a[@]:1}"; do
        case $m in REQUIRED|QUIET|IMPORTED_TARGET|GLOBAL|NO_CMAKE_PATH|NO_CMAKE_ENVIRONMENT_PATH) continue ;; esac
        pcdir=$(pkg-config --variable=pcfiledir "$m" 2>/dev/null || true)
        check_file "pkg_check_modules($m)" "${pcdir:+$pcdir/$m.pc}"
      done ;;
    find_program)
      var=${a[0]}
      check_file "find_program(${a[1]})" "$(cache_get "$var")" ;;
    find_library)
      check_file "find_library(${a[1]})" "$(cache_get "${a[0]}")" ;;
    find_path) # the cache holds the directory; the file named is what the package owns
      check_file "find_path(${a[1]})" "$(cache_get "${a[0]}")/${a[1]}" ;;
  esac
done <<<"$(echo "$calls" | sed 's/) /)\n/g' | sort -u)"

echo "deps: $checked dependencies checked against tools/deps.sh"
[ "$checked" -gt 10 ] || { echo "deps: suspiciously few dependencies found"; fail=1; }
exit $fail
