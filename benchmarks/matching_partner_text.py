"""Partner search with other project texts: word pairs, BM25 parameters, field weights (a fourth round).

The organisation ranking rests on how well P's text finds the projects its members took part in. Text-side
changes not tried before, each under the bench's protocol (leave-one-out, fusion weights cross-fitted over 5
folds, ``evaluate`` of techbridge.core.matching):

- ``pairs-text`` / ``pairs-keywords``: every pair of adjacent content words of the title and objective
  (e.g. "power electronics", "wide bandgap") as one extra term, in the description field (weight 1) or
  among the keywords (weight 2); both sides of a comparison get them, the query project too;
- ``k1:b`` settings of BM25 (the engine's defaults are 1.2 and 0.75; the module constants are set for
  the run, as the engine has no per-index parameter for them);
- other field weights (defaults title 3, keywords 2, summary 1.5, description 1; the keywords of a
  project are its topic codes, i.e. its call).

    .venv/bin/python benchmarks/matching_partner_text.py ../shared/data
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from techbridge.core.matching import (
    MatchDocument,
    PartnerRanker,
    bm25,
    evaluate,
    impacts,
    index,
    load_cordis_csv,
    load_cordis_json,
    scoring,
)
from techbridge.core.matching.documents import FIELD_WEIGHTS

STOP_WORDS = (
    "a an the of and or in on for to with by from at as is are be this that these those its it their which will"
    " new into such also has have been can more than both based project projects use using used well within"
    " through over all other high"
)
STOP = frozenset(STOP_WORDS.split())
BM25_SETTINGS = ((1.2, 0.75), (0.6, 0.75), (2.0, 0.75), (1.2, 0.3), (1.2, 1.0), (0.9, 0.4))
FIELD_SETTINGS = {
    "topic codes off (keywords 0.001)": {"keywords": 0.001},
    "title 1": {"title": 1.0},
    "title 5": {"title": 5.0},
    "summary 3": {"summary": 3.0},
    "keywords 5": {"keywords": 5.0},
}


def word_pairs(text: str) -> str:
    """Adjacent content words joined into one term (each cut to 6 letters, so plurals mostly agree)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(
        f"{a[:6]}x{b[:6]}"
        for a, b in zip(words, words[1:], strict=False)
        if a not in STOP and b not in STOP and len(a) > 2 and len(b) > 2
    )


def with_pairs(docs: list[MatchDocument], field: str) -> list[MatchDocument]:
    out = []
    for doc in docs:
        pairs = word_pairs(f"{doc.title} {doc.summary}")
        if field == "text":
            out.append(replace(doc, text=f"{doc.text} {pairs}".strip()))
        else:
            out.append(replace(doc, keywords=(*doc.keywords, *pairs.split())))
    return out


def set_bm25(k1: float, b: float) -> None:
    bm25.K1 = impacts.K1 = scoring.K1 = k1
    bm25.B = b


def run(name: str, variant: str, docs: list[MatchDocument], parts: Any) -> None:
    start = time.process_time()
    result = evaluate(docs, parts, PartnerRanker(), folds=5)
    seconds = round(time.process_time() - start, 1)
    print(json.dumps({"dataset": name, "variant": variant, **result, "cpu_seconds": seconds}), flush=True)


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    sets = {}
    if (root / "cordis-ecsel" / "projects.csv").is_file():
        sets["cordis-ecsel"] = load_cordis_csv(root / "cordis-ecsel")
    if (root / "cordis-json-sample" / "project.json").is_file():
        sets["cordis-json-sample"] = load_cordis_json(root / "cordis-json-sample")
    if not sets:
        sys.exit(f"no CORDIS data under {root}")
    for name, (docs, parts) in sets.items():
        run(name, "default", docs, parts)
        run(name, "pairs-text", with_pairs(docs, "text"), parts)
        run(name, "pairs-keywords", with_pairs(docs, "keywords"), parts)
        for k1, b in BM25_SETTINGS[1:]:
            set_bm25(k1, b)
            try:
                run(name, f"bm25 k1 {k1} b {b}", docs, parts)
            finally:
                set_bm25(*BM25_SETTINGS[0])
        for variant, weights in FIELD_SETTINGS.items():
            index.FIELD_WEIGHTS = {**FIELD_WEIGHTS, **weights}  # what MatchIndex() takes by default
            try:
                run(name, variant, docs, parts)
            finally:
                index.FIELD_WEIGHTS = FIELD_WEIGHTS


if __name__ == "__main__":
    main()
