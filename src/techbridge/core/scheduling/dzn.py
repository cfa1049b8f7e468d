"""Reader for the MiniZinc ``.dzn`` B2B instances of Bofill et al. (JAIR 2022; CP 2014).

Fields (1-based): nBusiness, nMeetings, nTables, nTotalSlots, nMorningSlots,
``requested = [| b1, b2, session | ...]`` (1 morning, 2 afternoon, 3 any), ``forbidden`` (per
participant, 0 = nothing), ``fixed`` (per meeting, 0 = free), ``precedences`` (per meeting, the meetings
that must come after it; see :func:`read_dzn`). The instance asks for every meeting to be placed, minimising breaks under
a fairness spread of 2. Slots become 0-based indexes; participant and meeting ids stay 1-based strings.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import EventModel, MeetingRequest, Participant, Precedence, Slot, Table

_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?);", re.S)
_SCALARS = ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots")
DZN_FAIRNESS_SPREAD = 2


class DznError(ValueError):
    """A malformed or inconsistent .dzn instance; the message names the file and field."""


def parse_dzn(text: str) -> dict[str, object]:
    """Parse the subset of MiniZinc data used by the instances: ints, int arrays, set arrays, 2-D arrays."""
    text = re.sub(r"%[^\n]*", "", text)
    out: dict[str, object] = {}
    for name, raw in _ASSIGN.findall(text):
        out[name] = _value(raw.strip(), name)
    return out


def _value(raw: str, name: str) -> object:
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if raw.startswith("[|"):
        rows = [r for r in raw[2:].rstrip("]").split("|") if r.strip()]
        return [_ints(r, name) for r in rows]
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1]
        if "{" in inner:
            return [_ints(s, name) for s in re.findall(r"\{([^}]*)\}", inner)]
        return _ints(inner, name)
    raise DznError(f"{name}: unsupported value {raw[:40]!r}")


def _ints(chunk: str, name: str) -> list[int]:
    try:
        return [int(x) for x in chunk.replace("\n", " ").split(",") if x.strip()]
    except ValueError as exc:
        raise DznError(f"{name}: not a list of integers: {chunk[:40]!r}") from exc


def read_dzn(path: str | Path, *, precedence: str = "after") -> EventModel:
    """Read one instance file into a checked :class:`EventModel` (``require_all``, fairness spread 2).

    ``precedence="after"``: ``precedences[m]`` lists the meetings after m (PROVENANCE.md); "before": the
    meetings before m.
    """
    if precedence not in ("after", "before"):
        raise ValueError(f"precedence must be 'after' or 'before', got {precedence!r}")
    path = Path(path)
    data = parse_dzn(path.read_text(encoding="utf-8"))
    for key in (*_SCALARS, "requested"):
        if key not in data:
            raise DznError(f"{path.name}: missing field {key!r}")
    n_b, n_m, n_t, n_s, n_morning = (int(data[k]) for k in _SCALARS)  # type: ignore[call-overload]
    requested: list[list[int]] = data["requested"]  # type: ignore[assignment]
    if len(requested) != n_m:
        raise DznError(f"{path.name}: requested has {len(requested)} rows, nMeetings = {n_m}")
    forbidden: list[list[int]] = data.get("forbidden") or [[] for _ in range(n_b)]  # type: ignore[assignment]
    fixed: list[int] = data.get("fixed") or [0] * n_m  # type: ignore[assignment]
    precedences: list[list[int]] = data.get("precedences") or [[] for _ in range(n_m)]  # type: ignore[assignment]
    _check_lengths(path.name, n_b, n_m, forbidden, fixed, precedences)
    morning = frozenset(range(n_morning))
    afternoon = frozenset(range(n_morning, n_s))
    slots = tuple(Slot(i, day=0, session="morning" if i < n_morning else "afternoon") for i in range(n_s))
    participants = tuple(
        Participant(str(b + 1), unavailable=frozenset(t - 1 for t in forbidden[b] if t != 0))
        for b in range(n_b)
    )
    requests = []
    for m, row in enumerate(requested):
        if len(row) != 3 or row[2] not in (1, 2, 3):
            raise DznError(f"{path.name}: requested row {m + 1} must be b1, b2, session in 1..3; got {row}")
        allowed = {1: morning, 2: afternoon, 3: None}[row[2]]
        requests.append(
            MeetingRequest(
                str(m + 1),
                (str(row[0]), str(row[1])),
                allowed_slots=allowed,
                fixed_slot=fixed[m] - 1 if fixed[m] else None,
            )
        )
    # PROVENANCE.md: precedences[m] lists meetings that come after m; the public SAT code reads it the
    # other way. Both readings put an afternoon-only meeting before a morning-only one somewhere (14 vs
    # 16 of 2,248 pairs), so those prec variants are infeasible either way; "before" is available.
    if precedence == "after":
        pairs = [(m + 1, other) for m, others in enumerate(precedences) for other in others]
    else:
        pairs = [(other, m + 1) for m, others in enumerate(precedences) for other in others]
    precs = tuple(Precedence(str(a), str(b)) for a, b in pairs)
    tables = tuple(Table(f"T{i + 1}") for i in range(n_t))
    model = EventModel(
        participants,
        slots,
        tables,
        tuple(requests),
        precs,
        require_all=True,
        fairness_spread=DZN_FAIRNESS_SPREAD,
        guard_zero=False,
        name=path.name,
    )
    return model.check()


def _check_lengths(
    name: str, n_b: int, n_m: int, forbidden: list[list[int]], fixed: list[int], precedences: list[list[int]]
) -> None:
    if len(forbidden) != n_b:
        raise DznError(f"{name}: forbidden has {len(forbidden)} sets, nBusiness = {n_b}")
    if len(fixed) != n_m:
        raise DznError(f"{name}: fixed has {len(fixed)} entries, nMeetings = {n_m}")
    if len(precedences) != n_m:
        raise DznError(f"{name}: precedences has {len(precedences)} sets, nMeetings = {n_m}")
