"""SMAA-2: rank acceptability indices, central weight vectors and confidence factors.

Lahdelma & Salminen (2001), "SMAA-2: Stochastic multicriteria acceptability analysis for group decision
making", Operations Research 49(3), 444-454. Weights are drawn from the uniform distribution on the simplex
(Dirichlet(1, ..., 1)) or around given weights (Dirichlet(kappa * w), mean w); criterion values may be
perturbed by a relative uniform spread. All samples of a chunk are scored by one matrix product.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .matrix import DecisionInputError, DecisionMatrix, FloatArray
from .ranking import array_scores, weight_scorer

ProgressCallback = Callable[[float, str], None]
ValueModel = Literal["weighted_sum", "topsis", "promethee"]


@dataclass(frozen=True, eq=False)
class SMAAResult:
    """b[i, r] = share of samples ranking site i at position r+1; central weights; confidence factors.

    `holistic` is the holistic acceptability index a_i = sum_r beta_r b[i, r] with linear meta-weights
    beta_r = (n - r) / (n - 1) for rank r = 1..n (Lahdelma & Salminen 2001, section 3); it orders sites for display.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray
    holistic: FloatArray
    n_samples: int

    @property
    def first_rank_acceptability(self) -> FloatArray:
        return self.rank_acceptability[:, 0]

    @property
    def order(self) -> tuple[str, ...]:
        """Sites by holistic acceptability, best first."""
        return tuple(self.alternatives[i] for i in np.argsort(-self.holistic, kind="stable"))

    def as_dict(self) -> dict[str, object]:
        return {
            "n_samples": self.n_samples,
            "order": list(self.order),
            "sites": {
                a: {
                    "rank_acceptability": self.rank_acceptability[i].tolist(),
                    "central_weights": None
                    if np.isnan(self.central_weights[i]).any()
                    else dict(zip(self.criteria, self.central_weights[i].tolist(), strict=True)),
                    "confidence": float(self.confidence[i]),
                    "holistic": float(self.holistic[i]),
                }
                for i, a in enumerate(self.alternatives)
            },
        }


def _perturbed(values: FloatArray, rng: np.random.Generator, spread: float, size: int) -> FloatArray:
    """`size` copies of the table, each value multiplied by U(1 - spread, 1 + spread)."""
    return values[None, :, :] * rng.uniform(1.0 - spread, 1.0 + spread, size=(size, *values.shape))


class SMAA2:
    """SMAA-2 estimator: `SMAA2(n_samples=10_000, seed=0).fit(dm).result_`.

    Same seed and inputs give the same result. `weights="uniform"` samples the whole simplex (no weight
    information); `weights="around"` samples Dirichlet(concentration * w) centred on the matrix's weights.
    `value_spread` > 0 multiplies each criterion value by U(1 - spread, 1 + spread) per sample (then
    confidence factors are estimated over `confidence_samples` such draws; otherwise they are 0 or 1).
    """

    def __init__(
        self,
        n_samples: int = 10_000,
        model: ValueModel = "weighted_sum",
        weights: Literal["uniform", "around"] = "uniform",
        concentration: float = 50.0,
        value_spread: float = 0.0,
        confidence_samples: int = 500,
        chunk_size: int = 2_000,
        seed: int | None = 0,
    ) -> None:
        self.n_samples = n_samples
        self.model = model
        self.weights = weights
        self.concentration = concentration
        self.value_spread = value_spread
        self.confidence_samples = confidence_samples
        self.chunk_size = chunk_size
        self.seed = seed

    def _check(self, dm: DecisionMatrix) -> None:
        if self.n_samples < 1:
            raise DecisionInputError(f"n_samples must be >= 1, got {self.n_samples}")
        if self.weights not in ("uniform", "around"):
            raise DecisionInputError(f"weights must be 'uniform' or 'around', got {self.weights!r}")
        if self.weights == "around" and not self.concentration > 0:
            raise DecisionInputError(f"concentration must be > 0, got {self.concentration}")
        if not 0.0 <= self.value_spread < 1.0:
            raise DecisionInputError(f"value_spread must be in [0, 1), got {self.value_spread}")
        if self.weights == "around" and np.any(dm.weights <= 0):
            zero = [c.name for c, w in zip(dm.criteria, dm.weights, strict=True) if w <= 0]
            raise DecisionInputError(f"weights='around' needs positive weights; zero for {', '.join(zero)}")
        if self.value_spread > 0 and self.model == "promethee":
            raise DecisionInputError(
                "value_spread is supported for the 'weighted_sum' and 'topsis' models only"
            )

    def _sample_weights(self, rng: np.random.Generator, size: int, m: int, centre: FloatArray) -> FloatArray:
        alpha = np.ones(m) if self.weights == "uniform" else self.concentration * m * centre
        return rng.dirichlet(alpha, size=size)

    def fit(self, dm: DecisionMatrix, progress: ProgressCallback | None = None) -> SMAA2:
        """Sample, score, rank; sets rank_acceptability_, central_weights_, confidence_, result_."""
        self._check(dm)
        n, m = dm.shape
        rng = np.random.default_rng(self.seed)
        counts = np.zeros((n, n), dtype=np.int64)
        weight_sums = np.zeros((n, m))
        done = 0
        score = weight_scorer(dm, self.model)
        # a perturbed chunk holds size x n x m values (several temporaries): keep it near 2M values
        chunk = (
            self.chunk_size if self.value_spread == 0 else max(1, min(self.chunk_size, 2_000_000 // (n * m)))
        )
        while done < self.n_samples:
            size = min(chunk, self.n_samples - done)
            w = self._sample_weights(rng, size, m, dm.weights)
            if self.value_spread > 0:
                table = _perturbed(dm.values, rng, self.value_spread, size)
                scores = array_scores(table, dm.signs, w, self.model)
            else:
                scores = score(w)
            order = np.argsort(-scores, axis=1)  # order[s, r] = site at rank r (ties have measure zero)
            counts += np.bincount((order * n + np.arange(n)).ravel(), minlength=n * n).reshape(n, n)
            for c in range(m):
                weight_sums[:, c] += np.bincount(order[:, 0], weights=w[:, c], minlength=n)
            done += size
            if progress is not None:
                progress(0.9 * done / self.n_samples, f"SMAA-2: {done}/{self.n_samples} weight samples")
        b = counts / self.n_samples
        wins = counts[:, 0]
        central = np.full((n, m), np.nan)
        central[wins > 0] = weight_sums[wins > 0] / wins[wins > 0, None]
        confidence = self._confidence(dm, central, rng)
        beta = (n - 1 - np.arange(n)) / (n - 1) if n > 1 else np.ones(1)
        self.rank_acceptability_ = b
        self.central_weights_ = central
        self.confidence_ = confidence
        self.result_ = SMAAResult(
            dm.alternatives, dm.criterion_names, b, central, confidence, b @ beta, self.n_samples
        )
        if progress is not None:
            progress(1.0, "SMAA-2: done")
        return self

    def _confidence(self, dm: DecisionMatrix, central: FloatArray, rng: np.random.Generator) -> FloatArray:
        """p_i = P(site i ranks first when its central weights are used), over the value uncertainty."""
        n = dm.shape[0]
        has = ~np.isnan(central).any(axis=1)
        conf = np.zeros(n)
        if not has.any():
            return conf
        idx = np.flatnonzero(has)
        if self.value_spread == 0:
            scores = weight_scorer(dm, self.model)(central[idx])  # (len(idx), n)
            conf[idx] = scores[np.arange(idx.size), idx] >= scores.max(axis=1) - 1e-12
            return conf
        draws = max(self.confidence_samples, 1)
        tables = _perturbed(dm.values, rng, self.value_spread, draws)
        for i in idx:
            w = np.broadcast_to(central[i], (draws, central.shape[1]))
            scores = array_scores(tables, dm.signs, w, self.model)  # (draws, n)
            conf[i] = np.mean(scores[:, i] >= scores.max(axis=1) - 1e-12)
        return conf
