"""PDF (reportlab, Chinese through the built-in CID font STSong-Light) and XLSX (openpyxl) exports of a
location study and of a plan's progress."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from techbridge.planning.models import Plan, Study
from techbridge.planning.selectors import GoalView, result_rows

FONT = "STSong-Light"
METHODS = ("compromise", "topsis", "promethee_ii", "vikor")


def _styles():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "BodyText", "Normal"):
        styles[name].fontName = FONT
    return styles


def _table(rows: list[list], widths=None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c9d1db")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _pdf(story_builder) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
    )
    doc.build(story_builder(_styles()))
    return buffer.getvalue()


def study_pdf(study: Study) -> bytes:
    def story(st):
        out = [Paragraph(study.title, st["Title"])]
        if study.description:
            out.append(Paragraph(study.description, st["BodyText"]))
        out.append(Paragraph(_("Criteria and weights"), st["Heading2"]))
        out.append(
            _table(
                [[_("Criterion"), _("Kind"), _("Weight")]]
                + [
                    [Paragraph(c.label, st["Normal"]), c.kind, f"{c.weight:.3f}"]
                    for c in study.criteria.all()
                ],
                [150 * mm, 30 * mm, 25 * mm],
            )
        )
        if study.weights_report.get("consistency_ratio") is not None:
            out.append(
                Paragraph(
                    _("AHP consistency ratio: {cr:.3f}").format(cr=study.weights_report["consistency_ratio"]),
                    st["BodyText"],
                )
            )
        rows = result_rows(study)
        if rows:
            out.append(Paragraph(_("Ranking"), st["Heading2"]))
            head = [
                _("Site"),
                _("Country"),
                _("Compromise"),
                "TOPSIS",
                "PROMETHEE II",
                "VIKOR",
                _("SMAA first-rank"),
                _("Cost"),
            ]
            out.append(
                _table(
                    [head]
                    + [
                        [
                            r.site,
                            r.country,
                            *[r.ranks.get(m, "") for m in METHODS],
                            f"{r.acceptability[0]:.0%}" if r.acceptability else "",
                            f"{r.cost:g}",
                        ]
                        for r in rows
                    ]
                )
            )
        stability = (study.result or {}).get("stability") or []
        if stability:
            out.append(Paragraph(_("Weight ranges keeping the top site first"), st["Heading2"]))
            out.append(
                _table(
                    [[_("Criterion"), _("Weight"), _("From"), _("To"), _("Top site")]]
                    + [
                        [
                            w["criterion"],
                            f"{w['weight']:.3f}",
                            f"{w['low']:.3f}",
                            f"{w['high']:.3f}",
                            w["top"],
                        ]
                        for w in stability
                    ]
                )
            )
        if study.portfolio:
            p = study.portfolio
            out.append(Paragraph(_("Portfolio"), st["Heading2"]))
            out.append(
                Paragraph(
                    _("{k} sites within a budget of {budget:g}: {sites} (cost {cost:g}).").format(
                        k=p["k"], budget=p["budget"], sites=", ".join(p["sites"]), cost=p["total_cost"]
                    ),
                    st["BodyText"],
                )
            )
        out.append(Spacer(1, 6 * mm))
        return out

    return _pdf(story)


def _xlsx(sheets: list[tuple[str, list[list]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title[:31])
        for row in rows:
            ws.append(row)
        for cell in ws[1] if rows else []:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def study_xlsx(study: Study) -> bytes:
    criteria = list(study.criteria.all())
    sites = [[_("name"), _("country"), _("city"), "lat", "lon", _("cost"), *[c.key for c in criteria]]] + [
        [
            s.name,
            s.country_id,
            s.city.key if s.city else "",
            s.lat,
            s.lon,
            s.cost,
            *[s.values.get(c.key) for c in criteria],
        ]
        for s in study.sites.select_related("city")
    ]
    crit_rows = [[_("key"), _("label"), _("kind"), _("weight"), _("computed from")]] + [
        [c.key, c.label, c.kind, c.weight, c.metric] for c in criteria
    ]
    ranking = [[_("site"), _("country"), *METHODS, _("SMAA first-rank acceptability"), _("in portfolio")]] + [
        [
            r.site,
            r.country,
            *[r.ranks.get(m) for m in METHODS],
            r.acceptability[0] if r.acceptability else None,
            r.in_portfolio,
        ]
        for r in result_rows(study)
    ]
    return _xlsx([(_("Sites"), sites), (_("Criteria"), crit_rows), (_("Ranking"), ranking)])


def _target_row(tv) -> list:
    t = tv.target
    return [
        t.title,
        t.unit,
        t.baseline,
        t.target_value,
        tv.value,
        str(t.start),
        str(t.due),
        tv.progress.percent if tv.progress else None,
        tv.progress.expected_percent if tv.progress else None,
        tv.progress.status if tv.progress else "",
        tv.trend.direction if tv.trend else "",
        t.metric or _("entered"),
    ]


def _plan_head() -> list[str]:
    return [
        _("Target"),
        _("Unit"),
        _("Baseline"),
        _("Target value"),
        _("Current"),
        _("Start"),
        _("Due"),
        _("Done %"),
        _("Expected %"),
        _("Status"),
        _("Trend"),
        _("Source"),
    ]


def plan_pdf(plan: Plan, goals: list[GoalView]) -> bytes:
    def story(st):
        out = [Paragraph(plan.title, st["Title"]), Paragraph(f"{plan.start} - {plan.end}", st["BodyText"])]
        if plan.description:
            out.append(Paragraph(plan.description, st["BodyText"]))
        for g in goals:
            out.append(Paragraph(("· " * g.depth) + g.goal.title, st["Heading2"]))
            if g.targets:
                out.append(
                    _table(
                        [_plan_head()]
                        + [
                            [
                                Paragraph(str(c), st["Normal"]) if i == 0 else c
                                for i, c in enumerate(_target_row(tv))
                            ]
                            for tv in g.targets
                        ]
                    )
                )
        return out

    return _pdf(story)


def plan_xlsx(plan: Plan, goals: list[GoalView]) -> bytes:
    rows = [[_("Goal"), *_plan_head()]]
    for g in goals:
        for tv in g.targets:
            rows.append([g.goal.title, *_target_row(tv)])
    return _xlsx([(_("Targets"), rows)])
