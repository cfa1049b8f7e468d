"""Operations commands: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from techbridge.commands.platform import django_setup


def register(commands, bench) -> None:
    p = commands.add_parser("backup", help="back up the database and the data files into one archive")
    p.add_argument("out", type=Path, help="archive to write, e.g. backups/techbridge-2026-11-21.tar.gz")
    p.set_defaults(func=cmd_backup)
    p = commands.add_parser("restore", help="restore a backup archive (replaces the current data)")
    p.add_argument("archive", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_restore)
    p = commands.add_parser("check", help="refuse an unsafe production configuration")
    p.set_defaults(func=cmd_check)


def cmd_backup(args: argparse.Namespace) -> int:
    django_setup()
    from techbridge.cli import CommandError
    from techbridge.ops.backup import BackupError, backup_create

    try:
        manifest = backup_create(args.out)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"backup written to {args.out}: {manifest['engine']} database and {len(manifest['files'])} files")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    django_setup()
    import sys

    from techbridge.cli import CommandError
    from techbridge.ops.backup import BackupError, backup_restore

    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("restore replaces all current data: pass --yes to confirm")
        if input("Restore replaces all current data. Type 'restore' to go on: ").strip() != "restore":
            raise CommandError("not restored")
    try:
        manifest = backup_restore(args.archive)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"restored the backup of {manifest['created']} ({len(manifest['files'])} files)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    django_setup()
    from techbridge.ops.checks import database_problems, production_problems

    in_database, warnings = database_problems()
    problems = production_problems() + in_database
    for problem in problems:
        print(f"unsafe: {problem}")
    for warning in warnings:
        print(f"warning: {warning}")
    if problems:
        return 1
    print("the configuration is safe for production")
    return 0
