"""Benchmark: COINr ASEM parity (every stage, ranks) and the time of one full pipeline run with analysis.

Usage: .venv/bin/python benchmarks/indicators_asem.py [--repeat 5] [--dir ../shared/data/coinr-asem]
Prints one JSON line: the parity report (10-digit inputs as the reference used) and run times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from techbridge.core.indicators.coinr import asem_parity
from techbridge.paths import shared_data_dir


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    base = args.dir or ((shared_data_dir() or Path("/nonexistent")) / "coinr-asem")
    if not base.is_dir():
        print(f"skipped: {base} is absent (the real datasets live beside the checkout)", file=sys.stderr)
        return 0
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        report, _ = asem_parity(base, input_digits=10)
        times.append(time.perf_counter() - start)
    full, _ = asem_parity(base, input_digits=None)
    report["full_precision_max_abs_diff"] = full["max_abs_diff"]
    report["full_precision_rank_mismatches"] = full["rank_mismatches"]
    report["seconds_per_run_and_compare"] = [round(t, 3) for t in times]
    report["median_seconds"] = round(statistics.median(times), 3)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
