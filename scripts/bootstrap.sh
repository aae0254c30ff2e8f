#!/usr/bin/env bash
# Installs what the project needs on Debian 12 (and Debian/Ubuntu relatives): apt packages, then a
# .venv with the app and its dev tools (exactly the locked set, requirements.lock) on Python 3.11,
# 3.12 or 3.13. Does nothing that is already done (one dpkg query and one file check when all is
# there). Sourced by run.sh (the app's needs) and test.sh, which sets BOOTSTRAP_FOR=test first
# (plus what the tests need).
# PYTHON=/path/to/python3.X picks the interpreter for a new .venv.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# System packages. "a|b" means the first that this system's apt knows (Ubuntu 24.04 renamed
# several libraries with a t64 suffix; older releases used -mesa names for the GL libraries).
app_packages=(
  python3 python3-venv ca-certificates
  # audio: PortAudio, and ALSA's pulse plugin, through which it reaches PulseAudio/PipeWire
  libportaudio2 "libasound2t64|libasound2" libasound2-plugins
  # PulseAudio's client library: a device removed under a running stream (translator/audio/pulse.py)
  libpulse0
  # speech for the demo and the local server
  espeak-ng
  # the window: the libraries Qt's xcb platform plugin loads
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 "libegl1|libegl1-mesa" "libgl1|libgl1-mesa-glx"
  libfontconfig1 libdbus-1-3 fonts-dejavu-core
  # every language's own name in the pickers: Arabic, Indic, Thai and CJK scripts (test_i18n)
  fonts-noto-core fonts-noto-cjk
)
test_packages=(
  git sox alsa-utils
  # setpriv --pdeathsig: helper processes end with the test run (tests/support/children.py);
  # unshare and ip: a private network for WebRTC runs (tests/support/webrtc.py)
  util-linux iproute2
  # a private PulseAudio with virtual devices (tests/device)
  pulseaudio pulseaudio-utils
  # the window under Xvfb, looked at and screenshotted (tests/gui, tests/packaging)
  xvfb xauth x11-utils xdotool imagemagick
  # packaging checks: the frozen app builds (PyInstaller reads libraries with objdump), the
  # Windows installer compiles, the desktop file and metainfo validate
  binutils nsis desktop-file-utils appstream
)
wanted=("${app_packages[@]}")
[ "${BOOTSTRAP_FOR:-run}" != test ] || wanted+=("${test_packages[@]}")

# Installs the groups given that dpkg does not list as installed (none of a group's names).
ensure_packages() {
  local wanted=("$@") installed missing=() group name found
  if ! command -v dpkg-query >/dev/null; then
    echo "bootstrap: not a Debian-like system (no dpkg): make sure the equivalents of these are" \
         "installed: ${wanted[*]//|/ or }" >&2
    return 0
  fi
  installed=" $(dpkg-query -W -f='${Package}=${db:Status-Status} ' \
               $(printf '%s\n' "${wanted[@]}" | tr '|' '\n') 2>/dev/null || true) "
  for group in "${wanted[@]}"; do
    found=""
    for name in ${group//|/ }; do
      [[ "$installed" == *" $name=installed "* ]] && found=$name
    done
    [ -n "$found" ] || missing+=("$group")
  done
  # PipeWire's pulse server and PulseAudio exclude each other: never swap a desktop's sound
  # server behind the user's back (the tests only need the pulseaudio program).
  if [[ " ${missing[*]-} " == *" pulseaudio "* ]] && [[ "$installed" == *" pipewire-pulse=installed "* ]]; then
    echo "bootstrap: pipewire-pulse is installed, so pulseaudio (for the device tests) is not" \
         "installed automatically; to install it anyway: sudo apt-get install pulseaudio" >&2
    local kept=()
    for group in "${missing[@]}"; do [ "$group" = pulseaudio ] || kept+=("$group"); done
    missing=("${kept[@]+"${kept[@]}"}")
  fi
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
      sudo="sudo"
    else
      sudo="none"
    fi
  fi
  local names=()
  if ! command -v apt-get >/dev/null || [ "$sudo" = none ]; then
    for group in "${missing[@]}"; do names+=("$(first_known "$group")"); done
    echo "bootstrap: missing system packages; as root, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${names[*]}" >&2
    exit 1
  fi
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  for group in "${missing[@]}"; do names+=("$(first_known "$group")"); done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${names[@]}" >/dev/null
}

# The first name of an "a|b" group that apt can install; with no package lists yet, the first.
first_known() {
  local name
  for name in ${1//|/ }; do
    if apt-cache show --no-all-versions "$name" >/dev/null 2>&1; then echo "$name"; return; fi
  done
  echo "${1%%|*}"
}

ensure_packages "${wanted[@]}"

# The interpreter: $PYTHON, else Debian's python3, else the newest supported python3.X around.
supported() { "$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; }
python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in /usr/bin/python3 python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null && supported "$candidate"; then python=$candidate; break; fi
  done
fi
venv="$root/.venv"
if ! { [ -x "$venv/bin/python" ] && supported "$venv/bin/python"; }; then
  if [ -z "$python" ] || ! supported "$python"; then
    echo "bootstrap: needs Python 3.11, 3.12 or 3.13 (found: $(python3 --version 2>&1 || echo none));" \
         "install one (e.g. apt-get install python3.11 python3.11-venv) and run again with" \
         "PYTHON=/usr/bin/python3.11" >&2
    exit 1
  fi
  if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    echo "bootstrap: $python cannot make a venv; as root, run: apt-get install python$version-venv" >&2
    exit 1
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
# PyInstaller (the frozen-app test) needs the shared libpython of Debian's interpreter.
if [ "${BOOTSTRAP_FOR:-run}" = test ] && [ "$("$venv/bin/python" -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
  ensure_packages "libpython$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
fi
# Python packages: exactly the locked set (requirements.lock, hashes checked; refreshed by
# scripts/lock.sh), then the app itself, editable, with nothing more resolved.
stamp="$venv/.installed-$(cat "$root/requirements.lock" "$root/pyproject.toml" | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install -q --require-hashes -r "$root/requirements.lock" >&2
  "$venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$root" >&2
  rm -f "$venv"/.installed-*; touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
