"""Declarative framework of a composite indicator: indicators, aggregates (any depth), unit groups.

A framework is a tree: indicators are leaves (level 1), each aggregate's level is one more than its
deepest child. Weights are relative among siblings (OECD/JRC Handbook on Constructing Composite
Indicators, 2008, step 6). Build one with :meth:`Framework.from_dict`, ``from_yaml`` or ``from_coinr_meta``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from techbridge.core.indicators.errors import FrameworkError


@dataclass(frozen=True)
class Node:
    """An indicator (leaf) or an aggregate of the framework."""

    code: str
    name: str = ""
    name_zh: str = ""
    parent: str | None = None
    weight: float = 1.0
    direction: int = 1
    unit: str = ""
    denominator: str | None = None
    is_indicator: bool = True
    target: float | None = None


@dataclass
class Framework:
    """The validated tree; ``nodes`` keeps declaration order (indicators first, then aggregates)."""

    nodes: dict[str, Node]
    name: str = ""
    unit_column: str = "uCode"
    name_column: str | None = None
    time_column: str | None = None
    groups: list[str] = field(default_factory=list)
    levels_: dict[str, int] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.validate()

    # ---- construction -------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> Framework:
        """Build from ``{"indicators": [...], "aggregates": [...], "groups": [...], ...}``."""
        if "indicators" not in spec or not spec["indicators"]:
            raise FrameworkError("framework: 'indicators' is missing or empty")
        nodes: dict[str, Node] = {}
        for kind, items in (
            ("indicator", spec.get("indicators", [])),
            ("aggregate", spec.get("aggregates", [])),
        ):
            for pos, item in enumerate(items or []):
                node = _node_from_item(item, kind, pos)
                if node.code in nodes:
                    raise FrameworkError(f"{kind} '{node.code}': duplicate code")
                nodes[node.code] = node
        return cls(
            nodes=nodes,
            name=str(spec.get("name", "")),
            unit_column=str(spec.get("unit_column", "uCode")),
            name_column=spec.get("name_column"),
            time_column=spec.get("time_column"),
            groups=list(spec.get("groups", []) or []),
        )

    @classmethod
    def from_yaml(cls, path: str | Path) -> Framework:
        """Read a YAML (or JSON, a YAML subset) file holding the dict of :meth:`from_dict`."""
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if isinstance(spec, dict) and "framework" in spec:
            spec = spec["framework"]
        if not isinstance(spec, dict):
            raise FrameworkError(f"{path}: expected a mapping at the top level")
        return cls.from_dict(spec)

    @classmethod
    def from_coinr_meta(cls, meta: pd.DataFrame, groups: list[str] | None = None) -> Framework:
        """Build from a COINr ``iMeta`` table (columns Level, iCode, iName, Direction, Weight, Denominator, Parent, Type)."""

        def opt(value: Any) -> Any:
            return None if value is None or (isinstance(value, float) and np.isnan(value)) else value

        spec: dict[str, Any] = {"indicators": [], "aggregates": [], "groups": groups or []}
        for row in meta.to_dict("records"):
            if row.get("Type") == "Group":
                if groups is None:
                    spec["groups"].append(row["iCode"])
                continue
            if row.get("Type") not in ("Indicator", "Aggregate"):
                continue
            item = {
                "code": row["iCode"],
                "name": opt(row.get("iName")) or "",
                "parent": opt(row.get("Parent")),
                "weight": float(row.get("Weight", 1.0)),
                "direction": int(row.get("Direction", 1)),
                "unit": opt(row.get("Unit")) or "",
                "denominator": opt(row.get("Denominator")),
            }
            spec["indicators" if row["Type"] == "Indicator" else "aggregates"].append(item)
        return cls.from_dict(spec)

    # ---- validation ---------------------------------------------------------------------------------
    def validate(self) -> None:
        """Check parents, cycles and weights; compute ``levels_``. Errors name the element."""
        for node in self.nodes.values():
            if node.parent is not None and node.parent not in self.nodes:
                raise FrameworkError(f"'{node.code}': unknown parent '{node.parent}'")
            if node.parent is not None and self.nodes[node.parent].is_indicator:
                raise FrameworkError(
                    f"'{node.code}': parent '{node.parent}' is an indicator, not an aggregate"
                )
            if node.weight < 0 or not np.isfinite(node.weight):
                raise FrameworkError(f"'{node.code}': weight must be a finite number >= 0, got {node.weight}")
            if node.direction not in (1, -1):
                raise FrameworkError(f"'{node.code}': direction must be 1 or -1, got {node.direction}")
        for code in self.nodes:
            self._check_no_cycle(code)
        for agg in self.aggregates:
            kids = self.children(agg)
            if not kids:
                raise FrameworkError(f"aggregate '{agg}': has no children")
            if sum(self.nodes[k].weight for k in kids) <= 0:
                raise FrameworkError(f"aggregate '{agg}': children weights sum to zero ({', '.join(kids)})")
        self.levels_ = {}
        for code in self.nodes:
            self._level(code)

    def _check_no_cycle(self, code: str) -> None:
        seen = [code]
        parent = self.nodes[code].parent
        while parent is not None:
            if parent in seen:
                path = " -> ".join([*seen[seen.index(parent) :], parent])
                raise FrameworkError(f"'{parent}': cycle in the framework ({path})")
            seen.append(parent)
            parent = self.nodes[parent].parent

    def _level(self, code: str) -> int:
        if code not in self.levels_:
            kids = self.children(code)
            self.levels_[code] = 1 if not kids else 1 + max(self._level(k) for k in kids)
        return self.levels_[code]

    # ---- structure ----------------------------------------------------------------------------------
    @property
    def indicators(self) -> list[str]:
        return [c for c, n in self.nodes.items() if n.is_indicator]

    @property
    def aggregates(self) -> list[str]:
        return [c for c, n in self.nodes.items() if not n.is_indicator]

    @property
    def roots(self) -> list[str]:
        return [c for c, n in self.nodes.items() if n.parent is None and not n.is_indicator]

    def children(self, code: str) -> list[str]:
        return [c for c, n in self.nodes.items() if n.parent == code]

    def aggregation_order(self) -> list[str]:
        """Aggregates sorted so every child is computed before its parent."""
        return sorted(self.aggregates, key=lambda c: (self.levels_[c], self.aggregates.index(c)))

    def leaves_under(self, code: str) -> list[str]:
        """Indicators below ``code`` (itself if it is an indicator)."""
        if self.nodes[code].is_indicator:
            return [code]
        return [leaf for kid in self.children(code) for leaf in self.leaves_under(kid)]

    def weights(self) -> dict[str, float]:
        return {c: n.weight for c, n in self.nodes.items()}

    def directions(self) -> np.ndarray:
        return np.array([self.nodes[c].direction for c in self.indicators], dtype=float)

    def with_weights(self, weights: Mapping[str, float]) -> Framework:
        """A copy with some weights replaced (validated again)."""
        from dataclasses import replace

        unknown = set(weights) - set(self.nodes)
        if unknown:
            raise FrameworkError(f"weights: unknown element(s) {sorted(unknown)}")
        nodes = {c: replace(n, weight=float(weights.get(c, n.weight))) for c, n in self.nodes.items()}
        return Framework(
            nodes, self.name, self.unit_column, self.name_column, self.time_column, list(self.groups)
        )

    def effective_weights(self, weights: Mapping[str, float] | None = None) -> dict[str, float]:
        """Share of each node in its root: product of sibling-normalised weights along the path."""
        w = dict(self.weights() if weights is None else weights)
        out: dict[str, float] = {}
        for code in self.nodes:
            share, node = 1.0, code
            while self.nodes[node].parent is not None:
                parent = self.nodes[node].parent
                assert parent is not None
                total = sum(w[k] for k in self.children(parent))
                share *= w[node] / total
                node = parent
            out[code] = share
        return out


def _node_from_item(item: Any, kind: str, pos: int) -> Node:
    if not isinstance(item, Mapping) or not item.get("code"):
        raise FrameworkError(f"{kind} #{pos + 1}: needs a 'code'")
    code = str(item["code"])
    try:
        weight = float(item.get("weight", 1.0))
        direction = int(item.get("direction", 1))
        target = item.get("target")
        target = None if target is None else float(target)
    except (TypeError, ValueError) as exc:
        raise FrameworkError(f"{kind} '{code}': bad number ({exc})") from exc
    parent = item.get("parent")
    return Node(
        code=code,
        name=str(item.get("name", "") or ""),
        name_zh=str(item.get("name_zh", "") or ""),
        parent=None if parent in (None, "") else str(parent),
        weight=weight,
        direction=direction,
        unit=str(item.get("unit", "") or ""),
        denominator=item.get("denominator") or None,
        is_indicator=kind == "indicator",
        target=target,
    )
