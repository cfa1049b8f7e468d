"""Partner search, third round of experiments (none adopted): diagnostics, extra organisation
features, non-linear learning to rank, collaborative filtering, a learned project similarity.

Same protocol as ``techbridge bench partner-search`` (techbridge.core.matching.partner_bench): each
project P is a query with P removed from the index and from every organisation's projects; every
learned component is cross-fitted over the same 5 folds (by position), the training queries scored
in a world without the held-out fold. Every feature of an organisation is computed from its other
projects only (the rows of P never count). Deterministic (fixed seeds); one experiment at a time:

    .venv/bin/python benchmarks/matching_partner_experiments.py ../shared/data diagnostics
    .venv/bin/python benchmarks/matching_partner_experiments.py ../shared/data features
    .venv/bin/python benchmarks/matching_partner_experiments.py ../shared/data trees
    .venv/bin/python benchmarks/matching_partner_experiments.py ../shared/data graph
    .venv/bin/python benchmarks/matching_partner_experiments.py ../shared/data pair-similarity
    .venv/bin/python benchmarks/matching_partner_experiments.py ../shared/data leakage

``trees`` needs scikit-learn (in the venv through the optional ``rerank`` extra; not a dependency
of the platform). Results and their reading: docs/benchmarks/matching.md, section 1.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.sparse.linalg import svds

from techbridge.core.matching import MatchDocument, Participation, PartnerRanker
from techbridge.core.matching.metrics import ndcg_at, recall_at, reciprocal_rank
from techbridge.core.matching.partner_bench import _World, load_cordis_csv, load_cordis_json
from techbridge.core.matching.partner_learning import fit_weights
from techbridge.core.matching.partners import FEATURES, _standardise
from techbridge.core.matching.scoring import backward_scores, forward_scores, query_bag

BASE = list(FEATURES[:6])  # the six features of the default fusion (coordinations is off)
PRIOR = PartnerRanker().weight_vector()[:6]
TYPES = ("PRC", "HES", "REC", "PUB", "OTH")
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.0, "summary": 1.5, "description": 1.0}
Attributes = dict[tuple[str, str], tuple[str, str, float]]  # (org, project) -> type, country, EC
Example = tuple[np.ndarray, np.ndarray]  # candidates' features, relevant mask


def load(root: Path, name: str) -> tuple[list[MatchDocument], list[Participation], Attributes]:
    if name == "cordis-ecsel":
        docs, parts = load_cordis_csv(root / name)
        with (root / name / "participants.csv").open(encoding="utf-8") as f:
            rows: list[dict[str, Any]] = list(csv.DictReader(f))
    else:
        docs, parts = load_cordis_json(root / name)
        rows = json.loads((root / name / "organization.json").read_text(encoding="utf-8"))
    attributes: Attributes = {}
    for r in rows:
        try:
            ec = max(float(r.get("ecContribution") or 0.0), 0.0)
        except ValueError:
            ec = 0.0
        key = (str(r["organisationID"]), str(r["projectID"]))
        attributes[key] = (r.get("activityType") or "", r.get("country") or "", ec)
    return docs, parts, attributes


def call_year(doc: MatchDocument) -> int | None:
    """The year in the project's topic (call) code, e.g. ECSEL-2018-1-IA -> 2018 (part of the query)."""
    for topic in doc.keywords:
        found = re.search(r"(20\d\d)", topic)
        if found:
            return int(found.group(1))
    return None


class Setting:
    """A data set in an index (``_World``) with the static data the extra features use: term counts
    of each project, the activity type, country and EC contribution of each participation row, the
    call year of each project. Features read only the rows of the projects that are kept."""

    def __init__(self, docs: Sequence[MatchDocument], parts: Sequence[Participation], attributes: Attributes):
        self.docs = docs
        self.ranker = PartnerRanker()
        self.world = _World(docs, parts, self.ranker, None)
        projects = self.ranker.projects_
        column = {p: i for i, p in enumerate(projects)}
        self.vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for doc in docs:
            for term, n in self._counts(doc).items():
                rows.append(column[doc.id])
                cols.append(self.vocab.setdefault(term, len(self.vocab)))
                vals.append(n)
        self.terms = sparse.csr_matrix((vals, (rows, cols)), shape=(len(projects), len(self.vocab)))
        ec = sparse.lil_matrix(self.ranker.members_.shape)
        rows_of: list[tuple[int, int, int, str]] = []  # organisation row, project column, type, country
        for (org, project), (kind, land, amount) in attributes.items():
            if project in column and org in self.world.row:
                i = self.world.row[org]
                ec[i, column[project]] = np.log1p(amount) + 1e-6
                rows_of.append((i, column[project], TYPES.index(kind) if kind in TYPES else -1, land))
        self.ec = ec.tocsr()
        lands = sorted({land for *_, land in rows_of})
        self.row_org = np.array([r[0] for r in rows_of], int)
        self.row_project = np.array([r[1] for r in rows_of], int)
        self.row_type = np.array([r[2] for r in rows_of], int)
        self.row_land = np.array([lands.index(r[3]) for r in rows_of], int)
        self.n_lands = max(len(lands), 1)
        self.years = {doc.id: call_year(doc) for doc in docs}
        self.project_year = np.array([self.years.get(p) or 0 for p in projects], float)

    def _counts(self, doc: MatchDocument) -> Counter[str]:
        out: Counter[str] = Counter()
        for field, counts in self.world.analysed[doc.id].items():
            for term, n in counts.items():
                out[term] += FIELD_WEIGHTS.get(field, 1.0) * n
        return out

    def query_terms(self, doc: MatchDocument) -> np.ndarray:
        q = np.zeros(len(self.vocab))
        for term, n in self._counts(doc).items():
            if term in self.vocab:
                q[self.vocab[term]] = n
        return q


def _seed(z: np.ndarray, keep: np.ndarray, tau: float) -> np.ndarray:
    """Softmax weights exp(z / tau) over the kept projects (the text-retrieved seed)."""
    zk = np.where(keep, z, 0.0)
    w = np.where(keep, np.exp((zk - zk[keep].max()) / tau), 0.0)
    out: np.ndarray = w / w.sum()
    return out


def features(
    setting: Setting, doc: MatchDocument, left_out: set[str], names: Sequence[str], options: dict[str, Any]
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates x ``names`` for the query ``doc``, with ``left_out`` (doc included) out of the
    index and of every organisation's projects; and the mask of live candidates."""
    ranker, world = setting.ranker, setting.world
    text_scores = world.text_scores(doc)  # doc leaves the index (and its statistics) meanwhile
    base, live = ranker._features(text_scores, left_out)
    ids, text = text_scores
    order = {p: i for i, p in enumerate(ids)}
    keep = np.array([p in order and p not in left_out for p in ranker.projects_], bool)
    kf = keep.astype(float)
    z = _standardise(np.array([text[order[p]] if p in order else 0.0 for p in ranker.projects_]), keep)
    members = sparse.csr_matrix(ranker.members_ @ sparse.diags(kf))
    members.eliminate_zeros()
    count = np.asarray(members.sum(axis=1)).ravel()
    cols: dict[str, np.ndarray] = {name: base[:, j] for j, name in enumerate(FEATURES)}
    wanted = set(names)
    if "model1" in wanted:  # one document per organisation: its other projects concatenated (TF-IDF cosine)
        terms = sparse.csr_matrix(sparse.diags(kf) @ setting.terms)
        df = np.asarray((terms > 0).sum(axis=0)).ravel()
        idf = (np.log((keep.sum() + 1) / (df + 1)) + 1) * (df > 0)
        q = setting.query_terms(doc)
        q = np.where(q > 0, (1 + np.log(np.maximum(q, 1))) * idf, 0.0)
        orgdoc = sparse.csr_matrix(members @ terms)
        orgdoc.data = 1 + np.log(orgdoc.data)
        orgdoc = sparse.csr_matrix(orgdoc @ sparse.diags(idf))
        norm = np.sqrt(np.asarray(orgdoc.multiply(orgdoc).sum(axis=1)).ravel())
        cols["model1"] = (orgdoc @ q) / np.maximum(norm, 1e-12) / (np.linalg.norm(q) + 1e-12)
    if "ec" in wanted:  # mean log EC contribution over its other projects
        ec = sparse.csr_matrix(setting.ec @ sparse.diags(kf))
        n = np.diff(ec.indptr)
        cols["ec"] = np.asarray(ec.sum(axis=1)).ravel() / np.maximum(n, 1)
    # organisation attributes (activity type, country) read from the rows of its other projects only
    kept_rows = keep[setting.row_project]
    for t, kind in enumerate(TYPES):
        own = kept_rows & (setting.row_type == t)
        cols[f"type_{kind}"] = (np.bincount(setting.row_org[own], minlength=len(count)) > 0).astype(float)
    if "copartners" in wanted:  # distinct organisations met in its other projects
        together = sparse.csr_matrix(members @ members.T)
        together.setdiag(0)
        together.eliminate_zeros()
        cols["copartners"] = np.log1p(np.diff(together.indptr))
    if "coordinator_share" in wanted:
        cols["coordinator_share"] = (ranker.coordinators_ @ kf) / np.maximum(count, 1)
    if {"year_near", "year_gap"} & wanted:  # call-year proximity of its projects to the query's call
        year = setting.years.get(doc.id) or 0
        near = ((np.abs(setting.project_year - year) <= 1) & keep & (setting.project_year > 0)).astype(float)
        cols["year_near"] = (members @ near) / np.maximum(count, 1) if year else np.zeros(len(count))
        dated = sparse.csr_matrix(members @ sparse.diags(setting.project_year))
        last = np.zeros(len(count))
        rows = np.diff(dated.indptr) > 0
        if rows.any() and year:
            last[rows] = np.maximum.reduceat(dated.data, dated.indptr[:-1][rows])
        cols["year_gap"] = np.where(count > 0, np.abs(last - year), 0.0) if year else np.zeros(len(count))
    if "country_share" in wanted:  # share of its country among the members of the best projects
        lands = sparse.csr_matrix(
            (np.ones(kept_rows.sum()), (setting.row_org[kept_rows], setting.row_land[kept_rows])),
            shape=(len(count), setting.n_lands),
        )
        lands = sparse.csr_matrix(
            sparse.diags(1 / np.maximum(np.asarray(lands.sum(axis=1)).ravel(), 1)) @ lands
        )
        share = lands.T @ (members @ _seed(z, keep, 0.5))
        cols["country_share"] = lands @ (share / max(share.sum(), 1e-12))
    if "rwr" in wanted:  # random walk with restart, project <-> organisation, from the text seed
        seed = _seed(z, keep, options.get("rwr_tau", 0.5))
        restart = options.get("rwr_restart", 0.5)
        to_project = sparse.diags(1 / np.maximum(count, 1)) @ members
        size = np.asarray(members.sum(axis=0)).ravel()
        to_org = sparse.diags(1 / np.maximum(size, 1)) @ members.T
        v = seed.copy()
        for _ in range(6):
            v = restart * seed + (1 - restart) * (to_project.T @ (to_org.T @ v))
        cols["rwr"] = to_org.T @ v
    if "svd" in wanted:  # rank-k organisation x project matrix applied to the text seed
        k = options.get("svd_k", 20)
        seed = _seed(z, keep, options.get("svd_tau", 0.5))
        if min(members.shape) > k + 1:
            u, s, vt = svds(members.astype(float), k=k, random_state=0)
            cols["svd"] = u @ (s * (vt @ seed))
        else:
            cols["svd"] = np.zeros(len(count))
    if "n_z1" in wanted:  # projects with z > 1
        cols["n_z1"] = np.log1p(members @ ((np.where(keep, z, 0) > 1) & keep).astype(float))
    out = np.column_stack([cols[name] for name in names])
    out[~live] = 0.0
    return out, live


Fit = Callable[[list[Example]], Any]
Predict = Callable[[Any, np.ndarray], np.ndarray]


def crossfit(
    setting: Setting,
    names: Sequence[str],
    fit: Fit | None,
    predict: Predict,
    options: dict[str, Any] | None = None,
    folds: int = 5,
) -> dict[str, float]:
    """The bench's protocol with any model: ``fit`` (None: nothing learned) on the training
    queries of each fold scored in a world without the fold; the fold ranked with ``predict``."""
    options = options or {}
    ranker, world, docs = setting.ranker, setting.world, setting.docs
    rows = []
    for fold in range(folds):
        test = [d for i, d in enumerate(docs) if i % folds == fold]
        held = {d.id for d in test}
        model = None
        if fit is not None:
            for pid in held:
                world.index.remove(pid)
            try:
                examples = []
                for doc in (d for i, d in enumerate(docs) if i % folds != fold):
                    left_out = held | {doc.id}
                    relevant = world.relevant(doc.id, left_out)
                    if relevant:
                        x, live = features(setting, doc, left_out, names, options)
                        mask = np.zeros(len(live), bool)
                        mask[[world.row[o] for o in relevant]] = True
                        examples.append((x[live], mask[live]))
            finally:
                for doc in docs:
                    if doc.id in held:
                        world.index.add_analyzed(doc, world.analysed[doc.id])
            model = fit(examples)
        for doc in test:
            relevant = world.relevant(doc.id, {doc.id})
            if relevant:
                x, live = features(setting, doc, {doc.id}, names, options)
                score = np.full(len(live), -np.inf)
                score[live] = predict(model, x[live])
                rows.append(_metrics(ranker, score, doc.id, relevant))
    return _mean(rows)


def _metrics(ranker: PartnerRanker, score: np.ndarray, pid: str, relevant: set[str]) -> tuple[float, ...]:
    ranked = [ranker.organisations_[r] for r in ranker.order(score, {pid})]
    return (
        recall_at(ranked, relevant, 10),
        recall_at(ranked, relevant, 50),
        ndcg_at(ranked, relevant, 10),
        reciprocal_rank(ranked, relevant),
    )


def _mean(rows: list[tuple[float, ...]]) -> dict[str, float]:
    mean = np.mean(rows, axis=0)
    names = ("recall@10", "recall@50", "ndcg@10", "mrr")
    return {**{n: round(float(v), 4) for n, v in zip(names, mean, strict=True)}, "queries": len(rows)}


def listnet(prior: np.ndarray) -> Fit:
    """The bench's own learner (ListNet towards ``prior``, strength 0.1)."""
    return lambda examples: fit_weights(examples, prior, 0.1)


def linear(model: np.ndarray, x: np.ndarray) -> np.ndarray:
    out: np.ndarray = x @ model
    return out


def fixed(_: Any, x: np.ndarray) -> np.ndarray:
    """The default fusion with the platform's fixed weights (nothing learned)."""
    return linear(PRIOR, x)


# -- experiments ---------------------------------------------------------------------------------
def diagnostics(setting: Setting) -> dict[str, Any]:
    """Where the relevant organisations sit under the default (fixed weights): by their number of
    other projects; how many the members of the k best text matches cover; the precision of the
    best match's members inside and below the top 50; precision by rank band."""
    ranker, world = setting.ranker, setting.world
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # relevant, in top 10, in top 50
    cover: dict[int, list[tuple[float, int]]] = defaultdict(list)
    bands = ((0, 10), (10, 30), (30, 50), (50, 100), (100, 200))
    hits = np.zeros(len(bands))
    tail: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # members of the best text match
    for doc in setting.docs:
        relevant = world.relevant(doc.id, {doc.id})
        if not relevant:
            continue
        text_scores = world.text_scores(doc)
        order = ranker.order(ranker._scores(text_scores, {doc.id}), {doc.id})
        position = {ranker.organisations_[r]: i for i, r in enumerate(order)}
        for org in relevant:
            n = len(world.projects_of[org] - {doc.id})
            group = "1" if n == 1 else "2-3" if n <= 3 else "4-9" if n <= 9 else "10+"
            groups[group][0] += 1
            groups[group][1] += position[org] < 10
            groups[group][2] += position[org] < 50
        for b, (lo, hi) in enumerate(bands):
            hits[b] += sum(ranker.organisations_[r] in relevant for r in order[lo:hi]) / (hi - lo)
        similar = dict(zip(*text_scores, strict=True))
        similar.pop(doc.id, None)
        best = sorted(similar, key=lambda p: -similar[p])
        for org in world.members[best[0]]:
            n = len(world.projects_of[org] - {doc.id})
            group = "1" if n == 1 else "2-3" if n <= 3 else "4+"
            side = "in top 50" if position.get(org, len(position)) < 50 else "below 50"
            tail[f"{group}, {side}"][0] += org in relevant
            tail[f"{group}, {side}"][1] += 1
        for k in (1, 3, 5, 10, 20):
            union = set().union(*(world.members[p] for p in best[:k]))
            cover[k].append((len(relevant & union) / len(relevant), len(union)))
    total = sum(g[0] for g in groups.values())
    queries = len(cover[1])
    return {
        "relevant by other projects": {
            g: {
                "share": round(v[0] / total, 3),
                "in top 10": round(v[1] / v[0], 3),
                "in top 50": round(v[2] / v[0], 3),
            }
            for g, v in sorted(groups.items())
        },
        "members of the k best text matches": {
            k: {
                "recall": round(float(np.mean([c for c, _ in v])), 3),
                "organisations": round(float(np.mean([n for _, n in v])), 1),
            }
            for k, v in cover.items()
        },
        "precision of the best text match's members, by their other projects": {
            k: round(v[0] / v[1], 3) for k, v in sorted(tail.items())
        },
        "precision by rank band": {
            f"{lo + 1}-{hi}": round(float(h / queries), 3) for (lo, hi), h in zip(bands, hits, strict=True)
        },
    }


EXTRA = [
    "model1",
    "ec",
    "copartners",
    "coordinator_share",
    "year_near",
    "year_gap",
    "country_share",
    "n_z1",
    "type_PRC",
    "type_HES",
    "type_REC",
    "rwr",
    "svd",
]
ATTRIBUTES = ["ec", "copartners", "coordinator_share", "type_PRC", "type_HES", "type_REC", "country_share"]
ALL = ATTRIBUTES + ["model1", "year_gap", "rwr", "n_z1"]


def experiment_features(setting: Setting) -> dict[str, dict[str, float]]:
    """Each extra feature alone (fixed), and added to the default fusion (ListNet, cross-fitted,
    prior weight 0); then all of them."""
    out = {"default fusion (bench)": crossfit(setting, BASE, listnet(PRIOR), linear)}
    for name in EXTRA:
        out[f"{name} alone"] = crossfit(setting, [name], None, lambda _, x: x[:, 0])
        out[f"default + {name}"] = crossfit(setting, [*BASE, name], listnet(np.r_[PRIOR, 0.0]), linear)
    prior = np.r_[PRIOR, np.zeros(len(ALL))]
    out["default + all extra features"] = crossfit(setting, [*BASE, *ALL], listnet(prior), linear)
    return out


class BoostedRanker:
    """The bench's linear ListNet, then gradient-boosted regression trees (Newton steps) on a
    listwise loss: ``listnet`` (softmax cross-entropy, all candidates) or ``lambdamart`` (pairs of a
    relevant and an irrelevant candidate among the ``pool`` best, weighted by their |delta nDCG@10|)."""

    def __init__(
        self, loss: str, rounds: int, rate: float, leaves: int, min_leaf: int, l2: float, pool: int = 200
    ):
        self.loss, self.rounds, self.rate, self.leaves = loss, rounds, rate, leaves
        self.min_leaf, self.l2, self.pool = min_leaf, l2, pool

    def fit(self, examples: list[Example]) -> BoostedRanker:
        from sklearn.tree import DecisionTreeRegressor

        self.w = fit_weights([(f[:, :6], m) for f, m in examples], PRIOR, 0.1)
        x = np.vstack([f for f, _ in examples])
        bounds = np.cumsum([0] + [len(m) for _, m in examples])
        relevant = np.concatenate([m for _, m in examples]).astype(float)
        score = x[:, :6] @ self.w
        self.trees: list[tuple[Any, dict[int, float]]] = []
        for _ in range(self.rounds):
            g, h = np.zeros_like(score), np.zeros_like(score)
            for a, b in zip(bounds[:-1], bounds[1:], strict=True):
                step = self._listnet if self.loss == "listnet" else self._lambdas
                g[a:b], h[a:b] = step(score[a:b], relevant[a:b])
            active = h > 0
            tree = DecisionTreeRegressor(
                max_leaf_nodes=self.leaves, min_samples_leaf=self.min_leaf, random_state=0
            )
            tree.fit(x[active], g[active] / h[active], sample_weight=h[active])
            leaf = tree.apply(x)
            values = {
                int(k): float(g[active & (leaf == k)].sum() / (h[active & (leaf == k)].sum() + self.l2))
                for k in np.unique(leaf[active])
            }
            score += self.rate * np.array([values.get(int(k), 0.0) for k in leaf])
            self.trees.append((tree, values))
        return self

    @staticmethod
    def _listnet(s: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = np.exp(s - s.max())
        p /= p.sum()
        return y / y.sum() - p, np.maximum(p * (1 - p), 1e-6)

    def _lambdas(self, s: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        g, h = np.zeros_like(s), np.zeros_like(s)
        top = np.argsort(-s, kind="stable")[: self.pool]
        discount = np.where(np.arange(len(top)) < 10, 1 / np.log2(np.arange(len(top)) + 2), 0.0)
        ideal = (1 / np.log2(np.arange(min(int(y.sum()), 10)) + 2)).sum()
        good, bad = np.flatnonzero(y[top] > 0), np.flatnonzero(y[top] == 0)
        if ideal == 0 or not len(good):
            return g, h
        delta = np.abs(discount[good][:, None] - discount[bad][None, :]) / ideal
        rho = 1 / (1 + np.exp(s[top][good][:, None] - s[top][bad][None, :]))
        lam, hess = rho * delta, rho * (1 - rho) * delta
        g[top[good]] += lam.sum(axis=1)
        g[top[bad]] -= lam.sum(axis=0)
        h[top[good]] += hess.sum(axis=1)
        h[top[bad]] += hess.sum(axis=0)
        return g, h

    def predict(self, x: np.ndarray) -> np.ndarray:
        score: np.ndarray = x[:, :6] @ self.w
        for tree, values in self.trees:
            score += self.rate * np.array([values.get(int(k), 0.0) for k in tree.apply(x)])
        return score


def pointwise_trees(params: dict[str, Any]) -> Fit:
    """scikit-learn's HistGradientBoostingClassifier on (candidate, relevant?), every query weighted the same."""

    def fit(examples: list[Example]) -> Any:
        from sklearn.ensemble import HistGradientBoostingClassifier

        x = np.vstack([f for f, _ in examples])
        y = np.concatenate([m for _, m in examples])
        w = np.concatenate([np.full(len(m), 1.0 / m.sum()) for _, m in examples])
        model = HistGradientBoostingClassifier(random_state=0, early_stopping=False, **params)
        return model.fit(x, y, sample_weight=w * len(w) / w.sum())

    return fit


def experiment_trees(setting: Setting) -> dict[str, dict[str, float]]:
    out = {}
    pointwise = {
        "max_iter": 150,
        "learning_rate": 0.05,
        "max_leaf_nodes": 15,
        "min_samples_leaf": 100,
        "l2_regularization": 1.0,
    }
    monotone = {
        "max_iter": 100,
        "learning_rate": 0.05,
        "max_leaf_nodes": 8,
        "min_samples_leaf": 200,
        "l2_regularization": 1.0,
        "monotonic_cst": [1, 1, 1, 1, 1, 0],
    }
    score = lambda model, x: model.decision_function(x)  # noqa: E731
    out["pointwise GBDT, default features"] = crossfit(setting, BASE, pointwise_trees(pointwise), score)
    out["pointwise GBDT, + attributes"] = crossfit(
        setting, [*BASE, *ATTRIBUTES], pointwise_trees(pointwise), score
    )
    out["pointwise GBDT, monotone, default features"] = crossfit(
        setting, BASE, pointwise_trees(monotone), score
    )
    boosted = {
        "ListNet trees (30 x 8 leaves, rate 0.1)": ("listnet", 30, 0.1, 8, 200, 1.0),
        "ListNet trees (20 x 4 leaves, rate 0.05)": ("listnet", 20, 0.05, 4, 500, 1.0),
        "LambdaMART (40 x 8 leaves, rate 0.1)": ("lambdamart", 40, 0.1, 8, 30, 1.0),
        "LambdaMART (20 x 4 leaves, rate 0.05)": ("lambdamart", 20, 0.05, 4, 100, 10.0),
        "LambdaMART (20 x 4 leaves, rate 0.02)": ("lambdamart", 20, 0.02, 4, 100, 10.0),
    }
    for label, args in boosted.items():
        fit = lambda ex, a=args: BoostedRanker(*a).fit(ex)  # noqa: E731
        for feature_set, names in (
            ("default features", BASE),
            ("+ attributes", [*BASE, *ATTRIBUTES]),
            ("+ all", [*BASE, *ALL]),
        ):
            wide = label.startswith(("ListNet trees (30", "LambdaMART (40"))
            if (
                feature_set == "default features"
                or (wide and feature_set != "+ all")
                or label.startswith("ListNet trees (30")
            ):
                out[f"{label}, {feature_set}"] = crossfit(setting, names, fit, lambda m, x: m.predict(x))
    return out


def experiment_graph(setting: Setting) -> dict[str, dict[str, float]]:
    """Collaborative filtering on the organisation x project graph (P removed), seeded by the text
    scores: random walk with restart, truncated SVD; alone and z-summed with the default (fixed)."""

    def zsum(weight: float) -> Predict:
        def predict(_: Any, x: np.ndarray) -> np.ndarray:
            a, b = x[:, :6] @ PRIOR, x[:, 6]
            out: np.ndarray = (a - a.mean()) / (a.std() + 1e-12) + weight * (b - b.mean()) / (b.std() + 1e-12)
            return out

        return predict

    out = {"default fusion (platform, fixed)": crossfit(setting, BASE, None, fixed)}
    for restart in (0.3, 0.5, 0.7):
        options = {"rwr_restart": restart}
        out[f"RWR restart {restart} alone"] = crossfit(setting, ["rwr"], None, lambda _, x: x[:, 0], options)
        out[f"default + RWR restart {restart}, cross-fitted"] = crossfit(
            setting, [*BASE, "rwr"], listnet(np.r_[PRIOR, 0.0]), linear, options
        )
    for k in (10, 20):
        for tau in (0.5, 1.0):
            options = {"svd_k": k, "svd_tau": tau}
            out[f"SVD k={k} tau={tau} alone"] = crossfit(
                setting, ["svd"], None, lambda _, x: x[:, 0], options
            )
            for weight in (0.3, 1.0):
                out[f"default + {weight} x SVD k={k} tau={tau} (z-sum, fixed)"] = crossfit(
                    setting, [*BASE, "svd"], None, zsum(weight), options
                )
    return out


# -- a learned project-pair similarity -------------------------------------------------------
def pair_features(setting: Setting, doc: MatchDocument, left_out: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """(query, project) features: two-sided, forward and backward BM25 z, propagated z, z+^2,
    same call code, call-year difference, log project size, log text rank."""
    ranker, index = setting.ranker, setting.world.index
    index.remove(doc.id)
    try:
        bag = query_bag(index, doc)
        slots = np.fromiter(index._slot_of.values(), dtype=np.int64, count=len(index._slot_of))
        fwd, back = forward_scores(index, bag)[slots], backward_scores(index, bag, slots)
        ids = list(index._slot_of)
    finally:
        index.add_analyzed(doc, setting.world.analysed[doc.id])
    total = fwd + back
    two = np.divide(2 * fwd * back, total, out=np.zeros_like(total), where=total > 0)
    order = {p: i for i, p in enumerate(ids)}
    projects = ranker.projects_
    keep = np.array([p in order and p not in left_out for p in projects], bool)

    def z(v: np.ndarray) -> np.ndarray:
        return _standardise(np.array([v[order[p]] if p in order else 0.0 for p in projects]), keep)

    zh = z(two)
    members = sparse.csr_matrix(ranker.members_ @ sparse.diags(keep.astype(float)))
    zp = ranker._propagate(zh, keep, members)
    calls = set(doc.keywords)
    topics = {d.id: set(d.keywords) for d in setting.docs}
    year = setting.years.get(doc.id)
    same_call = np.array([1.0 if topics.get(p, set()) & calls else 0.0 for p in projects])
    gap = np.array(
        [abs((setting.years.get(p) or 0) - year) if year and setting.years.get(p) else 3.0 for p in projects]
    )
    rank = np.empty(len(projects))
    rank[np.argsort(-np.where(keep, zh, -1e9), kind="stable")] = np.arange(len(projects))
    size = np.asarray(members.sum(axis=0)).ravel()
    x = np.column_stack(
        [
            zh,
            z(fwd),
            z(back),
            zp,
            np.maximum(zh, 0) ** 2,
            same_call,
            np.minimum(gap, 4),
            np.log1p(size),
            np.log1p(rank),
        ]
    )
    x[~keep] = 0.0
    return x, keep


def experiment_pair_similarity(setting: Setting, folds: int = 5) -> dict[str, dict[str, float]]:
    """A logistic model of the share of a project's members that join the query project (binomial,
    fitted on the training projects of each fold in a world without the fold), its logit used as
    the text score of the default fusion (fixed weights)."""
    ranker, world, docs = setting.ranker, setting.world, setting.docs
    projects = ranker.projects_
    rows = []
    for fold in range(folds):
        test = [d for i, d in enumerate(docs) if i % folds == fold]
        held = {d.id for d in test}
        xs, ys, ns = [], [], []
        for pid in held:
            world.index.remove(pid)
        try:
            for doc in (d for i, d in enumerate(docs) if i % folds != fold):
                x, keep = pair_features(setting, doc, held | {doc.id})
                shared = np.array([len(world.members[p] & world.members[doc.id]) for p in projects], float)
                size = np.array([len(world.members[p]) for p in projects], float)
                use = keep & (size > 0)
                xs.append(x[use])
                ys.append(shared[use] / size[use])
                ns.append(size[use])
        finally:
            for doc in docs:
                if doc.id in held:
                    world.index.add_analyzed(doc, world.analysed[doc.id])
        x, y, n = np.vstack(xs), np.concatenate(ys), np.concatenate(ns)
        mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9

        def design(v: np.ndarray, mu: np.ndarray = mu, sd: np.ndarray = sd) -> np.ndarray:
            return np.column_stack([(v - mu) / sd, np.ones(len(v))])

        train_design = design(x)

        def loss(
            w: np.ndarray, d: np.ndarray = train_design, y: np.ndarray = y, n: np.ndarray = n
        ) -> tuple[float, np.ndarray]:
            p = 1 / (1 + np.exp(-(d @ w)))
            nll = -(n * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() / n.sum()
            penalty = 1e-3 * float(w[:-1] @ w[:-1])
            return nll + penalty, d.T @ (n * (p - y)) / n.sum() + np.r_[2e-3 * w[:-1], 0.0]

        w = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B").x
        for doc in test:
            relevant = world.relevant(doc.id, {doc.id})
            if relevant:
                x, keep = pair_features(setting, doc, {doc.id})
                learned = np.where(keep, design(x) @ w, 0.0)
                score = ranker._scores((list(projects), learned), {doc.id})
                rows.append(_metrics(ranker, score, doc.id, relevant))
    return {
        "default fusion (platform, fixed)": crossfit(setting, BASE, None, fixed),
        "learned project similarity + default fusion (fixed)": _mean(rows),
    }


def leakage(root: Path, name: str) -> dict[str, float]:
    """Strict leave-one-out of every feature above: the first project gets the consortium (rows
    and attributes) of another one; the features of the first project as the query, its pair
    features, and the features of a training query of another fold scored in the world without
    the first project's fold must not move (largest absolute differences, expected < 1e-9)."""
    docs, parts, attributes = load(root, name)
    first, other = docs[0].id, docs[len(docs) // 2].id
    moved = [p for p in parts if p.project != first]
    moved += [Participation(first, p.organisation, p.role) for p in parts if p.project == other]
    moved_attributes = {k: v for k, v in attributes.items() if k[1] != first}
    moved_attributes.update({(o, first): v for (o, p), v in attributes.items() if p == other})
    a, b = Setting(docs, parts, attributes), Setting(docs, moved, moved_attributes)
    names = [*BASE, *EXTRA]

    def gap(doc: MatchDocument, left_out: set[str]) -> float:
        (fa, la), (fb, lb) = (features(s, doc, left_out, names, {}) for s in (a, b))
        rows_a = {o: fa[i] for i, o in enumerate(a.ranker.organisations_) if la[i]}
        rows_b = {o: fb[i] for i, o in enumerate(b.ranker.organisations_) if lb[i]}
        if rows_a.keys() != rows_b.keys():
            return float("inf")
        return float(max(np.abs(rows_a[o] - rows_b[o]).max() for o in rows_a))

    out = {"query features": gap(docs[0], {first})}
    out["pair features"] = float(
        np.abs(pair_features(a, docs[0], {first})[0] - pair_features(b, docs[0], {first})[0]).max()
    )
    held = {d.id for i, d in enumerate(docs) if i % 5 == 0}  # the first project's fold
    for s in (a, b):
        for pid in held:
            s.world.index.remove(pid)
    out["training features (fold held out)"] = gap(docs[1], held | {docs[1].id})
    return out


EXPERIMENTS: dict[str, Callable[[Setting], Any]] = {
    "diagnostics": diagnostics,
    "features": experiment_features,
    "trees": experiment_trees,
    "graph": experiment_graph,
    "pair-similarity": experiment_pair_similarity,
}


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    chosen = sys.argv[2:] or ["leakage", *EXPERIMENTS]
    unknown = sorted(set(chosen) - set(EXPERIMENTS) - {"leakage"})
    if unknown:
        sys.exit(f"unknown experiment(s) {', '.join(unknown)}; choose from leakage, {', '.join(EXPERIMENTS)}")
    for name in ("cordis-ecsel", "cordis-json-sample"):
        if not (root / name).is_dir():
            continue
        if "leakage" in chosen:
            gaps = leakage(root, name)
            print(json.dumps({"dataset": name, "experiment": "leakage", **gaps}), flush=True)
            if max(gaps.values()) > 1e-9:
                sys.exit(f"{name}: a feature of a project moved with its own participants")
        setting = Setting(*load(root, name))
        for experiment in (c for c in chosen if c != "leakage"):
            start = time.process_time()
            result = EXPERIMENTS[experiment](setting)
            seconds = round(time.process_time() - start, 1)
            if experiment == "diagnostics":
                print(
                    json.dumps({"dataset": name, "experiment": experiment, **result, "cpu_seconds": seconds})
                )
                continue
            for variant, metrics in result.items():
                print(
                    json.dumps({"dataset": name, "experiment": experiment, "variant": variant, **metrics}),
                    flush=True,
                )
            print(json.dumps({"dataset": name, "experiment": experiment, "cpu_seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
