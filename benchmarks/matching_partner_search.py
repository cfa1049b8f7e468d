"""Partner-search benchmark on CORDIS data: the default fusion and its ablations, on every dataset.

For each project the query is its title, objective and topics; the candidates are all
organisations with at least one other project, described only by those projects; the relevant
ones are the project's participants (see techbridge.core.matching.partner_bench).

Each variant is run with the ranker's own (fixed) weights, and with the weights of the features it
uses cross-fitted over 5 folds of projects (what ``techbridge bench partner-search`` reports);
finally the default weights fitted on one whole data set are applied to each other data set
("transferred"). Deterministic: one run per line.

    .venv/bin/python benchmarks/matching_partner_search.py ../shared/data
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from techbridge.core.matching import PartnerRanker, evaluate, load_cordis_csv, load_cordis_json
from techbridge.core.matching.partner_bench import fit_ranker_weights

PREVIOUS = {
    "softmax_weight": 1.0,
    "propagated_weight": 0.0,
    "noisy_or_weight": 0.0,
    "propagated_noisy_or_weight": 0.0,
}
TEXT_OFF = {**PREVIOUS, "softmax_weight": 0.0}
VARIANTS: dict[str, tuple[dict[str, Any], tuple[int, ...]]] = {
    "popularity only": ({**TEXT_OFF, "max_weight": 0.0, "popularity_weight": 1.0}, (0,)),
    "text, best project only": (
        {**PREVIOUS, "temperature": 1e-3, "max_weight": 0.0, "popularity_weight": 0.0},
        (0,),
    ),
    "text, soft-max over projects": ({**PREVIOUS, "max_weight": 0.0, "popularity_weight": 0.0}, (0,)),
    "previous default (soft-max + best + activity)": (PREVIOUS, (0, 5)),
    "default fusion": ({}, (0, 5)),
    "default without propagation": ({"propagation": 0.0}, (0, 5)),
    "default without noisy-OR": ({"noisy_or_weight": 0.0, "propagated_noisy_or_weight": 0.0}, (0, 5)),
    "default, forward text only": ({"two_sided": False}, (0, 5)),
    "default + coordinator prior 0.5": ({"coordinator_weight": 0.5}, (0, 5)),
    "default + consortium prior 1.0": ({"consortium_weight": 1.0}, (0, 5)),
}


def datasets(root: Path) -> dict[str, tuple[Any, Any]]:
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
        for variant, (params, all_folds) in VARIANTS.items():
            for folds in all_folds:
                start = time.process_time()
                result = evaluate(docs, parts, PartnerRanker(**params), folds=folds)
                weights = "cross-fitted" if folds else "fixed"
                seconds = round(time.process_time() - start, 1)
                line = {
                    "dataset": name,
                    "variant": variant,
                    "weights": weights,
                    **result,
                    "cpu_seconds": seconds,
                }
                print(json.dumps(line), flush=True)
    fitted = {name: fit_ranker_weights(docs, parts, PartnerRanker()) for name, (docs, parts) in found.items()}
    for source, weights in fitted.items():
        print(json.dumps({"fitted_on": source, "weights": {k: round(v, 3) for k, v in weights.items()}}))
        for target, (docs, parts) in found.items():
            if target != source:
                result = evaluate(docs, parts, PartnerRanker().set_weights(weights), folds=0)
                print(
                    json.dumps(
                        {"dataset": target, "variant": f"default, weights fitted on {source}", **result}
                    )
                )


if __name__ == "__main__":
    main()
