"""Reader of FreeDict dictionaries in dictd format (``.index`` + ``.dict``/``.dict.dz``).

dictd format (RFC 2229 servers' storage): each index line is ``headword<TAB>offset<TAB>length``
with offset and length in dictd's base64 digits; the entry is that byte slice of the dictionary
file, which is dictzip (gzip-compatible) when it ends in ``.dz``.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from techbridge.core.text.lexicon import Lexicon, LexiconError, open_text

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_DIGIT = {ch: i for i, ch in enumerate(_B64)}
_NUMBERING = re.compile(r"^\s*(?:\d+\.|[a-z]\)|\*)\s*")
_SKIP_LINE = re.compile(r'^\s*(?:"|note:|see:|see also|synonyms?:|antonyms?:|example|\[)', re.I)
DICTD_DIR = Path("/usr/share/dictd")


def decode_number(digits: str) -> int:
    """A dictd base64 number (``"B"`` is 1, ``"BA"`` is 64)."""
    value = 0
    for char in digits:
        if char not in _DIGIT:
            raise ValueError(f"not a dictd base64 number: {digits!r}")
        value = value * 64 + _DIGIT[char]
    return value


def find_files(path: Path) -> tuple[Path, Path]:
    """The ``.index`` and ``.dict[.dz]`` pair for an index, a dict file, or a Debian package name."""
    if not path.exists() and path.name.startswith("dict-freedict-"):
        path = DICTD_DIR / path.name.removeprefix("dict-")
    stem = str(path)
    for suffix in (".index", ".dict.dz", ".dict"):
        stem = stem.removesuffix(suffix)
    index = Path(stem + ".index")
    for data in (Path(stem + ".dict.dz"), Path(stem + ".dict")):
        if index.is_file() and data.is_file():
            return index, data
    raise LexiconError(
        f"{path}: no FreeDict dictionary there (need {index.name} and {Path(stem).name}.dict[.dz];"
        f" Debian packages dict-freedict-XXX-eng install them under {DICTD_DIR})"
    )


def read_freedict(path: Path, lang: str, source: str = "freedict") -> tuple[Lexicon, list[str]]:
    """Headword -> English translations of a FreeDict dictionary; warnings name bad index lines."""
    index, data_path = find_files(path)
    try:
        data = (
            gzip.decompress(data_path.read_bytes()) if data_path.suffix == ".dz" else data_path.read_bytes()
        )
    except (OSError, EOFError) as exc:
        raise LexiconError(f"{data_path}: cannot read ({exc})") from exc
    lexicon, warnings = Lexicon(lang, source), []
    for number, line in enumerate(open_text(index), start=1):
        parts = line.rstrip("\n").split("\t")
        try:
            headword, offset, length = parts[0], decode_number(parts[1]), decode_number(parts[2])
        except (IndexError, ValueError):
            warnings.append(f"{index.name}:{number}: expected 'headword<TAB>offset<TAB>length'")
            continue
        if headword.startswith("00database") or headword.startswith("00-database"):
            continue
        entry = data[offset : offset + length].decode("utf-8", errors="replace")
        for gloss in entry_glosses(entry):
            lexicon.add(headword, gloss)
    if not lexicon.entries:
        raise LexiconError(f"{index}: no entries could be read" + (f"; {warnings[0]}" if warnings else ""))
    return lexicon, warnings


def entry_glosses(entry: str) -> list[str]:
    """English translations in one dictd entry: lines after the headword line, split on , and ;.

    Reading stops at a parenthesised line: FreeDict puts source-language definitions there.
    """
    glosses = []
    for line in entry.splitlines()[1:]:
        if line.lstrip().startswith("("):  # a definition in the source language follows: stop
            break
        if not line.strip() or _SKIP_LINE.match(line):
            continue
        line = _NUMBERING.sub("", line)
        line = re.sub(r"<[^>]*>|/[^/]*/", " ", line)
        for piece in re.split(r"[;,]", line):
            piece = piece.strip(" .\t")
            # English glosses are (nearly) ASCII; source-language notes are not
            if piece and len(piece) < 60 and sum(not c.isascii() for c in piece) <= 1:
                glosses.append(piece)
    return glosses
