"""COINr interoperability: read a COINr iData/iMeta pair and Method.json, and check parity stage by stage.

COINr (Becker et al. 2022, JOSS 7(78) 4567; github bluefoxr/COINr) stores every stage of its ASEM example.
The stored stages were computed from the inputs held at 10 significant digits (at most 9 decimals);
``input_digits=10`` rounds the inputs the same way before the run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from techbridge.core.indicators.errors import DataError, MethodError
from techbridge.core.indicators.framework import Framework
from techbridge.core.indicators.method import AggregateSpec, ImputeSpec, Method
from techbridge.core.indicators.normalise import NormaliseSpec
from techbridge.core.indicators.pipeline import IndexResult, Pipeline
from techbridge.core.indicators.treat import TreatSpec

COINR_STAGES = ("Raw", "Denominated", "Imputed", "Treated", "Normalised", "Aggregated")
_IMPUTE = {
    "ind_mean": "mean",
    "ind_median": "median",
    "indgroup_mean": "group_mean",
    "indgroup_median": "group_median",
    "none": "none",
}
_AGG = {"arith_mean": "arithmetic", "geom_mean": "geometric", "harm_mean": "harmonic", "copeland": "copeland"}


def method_from_coinr(spec: dict[str, Any]) -> Method:
    """Translate COINr's Method.json (v0.x names: imtype, groupvar, t_skew, t_kurt, ntype, agtype) to a Method."""

    def first(step: str, key: str, default: Any) -> Any:
        value = spec.get(step, {}).get(key, [default])
        return value[0] if isinstance(value, list) else value

    imtype = first("impute", "imtype", "none")
    if imtype not in _IMPUTE:
        raise MethodError(f"COINr impute type '{imtype}' is not supported")
    group = first("impute", "groupvar", None)
    if group and group.startswith("Group_"):
        group = group.removeprefix("Group_") + "_group"  # COINr renames iData's X_group to Group_X
    agtype = first("aggregate", "agtype", "arith_mean")
    if agtype not in _AGG or first("normalise", "ntype", "minmax") != "minmax":
        raise MethodError(
            f"COINr method not supported: aggregate '{agtype}', normalise '{first('normalise', 'ntype', '')}'"
        )
    deflog = str(first("treat", "deflog", "CTlog")).lower()
    return Method(
        denominate="denominate" in spec,
        impute=ImputeSpec(_IMPUTE[imtype], group),
        treat=TreatSpec(
            method="winsorise" if "treat" in spec else "none",
            skew=float(first("treat", "t_skew", 2.0)),
            kurt=float(first("treat", "t_kurt", 3.5)),
            winmax=int(first("treat", "winmax", 5)),
            winchange=bool(first("treat", "winchange", True)),
            fallback=deflog if deflog in ("log", "ctlog") else "ctlog",
        ),
        normalise=NormaliseSpec("minmax", 0.0, 100.0),
        aggregate=AggregateSpec(_AGG[agtype]),
        rank_decimals=2,
    )


def round_inputs(values: pd.DataFrame, digits: int = 10, max_decimals: int = 9) -> pd.DataFrame:
    """Each number kept to ``digits`` significant digits and at most ``max_decimals`` decimals."""

    def one(v: float) -> float:
        if not np.isfinite(v) or v == 0:
            return v
        k = min(max_decimals, digits - 1 - int(np.floor(np.log10(abs(v)))))
        return float(f"{v:.{k}f}") if k >= 0 else float(f"{v:.{digits}g}")

    return values.apply(lambda col: col.map(one) if pd.api.types.is_numeric_dtype(col) else col)


def load_coinr(directory: str | Path) -> tuple[Framework, Method, pd.DataFrame]:
    """(framework, method, data) from DIR/ASEM_iData.csv, DIR/ASEM_iMeta.csv and DIR/reference/Method.json."""
    d = Path(directory)
    for name in ("ASEM_iData.csv", "ASEM_iMeta.csv"):
        if not (d / name).is_file():
            raise DataError(f"{d}: {name} is missing")
    fw = Framework.from_coinr_meta(pd.read_csv(d / "ASEM_iMeta.csv"))
    fw.name_column = "uName"
    method_path = d / "reference" / "Method.json"
    method = method_from_coinr(json.loads(method_path.read_text())) if method_path.is_file() else Method()
    return fw, method, pd.read_csv(d / "ASEM_iData.csv")


def compare_reference(
    result: IndexResult, pipeline: Pipeline, data: pd.DataFrame, reference: Path
) -> dict[str, Any]:
    """Max |ours - reference| per stage (run from inputs), per step (fed the reference's previous stage), rank mismatches."""
    ref = {s: pd.read_csv(reference / f"Data_{s}.csv").set_index("UnitCode") for s in COINR_STAGES}
    units = result.stages["Raw"].index
    chained = {s: _maxdiff(result.stages[s], ref[s].loc[units]) for s in COINR_STAGES}
    inds = pipeline.framework.indicators
    _, dens, groups = pipeline.split(data)
    w, _ = pipeline.resolve_weights(ref["Normalised"].loc[units, inds])
    fed = {
        "Denominated": pipeline.denominate(ref["Raw"].loc[units, inds], dens),
        "Imputed": pipeline.impute(ref["Denominated"].loc[units, inds], groups),
        "Treated": _treat(pipeline, ref["Imputed"].loc[units, inds]),
        "Normalised": pipeline.normalise(ref["Treated"].loc[units, inds]),
        "Aggregated": pipeline.aggregate(ref["Normalised"].loc[units, inds], w),
    }
    stepwise = {s: _maxdiff(v, ref[s].loc[units]) for s, v in fed.items()}
    ranks = pd.read_csv(reference / "Results_AggregatesRank.csv").set_index("UnitCode")
    mismatches = 0
    for code in [c for c in ranks.columns if c in pipeline.framework.aggregates]:
        ours = result.results.loc[ranks.index, f"{code}_rank"].to_numpy()
        mismatches += int((ours != ranks[code].to_numpy()).sum())
    treat_ref = pd.read_csv(reference / "Analysis_TreatSummary.csv").set_index("IndCode")
    treat_mismatch = [
        c
        for c, t in result.treatments.items()
        if (t.low, t.high) != (treat_ref.loc[c, "Low"], treat_ref.loc[c, "High"])
    ]
    return {
        "max_abs_diff": chained,
        "stepwise_max_abs_diff": stepwise,
        "rank_mismatches": mismatches,
        "treatment_mismatches": treat_mismatch,
    }


def _treat(pipeline: Pipeline, imputed: pd.DataFrame) -> pd.DataFrame:
    from techbridge.core.indicators.treat import treat

    return treat(imputed, pipeline.method.treat)[0]


def _maxdiff(ours: pd.DataFrame, ref: pd.DataFrame) -> float:
    cols = [c for c in ours.columns if c in ref.columns]
    a = ours[cols].to_numpy(dtype=float)
    b = ref.loc[ours.index, cols].to_numpy(dtype=float)
    if (np.isnan(a) != np.isnan(b)).any():
        return float("inf")
    return float(np.nanmax(np.abs(a - b)))


def asem_parity(directory: str | Path, input_digits: int | None = 10) -> tuple[dict[str, Any], IndexResult]:
    """Rebuild the ASEM index from DIR's inputs and compare with DIR/reference; returns (report, result)."""
    fw, method, data = load_coinr(directory)
    if input_digits:
        data = round_inputs(data, input_digits)
    pipeline = Pipeline(fw, method)
    result = pipeline.run(data)
    report = compare_reference(result, pipeline, data, Path(directory) / "reference")
    return {"input_digits": input_digits} | report, result
