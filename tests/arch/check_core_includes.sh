#!/usr/bin/env bash
# The core's header fence: every file under engine/core/ may include the C standard library
# and the core's own headers ("core/x.h" that exist), nothing else. Linking is fenced by
# cmake/EbbPurity.cmake; this catches what linking cannot: a core file that includes
# <sqlite3.h> or "io/probe.h" compiles, because those headers are on the system include path.
#
# usage: check_core_includes.sh ENGINE_DIR     (exit 0 clean, 1 with a line per violation)
set -euo pipefail
engine=${1:?usage: check_core_includes.sh ENGINE_DIR}
core="$engine/core"
[ -d "$core" ] || { echo "no $core" >&2; exit 2; }

std=" assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h locale.h
 math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbool.h stddef.h stdint.h stdio.h
 stdlib.h stdnoreturn.h string.h tgmath.h threads.h time.h uchar.h wchar.h wctype.h "

bad=0 files=0
while IFS= read -r -d '' f; do
  files=$((files + 1))
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    # "# include", "#include", with <...> or "..."; a macro include is refused too.
    [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*(.*)$ ]] || continue
    what=${BASH_REMATCH[1]}
    if [[ $what =~ ^\<([^>]+)\> ]]; then
      h=${BASH_REMATCH[1]}
      [[ $std == *" $h"[[:space:]]* ]] && continue
      echo "$f:$n: error: engine/core may include only the C standard library, not <$h>"
    elif [[ $what =~ ^\"(core/[A-Za-z0-9_]+\.h)\" ]] && [ -f "$engine/${BASH_REMATCH[1]}" ]; then
      continue
    else
      echo "$f:$n: error: engine/core may include only \"core/...\" headers, not $what"
    fi
    bad=$((bad + 1))
  done < "$f"
done < <(find "$core" -type f \( -name '*.c' -o -name '*.h' \) -print0)

[ "$files" -gt 0 ] || { echo "no core sources under $core" >&2; exit 2; }
if [ "$bad" -gt 0 ]; then
  echo "core purity: $bad forbidden include(s); the core is libc and libm only (docs/architecture.md)"
  exit 1
fi
echo "core purity: $files files, only the C standard library and core headers"
