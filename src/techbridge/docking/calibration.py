"""The 0-100 match score on this platform's own profiles and, once there are enough, its own outcomes.

Until brokers and members have decided enough expressions of interest, the reference calibration
(fitted on ECSEL project pairs) is carried over to the index by matching background similarity
(``adapt_calibration``). When decided interests are plentiful, ``refit`` fits the logistic curve on
them: the raw score of the best pair between the interested organisation's published profiles and
the profile it was interested in, labelled by acceptance. The fit is kept in
``<data dir>/index/calibration.json`` and applied to the index from then on.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from techbridge.core.matching import LogisticCalibrator, MatchIndex
from techbridge.core.matching.scoring import adapt_calibration, pair_raws

MIN_PAIRS = 30
NO_GUARD = nullcontext()  # reusable: entering it does nothing
MIN_PER_CLASS = 5


@dataclass(frozen=True)
class Refit:
    """What a refit found: the labelled pairs, and the curve when one was fitted."""

    pairs: int
    accepted: int
    fitted: bool
    reason: str = ""
    a: float | None = None
    b: float | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None and v != ""}


def calibration_file() -> Path:
    from techbridge.docking.engine import index_dir

    return index_dir("calibration.json")


def outcome_calibrator() -> LogisticCalibrator | None:
    """The calibration fitted on outcomes, if a refit has saved one."""
    path = calibration_file()
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LogisticCalibrator(float(data["a"]), float(data["b"]))
    except (ValueError, KeyError, TypeError):  # a damaged file falls back to the adapted reference
        return None


def calibrate(index: MatchIndex) -> None:
    """Give a freshly built profile index its calibration: fitted on outcomes, else adapted."""
    fitted = outcome_calibrator()
    if fitted is not None:
        index.calibrator = fitted
    else:
        adapt_calibration(index)


def outcome_pairs(
    index: MatchIndex, guard: AbstractContextManager = NO_GUARD
) -> tuple[list[float], list[bool]]:
    """(raw score, accepted) of every decided interest whose both sides are in the index.

    ``guard`` is held around each use of the index only (the engine's lock), so that match lists are
    not kept waiting while a refit goes through all decided interests.
    """
    from techbridge.docking.engine import profile_document
    from techbridge.docking.models import Interest, InterestStatus
    from techbridge.marketplace.models import Profile

    decided = Interest.objects.filter(status__in=[InterestStatus.ACCEPTED, InterestStatus.DECLINED])
    raws: list[float] = []
    labels: list[bool] = []
    documents: dict[int, list] = {}  # organisation -> its published profiles as queries
    for interest in decided.select_related("profile").order_by("pk"):
        if interest.organisation_id not in documents:
            own = (
                Profile.objects.filter(organisation_id=interest.organisation_id, status="published")
                .select_related("organisation")
                .prefetch_related("technology_keywords", "market_keywords", "target_countries")
            )
            documents[interest.organisation_id] = [(p.pk, profile_document(p)) for p in own]
        queries = [d for pk, d in documents[interest.organisation_id] if pk != interest.profile_id]
        with guard:
            target = index._slot_of.get(interest.profile.reference)
            slot = np.array([target])
            best = [float(pair_raws(index, d, slot)[0]) for d in queries] if target is not None else []
        if best:
            raws.append(max(best))
            labels.append(interest.status == InterestStatus.ACCEPTED)
    return raws, labels


def refit(index: MatchIndex, guard: AbstractContextManager = NO_GUARD) -> Refit:
    """Fit the curve on decided interests and save it, when there are enough of both kinds."""
    raws, labels = outcome_pairs(index, guard)
    accepted = sum(labels)
    if len(raws) < MIN_PAIRS or min(accepted, len(raws) - accepted) < MIN_PER_CLASS:
        reason = f"needs {MIN_PAIRS} decided interests, {MIN_PER_CLASS} of each kind"
        return Refit(len(raws), accepted, fitted=False, reason=reason)
    try:
        fitted = LogisticCalibrator().fit(raws, labels)
    except ValueError as exc:  # accepted interests do not score higher: keep the current calibration
        return Refit(len(raws), accepted, fitted=False, reason=str(exc))
    path = calibration_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "a": fitted.a_,
        "b": fitted.b_,
        "pairs": len(raws),
        "accepted": accepted,
        "fitted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload), encoding="utf-8")
    tmp.replace(path)
    with guard:
        index.calibrator = fitted
    return Refit(pairs=len(raws), accepted=accepted, fitted=True, a=fitted.a_, b=fitted.b_)
