"""Partner search: rank organisations for a project idea by the projects they took part in.

An organisation is described by its past projects, each scored separately against the idea (no
concatenated organisation document, so a large organisation is not a bag of everything). The
text score of every project is z-normalised over the projects of the query; an organisation's
score is a weighted sum of a few features (:data:`FEATURES`), every one computed without the
excluded projects (leave-one-out):

- ``softmax``: a soft maximum over its projects, tau * log sum exp(z / tau) (tau -> 0: best
  project only; large tau: activity-weighted sum);
- ``best``: the best z of its projects;
- ``noisy_or``: log of the noisy-OR evidence -sum log(1 - r), with r = sigmoid(a + b z) the chance
  that a member of a project with that z also joins the idea's consortium;
- ``softmax_propagated`` and ``noisy_or_propagated``: the same on propagated project scores, z +
  ``propagation`` x (standardised) consortium overlap of each project with the projects most similar
  to the idea (pseudo-relevance feedback on the project-organisation graph: a project that shares
  many members with the best text matches is likely a follow-up in the same community);
- ``activity`` log(1 + projects) and ``coordinations`` log(1 + coordinated projects).

Optionally a consortium prior re-ranks with the cosine co-participation with the
``consortium_size`` best organisations (cf. Rocchio 1971); it is off by default.

The weights are plain parameters; :mod:`techbridge.core.matching.partner_learning` can fit them to
participation data (listwise, regularised towards these defaults).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from techbridge.core.matching.documents import MatchDocument, MatchingError, Reason
from techbridge.core.matching.index import MatchIndex

FEATURES: tuple[str, ...] = (
    "softmax",
    "softmax_propagated",
    "best",
    "noisy_or",
    "noisy_or_propagated",
    "activity",
    "coordinations",
)


@dataclass(frozen=True)
class Participation:
    """One organisation's role in one project (CORDIS roles: coordinator, participant, thirdParty)."""

    project: str
    organisation: str
    role: str = "participant"


@dataclass(frozen=True)
class PartnerMatch:
    organisation: str
    score: float
    projects: tuple[tuple[str, float], ...]
    reasons: tuple[Reason, ...]


class PartnerRanker:
    """Rank organisations for a query; ``fit`` takes an index of projects and the participations."""

    def __init__(
        self,
        temperature: float = 2.0,
        max_weight: float = 1.0,
        popularity_weight: float = 0.5,
        coordinator_weight: float = 0.0,
        consortium_weight: float = 0.0,
        consortium_size: int = 10,
        two_sided: bool = True,
        softmax_weight: float = 0.5,
        propagated_weight: float = 0.5,
        noisy_or_weight: float = 0.5,
        propagated_noisy_or_weight: float = 0.5,
        propagation: float = 0.5,
        propagation_temperature: float = 0.5,
        noisy_or_offset: float = -3.0,
        noisy_or_slope: float = 1.5,
    ) -> None:
        self.two_sided = two_sided
        self.temperature = temperature
        self.consortium_weight = consortium_weight
        self.consortium_size = consortium_size
        self.propagation = propagation
        self.propagation_temperature = propagation_temperature
        self.noisy_or_offset = noisy_or_offset
        self.noisy_or_slope = noisy_or_slope
        self.weights: dict[str, float] = {
            "softmax": softmax_weight,
            "softmax_propagated": propagated_weight,
            "best": max_weight,
            "noisy_or": noisy_or_weight,
            "noisy_or_propagated": propagated_noisy_or_weight,
            "activity": popularity_weight,
            "coordinations": coordinator_weight,
        }
        if temperature <= 0 or propagation_temperature <= 0:
            raise MatchingError("temperature and propagation_temperature must be > 0")

    # legacy names of three weights (the ranker's public parameters before the learned fusion)
    @property
    def max_weight(self) -> float:
        return self.weights["best"]

    @property
    def popularity_weight(self) -> float:
        return self.weights["activity"]

    @property
    def coordinator_weight(self) -> float:
        return self.weights["coordinations"]

    def set_weights(self, weights: Mapping[str, float]) -> PartnerRanker:
        unknown = sorted(set(weights) - set(FEATURES))
        if unknown:
            raise MatchingError(
                f"unknown feature(s) {', '.join(unknown)}; features are {', '.join(FEATURES)}"
            )
        self.weights.update({name: float(value) for name, value in weights.items()})
        return self

    def weight_vector(self) -> np.ndarray:
        return np.array([self.weights[name] for name in FEATURES])

    def fit(self, index: MatchIndex, participations: Iterable[Participation]) -> PartnerRanker:
        self.index_ = index
        self.projects_ = index.ids
        column = {p: i for i, p in enumerate(self.projects_)}
        pairs: dict[tuple[str, str], bool] = {}
        for part in participations:
            if part.project in column:
                key = (part.organisation, part.project)
                pairs[key] = pairs.get(key, False) or part.role == "coordinator"
        # organisations in a canonical (sorted) order: ties never depend on the order of the input
        # rows, which would otherwise favour the organisations listed first (e.g. by the query project)
        self.organisations_ = sorted({o for o, _ in pairs})
        row = {o: i for i, o in enumerate(self.organisations_)}
        rows = [row[o] for o, _ in pairs]
        cols = [column[p] for _, p in pairs]
        shape = (len(self.organisations_), len(self.projects_))
        self.members_ = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        coord = np.asarray(list(pairs.values()), float)
        self.coordinators_ = sparse.csr_matrix((coord, (rows, cols)), shape=shape)
        self.coordinators_.eliminate_zeros()
        return self

    # -- features ------------------------------------------------------------------------------
    def _text(self, query: MatchDocument) -> tuple[list[str], np.ndarray]:
        return self.index_.text_scores(query, two_sided=self.two_sided)

    def features(
        self, query: MatchDocument, exclude_projects: Collection[str] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """Feature matrix (organisations x :data:`FEATURES`) and the mask of live candidates
        (organisations with at least one project left after exclusion; other rows are zero)."""
        return self._features(self._text(query), exclude_projects)

    def _features(
        self, text_scores: tuple[list[str], np.ndarray], exclude_projects: Collection[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        ids, text = text_scores
        order = {p: i for i, p in enumerate(ids)}
        # a project no longer in the index (removed since fit) describes nobody
        s = np.array([text[order[p]] if p in order else 0.0 for p in self.projects_])
        keep = np.array([p in order and p not in exclude_projects for p in self.projects_], dtype=bool)
        members = sparse.csr_matrix(self.members_ @ sparse.diags(keep.astype(float)))
        members.eliminate_zeros()
        count = np.asarray(members.sum(axis=1)).ravel()
        live = count > 0
        out = np.zeros((len(count), len(FEATURES)))
        if not live.any():
            return out, live
        z = _standardise(s, keep)
        zp = self._propagate(z, keep, members)
        out[:, 0] = self._softmax(z, keep, members)
        out[:, 1] = self._softmax(zp, keep, members)
        out[:, 2] = _best(members, z)
        out[:, 3] = self._noisy_or(z, keep, members)
        out[:, 4] = self._noisy_or(zp, keep, members)
        out[:, 5] = np.log1p(count)
        out[:, 6] = np.log1p(self.coordinators_ @ keep.astype(float))
        out[~live] = 0.0
        return out, live

    def _softmax(self, z: np.ndarray, keep: np.ndarray, members: sparse.csr_matrix) -> np.ndarray:
        tau = self.temperature
        peak = z[keep].max()
        mass = members @ np.where(keep, np.exp((z - peak) / tau), 0.0)
        return np.where(mass > 0, tau * np.log(np.maximum(mass, 1e-300)) + peak, 0.0)

    def _noisy_or(self, z: np.ndarray, keep: np.ndarray, members: sparse.csr_matrix) -> np.ndarray:
        logit = self.noisy_or_offset + self.noisy_or_slope * np.where(keep, z, 0.0)
        miss = np.where(keep, np.logaddexp(0.0, logit), 0.0)  # -log(1 - sigmoid(logit))
        evidence = members @ miss
        return np.where(evidence > 0, np.log(np.maximum(evidence, 1e-300)), 0.0)

    def _propagate(self, z: np.ndarray, keep: np.ndarray, members: sparse.csr_matrix) -> np.ndarray:
        """z + propagation x standardised consortium cosine with the best-matching projects."""
        if self.propagation == 0 or keep.sum() < 3:
            return z
        size = np.asarray(members.sum(axis=0)).ravel()
        norm = np.where(size > 0, 1.0 / np.sqrt(np.maximum(size, 1.0)), 0.0)
        weight = np.where(keep, np.exp((z - z[keep].max()) / self.propagation_temperature), 0.0)
        weight /= weight.sum()
        # sum_k weight_k cos(k, q) = norm_q * sum_o M[o, q] sum_k M[o, k] weight_k norm_k, minus k = q
        shared = norm * (members.T @ (members @ (weight * norm)))
        shared -= weight * (size > 0)
        out = z.copy()
        out[keep] = z[keep] + self.propagation * _standardise(shared, keep)[keep]
        return out

    # -- scores --------------------------------------------------------------------------------
    def scores(self, query: MatchDocument, exclude_projects: Collection[str] = ()) -> np.ndarray:
        """Score of every organisation (-inf for those with no project left after exclusion)."""
        return self._scores(self._text(query), exclude_projects)

    def _scores(
        self, text_scores: tuple[list[str], np.ndarray], exclude_projects: Collection[str]
    ) -> np.ndarray:
        features, live = self._features(text_scores, exclude_projects)
        score = np.full(len(live), -np.inf)
        score[live] = features[live] @ self.weight_vector()
        if self.consortium_weight > 0 and live.sum() > self.consortium_size:
            keep = np.array([p not in exclude_projects for p in self.projects_], dtype=float)
            score[live] += self.consortium_weight * self._consortium(score, keep, features[:, 5])[live]
        return score

    def _consortium(self, score: np.ndarray, keep: np.ndarray, log_count: np.ndarray) -> np.ndarray:
        count = np.expm1(log_count)
        top = np.argsort(-score, kind="stable")[: self.consortium_size]
        members = self.members_ @ sparse.diags(keep)
        together = (members @ members[top].T).toarray()
        cosine = together / np.sqrt(np.maximum(count, 1)[:, None] * np.maximum(count[top], 1)[None, :])
        weights = np.exp(score[top] - score[top].max())
        prior = cosine @ (weights / weights.sum())
        spread = prior[count > 0].std()
        return prior / spread if spread > 0 else prior

    def rank(
        self, query: MatchDocument, top: int = 20, exclude_projects: Collection[str] = ()
    ) -> list[PartnerMatch]:
        """The ``top`` organisations with their best-matching projects and reasons."""
        text_scores = self._text(query)
        score = self._scores(text_scores, exclude_projects)
        by_id = dict(zip(*text_scores, strict=True))
        out = []
        for row in self.order(score, exclude_projects)[:top]:
            projects = [
                self.projects_[c]
                for c in self.members_[row].indices
                if self.projects_[c] not in exclude_projects and self.projects_[c] in by_id
            ]
            best = sorted(((p, float(by_id[p])) for p in projects), key=lambda x: -x[1])[:3]
            reasons = [
                Reason("similar_projects", {"projects": [p for p, _ in best]}),
                Reason("past_projects", {"count": len(projects)}),
            ]
            out.append(PartnerMatch(self.organisations_[row], float(score[row]), tuple(best), tuple(reasons)))
        return out

    def ranked_organisations(self, query: MatchDocument, exclude_projects: Collection[str] = ()) -> list[str]:
        score = self.scores(query, exclude_projects)
        return [self.organisations_[r] for r in self.order(score, exclude_projects)]

    def order(self, score: np.ndarray, exclude_projects: Collection[str] = ()) -> np.ndarray:
        """Rows of the candidates (finite score) by score; ties (e.g. the members of one project
        that is their only one) go to the more active organisation, then by organisation id."""
        keep = np.array([p not in exclude_projects for p in self.projects_], dtype=float)
        count = self.members_ @ keep
        rows = np.flatnonzero(np.isfinite(score))
        ranked: np.ndarray = rows[np.lexsort((rows, -count[rows], -score[rows]))]
        return ranked


def _standardise(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """(values - mean) / std over ``keep``; -inf elsewhere (0 when fewer than two are kept)."""
    out = np.full(len(values), -np.inf)
    if keep.sum() > 1:
        out[keep] = (values[keep] - values[keep].mean()) / (values[keep].std() + 1e-9)
    elif keep.any():
        out[keep] = 0.0
    return out


def _best(members: sparse.csr_matrix, z: np.ndarray) -> np.ndarray:
    """Best z over each row's projects (0 for rows without any)."""
    values = z[members.indices]
    out = np.zeros(members.shape[0])
    nonempty = np.diff(members.indptr) > 0
    if nonempty.any():
        out[nonempty] = np.maximum.reduceat(values, members.indptr[:-1][nonempty])
    return np.where(np.isfinite(out), out, 0.0)
