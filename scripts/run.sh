#!/usr/bin/env bash
# Sets up (first time) and runs the app. Until the window lands this is the headless demo:
# the local Realtime server with its demo brain, interpreting a spoken sample end to end.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/bootstrap.sh"
exec translator demo "$@"
