"""Benchmark of the meeting scheduler on the real B2B instances (Bofill et al., JAIR 2022).

Runs every instance ``--repeats`` times (the median time is reported), checks every schedule with the
independent validator and prints one JSON line per instance plus a Markdown table at the end.

    .venv/bin/python benchmarks/schedule_b2b.py --repeats 3 --time-limit 60 '*.original.dzn'
    .venv/bin/python benchmarks/schedule_b2b.py --repeats 1 --time-limit 30 '*.dzn'
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from techbridge.core.scheduling.benchmark import bench_instance
from techbridge.paths import shared_data_dir

BEST_KNOWN = {"forum-13": 0, "forum-14": 2, "forumt-14": 5, "tic-12": 0, "tic-13": 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", default=["*.dzn"], help="file name globs in b2b-meetings/")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--precedence",
        choices=["after", "before"],
        default="after",
        help="precedences[m] lists meetings after m (PROVENANCE.md) or before m",
    )
    args = parser.parse_args()
    root = shared_data_dir()
    if root is None:
        print("skipped: ../shared/data is absent", file=sys.stderr)
        return 0
    files = sorted({f for p in args.patterns for f in (root / "b2b-meetings").glob(p)})
    rows = []
    for path in files:
        runs = [
            bench_instance(path, time_limit=args.time_limit, workers=args.workers, precedence=args.precedence)
            for _ in range(args.repeats)
        ]
        row = dict(runs[-1])
        row["seconds"] = statistics.median(float(str(r["seconds"])) for r in runs)
        row["seconds_runs"] = [r["seconds"] for r in runs]
        row["optimal_runs"] = sum(bool(r.get("optimal")) for r in runs)
        row["breaks_runs"] = [r.get("breaks") for r in runs]
        rows.append(row)
        print(json.dumps(row), flush=True)
    print(_table(rows))
    return 0


def _table(rows: list[dict[str, object]]) -> str:
    out = [
        "| instance | meetings | scheduled | breaks | bound | optimal (runs) | median s | valid | best known |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        name = str(r["instance"]).removesuffix(".dzn")
        best = BEST_KNOWN.get(name.removesuffix(".original"), "") if name.endswith(".original") else ""
        out.append(
            f"| {name} | {r['meetings']} | {r.get('scheduled')} | {r.get('breaks', '-')} | "
            f"{r.get('bound', '-')} | {r.get('optimal_runs')}/{len(r['seconds_runs'])} | "  # type: ignore[arg-type]
            f"{r['seconds']:.1f} | {r.get('valid', r.get('infeasible') and 'infeasible')} | {best} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
