"""Multi-criteria decision analysis for the location planner (where to place overseas innovation centres).

Pure core: typed inputs, results out; no Django. The planning app builds a `DecisionMatrix` from its
Site and Criterion rows, calls the functions below and stores `as_dict()` of the results.

Data model
    Criterion(name, kind="benefit"|"cost", weight)            raw weight >= 0, rescaled to sum 1
    DecisionMatrix(alternatives, criteria, values)             values: rows, or {site: {criterion: value}}
        missing / non-finite value -> DecisionInputError naming the site and the criterion
    Ranking(method, alternatives, scores, ranks, higher_is_better, details)   .order .top .as_dict()

Weights (from judges)
    ahp_weights(matrix, criteria, on_inconsistent="warn"|"raise"|"ignore") -> AHPResult
        principal eigenvector, CI, CR (Saaty's RI); CR > 0.1 warns (InconsistentJudgementWarning) or
        raises (InconsistentJudgementError, .result) naming the most inconsistent triple (i, j, k): the
        largest |log(a_ij a_jk / a_ik)|; also in AHPResult.worst_triple. Non-reciprocal or non-positive
        judgements -> DecisionInputError naming the element.
    group_ahp_weights(matrices, criteria, judge_weights)        geometric mean of judgements (AIJ)
    bwm_weights(best_to_others, others_to_worst, criteria, model="linear"|"nonlinear") -> BWMResult
        Rezaei 2016 linear LP, or Rezaei 2015 minmax (exact, by bisection on xi); xi, CR = xi/CI
    group_bwm_weights(...)                                      geometric mean of the judges' vectors

Rankings (one DecisionMatrix in, one Ranking out)
    topsis(dm)                    pymcdm TOPSIS, vector normalisation (Hwang & Yoon 1981)
    promethee_ii(dm, functions)   PreferenceFunction per criterion: usual, ushape, linear (V-shape),
                                  level, vshape_indifference (q, p), gaussian (s)
    vikor(dm, v=0.5)              Q ascending; details S, R, Q, acceptable_advantage,
                                  acceptable_stability, compromise_set (Opricovic & Tzeng 2004)
    weighted_sum(dm)              additive value with min-max partial values
    compromise_ranking(rankings, rule="copeland")   Copeland pairwise majority over the methods'
                                  ranks, ties broken by Borda count then input order; or rule="borda"

Robustness
    SMAA2(n_samples, model="weighted_sum"|"topsis"|"promethee", weights="uniform"|"around",
          concentration, value_spread, seed).fit(dm, progress) .result_ -> SMAAResult
        rank_acceptability[i, r], central_weights[i], confidence[i], holistic[i]; progress(fraction, msg);
        same seed -> same result (Lahdelma & Salminen 2001)
    weight_stability(dm, method="topsis") -> [WeightInterval(criterion, weight, low, high, top, ...)]
        one-at-a-time: w_j moves over [0, 1], others rescaled proportionally; ties count as still first
    rank_reversal(dm, method, add=(name, values) | remove=name) -> RankReversal(before, after, flipped)

Portfolio
    choose_portfolio(sites: [PortfolioSite(name, country, score, cost)], k, budget, max_per_country,
                     exactly_k=True, required=(), excluded=()) -> Portfolio
        exact MILP (scipy/HiGHS); infeasible -> PortfolioInfeasible(reasons) with the binding facts

Planner and demo data
    plan_sites(dm, smaa_samples=10_000, seed=0, progress=...) -> SitePlan   every ranking + SMAA + stability
    sites_demo.demo_matrix()      32 ILLUSTRATIVE candidate cities (17 CEE countries + BY, KZ, UZ, GE, TR)
    sites_demo.synthetic_matrix(n_sites, n_criteria, seed)   random table for benchmarks

For the planning app (to be wired by the lead)
    selector: Site and Criterion rows -> DecisionMatrix (site names unique; a missing value raises
        DecisionInputError naming site and criterion: show it on the form). Weights may come from
        ahp_weights / bwm_weights (`.as_dict()` maps criterion -> weight) via dm.with_weights(...).
    service (background job): plan_sites(dm, seed=..., progress=job.set_progress) and store
        SitePlan.as_dict() (JSON-safe); portfolio from PortfolioSite(name, country, score, cost), where the
        score may be the compromise's Borda points (plan.compromise.details["borda"]) or TOPSIS closeness.
    Workers: set OPENBLAS_NUM_THREADS=1 (small matrix products run ~2x faster single-threaded on a busy host).
    CLI: `techbridge decision demo|rank FILE.json` (src/techbridge/commands/decision.py).
"""

from .ahp import (
    AHPResult,
    InconsistentJudgementError,
    InconsistentJudgementWarning,
    Triple,
    aggregate_judgements,
    ahp_weights,
    group_ahp_weights,
)
from .bwm import BWMResult, bwm_weights, group_bwm_weights
from .compromise import borda_scores, compromise_ranking, copeland_scores
from .matrix import Criterion, DecisionInputError, DecisionMatrix
from .planner import SitePlan, plan_sites
from .portfolio import Portfolio, PortfolioInfeasible, PortfolioSite, choose_portfolio
from .promethee import PreferenceFunction, promethee_ii
from .ranking import Ranking, topsis, weighted_sum
from .sensitivity import RankReversal, WeightInterval, rank_reversal, weight_stability
from .smaa import SMAA2, SMAAResult
from .vikor import vikor

__all__ = [
    "AHPResult",
    "BWMResult",
    "Criterion",
    "DecisionInputError",
    "DecisionMatrix",
    "InconsistentJudgementError",
    "InconsistentJudgementWarning",
    "Portfolio",
    "PortfolioInfeasible",
    "PortfolioSite",
    "PreferenceFunction",
    "RankReversal",
    "Ranking",
    "SMAA2",
    "SMAAResult",
    "SitePlan",
    "Triple",
    "WeightInterval",
    "aggregate_judgements",
    "ahp_weights",
    "borda_scores",
    "bwm_weights",
    "choose_portfolio",
    "compromise_ranking",
    "copeland_scores",
    "group_ahp_weights",
    "group_bwm_weights",
    "plan_sites",
    "promethee_ii",
    "rank_reversal",
    "topsis",
    "vikor",
    "weight_stability",
    "weighted_sum",
]
