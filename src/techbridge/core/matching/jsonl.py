"""Read profiles from JSON Lines: one object per line with ``id``, ``text`` and optional fields.

Every problem is reported with its line number instead of stopping the whole file, so the caller
decides to skip or stop (the ``--on-error`` option of ``techbridge match``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from techbridge.core.matching.documents import MatchDocument, MatchingError

MAX_LINE_CHARS = 200_000


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def parse_lines(lines: Iterable[str], max_chars: int = MAX_LINE_CHARS) -> Iterator[MatchDocument | LineError]:
    """Documents in order, or a LineError for each malformed line; blank lines are skipped."""
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > max_chars:
            yield LineError(number, f"line has {len(line)} characters, limit {max_chars}")
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield LineError(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        result = _document(number, data, seen)
        if isinstance(result, MatchDocument):
            seen.add(result.id)
        yield result


def _document(number: int, data: object, seen: set[str]) -> MatchDocument | LineError:
    if not isinstance(data, dict):
        return LineError(number, f"expected a JSON object, got {type(data).__name__}")
    if "id" not in data or data["id"] in (None, ""):
        return LineError(number, "missing field 'id'")
    if not isinstance(data["id"], str | int):
        return LineError(number, "field 'id' must be a string or an integer")
    for name in ("text", "title", "summary", "lang", "country", "kind"):
        if name in data and data[name] is not None and not isinstance(data[name], str):
            return LineError(number, f"field {name!r} must be a string")
    if "keywords" in data and not isinstance(data["keywords"], str | list):
        return LineError(number, "field 'keywords' must be a list of strings or a string")
    if str(data["id"]) in seen:
        return LineError(number, f"duplicate id {data['id']!r}")
    try:
        return MatchDocument.from_dict({k: v for k, v in data.items() if v is not None})
    except (MatchingError, TypeError, ValueError) as exc:
        return LineError(number, str(exc))
