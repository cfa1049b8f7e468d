"""Benchmark: Monte Carlo uncertainty + Sobol' sensitivity of a 300-unit x 60-indicator index.

Usage: .venv/bin/python benchmarks/indicators_mc.py [--runs 10000] [--repeat 3] [--units 300] [--indicators 60]
Prints one JSON line: runs, seconds per repeat, median, and whether repeated runs with the same seed are identical.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd

from techbridge.core.indicators.framework import Framework
from techbridge.core.indicators.method import Method
from techbridge.core.indicators.pipeline import Pipeline
from techbridge.core.indicators.uncertainty import UncertaintyAnalysis, UncertaintySpec


def synthetic(units: int, indicators: int, seed: int = 7) -> tuple[Framework, pd.DataFrame]:
    """A seeded synthetic index: pillars of 10 indicators, two sub-indices, skewed columns, 3% missing."""
    rng = np.random.default_rng(seed)
    pillars = max(1, indicators // 10)
    spec = {
        "groups": ["region"],
        "indicators": [
            {
                "code": f"i{j:02d}",
                "parent": f"P{j % pillars}",
                "direction": 1 if j % 7 else -1,
                "weight": 1 + j % 3,
            }
            for j in range(indicators)
        ],
        "aggregates": [{"code": f"P{p}", "parent": f"S{p % 2}"} for p in range(pillars)]
        + [{"code": "S0", "parent": "Index"}, {"code": "S1", "parent": "Index"}, {"code": "Index"}],
    }
    latent = rng.normal(size=(units, 1))
    values = latent + rng.normal(size=(units, indicators))
    values[:, ::4] = np.exp(values[:, ::4] * 1.5)  # heavy right tails: treatment has work to do
    values[rng.random(values.shape) < 0.03] = np.nan
    data = pd.DataFrame(values, columns=[f"i{j:02d}" for j in range(indicators)])
    data.insert(0, "uCode", [f"U{i:03d}" for i in range(units)])
    data.insert(1, "region", rng.choice(["A", "B", "C"], size=units))
    return Framework.from_dict(spec), data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=60)
    args = parser.parse_args()
    fw, data = synthetic(args.units, args.indicators)
    method = Method.from_dict(
        {
            "impute": {"method": "group_mean", "group": "region"},
            "treat": "winsorise",
            "normalise": {"method": "minmax", "low": 1, "high": 100},
        }
    )
    spec = UncertaintySpec(
        weights_noise=0.25,
        # positive ranges only: the harmonic mean refuses negative values (z-scores)
        normalise=(
            {"method": "minmax", "low": 1, "high": 100},
            {"method": "prank", "low": 1, "high": 100},
            "rank",
        ),
        aggregate=("arithmetic", "harmonic"),
        treat_skew=(2.0, 1.5, None),
        impute=("group_mean", "mean", "median"),
        runs=args.runs,
        seed=42,
    )
    times, outputs = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = UncertaintyAnalysis(Pipeline(fw, method), spec).fit(data).result_
        times.append(time.perf_counter() - start)
        outputs.append(result)
    identical = all(
        np.array_equal(o.scores, outputs[0].scores)
        and o.ranks.equals(outputs[0].ranks)
        and o.sobol.equals(outputs[0].sobol)
        for o in outputs
    )
    print(
        json.dumps(
            {
                "units": args.units,
                "indicators": args.indicators,
                "runs": outputs[0].runs,
                "factors": outputs[0].factors,
                "seconds": [round(t, 2) for t in times],
                "median_seconds": round(statistics.median(times), 2),
                "identical_with_same_seed": identical,
                "sobol_ST": {k: round(float(v), 3) for k, v in outputs[0].sobol["ST"].items()},
            }
        )
    )


if __name__ == "__main__":
    main()
