"""Logistic calibration of raw match scores to a 0-100 scale that means the same across queries.

score = 100 / (1 + exp(-(a + b * raw))) with b > 0, so it is monotone in the raw score. ``fit``
is Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines") by
Newton-Raphson on labelled (raw score, relevant) pairs; the defaults were fitted by
``benchmarks/matching_calibrate.py`` on ECSEL project pairs (see docs/benchmarks/matching.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

DEFAULT_A = -5.2
DEFAULT_B = 135.0
# Background similarity of the reference corpus (ECSEL): the 50th and 99th percentiles of the raw
# scores of random project pairs (``benchmarks/matching_calibrate.py``, 6,080 pairs).
REFERENCE_BACKGROUND = (0.0157, 0.0356)
MIN_BACKGROUND_PAIRS = 200


class LogisticCalibrator:
    """Map raw scores to 0-100 with a fitted logistic curve (learned ``a_``, ``b_``)."""

    def __init__(
        self, a: float = DEFAULT_A, b: float = DEFAULT_B, l2: float = 1e-3, max_iter: int = 100
    ) -> None:
        if b <= 0:
            raise ValueError("b must be > 0 (the calibration must be increasing)")
        self.a = a
        self.b = b
        self.l2 = l2
        self.max_iter = max_iter
        self.a_ = a
        self.b_ = b

    def fit(self, raw: Sequence[float], relevant: Sequence[bool]) -> LogisticCalibrator:
        """Fit a_, b_ by penalised maximum likelihood; needs both classes present."""
        x = np.asarray(raw, dtype=float)
        y = np.asarray(relevant, dtype=float)
        if len(x) != len(y) or len(x) < 2:
            raise ValueError("raw and relevant must have the same length >= 2")
        if y.min() == y.max():
            raise ValueError("relevant must contain both True and False")
        X = np.column_stack([np.ones_like(x), x])
        w = np.zeros(2)
        for _ in range(self.max_iter):
            p = 1.0 / (1.0 + np.exp(-(X @ w)))
            grad = X.T @ (p - y) + self.l2 * w
            hess = (X * (p * (1 - p))[:, None]).T @ X + self.l2 * np.eye(2)
            step = np.linalg.solve(hess, grad)
            w -= step
            if np.abs(step).max() < 1e-9:
                break
        if w[1] <= 0:
            raise ValueError("the fitted slope is not positive: raw scores do not rank relevant pairs higher")
        self.a_, self.b_ = float(w[0]), float(w[1])
        return self

    def adapted(
        self, background: Sequence[float] | np.ndarray, reference: tuple[float, float] = REFERENCE_BACKGROUND
    ) -> LogisticCalibrator:
        """This calibration carried over to a corpus whose random pairs score ``background``.

        Quantile matching of background similarity: raw scores are mapped linearly so that the
        corpus's 50th and 99th background percentiles land on the reference corpus's, then scored
        with this curve. A corpus of templated, near-duplicate profiles (high background scores)
        no longer saturates at 100, and a sparse one is not stuck near 0. With too few pairs or a
        degenerate spread, the calibration is returned unchanged.
        """
        x = np.asarray(background, dtype=float)
        if len(x) < MIN_BACKGROUND_PAIRS:
            return self
        low, high = (float(q) for q in np.quantile(x, [0.5, 0.99]))
        if not high > low:
            return self
        slope = (reference[1] - reference[0]) / (high - low)
        # a + b * (ref_low + slope * (raw - low)) = a' + b' * raw
        return LogisticCalibrator(
            a=self.a_ + self.b_ * (reference[0] - slope * low),
            b=self.b_ * slope,
            l2=self.l2,
            max_iter=self.max_iter,
        )

    def score(self, raw: float) -> float:
        """Calibrated score in [0, 100]."""
        z = self.a_ + self.b_ * raw
        return 100.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
