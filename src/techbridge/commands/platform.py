"""Platform commands: migrate, demo, serve, createuser (they need Django; it is set up on use)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.web.settings")
    import django

    django.setup()


def register(commands, bench) -> None:
    p = commands.add_parser("migrate", help="create or upgrade the database schema")
    p.set_defaults(func=cmd_migrate)

    p = commands.add_parser("demo", help="set up the embedded platform with demo data and serve it")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--seed", type=int, default=2026, help="seed of the demo data generator")
    p.add_argument("--no-serve", action="store_true", help="load the demo and exit")
    p.set_defaults(func=cmd_demo)

    p = commands.add_parser("serve", help="serve the platform (waitress, static files included)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--threads", type=int, default=8)
    p.set_defaults(func=cmd_serve)

    p = commands.add_parser(
        "reindex", help="rebuild the match indexes of profiles and people from the database"
    )
    p.set_defaults(func=lambda args: reindex_platform())

    p = commands.add_parser("createuser", help="create a user with a role")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["admin", "broker", "member", "evaluator", "analyst"])
    p.add_argument("--email", default="")
    p.add_argument("--organisation", help="organisation key (required for members)")
    p.add_argument("--password", help="password (asked for when omitted; prefer the prompt)")
    p.set_defaults(func=cmd_createuser)


def reindex_platform(reason: str = "") -> int:
    """Rebuild both match indexes (after bulk changes, or lexicon changes); serving processes reload them."""
    import time

    django_setup()
    from django.db import DatabaseError

    from techbridge.docking import engine

    started = time.perf_counter()
    try:
        profiles, people = engine.rebuild("profiles"), engine.rebuild("people")
    except DatabaseError as exc:  # no platform database here yet (`techbridge migrate`): nothing to re-index
        print(f"the match indexes were not rebuilt: the platform database is not ready ({exc})")
        return 0
    took = time.perf_counter() - started
    done = f"re-indexed {profiles} published profiles and {people} people"
    print(" ".join(part for part in (done, reason, f"in {took:.1f} s") if part))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    django_setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    django_setup()
    from django.core.management import call_command
    from tqdm import tqdm

    from techbridge.web.demo_loader import DEMO_PASSWORD, demo_load, demo_logins

    print("TechBridge: preparing the database ...", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    counts = demo_load(seed=args.seed, progress=lambda items: tqdm(items, unit="rec", leave=False))
    print("Demo data: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    _demo_lexicons()
    from techbridge.docking import engine

    print("Building the match indexes (the first run also compiles the Chinese dictionary) ...", flush=True)
    print(f"Indexed {engine.rebuild('profiles')} published profiles and {engine.rebuild('people')} people.")
    print(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})")
    for username, role, org in demo_logins():
        print(f"  {username:<10} {role:<10} {org}")
    if args.no_serve:
        return 0
    return _serve(args.host, args.port, threads=8)


def cmd_serve(args: argparse.Namespace) -> int:
    django_setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0, check_unapplied=False)
    return _serve(args.host, args.port, threads=args.threads)


def _serve(host: str, port: int, threads: int) -> int:
    import threading

    from waitress import serve

    from techbridge.web.wsgi import application

    threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()

    print(f"\nTechBridge is running on http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    serve(application, host=host, port=port, threads=threads, ident="TechBridge")
    return 0


def cmd_createuser(args: argparse.Namespace) -> int:
    django_setup()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from techbridge.accounts.models import User
    from techbridge.cli import CommandError
    from techbridge.directory.models import Organisation

    if User.objects.filter(username=args.username).exists():
        raise CommandError(f"user '{args.username}' already exists")
    org = None
    if args.organisation:
        org = Organisation.objects.filter(key=args.organisation).first()
        if org is None:
            raise CommandError(f"--organisation: no organisation with key '{args.organisation}'")
    elif args.role == "member":
        raise CommandError("--organisation is required for a member")
    password = args.password
    if password is None:
        if not sys.stdin.isatty():
            raise CommandError("--password is required when no terminal is attached")
        password = getpass.getpass("Password: ")
    user = User(
        username=args.username,
        email=args.email,
        role=args.role,
        organisation=org,
        is_staff=args.role == "admin",
        is_superuser=args.role == "admin",
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise CommandError("password: " + " ".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    print(f"created {args.role} '{user.username}'" + (f" of {org}" if org else ""))
    return 0


DEMO_LEXICON_LANGUAGES = ("pol", "ces", "hun")  # the CEE languages the demo profiles are written in


def _demo_lexicons() -> None:
    """Add the Polish, Czech and Hungarian lexicons when the shared datasets sit beside the checkout
    (as `techbridge lexicon add` would); otherwise say how to add lexicons."""
    from techbridge.core.text.languages import normalize_language
    from techbridge.core.text.library import add_source, open_store
    from techbridge.paths import shared_data_dir

    have = {(item.lang, item.source) for item in open_store().sources()}
    folder = (shared_data_dir() or Path("/nonexistent")) / "lexicons"
    files = [f for code in DEMO_LEXICON_LANGUAGES for f in sorted(folder.glob(f"{code}-eng.*.tsv"))]
    if not files:
        print("No CEE lexicons found: add them with `techbridge lexicon add FILE` (see docs/user-guide.md).")
        return
    for path in files:
        if (normalize_language(path.name[:3]), path.name.split(".")[1]) in have:
            continue
        result = add_source(path)
        print(f"Lexicon {result.lexicon.lang}/{result.lexicon.source}: {result.lexicon.words} words")


def _warm_up() -> None:
    """Load the dictionaries, lemmatisers and match indexes now, so that no request waits for them."""
    import logging

    try:
        from techbridge.docking import engine

        engine.analyzer().warm_up()
        engine.get_index("profiles")
        engine.get_index("people")
    except Exception:  # the platform serves without warm caches; the first search will load them
        logging.getLogger(__name__).warning("warm-up failed", exc_info=True)
