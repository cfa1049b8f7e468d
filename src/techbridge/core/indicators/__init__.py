"""Composite-indicator engine: COINr-exact pipeline, analysis, uncertainty and sensitivity (no Django).

Typical use (the evaluation app's service does exactly this)::

    from techbridge.core.indicators import Framework, Method, Pipeline, write_result

    framework = Framework.from_yaml("cass_17plus1.yaml")      # or Framework.from_dict({...})
    method = Method.from_dict({"impute": "mean", "treat": "winsorise",
                               "normalise": {"method": "minmax", "low": 1, "high": 100}})
    result = Pipeline(framework, method, progress=lambda f, msg: ...).run(data_frame)
    result.stages["Normalised"]      # every stage: Raw, Denominated, Screened, Imputed, Treated, Normalised, Aggregated
    result.results                   # score and rank of every aggregate per unit (root first)
    result.analysis                  # JSON-ready: statistics per stage, treatment, correlations, PCA, alpha, weights
    result.effective_weights         # share of each indicator/aggregate in its root
    write_result(result, "out/")     # Data_<stage>.csv, treatment.csv, results.csv, analysis.json

    spec = IndexSpec.from_file("spec.yaml")                    # framework + method (+ uncertainty)
    ua = UncertaintyAnalysis(Pipeline(spec.framework, spec.method), UncertaintySpec(runs=2000, seed=1),
                             progress=job.report).fit(data_frame)
    ua.result_.ranks, ua.result_.sobol, ua.result_.sobol_units["ST"]

    platform_indicators(counts)  # platform counts per unit/period -> indicator columns (see platform.py)

Data: one row per unit (``framework.unit_column``), one column per indicator, plus group and denominator
columns; panel data adds ``framework.time_column``. Every error is an :class:`IndicatorError` subclass whose
message names the element (indicator, aggregate, unit or option). Methodology: OECD/JRC Handbook on
Constructing Composite Indicators (2008); COINr (Becker et al. 2022, JOSS 7(78) 4567); Saisana, Saltelli &
Tarantola (2005) for uncertainty and sensitivity analysis.
"""

from techbridge.core.indicators.analysis import analyse, write_result
from techbridge.core.indicators.errors import DataError, FrameworkError, IndicatorError, MethodError
from techbridge.core.indicators.framework import Framework, Node
from techbridge.core.indicators.method import AggregateSpec, ImputeSpec, Method, WeightSpec
from techbridge.core.indicators.normalise import NormaliseSpec
from techbridge.core.indicators.pipeline import IndexResult, Pipeline
from techbridge.core.indicators.platform import PLATFORM_COUNTS, platform_indicators
from techbridge.core.indicators.spec import IndexSpec
from techbridge.core.indicators.treat import TreatSpec
from techbridge.core.indicators.uncertainty import UncertaintyAnalysis, UncertaintyResult, UncertaintySpec

__all__ = [
    "AggregateSpec",
    "DataError",
    "Framework",
    "FrameworkError",
    "ImputeSpec",
    "IndexResult",
    "IndexSpec",
    "IndicatorError",
    "Method",
    "MethodError",
    "Node",
    "NormaliseSpec",
    "PLATFORM_COUNTS",
    "Pipeline",
    "TreatSpec",
    "UncertaintyAnalysis",
    "UncertaintyResult",
    "UncertaintySpec",
    "WeightSpec",
    "analyse",
    "platform_indicators",
    "write_result",
]
