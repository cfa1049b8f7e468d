"""The analyzer's word memo: output identical to analysing every word afresh, bounded, and dropped
whenever what it was computed from changes (lexicons, glossary, taxonomy, settings, the store)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from techbridge.core.text.analysis import Analyzer
from techbridge.core.text.lexicon import SEP, Lexicon
from techbridge.core.text.library import load_lexicons, load_tsv_folder
from techbridge.core.text.store import LexiconStore

LEXICONS: dict[str, dict[str, str]] = {
    "pl": {
        "kot": SEP.join(["cat", "tomcat"]),
        "panel": "panel",
        "słoneczny": SEP.join(["solar", "sunny"]),
        "mój": "my",
        "ogniwo": SEP.join(["cell", "link (of a chain)", "to be a link"]),
        "magazyn": SEP.join(["warehouse", "store"]),
        "energia": "energy",
        "badanie": SEP.join(["research", "study"]),
        "i": "and",
    },
    "cs": {
        "vědět": "to know",
        "dobrý": "good",
        "pes": "dog",
        "voda": "water",
        "čistý": SEP.join(["clean", "pure"]),
        "výzkum": "research",
    },
    "sk": {"kočka": "cat"},
    "hu": {
        "nap": "sun",
        "elem": SEP.join(["cell", "battery"]),
        "kutatás": "research",
        "víz": "water",
        "valami": "something",
        "tiszta": SEP.join(["clean", "pure"]),
    },
    "zh": {
        "太阳能": "solar energy",
        "电池": SEP.join(["battery", "cell"]),
        "太阳": "sun",
        "能": SEP.join(["can", "energy"]),
        "研究": SEP.join(["research", "to study"]),
        "水": "water",
        "处理": SEP.join(["to process", "to handle", "treatment"]),
    },
}
GLOSSARY = {
    "pl": {"magazyn energii": "energy storage", "ogniwo słoneczne": "solar cell"},
    "zh": {"储能系统": "energy storage system"},
    "en": {"fuel cell": "fuel cell"},
}
TAXONOMY = {"solar panel": "energy.pv", "panel słoneczny": "energy.pv", "光伏": "energy.pv", "AI": "it.ai"}
TEXTS: list[tuple[str, str | None]] = [
    # Chinese: lexicon words, an unknown word split into known ones, a glossary term, traditional
    # characters, full-width digits and Latin letters, a taxonomy label as a substring
    ("太阳能电池研究和水处理。太阳能电池！", "zh"),
    ("开发储能系统与光伏电站，太陽能電池 ２０２４ ＡＩ", "zh"),
    ("太阳能", None),
    # English: contractions (plain and typographic), possessives, a glossary term, labels
    ("We don't install solar panels; they’re installed by Anna’s team. Can't won't shan't.", "en"),
    ("Fuel cells and fuel cell stacks: AI for factories, SOLAR PANELS, solar panel, 3D-printing", "en"),
    ("the the the and of", "en"),
    # Polish: inflected glossary terms, labels, names, repeated words, the stop word "i"
    ("Magazyny energii i ogniwo, ogniwa słoneczne; mój kot Tomasz, Tomasza i Tomaszowi.", "pl"),
    ("Panel słoneczny na dachu, panele słoneczne, badania i badanie 2024", "pl"),
    ("Mój kot śpi.", None),
    # Czech: negation prefix, superlative, related-language lending (Slovak kočka), unknown words
    ("Nevím, nejlepší pes, čistá voda a výzkum; kočka nevědí nedobrý", "cs"),
    ("Vodní výzkum čisté vody", "cs"),
    # Hungarian: compounds (napelemek), placeholders, inflection
    ("Napelemek kutatása és tiszta víz: valami napelem, vízkutatás", "hu"),
    ("Kutatási partner napelemekhez", "hu"),
    # other scripts and normalisation: Greek final sigma next to an apostrophe, Cyrillic names,
    # Romanian comma-below vs cedilla, Turkish dotted capital I
    ("ΟΔΟΣ’ ΟΔΟΣ' Ο ΠΡΟΕΔΡΟΣ μίλησε", "el"),
    ("Иван Петров и Мария", "bg"),
    ("Știință şi ţară", "ro"),
    ("İstanbul İZMİR", "en"),
]


def _analyzers(cache_size: int, **settings: object) -> Analyzer:
    return Analyzer(
        lexicons=LEXICONS, glossary=GLOSSARY, taxonomy=TAXONOMY, cache_size=cache_size, **settings
    )  # type: ignore[arg-type]


def _outputs(analyzer: Analyzer, text: str, lang: str | None) -> tuple[object, ...]:
    return (
        analyzer.analyze(text, lang),
        analyzer.groups(text, lang),
        analyzer.terms(text, lang),
        analyzer.weighted(text, lang),
    )


@pytest.mark.parametrize(
    "settings",
    [{}, {"function_words": True}, {"identity_weight": 0.0}, {"max_terms_per_word": 1}],
    ids=["default", "function-words", "no-identity", "one-term"],
)
def test_the_memo_changes_nothing_in_any_language(settings: dict[str, object]) -> None:
    plain = _analyzers(0, **settings)
    cached = _analyzers(10_000, **settings)
    for round_ in range(2):  # the second round is answered from the memo
        order = TEXTS if round_ == 0 else list(reversed(TEXTS))
        for text, lang in order:
            assert _outputs(cached, text, lang) == _outputs(plain, text, lang), (text, round_)
    assert cached._word_caches and not plain._word_caches


def test_hand_checked_values_come_out_the_same_from_the_memo() -> None:
    analyzer = Analyzer(lexicons=LEXICONS, identity_weight=0, function_words=True)
    for _ in range(2):
        assert analyzer.analyze("太阳能电池", "zh") == ["solar", "energi", "batteri", "cell"]
        assert analyzer.analyze("nevím", "cs") == ["know", "not"]
        assert analyzer.weighted("ogniwo", "pl") == {"link": 1.0, "cell": 0.5}


def test_the_memo_stays_bounded_and_still_answers_right() -> None:
    words = " ".join(f"słowo{i}" for i in range(60)) + " kot"
    plain, small = _analyzers(0), _analyzers(8)
    for _ in range(3):
        assert small.analyze(words, "pl") == plain.analyze(words, "pl")
    info = small._word_caches["pl"].cache_info()  # type: ignore[attr-defined]
    assert info.currsize == 8 and info.maxsize == 8


def test_replacing_the_glossary_lexicons_or_taxonomy_drops_the_memo() -> None:
    analyzer = Analyzer(lexicons={"pl": {"ogniwo": "cell"}}, identity_weight=0)
    assert analyzer.analyze("ogniwo słoneczne", "pl") == ["cell"]
    analyzer.glossary = {"pl": {"ogniwo słoneczne": "solar cell"}}
    assert analyzer.analyze("ogniwo słoneczne", "pl") == ["solar", "cell"]
    analyzer.lexicons = {"pl": {"ogniwo": "link", "słoneczny": "solar"}}
    analyzer.glossary = {}
    assert analyzer.analyze("ogniwo słoneczne", "pl") == ["link", "solar"]
    analyzer.taxonomy = {"ogniwo słoneczne": "energy.pv"}
    assert analyzer.analyze("ogniwo słoneczne", "pl") == ["tax:energy.pv", "link", "solar"]
    # the properties hand out copies: editing one in place changes nothing behind the memo's back
    analyzer.glossary.setdefault("pl", {})["ogniwo"] = "battery"
    assert analyzer.analyze("ogniwo", "pl") == ["link"]


def test_an_in_memory_lexicon_edited_in_place_needs_clear_caches() -> None:
    entries = {"ogniwo": "cell"}
    analyzer = Analyzer(lexicons={"pl": entries}, identity_weight=0)
    assert analyzer.analyze("ogniwo", "pl") == ["cell"]
    entries["ogniwo"] = "link"
    assert analyzer.analyze("ogniwo", "pl") == ["cell"]  # documented: the memo cannot see this
    analyzer.clear_caches()
    assert analyzer.analyze("ogniwo", "pl") == ["link"]


def test_a_language_added_to_the_lexicons_in_place_is_used() -> None:
    analyzer = Analyzer(identity_weight=0)
    assert analyzer.analyze("ogniwo", "pl") == []
    analyzer.lexicons["pl"] = {"ogniwo": "cell"}
    assert analyzer.analyze("ogniwo", "pl") == ["cell"]


def test_changed_settings_give_what_a_new_analyzer_gives() -> None:
    analyzer = _analyzers(10_000)
    text, lang = "Mój kot Tomasz i ogniwo", "pl"
    first = analyzer.analyze(text, lang)
    analyzer.function_words = True
    analyzer.identity_weight = 0.0
    assert analyzer.analyze(text, lang) == _analyzers(0, function_words=True, identity_weight=0.0).analyze(
        text, lang
    )
    analyzer.function_words, analyzer.identity_weight = False, 0.5
    assert analyzer.analyze(text, lang) == first


def _store_with(path: Path, gloss: str, source: str = "test") -> LexiconStore:
    store = LexiconStore(path / "lexicons.sqlite3")
    lexicon = Lexicon("pl", source)
    lexicon.add("ogniwo", gloss)
    store.add(lexicon)
    return store


def test_a_store_write_in_this_process_is_seen_at_once(tmp_path: Path) -> None:
    store = _store_with(tmp_path, "cell")
    analyzer = Analyzer(lexicons=load_lexicons(tmp_path, cedict=False), identity_weight=0)
    assert analyzer.analyze("ogniwo", "pl") == ["cell"]
    _store_with(tmp_path, "link")  # replaces the source of the same name
    assert analyzer.analyze("ogniwo", "pl") == ["link"]
    store.remove("pl")
    assert analyzer.analyze("ogniwo", "pl") == []


def test_a_store_write_by_another_process_is_seen_after_the_watch_interval(tmp_path: Path) -> None:
    _store_with(tmp_path, "cell")
    analyzer = Analyzer(lexicons=load_lexicons(tmp_path, cedict=False), identity_weight=0)
    assert analyzer.analyze("ogniwo", "pl") == ["cell"]
    script = (
        "import sys; from pathlib import Path; from techbridge.core.text.lexicon import Lexicon;"
        "from techbridge.core.text.store import LexiconStore;"
        "lex = Lexicon('pl', 'test'); lex.add('ogniwo', 'battery');"
        "LexiconStore(Path(sys.argv[1]) / 'lexicons.sqlite3').add(lex)"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, timeout=120)
    analyzer._watch.interval = 3600.0
    assert analyzer.analyze("ogniwo", "pl") == ["cell"]  # not looked at yet: no query per call
    analyzer._watch.interval = 0.0
    assert analyzer.analyze("ogniwo", "pl") == ["batteri"]  # the stem of "battery"


def test_the_default_analyzer_reloads_when_a_language_is_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from techbridge.core.text import analysis, library

    monkeypatch.setattr(library, "lexicon_dir", lambda: tmp_path)
    monkeypatch.setattr(analysis, "_default", None)
    monkeypatch.setattr(analysis, "_default_watch", None)
    assert "pl" not in analysis.default_analyzer().lexicons
    _store_with(tmp_path, "cell")
    assert "pl" in analysis.default_analyzer().lexicons
    assert "cell" in analysis.analyze("ogniwo", "pl")


LANGS = {"cmn": "zh", "pol": "pl", "ces": "cs", "hun": "hu"}


def test_the_memo_changes_nothing_on_real_lexicons_and_sentences(shared_data: Path, tmp_path: Path) -> None:
    """Tatoeba sentences through the Wiktionary/OMW lexicons of the four target languages."""
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for iso3 in LANGS:
        for path in (shared_data / "lexicons").glob(f"{iso3}-eng.*.tsv"):
            (folder / path.name).symlink_to(path)
    lexicons = load_tsv_folder(folder, cedict=False)
    for settings in ({"function_words": True}, {}):
        plain = Analyzer(lexicons=lexicons, cache_size=0, **settings)  # type: ignore[arg-type]
        cached = Analyzer(lexicons=lexicons, **settings)  # type: ignore[arg-type]
        for iso3, lang in LANGS.items():
            lines = (shared_data / "tatoeba" / f"tatoeba.{iso3}-eng.{iso3}").read_text("utf-8").splitlines()
            sample = lines[:150] + lines[:150]  # each sentence twice: the repeat comes from the memo
            for line in sample:
                assert cached.analyze(line, lang) == plain.analyze(line, lang), line
                assert cached.weighted(line, lang) == plain.weighted(line, lang), line
            assert cached._word_caches[lang].cache_info().hits > 0  # type: ignore[attr-defined]


def _reference_scores(text: str) -> dict[str, float]:
    """Language cue scores computed the direct way (every letter and n-gram test per occurrence)."""
    from techbridge.core.text import detect

    words = [w.lower() for w in detect._WORD.findall(text)]
    cyrillic = any(detect._script(ch) == "cyrillic" for ch in text)
    scores = dict.fromkeys(
        [lang for lang in detect._ALPHABETS if (lang in ("bg", "mk", "sr")) == cyrillic], 0.0
    )
    for word in words:
        for char in set(word):
            if char.isascii():
                continue
            owners = [lang for lang in detect._LETTER_OWNERS.get(char, []) if lang in scores]
            for lang in scores:
                scores[lang] += (
                    detect._LETTER_WEIGHT / len(owners) if lang in owners else -detect._LETTER_WEIGHT
                )
        detect._vote(scores, detect._STOP_OWNERS.get(word, []), detect._STOP_WEIGHT)
        for ngram, owners in detect._NGRAM_OWNERS.items():
            if ngram in f"_{word}_":
                detect._vote(scores, owners, detect._NGRAM_WEIGHT)
    return scores


def test_memoised_language_cues_give_bit_identical_scores() -> None:
    from techbridge.core.text.detect import detect_language, language_scores

    texts = [text for text, _ in TEXTS] + [
        "Čistá voda " * 50,
        "Вода и хляб " * 30,
        "Gdje je moja kuća? Ovdje.",
    ]
    for text in texts * 2:
        assert language_scores(text) == _reference_scores(text), text
    assert detect_language("Nevím, kde je čistá voda a výzkum.") == "cs"
    assert detect_language("Napelemek kutatása és tiszta víz") == "hu"


def test_memoised_language_cues_on_real_sentences(shared_data: Path) -> None:
    from techbridge.core.text.detect import language_scores

    for path in sorted((shared_data / "tatoeba").glob("tatoeba.*-eng.*")):
        lines = path.read_text("utf-8").splitlines()
        long_text = " ".join(lines[:60])  # a profile-sized text as well as single sentences
        for text in lines[:40] + [long_text]:
            assert language_scores(text) == _reference_scores(text), (path.name, text)
