"""Run benchmarks and write their raw JSON."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import time
from pathlib import Path

import benchmarks

RESULTS = Path(__file__).parent / "results"


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _machine() -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmark names (default: all)")
    parser.add_argument("--quick", action="store_true", help="few runs, for CI: no thresholds")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the JSON files")
    args = parser.parse_args(argv)
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    chosen = args.names or names
    unknown = set(chosen) - set(names)
    if unknown:
        parser.error(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(names)}"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    for name in chosen:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        started = time.time()
        result = module.run(quick=args.quick)
        record = {
            "benchmark": name,
            "command": f"python -m benchmarks {'--quick ' if args.quick else ''}{name}",
            "commit": _commit(),
            "machine": _machine(),
            "started": started,
            "quick": args.quick,
            **result,
        }
        path = args.out / f"{name}.json"
        path.write_text(json.dumps(record, indent=2) + "\n")
        print(f"benchmark {name}: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
