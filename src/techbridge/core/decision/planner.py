"""The location planner's full ranking: TOPSIS, PROMETHEE II, VIKOR, their compromise, SMAA-2 and
one-at-a-time weight stability, in one call with progress reporting (for a background job).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .compromise import compromise_ranking
from .matrix import DecisionMatrix
from .promethee import PreferenceFunction, promethee_ii
from .ranking import Ranking, topsis
from .sensitivity import WeightInterval, weight_stability
from .smaa import SMAA2, ProgressCallback, SMAAResult, ValueModel
from .vikor import vikor


@dataclass(frozen=True)
class SitePlan:
    """Every ranking of one planning run, plus robustness results."""

    topsis: Ranking
    promethee: Ranking
    vikor: Ranking
    compromise: Ranking
    smaa: SMAAResult | None
    stability: tuple[WeightInterval, ...]

    @property
    def rankings(self) -> tuple[Ranking, ...]:
        return (self.topsis, self.promethee, self.vikor)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rankings": {r.method: r.as_dict() for r in (*self.rankings, self.compromise)},
            "vikor_compromise_set": list(self.vikor.details["compromise_set"]),
            "smaa": None if self.smaa is None else self.smaa.as_dict(),
            "stability": [vars(w) for w in self.stability],
        }


def _stage(progress: ProgressCallback | None, start: float, end: float) -> ProgressCallback | None:
    if progress is None:
        return None
    return lambda f, msg: progress(start + (end - start) * f, msg)


def plan_sites(
    dm: DecisionMatrix,
    *,
    smaa_samples: int = 10_000,
    smaa_model: ValueModel = "topsis",
    seed: int | None = 0,
    preference_functions: PreferenceFunction | Sequence[PreferenceFunction] | None = None,
    vikor_v: float = 0.5,
    compromise_rule: str = "copeland",
    stability_model: str = "topsis",
    progress: ProgressCallback | None = None,
) -> SitePlan:
    """Rank the sites by every method and run SMAA-2 (skipped when smaa_samples == 0) and weight stability.

    Deterministic for a fixed seed. `progress(fraction, message)` is called as the stages complete.
    """
    report = progress or (lambda f, m: None)
    report(0.0, "ranking: TOPSIS, PROMETHEE II, VIKOR")
    rankings = (topsis(dm), promethee_ii(dm, preference_functions), vikor(dm, vikor_v))
    merged = compromise_ranking(rankings, compromise_rule)
    report(0.05, "ranking: weight stability")
    stability = tuple(weight_stability(dm, stability_model))
    smaa = None
    if smaa_samples > 0:
        smaa = (
            SMAA2(n_samples=smaa_samples, model=smaa_model, seed=seed)
            .fit(dm, _stage(progress, 0.1, 1.0))
            .result_
        )
    report(1.0, "done")
    return SitePlan(*rankings, merged, smaa, stability)
