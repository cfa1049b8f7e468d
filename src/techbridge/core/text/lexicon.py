"""Bilingual lexicons to English: read TSV, FreeDict (dictd) and CC-CEDICT, store compactly, look up.

Glosses of one word are kept as one string joined by a unit separator (``SEP``): compact, and
parsed lazily on lookup. Compiled lexicons live in :mod:`techbridge.core.text.store`.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from techbridge.core.text.languages import normalize_language

SEP = "\x1f"
MAX_KEY_CHARS = 80


class LexiconError(ValueError):
    """A missing, unreadable or malformed lexicon file (the message names file and line)."""


@dataclass
class Lexicon:
    """Word -> English glosses of one language from one source."""

    lang: str
    source: str
    entries: dict[str, list[str]] = field(default_factory=dict)

    def add(self, word: str, gloss: str) -> None:
        word, gloss = word.strip().lower(), gloss.strip()
        if word and gloss and len(word) <= MAX_KEY_CHARS:
            glosses = self.entries.setdefault(word, [])
            if gloss not in glosses:
                glosses.append(gloss)

    @property
    def pairs(self) -> int:
        return sum(len(glosses) for glosses in self.entries.values())


def read_tsv(path: Path, lang: str, source: str, max_bad: int = 100) -> tuple[Lexicon, list[str]]:
    """Read ``word<TAB>English gloss`` lines; returns the lexicon and warnings naming bad line numbers.

    Blank lines and ``#`` comments are skipped. Raises LexiconError if the file is missing or
    unreadable, or if more than ``max_bad`` lines (or every line) are malformed.
    """
    lexicon, warnings = Lexicon(normalize_language(lang), source), []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            warnings.append(f"{path.name}:{number}: expected 'word<TAB>English gloss', got {line[:60]!r}")
            if len(warnings) > max_bad:
                raise LexiconError(f"{path}: too many malformed lines; first: {warnings[0]}")
            continue
        lexicon.add(parts[0], parts[1])
    if not lexicon.entries:
        detail = f"; first problem: {warnings[0]}" if warnings else ""
        raise LexiconError(f"{path}: no 'word<TAB>English gloss' pairs found{detail}")
    return lexicon, warnings


def _lines(path: Path) -> Iterator[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            yield from handle
    except FileNotFoundError as exc:
        raise LexiconError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise LexiconError(f"{path}: is a directory, expected a file") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})") from exc


def merge_glosses(parts: Iterable[dict[str, str]]) -> dict[str, str]:
    """Union of several compiled entry dicts (glosses of a shared word concatenated)."""
    merged: dict[str, str] = {}
    for entries in parts:
        if not merged:
            merged = dict(entries)
            continue
        for word, glosses in entries.items():
            have = merged.get(word)
            merged[word] = glosses if have is None else have + SEP + glosses
    return merged


def open_text(path: Path) -> Iterator[str]:
    """Lines of a text file that may be gzip-compressed (dictd .dz is gzip-compatible)."""
    opener = gzip.open if path.suffix in (".dz", ".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            yield from handle
    except FileNotFoundError as exc:
        raise LexiconError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise LexiconError(f"{path}: cannot read ({exc})") from exc
