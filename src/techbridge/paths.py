"""Where the platform keeps its files: one data directory (database, uploads, indexes, lexicons)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The data directory: $TECHBRIDGE_DATA_DIR, else ./var under the current directory; created on use."""
    path = Path(os.environ.get("TECHBRIDGE_DATA_DIR") or Path.cwd() / "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_data_dir() -> Path | None:
    """The real datasets folder (../shared/data beside the checkout), or None where it is absent."""
    override = os.environ.get("TECHBRIDGE_SHARED_DATA")
    candidates = [Path(override)] if override else []
    repo_root = Path(__file__).resolve().parents[2]
    candidates += [repo_root.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None
