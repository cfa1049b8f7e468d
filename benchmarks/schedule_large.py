"""Benchmark of the meeting scheduler on large synthetic events against greedy baselines.

Generates an event (Zipf popularity, delegations, absences), runs first-fit and priority-order greedy
baselines and the CP-SAT solver (maximise weighted meetings, one-meeting guard), ``--repeats`` times
with different seeds; prints one JSON line per run and the medians.

    .venv/bin/python benchmarks/schedule_large.py --participants 1000 --requests 8000 --slots 36 \\
        --tables 120 --time-limit 120 --seeds 1 2 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from techbridge.core.scheduling.benchmark import compare_large
from techbridge.core.scheduling.generate import generate_event


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=8000)
    parser.add_argument("--slots", type=int, default=36)
    parser.add_argument("--tables", type=int, default=120)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    runs = []
    for seed in args.seeds:
        model = generate_event(
            participants=args.participants,
            requests=args.requests,
            slots=args.slots,
            tables=args.tables,
            seed=seed,
        )
        row = compare_large(model, time_limit=args.time_limit, workers=args.workers)
        runs.append(row)
        print(json.dumps(row), flush=True)
    solver = [r["solver"] for r in runs]
    summary = {
        "median_share_of_bound": statistics.median(s["share_of_bound"] for s in solver),  # type: ignore[index]
        "median_gap": statistics.median(s["gap"] for s in solver),  # type: ignore[index]
        "median_seconds": statistics.median(s["seconds"] for s in solver),  # type: ignore[index]
        "median_uplift_weight_vs_first_fit": statistics.median(r["uplift_weight_vs_first_fit"] for r in runs),
        "median_uplift_weight_vs_priority_greedy": statistics.median(
            r["uplift_weight_vs_priority_greedy"] for r in runs
        ),
        "max_zero_meeting_participants": max(s["zero_meeting_participants"] for s in solver),  # type: ignore[index]
    }
    print(json.dumps({"summary": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
