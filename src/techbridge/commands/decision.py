"""`techbridge decision demo|rank`: rank candidate sites for an overseas innovation centre.

`rank FILE` reads JSON: {"criteria": [{"name", "kind", "weight"}], "sites": [{"name", "country",
"values": {criterion: value}, "cost": optional}]}; `demo` uses the illustrative 32-site dataset.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(commands: Any, bench: Any) -> None:
    decision = commands.add_parser(
        "decision", help="location planner: rank candidate sites, choose a portfolio"
    )
    sub = decision.add_subparsers(dest="decision_command", metavar="ACTION")
    demo = sub.add_parser("demo", help="rank the 32 ILLUSTRATIVE demo sites")
    rank = sub.add_parser("rank", help="rank the sites of a JSON file")
    rank.add_argument("file", type=Path, help="JSON with criteria and sites")
    for p in (demo, rank):
        p.add_argument("--samples", type=int, default=10_000, help="SMAA-2 weight samples (0 = skip)")
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--top", type=int, default=10, help="rows to print")
        p.add_argument("--portfolio", type=int, metavar="K", help="also choose K sites by compromise score")
        p.add_argument("--budget", type=float, help="portfolio budget (sum of site costs)")
        p.add_argument("--per-country", type=int, help="portfolio: at most N sites per country")
        p.add_argument("--json", action="store_true", help="print the full result as JSON")
    demo.set_defaults(func=_demo)
    rank.set_defaults(func=_rank)
    decision.set_defaults(func=lambda args: (decision.print_help(), 2)[1])


def _demo(args: argparse.Namespace) -> int:
    from techbridge.core.decision.sites_demo import DEMO_SITES, demo_matrix

    print("NOTE: the demo criterion values are ILLUSTRATIVE, not an assessment of any city or country.")
    countries = {s.name: s.country for s in DEMO_SITES}
    costs = {s.name: s.cost_keur for s in DEMO_SITES}
    return _run(args, demo_matrix(), countries, costs)


def _rank(args: argparse.Namespace) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.decision import Criterion, DecisionInputError, DecisionMatrix

    try:
        spec = json.loads(args.file.read_text(encoding="utf-8"))
        criteria = [
            Criterion(c["name"], c.get("kind", "benefit"), float(c.get("weight", 1.0)))
            for c in spec["criteria"]
        ]
        sites = spec["sites"]
        dm = DecisionMatrix(
            [s["name"] for s in sites], criteria, {s["name"]: s.get("values", {}) for s in sites}
        )
    except FileNotFoundError as exc:
        raise CommandError(f"{args.file}: no such file") from exc
    except (KeyError, TypeError, ValueError) as exc:  # DecisionInputError is a ValueError
        detail = exc if isinstance(exc, DecisionInputError) else f"bad JSON structure ({exc!r})"
        raise CommandError(f"{args.file}: {detail}") from exc
    countries = {s["name"]: str(s.get("country", "")) for s in sites}
    costs = {s["name"]: float(s.get("cost", 0.0)) for s in sites}
    return _run(args, dm, countries, costs)


def _run(args: argparse.Namespace, dm: Any, countries: dict[str, str], costs: dict[str, float]) -> int:
    from techbridge.cli import CommandError
    from techbridge.core.decision import DecisionInputError, PortfolioSite, choose_portfolio, plan_sites

    plan = plan_sites(dm, smaa_samples=args.samples, seed=args.seed)
    out = plan.as_dict()
    if args.portfolio:
        if args.budget is None:
            raise CommandError("--portfolio needs --budget")
        # Borda points of the compromise are the portfolio score: positive and comparable across sites
        borda = plan.compromise.details["borda"]
        sites = [
            PortfolioSite(a, countries[a], float(b), costs[a])
            for a, b in zip(dm.alternatives, borda, strict=True)
        ]
        try:
            chosen = choose_portfolio(sites, args.portfolio, args.budget, args.per_country)
        except DecisionInputError as exc:
            raise CommandError(str(exc)) from exc
        out["portfolio"] = {"sites": list(chosen.sites), "total_cost": chosen.total_cost}
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    _print(plan, args.top)
    if "portfolio" in out:
        print(
            f"\nportfolio: {', '.join(out['portfolio']['sites'])} (cost {out['portfolio']['total_cost']:g})"
        )
    return 0


def _print(plan: Any, top: int) -> None:
    smaa = plan.smaa
    print(f"{'#':>3}  {'site':<16}{'Copeland':>9}{'TOPSIS':>8}{'PROM.II':>8}{'VIKOR':>7}{'SMAA b1':>9}")
    for site in plan.compromise.order[:top]:
        i = plan.compromise.alternatives.index(site)
        b1 = f"{smaa.first_rank_acceptability[i]:.3f}" if smaa is not None else "-"
        print(
            f"{plan.compromise.ranks[i]:>3}  {site:<16}{plan.compromise.scores[i]:>9.0f}{plan.topsis.ranks[i]:>8}"
            f"{plan.promethee.ranks[i]:>8}{plan.vikor.ranks[i]:>7}{b1:>9}"
        )
    print(f"\nVIKOR compromise set: {', '.join(plan.vikor.details['compromise_set'])}")
    print(f"weight stability of the TOPSIS top site ({plan.stability[0].top if plan.stability else '-'}):")
    for w in plan.stability:
        print(f"  {w.criterion:<22} weight {w.weight:.3f} stays first on [{w.low:.3f}, {w.high:.3f}]")
