"""The index pipeline: denominate -> screen -> impute -> treat -> normalise -> weight -> aggregate.

Every stage is kept in :attr:`IndexResult.stages` (units x indicators, aggregates added in 'Aggregated'),
so each step can be audited and compared with COINr (Becker et al. 2022, JOSS 7(78) 4567).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from techbridge.core.indicators import prepare
from techbridge.core.indicators.aggregate import aggregate, rank_desc
from techbridge.core.indicators.errors import DataError, MethodError
from techbridge.core.indicators.framework import Framework
from techbridge.core.indicators.method import Method
from techbridge.core.indicators.normalise import normalise
from techbridge.core.indicators.treat import Treatment, treat
from techbridge.core.indicators.weights import AHPResult, ahp, budget, pca_weights

Progress = Callable[[float, str], None]
STAGES = ("Raw", "Denominated", "Screened", "Imputed", "Treated", "Normalised", "Aggregated")


@dataclass
class IndexResult:
    """Output of :meth:`Pipeline.run`: stages, scores and ranks per aggregate, treatment log, weights, analysis."""

    framework: Framework
    method: Method
    stages: dict[str, pd.DataFrame]
    results: pd.DataFrame
    treatments: dict[str, Treatment]
    weights: dict[str, float]
    effective_weights: dict[str, float]
    dropped_units: list[str] = field(default_factory=list)
    ahp: dict[str, AHPResult] = field(default_factory=dict)
    groups: pd.DataFrame | None = None
    analysis: dict[str, Any] = field(default_factory=dict)


class Pipeline:
    """Run a framework with method choices on a dataset: ``Pipeline(framework, method).run(data)``."""

    def __init__(self, framework: Framework, method: Method | None = None, progress: Progress | None = None):
        self.framework = framework
        self.method = method or Method()
        self.progress = progress

    # ---- the whole run ------------------------------------------------------------------------------
    def run(self, data: pd.DataFrame, *, analyse: bool = True) -> IndexResult:
        """Compute every stage; ``analyse`` adds statistics, correlations, PCA and Cronbach's alpha."""
        fw, m = self.framework, self.method
        raw, dens, groups = self.split(data)
        stages: dict[str, pd.DataFrame] = {"Raw": raw}
        self._tick(0.1, "denominate")
        stages["Denominated"] = self.denominate(raw, dens) if m.denominate else raw.copy()
        stages["Screened"], dropped = prepare.screen(stages["Denominated"], float(m.screen))
        groups = groups.loc[stages["Screened"].index]
        self._tick(0.3, "impute")
        stages["Imputed"] = self.impute(stages["Screened"], groups)
        self._tick(0.5, "treat")
        stages["Treated"], treatments = treat(stages["Imputed"], m.treat)
        self._tick(0.6, "normalise")
        stages["Normalised"] = self.normalise(stages["Treated"])
        weights, ahp_results = self.resolve_weights(stages["Normalised"])
        self._tick(0.7, "aggregate")
        stages["Aggregated"] = self.aggregate(stages["Normalised"], weights)
        result = IndexResult(
            framework=fw,
            method=m,
            stages=stages,
            results=self.results_table(stages["Aggregated"], data),
            treatments=treatments,
            weights=weights,
            effective_weights=fw.effective_weights(weights),
            dropped_units=dropped,
            ahp=ahp_results,
            groups=groups,
        )
        if analyse:
            from techbridge.core.indicators.analysis import analyse as run_analysis

            self._tick(0.85, "analyse")
            result.analysis = run_analysis(result)
        self._tick(1.0, "done")
        return result

    def _tick(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(fraction, message)

    # ---- steps (public so each can be run on its own, e.g. against a reference stage) ----------------
    def split(self, data: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(raw indicators, denominators, groups), each indexed by unit code; panel data reduced to one period."""
        fw = self.framework
        needed = [fw.unit_column, *fw.indicators, *fw.groups, *self._denominator_columns()]
        missing = [c for c in needed if c not in data.columns]
        if missing:
            raise DataError(f"data: missing column(s) {', '.join(missing)}")
        if fw.time_column and fw.time_column in data.columns:
            data = self._one_period(data)
        if data[fw.unit_column].duplicated().any():
            dup = data.loc[data[fw.unit_column].duplicated(), fw.unit_column].iloc[0]
            raise DataError(f"data: unit '{dup}' appears more than once (set time_column for panel data)")
        frame = data.set_index(fw.unit_column)
        frame.index = frame.index.astype(str)
        raw = frame[fw.indicators].apply(pd.to_numeric, errors="coerce").astype(float)
        bad = frame[fw.indicators].notna() & raw.isna()
        if bad.any().any():
            col = bad.any().idxmax()
            raise DataError(f"data: indicator '{col}' of unit '{bad[col].idxmax()}' is not a number")
        return raw, frame[self._denominator_columns()].astype(float), frame[fw.groups]

    def _denominator_columns(self) -> list[str]:
        if not self.method.denominate:
            return []
        return sorted(
            {n.denominator for n in self.framework.nodes.values() if n.is_indicator and n.denominator}
        )

    def _one_period(self, data: pd.DataFrame) -> pd.DataFrame:
        fw, m = self.framework, self.method
        assert fw.time_column is not None
        if m.impute.method in ("latest", "linear"):
            data = prepare.impute_panel(data, fw.unit_column, fw.time_column, fw.indicators, m.impute.method)
        period = m.period if m.period is not None else data[fw.time_column].max()
        out = data[data[fw.time_column] == period]
        if out.empty:
            raise DataError(f"data: no rows for period {period!r} in column '{fw.time_column}'")
        return out

    def denominate(self, raw: pd.DataFrame, dens: pd.DataFrame) -> pd.DataFrame:
        spec = {c: self.framework.nodes[c].denominator for c in self.framework.indicators}
        return prepare.denominate(raw, dens, spec)

    def impute(self, data: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
        spec = self.method.impute
        if spec.method in ("latest", "linear"):
            return data.copy()  # done on the panel before the period was selected
        group = None
        if spec.method.startswith("group_"):
            if not spec.group or spec.group not in groups.columns:
                raise MethodError(
                    f"impute '{spec.method}': group column '{spec.group}' is not a framework group"
                )
            group = groups[spec.group]
        return prepare.impute(data, spec.method, group)

    def normalise(self, treated: pd.DataFrame) -> pd.DataFrame:
        fw = self.framework
        targets = {c: fw.nodes[c].target for c in fw.indicators}
        values = normalise(
            treated.to_numpy(dtype=float),
            fw.directions(),
            self.method.normalise,
            fw.indicators,
            list(treated.index),
            targets,
        )
        return pd.DataFrame(values, index=treated.index, columns=treated.columns)

    def resolve_weights(self, normalised: pd.DataFrame) -> tuple[dict[str, float], dict[str, AHPResult]]:
        """Weights of every node under the chosen weighting method (relative among siblings)."""
        return resolve_weights(self.framework, self.method, normalised)

    def aggregate(self, normalised: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
        fw = self.framework
        w = np.array([[weights[c] for c in fw.nodes]])
        scores = aggregate_tree(fw, self.method, normalised.to_numpy(dtype=float), w, list(normalised.index))
        out = normalised.copy()
        for code in fw.aggregation_order():
            out[code] = scores[code][:, 0]
        return out

    def results_table(self, aggregated: pd.DataFrame, data: pd.DataFrame | None = None) -> pd.DataFrame:
        """Score and rank of every aggregate, highest level first, sorted by the first root's rank."""
        fw = self.framework
        order = sorted(fw.aggregates, key=lambda c: (-fw.levels_[c], fw.aggregates.index(c)))
        table = pd.DataFrame(index=aggregated.index)
        if data is not None and fw.name_column and fw.name_column in data.columns:
            names = data.drop_duplicates(fw.unit_column).set_index(fw.unit_column)[fw.name_column]
            names.index = names.index.astype(str)
            table["name"] = names.reindex(table.index)
        for code in order:
            table[code] = aggregated[code]
        digits = self.method.rank_decimals
        for code in order:
            values = aggregated[code].to_numpy(dtype=float)
            table[f"{code}_rank"] = rank_desc(values if digits is None else np.round(values, digits))
        return table.sort_values(f"{order[0]}_rank", kind="stable") if order else table


def resolve_weights(
    fw: Framework, method: Method, normalised: pd.DataFrame
) -> tuple[dict[str, float], dict[str, AHPResult]]:
    """Apply the weighting method; nodes it does not cover keep their framework weight."""
    spec = method.weights
    w = fw.weights()
    found: dict[str, AHPResult] = {}
    if spec.method == "equal":
        w = dict.fromkeys(w, 1.0)
    elif spec.method == "manual":
        w = fw.with_weights(spec.values).weights()
    elif spec.method in ("budget", "ahp"):
        source = spec.allocations if spec.method == "budget" else spec.judgements
        for agg, given in source.items():
            if agg not in fw.aggregates:
                raise MethodError(f"weights '{spec.method}': '{agg}' is not an aggregate of the framework")
            kids = fw.children(agg)
            if spec.method == "budget":
                w.update(budget(kids, given))
                continue
            res = ahp(kids, given)
            if res.cr >= spec.max_cr:
                raise MethodError(
                    f"weights 'ahp': judgements of '{agg}' are inconsistent (CR = {res.cr:.3f} >= {spec.max_cr})"
                )
            found[agg] = res
            w.update(res.weights)
    elif spec.method == "pca":
        for agg in fw.aggregates:
            kids = fw.children(agg)
            if len(kids) > 1 and all(fw.nodes[k].is_indicator for k in kids):
                w.update(pca_weights(kids, normalised[kids].to_numpy(dtype=float)))
    fw.with_weights(w)  # re-validates: a zero total weight names the aggregate
    return w, found


def aggregate_tree(
    fw: Framework, method: Method, x: np.ndarray, w: np.ndarray, units: list[str]
) -> dict[str, np.ndarray]:
    """Scores of every aggregate (units x runs) from normalised indicators ``x`` and node weights ``w`` (runs x nodes)."""
    spec = method.aggregate
    col = {c: j for j, c in enumerate(fw.nodes)}
    ind = {c: j for j, c in enumerate(fw.indicators)}
    scores: dict[str, np.ndarray] = {}
    for code in fw.aggregation_order():
        kids = fw.children(code)
        wk = w[:, [col[k] for k in kids]]
        if all(k in ind for k in kids):
            vals = x[:, [ind[k] for k in kids]]
        else:
            runs = w.shape[0]
            vals = np.stack(
                [
                    np.broadcast_to(x[:, [ind[k]]], (x.shape[0], runs)) if k in ind else scores[k]
                    for k in kids
                ],
                axis=1,
            )
        scores[code] = aggregate(
            vals,
            wk,
            spec.method_for(code, fw.levels_[code]),
            p=spec.p,
            threshold=spec.threshold,
            on_insufficient=spec.on_insufficient,
            element=code,
            codes=kids,
            units=units,
        )
    return scores
