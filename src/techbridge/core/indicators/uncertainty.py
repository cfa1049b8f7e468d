"""Uncertainty and sensitivity analysis: Monte Carlo over method assumptions with variance-based indices.

Saisana, Saltelli & Tarantola (2005), JRSS A 168(2): sample the uncertain assumptions (weights,
normalisation, aggregation, treatment threshold, imputation) with a scrambled Sobol' sequence (Saltelli
design via SALib; Saltelli et al. 2010, CPC 181), recompute the index for every sample, report rank
medians and 5-95% intervals, and first-order / total Sobol' indices (Jansen estimators in SALib).
Upstream stages are memoised per distinct discrete choice; weights and aggregation are batched in numpy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from techbridge.core.indicators import prepare
from techbridge.core.indicators.aggregate import rank_desc
from techbridge.core.indicators.errors import MethodError
from techbridge.core.indicators.method import ImputeSpec, Method
from techbridge.core.indicators.normalise import NormaliseSpec
from techbridge.core.indicators.pipeline import Pipeline, Progress, aggregate_tree
from techbridge.core.indicators.treat import treat


@dataclass(frozen=True)
class UncertaintySpec:
    """Assumptions to vary. Empty tuples keep the nominal choice; ``runs`` is a lower bound on the sample size."""

    weights_noise: float = 0.25  # each weight times U(1 - noise, 1 + noise)
    normalise: tuple[Any, ...] = ()  # method names or NormaliseSpec mappings
    aggregate: tuple[str, ...] = ()
    treat_skew: tuple[float | None, ...] = ()  # skewness thresholds; None = no treatment
    impute: tuple[str, ...] = ()
    runs: int = 1000
    seed: int = 0
    target: str = "rank"  # per-unit Sobol' output: "rank" or "score"
    resamples: int = 100  # bootstrap resamples for the confidence of the indices
    batch: int = 2048

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> UncertaintySpec:
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(spec) - known
        if unknown:
            raise MethodError(f"uncertainty: unknown option(s) {sorted(unknown)}")
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()}
        return cls(**values)


@dataclass
class UncertaintyResult:
    """Per-unit rank statistics, Sobol' indices overall and per unit, and the raw samples for audit."""

    ranks: pd.DataFrame  # nominal, median, p05, p95, mean score ... per unit
    sobol: pd.DataFrame  # factor x (S1, S1_conf, ST, ST_conf) for the mean absolute rank shift
    sobol_units: dict[str, pd.DataFrame]  # "S1"/"ST" -> unit x factor
    runs: int
    factors: list[str]
    samples: np.ndarray = field(repr=False)
    scores: np.ndarray = field(repr=False)  # units x runs (root scores)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (no raw samples) for storing with an index run."""
        from techbridge.core.indicators.analysis import clean

        return clean(
            {
                "runs": self.runs,
                "factors": self.factors,
                "ranks": self.ranks.reset_index().to_dict("records"),
                "sobol": self.sobol.to_dict("index"),
                "sobol_units": {k: v.to_dict("index") for k, v in self.sobol_units.items()},
            }
        )


class UncertaintyAnalysis:
    """``UncertaintyAnalysis(Pipeline(framework, method), spec, progress).fit(data)``; results in ``result_``."""

    def __init__(self, pipeline: Pipeline, spec: UncertaintySpec, progress: Progress | None = None):
        self.pipeline = pipeline
        self.spec = spec
        self.progress = progress

    def fit(self, data: pd.DataFrame) -> UncertaintyAnalysis:
        fw, spec = self.pipeline.framework, self.spec
        if not fw.roots:
            raise MethodError("uncertainty: the framework has no root aggregate")
        self.root_ = fw.roots[0]
        factors = self._factors()
        if not factors:
            raise MethodError("uncertainty: nothing varies (set weights_noise or alternatives)")
        problem, names = self._problem(factors)
        base = _base_size(spec.runs, len(factors))
        x = sobol_sample.sample(problem, base, calc_second_order=False, scramble=True, seed=spec.seed)
        self._tick(0.02, f"{len(x)} runs sampled")
        nominal = Pipeline(fw, self.pipeline.method).run(
            data, analyse=False
        )  # its own progress would go backwards
        nominal_rank = (
            nominal.results[f"{self.root_}_rank"].reindex(nominal.stages["Normalised"].index).to_numpy()
        )
        with _single_threaded_blas():  # many small products: BLAS threads only contend (14x slower measured)
            scores = self._evaluate(data, x, names, factors)
        ranks = rank_desc(scores)
        self._tick(0.92, "sensitivity indices")
        self.result_ = self._summarise(nominal, nominal_rank, x, scores, ranks, problem, factors)
        self._tick(1.0, "done")
        return self

    def _tick(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(fraction, message)

    # ---- design -------------------------------------------------------------------------------------
    def _factors(self) -> list[str]:
        s = self.spec
        out = ["weights"] if s.weights_noise > 0 else []
        for name, alts in (
            ("normalise", s.normalise),
            ("aggregate", s.aggregate),
            ("treatment", s.treat_skew),
            ("imputation", s.impute),
        ):
            if len(alts) > 1:
                out.append(name)
        return out

    def _problem(self, factors: list[str]) -> tuple[dict[str, Any], list[str]]:
        names: list[str] = []
        groups: list[str] = []
        for f in factors:
            dims = (
                [f"w:{c}" for c in self.pipeline.framework.nodes if self.pipeline.framework.nodes[c].parent]
                if f == "weights"
                else [f]
            )
            names += dims
            groups += [f] * len(dims)
        problem = {
            "num_vars": len(names),
            "names": names,
            "bounds": [[0.0, 1.0]] * len(names),
            "groups": groups,
        }
        return problem, names

    def _choice(self, u: np.ndarray, alternatives: Sequence[Any]) -> np.ndarray:
        return np.minimum((u * len(alternatives)).astype(int), len(alternatives) - 1)

    # ---- evaluation ---------------------------------------------------------------------------------
    def _evaluate(
        self, data: pd.DataFrame, x: np.ndarray, names: list[str], factors: list[str]
    ) -> np.ndarray:
        fw, s, m = self.pipeline.framework, self.spec, self.pipeline.method
        col = {n: j for j, n in enumerate(names)}
        runs = x.shape[0]
        pick = {
            f: self._choice(x[:, col[f]], alts) if f in col else np.zeros(runs, int)
            for f, alts in (
                ("normalise", s.normalise),
                ("aggregate", s.aggregate),
                ("treatment", s.treat_skew),
                ("imputation", s.impute),
            )
        }
        mult = np.ones((runs, len(fw.nodes)))
        for j, c in enumerate(fw.nodes):
            if f"w:{c}" in col:
                mult[:, j] = 1 + s.weights_noise * (2 * x[:, col[f"w:{c}"]] - 1)
        resolved, _ = self.pipeline.resolve_weights(self.pipeline.normalise(self._upstream_frame(data, m)))
        weights = (
            np.array([resolved[c] for c in fw.nodes]) * mult
            if s.weights_noise > 0
            else np.tile([resolved[c] for c in fw.nodes], (runs, 1))
        )
        keys = np.stack([pick["imputation"], pick["treatment"], pick["normalise"], pick["aggregate"]], axis=1)
        combos, inverse = np.unique(keys, axis=0, return_inverse=True)
        scores = np.empty((len(self._units(data)), runs))
        done = 0
        cache: dict[tuple[int, int, int], np.ndarray] = {}
        for k, (imp, trt, nrm, agg) in enumerate(combos):
            key = (int(imp), int(trt), int(nrm))
            if key not in cache:
                cache[key] = self._normalised(data, m, key)
            method = replace(
                m, aggregate=replace(m.aggregate, method=s.aggregate[agg]) if s.aggregate else m.aggregate
            )
            idx = np.flatnonzero(inverse.ravel() == k)
            for start in range(0, len(idx), s.batch):
                part = idx[start : start + s.batch]
                out = aggregate_tree(fw, method, cache[key], weights[part], self._units(data))
                scores[:, part] = out[self.root_]
                done += len(part)
                self._tick(0.05 + 0.85 * done / runs, f"{done}/{runs} runs")
        return scores

    def _units(self, data: pd.DataFrame) -> list[str]:
        if not hasattr(self, "units_"):
            self.units_ = list(self._upstream_frame(data, self.pipeline.method).index)
        return self.units_

    def _variant(self, m: Method, key: tuple[int, int, int]) -> Method:
        s = self.spec
        imp, trt, nrm = key
        if s.impute:
            m = replace(m, impute=ImputeSpec(s.impute[imp], m.impute.group))
        if s.treat_skew:
            skew = s.treat_skew[trt]
            m = replace(
                m,
                treat=replace(m.treat, method="none")
                if skew is None
                else replace(m.treat, method="winsorise", skew=float(skew)),
            )
        if s.normalise:
            alt = s.normalise[nrm]
            m = replace(m, normalise=NormaliseSpec(alt) if isinstance(alt, str) else NormaliseSpec(**alt))
        return m

    def _upstream_frame(self, data: pd.DataFrame, m: Method) -> pd.DataFrame:
        """Treated data under method ``m`` (split, denominate, screen, impute, treat), memoised per choice."""
        cache: dict[Any, Any] = self.__dict__.setdefault("_frames", {})
        key = (m.impute, m.treat)
        if key not in cache:
            p = Pipeline(self.pipeline.framework, m)
            if ("split", m.impute) not in cache:  # panel imputation happens in split
                raw, dens, groups = p.split(data)
                den = p.denominate(raw, dens) if m.denominate else raw
                screened, _ = prepare.screen(den, float(m.screen))
                cache["split", m.impute] = (screened, groups.loc[screened.index])
            screened, groups = cache["split", m.impute]
            cache[key] = treat(p.impute(screened, groups), m.treat)[0]
        return cache[key]

    def _normalised(self, data: pd.DataFrame, m: Method, key: tuple[int, int, int]) -> np.ndarray:
        variant = self._variant(m, key)
        treated = self._upstream_frame(data, variant)
        if list(treated.index) != self._units(data):
            raise MethodError(
                "uncertainty: screening changed the units between variants; vary imputation without screening"
            )
        return Pipeline(self.pipeline.framework, variant).normalise(treated).to_numpy(dtype=float)

    # ---- summary ------------------------------------------------------------------------------------
    def _summarise(
        self,
        nominal: Any,
        nominal_rank: np.ndarray,
        x: np.ndarray,
        scores: np.ndarray,
        ranks: np.ndarray,
        problem: dict[str, Any],
        factors: list[str],
    ) -> UncertaintyResult:
        units = self.units_
        table = pd.DataFrame(
            {
                "nominal_rank": nominal_rank,
                "median_rank": np.median(ranks, axis=1),
                "rank_p05": np.percentile(ranks, 5, axis=1),
                "rank_p95": np.percentile(ranks, 95, axis=1),
                "mean_score": scores.mean(axis=1),
                "score_p05": np.percentile(scores, 5, axis=1),
                "score_p95": np.percentile(scores, 95, axis=1),
            },
            index=pd.Index(units, name=self.pipeline.framework.unit_column),
        ).sort_values(["nominal_rank", "median_rank"], kind="stable")
        shift = np.abs(ranks - nominal_rank[:, None]).mean(axis=0)
        sob = self._sobol(problem, shift, factors)
        target = ranks if self.spec.target == "rank" else scores
        units_tables = {
            k: pd.DataFrame(
                v, index=pd.Index(units, name=self.pipeline.framework.unit_column), columns=factors
            )
            for k, v in sobol_per_unit(target.T, len(factors)).items()
        }
        return UncertaintyResult(table, sob, units_tables, x.shape[0], factors, x, scores)

    def _sobol(
        self, problem: dict[str, Any], y: np.ndarray, factors: list[str], resamples: int | None = None
    ) -> pd.DataFrame:
        y = np.asarray(y, dtype=float)
        if np.ptp(y) == 0:  # constant output: no variance to share out
            return pd.DataFrame(0.0, index=factors, columns=["S1", "S1_conf", "ST", "ST_conf"])
        res = sobol_analyze.analyze(
            problem,
            y,
            calc_second_order=False,
            num_resamples=resamples or self.spec.resamples,
            seed=self.spec.seed,
        )
        names = res.get("names", factors)
        frame = pd.DataFrame({k: res[k] for k in ("S1", "S1_conf", "ST", "ST_conf")}, index=list(names))
        return frame.reindex(factors)


def _single_threaded_blas() -> Any:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional: without it BLAS keeps its default threads
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def sobol_per_unit(y: np.ndarray, n_factors: int) -> dict[str, np.ndarray]:
    """S1 and ST (units x factors) for outputs ``y`` (runs x units) of a Saltelli design without second order.

    Same estimators and output standardisation as ``SALib.analyze.sobol.analyze``, for all units at once.
    """
    sd = y.std(axis=0)
    z = np.where(sd > 0, (y - y.mean(axis=0)) / np.where(sd > 0, sd, 1.0), 0.0)
    blocks = z.reshape(-1, n_factors + 2, z.shape[1])  # rows per base sample: A, AB_1..AB_k, B
    a, b = blocks[:, 0], blocks[:, -1]
    s1 = np.stack([sobol_analyze.first_order(a, blocks[:, 1 + j], b) for j in range(n_factors)], axis=1)
    st = np.stack([sobol_analyze.total_order(a, blocks[:, 1 + j], b) for j in range(n_factors)], axis=1)
    return {"S1": s1, "ST": st}


def _base_size(runs: int, n_factors: int) -> int:
    """Smallest power of two N with N (k + 2) >= runs (Saltelli design without second-order terms)."""
    n = 2
    while n * (n_factors + 2) < runs:
        n *= 2
    return n
