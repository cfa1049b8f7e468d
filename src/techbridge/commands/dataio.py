"""`techbridge import` and `techbridge export`: files in and out of the platform (Django is set up on use)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

IMPORT_KINDS = ("organisations", "people", "profiles", "cordis-projects")
EXPORT_KINDS = ("profiles", "organisations", "people", "countries")


def register(commands, bench) -> None:
    p = commands.add_parser(
        "import",
        help="import organisations, people, profiles or CORDIS projects from a file",
        description="Import a CSV, XLSX or JSON file. Every row is checked; all rows are "
        "saved together or, on any error, none (exit code 1).",
    )
    p.add_argument("kind", choices=IMPORT_KINDS, metavar="KIND", help=", ".join(IMPORT_KINDS))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check every row and save nothing")
    p.add_argument(
        "--mode",
        choices=["create", "upsert"],
        default="create",
        help="create: an existing key is an error; upsert: it is updated (default create)",
    )
    p.add_argument(
        "--status",
        choices=["draft", "published"],
        default="draft",
        help="status of imported profiles (published: brokers only; CORDIS projects are published)",
    )
    p.add_argument("--format", choices=["csv", "xlsx", "json"], help="default: from the file's extension")
    p.add_argument(
        "--as",
        dest="username",
        metavar="USERNAME",
        help="the user who imports (needed for profiles and CORDIS projects)",
    )
    p.add_argument(
        "--organisations",
        type=Path,
        metavar="FILE",
        help="cordis-projects: the CORDIS organisations file (organization.json or .csv)",
    )
    p.set_defaults(func=cmd_import)

    p = commands.add_parser(
        "export", help="export a list (profiles, organisations, people, countries) as CSV/XLSX"
    )
    p.add_argument("kind", choices=EXPORT_KINDS, metavar="KIND", help=", ".join(EXPORT_KINDS))
    p.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a filter of the list page, e.g. --filter country=PL --filter kind=offer (repeatable)",
    )
    p.add_argument(
        "--as",
        dest="username",
        metavar="USERNAME",
        help="export what this user may see (default: everything, as an administrator)",
    )
    p.set_defaults(func=cmd_export)


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.web.settings")
    import django

    django.setup()


def _user(username: str | None):
    from techbridge.cli import CommandError

    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user '{username}'.")
    return user


def _print_errors(report) -> None:
    rows = [(str(e.row) if e.row else "-", e.column or "-", e.message, e.source) for e in report.errors]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(("row", "column"))]
    with_source = any(r[3] for r in rows)
    print(f"{'row':>{widths[0]}}  {'column':<{widths[1]}}  {'file  ' if with_source else ''}message")
    for row, column, message, source in rows:
        print(f"{row:>{widths[0]}}  {column:<{widths[1]}}  {source + '  ' if with_source else ''}{message}")
    if report.error_count > len(report.errors):
        print(f"... and {report.error_count - len(report.errors)} more errors")


def cmd_import(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError

    for path in (args.file, args.organisations):
        if path is not None and not path.is_file():
            raise CommandError(f"No such file: {path}")
    if args.kind == "cordis-projects" and args.organisations is None:
        raise CommandError("cordis-projects needs --organisations FILE (the CORDIS organisation file).")
    _django_setup()
    from django.core.exceptions import PermissionDenied
    from tqdm import tqdm

    from techbridge.dataio.importers import ImportOptions
    from techbridge.dataio.services import run_import

    options = ImportOptions(mode=args.mode, status=args.status, dry_run=args.dry_run)
    try:
        report, _run = run_import(
            args.kind,
            args.file,
            user=_user(args.username),
            options=options,
            fmt=args.format,
            organisations_path=args.organisations,
            progress=lambda rows, total: tqdm(
                rows, total=total, unit=" rows", file=sys.stderr, disable=None, leave=False
            ),
        )
    except PermissionDenied as exc:
        raise CommandError(str(exc)) from None
    for note in report.notes:
        print(f"note: {note}")
    if not report.ok:
        _print_errors(report)
        print(f"{report.error_count} error(s) in {report.rows} row(s): nothing was saved.")
        return 1
    verb = "would create" if args.dry_run else "created"
    print(
        f"{report.rows} row(s): {verb} {report.created}, {'would update' if args.dry_run else 'updated'} "
        f"{report.updated}{' (dry run: nothing saved)' if args.dry_run else ''}."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError

    filters = {}
    for item in args.filter:
        name, sep, value = item.partition("=")
        if not sep:
            raise CommandError(f"--filter takes NAME=VALUE, not '{item}'.")
        filters[name.strip()] = value.strip()
    _django_setup()
    from django.core.exceptions import PermissionDenied

    from techbridge.dataio import exports

    viewer = _user(args.username) or exports.Operator()
    try:
        export = exports.build_export(args.kind, filters, viewer)
        if args.format == "csv":
            with args.out.open("w", encoding="utf-8", newline="") as fh:
                count = exports.write_csv(export, fh)
        else:
            with args.out.open("wb") as fh:
                count = exports.write_xlsx(export, fh)
    except PermissionDenied as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"Cannot write {args.out}: {exc.strerror}") from None
    print(f"{count} {args.kind} written to {args.out}")
    return 0
