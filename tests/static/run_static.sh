#!/bin/sh
# Static analysis of engine/ and game/ with cppcheck and clang-tidy, from the build's
# compile_commands.json; zero findings, or each one suppressed inline with its reason
# (cppcheck-suppress ID / NOLINT(check)). clang-tidy's check set is in /.clang-tidy.
#
#   run_static.sh SOURCE_DIR BUILD_DIR [cppcheck|clang-tidy]
#
# cppcheck: the error, warning, performance and portability checks (style is left to review
# and the compiler's warnings), every configuration but NDEBUG's twin (--max-configs=1).
set -u
src=$1 build=$2 only=${3:-}
db=$build/compile_commands.json
[ -f "$db" ] || { echo "no $db (configure with CMAKE_EXPORT_COMPILE_COMMANDS)"; exit 2; }
jobs=$(nproc 2>/dev/null || echo 2)
tmp=$(mktemp -d /tmp/ebb-static-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# The product's sources (not the tests', not generated ones), as the build compiles them.
sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$db" | grep -E "^$src/(engine|game)/" | sort -u \
  >"$tmp/files"
[ -s "$tmp/files" ] || { echo "no engine/ or game/ sources in $db"; exit 2; }
fail=0

if [ -z "$only" ] || [ "$only" = cppcheck ]; then
  start=$(date +%s)
  (cd "$src" && cppcheck --project="$db" --file-filter="$src/engine/*" --file-filter="$src/game/*" \
      --enable=warning,performance,portability --std=c11 --inline-suppr --max-configs=1 \
      -j "$jobs" -q --error-exitcode=1 --suppress=missingIncludeSystem \
      --template='{file}:{line}: {severity}: {id}: {message}') >"$tmp/cppcheck" 2>&1
  rc=$?
  cat "$tmp/cppcheck"
  echo "cppcheck: $(wc -l <"$tmp/files") files, exit $rc, $(($(date +%s) - start)) s"
  [ $rc -eq 0 ] && [ ! -s "$tmp/cppcheck" ] || fail=1
fi

if [ -z "$only" ] || [ "$only" = clang-tidy ]; then
  start=$(date +%s)
  # One clang-tidy per file, as many at a time as there are cores.
  xargs -P "$jobs" -n 1 clang-tidy -p "$build" --quiet <"$tmp/files" >"$tmp/tidy" 2>"$tmp/tidy.err"
  rc=$?
  grep -E "(warning|error):" "$tmp/tidy" | sort -u
  echo "clang-tidy: $(wc -l <"$tmp/files") files, exit $rc, $(($(date +%s) - start)) s"
  if [ $rc -ne 0 ] || grep -qE "(warning|error):" "$tmp/tidy"; then fail=1; grep -v "warnings generated\|^Suppressed\|^Use -header-filter\|NOLINT" "$tmp/tidy.err" | head -20; fi
fi
[ $fail -eq 0 ] && echo "static analysis: no findings"
exit $fail
