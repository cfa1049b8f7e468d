"""Method choices of an index run (every step configurable), parsed from the ``method:`` part of a spec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from techbridge.core.indicators.aggregate import AGGREGATE_METHODS
from techbridge.core.indicators.errors import MethodError
from techbridge.core.indicators.normalise import NORMALISE_METHODS, NormaliseSpec
from techbridge.core.indicators.prepare import IMPUTE_METHODS
from techbridge.core.indicators.treat import TreatSpec

WEIGHT_METHODS = ("framework", "equal", "manual", "budget", "ahp", "pca")


@dataclass(frozen=True)
class ImputeSpec:
    """``method`` from IMPUTE_METHODS; ``group`` names the group column for group_mean/group_median."""

    method: str = "none"
    group: str | None = None


@dataclass(frozen=True)
class WeightSpec:
    """``values`` (manual: code -> weight), ``allocations`` (budget: aggregate -> list of {child: points}),
    ``judgements`` (ahp: aggregate -> {"A>B": 3} or a matrix); ``max_cr`` rejects inconsistent AHP."""

    method: str = "framework"
    values: Mapping[str, float] = field(default_factory=dict)
    allocations: Mapping[str, Any] = field(default_factory=dict)
    judgements: Mapping[str, Any] = field(default_factory=dict)
    max_cr: float = 0.1


@dataclass(frozen=True)
class AggregateSpec:
    """``method`` for every level unless ``by_level`` ({2: "geometric"}) or ``by_node`` overrides it."""

    method: str = "arithmetic"
    p: float = 1.0
    threshold: float = 0.0
    on_insufficient: str = "error"
    by_level: Mapping[int, str] = field(default_factory=dict)
    by_node: Mapping[str, str] = field(default_factory=dict)

    def method_for(self, code: str, level: int) -> str:
        return self.by_node.get(code) or self.by_level.get(level) or self.method


@dataclass(frozen=True)
class Method:
    """All method choices; the defaults reproduce COINr's usual chain except imputation and treatment."""

    denominate: bool = True
    screen: float = 0.0
    period: Any = None
    rank_decimals: int | None = None  # COINr ranks scores rounded to 2 decimals (ties share the best rank)
    impute: ImputeSpec = field(default_factory=ImputeSpec)
    treat: TreatSpec = field(default_factory=lambda: TreatSpec(method="none"))
    normalise: NormaliseSpec = field(default_factory=NormaliseSpec)
    weights: WeightSpec = field(default_factory=WeightSpec)
    aggregate: AggregateSpec = field(default_factory=AggregateSpec)

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any] | None) -> Method:
        """Parse ``{"impute": {"method": "group_mean", "group": "EurAsia_group"}, ...}``; strings are shortcuts."""
        spec = dict(spec or {})
        unknown = set(spec) - {f.name for f in fields(cls)}
        if unknown:
            raise MethodError(f"method: unknown step(s) {sorted(unknown)}")
        parts: dict[str, Any] = {}
        for name, typ in (
            ("impute", ImputeSpec),
            ("treat", TreatSpec),
            ("normalise", NormaliseSpec),
            ("weights", WeightSpec),
            ("aggregate", AggregateSpec),
        ):
            if name in spec:
                parts[name] = _build(typ, name, spec[name])
        for name in ("denominate", "screen", "period", "rank_decimals"):
            if name in spec:
                parts[name] = spec[name]
        method = cls(**parts)
        method.check()
        return method

    def check(self) -> None:
        """Reject unknown method names early, naming the step."""
        _one_of("impute", self.impute.method, IMPUTE_METHODS)
        _one_of("normalise", self.normalise.method, NORMALISE_METHODS)
        _one_of("weights", self.weights.method, WEIGHT_METHODS)
        for m in [self.aggregate.method, *self.aggregate.by_level.values(), *self.aggregate.by_node.values()]:
            _one_of("aggregate", m, AGGREGATE_METHODS)
        _one_of("treat", self.treat.method, ("winsorise", "none"))
        _one_of("aggregate.on_insufficient", self.aggregate.on_insufficient, ("error", "missing"))
        if not 0 <= float(self.screen) <= 1:
            raise MethodError(f"screen: min data availability must be in [0, 1], got {self.screen}")

    def with_(self, **changes: Any) -> Method:
        return replace(self, **changes)


def _one_of(step: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise MethodError(f"{step}: unknown method '{value}' (choose from {', '.join(allowed)})")


def _build(typ: Any, name: str, value: Any) -> Any:
    if isinstance(value, str):
        value = {"method": value}
    if not isinstance(value, Mapping):
        raise MethodError(f"{name}: expected a mapping or a method name, got {value!r}")
    allowed = {f.name for f in fields(typ)}
    unknown = set(value) - allowed
    if unknown:
        raise MethodError(
            f"{name}: unknown option(s) {sorted(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )
    value = dict(value)
    if "exclude" in value:
        value["exclude"] = tuple(value["exclude"])
    if "by_level" in value:
        value["by_level"] = {int(k): v for k, v in value["by_level"].items()}
    return typ(**value)
