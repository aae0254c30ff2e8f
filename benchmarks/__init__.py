"""Benchmarks: each ``bench_*.py`` module has ``run(quick: bool) -> dict`` returning raw results.

``python -m benchmarks [--quick] [--out DIR] [NAME ...]`` runs them and writes one JSON file per
benchmark (command, commit, machine, runs); ``python -m benchmarks.report`` turns the JSON in
``benchmarks/results/`` into ``docs/benchmarks.md``.
"""
