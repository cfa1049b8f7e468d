"""Lexicon files: TSV parsing, FreeDict reading, the SQLite store."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from techbridge.core.text.freedict import decode_number, entry_glosses, read_freedict
from techbridge.core.text.lexicon import LexiconError, read_tsv
from techbridge.core.text.library import add_source, guess_language, load_lexicons, open_store

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def test_tsv_lines_become_word_glosses(tmp_path: Path) -> None:
    path = tmp_path / "pol-eng.test.tsv"
    path.write_text("# comment\nkot\tcat\nKot\ttomcat\n\npies\tdog\n", encoding="utf-8")
    lexicon, warnings = read_tsv(path, "pl", "test")
    assert lexicon.entries == {"kot": ["cat", "tomcat"], "pies": ["dog"]}
    assert lexicon.pairs == 3
    assert warnings == []


def test_malformed_tsv_lines_are_reported_with_their_line_number(tmp_path: Path) -> None:
    path = tmp_path / "pol-eng.test.tsv"
    path.write_text("kot\tcat\nno tab here\npies\t\n", encoding="utf-8")
    lexicon, warnings = read_tsv(path, "pl", "test")
    assert list(lexicon.entries) == ["kot"]
    assert [w.split(": ")[0] for w in warnings] == ["pol-eng.test.tsv:2", "pol-eng.test.tsv:3"]


def test_a_tsv_without_any_pair_is_rejected_naming_the_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("just words\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="bad.tsv:1"):
        read_tsv(path, "pl", "test")


def test_a_missing_or_binary_lexicon_file_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="no such file"):
        read_tsv(tmp_path / "absent.tsv", "pl", "x")
    binary = tmp_path / "pol-eng.bin.tsv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LexiconError, match="not UTF-8"):
        read_tsv(binary, "pl", "x")


def test_the_language_is_taken_from_the_file_name() -> None:
    assert guess_language(Path("ces-eng.wikt.tsv")) == "cs"
    assert guess_language(Path("freedict-hun-eng.index")) == "hu"
    with pytest.raises(LexiconError, match="--lang"):
        guess_language(Path("words.tsv"))


def _encode(number: int) -> str:
    digits = ""
    while True:
        digits = _B64[number % 64] + digits
        number //= 64
        if number == 0:
            return digits


def _write_freedict(folder: Path) -> Path:
    entries = {"kot": "kot /kɔt/ <n>\n1. cat\n2. tomcat\n", "pies": "pies /pjɛs/\ndog, hound\n"}
    data, index = b"", []
    for word, text in entries.items():
        raw = text.encode("utf-8")
        index.append(f"{word}\t{_encode(len(data))}\t{_encode(len(raw))}")
        data += raw
    (folder / "freedict-pol-eng.dict.dz").write_bytes(gzip.compress(data))
    path = folder / "freedict-pol-eng.index"
    path.write_text("\n".join([*index, "broken line"]) + "\n", encoding="utf-8")
    return path


def test_dictd_numbers_are_base64_digits() -> None:
    assert decode_number("A") == 0
    assert decode_number("BA") == 64
    with pytest.raises(ValueError, match="base64"):
        decode_number("!")


def test_freedict_entries_are_read_from_index_and_compressed_data(tmp_path: Path) -> None:
    lexicon, warnings = read_freedict(_write_freedict(tmp_path), "pl")
    assert lexicon.entries == {"kot": ["cat", "tomcat"], "pies": ["dog", "hound"]}
    assert warnings == ["freedict-pol-eng.index:3: expected 'headword<TAB>offset<TAB>length'"]


def test_freedict_reading_stops_at_a_source_language_definition() -> None:
    entry = "abnegacja /x/ <n>\nabnegation\n(przestarzałe) wyrzeczenie się\n"
    assert entry_glosses(entry) == ["abnegation"]


def test_a_missing_freedict_dictionary_names_the_debian_package_hint(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="dict-freedict"):
        read_freedict(tmp_path / "freedict-pol-eng.index", "pl")


def test_sources_are_added_listed_loaded_and_removed(tmp_path: Path) -> None:
    tsv = tmp_path / "pol-eng.mini.tsv"
    tsv.write_text("kot\tcat\nkolacja\tsupper\n", encoding="utf-8")
    added = add_source(tsv, directory=tmp_path / "lex")
    add_source(_write_freedict(tmp_path), directory=tmp_path / "lex")
    assert (added.lexicon.lang, added.lexicon.source, added.lexicon.words) == ("pl", "mini", 2)
    store = open_store(tmp_path / "lex")
    assert [(s.lang, s.source) for s in store.sources()] == [("pl", "freedict"), ("pl", "mini")]
    polish = load_lexicons(tmp_path / "lex", cedict=False)["pl"]
    assert polish.get("kot") == "cat\x1fcat\x1ftomcat"  # both sources, merged
    assert polish.by_stem("kolacj") is None or polish.get("kolacja") == "supper"
    assert [s.source for s in store.remove("pl", "mini")] == ["mini"]
    assert [s.source for s in store.sources()] == ["freedict"]


def test_a_cedict_cross_reference_borrows_the_target_glosses(tmp_path: Path) -> None:
    from techbridge.core.text.library import read_cedict

    path = tmp_path / "cedict.txt"
    path.write_text(
        "# comment\n"
        "寧波 宁波 [Ning2 bo1] /see 寧波市|宁波市[Ning2 bo1 Shi4]/\n"
        "寧波市 宁波市 [Ning2 bo1 Shi4] /Ningbo, city in Zhejiang/\n",
        encoding="utf-8",
    )
    lexicon = read_cedict(path)
    assert lexicon.entries["宁波"] == ["Ningbo, city in Zhejiang"]
    assert lexicon.entries["寧波"] == ["Ningbo, city in Zhejiang"]


def test_near_synonyms_of_one_sense_share_its_weight() -> None:
    """CC-CEDICT's 储: "(bound form) to store up; to keep in reserve" is one sense in two renderings, "heir to
    the throne" another. Each sense weighs 1/2; its renderings split that; a rendering's words split their share:
    store 1/2 x 1/2 = 1/4, keep and reserve 1/2 x 1/2 x 1/2 = 1/8, heir and throne 1/2 x 1/2 = 1/4; scaled so
    that the best is 1. Read as one gloss of three words, store would weigh 1/6 against heir's 1/4 (0.67)."""
    from techbridge.core.text.glosses import weigh_glosses

    terms = weigh_glosses(
        ["(bound form) to store up; to keep in reserve", "heir to the throne", "Taiwan pr. [chu2]"]
    )
    assert {term: round(weight, 3) for term, (weight, _) in terms.items()} == {
        "store": 1.0,
        "keep": 0.5,
        "reserv": 0.5,
        "heir": 1.0,
        "throne": 1.0,
    }
    # a ";" inside brackets is part of a note, not a second rendering
    assert set(weigh_glosses(["battery (electric; chemical)"])) == {"batteri"}
