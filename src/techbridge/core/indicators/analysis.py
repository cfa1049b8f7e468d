"""Analysis of an index run: statistics per indicator and stage, correlations, PCA, Cronbach's alpha.

Following the statistical coherence checks of the JRC audits (Saisana, Saltelli & Tarantola 2005,
JRSS A 168(2)) and the OECD/JRC Handbook (2008), step 4: skewness/kurtosis and treatment of every
indicator, correlations within and across levels, first-component loadings and alpha per group.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from techbridge.core.indicators.stats import cronbach_alpha, describe
from techbridge.core.indicators.weights import pca_first_component

if TYPE_CHECKING:
    from techbridge.core.indicators.pipeline import IndexResult


def analyse(result: IndexResult) -> dict[str, Any]:
    """All analyses as a JSON-ready dict (NaN become None)."""
    fw = result.framework
    agg = result.stages["Aggregated"]
    out: dict[str, Any] = {
        "units": len(agg),
        "dropped_units": result.dropped_units,
        "statistics": stage_statistics(result),
        "treatment": {c: _treatment(t) for c, t in result.treatments.items()},
        "correlations": correlations(fw, agg),
        "pca": {},
        "cronbach_alpha": {},
        "weights": result.weights,
        "effective_weights": result.effective_weights,
        "ahp": {
            a: {"weights": r.weights, "lambda_max": r.lambda_max, "ci": r.ci, "cr": r.cr}
            for a, r in result.ahp.items()
        },
    }
    for code in fw.aggregates:
        kids = fw.children(code)
        values = agg[kids].to_numpy(dtype=float)
        out["cronbach_alpha"][code] = cronbach_alpha(values)
        if len(kids) > 1 and (~np.isnan(values).any(axis=1)).sum() > len(kids):
            loadings, share = pca_first_component(values)
            out["pca"][code] = {
                "loadings": dict(zip(kids, loadings.tolist(), strict=True)),
                "variance_share": share,
            }
    return clean(out)


def stage_statistics(result: IndexResult) -> dict[str, dict[str, dict[str, float]]]:
    """stage -> column -> describe(); the 'Treated' stage also gets the treatment and winsorised points."""
    stats: dict[str, dict[str, dict[str, Any]]] = {}
    for name, frame in result.stages.items():
        stats[name] = {str(c): describe(frame[c].to_numpy(dtype=float)) for c in frame.columns}
    for code, rec in result.treatments.items():
        stats["Treated"][code] |= {"treatment": rec.treatment, "winsorised_points": rec.low + rec.high}
    return stats


def correlations(fw: Any, agg: pd.DataFrame) -> dict[str, Any]:
    """Pearson correlations: children within each aggregate, each node with its parent and with each root."""
    corr = agg.corr()
    within = {a: _matrix(corr, fw.children(a)) for a in fw.aggregates}
    with_parent = {c: _num(corr.loc[c, n.parent]) for c, n in fw.nodes.items() if n.parent}
    with_roots = {r: {c: _num(corr.loc[c, r]) for c in fw.nodes if c != r} for r in fw.roots}
    return {
        "within": within,
        "with_parent": with_parent,
        "with_root": with_roots,
        "matrix": _matrix(corr, list(corr.columns)),
    }


def _matrix(corr: pd.DataFrame, codes: list[str]) -> dict[str, dict[str, float | None]]:
    return {a: {b: _num(corr.loc[a, b]) for b in codes} for a in codes}


def _num(value: Any) -> float | None:
    v = float(value)
    return None if math.isnan(v) else v


def _treatment(rec: Any) -> dict[str, Any]:
    return {
        "treatment": rec.treatment,
        "low": rec.low,
        "high": rec.high,
        "skewness_before": rec.skew_before,
        "kurtosis_before": rec.kurt_before,
        "skewness_after": rec.skew_after,
        "kurtosis_after": rec.kurt_after,
    }


def clean(obj: Any) -> Any:
    """Replace NaN/inf by None and numpy scalars by Python numbers, recursively."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [clean(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def write_result(result: IndexResult, out_dir: str | Path) -> list[Path]:
    """Write every stage as ``Data_<stage>.csv``, ``treatment.csv``, ``results.csv`` and ``analysis.json``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    unit = result.framework.unit_column
    written = []
    for name, frame in result.stages.items():
        path = out / f"Data_{name}.csv"
        frame.rename_axis(unit).to_csv(path, float_format="%.17g")
        written.append(path)
    treat = pd.DataFrame([_treatment(t) | {"code": c} for c, t in result.treatments.items()]).set_index(
        "code"
    )
    treat.to_csv(out / "treatment.csv", float_format="%.17g")
    result.results.rename_axis(unit).to_csv(out / "results.csv", float_format="%.17g")
    (out / "analysis.json").write_text(
        json.dumps(result.analysis or {}, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return [*written, out / "treatment.csv", out / "results.csv", out / "analysis.json"]
