#!/usr/bin/env bash
# The manual page keeps up with the program: every command `ebb --help` lists has its entry in
# docs/ebb.6, every option of play is described, and groff reads the page without a warning.
# usage: check_manpage.sh EBB MANPAGE GROFF
set -euo pipefail
ebb=$1 page=$2 groff=$3
fail=0
help=$("$ebb" --help)
# The page as text, hyphens as typed: what a reader sees.
text=$("$groff" -man -Tutf8 -P-c -ww "$page" 2>"${TMPDIR:-/tmp}/ebb-man-warn.$$" | sed 's/\x08.//g; s/‐/-/g')
if [ -s "${TMPDIR:-/tmp}/ebb-man-warn.$$" ]; then
  echo "groff warns about $page:"; cat "${TMPDIR:-/tmp}/ebb-man-warn.$$"; fail=1
fi
rm -f "${TMPDIR:-/tmp}/ebb-man-warn.$$"

# Commands: "  ebb WORD [WORD]" lines of the usage, e.g. "ebb pack install", "ebb today".
mapfile -t cmds < <(grep -oE '^  ebb( [a-z]+( [a-z]+)?)?' <<<"$help" | sed 's/^  //' |
                    while read -r a b c; do
                      if [ "$b" = pack ]; then echo "$a $b $c"; else echo "${a}${b:+ $b}"; fi
                    done | sort -u)
[ ${#cmds[@]} -ge 10 ] || { echo "found only ${#cmds[@]} commands in ebb --help"; exit 1; }
for c in "${cmds[@]}"; do
  if grep -qE "^       $c( |$)" <<<"$text"; then echo "ok: $c"; else
    echo "MISSING: '$c' is in ebb --help but has no entry in $page"; fail=1; fi
done
# Options: every --option of the usage text.
for o in $(grep -oE -- '--[a-z][a-z-]+' <<<"$help" | sort -u); do
  if grep -q -- "$o" <<<"$text"; then :; else
    echo "MISSING: option $o is in ebb --help but not in $page"; fail=1; fi
done
exit $fail
