"""`techbridge index run|uncertainty` and `techbridge bench coinr-asem`: composite-indicator commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(commands: Any, bench: Any) -> None:
    index = commands.add_parser("index", help="composite cooperation index: run a framework on a dataset")
    sub = index.add_subparsers(dest="index_command", metavar="ACTION")
    run = sub.add_parser("run", help="run SPEC on DATA and write every stage, results.csv and analysis.json")
    run.add_argument("spec", type=Path, help="YAML/JSON with framework: and method:")
    run.add_argument("--data", type=Path, required=True, help="CSV: one row per unit (and period)")
    run.add_argument("--out", type=Path, required=True, help="output directory")
    run.set_defaults(func=_run)
    unc = sub.add_parser("uncertainty", help="Monte Carlo uncertainty and Sobol' sensitivity of SPEC on DATA")
    unc.add_argument("spec", type=Path)
    unc.add_argument("--data", type=Path, required=True)
    unc.add_argument("--out", type=Path, required=True)
    unc.add_argument("--runs", type=int, help="override uncertainty.runs")
    unc.add_argument("--seed", type=int, help="override uncertainty.seed")
    unc.set_defaults(func=_uncertainty)
    index.set_defaults(func=lambda args: (index.print_help(), 2)[1])
    asem = bench.add_parser(
        "coinr-asem", help="rebuild COINr's ASEM index and compare every stage with DIR/reference"
    )
    asem.add_argument("dir", type=Path, help="folder with ASEM_iData.csv, ASEM_iMeta.csv and reference/")
    asem.add_argument(
        "--out", type=Path, help="also write this run's stages, results.csv and analysis.json here"
    )
    asem.add_argument(
        "--input-digits",
        type=int,
        default=10,
        help="round inputs to N significant digits as the reference did (0 = full precision)",
    )
    asem.set_defaults(func=_bench_asem)


def _read_csv(path: Path) -> Any:
    import pandas as pd

    from techbridge.cli import CommandError

    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    return pd.read_csv(path)


def _load(spec_path: Path) -> Any:
    from techbridge.cli import CommandError
    from techbridge.core.indicators import IndexSpec, IndicatorError

    if not spec_path.is_file():
        raise CommandError(f"{spec_path}: no such file")
    try:
        return IndexSpec.from_file(spec_path)
    except IndicatorError as exc:
        raise CommandError(f"{spec_path}: {exc}") from exc


def _run(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.indicators import IndicatorError, Pipeline, write_result

    spec = _load(args.spec)
    data = _read_csv(args.data)
    try:
        result = Pipeline(spec.framework, spec.method).run(data)
    except IndicatorError as exc:
        raise CommandError(str(exc)) from exc
    files = write_result(result, args.out)
    root = spec.framework.roots[0] if spec.framework.roots else None
    print(
        json.dumps(
            {
                "units": len(result.results),
                "dropped_units": result.dropped_units,
                "files": len(files),
                "top": result.results.index[:5].tolist() if root else [],
                "out": str(args.out),
            }
        )
    )
    return 0


def _uncertainty(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from techbridge.cli import CommandError
    from techbridge.core.indicators import IndicatorError, Pipeline, UncertaintyAnalysis, UncertaintySpec

    spec = _load(args.spec)
    unc = spec.uncertainty or UncertaintySpec()
    unc = replace(unc, runs=args.runs or unc.runs, seed=unc.seed if args.seed is None else args.seed)
    data = _read_csv(args.data)
    try:
        res = UncertaintyAnalysis(Pipeline(spec.framework, spec.method), unc).fit(data).result_
    except IndicatorError as exc:
        raise CommandError(str(exc)) from exc
    args.out.mkdir(parents=True, exist_ok=True)
    res.ranks.to_csv(args.out / "uncertainty_ranks.csv", float_format="%.10g")
    res.sobol.rename_axis("factor").to_csv(args.out / "sobol.csv", float_format="%.10g")
    for name, table in res.sobol_units.items():
        table.to_csv(args.out / f"sobol_units_{name}.csv", float_format="%.10g")
    print(
        json.dumps(
            {
                "runs": res.runs,
                "factors": res.factors,
                "ST": res.sobol["ST"].round(4).to_dict(),
                "out": str(args.out),
            }
        )
    )
    return 0


def _bench_asem(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.indicators import IndicatorError, write_result
    from techbridge.core.indicators.coinr import asem_parity

    if not (args.dir / "reference").is_dir():
        raise CommandError(f"{args.dir}: expected ASEM_iData.csv, ASEM_iMeta.csv and reference/")
    try:
        report, result = asem_parity(args.dir, args.input_digits or None)
        full, _ = asem_parity(args.dir, None) if args.input_digits else (report, result)
    except IndicatorError as exc:
        raise CommandError(str(exc)) from exc
    report["full_precision_max_abs_diff"] = full["max_abs_diff"]
    report["full_precision_rank_mismatches"] = full["rank_mismatches"]
    if args.out:
        write_result(result, args.out)
    print(json.dumps(report))
    return 0 if report["rank_mismatches"] == 0 and max(report["max_abs_diff"].values()) <= 1e-9 else 1
