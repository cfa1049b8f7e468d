"""`techbridge match` (docking on JSONL profiles) and `techbridge bench partner-search DIR`."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from techbridge.core.matching import EmbeddingReranker, LineError, MatchDocument, MatchIndex, parse_lines
from techbridge.core.matching.rerank import MODEL_DIR_SETTING
from techbridge.core.matching.scoring import adapt_calibration
from techbridge.core.matching.words import with_words, words_of


def register(commands: Any, bench: Any) -> None:
    match = commands.add_parser("match", help="match query profiles against documents (JSONL in, JSONL out)")
    match.add_argument(
        "--documents",
        required=True,
        type=Path,
        help="JSONL: id, text, title, summary, keywords, lang, country, kind; translations: [[lang, title, summary]]",
    )
    match.add_argument("--queries", required=True, type=Path, help="JSONL with the same fields")
    match.add_argument("--top", type=int, default=10, help="results per query (default 10)")
    match.add_argument(
        "--on-error",
        choices=("skip", "stop"),
        default="skip",
        help="malformed line: report and skip, or stop",
    )
    match.add_argument(
        "--rerank-model",
        type=Path,
        default=None,
        help=f"local sentence-transformers folder (default ${MODEL_DIR_SETTING}; none = lexical only)",
    )
    match.add_argument(
        "--save-index", type=Path, default=None, help="also save the built index to this directory"
    )
    match.set_defaults(func=run_match)
    partner = bench.add_parser("partner-search", help="partner search on CORDIS projects and participants")
    partner.add_argument(
        "directory", type=Path, help="projects.csv + participants.csv, or project.json + organization.json"
    )
    partner.add_argument(
        "--consortium-weight", type=float, default=0.0, help="weight of the co-participation prior"
    )
    partner.add_argument(
        "--folds",
        type=int,
        default=5,
        help="fusion weights cross-fitted over this many folds of projects (each fold ranked with weights "
        "learned on the others); 0 = the platform's fixed default weights",
    )
    partner.set_defaults(func=run_partner_search)


def _fail(message: str) -> None:
    from techbridge.cli import CommandError

    raise CommandError(message)


def _documents(path: Path, on_error: str) -> Iterator[MatchDocument]:
    if path.is_dir():
        _fail(f"{path}: a folder, not a JSONL file")
    if not path.is_file():
        _fail(f"{path}: no such file")
    # utf-8-sig: a byte order mark (Windows editors, spreadsheet exports) is not part of the first line
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        for item in parse_lines(lines):
            if isinstance(item, LineError):
                if on_error == "stop":
                    _fail(f"{path} {item}")
                print(f"techbridge: {path} {item} (skipped)", file=sys.stderr)
                continue
            yield item


def run_match(args: argparse.Namespace) -> int:
    if args.top < 1:
        _fail("--top must be at least 1")
    index = MatchIndex()
    texts: dict[str, str] = {}
    for doc in _documents(args.documents, args.on_error):
        try:
            if doc.is_empty():  # nothing to match, and it could not be a query either
                raise ValueError("no text in title, keywords, summary or text")
            index.add(doc)
        except ValueError as exc:  # no text, unknown language, text too long
            if args.on_error == "stop":
                _fail(f"{args.documents} document {doc.id}: {exc}")
            print(f"techbridge: {args.documents} document {doc.id}: {exc} (skipped)", file=sys.stderr)
            continue
        texts[doc.id] = " ".join(doc.fields().values())
    if not len(index):
        _fail(f"{args.documents}: no usable documents")
    index.refresh_hubness()
    adapt_calibration(index)
    if args.save_index:
        index.save(args.save_index)
    reranker = _reranker(args.rerank_model)
    # a document's words, analysed once however many queries it answers (the last 4,096 kept)
    words = functools.lru_cache(maxsize=4096)(lambda doc_id: words_of(index._analyzer(), index.get(doc_id)))
    for query in _documents(args.queries, args.on_error):
        print(json.dumps(_answer(index, query, args, reranker, texts, words), ensure_ascii=False), flush=True)
    return 0


def _answer(
    index: MatchIndex,
    query: MatchDocument,
    args: argparse.Namespace,
    reranker: EmbeddingReranker | None,
    texts: dict[str, str],
    words: Callable[[str], dict[str, str]],
) -> dict[str, Any]:
    try:
        matches = index.search(query, top=args.top)
    except ValueError as exc:  # empty or oversized query, unknown language
        if args.on_error == "stop":
            _fail(f"{args.queries}: {exc}")
        print(f"techbridge: {args.queries}: {exc}", file=sys.stderr)
        return {"query": query.id, "results": [], "error": str(exc)}
    if reranker is not None:
        matches = reranker.rerank(" ".join(query.fields().values()), matches, texts, index.calibrator)
    mine = words_of(index._analyzer(), query)
    results = [
        {"id": m.id, "score": round(m.score, 1), "why": with_words(m.why(), mine, words(m.id))}
        for m in matches
    ]
    return {"query": query.id, "results": results}


def _reranker(folder: Path | None) -> EmbeddingReranker | None:
    from techbridge.core.matching import RerankerUnavailable

    folder = folder or (Path(os.environ[MODEL_DIR_SETTING]) if os.environ.get(MODEL_DIR_SETTING) else None)
    if folder is None:
        return None
    try:
        return EmbeddingReranker(folder).fit()
    except RerankerUnavailable as exc:
        _fail(f"re-ranker: {exc}")
    return None


def run_partner_search(args: argparse.Namespace) -> int:
    from techbridge.core.matching import (
        MatchingError,
        PartnerRanker,
        evaluate,
        load_cordis_csv,
        load_cordis_json,
    )

    directory: Path = args.directory
    try:
        if (directory / "projects.csv").is_file():
            docs, parts = load_cordis_csv(directory)
        elif (directory / "project.json").is_file():
            docs, parts = load_cordis_json(directory)
        else:
            _fail(
                f"{directory}: expected projects.csv + participants.csv or project.json + organization.json"
            )
            return 2
        if args.folds < 0 or args.folds == 1:
            _fail("--folds must be 0 (fixed weights) or at least 2")
        ranker = PartnerRanker(consortium_weight=args.consortium_weight)
        result = {**evaluate(docs, parts, ranker, folds=args.folds), "folds": args.folds}
    except (MatchingError, OSError) as exc:
        _fail(str(exc) if str(directory) in str(exc) else f"{directory}: {exc}")
        return 2
    if not result["queries"]:
        _fail(
            f"{directory}: no project has a participant that also took part in another project: nothing to rank"
        )
    print(json.dumps(result))
    return 0
