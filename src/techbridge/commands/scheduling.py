"""`techbridge bench schedule` and `techbridge bench schedule-large`: the meeting scheduler on real and
synthetic brokerage events (one JSON line per instance)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(commands: argparse._SubParsersAction, bench: argparse._SubParsersAction) -> None:
    p = bench.add_parser(
        "schedule", help="schedule B2B .dzn instances (all meetings, fewest breaks) and validate"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="MiniZinc .dzn instance files")
    p.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance (default 60)")
    p.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    p.set_defaults(func=_schedule)
    q = bench.add_parser("schedule-large", help="synthetic large event: solver vs greedy baselines")
    q.add_argument("--participants", type=int, default=1000)
    q.add_argument("--requests", type=int, default=8000)
    q.add_argument("--slots", type=int, default=36)
    q.add_argument("--tables", type=int, default=120)
    q.add_argument("--seed", type=int, default=0)
    q.add_argument("--time-limit", type=float, default=120.0, help="solver seconds (default 120)")
    q.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    q.set_defaults(func=_schedule_large)


def _schedule(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.scheduling.benchmark import bench_instance
    from techbridge.core.scheduling.dzn import DznError

    _positive(args.time_limit, "--time-limit")
    for name in args.files:
        if not Path(name).is_file():
            raise CommandError(f"no such instance file: {name}")
    for name in args.files:
        try:
            row = bench_instance(name, time_limit=args.time_limit, workers=args.workers)
        except DznError as exc:
            raise CommandError(str(exc)) from exc
        print(json.dumps(row), flush=True)
    return 0


def _schedule_large(args: argparse.Namespace) -> int:
    from techbridge.core.scheduling.benchmark import compare_large
    from techbridge.core.scheduling.generate import generate_event

    for flag in ("participants", "requests", "slots", "tables"):
        _positive(getattr(args, flag), f"--{flag}")
    _positive(args.time_limit, "--time-limit")
    model = generate_event(
        participants=args.participants,
        requests=args.requests,
        slots=args.slots,
        tables=args.tables,
        seed=args.seed,
    )
    print(json.dumps(compare_large(model, time_limit=args.time_limit, workers=args.workers)), flush=True)
    return 0


def _positive(value: float, flag: str) -> None:
    from techbridge.cli import CommandError

    if value <= 0:
        raise CommandError(f"{flag} must be positive, got {value}")
