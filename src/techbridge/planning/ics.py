"""The calendar as an iCalendar feed (RFC 5545) built with the icalendar library: all-day events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from techbridge.planning.models import CalendarEvent


def calendar_ics(events: Iterable[CalendarEvent], host: str = "techbridge") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//TechBridge//Planning calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "TechBridge")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in events:
        event = Event()
        event.add("uid", f"calendar-event-{item.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.start)
        event.add("dtend", (item.end or item.start) + dt.timedelta(days=1))  # DTEND is exclusive
        event.add("categories", [item.kind])
        place = ", ".join(str(x) for x in (item.city, item.country) if x)
        if place:
            event.add("location", place)
        if item.url:
            event.add("url", item.url)
        if item.description:
            event.add("description", item.description)
        cal.add_component(event)
    return cal.to_ical()
