"""Multilingual text analysis with an English pivot: language identification, segmentation,
stemming/lemmatisation, bilingual lexicons, glossary and taxonomy concepts. No model downloads.

Public API (stable; :mod:`techbridge.core.matching` builds on it)::

    from techbridge.core.text.analysis import analyze, detect_language, Analyzer, Term

    analyze(text, lang=None) -> list[str]
        English-pivot index terms (English Snowball stems, plus ``tax:<id>`` concept tokens) for
        text in any supported language; ``lang`` (ISO 639-1/639-3 or a locale tag) is detected
        when None. Uses the lexicons compiled into ``data_dir()/lexicons`` (CC-CEDICT is compiled
        there on first use, so Chinese works out of the box). Stop words are dropped.
    detect_language(text) -> str
        ISO 639-1 code: zh en pl cs sk hu ro bg hr sr bs sl el et lv lt mk sq de ("en" when the
        text has no letters).

    Analyzer(lexicons=None, glossary=None, taxonomy=None, identity_weight=0.5,
             function_words=False, max_terms_per_word=3, max_chars=1_000_000, cache_size=50_000)
        lexicons: {lang: store view or {word: glosses joined by lexicon.SEP}}
                  (``library.load_lexicons()`` for the data directory,
                  ``library.load_tsv_folder(dir)`` for a folder of TSV files)
        glossary: {lang: {term: English term}}   brokers' domain glossary, overrides lexicons
        taxonomy: {label in any language: concept id}   -> ``tax:<concept id>`` tokens
      .analyze(text, lang=None) -> list[str]            each word's best terms, in text order
      .weighted(text, lang=None) -> dict[str, float]    term -> summed translation weight
      .terms(text, lang=None) -> list[Term]             with provenance for explanations
      .groups(text, lang=None) -> list[list[Term]]      terms grouped per original word
      .analyze_fields({field: text}, lang=None) -> {field: list[str]}
      .language(text, lang) -> str                      normalised or detected code
      .clear_caches()                                   forget memoised word translations
        Each word's terms are memoised per language (LRU, ``cache_size`` words; 0 = off), with
        output identical to analysing afresh. Assigning ``lexicons``/``glossary``/``taxonomy``,
        changing a setting, or writing the compiled lexicon store (any process) drops the memo;
        in-memory lexicon dicts edited in place need ``clear_caches()``.
    Term(term, weight, word, gloss, via): ``word`` is the original word, ``gloss`` the English
        word shown to a viewer, ``via`` one of "lexicon", "glossary", "same", "concept".

Errors: ``analysis.TextError`` (not a string, over ``max_chars``), ``languages.UnknownLanguageError``,
``lexicon.LexiconError`` (missing/malformed lexicon file, message names file and line); all are
ValueError subclasses. Empty text gives ``[]``.

Modules: languages, stopwords, detect, tokenize (jieba, lazy; traditional -> simplified),
stemming (PyStemmer, simplemma; English pivot key = stem of lemma), translit (Greek/Cyrillic
names), glosses (gloss cleaning and weighting), lexicon (TSV), freedict (dictd), store (SQLite),
library (data directory, CC-CEDICT), translate (lookup with lemma/stem/compound fallbacks),
glossary (brokers' terms, multi-word), concepts (taxonomy), analysis, crosslingual (benchmark:
TF-IDF + CSLS). Results: docs/benchmarks/text.md.

Lexicon administration: ``techbridge lexicon add FILE [--lang XX] [--source NAME]`` (TSV, FreeDict
``.index``/``.dict.dz``, a Debian package name such as ``dict-freedict-pol-eng``, or ``cedict``),
``techbridge lexicon list``, ``techbridge lexicon remove XX [--source NAME]``; compiled into
``data_dir()/lexicons/lexicons.sqlite3``.
"""
