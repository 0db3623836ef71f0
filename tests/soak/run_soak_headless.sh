#!/bin/sh
# Runs the accelerated soak in a fresh folder. Usage: SOAK LEVELS_DIR HOURS
set -u
tmp=$(mktemp -d /tmp/ebb-soak-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$1" "$2" "$tmp" --hours "$3"
