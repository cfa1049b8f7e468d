"""Two-sided fused scoring of a query against a :class:`MatchIndex`, with explanations.

forward  = fielded BM25 of the query terms in the profile, divided by the score an ideal profile
           (every query term once in every field, average length) would get: the share of the
           query matched, comparable across queries; minus a CSLS-style hubness correction
           (Conneau et al. 2018, "Word translation without parallel data").
backward = the same with the roles swapped (the profile's terms in the query text).
text     = harmonic mean of forward and backward, as in reciprocal recommenders (Pizzato et al.
           2010, "RECON: a reciprocal recommender for online dating").
raw      = (text + concept_weight * concept Jaccard + prior_weight * popularity prior)
           * product of structured compatibility factors; calibrated to 0-100 by a logistic fit.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from techbridge.core.matching.analyzers import K3, query_weights
from techbridge.core.matching.bm25 import K1
from techbridge.core.matching.documents import (
    COMPATIBLE_KINDS,
    Match,
    MatchDocument,
    Reason,
    TermContribution,
)

if TYPE_CHECKING:
    from techbridge.core.matching.calibration import LogisticCalibrator
    from techbridge.core.matching.index import MatchIndex

CONCEPT_PREFIX = "tax:"
MIN_WINDOW = 100
# A query term held by more than this share of the documents (technology, seek, cooperation on a transfer
# platform) says little about what is sought: when the query has other terms too, a match that shares none of
# them, and no taxonomy concept, is left out. Only from GENERIC_MIN_DOCS documents on, where shares mean
# something.
GENERIC_SHARE = 0.25
GENERIC_MIN_DOCS = 40
MAX_TERMS_EXPLAINED = 12
QUESTION_PROBES = 64  # questions asked for the background of one-sided scores


@dataclass(frozen=True)
class QueryBag:
    """An analysed query: known term ids with weights, per-field counts, concepts, ideal score."""

    weights: dict[int, float]
    fields: dict[str, dict[int, float]]
    concepts: frozenset[str]
    ideal: float
    lengths: dict[str, float]


def _field_share(index: MatchIndex) -> dict[str, float]:
    total = sum(index.field_weights.values())
    return {name: w / total for name, w in index.field_weights.items()}


def query_bag(index: MatchIndex, query: MatchDocument) -> QueryBag:
    """Analyse ``query``; terms unknown to the index still count in the ideal (they cannot match).

    A query that is an indexed document, unchanged (a profile's own match list), reuses the term counts
    stored at indexing instead of analysing its text again: the same bag, without the analysis."""
    index._check_query(query)
    slot = index._slot_of.get(query.id)
    if slot is not None and index._docs[slot] == query:
        return _indexed_bag(index, slot)
    fields = index.analyze(query)
    total: Counter[str] = Counter()
    for counts in fields.values():
        total.update(counts)
    known: dict[int, float] = {}
    unknown: list[float] = []
    for term, w in query_weights(total).items():
        tid = index._vocab.get(term)
        if tid is None:
            unknown.append(w)
        else:
            known[tid] = w
    per_field = {
        f: {index._vocab[t]: float(c) for t, c in counts.items() if t in index._vocab}
        for f, counts in fields.items()
    }
    concepts = frozenset(
        {t for t in total if t.startswith(CONCEPT_PREFIX)} | {CONCEPT_PREFIX + c for c in query.concepts}
    )
    lengths = {f: float(sum(counts.values())) for f, counts in fields.items()}
    return _bag(index, known, per_field, concepts, lengths, sum(unknown) * _unseen_idf(len(index)))


def _indexed_bag(index: MatchIndex, slot: int) -> QueryBag:
    """The bag of indexed document ``slot`` from its stored per-field counts (every term is known)."""
    bag = index._bags[slot]
    assert bag is not None
    terms, field_tfs = bag
    ids = [int(t) for t in terms]
    counts = field_tfs.astype(np.float64)
    totals = counts.sum(axis=1)
    known = {tid: (K3 + 1.0) * n / (K3 + n) for tid, n in zip(ids, totals.tolist(), strict=True)}
    per_field: dict[str, dict[int, float]] = {}
    lengths: dict[str, float] = {}
    for column, name in enumerate(index._fields):
        held = np.flatnonzero(field_tfs[:, column])
        per_field[name] = {ids[i]: float(counts[i, column]) for i in held}
        lengths[name] = float(counts[:, column].sum())
    return _bag(index, known, per_field, index._concepts[slot], lengths, 0.0)


def _bag(
    index: MatchIndex,
    known: dict[int, float],
    per_field: dict[str, dict[int, float]],
    concepts: frozenset[str],
    lengths: dict[str, float],
    unknown_ideal: float,
) -> QueryBag:
    """A QueryBag with its terms in id order, so both ways of making it give bit-identical scores."""
    n = len(index)
    share = _field_share(index)
    weights = dict(sorted(known.items()))
    ideal = sum(
        w * sum(s * index._fields[f].idf(tid, n) for f, s in share.items()) for tid, w in weights.items()
    )
    return QueryBag(weights, per_field, concepts, ideal + unknown_ideal, lengths)


def _unseen_idf(n_docs: int) -> float:
    return float(np.log1p((n_docs + 0.5) / 0.5))


def forward_scores(index: MatchIndex, qbag: QueryBag) -> np.ndarray:
    """Normalised forward BM25 of every slot (tombstones score 0)."""
    scores = np.zeros(len(index._docs), dtype=np.float64)
    index._impacts.score_into(scores, index, qbag.weights)  # per-term impacts, cached while the index holds
    return scores / qbag.ideal if qbag.ideal > 0 else scores


def backward_scores(index: MatchIndex, qbag: QueryBag, slots: np.ndarray) -> np.ndarray:
    """Normalised BM25 of each candidate's terms in the query text (the query as the document)."""
    n = len(index)
    bags = [index._bags[int(s)] for s in slots]
    if not bags:
        return np.zeros(0)
    terms = np.concatenate([b[0] for b in bags if b is not None])
    counts = np.concatenate([b[1] for b in bags if b is not None]).sum(axis=1, dtype=np.float64)
    owner = np.repeat(np.arange(len(slots)), [len(b[0]) for b in bags if b is not None])
    dw = (K1 + 1.0) * counts / (K1 + counts)
    num = np.zeros(len(slots))
    ideal = np.zeros(len(slots))
    for name, share in _field_share(index).items():
        postings = index._fields[name]
        weighted = dw * postings.idfs(terms, n)
        ideal += share * np.bincount(owner, weights=weighted, minlength=len(slots))
        counts_q = qbag.fields[name]
        if not counts_q:
            continue
        ids = np.fromiter(counts_q.keys(), dtype=np.int64, count=len(counts_q))
        tfs = np.fromiter(counts_q.values(), dtype=np.float64, count=len(counts_q))
        order = np.argsort(ids)
        ids, tfs = ids[order], tfs[order]
        pos = np.minimum(np.searchsorted(ids, terms), len(ids) - 1)
        tf = np.where(ids[pos] == terms, tfs[pos], 0.0)
        # the query's full field length, unknown terms included, so results do not depend on the vocabulary
        sat = postings.saturate(tf, qbag.lengths[name], postings.avg_length(n))
        num += share * np.bincount(owner, weights=weighted * sat, minlength=len(slots))
    return np.divide(num, ideal, out=np.zeros_like(num), where=ideal > 0)


def _askable(index: MatchIndex, slots: np.ndarray) -> np.ndarray:
    """The slots whose document has text, so that it can be asked as a query (probes without are dropped)."""
    return np.array([s for s in slots.tolist() if not _doc(index, s).is_empty()], dtype=np.int64)


def _doc(index: MatchIndex, slot: int) -> MatchDocument:
    doc = index._docs[slot]
    assert doc is not None
    return doc


def refresh_hubness(index: MatchIndex, n_probes: int = 64, seed: int = 0, k: int = 10) -> None:
    """Hubness r_d: mean of each profile's k best forward scores against a sample of profiles-as-queries."""
    live = np.fromiter(index._slot_of.values(), dtype=np.int64, count=len(index._slot_of))
    hub = np.zeros(len(index._docs))
    probes = np.zeros(0, dtype=np.int64)
    if len(live) > 1:
        rng = np.random.default_rng(seed)
        probes = _askable(index, rng.choice(live, size=min(n_probes, len(live)), replace=False))
    if len(probes):
        rows = []
        for p in probes:
            row = forward_scores(index, query_bag(index, _doc(index, int(p))))
            row[p] = 0.0  # a profile is not its own neighbour
            rows.append(row)
        matrix = np.vstack(rows)
        kk = min(k, len(rows))
        hub = -np.partition(-matrix, kk - 1, axis=0)[:kk].mean(axis=0)
        hub[live] -= hub[live].mean()  # centred: an average profile gets no correction
    index._hub = array("d", hub.astype(np.float64).tobytes())


def _passes(index: MatchIndex, query: MatchDocument, doc: MatchDocument, filters: Mapping[str, Any]) -> bool:
    if doc.id == query.id or doc.id in filters.get("exclude", ()):
        return False
    if "kinds" in filters and doc.kind not in filters["kinds"]:
        return False
    if (
        filters.get("compatible_kinds")
        and query.kind
        and doc.kind
        and doc.kind not in COMPATIBLE_KINDS[query.kind]
    ):
        return False
    if "countries" in filters and doc.country not in filters["countries"]:
        return False
    return not ("langs" in filters and doc.lang not in filters["langs"])


def _select(
    index: MatchIndex, query: MatchDocument, filters: Mapping[str, Any], order: np.ndarray, window: int
) -> list[int]:
    chosen: list[int] = []
    for slot in order:
        doc = index._docs[int(slot)]
        if doc is not None and _passes(index, query, doc, filters):
            chosen.append(int(slot))
            if len(chosen) >= window:
                break
    return chosen


def _best_first(scores: np.ndarray, limit: int) -> np.ndarray:
    """Slots with a positive score, best first, at most ``limit`` (partial sort for large indexes)."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > limit:
        positive = positive[np.argpartition(-scores[positive], limit - 1)[:limit]]
    return positive[np.argsort(-scores[positive], kind="stable")]


def _not_only_generic(index: MatchIndex, qbag: QueryBag, slots: list[int]) -> list[int]:
    """``slots`` without the documents that share only generic terms (see GENERIC_SHARE) and no concept with a
    query that has specific terms as well."""
    if not slots or not qbag.weights:
        return slots
    terms = np.fromiter(qbag.weights.keys(), dtype=np.int64, count=len(qbag.weights))
    specific = terms[~_generic(index, terms)]
    if len(specific) in (0, len(terms)):  # nothing generic, or nothing else to ask for: every overlap counts
        return slots
    held_terms, _, owner = _stacked_bags(index, slots)
    has_specific = np.bincount(owner[np.isin(held_terms, specific)], minlength=len(slots)) > 0
    return [
        slot
        for slot, specific_shared in zip(slots, has_specific, strict=True)
        if specific_shared or qbag.concepts & index._concepts[slot]
    ]


def _generic(index: MatchIndex, terms: np.ndarray) -> np.ndarray:
    """For each term id, whether it is generic: held (in any field) by more than GENERIC_SHARE of the
    documents, in an index of at least GENERIC_MIN_DOCS documents."""
    n = len(index)
    if n < GENERIC_MIN_DOCS:
        return np.zeros(len(terms), dtype=bool)
    held = np.zeros(len(terms), dtype=np.int64)
    for postings in index._fields.values():
        df = np.frombuffer(postings.df, dtype=np.intc)  # array("i"): no copy
        known = terms < len(df)
        held[known] = np.maximum(held[known], df[terms[known]])
    return held > GENERIC_SHARE * n


def _stacked_bags(index: MatchIndex, slots: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The term ids and field counts of the documents in ``slots``, one after another, and for each row the
    position in ``slots`` of the document it belongs to."""
    held = [index._bags[slot] for slot in slots]
    owner = np.repeat(np.arange(len(slots)), [0 if bag is None else len(bag[0]) for bag in held])
    bags = [bag for bag in held if bag is not None]
    if not bags:
        return np.zeros(0, np.int64), np.zeros((0, len(index._fields))), owner
    terms = np.concatenate([bag[0] for bag in bags])
    return terms, np.concatenate([bag[1] for bag in bags]).astype(np.float64), owner


def _harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


def search(
    index: MatchIndex, query: MatchDocument, top: int, filters: Mapping[str, Any], one_sided: bool = False
) -> list[Match]:
    """Rank by forward score, re-score a window two-sided with all signals, keep the ``top`` best.

    ``one_sided``: the query is a question (a free-text idea of a few words), not a profile: the fused score
    takes the forward direction (how well each document answers it) instead of the harmonic mean with the
    backward one (how much of the document the query covers, which is little for any short question). Both
    directions are still reported."""
    if top < 1:
        raise ValueError("top must be >= 1")
    qbag = query_bag(index, query)
    fwd_c, hub = _corrected_forward(index, qbag)
    allowed = index._facets.mask(index, query, filters)
    if allowed is not None:  # documents of a kind, country or language filtered out are not ranked at all
        fwd_c = np.where(allowed, fwd_c, 0.0)
    window = max(MIN_WINDOW, 5 * top)
    chosen = _select(index, query, filters, _best_first(fwd_c, 4 * window), window)
    if len(chosen) < window and 4 * window < np.count_nonzero(fwd_c):
        # selective filters: scan every candidate rather than miss a match
        chosen = _select(index, query, filters, _best_first(fwd_c, len(fwd_c)), window)
    chosen = _not_only_generic(index, qbag, chosen)
    if not chosen:
        return []
    question = one_sided_calibrator(index) if one_sided else None
    pairs = _pairs(index, qbag, np.array(chosen, dtype=np.int64), fwd_c, hub)
    matches = [_match(index, query, qbag, pair, question) for pair in pairs]
    matches.sort(key=lambda m: (-m.raw, m.id))
    return _explain(index, qbag, matches[:top])


@dataclass(frozen=True)
class _Pair:
    """A candidate's slot and its text scores against the query: forward (hubness-corrected), backward, hub."""

    slot: int
    fwd: float
    bwd: float
    hub: float


def _corrected_forward(index: MatchIndex, qbag: QueryBag) -> tuple[np.ndarray, np.ndarray]:
    """Forward scores of every document minus the hubness correction (never below 0), and the hub values."""
    fwd = forward_scores(index, qbag)
    hub = np.frombuffer(index._hub, dtype=np.float64)
    return np.maximum(fwd - index.hubness_weight * hub, 0.0) * (fwd > 0), hub


def _pairs(
    index: MatchIndex, qbag: QueryBag, slots: np.ndarray, fwd_c: np.ndarray, hub: np.ndarray
) -> list[_Pair]:
    bwd = backward_scores(index, qbag, slots)
    return [_Pair(int(s), float(fwd_c[s]), float(b), float(hub[s])) for s, b in zip(slots, bwd, strict=True)]


def _match(
    index: MatchIndex,
    query: MatchDocument,
    qbag: QueryBag,
    pair: _Pair,
    question: LogisticCalibrator | None = None,
) -> Match:
    """One candidate scored with every signal. With ``question`` (the calibration of questions, see
    :func:`one_sided_calibrator`) the query is a question: the text signal is the forward score, and the fused
    and forward scores are calibrated with it."""
    raw, factor, reasons = _fused(index, query, qbag, pair, question is not None)
    cal = index.calibrator.score
    ask = cal if question is None else question.score
    doc = index._docs[pair.slot]
    assert doc is not None
    return Match(
        doc.id, ask(raw), ask(pair.fwd * factor), cal(pair.bwd * factor), raw, (), tuple(reasons), pair.slot
    )


def _fused(
    index: MatchIndex, query: MatchDocument, qbag: QueryBag, pair: _Pair, one_sided: bool
) -> tuple[float, float, list[Reason]]:
    """The raw fused score (text, shared concepts, activity prior, times the structured factor), the factor
    and the reasons."""
    doc = index._docs[pair.slot]
    assert doc is not None
    factor, reasons = index.rules.assess(query, doc)
    text = pair.fwd if one_sided else _harmonic(pair.fwd, pair.bwd)
    concepts = index._concepts[pair.slot]
    union = qbag.concepts | concepts
    jaccard = len(qbag.concepts & concepts) / len(union) if union else 0.0
    if jaccard > 0:
        shared = sorted(c[len(CONCEPT_PREFIX) :] for c in qbag.concepts & concepts)
        reasons.append(Reason("concepts_shared", {"concepts": shared, "jaccard": round(jaccard, 3)}))
    prior = np.log1p(doc.popularity) / np.log1p(index._max_popularity) if index._max_popularity > 0 else 0.0
    if prior >= 0.5:
        reasons.append(Reason("active_partner", {"popularity": doc.popularity}))
    if index.hubness_weight * pair.hub > 0.02:
        reasons.append(Reason("generic_profile", {"penalty": round(index.hubness_weight * pair.hub, 3)}))
    raw = (text + index.concept_weight * jaccard + index.prior_weight * float(prior)) * factor
    return raw, factor, reasons


def _explain(index: MatchIndex, qbag: QueryBag, matches: list[Match]) -> list[Match]:
    """Attach to each match the per-term, per-field contributions to its forward score (batched)."""
    if not matches or qbag.ideal <= 0 or not qbag.weights:
        return matches
    qterms = np.fromiter(qbag.weights.keys(), dtype=np.int64, count=len(qbag.weights))
    qweights = np.fromiter(qbag.weights.values(), dtype=np.float64, count=len(qbag.weights))
    order = np.argsort(qterms)
    qterms, qweights = qterms[order], qweights[order]
    terms, tfs, owner = _stacked_bags(index, [m.slot for m in matches])
    shared = np.isin(terms, qterms)
    terms, tfs, owner = terms[shared], tfs[shared], owner[shared]
    weights = qweights[np.searchsorted(qterms, terms)]
    slots = np.array([m.slot for m in matches])[owner]
    n = len(index)
    rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    for column, (name, share) in enumerate(_field_share(index).items()):
        postings = index._fields[name]
        tf = tfs[:, column]
        hit = tf > 0
        sat = tf[hit] * (K1 + 1.0) / (tf[hit] + postings.norms(n)[slots[hit]])
        values = share * weights[hit] * postings.idfs(terms[hit], n) * sat / qbag.ideal
        rows.append((owner[hit], terms[hit], np.full(int(hit.sum()), column), values))
    owners, ids, columns, values = (np.concatenate(parts) for parts in zip(*rows, strict=True))
    names = list(index._fields)
    generic = _generic(index, ids)
    ranked = np.lexsort((columns, -values, owners))  # by match, then contribution (largest first)
    out = []
    for i, match in enumerate(matches):
        mine = ranked[owners[ranked] == i][:MAX_TERMS_EXPLAINED]
        parts = tuple(
            TermContribution(
                index._terms[int(ids[j])], names[int(columns[j])], float(values[j]), bool(generic[j])
            )
            for j in mine
        )
        out.append(replace(match, terms=parts))
    return out


def pair_raws(
    index: MatchIndex, query: MatchDocument, slots: np.ndarray, one_sided: bool = False
) -> np.ndarray:
    """Raw fused score of ``query`` against each of ``slots``, exactly as :func:`search` computes it."""
    if len(slots) == 0:
        return np.zeros(0)
    qbag = query_bag(index, query)
    fwd_c, hub = _corrected_forward(index, qbag)
    return np.array(
        [_fused(index, query, qbag, pair, one_sided)[0] for pair in _pairs(index, qbag, slots, fwd_c, hub)]
    )


def one_sided_calibrator(index: MatchIndex) -> LogisticCalibrator:
    """The reference calibration carried over to the background of questions: a profile's summary (a sentence
    or two, like an idea typed into the search) asked of random other profiles, scored one-sided.

    The calibration of profile pairs does not fit questions: a question's forward score is the share of it a
    profile covers, so a random profile that shares one word of a three-word question already covers a third of
    it. Computed on first use (the platform does it when it builds an index and saves it with the base) and again
    when the index has grown or shrunk by a tenth (64 questions)."""
    from techbridge.core.matching.calibration import LogisticCalibrator

    held = index._one_sided_calibrator
    if held is not None and abs(len(index) - held[0]) <= 0.1 * held[0]:
        return held[1]
    live = [doc for doc in index._docs if doc is not None]
    picks = np.random.default_rng(0).permutation(len(live))[:QUESTION_PROBES]
    questions = [q for q in (_as_question(live[int(i)]) for i in picks) if q is not None]
    background = background_raws(index, probes=questions, one_sided=True) if questions else np.zeros(0)
    calibrator = LogisticCalibrator().adapted(background)
    index._one_sided_calibrator = (len(index), calibrator)
    return calibrator


def _as_question(doc: MatchDocument) -> MatchDocument | None:
    """A document's summary (else its title) as a question of at most 40 words, in its language."""
    words = (doc.summary or doc.title).split()[:40]
    return MatchDocument(doc.id, text=" ".join(words), lang=doc.lang) if words else None


def background_raws(
    index: MatchIndex,
    n_probes: int = 64,
    n_candidates: int = 256,
    seed: int = 0,
    probes: Sequence[MatchDocument] | None = None,
    one_sided: bool = False,
) -> np.ndarray:
    """Raw scores of random pairs of profiles (probe as the query, a random other profile as the match).

    Their distribution is the corpus's background similarity: how much two unrelated profiles share
    because they share a domain vocabulary or a template. It is what :meth:`LogisticCalibrator.adapted`
    aligns with the reference corpus, so that a score means the same on a corpus of another style.
    ``probes``: the queries come from these documents instead (an index searched with documents of
    another kind, such as experts found for profiles). ``one_sided``: the pairs are scored as questions.
    A probe is never paired with the document of the same id.
    """
    live = np.fromiter(index._slot_of.values(), dtype=np.int64, count=len(index._slot_of))
    if len(live) < 2 or (probes is not None and not probes):
        return np.zeros(0)
    rng = np.random.default_rng(seed)
    chosen: list[tuple[MatchDocument | None, int | None]]  # (query, its own slot: never its own match)
    if probes is not None:
        probes = [doc for doc in probes if not doc.is_empty()]
        picks = rng.choice(len(probes), size=min(n_probes, len(probes)), replace=False)
        chosen = [(probes[int(i)], index._slot_of.get(probes[int(i)].id)) for i in picks]
    else:
        picks = _askable(index, rng.choice(live, size=min(n_probes, len(live)), replace=False))
        chosen = [(index._docs[int(p)], int(p)) for p in picks]
    out = []
    for doc, own in chosen:
        assert doc is not None
        pool = live if own is None else live[live != own]
        slots = rng.choice(pool, size=min(n_candidates, len(pool)), replace=False)
        out.append(pair_raws(index, doc, np.sort(slots), one_sided))
    return np.concatenate(out) if out else np.zeros(0)


def adapt_calibration(
    index: MatchIndex,
    base: LogisticCalibrator | None = None,
    seed: int = 0,
    probes: Sequence[MatchDocument] | None = None,
) -> None:
    """Carry ``base`` (default: the reference calibration) over to this index's background similarity."""
    from techbridge.core.matching.calibration import LogisticCalibrator

    background = background_raws(index, seed=seed, probes=probes)
    index.calibrator = (base or LogisticCalibrator()).adapted(background)
