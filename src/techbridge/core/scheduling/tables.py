"""Table assignment once slots are chosen: keep each host at one home table where it can.

Hosts (most meetings first) get a home table each, shared only when hosts outnumber tables, choosing
the table whose other hosts overlap least in time. Then every slot is a min-cost bipartite assignment
(Hungarian method, Kuhn 1955) of its in-person meetings to open tables: cost 0 at the host's home
table, 1 at the table the host used last, 2 elsewhere. Seat counts and closed tables are respected.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment

from .model import IN_PERSON, EventModel
from .result import Assignment

_FORBIDDEN = 10**6


def home_tables(model: EventModel, slot_of: dict[str, int]) -> dict[str, str]:
    """Host id -> home table id, busiest hosts first, spreading hosts over tables."""
    busy: dict[str, set[int]] = defaultdict(set)
    size: dict[str, int] = defaultdict(int)
    for mid, slot in slot_of.items():
        r = model.request_by_id[mid]
        if r.mode == IN_PERSON:
            busy[r.host_id].add(slot)
            size[r.host_id] = max(size[r.host_id], len(r.participants))
    table_busy: dict[str, set[int]] = {t.id: set() for t in model.tables}
    home: dict[str, str] = {}
    for host in sorted(busy, key=lambda h: (-len(busy[h]), h)):
        fits = [t for t in model.tables if t.seats >= size[host]] or list(model.tables)
        best = min(
            fits,
            key=lambda t: (
                len(table_busy[t.id] & busy[host]) + len(t.unavailable & busy[host]),
                len(table_busy[t.id]),
                t.seats,
            ),
        )
        home[host] = best.id
        table_busy[best.id] |= busy[host]
    return home


def assign_tables(
    model: EventModel, slot_of: dict[str, int], keep: dict[str, str] | None = None
) -> list[Assignment]:
    """Assignments with tables for ``slot_of`` (meeting -> slot); ``keep`` pins meeting -> table.

    Raises ValueError when a slot holds more in-person meetings than its open tables can seat.
    """
    keep = keep or {}
    home = home_tables(model, slot_of)
    by_slot: dict[int, list[str]] = defaultdict(list)
    out: list[Assignment] = []
    for mid, slot in slot_of.items():
        if model.request_by_id[mid].mode == IN_PERSON:
            by_slot[slot].append(mid)
        else:
            out.append(Assignment(mid, slot, None))
    last_table: dict[str, str] = {}
    for slot in sorted(by_slot):
        for mid, table in _assign_slot(model, slot, sorted(by_slot[slot]), home, last_table, keep):
            out.append(Assignment(mid, slot, table))
            last_table[model.request_by_id[mid].host_id] = table
    return sorted(out, key=lambda a: (a.slot, a.meeting_id))


def _assign_slot(
    model: EventModel,
    slot: int,
    meetings: list[str],
    home: dict[str, str],
    last_table: dict[str, str],
    keep: dict[str, str],
) -> list[tuple[str, str]]:
    tables = [t for t in model.tables if slot not in t.unavailable]
    cost = np.full((len(meetings), len(tables)), _FORBIDDEN, dtype=np.int64)
    for i, mid in enumerate(meetings):
        r = model.request_by_id[mid]
        pinned = keep.get(mid) or r.fixed_table
        for j, t in enumerate(tables):
            if t.seats < len(r.participants) or (pinned is not None and t.id != pinned):
                continue
            host = r.host_id
            cost[i, j] = 0 if home.get(host) == t.id else (1 if last_table.get(host) == t.id else 2)
            cost[i, j] = cost[i, j] * 1000 + min(
                t.seats - len(r.participants), 999
            )  # big tables stay free for groups
    if len(meetings) > len(tables):
        raise ValueError(f"slot {slot}: {len(meetings)} in-person meetings but {len(tables)} open tables")
    rows, cols = linear_sum_assignment(cost)
    if any(cost[i, j] >= _FORBIDDEN for i, j in zip(rows, cols, strict=True)):
        raise ValueError(
            f"slot {slot}: no table assignment seats every meeting (sizes or fixed tables clash)"
        )
    return [(meetings[i], tables[j].id) for i, j in zip(rows, cols, strict=True)]
