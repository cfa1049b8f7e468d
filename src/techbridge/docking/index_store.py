"""The match indexes on disk: a full base plus a journal of the changes made since, shared by every process.

A profile published, edited or withdrawn used to save the whole index (about 5 s at 100,000 profiles), and
every other serving process then loaded it whole again, holding its engine lock meanwhile: each change stalled
every web worker's match lists for seconds. Now a change appends one line to a journal, and the other
processes replay the lines they have not seen (a few milliseconds each). A full base is written when the
journal grows long, and on a rebuild.

Layout under ``<data dir>/index/<name>/``:

- ``CURRENT``: the name of the current base, replaced atomically (a reader never sees half a base);
- ``v<stamp>/``: a base, as :mod:`techbridge.core.matching.store` writes it, plus ``TEXT_STATE``, the
  lexicon and glossary state its texts were analysed with;
- ``v<stamp>.journal``: the changes after that base, one JSON object per line, appended under a lock.

Writers (changes, rebuilds, compactions) hold an exclusive ``flock`` on ``<name>.lock``. Readers take no
lock: they read CURRENT and only the complete lines of a journal.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from techbridge.core.matching import MatchDocument, MatchIndex

COMPACT_AFTER = 200  # journal lines after which a change writes a new full base
KEEP_BASES = 2  # the current base and the one before it (a reader may still be loading it)


class IndexStore:
    """Bases and journals of one named index in ``root`` (``<data dir>/index/<name>``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # -- reading ---------------------------------------------------------------------------------
    def current(self) -> str | None:
        """The current base's name, or None when there is none yet."""
        try:
            return (self.root / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def base(self, version: str) -> Path:
        return self.root / version

    def text_state(self, version: str) -> str:
        path = self.base(version) / "TEXT_STATE"
        return path.read_text() if path.exists() else ""

    def load(self, version: str, analyzer) -> MatchIndex:
        return MatchIndex.load(self.base(version), analyzer=analyzer)

    def journal(self, version: str) -> Path:
        return self.root / f"{version}.journal"

    def read_journal(self, version: str, offset: int) -> tuple[list[dict], int]:
        """The complete journal lines after byte ``offset`` and the offset after the last of them."""
        try:
            with self.journal(version).open("rb") as f:
                f.seek(offset)
                data = f.read()
        except FileNotFoundError:
            return [], offset
        end = data.rfind(b"\n") + 1  # a line still being written is read next time
        lines = data[:end].splitlines()
        return [json.loads(line) for line in lines if line.strip()], offset + end

    def journal_size(self, version: str) -> int:
        try:
            return self.journal(version).stat().st_size
        except FileNotFoundError:
            return 0

    # -- writing (under writer_lock) ---------------------------------------------------------------
    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """One writer at a time, across processes (an exclusive flock on ``<name>.lock``)."""
        self.root.parent.mkdir(parents=True, exist_ok=True)
        with open(self.root.parent / f"{self.root.name}.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def save_base(self, index: MatchIndex, text_state: str) -> str:
        """Write ``index`` as a new base, make it current, drop bases older than the previous one."""
        self.root.mkdir(parents=True, exist_ok=True)
        version = f"v{time.time():.6f}"
        while self.base(version).exists():  # two saves within a microsecond
            version = f"v{time.time():.6f}"
        index.save(self.base(version))
        (self.base(version) / "TEXT_STATE").write_text(text_state)
        pointer = self.root / "CURRENT.tmp"
        pointer.write_text(version)
        os.replace(pointer, self.root / "CURRENT")
        self._prune()
        return version

    def append(self, version: str, entry: dict) -> int:
        """Append one change to the journal of base ``version``; returns the journal's new size."""
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
        fd = os.open(self.journal(version), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        return self.journal_size(version)

    def journal_lines(self, version: str) -> int:
        try:
            with self.journal(version).open("rb") as f:
                return sum(1 for _line in f)
        except FileNotFoundError:
            return 0

    def _prune(self) -> None:
        bases = sorted(
            (p for p in self.root.glob("v*") if p.is_dir()), key=lambda p: float(p.name[1:]), reverse=True
        )
        for old in bases[KEEP_BASES:]:
            shutil.rmtree(old, ignore_errors=True)
            self.journal(old.name).unlink(missing_ok=True)

    def adopt_legacy(self) -> None:
        """An index saved by an earlier version (the base files directly in the folder) becomes a base.
        Takes the writer lock: call it without holding it."""
        if not (self.root / "manifest.json").exists() or (self.root / "CURRENT").exists():
            return
        with self.writer_lock():
            if not (self.root / "manifest.json").exists() or (self.root / "CURRENT").exists():
                return
            version = f"v{time.time():.6f}"
            self.base(version).mkdir()
            for item in list(self.root.iterdir()):
                if item.name not in (version, "VERSION") and not item.name.endswith(".lock"):
                    item.rename(self.base(version) / item.name)
            (self.root / "VERSION").unlink(missing_ok=True)
            (self.root / "CURRENT").write_text(version)


def replay(index: MatchIndex, entries: list[dict]) -> None:
    """Apply journal entries to ``index`` in order (an add replaces a document with the same id)."""
    for entry in entries:
        if entry["op"] == "add":
            index.add(MatchDocument.from_dict(entry["doc"]))
        elif entry["op"] == "remove" and entry["id"] in index:
            index.remove(entry["id"])


def add_entry(doc: MatchDocument) -> dict:
    return {"op": "add", "doc": doc.to_dict()}


def remove_entry(doc_id: str) -> dict:
    return {"op": "remove", "id": doc_id}
