"""``translator serve``: command-line arguments of the local server (placeholder, being built)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0)


def run(args: argparse.Namespace) -> int:
    raise SystemExit("translator serve: not built yet")
