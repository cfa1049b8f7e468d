"""Cross-lingual retrieval: CSLS on a hand-made matrix, and a smoke test on real Tatoeba pairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from techbridge.core.text.analysis import Analyzer
from techbridge.core.text.crosslingual import accuracy_at_1, csls, find_pairs, similarity
from techbridge.core.text.lexicon import SEP, merge_glosses, read_tsv


def test_csls_demotes_a_hub_column() -> None:
    # column 0 is close to every row (a hub); row 1 prefers it by cosine, not after CSLS
    scores = np.array([[0.9, 0.1], [0.8, 0.7]])
    assert accuracy_at_1(scores) == 0.5
    # k=1: r_rows = [0.9, 0.8], r_cols = [0.9, 0.7]; row 1: 1.6-0.8-0.9=-0.1 vs 1.4-0.8-0.7=-0.1
    corrected = csls(scores, k=1)
    assert np.allclose(corrected, [[0.0, -1.4], [-0.1, -0.1]])


def test_accuracy_counts_rows_whose_best_column_is_their_own() -> None:
    assert accuracy_at_1(np.eye(3)) == 1.0
    assert accuracy_at_1(np.array([[0.0, 1.0], [0.0, 1.0]])) == 0.5


def test_pairs_are_found_by_the_tatoeba_file_names(tmp_path: Path) -> None:
    for name in ("tatoeba.pol-eng.pol", "tatoeba.pol-eng.eng", "tatoeba.ces-eng.ces", "notes.txt"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert list(find_pairs(tmp_path)) == ["pol"]


def test_polish_sentences_find_their_english_translation(shared_data: Path) -> None:
    polish_lexicon: dict[str, str] = {}
    for path in sorted((shared_data / "lexicons").glob("pol-eng.*.tsv")):
        entries = read_tsv(path, "pl", path.name)[0].entries
        polish_lexicon = merge_glosses([polish_lexicon, {w: SEP.join(g) for w, g in entries.items()}])
    analyzer = Analyzer(lexicons={"pl": polish_lexicon}, function_words=True)
    folder = shared_data / "tatoeba"
    polish = (folder / "tatoeba.pol-eng.pol").read_text(encoding="utf-8").splitlines()[:300]
    english = (folder / "tatoeba.pol-eng.eng").read_text(encoding="utf-8").splitlines()[:300]
    accuracy = accuracy_at_1(similarity(analyzer, polish, english, "pl"))
    print(f"pol accuracy@1 on 300 pairs: {accuracy:.3f}")
    assert accuracy >= 0.7  # measured 0.84 with the two TSV lexicons only


def test_an_unsupported_or_empty_pair_is_reported_not_raised(tmp_path: Path) -> None:
    from techbridge.core.text.crosslingual import evaluate

    (tmp_path / "tatoeba.rus-eng.rus").write_text("Привет\n", encoding="utf-8")
    (tmp_path / "tatoeba.rus-eng.eng").write_text("Hello\n", encoding="utf-8")
    (tmp_path / "tatoeba.pol-eng.pol").write_text("", encoding="utf-8")
    (tmp_path / "tatoeba.pol-eng.eng").write_text("", encoding="utf-8")
    results = {r.lang: r for r in evaluate(Analyzer(), tmp_path)}
    assert results["rus"].accuracy_at_1 is None and "unknown language 'rus'" in str(results["rus"].error)
    assert results["pol"].error == "no sentence pairs"


def test_two_tiny_pairs_are_aligned_through_a_lexicon(tmp_path: Path) -> None:
    from techbridge.core.text.crosslingual import evaluate

    (tmp_path / "tatoeba.pol-eng.pol").write_text("Kot śpi.\nPies je.\n", encoding="utf-8")
    (tmp_path / "tatoeba.pol-eng.eng").write_text("The cat sleeps.\nThe dog eats.\n", encoding="utf-8")
    lexicon = {"kot": "cat", "śpi": "sleeps", "spać": "to sleep", "pies": "dog", "jeść": "to eat"}
    result = next(evaluate(Analyzer(lexicons={"pl": lexicon}, function_words=True), tmp_path, k=0))
    assert (result.lang, result.pairs, result.accuracy_at_1) == ("pol", 2, 1.0)


def test_misaligned_or_undecodable_files_are_reported_with_their_names(tmp_path: Path) -> None:
    from techbridge.core.text.crosslingual import evaluate

    (tmp_path / "tatoeba.pol-eng.pol").write_text("Kot śpi.\nPies je.\nDom.\n", encoding="utf-8")
    (tmp_path / "tatoeba.pol-eng.eng").write_text("The cat sleeps.\nThe dog eats.\n", encoding="utf-8")
    (tmp_path / "tatoeba.ces-eng.ces").write_bytes("Kočka spí.\n".encode("cp1250"))
    (tmp_path / "tatoeba.ces-eng.eng").write_text("The cat sleeps.\n", encoding="utf-8")
    (tmp_path / "tatoeba.hun-eng.hun").write_bytes("\ufeffA macska alszik.\n".encode())  # a byte order mark
    (tmp_path / "tatoeba.hun-eng.eng").write_text("The cat sleeps.\n", encoding="utf-8")
    results = {r.lang: r for r in evaluate(Analyzer(), tmp_path)}
    assert (results["pol"].pairs, results["pol"].accuracy_at_1) == (0, None)
    assert results["pol"].error == (
        "tatoeba.pol-eng.pol has 3 lines, tatoeba.pol-eng.eng 2: the files must be aligned line by line"
    )
    assert results["ces"].error == "tatoeba.ces-eng.ces: not UTF-8 text (at byte offset 2)"  # the č of Kočka
    assert (results["hun"].pairs, results["hun"].accuracy_at_1, results["hun"].error) == (1, 1.0, None)
