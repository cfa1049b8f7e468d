"""The partner-search benchmark on CORDIS data: for each project, find its real participants.

Query = the project's title, objective and topics; candidates = every organisation with at least
one other project, described only by those other projects (leave-one-out: nothing of the query
project leaks in); relevant = the project's participants among the candidates.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import numpy as np

from techbridge.core.matching.analyzers import Analyzer
from techbridge.core.matching.documents import MatchDocument, MatchingError
from techbridge.core.matching.index import MatchIndex
from techbridge.core.matching.metrics import ndcg_at, recall_at, reciprocal_rank
from techbridge.core.matching.partner_learning import fit_weights
from techbridge.core.matching.partners import FEATURES, Participation, PartnerRanker


def project_document(pid: str, title: str, objective: str, topics: str) -> MatchDocument:
    keywords = tuple(t.strip() for t in str(topics or "").split(";") if t.strip())
    return MatchDocument(id=pid, title=title or "", summary=objective or "", keywords=keywords, lang="en")


def load_cordis_csv(directory: Path) -> tuple[list[MatchDocument], list[Participation]]:
    """``projects.csv`` + ``participants.csv`` in the layout of the ECSEL export."""
    projects, participants = directory / "projects.csv", directory / "participants.csv"
    for path in (projects, participants):
        if not path.is_file():
            raise MatchingError(f"{path} is missing (expected projects.csv and participants.csv)")
    with projects.open(encoding="utf-8") as f:
        docs = [
            project_document(r["projectID"], r["title"], r["objective"], r["topics"])
            for r in _rows(f, projects, ("projectID", "title", "objective", "topics"))
        ]
    with participants.open(encoding="utf-8") as f:
        parts = [
            Participation(r["projectID"], r["organisationID"], r["role"])
            for r in _rows(f, participants, ("projectID", "organisationID", "role"))
        ]
    return docs, parts


def _rows(f: TextIO, path: Path, needed: Sequence[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(f)
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise MatchingError(f"{path}: missing column(s) {', '.join(missing)}")
    return list(reader)


def load_cordis_json(directory: Path) -> tuple[list[MatchDocument], list[Participation]]:
    """``project.json`` + ``organization.json`` in the official CORDIS JSON field names."""
    projects = json.loads((directory / "project.json").read_text(encoding="utf-8"))
    orgs = json.loads((directory / "organization.json").read_text(encoding="utf-8"))
    docs = [
        project_document(str(p["id"]), p.get("title", ""), p.get("objective", ""), p.get("topics", ""))
        for p in projects
    ]
    parts = [
        Participation(str(o["projectID"]), str(o["organisationID"]), o.get("role", "participant"))
        for o in orgs
    ]
    return docs, parts


def loo_scores(
    docs: Sequence[MatchDocument],
    parts: Sequence[Participation],
    ranker: PartnerRanker,
    analyzer: Analyzer | None = None,
    folds: int = 5,
    strength: float = 0.1,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[str, set[str], list[str], np.ndarray]]:
    """For each project with a relevant candidate: (project id, relevant organisations, the
    ranker's organisations, their scores), the project left out of everything.

    With ``folds`` >= 2 the fusion weights are cross-fitted: the projects are split into folds by
    their position, and the projects of a fold are ranked with weights fitted
    (:func:`~techbridge.core.matching.partner_learning.fit_weights`, towards the ranker's weights)
    on the other folds only, in a world without the fold: its projects leave the index and every
    organisation's project list while the training queries are scored, so neither their text nor
    their participants reach the weights. Only the features the ranker uses (non-zero weight) are
    re-weighted. With ``folds`` < 2 the ranker's own weights are used.
    """
    index = MatchIndex(analyzer=analyzer)
    analysed = {}
    for doc in docs:
        analysed[doc.id] = index.analyze(doc)
        index.add_analyzed(doc, analysed[doc.id])
    ranker.fit(index, parts)
    members: dict[str, set[str]] = defaultdict(set)
    projects_of: dict[str, set[str]] = defaultdict(set)
    for p in parts:
        members[p.project].add(p.organisation)
        projects_of[p.organisation].add(p.project)
    row = {o: i for i, o in enumerate(ranker.organisations_)}
    prior = ranker.weight_vector()
    used = prior != 0

    def relevant_to(doc_id: str, left_out: set[str]) -> set[str]:
        return {o for o in members[doc_id] if projects_of[o] - left_out}

    def left_out_scores(doc: MatchDocument, exclude: set[str]) -> tuple[list[str], np.ndarray]:
        index.remove(doc.id)
        try:
            return index.text_scores(doc, two_sided=ranker.two_sided)
        finally:
            index.add_analyzed(doc, analysed[doc.id])

    n_folds = folds if folds >= 2 and used.any() else 1
    done = 0
    try:
        for fold in range(n_folds):
            test = [doc for i, doc in enumerate(docs) if i % n_folds == fold]
            if n_folds > 1:
                held_out = {doc.id for doc in test}
                for doc in test:
                    index.remove(doc.id)
                examples = []
                for i, doc in enumerate(docs):
                    if i % n_folds == fold:
                        continue
                    relevant = relevant_to(doc.id, held_out | {doc.id})
                    if not relevant:
                        continue
                    features, live = ranker._features(left_out_scores(doc, held_out), held_out | {doc.id})
                    mask = np.zeros(len(live), dtype=bool)
                    mask[[row[o] for o in relevant]] = True
                    examples.append((features[live][:, used], mask[live]))
                for doc in test:
                    index.add_analyzed(doc, analysed[doc.id])
                weights = prior.copy()
                weights[used] = fit_weights(examples, prior[used], strength)
                ranker.set_weights(dict(zip(FEATURES, weights, strict=True)))
            for doc in test:
                relevant = relevant_to(doc.id, {doc.id})
                if relevant:
                    # leave-one-out: the project leaves the index (and its statistics) while it is the query
                    score = ranker._scores(left_out_scores(doc, {doc.id}), {doc.id})
                    yield doc.id, relevant, ranker.organisations_, score
                done += 1
                if progress:
                    progress(done, len(docs))
    finally:
        ranker.set_weights(dict(zip(FEATURES, prior, strict=True)))


def evaluate(
    docs: Sequence[MatchDocument],
    parts: Sequence[Participation],
    ranker: PartnerRanker,
    analyzer: Analyzer | None = None,
    progress: Callable[[int, int], None] | None = None,
    folds: int = 5,
    strength: float = 0.1,
) -> dict[str, float]:
    """recall@10, recall@50, nDCG@10, MRR averaged over the projects with a relevant candidate
    (weights cross-fitted over ``folds`` folds of projects; ``folds`` = 0: the ranker's weights)."""
    rows = []
    for _, relevant, organisations, score in loo_scores(
        docs, parts, ranker, analyzer, folds, strength, progress
    ):
        order = np.argsort(-score, kind="stable")
        ranked = [organisations[r] for r in order if np.isfinite(score[r])]
        rows.append(
            (
                recall_at(ranked, relevant, 10),
                recall_at(ranked, relevant, 50),
                ndcg_at(ranked, relevant, 10),
                reciprocal_rank(ranked, relevant),
            )
        )
    mean = np.mean(rows, axis=0) if rows else np.zeros(4)
    names = ("recall@10", "recall@50", "ndcg@10", "mrr")
    return {**{n: round(float(v), 4) for n, v in zip(names, mean, strict=True)}, "queries": len(rows)}
