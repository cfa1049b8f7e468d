"""Reads of the evaluation area: visible frameworks and runs, the framework tree, rankings, unit profiles,
comparison across years and map positions. Aggregates only: no personal data."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import get_language

from techbridge.evaluation import rules
from techbridge.evaluation.gridmap import EXTRA_PLACES, Tile
from techbridge.evaluation.models import Framework, IndexRun, RunState


def is_zh(lang: str | None = None) -> bool:
    return (lang or get_language() or "en").startswith("zh")


def framework_list(*, viewer) -> QuerySet[Framework]:
    if not rules.can_edit(viewer):
        return Framework.objects.none()
    return Framework.objects.all()


def run_list(*, viewer, framework: Framework | None = None) -> QuerySet[IndexRun]:
    qs = IndexRun.objects.select_related("framework", "dataset")
    if framework is not None:
        qs = qs.filter(framework=framework)
    if rules.can_edit(viewer):
        return qs
    if rules.can_view_published(viewer):
        return qs.filter(published=True, state=RunState.DONE)
    return qs.none()


@dataclass
class TreeNode:
    code: str
    name: str
    name_zh: str
    is_indicator: bool
    weight: float
    direction: int
    parent: str | None
    unit: str = ""
    children: list[TreeNode] = field(default_factory=list)


def framework_tree(framework: Framework) -> list[TreeNode]:
    """Roots (and orphans, so a broken spec still shows) with their children, in declaration order."""
    fw = framework.spec.get("framework", {})
    nodes: dict[str, TreeNode] = {}
    for kind, items in (("indicator", fw.get("indicators") or []), ("aggregate", fw.get("aggregates") or [])):
        for item in items:
            nodes[item["code"]] = TreeNode(
                code=item["code"],
                name=item.get("name") or "",
                name_zh=item.get("name_zh") or "",
                is_indicator=kind == "indicator",
                weight=float(item.get("weight", 1.0)),
                direction=int(item.get("direction", 1)),
                parent=item.get("parent") or None,
                unit=item.get("unit") or "",
            )
    roots = []
    order = [
        *(n["code"] for n in fw.get("aggregates") or []),
        *(n["code"] for n in fw.get("indicators") or []),
    ]
    for code in order:
        node = nodes[code]
        if node.parent in nodes:
            nodes[node.parent].children.append(node)
        else:
            roots.append(node)
    return roots


def aggregate_codes(framework: Framework) -> list[str]:
    return [n["code"] for n in framework.spec.get("framework", {}).get("aggregates") or []]


def node_codes(framework: Framework) -> list[str]:
    fw = framework.spec.get("framework", {})
    return [n["code"] for n in [*(fw.get("aggregates") or []), *(fw.get("indicators") or [])]]


def label(results: dict, code: str, lang: str | None = None) -> str:
    names = results.get("names", {}).get(code) or {}
    return names.get("zh" if is_zh(lang) else "en") or code


def directory_names() -> dict[str, tuple[str, str]]:
    """Lower-cased country codes, city keys and names -> (English name, Chinese name)."""
    from techbridge.directory.models import City, Country

    out: dict[str, tuple[str, str]] = {}
    for model, key in ((City, "key"), (Country, "code")):
        for code, en, zh in model.objects.values_list(key, "name_en", "name_zh"):
            for alias in (code, en, zh):
                if alias:
                    out.setdefault(alias.lower(), (en, zh or en))
    return out


def unit_label(row: dict, lang: str | None = None, names: dict | None = None) -> str:
    """The unit's name in the language: the directory's name, else the data's name column (Chinese), else its code."""
    known = (names or {}).get(row["unit"].lower())
    if is_zh(lang):
        return (known[1] if known else "") or row.get("name") or row["unit"]
    return known[0] if known else row["unit"]


def ranking(run: IndexRun, lang: str | None = None) -> list[dict]:
    """One row per unit, best first: rank, score, dimension scores and (if run) the Monte Carlo interval."""
    res = run.results
    root = res.get("root")
    intervals = {str(r.get(_unit_key(r))): r for r in (run.uncertainty or {}).get("ranks", [])}
    names = directory_names()
    rows = []
    for u in res.get("units", []):
        mc = intervals.get(u["unit"], {})
        rows.append(
            {
                "unit": u["unit"],
                "label": unit_label(u, lang, names),
                "rank": u["ranks"].get(root),
                "score": u["scores"].get(root),
                "dimensions": [u["scores"].get(d) for d in res.get("dimensions", [])],
                "median_rank": mc.get("median_rank"),
                "rank_p05": mc.get("rank_p05"),
                "rank_p95": mc.get("rank_p95"),
                "nominal_rank": mc.get("nominal_rank"),
            }
        )
    return rows


def _unit_key(record: dict) -> str:
    skip = {"nominal_rank", "median_rank", "rank_p05", "rank_p95", "mean_score", "score_p05", "score_p95"}
    return next(k for k in record if k not in skip)


def unit_profile(run: IndexRun, unit: str, lang: str | None = None, top: int = 3) -> dict | None:
    """The unit's rank on every indicator among its peers (normalised values, so direction is accounted for):
    strengths are its best-ranked indicators above the peer mean, weaknesses its worst-ranked below it."""
    res = run.results
    found = next((u for u in res.get("units", []) if u["unit"] == unit), None)
    if found is None:
        return None
    norm = res.get("normalised", {})
    n = len(norm)
    items = []
    for code in res.get("indicators", []):
        mine = norm.get(unit, {}).get(code)
        if mine is None:
            continue
        others = [v.get(code) for v in norm.values() if v.get(code) is not None]
        rank = 1 + sum(1 for v in others if v > mine)
        peers = sum(others) / len(others)
        items.append(
            {
                "code": code,
                "label": label(res, code, lang),
                "rank": rank,
                "value": mine,
                "raw": res.get("raw", {}).get(unit, {}).get(code),
                "peer_mean": peers,
                "gap": mine - peers,
            }
        )
    ordered = sorted(items, key=lambda i: (i["rank"], -i["gap"]))
    above = [
        i for i in ordered if i["gap"] > 0
    ]  # a strength beats the peer mean, a weakness falls short of it
    below = [i for i in reversed(ordered) if i["gap"] < 0]
    return {
        "unit": found,
        "label": unit_label(found, lang, directory_names()),
        "n_units": n,
        "rank": found["ranks"].get(res.get("root")),
        "score": found["scores"].get(res.get("root")),
        "indicators": items,
        "strengths": above[:top],
        "weaknesses": below[:top],
        "dimensions": [
            {
                "code": d,
                "label": label(res, d, lang),
                "score": found["scores"].get(d),
                "rank": found["ranks"].get(d),
            }
            for d in res.get("dimensions", [])
        ],
    }


def year_comparison(run: IndexRun, lang: str | None = None) -> dict:
    """Root scores and ranks per unit across the years of the framework's finished runs (latest run per year)."""
    latest: dict[int, IndexRun] = {}
    for other in (
        IndexRun.objects.filter(framework=run.framework, state=RunState.DONE, dataset__year__isnull=False)
        .select_related("dataset")
        .order_by("created_at")
    ):
        latest[other.dataset.year] = other
    if run.dataset.year is not None:
        latest[run.dataset.year] = run
    years = sorted(latest)
    names = directory_names()
    units: dict[str, dict] = {}
    for year in years:
        res = latest[year].results
        root = res.get("root")
        for u in res.get("units", []):
            entry = units.setdefault(u["unit"], {"label": unit_label(u, lang, names), "cells": {}})
            entry["cells"][year] = {"score": u["scores"].get(root), "rank": u["ranks"].get(root)}
    rows = [
        {"unit": k, "label": v["label"], "cells": [v["cells"].get(y) for y in years]}
        for k, v in sorted(units.items(), key=lambda kv: kv[1]["label"])
    ]
    return {"years": years, "rows": rows}


def map_tiles(run: IndexRun, lang: str | None = None, href=None) -> tuple[list[Tile], list[str]]:
    """Tiles for units whose position is known (directory countries and cities, then a few extra cities) and
    the labels of the units left off the map."""
    from techbridge.directory.models import City, Country

    places: dict[str, tuple[float, float]] = dict(EXTRA_PLACES)
    for row in Country.objects.filter(lat__isnull=False).values("code", "name_en", "name_zh", "lat", "lon"):
        for key in (row["code"], row["name_en"], row["name_zh"]):
            places.setdefault(key.lower(), (row["lat"], row["lon"]))
    for row in City.objects.filter(lat__isnull=False).values("key", "name_en", "name_zh", "lat", "lon"):
        for key in (row["key"], row["name_en"], row["name_zh"]):
            if key:
                places.setdefault(key.lower(), (row["lat"], row["lon"]))
    tiles, missing = [], []
    for row in ranking(run, lang):
        where = places.get(row["unit"].lower())
        if where is None:
            missing.append(row["label"])
            continue
        link = href(row["unit"]) if href else ""
        tiles.append(Tile(row["unit"], row["label"], row["score"], where[0], where[1], link))
    return tiles, missing
