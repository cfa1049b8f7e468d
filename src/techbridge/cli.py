"""The `techbridge` command.

Every module in :mod:`techbridge.commands` that defines ``register(commands, bench)`` adds its
sub-commands: ``commands`` is the top-level sub-parser set, ``bench`` the one under ``techbridge bench``.
Each sub-parser sets ``func`` (called with the parsed arguments, returning an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from techbridge import __version__, commands


class CommandError(Exception):
    """A user-facing error: printed without a traceback, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="techbridge", description="TechBridge technology-transfer platform."
    )
    parser.add_argument("--version", action="version", version=f"techbridge {__version__}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    bench_parser = subcommands.add_parser("bench", help="run a benchmark on real data")
    bench = bench_parser.add_subparsers(dest="bench", metavar="BENCHMARK")
    bench_parser.set_defaults(func=lambda args: _help(bench_parser))
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subcommands, bench)
    return parser


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        return _help(parser)
    try:
        return int(func(args) or 0)
    except CommandError as exc:
        print(f"techbridge: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("techbridge: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
