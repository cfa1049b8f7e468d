"""Cross-lingual retrieval benchmark: find the English line of each foreign line among all English lines.

Scoring: TF-IDF vectors over English-pivot terms (sublinear tf, Salton & Buckley 1988), cosine
similarity, then cross-domain similarity local scaling (CSLS, Conneau et al. 2018, "Word
translation without parallel data") against hubness.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from techbridge.core.text.analysis import Analyzer
from techbridge.core.text.languages import UnknownLanguageError, normalize_language

# CSLS neighbourhood: 1,000 candidates per pair is far smaller than the 200k-word vocabularies of
# Conneau et al. (k=10), so a smaller neighbourhood; measured k=3..20 in docs/benchmarks/text.md.
CSLS_K = 5
_PAIR = re.compile(r"^tatoeba\.([a-z]{3})-eng\.([a-z]{3})$")


@dataclass(frozen=True)
class PairResult:
    """Accuracy@1 of one language pair."""

    lang: str
    pairs: int
    accuracy_at_1: float | None
    error: str | None = None


def find_pairs(folder: Path) -> dict[str, tuple[Path, Path]]:
    """``{iso3: (foreign file, English file)}`` for the Tatoeba layout ``tatoeba.XXX-eng.{XXX,eng}``."""
    found = {}
    for path in sorted(folder.glob("tatoeba.*-eng.*")):
        match = _PAIR.match(path.name)
        if match and match.group(1) == match.group(2):
            english = path.with_name(f"tatoeba.{match.group(1)}-eng.eng")
            if english.is_file():
                found[match.group(1)] = (path, english)
    return found


def _matrix(bags: list[dict[str, float]], vocab: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for row, bag in enumerate(bags):
        for term, weight in bag.items():
            col = vocab.get(term)
            if col is not None and weight > 0:
                rows.append(row)
                cols.append(col)
                vals.append((1.0 + math.log(weight) if weight > 1 else weight) * idf[col])
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(bags), len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def csls(scores: np.ndarray, k: int = CSLS_K) -> np.ndarray:
    """CSLS-corrected scores: 2 cos(x, y) - r(x) - r(y), r = mean of the k best neighbours."""
    k = max(1, min(k, scores.shape[0], scores.shape[1]))
    r_rows = np.sort(scores, axis=1)[:, -k:].mean(axis=1)
    r_cols = np.sort(scores, axis=0)[-k:, :].mean(axis=0)
    return 2 * scores - r_rows[:, None] - r_cols[None, :]


def similarity(
    analyzer: Analyzer, foreign: Sequence[str], english: Sequence[str], lang: str, k: int = CSLS_K
) -> np.ndarray:
    """CSLS-corrected cosine matrix (foreign lines x English lines)."""
    english_bags = [analyzer.weighted(line, "en") for line in english]
    foreign_bags = [analyzer.weighted(line, lang) for line in foreign]
    vocab: dict[str, int] = {}
    df: list[int] = []
    for bag in english_bags:
        for term in bag:
            if term not in vocab:
                vocab[term] = len(vocab)
                df.append(0)
            df[vocab[term]] += 1
    idf = np.log((1 + len(english_bags)) / (1 + np.asarray(df, dtype=float))) + 1.0
    scores = (_matrix(foreign_bags, vocab, idf) @ _matrix(english_bags, vocab, idf).T).toarray()
    return csls(scores, k) if k > 0 else scores


def accuracy_at_1(scores: np.ndarray) -> float:
    """Share of rows whose best column is the aligned one (row i <-> column i)."""
    return float(np.mean(np.argmax(scores, axis=1) == np.arange(scores.shape[0])))


def evaluate(
    analyzer: Analyzer, folder: Path, langs: Sequence[str] | None = None, k: int = CSLS_K
) -> Iterator[PairResult]:
    """Accuracy@1 per language pair found in ``folder`` (all, or the ISO 639-3 codes ``langs``).

    A pair in an unsupported language yields a result with ``error`` set and no accuracy.
    """
    for iso3, (foreign_path, english_path) in find_pairs(folder).items():
        if langs and iso3 not in langs:
            continue
        try:
            lang = normalize_language(iso3)
            foreign, english = _lines(foreign_path), _lines(english_path)
        except (UnknownLanguageError, OSError, ValueError) as exc:
            yield PairResult(iso3, 0, None, str(exc))
            continue
        if len(foreign) != len(english):  # line i of one file translates line i of the other
            problem = f"{foreign_path.name} has {len(foreign)} lines, {english_path.name} {len(english)}"
            yield PairResult(iso3, 0, None, f"{problem}: the files must be aligned line by line")
            continue
        if not foreign:
            yield PairResult(iso3, 0, None, "no sentence pairs")
            continue
        scores = similarity(analyzer, foreign, english, lang, k)
        yield PairResult(iso3, len(foreign), round(accuracy_at_1(scores), 4))


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name}: not UTF-8 text (at byte offset {exc.start})") from None
