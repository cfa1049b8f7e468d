"""Backup and restore of the whole platform: the database and the data directory's files, together.

An archive is a .tar.gz holding ``manifest.json``, the database (``database.sqlite3`` from SQLite's online
backup API, or ``database.pgdump`` from pg_dump, both consistent while the platform runs) and ``files/``
(uploads, lexicons; the match indexes are rebuilt, not archived).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from techbridge import __version__

FILE_FOLDERS = ("uploads", "lexicons")
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = [
        "--host",
        db.get("HOST") or "127.0.0.1",
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        db.get("USER") or "postgres",
    ]
    return args, env


def _run(cmd: list[str], env: dict) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {done.stderr.strip()[:500]}")


def _dump_database(workdir: Path) -> str:
    if _engine() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(workdir / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
        return "database.sqlite3"
    args, env = _pg_env()
    name = connection.settings_dict["NAME"]
    _run(
        ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(workdir / "database.pgdump"), name],
        env,
    )
    return "database.pgdump"


def backup_create(out: Path, *, data_dir: Path | None = None) -> dict:
    """Write a backup archive to `out`; returns the manifest."""
    data_dir = Path(data_dir or settings.DATA_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        database = _dump_database(work)
        files = []
        for folder in FILE_FOLDERS:
            source = data_dir / folder
            if source.is_dir():
                shutil.copytree(source, work / "files" / folder)
                files += [
                    str(p.relative_to(work / "files"))
                    for p in (work / "files" / folder).rglob("*")
                    if p.is_file()
                ]
        manifest = {
            "format": FORMAT,
            "techbridge": __version__,
            "engine": connection.vendor,
            "database": database,
            "files": sorted(files),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        out.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(out, "w:gz") as archive:
            for item in sorted(work.iterdir()):
                archive.add(item, arcname=item.name)
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for m in members:
        if m.name.startswith("/") or ".." in Path(m.name).parts or m.issym() or m.islnk():
            raise BackupError(f"refusing an unsafe path in the archive: {m.name}")
    return members


def backup_restore(archive_path: Path, *, data_dir: Path | None = None) -> dict:
    """Replace the database content and the data files with those of the archive; returns its manifest."""
    data_dir = Path(data_dir or settings.DATA_DIR)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path}: no such backup file")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(work, members=_safe_members(archive), filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{archive_path}: not a TechBridge backup ({exc})") from None
        manifest_file = work / "manifest.json"
        if not manifest_file.exists():
            raise BackupError(f"{archive_path}: no manifest.json, not a TechBridge backup")
        manifest = json.loads(manifest_file.read_text())
        if manifest.get("engine") != _engine():
            raise BackupError(
                f"the backup is of a {manifest.get('engine')} database; this platform runs on "
                f"{connection.vendor}: export and import instead"
            )
        _restore_database(work / manifest["database"])
        for folder in FILE_FOLDERS:
            target = data_dir / folder
            if target.exists():
                shutil.rmtree(target)
            if (work / "files" / folder).is_dir():
                shutil.copytree(work / "files" / folder, target)
    shutil.rmtree(data_dir / "index", ignore_errors=True)  # rebuilt from the restored database on use
    return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        with source:
            source.backup(connection.connection)
        source.close()
        return
    args, env = _pg_env()
    name = connection.settings_dict["NAME"]
    connection.close()  # pg_restore needs the tables free of this process's locks
    _run(
        [
            "pg_restore",
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            name,
            str(dump),
        ],
        env,
    )
