"""A compromise ranking across methods: Copeland's pairwise-majority rule, Borda count as tie-break.

Copeland (1951) scores a site by (pairwise majority wins - losses) over the methods' rankings; it is a
Condorcet method, so a site that most methods put above every other site comes first. Remaining ties are
broken by the Borda count (sum over methods of n - rank), then by input order. See e.g. Brandt et al.
(2016), *Handbook of Computational Social Choice*, ch. 2-3.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .matrix import DecisionInputError, FloatArray
from .ranking import Ranking


def _check_same_sites(rankings: Sequence[Ranking]) -> tuple[str, ...]:
    if not rankings:
        raise DecisionInputError("a compromise ranking needs at least one method ranking")
    sites = rankings[0].alternatives
    for r in rankings[1:]:
        if r.alternatives != sites:
            raise DecisionInputError(
                f"ranking {r.method!r} ranks different sites from {rankings[0].method!r}"
            )
    return sites


def borda_scores(rankings: Sequence[Ranking]) -> FloatArray:
    """Borda count: sum over methods of (n - rank); ties share the better rank's points."""
    sites = _check_same_sites(rankings)
    n = len(sites)
    return np.sum([n - r.ranks for r in rankings], axis=0).astype(np.float64)


def copeland_scores(rankings: Sequence[Ranking]) -> FloatArray:
    """Copeland score: number of sites beaten by a strict majority of methods minus those beating it."""
    _check_same_sites(rankings)
    ranks = np.array([r.ranks for r in rankings])  # (methods, n)
    above = (ranks[:, :, None] < ranks[:, None, :]).sum(axis=0)  # above[a, b] = methods putting a over b
    wins = (above > above.T).sum(axis=1)
    losses = (above < above.T).sum(axis=1)
    return (wins - losses).astype(np.float64)


def compromise_ranking(rankings: Sequence[Ranking], rule: str = "copeland") -> Ranking:
    """Merge method rankings by `rule` ("copeland" with Borda tie-break, or "borda"); higher score is better."""
    sites = _check_same_sites(rankings)
    borda = borda_scores(rankings)
    if rule == "borda":
        primary = borda
    elif rule == "copeland":
        primary = copeland_scores(rankings)
    else:
        raise DecisionInputError(f"unknown compromise rule {rule!r}; use 'copeland' or 'borda'")
    order = np.lexsort((-borda, -primary))
    ranks = np.empty(len(sites), dtype=np.int64)
    ranks[order] = np.arange(1, len(sites) + 1)
    for pos in range(1, len(order)):
        a, b = order[pos - 1], order[pos]
        if primary[a] == primary[b] and borda[a] == borda[b]:
            ranks[b] = ranks[a]
    return Ranking(
        rule,
        sites,
        primary,
        ranks,
        True,
        {"borda": borda, "methods": tuple(r.method for r in rankings)},
    )
