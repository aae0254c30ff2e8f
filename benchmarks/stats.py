"""Summary statistics shared by the benchmarks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def summarize(name: str, unit: str, values: Sequence[float], target: str = "") -> dict[str, object]:
    """One metrics row: count, median, 95th percentile and spread of ``values``."""
    a = np.asarray(values, dtype=float)
    row: dict[str, object] = {
        "name": name,
        "unit": unit,
        "n": int(a.size),
        "p50": float(np.percentile(a, 50)),
        "p95": float(np.percentile(a, 95)),
        "min": float(a.min()),
        "max": float(a.max()),
    }
    if target:
        row["target"] = target
    return row
