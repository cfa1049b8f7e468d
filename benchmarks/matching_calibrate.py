"""Fit the logistic calibration of match scores on ECSEL project pairs (writes nothing; prints a, b).

Relevance proxy: two projects are a relevant match when their consortia overlap strongly
(shared organisations >= 25 % of the smaller consortium): they are follow-ups or siblings in
the same technology line. Raw scores come from MatchIndex.search (top 50 per project). Also prints the 50th and 99th
percentiles of the raw scores of random project pairs (``background_raws``): the reference
background that ``LogisticCalibrator.adapted`` aligns other corpora with (REFERENCE_BACKGROUND).

    .venv/bin/python benchmarks/matching_calibrate.py ../shared/data/cordis-ecsel
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from techbridge.core.matching import LogisticCalibrator, MatchIndex, load_cordis_csv
from techbridge.core.matching.scoring import background_raws


def pairs(directory: Path) -> tuple[list[float], list[bool], np.ndarray]:
    docs, parts = load_cordis_csv(directory)
    members: dict[str, set[str]] = defaultdict(set)
    for p in parts:
        members[p.project].add(p.organisation)
    index = MatchIndex()
    for doc in docs:
        index.add(doc)
    index.refresh_hubness()
    raw, rel = [], []
    for doc in docs:
        for m in index.search(doc, top=50):
            a, b = members[doc.id], members[m.id]
            raw.append(m.raw)
            rel.append(len(a & b) >= 0.25 * min(len(a), len(b)))
    return raw, rel, background_raws(index)


def main() -> None:
    raw, rel, background = pairs(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/cordis-ecsel"))
    cal = LogisticCalibrator().fit(raw, rel)
    x = np.asarray(raw)
    print(
        json.dumps(
            {
                "a": round(cal.a_, 3),
                "b": round(cal.b_, 3),
                "pairs": len(raw),
                "relevant": int(sum(rel)),
                "raw_quantiles": [round(float(q), 3) for q in np.quantile(x, [0.1, 0.5, 0.9, 0.99])],
                "background_pairs": len(background),
                "background_p50_p99": [round(float(q), 4) for q in np.quantile(background, [0.5, 0.99])],
            }
        )
    )


if __name__ == "__main__":
    main()
