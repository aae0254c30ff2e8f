#!/usr/bin/env bash
# Sets up (first time) and opens the window. Without an API key it starts in demo mode against
# the built-in local server. On a Linux machine with no display (a server, a container) it says
# so and runs the headless demo (`translator demo`) instead.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/bootstrap.sh"
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset): running the headless demo" \
       "instead of the window" >&2
  exec translator demo "$@"
fi
exec translator gui "$@"
