#!/usr/bin/env bash
# Installs what the project needs on Debian 12 (apt packages, a .venv with the app and its
# dev tools) and does nothing that is already done. Sourced by run.sh and test.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# System packages: PortAudio (+ the ALSA pulse plugin) for audio, espeak-ng for speech,
# PulseAudio for the private virtual devices the tests use.
apt_packages=(
  python3 python3-venv git
  libportaudio2 libasound2-plugins pulseaudio pulseaudio-utils alsa-utils
  espeak-ng sox
  # the window under Xvfb (tests, smoke runs); Qt's xcb plugin needs these libraries
  xvfb imagemagick x11-utils xdotool libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libegl1 libgl1
  fonts-dejavu-core libdbus-1-3 libfontconfig1
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "bootstrap: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install: ${missing[*]} (no apt-get here)" >&2
  fi
fi

# The venv uses Debian's Python when there is one (the Quick start targets Debian 12).
python=${PYTHON:-}
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=python3; fi
fi
venv="$root/.venv"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
stamp="$venv/.installed-$(cat "$root/pyproject.toml" | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install -q --upgrade pip >&2
  "$venv/bin/python" -m pip install -q -e "$root[dev]" >&2
  rm -f "$venv"/.installed-*; touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
