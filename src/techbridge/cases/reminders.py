"""Reminders for overdue cases: an in-app notification and an e-mail to the responsible broker, once a day."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.cases import selectors
from techbridge.cases.services import notify


def reminders_send(today: dt.date | None = None) -> int:
    """Remind the broker of every overdue open case; returns how many reminders went out."""
    today = today or timezone.localdate()
    sent = 0
    for case in selectors.overdue(today):
        days = (today - case.next_action_due).days
        title = _("Overdue case #%(pk)d: %(title)s") % {"pk": case.pk, "title": case.title}
        body = _("Next action “%(action)s” was due on %(due)s (%(days)d days ago).") % {
            "action": case.next_action or "-",
            "due": case.next_action_due.isoformat(),
            "days": days,
        }
        url = reverse("case-detail", args=[case.pk])
        notify(case.broker, title, body, url)
        if case.broker.email:
            send_mail(title, f"{body}\n\n{url}", settings.DEFAULT_FROM_EMAIL, [case.broker.email])
        case.reminded_on = today
        case.save(update_fields=["reminded_on"])
        sent += 1
    return sent
