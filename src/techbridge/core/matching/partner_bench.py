"""The partner-search benchmark on CORDIS data: for each project, find its real participants.

Query = the project's title, objective and topics; candidates = every organisation with at least
one other project, described only by those other projects (leave-one-out: nothing of the query
project leaks in); relevant = the project's participants among the candidates.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

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
    docs = [
        project_document(r["projectID"], r["title"], r["objective"], r["topics"])
        for r in _rows(projects, ("projectID", "title", "objective", "topics"))
    ]
    parts = [
        Participation(r["projectID"], r["organisationID"], r["role"] or "participant")
        for r in _rows(participants, ("projectID", "organisationID", "role"))
    ]
    return docs, parts


def _rows(path: Path, needed: Sequence[str]) -> list[dict[str, str]]:
    """The rows of a CSV file, each with the ``needed`` columns filled (an empty cell is "")."""
    reader = csv.DictReader(io.StringIO(_text(path), newline=""), strict=True)
    try:
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise MatchingError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = list(reader)
    except csv.Error as exc:
        raise MatchingError(f"{path} after line {reader.line_num}: {exc}") from None
    for number, row in enumerate(rows, start=2):
        for name in needed:
            if name.endswith("ID") and not row[name]:
                raise MatchingError(f"{path} line {number}: no {name}")
            row[name] = row[name] or ""
    return rows


def _text(path: Path) -> str:
    """A UTF-8 file's text (a byte order mark dropped)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MatchingError(f"{path}: not UTF-8 text (at byte offset {exc.start})") from None


def load_cordis_json(directory: Path) -> tuple[list[MatchDocument], list[Participation]]:
    """``project.json`` + ``organization.json`` in the official CORDIS JSON field names."""
    projects = _json_records(directory / "project.json", "id")
    orgs = _json_records(directory / "organization.json", "projectID", "organisationID")
    docs = [
        project_document(str(p["id"]), p.get("title") or "", p.get("objective") or "", p.get("topics") or "")
        for p in projects
    ]
    parts = [
        Participation(str(o["projectID"]), str(o["organisationID"]), o.get("role") or "participant")
        for o in orgs
    ]
    return docs, parts


def _json_records(path: Path, *needed: str) -> list[dict]:
    """A JSON array of objects, each with the ``needed`` fields."""
    try:
        records = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise MatchingError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(records, list):
        raise MatchingError(f"{path}: expected a JSON array of records")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise MatchingError(f"{path} record {number}: expected an object")
        missing = [name for name in needed if record.get(name) in (None, "")]
        if missing:
            raise MatchingError(f"{path} record {number}: missing {', '.join(missing)}")
    return records


class _World:
    """The projects of a data set in an index, with the helpers to leave projects out of it."""

    def __init__(
        self,
        docs: Sequence[MatchDocument],
        parts: Sequence[Participation],
        ranker: PartnerRanker,
        analyzer: Analyzer | None,
    ) -> None:
        self.docs, self.ranker = docs, ranker
        self.index = MatchIndex(analyzer=analyzer)
        self.analysed = {}
        for doc in docs:
            self.analysed[doc.id] = self.index.analyze(doc)
            self.index.add_analyzed(doc, self.analysed[doc.id])
        ranker.fit(self.index, parts)
        self.members: dict[str, set[str]] = defaultdict(set)
        self.projects_of: dict[str, set[str]] = defaultdict(set)
        for p in parts:
            self.members[p.project].add(p.organisation)
            self.projects_of[p.organisation].add(p.project)
        self.row = {o: i for i, o in enumerate(ranker.organisations_)}

    def relevant(self, doc_id: str, left_out: set[str]) -> set[str]:
        """The project's participants that still have a project once ``left_out`` are gone."""
        return {o for o in self.members[doc_id] if self.projects_of[o] - left_out}

    def text_scores(self, doc: MatchDocument) -> tuple[list[str], np.ndarray]:
        """Text scores of ``doc`` against the index without ``doc`` (its statistics included)."""
        self.index.remove(doc.id)
        try:
            return self.index.text_scores(doc, two_sided=self.ranker.two_sided)
        finally:
            self.index.add_analyzed(doc, self.analysed[doc.id])

    def fit_weights(self, train: Sequence[MatchDocument], held_out: set[str], strength: float) -> np.ndarray:
        """Weights fitted on ``train`` as leave-one-out queries, in a world without ``held_out``
        (out of the index and of every organisation's projects); the features with weight 0 stay off."""
        prior = self.ranker.weight_vector()
        used = prior != 0
        for doc_id in held_out:
            self.index.remove(doc_id)
        try:
            examples = []
            for doc in train:
                left_out = held_out | {doc.id}
                relevant = self.relevant(doc.id, left_out)
                if relevant:
                    features, live = self.ranker._features(self.text_scores(doc), left_out)
                    mask = np.zeros(len(live), dtype=bool)
                    mask[[self.row[o] for o in relevant]] = True
                    examples.append((features[live][:, used], mask[live]))
        finally:
            for doc in self.docs:
                if doc.id in held_out:
                    self.index.add_analyzed(doc, self.analysed[doc.id])
        weights = prior.copy()
        if any(mask.any() and not mask.all() for _, mask in examples):
            weights[used] = fit_weights(examples, prior[used], strength)
        # else: nothing to learn from (a tiny data set), the ranker's weights stay
        return weights


def fit_ranker_weights(
    docs: Sequence[MatchDocument],
    parts: Sequence[Participation],
    ranker: PartnerRanker,
    analyzer: Analyzer | None = None,
    strength: float = 0.1,
) -> dict[str, float]:
    """Fusion weights fitted on a whole data set (every project a leave-one-out query), towards
    the ranker's weights; e.g. to carry weights from one data set to another."""
    world = _World(docs, parts, ranker, analyzer)
    return dict(zip(FEATURES, world.fit_weights(docs, set(), strength).tolist(), strict=True))


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
    world = _World(docs, parts, ranker, analyzer)
    prior = ranker.weight_vector()
    n_folds = folds if folds >= 2 and prior.any() else 1
    done = 0
    try:
        for fold in range(n_folds):
            test = [doc for i, doc in enumerate(docs) if i % n_folds == fold]
            if n_folds > 1:
                train = [doc for i, doc in enumerate(docs) if i % n_folds != fold]
                ranker.set_weights(dict(zip(FEATURES, prior, strict=True)))
                weights = world.fit_weights(train, {doc.id for doc in test}, strength)
                ranker.set_weights(dict(zip(FEATURES, weights, strict=True)))
            for doc in test:
                relevant = world.relevant(doc.id, {doc.id})
                if relevant:
                    # leave-one-out: the project leaves the index (and its statistics) while it is the query
                    score = ranker._scores(world.text_scores(doc), {doc.id})
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
    for pid, relevant, organisations, score in loo_scores(
        docs, parts, ranker, analyzer, folds, strength, progress
    ):
        ranked = [organisations[r] for r in ranker.order(score, {pid})]
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
