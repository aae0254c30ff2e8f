#!/usr/bin/env bash
# Sets up (first time) and runs every check: lint, types, all tests, and the benchmarks in
# quick mode (results to a temporary folder; docs/benchmarks.md is regenerated only by hand).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/bootstrap.sh"
cd "$root"
echo "== ruff";  ruff check translator tests benchmarks
echo "== mypy";  mypy
echo "== pytest"; python -m pytest -q -p no:cacheprovider "$@"
echo "== benchmarks (quick)"
out=$(mktemp -d)
python -m benchmarks --quick --out "$out"
