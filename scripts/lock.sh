#!/usr/bin/env bash
# Refreshes requirements.lock, the exact set of packages (with hashes) that scripts/bootstrap.sh
# installs: the app and its dev tools, for Python 3.11-3.13 on every platform (markers where they
# differ). Written by uv's `pip compile` from the ranges in pyproject.toml, which stay open for
# people who install the package as a library.
#
#   bash scripts/lock.sh                  # keep every pin that still fits pyproject.toml
#   bash scripts/lock.sh --upgrade        # newest of everything that fits
#   bash scripts/lock.sh --upgrade-package numpy
#
# Check a refresh before committing it: commit, then ../shared/tools/fresh-ci (the whole suite,
# from a fresh clone, installing exactly the new set). The README's "Development" says more.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
uv_version=0.13.8
tools=${XDG_CACHE_HOME:-$HOME/.cache}/translator-lock/uv-$uv_version
if [ ! -x "$tools/bin/uv" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install -q "uv==$uv_version"
fi
cd "$root"
"$tools/bin/uv" pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
  --quiet --generate-hashes --custom-compile-command "bash scripts/lock.sh" \
  --output-file requirements.lock "$@"
