"""Synthetic but realistic brokerage events for benchmarks: skewed popularity, delegations, absences.

Popularity follows a Zipf law (a few star organisations attract most requests, as in B2B matchmaking
events); persons come in delegations of one to four per organisation; some persons miss a session or a
few slots; a share of requests is mutual, a few are virtual or delegation (three-person) meetings.
"""

from __future__ import annotations

import random

from .model import IN_PERSON, VIRTUAL, EventModel, MeetingRequest, Participant, Slot, Table


def generate_event(
    *,
    participants: int,
    requests: int,
    slots: int,
    tables: int,
    seed: int = 0,
    days: int = 2,
    sessions_per_day: int = 2,
    zipf: float = 0.9,
) -> EventModel:
    """A checked :class:`EventModel`; the same arguments give the same event."""
    rng = random.Random(seed)
    slot_list = _slots(slots, days, sessions_per_day)
    people = _people(rng, participants, slot_list)
    org_of = {p.id: p.organisation for p in people}
    weights = [1.0 / (rank + 1) ** zipf for rank in range(participants)]
    rng.shuffle(weights)
    ids = [p.id for p in people]
    members: dict[str, list[str]] = {}
    for p in people:
        members.setdefault(p.organisation or p.id, []).append(p.id)
    seen: set[frozenset[str]] = set()
    out: list[MeetingRequest] = []
    attempts = 0
    while len(out) < requests and attempts < requests * 20:
        attempts += 1
        asker = ids[rng.randrange(participants)]
        target = rng.choices(ids, weights=weights)[0]
        if org_of[asker] == org_of[target] or frozenset((asker, target)) in seen:
            continue
        seen.add(frozenset((asker, target)))
        out.append(_request(rng, len(out), asker, target, members[org_of[asker] or asker]))
    n_big = max(1, tables // 6)
    table_list = tuple(Table(f"T{i + 1:03d}", seats=4 if i < n_big else 2) for i in range(tables))
    return EventModel(
        tuple(people),
        tuple(slot_list),
        table_list,
        tuple(out),
        name=f"synthetic-p{participants}-r{requests}-s{slots}-t{tables}-seed{seed}",
    ).check()


def _slots(n: int, days: int, sessions: int) -> list[Slot]:
    per_day = -(-n // days)
    per_session = -(-per_day // sessions)
    out = []
    for i in range(n):
        day, k = divmod(i, per_day)
        out.append(Slot(i, day=day, session=f"d{day + 1}-s{k // per_session + 1}"))
    return out


def _people(rng: random.Random, n: int, slots: list[Slot]) -> list[Participant]:
    sessions = sorted({s.session for s in slots})
    out: list[Participant] = []
    org = 0
    while len(out) < n:
        size = min(n - len(out), rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0])
        for _ in range(size):
            out.append(
                Participant(
                    f"P{len(out) + 1:05d}",
                    organisation=f"O{org + 1:05d}",
                    unavailable=_absence(rng, slots, sessions),
                )
            )
        org += 1
    return out


def _absence(rng: random.Random, slots: list[Slot], sessions: list[str]) -> frozenset[int]:
    """30 % miss one session (late arrival, early departure), 20 % miss one to three single slots."""
    gone: set[int] = set()
    if rng.random() < 0.3:
        missed = rng.choice(sessions)
        gone |= {s.index for s in slots if s.session == missed}
    if rng.random() < 0.2:
        gone |= set(rng.sample([s.index for s in slots], rng.randint(1, 3)))
    return frozenset(gone)


def _request(rng: random.Random, k: int, asker: str, target: str, delegation: list[str]) -> MeetingRequest:
    people: tuple[str, ...] = (asker, target)
    colleagues = [p for p in delegation if p != asker]
    if colleagues and rng.random() < 0.05:
        people = (asker, rng.choice(colleagues), target)
    mode = VIRTUAL if rng.random() < 0.05 else IN_PERSON
    return MeetingRequest(
        f"R{k + 1:05d}",
        people,
        priority=rng.choices([1, 2, 3], weights=[50, 30, 20])[0],
        mutual=rng.random() < 0.15,
        mode=mode,
        host=target,
    )
