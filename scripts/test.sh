#!/usr/bin/env bash
# Sets up (first time) and runs every check: lint, types, the benchmarks in quick mode (results to
# a temporary folder; docs/benchmarks.md is regenerated only by hand), then every test.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BOOTSTRAP_FOR=test
source "$root/scripts/bootstrap.sh"
cd "$root"
echo "== ruff";  ruff check translator tests benchmarks
echo "== mypy";  mypy
echo "== benchmarks (quick; results to a temporary folder)"
python -m benchmarks --quick --out "$(mktemp -d)"
echo "== pytest"; python -m pytest -q -p no:cacheprovider "$@"
