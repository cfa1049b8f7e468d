"""techbridge.core.matching: the docking engine (offers <-> requests, partners for a project idea).

API for the docking app (pure Python, no Django)::

    from techbridge.core.matching import MatchIndex, MatchDocument

    index = MatchIndex()                       # analyzer=techbridge.core.text.analysis.analyze
    index.add(MatchDocument(id="o1", title="...", text="...", kind="offer", trl=6, country="PL"))
    index.add(doc)                             # same id again = update; no rebuild
    index.remove("o1")
    index.refresh_hubness()                    # after bulk changes (save() keeps the values)
    matches = index.search(MatchDocument(id="q", text="...", kind="request", trl_min=5),
                           top=20, filters={"compatible_kinds": True, "countries": {"PL", "HU"}})
    for m in matches:                          # Match(id, score, score_forward, score_backward, ...)
        m.score, m.score_forward, m.score_backward  # calibrated 0-100, both directions
        m.terms                                # TermContribution(term, field, contribution)
        m.reasons                              # Reason(code, params), rendered by the UI in zh/en
        m.why()                                # all of it as JSON data
    index.save("var/index/profiles"); index = MatchIndex.load("var/index/profiles")

Concurrency: one MatchIndex is not thread-safe; the app should guard it with a lock (many readers
or one writer) or give each worker process its own copy loaded from the saved directory.
Scores: see :mod:`techbridge.core.matching.scoring` (fusion) and ``calibration`` (0-100 scale).

Filters: ``exclude`` (ids), ``kinds``, ``compatible_kinds`` (bool), ``countries``, ``langs``.
Reason codes: kind_compatible, kind_mismatch, trl_ok, trl_below, partnership_shared,
partnership_mismatch, country_targeted, country_targets_you, country_not_targeted,
concepts_shared, active_partner, generic_profile, semantic_similarity (re-ranker),
similar_projects and past_projects (partner search).

Partner search: ``PartnerRanker().fit(project_index, participations).rank(idea, top=20)``.
Optional re-ranker: ``EmbeddingReranker(model_dir).fit().rerank(...)`` (sentence-transformers,
offline; raises RerankerUnavailable when it cannot be used).
"""

from techbridge.core.matching.calibration import LogisticCalibrator
from techbridge.core.matching.compatibility import CompatibilityRules
from techbridge.core.matching.documents import (
    FIELD_WEIGHTS,
    KINDS,
    Match,
    MatchDocument,
    MatchingError,
    Reason,
    TermContribution,
)
from techbridge.core.matching.index import MatchIndex
from techbridge.core.matching.jsonl import LineError, parse_lines
from techbridge.core.matching.metrics import ndcg_at, recall_at, reciprocal_rank
from techbridge.core.matching.partner_bench import evaluate, load_cordis_csv, load_cordis_json
from techbridge.core.matching.partners import Participation, PartnerMatch, PartnerRanker
from techbridge.core.matching.rerank import EmbeddingReranker, RerankerUnavailable

__all__ = [
    "FIELD_WEIGHTS",
    "KINDS",
    "CompatibilityRules",
    "EmbeddingReranker",
    "LineError",
    "LogisticCalibrator",
    "Match",
    "MatchDocument",
    "MatchIndex",
    "MatchingError",
    "Participation",
    "PartnerMatch",
    "PartnerRanker",
    "Reason",
    "RerankerUnavailable",
    "TermContribution",
    "evaluate",
    "load_cordis_csv",
    "load_cordis_json",
    "ndcg_at",
    "parse_lines",
    "recall_at",
    "reciprocal_rank",
]
