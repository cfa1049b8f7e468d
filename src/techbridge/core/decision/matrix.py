"""The decision matrix: candidate sites (alternatives) x criteria, with kinds and weights.

Every ranking method takes a `DecisionMatrix`; validation happens once, here, so that a missing or
non-finite value is reported naming the site and the criterion instead of surfacing as a NaN rank.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

CriterionKind = Literal["benefit", "cost"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class DecisionInputError(ValueError):
    """Bad input to a decision method; the message names the offending site, criterion or element."""


@dataclass(frozen=True)
class Criterion:
    """One criterion: `benefit` (more is better) or `cost` (less is better), with a raw weight >= 0."""

    name: str
    kind: CriterionKind = "benefit"
    weight: float = 1.0

    def __post_init__(self) -> None:
        if not self.name:
            raise DecisionInputError("criterion name must be non-empty")
        if self.kind not in ("benefit", "cost"):
            raise DecisionInputError(
                f"criterion {self.name!r}: kind must be 'benefit' or 'cost', got {self.kind!r}"
            )
        if not math.isfinite(self.weight) or self.weight < 0:
            raise DecisionInputError(
                f"criterion {self.name!r}: weight must be finite and >= 0, got {self.weight}"
            )


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def _rows_from_mapping(
    alternatives: Sequence[str], criteria: Sequence[Criterion], values: Mapping[str, Mapping[str, Any]]
) -> list[list[Any]]:
    unknown = [a for a in values if a not in set(alternatives)]
    if unknown:
        raise DecisionInputError(f"values given for unknown site(s): {', '.join(map(repr, unknown))}")
    return [[(values.get(a) or {}).get(c.name) for c in criteria] for a in alternatives]


def _to_array(alternatives: Sequence[str], criteria: Sequence[Criterion], rows: Sequence[Any]) -> FloatArray:
    shape = (len(alternatives), len(criteria))
    # fast path for clean numeric arrays; otherwise the loop below names every bad cell
    numeric = isinstance(rows, np.ndarray) and rows.dtype.kind in "fiu" and rows.shape == shape
    if numeric and np.isfinite(rows).all():
        return np.array(rows, dtype=np.float64)
    if len(rows) != len(alternatives):
        raise DecisionInputError(f"values have {len(rows)} rows but there are {len(alternatives)} sites")
    problems: list[str] = []
    out = np.empty((len(alternatives), len(criteria)), dtype=np.float64)
    for i, (site, row) in enumerate(zip(alternatives, rows, strict=True)):
        if len(row) != len(criteria):
            raise DecisionInputError(
                f"site {site!r} has {len(row)} values but there are {len(criteria)} criteria"
            )
        for j, (crit, value) in enumerate(zip(criteria, row, strict=True)):
            if _missing(value):
                problems.append(
                    f"site {site!r} has no valid value for criterion {crit.name!r} (got {value!r})"
                )
            else:
                out[i, j] = float(value)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise DecisionInputError("missing criterion values: " + "; ".join(problems[:5]) + more)
    return out


@dataclass(frozen=True, eq=False)
class DecisionMatrix:
    """Sites x criteria performance table; `values` is a list of rows or a {site: {criterion: value}} map.

    Weights are the criteria's raw weights rescaled to sum to 1 (all-zero weights are rejected).
    """

    alternatives: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    values: FloatArray = field(repr=False)

    def __init__(
        self,
        alternatives: Sequence[str],
        criteria: Sequence[Criterion],
        values: Sequence[Sequence[Any]] | Mapping[str, Mapping[str, Any]] | FloatArray,
    ) -> None:
        alts = tuple(str(a) for a in alternatives)
        crits = tuple(criteria)
        _check_names(alts, "site")
        _check_names(tuple(c.name for c in crits), "criterion")
        if not alts or not crits:
            raise DecisionInputError("a decision matrix needs at least one site and one criterion")
        if sum(c.weight for c in crits) <= 0:
            raise DecisionInputError("criteria weights are all zero")
        rows: Any = values
        if isinstance(values, Mapping):
            rows = _rows_from_mapping(alts, crits, values)
        elif not isinstance(values, np.ndarray):
            rows = list(values)
        array = _to_array(alts, crits, rows)
        array.flags.writeable = False
        object.__setattr__(self, "alternatives", alts)
        object.__setattr__(self, "criteria", crits)
        object.__setattr__(self, "values", array)

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.alternatives), len(self.criteria))

    @property
    def weights(self) -> FloatArray:
        """Criteria weights normalised to sum to 1."""
        raw = np.array([c.weight for c in self.criteria], dtype=np.float64)
        return raw / raw.sum()

    @property
    def signs(self) -> FloatArray:
        """+1 for benefit criteria, -1 for cost criteria (pymcdm's `types`)."""
        return np.array([1.0 if c.kind == "benefit" else -1.0 for c in self.criteria])

    @property
    def criterion_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.criteria)

    def index_of(self, site: str) -> int:
        try:
            return self.alternatives.index(site)
        except ValueError:
            raise DecisionInputError(f"unknown site {site!r}") from None

    def with_weights(self, weights: Sequence[float] | FloatArray) -> DecisionMatrix:
        """Same table, new criteria weights (one per criterion, in order)."""
        if len(weights) != len(self.criteria):
            raise DecisionInputError(f"got {len(weights)} weights for {len(self.criteria)} criteria")
        crits = [Criterion(c.name, c.kind, float(w)) for c, w in zip(self.criteria, weights, strict=True)]
        return DecisionMatrix(self.alternatives, crits, self.values)

    def without(self, site: str) -> DecisionMatrix:
        """The table with one site removed."""
        keep = [i for i in range(len(self.alternatives)) if i != self.index_of(site)]
        return DecisionMatrix([self.alternatives[i] for i in keep], self.criteria, self.values[keep])

    def with_site(self, site: str, values: Mapping[str, Any] | Sequence[Any]) -> DecisionMatrix:
        """The table with one more site (values by criterion name or in criterion order)."""
        if site in self.alternatives:
            raise DecisionInputError(f"site {site!r} is already in the matrix")
        row = [values.get(c.name) for c in self.criteria] if isinstance(values, Mapping) else list(values)
        return DecisionMatrix((*self.alternatives, site), self.criteria, [*self.values.tolist(), row])


def _check_names(names: tuple[str, ...], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if not name:
            raise DecisionInputError(f"{what} names must be non-empty")
        if name in seen:
            raise DecisionInputError(f"duplicate {what} name {name!r}")
        seen.add(name)
