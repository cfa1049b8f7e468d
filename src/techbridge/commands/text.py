"""``techbridge lexicon add|list|remove`` and ``techbridge bench crosslingual``: thin wrappers over core.text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

NO_REINDEX_HELP = "do not rebuild the platform's match indexes now (run `techbridge reindex` later)"


def register(commands: Any, bench: Any) -> None:
    lexicon = commands.add_parser("lexicon", help="manage bilingual lexicons (word -> English)")
    actions = lexicon.add_subparsers(dest="lexicon_action", metavar="ACTION")
    lexicon.set_defaults(func=lambda args: _usage(lexicon))

    add = actions.add_parser("add", help="compile a TSV file, FreeDict dictionary or 'cedict'")
    add.add_argument("file", help="TSV (word<TAB>gloss), a folder of XXX-eng*.tsv files, FreeDict "
                     ".index/.dict.dz, a package name like dict-freedict-pol-eng, or 'cedict'")  # fmt: skip
    add.add_argument("--lang", help="ISO code of the source language (default: from the file name)")
    add.add_argument("--source", help="name of the source (default: from the file name)")
    add.add_argument("--no-reindex", action="store_true", help=NO_REINDEX_HELP)
    add.set_defaults(func=_add)

    listing = actions.add_parser("list", help="list the compiled lexicons")
    listing.set_defaults(func=_list)

    remove = actions.add_parser("remove", help="remove the compiled lexicons of a language")
    remove.add_argument("lang", help="ISO code of the language")
    remove.add_argument("--source", help="remove only this source")
    remove.add_argument("--no-reindex", action="store_true", help=NO_REINDEX_HELP)
    remove.set_defaults(func=_remove)

    cross = bench.add_parser("crosslingual", help="accuracy@1 of cross-lingual sentence retrieval")
    cross.add_argument("dir", type=Path, help="folder with tatoeba.XXX-eng.XXX / .eng files")
    cross.add_argument("--lexicons", type=Path, help="folder of XXX-eng*.tsv files to load directly")
    cross.add_argument("--langs", help="comma-separated ISO 639-3 codes (default: all found)")
    cross.add_argument("--csls-k", type=int, default=5, help="CSLS neighbourhood (0: plain cosine)")
    cross.set_defaults(func=_bench)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _add(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.text.languages import UnknownLanguageError
    from techbridge.core.text.lexicon import LexiconError
    from techbridge.core.text.library import add_source

    path = Path(args.file)
    files = [path]
    if path.is_dir():
        if args.lang or args.source:
            raise CommandError(
                "--lang and --source name the language and source of one file, not of a folder"
            )
        files = sorted(f for f in path.glob("*.tsv") if "-eng" in f.name)
        if not files:
            raise CommandError(f"{path}: a folder without lexicon files named like pol-eng.wikt.tsv")
    failed = []
    for file in files:
        try:
            result = add_source(file, args.lang, args.source)
        except (LexiconError, UnknownLanguageError) as exc:
            if len(files) == 1:
                raise CommandError(str(exc)) from exc
            print(f"not added: {exc}", file=sys.stderr)
            failed.append(file)
            continue
        _report(result.warnings)
        item = result.lexicon
        print(f"added {item.lang}/{item.source}: {item.words} words, {item.pairs} translations, "
              f"{len(result.warnings)} lines skipped")  # fmt: skip
    if len(failed) == len(files):
        raise CommandError(f"{path}: no lexicon could be added")
    code = _reindex_unless(args)
    return 1 if failed else code


def _report(warnings: list[str]) -> None:
    for warning in warnings[:10]:
        print(f"warning: {warning}")
    if len(warnings) > 10:
        print(f"warning: ... {len(warnings) - 10} more malformed lines skipped")


def _list(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.text.lexicon import LexiconError
    from techbridge.core.text.library import lexicon_dir, open_store

    try:
        items = open_store().sources()
    except LexiconError as exc:
        raise CommandError(str(exc)) from exc
    if not items:
        print(f"no lexicons in {lexicon_dir()} (add one with `techbridge lexicon add FILE`)")
    for item in items:
        print(f"{item.lang}\t{item.source}\t{item.words} words\t{item.pairs} translations")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.text.languages import UnknownLanguageError, normalize_language
    from techbridge.core.text.lexicon import LexiconError
    from techbridge.core.text.library import open_store

    try:
        gone = open_store().remove(normalize_language(args.lang), args.source)
    except (UnknownLanguageError, LexiconError) as exc:
        raise CommandError(str(exc)) from exc
    if not gone:
        raise CommandError(f"no lexicon for {args.lang}" + (f"/{args.source}" if args.source else ""))
    for item in gone:
        print(f"removed {item.lang}/{item.source} ({item.words} words)")
    return _reindex_unless(args)


def _reindex_unless(args: argparse.Namespace) -> int:
    """Texts already indexed were mapped onto English with the previous lexicons: rebuild the platform's
    match indexes (serving processes load the new ones and analyse queries with the same lexicons)."""
    if args.no_reindex:
        print("the platform's match indexes still use the previous lexicons: run `techbridge reindex`")
        return 0
    from techbridge.commands.platform import reindex_platform

    return reindex_platform(reason="with the new lexicons")


def _bench(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.text.analysis import Analyzer
    from techbridge.core.text.crosslingual import evaluate, find_pairs
    from techbridge.core.text.lexicon import LexiconError
    from techbridge.core.text.library import load_lexicons, load_tsv_folder

    if not args.dir.is_dir() or not find_pairs(args.dir):
        raise CommandError(f"{args.dir}: no tatoeba.XXX-eng.XXX / tatoeba.XXX-eng.eng pairs there")
    problems: list[str] = []
    try:
        lexicons = load_tsv_folder(args.lexicons, problems=problems) if args.lexicons else load_lexicons()
    except LexiconError as exc:
        raise CommandError(str(exc)) from exc
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if set(lexicons) <= {"zh", "en"}:
        print("note: no lexicons added to the data directory except Chinese; add some with "
              "`techbridge lexicon add FILE` or pass --lexicons DIR", file=sys.stderr)  # fmt: skip
    analyzer = Analyzer(lexicons=lexicons, **BENCH_SETTINGS)
    langs = args.langs.split(",") if args.langs else None
    for result in evaluate(analyzer, args.dir, langs, k=args.csls_k):
        line: dict[str, Any] = {
            "lang": result.lang,
            "pairs": result.pairs,
            "accuracy@1": result.accuracy_at_1,
        }
        if result.error:
            line["error"] = result.error
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


# Sentence retrieval scores short texts, so function words are kept (IDF weighs them down).
BENCH_SETTINGS: dict[str, Any] = {"function_words": True}
