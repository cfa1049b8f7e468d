"""Benchmark: the location planner's full ranking of 200 sites x 12 criteria with 10,000 SMAA-2 samples.

Usage: .venv/bin/python benchmarks/decision_smaa.py [--sites 200] [--criteria 12] [--samples 10000] [--repeat 5]
Times `plan_sites` (TOPSIS, PROMETHEE II, VIKOR, Copeland compromise, one-at-a-time weight stability of
every criterion, SMAA-2) for each SMAA value model, and SMAA-2 alone; prints one JSON line per case with
the per-repeat seconds, the median, and whether two runs with the same seed gave identical results.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import numpy as np

from techbridge.core.decision import SMAA2, plan_sites
from techbridge.core.decision.sites_demo import synthetic_matrix


def _time(fn, repeat: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--criteria", type=int, default=12)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    dm = synthetic_matrix(args.sites, args.criteria, seed=0)
    base = {"sites": args.sites, "criteria": args.criteria, "samples": args.samples, "cpus": os.cpu_count()}
    for model in ("topsis", "weighted_sum", "promethee"):
        seconds, plan = _time(
            lambda m=model: plan_sites(dm, smaa_samples=args.samples, smaa_model=m, seed=0), args.repeat
        )
        again = plan_sites(dm, smaa_samples=args.samples, smaa_model=model, seed=0)
        same = plan.as_dict() == again.as_dict()  # type: ignore[attr-defined]
        print(
            json.dumps(
                {
                    "case": f"plan_sites[smaa={model}]",
                    **base,
                    "seconds": [round(s, 3) for s in seconds],
                    "median_s": round(statistics.median(seconds), 3),
                    "same_seed_identical": same,
                }
            )
        )
    seconds, fitted = _time(
        lambda: SMAA2(n_samples=args.samples, model="topsis", seed=0).fit(dm), args.repeat
    )
    again = SMAA2(n_samples=args.samples, model="topsis", seed=0).fit(dm)
    same = bool(np.array_equal(fitted.rank_acceptability_, again.rank_acceptability_))  # type: ignore[attr-defined]
    print(
        json.dumps(
            {
                "case": "SMAA2[topsis] alone",
                **base,
                "seconds": [round(s, 3) for s in seconds],
                "median_s": round(statistics.median(seconds), 3),
                "same_seed_identical": same,
            }
        )
    )


if __name__ == "__main__":
    main()
