"""The case stage machine: consultation -> evaluation -> docking -> negotiation -> agreement -> tracking,
or closed without agreement (with a reason).

Pure: :func:`check_transition` says whether a case may move and, if not, which facts are missing (each
problem names the field to fix). The full-course service model follows the technology-transfer process
of the China-ASEAN Technology Transfer Center (consultation, evaluation, docking, negotiation, signing,
incubation / follow-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    CONSULTATION = "consultation"
    EVALUATION = "evaluation"
    DOCKING = "docking"
    NEGOTIATION = "negotiation"
    AGREEMENT = "agreement"
    TRACKING = "tracking"
    CLOSED = "closed"


ORDER: tuple[Stage, ...] = (
    Stage.CONSULTATION,
    Stage.EVALUATION,
    Stage.DOCKING,
    Stage.NEGOTIATION,
    Stage.AGREEMENT,
    Stage.TRACKING,
)
OPEN_STAGES = frozenset(ORDER[:4])  # a case can be closed without agreement only before it is signed
CLOSE_REASONS = (
    "no_interest",
    "technology_unsuitable",
    "terms_not_agreed",
    "ip_issue",
    "funding",
    "partner_withdrew",
    "duplicate",
    "other",
)
SIDES = ("a", "b")  # side a: the profile's owner; side b: the counterpart


@dataclass(frozen=True)
class CaseFacts:
    """What is known about a case when it is asked to move."""

    profiles: int = 0
    sides_named: frozenset[str] = field(default_factory=frozenset)
    evaluation_decided: bool = False
    signed_agreement: bool = False
    close_reason: str = ""


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str


def allowed_targets(current: Stage | str) -> tuple[Stage, ...]:
    """Stages reachable in one move: the next one, one step back, and closing while still open."""
    stage = Stage(current)
    if stage == Stage.CLOSED:
        return ()
    i = ORDER.index(stage)
    targets: list[Stage] = []
    if i + 1 < len(ORDER):
        targets.append(ORDER[i + 1])
    if i > 0 and stage not in (Stage.AGREEMENT, Stage.TRACKING):
        targets.append(ORDER[i - 1])
    if stage in OPEN_STAGES:
        targets.append(Stage.CLOSED)
    return tuple(targets)


def required_facts(target: Stage, facts: CaseFacts) -> list[Problem]:
    """Facts the target stage needs; an empty list means they are all present."""
    out: list[Problem] = []
    if target in (Stage.EVALUATION, Stage.DOCKING) and facts.profiles < 1:
        out.append(Problem("no_profile", "profiles", "Name at least one profile (the technology or need)."))
    if target == Stage.DOCKING and not facts.evaluation_decided:
        out.append(Problem("no_decision", "decision", "Record the evaluation decision first."))
    if target in (Stage.NEGOTIATION, Stage.AGREEMENT, Stage.TRACKING) and not set(SIDES) <= facts.sides_named:
        out.append(Problem("parties", "parties", "Name the parties on both sides."))
    if target in (Stage.AGREEMENT, Stage.TRACKING) and not facts.signed_agreement:
        out.append(Problem("no_agreement", "agreement", "Record a signed agreement first."))
    if target == Stage.CLOSED and facts.close_reason not in CLOSE_REASONS:
        out.append(Problem("close_reason", "reason", "Choose the reason for closing without agreement."))
    return out


def check_transition(current: Stage | str, target: Stage | str, facts: CaseFacts) -> list[Problem]:
    """Problems that forbid moving from `current` to `target` (empty: the move is allowed)."""
    try:
        cur, tgt = Stage(current), Stage(target)
    except ValueError:
        return [Problem("unknown_stage", "stage", f"Unknown stage {target!r}.")]
    if tgt == cur:
        return [Problem("same_stage", "stage", f"The case is already in {cur.value}.")]
    if tgt not in allowed_targets(cur):
        return [
            Problem(
                "skip",
                "stage",
                f"A case cannot move from {cur.value} to {tgt.value}; allowed: "
                + (", ".join(s.value for s in allowed_targets(cur)) or "none"),
            )
        ]
    stepping_back = tgt in ORDER and ORDER.index(tgt) < ORDER.index(cur)
    if stepping_back:
        return []  # going back needs no facts
    return required_facts(tgt, facts)
