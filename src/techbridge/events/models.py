"""Events: docking conferences with registrations, meeting requests, scheduled meetings and outcomes.

A Registration is one attending person: an Organisation plus either a signed-in user (members register
themselves) or just a name (registered by the organiser, e.g. demo participants or walk-ins).
Slots are not stored: they follow from the event's days, sessions and slot length (see `timeplan`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """A docking conference (brokerage event) and the summary of its latest schedule."""

    title = models.CharField(_("title"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    start_date = models.DateField(_("first day"))
    days = models.PositiveSmallIntegerField(_("days"), default=1)
    sessions = models.CharField(
        _("sessions"),
        max_length=200,
        default="09:00-12:00,14:00-17:00",
        help_text=_("e.g. 09:00-12:00,14:00-17:00"),
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    tables = models.PositiveSmallIntegerField(_("tables"), default=10)
    virtual = models.BooleanField(_("virtual meetings possible"), default=False)
    description = models.TextField(_("description"), blank=True)
    request_deadline = models.DateTimeField(_("deadline for meeting requests"), null=True, blank=True)
    max_requests = models.PositiveSmallIntegerField(_("requests a participant may send"), default=10)
    max_meetings = models.PositiveSmallIntegerField(_("meetings per participant"), null=True, blank=True)
    require_all = models.BooleanField(_("every accepted meeting must be scheduled"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="events_organised"
    )
    # Summary of the latest schedule run (the meetings carry their slot and table).
    schedule_status = models.CharField(max_length=12, blank=True, default="")
    schedule_weight = models.IntegerField(null=True, blank=True)
    schedule_bound = models.IntegerField(null=True, blank=True)
    schedule_breaks = models.IntegerField(null=True, blank=True)
    schedule_breaks_bound = models.IntegerField(null=True, blank=True)
    schedule_moved = models.IntegerField(null=True, blank=True)
    schedule_conflicts = models.JSONField(default=list, blank=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    schedule_job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("event")

    def __str__(self) -> str:
        return self.title

    @property
    def gap(self) -> float | None:
        if self.schedule_weight is None or not self.schedule_bound:
            return None if self.schedule_weight is None else 0.0
        return max(0.0, (self.schedule_bound - self.schedule_weight) / self.schedule_bound)


class Registration(models.Model):
    """One attending person of an organisation, with the profiles they bring to the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="event_registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what you offer or seek at this event"), max_length=1000, blank=True)
    profiles = models.ManyToManyField("marketplace.Profile", blank=True, related_name="event_registrations")
    attends_virtually = models.BooleanField(_("attends virtually"), default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    no_show = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(user__isnull=False),
                name="one_registration_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MeetingRequest(models.Model):
    """One participant asks another for a meeting; acceptance creates the Meeting to schedule."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_sent")
    recipient = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_received")
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["requester", "recipient"], name="one_request_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.requester.name} -> {self.recipient.name} ({self.status})"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


class Outcome(models.TextChoices):
    NONE = "", _("Not recorded")
    NO_INTEREST = "no_interest", _("No interest")
    FOLLOW_UP = "follow_up", _("Follow-up")
    COOPERATION = "cooperation", _("Cooperation intention")


class Meeting(models.Model):
    """An accepted request: its slot and table once scheduled, and its outcome after the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.IntegerField(null=True, blank=True)
    table = models.CharField(max_length=20, blank=True, default="")
    virtual = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True, default="")
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    # The cases app does not exist yet: a hand-over is recorded here and listed for the organiser.
    handed_over = models.BooleanField(default=False)
    handed_over_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot", "table", "pk"]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot}/{self.table}"

    @property
    def participants(self) -> tuple[Registration, Registration]:
        return self.request.requester, self.request.recipient
