"""Text -> English-pivot index terms for every supported language, with provenance for explanations.

Module functions use one shared :class:`Analyzer` with the lexicons compiled into
``data_dir()/lexicons`` (CC-CEDICT is compiled there on first use of Chinese).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from techbridge.core.text.concepts import ConceptMatcher
from techbridge.core.text.detect import detect_language as _detect
from techbridge.core.text.glossary import Glossary
from techbridge.core.text.languages import normalize_language
from techbridge.core.text.stemming import english_key, english_keys, lemmatize, stem
from techbridge.core.text.stopwords import stop_words
from techbridge.core.text.store import LexiconStore, MemoryEntries, StoreWatch
from techbridge.core.text.tokenize import chinese_tokens, english_tokens, has_han, word_tokens
from techbridge.core.text.translate import Entries, Translation, Translator
from techbridge.core.text.translit import romanize

MAX_CHARS = 1_000_000
# Raised whenever a change of this code maps the same text onto other terms or weights (2: the near-synonyms
# of one dictionary sense share its weight; 3: Latin words in Chinese text are English; 4: a content word is
# not lemmatised into a function word, AI stays "ai"; 5: the senses of a split Chinese word are taken in turns
# from its pieces; 6: verbal nouns missing from a lexicon are read through their verbs, in 11 CEE languages;
# 7: compounds split into two headwords first, Slavic verbs read without their prefix). Indexes built by another
# version are rebuilt on first use.
ANALYSIS_VERSION = 7
CACHE_SIZE = 50_000  # memoised words per language (Analyzer(cache_size=0) analyses every word afresh)
# Mutually intelligible languages lend their lexicons for words missing from a language's own.
RELATED = {"bs": ("hr", "sr"), "hr": ("bs", "sr"), "sr": ("hr", "bs"), "sk": ("cs",), "cs": ("sk",),
           "mk": ("bg",), "bg": ("mk",)}  # fmt: skip
_TOKENIZERS = {"zh": chinese_tokens, "en": english_tokens}
# Czech and Slovak write verbal negation as a prefix ("nevím" = "I do not know").
_NEGATION_PREFIX = {"cs": "ne", "sk": "ne"}


class TextError(ValueError):
    """Text the analyzer refuses (too long, not a string)."""


@dataclass(frozen=True)
class Term:
    """One pivot term produced from one original word (``via``: glossary, lexicon, same, concept)."""

    term: str
    weight: float
    word: str
    gloss: str
    via: str


_WordEntry = tuple[tuple[Term, ...], tuple[str, ...]]  # a word's terms and its index terms
_INDEX_TERMS = itemgetter(1)


class Analyzer:
    """Analyse text of any supported language into English-pivot terms.

    ``lexicons`` maps a language code to its entries (a store view, or ``{word: glosses joined by
    lexicon.SEP}``); ``glossary`` maps a language code to ``{term: English term}`` and overrides
    the lexicons; ``taxonomy`` maps labels in any language to concept ids, emitted as ``tax:<id>``.
    ``function_words`` keeps and translates function words (for short-text retrieval, where IDF
    weighs them); ``identity_weight`` is the weight of a word kept as itself (names, numbers).
    """

    def __init__(
        self,
        lexicons: Mapping[str, Entries | dict[str, str]] | None = None,
        glossary: Mapping[str, Mapping[str, str]] | None = None,
        taxonomy: Mapping[str, str] | None = None,
        identity_weight: float = 0.5,
        function_words: bool = False,
        max_terms_per_word: int = 3,
        max_chars: int = MAX_CHARS,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.identity_weight = identity_weight
        self.function_words = function_words
        self.max_terms_per_word = max_terms_per_word
        self.max_chars = max_chars
        self.cache_size = cache_size
        self._translators: dict[str, Translator] = {}
        self._word_caches: dict[str, Callable[[str], _WordEntry]] = {}
        self._settings: tuple[float, bool, int, int, int] | None = None
        self.lexicons = lexicons or {}
        self.glossary = glossary or {}
        self.taxonomy = taxonomy or {}

    # Lexicons, glossary and taxonomy can be replaced on a live analyzer: every memo is dropped.
    # Entries kept in a compiled store are watched: `techbridge lexicon add|remove` (in any
    # process) drops them too. In-memory lexicons mutated in place need :meth:`clear_caches`.
    @property
    def lexicons(self) -> dict[str, Entries | dict[str, str]]:
        return self._lexicons

    @lexicons.setter
    def lexicons(self, lexicons: Mapping[str, Entries | dict[str, str]]) -> None:
        self._lexicons = dict(lexicons)
        stores = [
            store
            for e in self._lexicons.values()
            if isinstance(store := getattr(e, "store", None), LexiconStore)
        ]
        self._watch = StoreWatch(stores)
        self.clear_caches()

    @property
    def glossary(self) -> dict[str, dict[str, str]]:
        """A copy: assign a new glossary to change it."""
        return {lang: dict(terms) for lang, terms in self._glossary.entries.items()}

    @glossary.setter
    def glossary(self, glossary: Mapping[str, Mapping[str, str]]) -> None:
        self._glossary = Glossary(glossary)
        self.clear_caches()

    @property
    def taxonomy(self) -> dict[str, str]:
        """A copy: assign a new taxonomy to change it."""
        return dict(self._concepts.taxonomy)

    @taxonomy.setter
    def taxonomy(self, taxonomy: Mapping[str, str]) -> None:
        self._concepts = ConceptMatcher(taxonomy)
        self.clear_caches()

    def clear_caches(self) -> None:
        """Forget every memoised translation (after changing an in-memory lexicon in place)."""
        self._translators = {}
        self._word_caches = {}
        self._settings = None

    def _fresh(self) -> None:
        """Drop the memos when a setting or a watched lexicon store changed since they were filled."""
        settings = (
            self.identity_weight,
            self.function_words,
            self.max_terms_per_word,
            self.cache_size,
            len(self._lexicons),  # a language added to ``lexicons`` in place
        )
        if settings != self._settings or self._watch.changed():
            self.clear_caches()
            self._settings = settings

    def warm_up(self, langs: Iterable[str] | None = None) -> None:
        """Load lemmatisers and the Chinese segmenter now (seconds each) rather than on first use.

        Meant for a worker or server start; ``langs`` defaults to the languages with lexicons.
        """
        from techbridge.core.text.stemming import lemmatize

        for lang in langs if langs is not None else list(self.lexicons):
            code = normalize_language(lang)
            if code == "zh":
                chinese_tokens("预热")
            else:
                lemmatize("a", code)

    def translator(self, lang: str) -> Translator | None:
        if lang not in self._translators:
            entries = self.lexicons.get(lang)
            if entries is None or lang == "en":
                return None
            if isinstance(entries, dict):
                entries = MemoryEntries(lang, entries)
            related = tuple(
                MemoryEntries(other, found) if isinstance(found, dict) else found
                for other in RELATED.get(lang, ())
                if (found := self.lexicons.get(other)) is not None
            )
            self._translators[lang] = Translator(
                lang, entries, self.function_words, related=related, cache_size=4 * self.cache_size
            )
        return self._translators[lang]

    def language(self, text: str, lang: str | None) -> str:
        """``lang`` normalised (UnknownLanguageError if unsupported), or detected from ``text``."""
        return normalize_language(lang) if lang else _detect(text, vocabularies=self.lexicons)

    def terms(self, text: str, lang: str | None = None) -> list[Term]:
        """Every pivot term with weight and the original word that produced it, in text order."""
        return [term for group in self.groups(text, lang) for term in group]

    def groups(self, text: str, lang: str | None = None) -> list[list[Term]]:
        """Pivot terms grouped by the word (or concept label) that produced them, best first."""
        prepared = self._prepare(text, lang)
        if prepared is None:
            return []
        code, words, groups, spans = prepared
        cache = self._word_cache(code)
        position = 0
        while position < len(words):
            if position in spans:  # a glossary term overrides the lexicons for its words
                position, terms = spans[position]
                groups.append(terms)
                continue
            if cache is None:
                groups.append(self._word_terms(words[position], code))
            else:
                groups.append(list(cache(words[position])[0]))
            position += 1
        return [group for group in groups if group]

    def _prepare(
        self, text: str, lang: str | None
    ) -> tuple[str, list[str], list[list[Term]], dict[int, tuple[int, list[Term]]]] | None:
        """Checked text -> (language, words, concept groups, glossary spans by start); None if blank."""
        if not isinstance(text, str):
            raise TextError(f"text must be a string, got {type(text).__name__}")
        if len(text) > self.max_chars:
            raise TextError(f"text too long: {len(text)} characters, limit {self.max_chars}")
        if not text.strip():
            return None
        self._fresh()
        code = self.language(text, lang)
        self._glossary.prepare(code)  # before segmenting: Chinese terms join jieba's dictionary
        words = _TOKENIZERS.get(code, word_tokens)(text)
        groups = (
            [[term] for term in self._concepts.match(text, words, code)] if self._concepts.taxonomy else []
        )
        spans = (
            {start: (end, terms) for start, end, terms in self._glossary.spans(words, code)}
            if code in self._glossary.entries
            else {}
        )
        return code, words, groups, spans

    def _word_cache(self, lang: str) -> Callable[[str], _WordEntry] | None:
        """The memo of ``lang``: word -> (its terms, its index terms); None when caching is off.

        Per language and bounded (least recently used words go first), so memory stays flat
        however much text passes; profiles repeat their vocabulary, so most words are hits.
        """
        if self.cache_size <= 0:
            return None
        cache = self._word_caches.get(lang)
        if cache is None:

            def entry(word: str) -> _WordEntry:
                terms = tuple(self._word_terms(word, lang))
                return terms, tuple(self._index_terms(terms))

            cache = self._word_caches[lang] = lru_cache(maxsize=self.cache_size)(entry)
        return cache

    def _word_terms(self, word: str, lang: str) -> list[Term]:
        if lang == "zh" and not has_han(word):
            # Latin words in Chinese text are English (PEM, LNG, OPC UA, "for"): read as Chinese, they were split
            # into letters that CC-CEDICT knows as slang (P -> femme, A -> to steal, NG -> blooper)
            lang = "en"
        if not self.function_words and word in stop_words(lang):
            return []
        if lang == "en":
            return [Term(english_key(word), 1.0, word, word, "same")]
        translation = self._translate(word, lang)
        negated = self._negated(word, lang)
        if negated and not translation:
            translation = self._translate(word[len(_NEGATION_PREFIX[lang]) :], lang)
        ranked = sorted(translation.items(), key=lambda item: -item[1][0])
        terms = [Term(t, w, word, g, "lexicon") for t, (w, g) in ranked]
        if negated and translation and self.function_words:
            terms.append(Term("not", 1.0, word, "not", "lexicon"))
        # The word itself is kept too: names, numbers and cognates are shared strings.
        # Inflected names ("Tomowi", "Tominak") are reduced by the word's own stemmer first;
        # Greek and Cyrillic names are romanised ("Том" -> "tom").
        # Function words are not names: "to" (Czech "it") must not meet English "to".
        if not has_han(word) and self.identity_weight > 0 and word not in stop_words(lang):
            forms = (romanize(word), romanize(stem(word, lang)))
            for same in dict.fromkeys(english_keys(list(forms))):
                if same not in translation and len(same) > 1:
                    terms.append(Term(same, self.identity_weight, word, word, "same"))
        return terms

    def _negated(self, word: str, lang: str) -> bool:
        """Whether a Czech/Slovak word is a negated verb: the prefix goes away in the lemma."""
        prefix = _NEGATION_PREFIX.get(lang)
        if prefix is None or not word.startswith(prefix) or len(word) < len(prefix) + 3:
            return False
        if word.startswith("nej"):  # the Czech superlative ("nejlepší"), not a negation
            return False
        lemma = lemmatize(word, lang)
        if not lemma.startswith(prefix):
            return True
        # the lemmatiser kept the prefix: negated when only the bare word is known
        translator = self.translator(lang)
        bare = word[len(prefix) :]
        return bool(translator and not translator.lookup(word)[0] and translator.lookup(bare)[0])

    def _translate(self, word: str, lang: str) -> Translation:
        translator = self.translator(lang)
        if translator is None:
            return {}
        terms, _ = translator.lookup(word)
        if terms or lang != "zh" or len(word) < 2:
            return terms
        return _split_chinese(translator, word)

    def weighted(self, text: str, lang: str | None = None) -> dict[str, float]:
        """Pivot term -> summed weight (a bag of translations for vector-space scoring)."""
        bag: dict[str, float] = {}
        for term in self.terms(text, lang):
            bag[term.term] = bag.get(term.term, 0.0) + term.weight
        return bag

    def analyze(self, text: str, lang: str | None = None) -> list[str]:
        """Index terms: each word's best pivot terms (up to ``max_terms_per_word``), in text order."""
        prepared = self._prepare(text, lang)
        if prepared is None:
            return []
        code, words, groups, spans = prepared
        out: list[str] = []
        for group in groups:
            out.extend(self._index_terms(group))
        cache = self._word_cache(code)
        if cache is not None and not spans:  # the common case: one memo hit per word
            out.extend(chain.from_iterable(map(_INDEX_TERMS, map(cache, words))))
            return out
        position = 0
        while position < len(words):
            if position in spans:
                position, terms = spans[position]
                out.extend(self._index_terms(terms))
                continue
            if cache is None:
                out.extend(self._index_terms(self._word_terms(words[position], code)))
            else:
                out.extend(cache(words[position])[1])
            position += 1
        return out

    def _index_terms(self, group: Sequence[Term]) -> list[str]:
        """A group's best terms: up to ``max_terms_per_word``, each at least half the best weight."""
        if not group:
            return []
        top = group[0].weight
        return [t.term for t in group[: self.max_terms_per_word] if t.weight >= 0.5 * top]

    def analyze_fields(self, fields: Mapping[str, str], lang: str | None = None) -> dict[str, list[str]]:
        """:meth:`analyze` of each field; the language is detected once from all fields together."""
        code = self.language(" ".join(fields.values()), lang)
        return {name: self.analyze(value, code) for name, value in fields.items()}


def _split_chinese(translator: Translator, word: str) -> Translation:
    """Forward maximum matching of an out-of-vocabulary Chinese word into lexicon words.

    The pieces' senses are merged in turns (the best of each piece, then the second of each, ...), so that the
    few terms a word keeps in the index name every piece: in piece order, 储氢 kept store, heir and throne (all
    of 储) and lost hydrogen (氢)."""
    pieces: list[list[tuple[str, tuple[float, str]]]] = []
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + 4), start, -1):
            terms, _ = translator.lookup(word[start:end])
            if terms or end == start + 1:
                pieces.append(sorted(terms.items(), key=lambda item: -item[1][0]))
                start = end
                break
    merged: Translation = {}
    for rank in range(max((len(piece) for piece in pieces), default=0)):
        for piece in pieces:
            if rank < len(piece):
                term, (weight, shown) = piece[rank]
                merged[term] = (merged.get(term, (0.0, shown))[0] + weight, shown)
    return merged


_default: Analyzer | None = None
_default_watch: StoreWatch | None = None
_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The shared analyzer over the lexicons in ``data_dir()/lexicons``.

    Loaded once, and again after a lexicon source is added or removed (by any process), so a new
    language is picked up and no translation memoised from the old entries survives.
    """
    global _default, _default_watch
    with _lock:
        if _default is not None and _default_watch is not None and _default_watch.changed():
            _default = None
        if _default is None:
            from techbridge.core.text.lexicon import LexiconError
            from techbridge.core.text.library import load_lexicons, open_store

            _default_watch = StoreWatch([open_store()])
            try:
                lexicons = load_lexicons()
            except LexiconError as exc:  # a damaged store must not stop indexing: English still works
                logging.getLogger(__name__).error("lexicons unavailable: %s", exc)
                lexicons = {}
            _default = Analyzer(lexicons=lexicons)
        return _default


def analyze(text: str, lang: str | None = None) -> list[str]:
    """English-pivot index terms (stems) of ``text``; ``lang`` is detected when None."""
    return default_analyzer().analyze(text, lang)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` (``en`` when it has no letters).

    Uses the lexicons of the data directory as vocabularies where there are any.
    """
    return _detect(text, vocabularies=default_analyzer().lexicons)
