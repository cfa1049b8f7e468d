"""A participant's agenda as an iCalendar file (RFC 5545, icalendar) and as a printable PDF (reportlab:
Chinese through the built-in CID font STSong-Light, Latin text in Helvetica)."""

from __future__ import annotations

import datetime as dt
import io
import re
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as IcsEvent
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from techbridge.events.models import Registration
from techbridge.events.selectors import AgendaItem

CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _where(item: AgendaItem) -> str:
    return _("virtual meeting") if item.meeting.virtual else _("table %(t)s") % {"t": item.meeting.table}


def agenda_ics(registration: Registration, items: list[AgendaItem], host: str = "techbridge") -> bytes:
    event = registration.event
    cal = Calendar()
    cal.add("prodid", "-//TechBridge//Event agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{event.title}: {registration.name}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in items:
        other = item.other
        ev = IcsEvent()
        ev.add("uid", f"event-{event.pk}-meeting-{item.meeting.pk}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{other.name} ({other.organisation.name})")
        ev.add("dtstart", item.start.astimezone(dt.UTC))  # UTC: no VTIMEZONE needed, correct everywhere
        ev.add("dtend", item.end.astimezone(dt.UTC))
        ev.add("location", f"{event.venue}, {_where(item)}")
        if other.description:
            ev.add("description", other.description)
        cal.add_component(ev)
    return cal.to_ical()


def _font_runs(text: str) -> str:
    """Mark up mixed text so Chinese runs use the CID font and the rest Helvetica."""
    out, buf, cjk = [], "", None
    for ch in text:
        is_cjk = bool(CJK.match(ch))
        if cjk is not None and is_cjk != cjk:
            out.append((buf, cjk))
            buf = ""
        buf, cjk = buf + ch, is_cjk
    if buf:
        out.append((buf, bool(cjk)))
    return "".join(f'<font name="{CJK_FONT if c else LATIN_FONT}">{escape(t)}</font>' for t, c in out)


def _styles():
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "BodyText", "Normal"):
        styles[name].fontName = LATIN_FONT
    return styles


def agenda_pdf(registration: Registration, items: list[AgendaItem], second_zone: str | None) -> bytes:
    event = registration.event
    st = _styles()
    cell = st["BodyText"]
    story = [
        Paragraph(_font_runs(event.title), st["Title"]),
        Paragraph(_font_runs(f"{registration.name} · {registration.organisation.name}"), st["Heading2"]),
        Paragraph(_font_runs(f"{event.venue} · {_('times in')} {event.time_zone}"), cell),
        Spacer(1, 4 * mm),
    ]
    head = [_("Time"), *([second_zone] if second_zone else []), _("With"), _("Organisation"), _("Where")]
    rows = [[Paragraph(_font_runs(h), cell) for h in head]]
    for item in items:
        row = [f"{item.start:%Y-%m-%d %H:%M}-{item.end:%H:%M}"]
        if second_zone:
            row.append(f"{item.start_second:%m-%d %H:%M}" if item.start_second else "")
        row += [item.other.name, item.other.organisation.name, _where(item)]
        rows.append([Paragraph(_font_runs(str(v)), cell) for v in row])
    if not items:
        story.append(Paragraph(_font_runs(_("No meetings scheduled yet.")), cell))
    else:
        table = Table(rows, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c9d1db")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm
    ).build(story)
    return buffer.getvalue()
