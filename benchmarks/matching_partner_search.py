"""Partner-search benchmark on CORDIS data: the default fusion and its ablations, on every dataset.

For each project the query is its title, objective and topics; the candidates are all
organisations with at least one other project, described only by those projects; the relevant
ones are the project's participants (see techbridge.core.matching.partner_bench).

    .venv/bin/python benchmarks/matching_partner_search.py ../shared/data
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from techbridge.core.matching import PartnerRanker, evaluate, load_cordis_csv, load_cordis_json

VARIANTS: dict[str, dict[str, float | bool]] = {
    "popularity only": {"temperature": 1e6, "max_weight": 0.0, "popularity_weight": 1.0},
    "text, best project only": {"temperature": 1e-3, "max_weight": 0.0, "popularity_weight": 0.0},
    "text, soft-max over projects": {"max_weight": 0.0, "popularity_weight": 0.0},
    "default fusion": {},
    "default, forward text only": {"two_sided": False},
    "default + coordinator prior": {"coordinator_weight": 0.5},
    "default + consortium prior": {"consortium_weight": 1.0},
}


def datasets(root: Path) -> dict[str, tuple]:  # type: ignore[type-arg]
    out = {}
    if (root / "cordis-ecsel" / "projects.csv").is_file():
        out["cordis-ecsel"] = load_cordis_csv(root / "cordis-ecsel")
    if (root / "cordis-json-sample" / "project.json").is_file():
        out["cordis-json-sample"] = load_cordis_json(root / "cordis-json-sample")
    return out


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    found = datasets(root)
    if not found:
        sys.exit(f"no CORDIS data under {root}")
    for name, (docs, parts) in found.items():
        for variant, params in VARIANTS.items():
            start = time.perf_counter()
            result = evaluate(docs, parts, PartnerRanker(**params))  # type: ignore[arg-type]
            seconds = round(time.perf_counter() - start, 1)
            print(json.dumps({"dataset": name, "variant": variant, **result, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
