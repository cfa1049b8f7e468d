"""Which definition of a "break" reproduces the best known totals of the real B2B instances?

For each original instance: (a) breaks = idle gaps per participant over the whole day (our solver's
definition; proven optimum), (b) idle slots between first and last meeting: a lower bound (each participant alone, the shortest
run of slots that takes all its meetings, by bipartite matching) and the count on schedule (a), and
(c) gaps counted per session (the lunch pause not a break; proven optimum with sessions as days).

    .venv/bin/python benchmarks/schedule_break_definitions.py --time-limit 60
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from techbridge.core.scheduling import read_dzn, solve
from techbridge.core.scheduling.bounds import perfect_matching
from techbridge.paths import shared_data_dir

ORIGINALS = {"forum-13": 0, "forum-14": 2, "forumt-14": 5, "tic-12": 0, "tic-13": 0}


def idle_slots(model, assignments) -> int:
    """Idle slots between each participant's first and last meeting of the day, summed."""
    busy: dict[str, list[int]] = {}
    for a in assignments:
        for p in model.request_by_id[a.meeting_id].participants:
            busy.setdefault(p, []).append(a.slot)
    return sum(max(v) - min(v) + 1 - len(v) for v in busy.values())


def idle_slots_lower_bound(model) -> int:
    """Sum over participants of the fewest idle slots they need alone (shortest run of slots that fits)."""
    total = 0
    n_slots = len(model.slots)
    for p in model.participants:
        options = [set(model.candidate_slots(model.request_by_id[m])) for m in model.requests_of[p.id]]
        n = len(options)
        for extra in range(n_slots - n + 1) if n > 1 else []:
            width = n + extra
            if any(
                perfect_matching([[s for s in range(a, a + width) if s in o] for o in options])
                for a in range(n_slots - width + 1)
            ):
                total += extra
                break
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    root = shared_data_dir()
    if root is None:
        print("skipped: ../shared/data is absent", file=sys.stderr)
        return 0
    for name, best in ORIGINALS.items():
        model = read_dzn(root / "b2b-meetings" / f"{name}.original.dzn")
        day = solve(model, time_limit=args.time_limit)
        by_session = replace(
            model, slots=tuple(replace(s, day=0 if s.session == "morning" else 1) for s in model.slots)
        )
        session = solve(by_session, time_limit=args.time_limit)
        print(
            json.dumps(
                {
                    "instance": name,
                    "best_known": best,
                    "gaps_per_day": day.breaks,
                    "gaps_per_day_proven": day.optimal,
                    "idle_slots_lower_bound": idle_slots_lower_bound(model),
                    "idle_slots_on_that_schedule": idle_slots(model, day.assignments),
                    "gaps_per_session": session.breaks,
                    "gaps_per_session_proven": session.optimal,
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
