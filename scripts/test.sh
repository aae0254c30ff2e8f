#!/usr/bin/env bash
# Sets up (first time) and runs every check: lint, types, the benchmarks in quick mode (results to
# a temporary folder; docs/benchmarks.md is regenerated only by hand), then every test. Prints the
# wall time of each stage and the slowest tests; arguments go to pytest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
began=$SECONDS
stage() {  # stage NAME COMMAND...: runs it between a header and its wall time
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - start)) s"
}
BOOTSTRAP_FOR=test
echo "== set-up"
source "$root/scripts/bootstrap.sh"
echo "== set-up: $((SECONDS - began)) s"
cd "$root"
stage ruff ruff check translator tests benchmarks
stage mypy mypy
stage "benchmarks (quick; results to a temporary folder)" python -m benchmarks --quick --out "$(mktemp -d)"
stage pytest python -m pytest -q -p no:cacheprovider --durations=15 "$@"
echo "== all checks passed in $((SECONDS - began)) s"
