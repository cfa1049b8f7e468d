"""Partner search: rank organisations for a project idea by the projects they took part in.

An organisation is described by its past projects, each scored separately against the idea (no
concatenated organisation document, so a large organisation is not a bag of everything). Its
score fuses, with a few interpretable weights:

- a soft maximum over its projects, tau * log sum exp(z / tau), of the z-normalised text scores
  (tau -> 0: best project only; large tau: activity-weighted sum), plus ``max_weight`` x the best z;
- an activity prior ``popularity_weight`` x log(1 + projects) and ``coordinator_weight`` x
  log(1 + coordinations), counted without the excluded projects (leave-one-out);
- optionally a consortium prior: cosine co-participation with the ``consortium_size`` best
  organisations (pseudo-relevance feedback on the collaboration graph, cf. Rocchio 1971).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from techbridge.core.matching.documents import MatchDocument, Reason
from techbridge.core.matching.index import MatchIndex


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
    ) -> None:
        self.two_sided = two_sided
        self.temperature = temperature
        self.max_weight = max_weight
        self.popularity_weight = popularity_weight
        self.coordinator_weight = coordinator_weight
        self.consortium_weight = consortium_weight
        self.consortium_size = consortium_size

    def fit(self, index: MatchIndex, participations: Iterable[Participation]) -> PartnerRanker:
        self.index_ = index
        self.projects_ = index.ids
        column = {p: i for i, p in enumerate(self.projects_)}
        orgs: dict[str, int] = {}
        rows, cols, coord = [], [], []
        seen = set()
        for part in participations:
            if part.project not in column or (part.organisation, part.project) in seen:
                continue
            seen.add((part.organisation, part.project))
            rows.append(orgs.setdefault(part.organisation, len(orgs)))
            cols.append(column[part.project])
            coord.append(part.role == "coordinator")
        shape = (len(orgs), len(self.projects_))
        ones = np.ones(len(rows))
        self.organisations_ = list(orgs)
        self.members_ = sparse.csr_matrix((ones, (rows, cols)), shape=shape)
        self.coordinators_ = sparse.csr_matrix((np.asarray(coord, float), (rows, cols)), shape=shape)
        return self

    def scores(self, query: MatchDocument, exclude_projects: Collection[str] = ()) -> np.ndarray:
        """Score of every organisation (-inf for those with no project left after exclusion)."""
        ids, text = self.index_.text_scores(query, two_sided=self.two_sided)
        order = {p: i for i, p in enumerate(ids)}
        # a project no longer in the index (removed since fit) describes nobody
        s = np.array([text[order[p]] if p in order else 0.0 for p in self.projects_])
        keep = np.array([p in order and p not in exclude_projects for p in self.projects_])
        z = np.full(len(s), -np.inf)
        if keep.sum() > 1:
            z[keep] = (s[keep] - s[keep].mean()) / (s[keep].std() + 1e-9)
        elif keep.any():
            z[keep] = 0.0
        tau = self.temperature
        peak = z[keep].max() if keep.any() else 0.0
        mass = self.members_ @ np.where(keep, np.exp((z - peak) / tau), 0.0)
        count = self.members_ @ keep.astype(float)
        coord = self.coordinators_ @ keep.astype(float)
        live = count > 0
        score = np.full(len(count), -np.inf)
        score[live] = tau * np.log(mass[live] + 1e-300) + peak
        score[live] += self.max_weight * self._best(z)[live]
        score[live] += self.popularity_weight * np.log1p(count[live])
        score[live] += self.coordinator_weight * np.log1p(coord[live])
        if self.consortium_weight > 0 and live.sum() > self.consortium_size:
            score[live] += self.consortium_weight * self._consortium(score, keep, count)[live]
        return score

    def _best(self, z: np.ndarray) -> np.ndarray:
        m = self.members_
        values = z[m.indices]
        out = np.full(m.shape[0], -np.inf)
        nonempty = np.diff(m.indptr) > 0
        out[nonempty] = np.maximum.reduceat(values, m.indptr[:-1][nonempty])
        return np.where(np.isfinite(out), out, 0.0)

    def _consortium(self, score: np.ndarray, keep: np.ndarray, count: np.ndarray) -> np.ndarray:
        top = np.argsort(-score)[: self.consortium_size]
        members = self.members_ @ sparse.diags(keep.astype(float))
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
        score = self.scores(query, exclude_projects)
        ids, text = self.index_.text_scores(query, two_sided=self.two_sided)
        by_id = dict(zip(ids, text, strict=True))
        out = []
        for row in np.argsort(-score, kind="stable")[:top]:
            if not np.isfinite(score[row]):
                break
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
        order = np.argsort(-score, kind="stable")
        return [self.organisations_[r] for r in order if np.isfinite(score[r])]
