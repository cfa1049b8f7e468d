"""The event model: participants, slots, tables, meeting requests and their rules.

Plain frozen dataclasses, checked once by :meth:`EventModel.check`, which raises
:class:`ModelError` naming the offending field and element. Slots are identified by their
chronological position (``Slot.index``, 0-based, strictly increasing); other elements by string ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

IN_PERSON = "in_person"
VIRTUAL = "virtual"
MODES = (IN_PERSON, VIRTUAL)


class ModelError(ValueError):
    """Invalid event model input; the message names the field and the element."""


@dataclass(frozen=True)
class Slot:
    """One meeting slot. ``buffer`` slots stay empty at first and serve on-site rescheduling."""

    index: int
    day: int = 0
    session: str = ""
    buffer: bool = False


@dataclass(frozen=True)
class Table:
    """A table or room; ``seats`` limits the meeting size, ``unavailable`` lists slot indexes."""

    id: str
    seats: int = 2
    unavailable: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Participant:
    """A person; several persons may share an ``organisation`` (a delegation)."""

    id: str
    organisation: str | None = None
    unavailable: frozenset[int] = frozenset()
    max_meetings: int | None = None


@dataclass(frozen=True)
class MeetingRequest:
    """A requested meeting between two or more participants.

    ``host`` keeps the table (defaults to the first participant); ``allowed_slots`` restricts the
    slots (sessions); ``fixed_slot``/``fixed_table`` pin it; ``locked`` meetings never move on rescheduling.
    """

    id: str
    participants: tuple[str, ...]
    priority: int = 1
    mutual: bool = False
    mode: str = IN_PERSON
    allowed_slots: frozenset[int] | None = None
    fixed_slot: int | None = None
    fixed_table: str | None = None
    locked: bool = False
    host: str | None = None

    @property
    def weight(self) -> int:
        """Objective weight: the priority, doubled when both sides asked for the meeting."""
        return self.priority * (2 if self.mutual else 1)

    @property
    def host_id(self) -> str:
        return self.host if self.host is not None else self.participants[0]


@dataclass(frozen=True)
class Precedence:
    """Meeting ``before`` must take place in an earlier slot than ``after`` (when ``after`` is placed)."""

    before: str
    after: str


@dataclass(frozen=True)
class EventModel:
    """A whole brokerage event.

    ``require_all``: every request must be placed (else maximise weighted placed meetings).
    ``fairness_spread``: max - min breaks over participants with a request (None = no rule).
    ``guard_zero``: every participant with a placeable request gets at least one meeting.
    ``virtual_capacity``: virtual meetings per slot (None = unlimited).
    """

    participants: tuple[Participant, ...]
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    requests: tuple[MeetingRequest, ...]
    precedences: tuple[Precedence, ...] = ()
    require_all: bool = False
    max_meetings_per_participant: int | None = None
    fairness_spread: int | None = None
    guard_zero: bool = True
    virtual_capacity: int | None = None
    name: str = ""

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def request_by_id(self) -> dict[str, MeetingRequest]:
        return {r.id: r for r in self.requests}

    @cached_property
    def table_by_id(self) -> dict[str, Table]:
        return {t.id: t for t in self.tables}

    @cached_property
    def slot_indexes(self) -> tuple[int, ...]:
        return tuple(s.index for s in self.slots)

    @cached_property
    def requests_of(self) -> dict[str, list[str]]:
        """Participant id -> ids of its requests."""
        out: dict[str, list[str]] = {p.id: [] for p in self.participants}
        for r in self.requests:
            for pid in r.participants:
                out[pid].append(r.id)
        return out

    def cap(self, participant_id: str) -> int | None:
        """The tightest meeting cap of a participant (its own or the event-wide one)."""
        caps = [
            c
            for c in (self.participant_by_id[participant_id].max_meetings, self.max_meetings_per_participant)
            if c is not None
        ]
        return min(caps) if caps else None

    @cached_property
    def _candidate_cache(self) -> dict[tuple[str, bool], list[int]]:
        return {}

    def candidate_slots(self, request: MeetingRequest, *, use_buffers: bool = False) -> list[int]:
        """Slots where every participant is free and the request's own restrictions hold."""
        mine = self.request_by_id.get(request.id) is request
        if mine and (request.id, use_buffers) in self._candidate_cache:
            return list(self._candidate_cache[request.id, use_buffers])
        out = self._candidates(request, use_buffers)
        if mine:
            self._candidate_cache[request.id, use_buffers] = out
        return list(out)

    def _candidates(self, request: MeetingRequest, use_buffers: bool) -> list[int]:
        out = []
        busy = set().union(*(self.participant_by_id[p].unavailable for p in request.participants))
        for slot in self.slots:
            if slot.index in busy or (slot.buffer and not use_buffers):
                continue
            if request.allowed_slots is not None and slot.index not in request.allowed_slots:
                continue
            if request.fixed_slot is not None and slot.index != request.fixed_slot:
                continue
            if request.mode == IN_PERSON and not self._seats_ok(request, slot.index):
                continue
            out.append(slot.index)
        return out

    @cached_property
    def _max_open_seats(self) -> dict[int, int]:
        return {
            s.index: max((t.seats for t in self.tables if s.index not in t.unavailable), default=0)
            for s in self.slots
        }

    def _seats_ok(self, request: MeetingRequest, slot: int) -> bool:
        if request.fixed_table is not None:
            return bool(self.tables_for(request, slot))
        return self._max_open_seats[slot] >= len(request.participants)

    def tables_for(self, request: MeetingRequest, slot: int) -> list[str]:
        """Tables that can host ``request`` in ``slot`` (enough seats, open, matching a fixed table)."""
        size = len(request.participants)
        return [
            t.id
            for t in self.tables
            if t.seats >= size
            and slot not in t.unavailable
            and (request.fixed_table is None or t.id == request.fixed_table)
        ]

    def check(self) -> EventModel:
        """Raise :class:`ModelError` on the first inconsistency; return self."""
        _unique("participants", (p.id for p in self.participants))
        _unique("tables", (t.id for t in self.tables))
        _unique("requests", (r.id for r in self.requests))
        indexes = [s.index for s in self.slots]
        if indexes != sorted(set(indexes)):
            raise ModelError("slots: indexes must be unique and in increasing (chronological) order")
        known = set(indexes)
        for p in self.participants:
            _known_slots(f"participants[{p.id}].unavailable", p.unavailable, known)
            _non_negative(f"participants[{p.id}].max_meetings", p.max_meetings)
        for t in self.tables:
            _known_slots(f"tables[{t.id}].unavailable", t.unavailable, known)
            if t.seats < 1:
                raise ModelError(f"tables[{t.id}].seats: must be at least 1, got {t.seats}")
        for r in self.requests:
            self._check_request(r, known)
        for i, pr in enumerate(self.precedences):
            for name in (pr.before, pr.after):
                if name not in self.request_by_id:
                    raise ModelError(f"precedences[{i}]: unknown meeting request {name!r}")
            if pr.before == pr.after:
                raise ModelError(f"precedences[{i}]: a meeting cannot precede itself ({pr.before!r})")
        _non_negative("max_meetings_per_participant", self.max_meetings_per_participant)
        _non_negative("fairness_spread", self.fairness_spread)
        _non_negative("virtual_capacity", self.virtual_capacity)
        return self

    def _check_request(self, r: MeetingRequest, known: set[int]) -> None:
        where = f"requests[{r.id}]"
        if len(r.participants) < 2 or len(set(r.participants)) != len(r.participants):
            raise ModelError(
                f"{where}.participants: need two or more distinct participants, got {r.participants}"
            )
        for pid in r.participants:
            if pid not in self.participant_by_id:
                raise ModelError(f"{where}.participants: unknown participant {pid!r}")
        if r.host is not None and r.host not in r.participants:
            raise ModelError(f"{where}.host: {r.host!r} is not one of its participants")
        if r.mode not in MODES:
            raise ModelError(f"{where}.mode: must be one of {MODES}, got {r.mode!r}")
        if r.priority < 1:
            raise ModelError(f"{where}.priority: must be at least 1, got {r.priority}")
        if r.allowed_slots is not None:
            _known_slots(f"{where}.allowed_slots", r.allowed_slots, known)
        if r.fixed_slot is not None and r.fixed_slot not in known:
            raise ModelError(f"{where}.fixed_slot: unknown slot {r.fixed_slot}")
        if r.fixed_table is not None and r.fixed_table not in self.table_by_id:
            raise ModelError(f"{where}.fixed_table: unknown table {r.fixed_table!r}")
        if r.fixed_table is not None and r.mode == VIRTUAL:
            raise ModelError(f"{where}.fixed_table: a virtual meeting takes no table")


def _unique(field_name: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ModelError(f"{field_name}: duplicate id {i!r}")
        seen.add(i)


def _known_slots(field_name: str, slots: Iterable[int], known: set[int]) -> None:
    unknown = sorted(set(slots) - known)
    if unknown:
        raise ModelError(f"{field_name}: unknown slot(s) {unknown}")


def _non_negative(field_name: str, value: int | None) -> None:
    if value is not None and value < 0:
        raise ModelError(f"{field_name}: must not be negative, got {value}")
