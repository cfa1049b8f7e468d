"""Exports of an index run: an XLSX workbook (openpyxl) and a PDF report in Chinese or English (reportlab).

Chinese text uses reportlab's built-in CID font STSong-Light (Adobe's Asian font pack is not needed: PDF
readers substitute a Song typeface), so no font file ships with the platform.
"""

from __future__ import annotations

import io

from techbridge.evaluation import selectors
from techbridge.evaluation.models import IndexRun

CJK_FONT = "STSong-Light"


def xlsx_export(run: IndexRun) -> bytes:
    """Sheets: Ranking (scores and ranks of every aggregate), Indicators (raw and normalised), Uncertainty,
    Sensitivity; the first row of Ranking says when the data is illustrative."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    res = run.results
    book = Workbook()
    sheet = book.active
    sheet.title = "Ranking"
    if run.illustrative:
        sheet.append(["Illustrative data, not official / 示例数据，非官方数据"])
        sheet["A1"].font = Font(bold=True, color="9C5700")
    aggs = res.get("aggregates", [])
    sheet.append(["unit", "name", *aggs, *(f"{a}_rank" for a in aggs)])
    for u in res.get("units", []):
        sheet.append(
            [
                u["unit"],
                u.get("name", ""),
                *(u["scores"].get(a) for a in aggs),
                *(u["ranks"].get(a) for a in aggs),
            ]
        )
    indicators = res.get("indicators", [])
    for title, stage in (("Raw", "raw"), ("Normalised", "normalised")):
        ws = book.create_sheet(title)
        ws.append(["unit", *indicators])
        for unit, values in res.get(stage, {}).items():
            ws.append([unit, *(values.get(c) for c in indicators)])
    unc = run.uncertainty or {}
    if unc.get("ranks"):
        ws = book.create_sheet("Uncertainty")
        keys = list(unc["ranks"][0])
        ws.append(keys)
        for row in unc["ranks"]:
            ws.append([row.get(k) for k in keys])
        ws = book.create_sheet("Sensitivity")
        ws.append(["assumption", "S1", "S1_conf", "ST", "ST_conf"])
        for name, v in unc.get("sobol", {}).items():
            ws.append([name, v.get("S1"), v.get("S1_conf"), v.get("ST"), v.get("ST_conf")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_report(run: IndexRun, lang: str = "en") -> bytes:
    """A short report: title, data note, ranking with dimension scores, rank intervals, sensitivity."""
    return _pdf(run, "zh" if lang.startswith("zh") else "en")


def _styles(zh: bool):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    styles = getSampleStyleSheet()
    if zh:
        if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        for name in ("Title", "Heading2", "Normal"):
            styles[name].fontName = CJK_FONT
            styles[name].wordWrap = "CJK"
    return styles


# The report's own wording in both languages, so a Chinese report never depends on the UI catalogue.
LABELS = {
    "title": ("Cooperation index report", "合作指数评价报告"),
    "framework": ("Framework", "评价框架"),
    "year": ("Year", "年份"),
    "dataset": ("Dataset", "数据集"),
    "illustrative": ("Illustrative data, not official.", "示例数据，非官方数据。"),
    "ranking": ("Ranking", "排名"),
    "rank": ("Rank", "排名"),
    "unit": ("Unit", "评价对象"),
    "score": ("Score", "得分"),
    "uncertainty": ("Rank uncertainty (Monte Carlo, {runs} runs)", "排名不确定性（蒙特卡洛模拟，{runs} 次）"),
    "nominal": ("Nominal rank", "名义排名"),
    "median": ("Median rank", "排名中位数"),
    "interval": ("5-95% interval", "5%-95% 区间"),
    "sensitivity": ("Sensitivity (Sobol' indices)", "敏感性分析（Sobol 指数）"),
    "assumption": ("Assumption", "假设"),
    "s1": ("First order (S1)", "一阶效应 (S1)"),
    "st": ("Total (ST)", "总效应 (ST)"),
    "weights": ("Weights", "权重"),
    "normalise": ("Normalisation", "标准化方法"),
    "aggregate": ("Aggregation", "加总方法"),
    "treatment": ("Outlier treatment", "异常值处理"),
    "imputation": ("Imputation", "缺失值插补"),
    "method": (
        "Method: OECD/JRC Handbook on Constructing Composite Indicators (2008); uncertainty and sensitivity "
        "analysis after Saisana, Saltelli and Tarantola (2005).",
        "方法：经合组织/欧盟联合研究中心《综合指数构建手册》（2008）；不确定性与敏感性分析参照 "
        "Saisana、Saltelli 与 Tarantola（2005）。",
    ),
}


def _pdf(run: IndexRun, lang: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    zh = lang == "zh"

    def t(key: str, **values) -> str:
        return LABELS[key][1 if zh else 0].format(**values)

    styles = _styles(zh)
    font = CJK_FONT if zh else "Helvetica"
    res = run.results
    story = [Paragraph(t("title"), styles["Title"])]
    meta = run.spec.get("meta") or {}
    root = (res.get("names") or {}).get(res.get("root") or "", {})
    title = (meta.get("title_zh") or root.get("zh") if zh else meta.get("title_en")) or run.framework.name
    story.append(Paragraph(f"{t('framework')}: {_esc(title)}", styles["Normal"]))
    story.append(
        Paragraph(
            f"{t('dataset')}: {_esc(run.dataset.name)}; {t('year')}: {run.dataset.year or '-'}",
            styles["Normal"],
        )
    )
    if run.illustrative:
        story.append(Paragraph(f"<b>{t('illustrative')}</b>", styles["Normal"]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(t("ranking"), styles["Heading2"]))
    dims = res.get("dimensions", [])
    rows = selectors.ranking(run, lang)
    header = [t("rank"), t("unit"), t("score"), *(selectors.label(res, d, lang) for d in dims)]
    body = [
        [_fmt(r["rank"], 0), r["label"], _fmt(r["score"]), *(_fmt(v) for v in r["dimensions"])] for r in rows
    ]
    story.append(_table([header, *body], font))
    unc = run.uncertainty or {}
    if unc.get("ranks"):
        story.append(Paragraph(t("uncertainty", runs=unc.get("runs")), styles["Heading2"]))
        data = [[t("unit"), t("nominal"), t("median"), t("interval")]]
        data += [
            [
                r["label"],
                _fmt(r["nominal_rank"], 0),
                _fmt(r["median_rank"], 0),
                f"{_fmt(r['rank_p05'], 0)}-{_fmt(r['rank_p95'], 0)}",
            ]
            for r in rows
        ]
        story.append(_table(data, font))
        story.append(Paragraph(t("sensitivity"), styles["Heading2"]))
        data = [[t("assumption"), t("s1"), t("st")]]
        data += [
            [t(k) if k in LABELS else k, _fmt(v.get("S1"), 2), _fmt(v.get("ST"), 2)]
            for k, v in unc.get("sobol", {}).items()
        ]
        story.append(_table(data, font))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(t("method"), styles["Normal"]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=t("title"), leftMargin=15 * mm, rightMargin=15 * mm)
    doc.build(story)
    return out.getvalue()


def _table(data, font: str):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d1db")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
