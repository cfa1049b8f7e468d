"""The event's time plan: slots follow from first day, days, sessions and slot length, in the event's zone.

Slot indexes are chronological and 0-based, as in :mod:`techbridge.core.scheduling`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.translation import gettext as _

SESSION_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
MAX_SLOTS = 400


class PlanError(ValueError):
    """A bad time-plan setting; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class SlotTime:
    index: int
    day: int
    session: int
    start: dt.datetime  # aware, in the event's time zone
    end: dt.datetime


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PlanError(
            "time_zone", _("Unknown time zone %(name)r; use a name like Europe/Warsaw.") % {"name": name}
        ) from None


def parse_sessions(text: str) -> list[tuple[dt.time, dt.time]]:
    """ "09:00-12:00,14:00-17:00" -> [(09:00, 12:00), (14:00, 17:00)], in order and not overlapping."""
    out: list[tuple[dt.time, dt.time]] = []
    for part in (text or "").split(","):
        m = SESSION_RE.match(part)
        if not m:
            raise PlanError(
                "sessions",
                _("Write each session as HH:MM-HH:MM, comma separated; got %(part)r.") % {"part": part},
            )
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise PlanError("sessions", _("Not a time of day: %(part)r.") % {"part": part.strip()})
        start, end = dt.time(h1, m1), dt.time(h2, m2)
        if end <= start:
            raise PlanError(
                "sessions", _("A session must end after it starts: %(part)r.") % {"part": part.strip()}
            )
        if out and start < out[-1][1]:
            raise PlanError("sessions", _("Sessions must be in order and must not overlap."))
        out.append((start, end))
    return out


def slot_times(event) -> list[SlotTime]:
    """Every slot of the event, chronologically; raises PlanError on a bad setting."""
    tz = zone(event.time_zone)
    if event.slot_minutes < 5:
        raise PlanError("slot_minutes", _("A slot lasts at least 5 minutes."))
    step = dt.timedelta(minutes=event.slot_minutes)
    out: list[SlotTime] = []
    for day in range(event.days):
        date = event.start_date + dt.timedelta(days=day)
        for s, (start, end) in enumerate(parse_sessions(event.sessions)):
            t = dt.datetime.combine(date, start, tzinfo=tz)
            stop = dt.datetime.combine(date, end, tzinfo=tz)
            while t + step <= stop:
                out.append(SlotTime(len(out), day, s, t, t + step))
                t += step
    if not out:
        raise PlanError("slot_minutes", _("The sessions are shorter than one slot."))
    if len(out) > MAX_SLOTS:
        raise PlanError(
            "slot_minutes", _("At most %(n)s slots; use longer slots or fewer days.") % {"n": MAX_SLOTS}
        )
    return out


def platform_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def second_zone(event) -> ZoneInfo | None:
    """The platform's zone (the viewer's default) when it differs from the event's, else None."""
    mine = platform_zone()
    theirs = zone(event.time_zone)
    probe = dt.datetime.combine(event.start_date, dt.time(12), tzinfo=theirs)
    return mine if probe.utcoffset() != probe.astimezone(mine).utcoffset() else None
