"""The partner-search benchmark on CORDIS data: for each project, find its real participants.

Query = the project's title, objective and topics; candidates = every organisation with at least
one other project, described only by those other projects (leave-one-out: nothing of the query
project leaks in); relevant = the project's participants among the candidates.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import numpy as np

from techbridge.core.matching.analyzers import Analyzer
from techbridge.core.matching.documents import MatchDocument, MatchingError
from techbridge.core.matching.index import MatchIndex
from techbridge.core.matching.metrics import ndcg_at, recall_at, reciprocal_rank
from techbridge.core.matching.partners import Participation, PartnerRanker


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


def evaluate(
    docs: Sequence[MatchDocument],
    parts: Sequence[Participation],
    ranker: PartnerRanker,
    analyzer: Analyzer | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    """recall@10, recall@50, nDCG@10, MRR averaged over the projects with a relevant candidate."""
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
    rows = []
    for i, doc in enumerate(docs):
        relevant = {o for o in members[doc.id] if projects_of[o] - {doc.id}}
        if relevant:
            # leave-one-out: the project leaves the index (and its statistics) while it is the query
            index.remove(doc.id)
            ranked = ranker.ranked_organisations(doc, exclude_projects={doc.id})
            index.add_analyzed(doc, analysed[doc.id])
            rows.append(
                (
                    recall_at(ranked, relevant, 10),
                    recall_at(ranked, relevant, 50),
                    ndcg_at(ranked, relevant, 10),
                    reciprocal_rank(ranked, relevant),
                )
            )
        if progress:
            progress(i + 1, len(docs))
    mean = np.mean(rows, axis=0) if rows else np.zeros(4)
    names = ("recall@10", "recall@50", "ndcg@10", "mrr")
    return {**{n: round(float(v), 4) for n, v in zip(names, mean, strict=True)}, "queries": len(rows)}
