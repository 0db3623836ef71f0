#!/usr/bin/env bash
# Installs the Debian packages Ebb needs to build, run and test, if any are missing.
# Uses apt-get as root, or through sudo. Safe to run again: it does nothing when all are there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libsdl2-image-dev
  libfontconfig-dev fonts-dejavu-core
  portaudio19-dev libasound2-dev libserialport-dev liblo-dev
  libsqlite3-dev libcmocka-dev
  xvfb xauth sox socat liblo-tools groff-base
  chromium poppler-utils
  pulseaudio pulseaudio-utils libasound2-plugins
  desktop-file-utils appstream dpkg-dev file
  libsystemd-dev dbus python3-dbus python3-gi
  flite1-dev
  valgrind cppcheck clang-tidy
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "These packages are missing and I am not root and there is no sudo:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
