"""Compiled lexicons in one SQLite file: opening is instant, lookups are indexed, memory stays flat.

Table ``entries(lang, source, word, stem, glosses)``: ``stem`` is the headword's stem key
(:func:`stem_key`) for the inflection fallback; glosses of one word are joined by ``SEP``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from techbridge.core.text.lexicon import SEP, Lexicon, LexiconError
from techbridge.core.text.stemming import stem_words

_ENGLISH_WORD = re.compile(r"[a-z]{2,}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (lang TEXT, source TEXT, word TEXT, stem TEXT, glosses TEXT);
CREATE INDEX IF NOT EXISTS entries_word ON entries (lang, word);
CREATE INDEX IF NOT EXISTS entries_stem ON entries (lang, stem);
CREATE TABLE IF NOT EXISTS english (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (lang TEXT, source TEXT, words INTEGER, pairs INTEGER,
                                    PRIMARY KEY (lang, source));
CREATE TABLE IF NOT EXISTS generation (n INTEGER NOT NULL);
"""
_writes = 0  # lexicon writes made by this process, to any store (a cheap "may have changed" signal)


def local_writes() -> int:
    """How many times this process has added or removed lexicon sources (any store)."""
    return _writes


def stem_keys(words: list[str], lang: str) -> list[str]:
    """Keys for the inflection fallback: Snowball stems, or a prefix where no stemmer exists."""
    return [
        word[: max(5, len(word) - 3)] if key == word and len(word) > 6 else key
        for word, key in zip(words, stem_words(words, lang), strict=True)
    ]


@dataclass(frozen=True)
class StoredLexicon:
    """One compiled source: language, source name, number of words and of translations."""

    lang: str
    source: str
    words: int
    pairs: int


class LexiconStore:
    """The SQLite lexicon library at ``path`` (created on first write)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        # a forked process (MatchIndex.add_many workers) must not share its parent's connection
        if db is None or self._local.pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                db = sqlite3.connect(self.path)
                # WAL: server processes keep reading while `lexicon add` writes; the store can be
                # rebuilt from its sources, so NORMAL sync is durable enough
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.executescript(_SCHEMA)
            except sqlite3.DatabaseError as exc:
                raise LexiconError(f"{self.path}: not a lexicon database ({exc})") from exc
            self._local.db, self._local.pid = db, os.getpid()
        return db

    def version(self) -> int:
        """A number that changes whenever any process adds or removes a source (0 without a store).

        Analyzers compare it to drop the translations they memoised from older entries.
        """
        if not self.path.exists():
            return 0
        row = self._db().execute("SELECT n FROM generation").fetchone()
        return 0 if row is None else int(row[0])

    def _changed(self) -> None:
        """Count a write, inside the writing transaction."""
        global _writes
        if not self._db().execute("UPDATE generation SET n = n + 1").rowcount:
            self._db().execute("INSERT INTO generation VALUES (1)")
        _writes += 1

    def add(self, lexicon: Lexicon) -> StoredLexicon:
        """Store ``lexicon``, replacing an earlier source of the same language and name."""
        words = list(lexicon.entries)
        rows = zip(words, stem_keys(words, lexicon.lang), strict=True)
        db = self._db()
        with db:
            self._changed()
            self._delete(lexicon.lang, lexicon.source)
            db.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
                ((lexicon.lang, lexicon.source, w, s, SEP.join(lexicon.entries[w])) for w, s in rows),
            )
            db.executemany("INSERT OR IGNORE INTO english VALUES (?)", _english_words(lexicon))
            item = StoredLexicon(lexicon.lang, lexicon.source, len(words), lexicon.pairs)
            db.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?)", (item.lang, item.source, item.words, item.pairs)
            )
        return item

    def _delete(self, lang: str, source: str) -> None:
        self._db().execute("DELETE FROM entries WHERE lang = ? AND source = ?", (lang, source))
        self._db().execute("DELETE FROM sources WHERE lang = ? AND source = ?", (lang, source))

    def sources(self) -> list[StoredLexicon]:
        """Every compiled source, sorted by language and name."""
        if not self.path.exists():
            return []
        rows = self._db().execute("SELECT lang, source, words, pairs FROM sources ORDER BY lang, source")
        return [StoredLexicon(*row) for row in rows]

    def remove(self, lang: str, source: str | None = None) -> list[StoredLexicon]:
        """Delete the sources of ``lang`` (only ``source`` when given); returns those removed."""
        gone = [s for s in self.sources() if s.lang == lang and source in (None, s.source)]
        with self._db():
            if gone:
                self._changed()
            for item in gone:
                self._delete(item.lang, item.source)
        return gone

    def entries(self, lang: str) -> StoredEntries:
        return StoredEntries(self, lang)

    def get(self, lang: str, word: str) -> str | None:
        if lang == "en":  # the English vocabulary of all glosses (for language identification)
            row = self._db().execute("SELECT 1 FROM english WHERE word = ?", (word,)).fetchone()
            return None if row is None else word
        rows = self._db().execute("SELECT glosses FROM entries WHERE lang = ? AND word = ?", (lang, word))
        found = [row[0] for row in rows]
        return SEP.join(found) if found else None

    def by_stem(self, lang: str, key: str) -> str | None:
        row = (
            self._db()
            .execute(
                "SELECT word FROM entries WHERE lang = ? AND stem = ? ORDER BY length(word), word LIMIT 1",
                (lang, key),
            )
            .fetchone()
        )
        return None if row is None else str(row[0])


def _english_words(lexicon: Lexicon) -> Iterator[tuple[str]]:
    seen: set[str] = set()
    for glosses in lexicon.entries.values():
        for gloss in glosses:
            for word in _ENGLISH_WORD.findall(gloss.lower()):
                if word not in seen:
                    seen.add(word)
                    yield (word,)


@dataclass(frozen=True)
class StoredEntries:
    """One language's view of the store with the lookups a translator needs."""

    store: LexiconStore
    lang: str

    def get(self, word: str) -> str | None:
        return self.store.get(self.lang, word)

    def by_stem(self, key: str) -> str | None:
        return self.store.by_stem(self.lang, key)


class StoreWatch:
    """Tells whether any of ``stores`` changed since the last call that answered True (or creation).

    Writes of this process are seen at once; writes of other processes (``techbridge lexicon add``
    while a server runs) within ``interval`` seconds, so the check costs nothing per call.
    """

    def __init__(self, stores: list[LexiconStore], interval: float = 1.0) -> None:
        self.stores = list({id(store): store for store in stores}.values())
        self.interval = interval
        self._versions = self._read()
        self._writes = _writes
        self._checked = time.monotonic()

    def _read(self) -> tuple[int, ...]:
        versions = []
        for store in self.stores:
            try:
                versions.append(store.version())
            except (LexiconError, sqlite3.Error):  # a damaged store: reported where it is loaded
                versions.append(-1)
        return tuple(versions)

    def changed(self) -> bool:
        if not self.stores:
            return False
        now = time.monotonic()
        if self._writes == _writes and now - self._checked < self.interval:
            return False
        self._writes, self._checked = _writes, now
        versions = self._read()
        if versions == self._versions:
            return False
        self._versions = versions
        return True


class EnglishWords:
    """The English words of a set of in-memory lexicons' glosses (a vocabulary for detection)."""

    def __init__(self, words: set[str]) -> None:
        self.words = words

    def get(self, word: str) -> str | None:
        return word if word in self.words else None

    def by_stem(self, key: str) -> str | None:
        return None


class MemoryEntries:
    """In-memory ``{word: glosses}`` with the same lookups (lexicons read straight from files)."""

    def __init__(self, lang: str, entries: dict[str, str]) -> None:
        self.lang = lang
        self.entries = entries
        self._stems: dict[str, str] | None = None

    def get(self, word: str) -> str | None:
        return self.entries.get(word)

    def by_stem(self, key: str) -> str | None:
        if self._stems is None:
            words = [w for w in self.entries if " " not in w]
            index: dict[str, str] = {}
            for word, stem in zip(words, stem_keys(words, self.lang), strict=True):
                if stem not in index or (len(word), word) < (len(index[stem]), index[stem]):
                    index[stem] = word
            self._stems = index
        return self._stems.get(key)
