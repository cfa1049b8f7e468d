"""Small hand-made events shared by the tests."""

from __future__ import annotations

from techbridge.core.scheduling.model import EventModel, MeetingRequest, Participant, Slot, Table


def event(
    requests: list[tuple[str, ...]],
    *,
    slots: int = 4,
    tables: int = 2,
    people: str = "ABCDE",
    unavailable: dict[str, set[int]] | None = None,
    **kwargs: object,
) -> EventModel:
    """People named by letters, one day of ``slots`` slots, two-seat tables T1.., requests 'm1'.. by pair."""
    unavailable = unavailable or {}
    return EventModel(
        participants=tuple(Participant(p, unavailable=frozenset(unavailable.get(p, set()))) for p in people),
        slots=tuple(Slot(i) for i in range(slots)),
        tables=tuple(Table(f"T{i + 1}") for i in range(tables)),
        requests=tuple(MeetingRequest(f"m{i + 1}", pair) for i, pair in enumerate(requests)),
        **kwargs,  # type: ignore[arg-type]
    ).check()
