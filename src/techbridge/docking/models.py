"""Docking: expressions of interest, saved searches, notifications and the brokers' glossary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.marketplace.models import Language


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Interest(models.Model):
    """An organisation's expression of interest in a profile; acceptance reveals confidential details."""

    profile = models.ForeignKey("marketplace.Profile", on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="interests_sent"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=InterestStatus.choices, default=InterestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "organisation"], name="one_interest_per_organisation")
        ]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")

    def __str__(self) -> str:
        return f"{self.organisation} -> {self.profile.reference} ({self.status})"


class SearchTarget(models.TextChoices):
    TECHNOLOGIES = "technologies", _("Technologies (offers)")
    NEEDS = "needs", _("Needs (requests)")
    PARTNERS = "partners", _("R&D and business partners")
    EXPERTS = "experts", _("Experts and talents")


class SavedSearch(models.Model):
    """A member's standing query: new published profiles that match it raise an alert."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.TextField(_("what you look for"), max_length=5000)
    target = models.CharField(_("looking for"), max_length=16, choices=SearchTarget.choices)
    threshold = models.PositiveSmallIntegerField(_("minimum score"), default=40)
    email = models.BooleanField(_("also by e-mail"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("saved search")

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """An in-app message (match alerts, decisions on interests)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    saved_search = models.ForeignKey(SavedSearch, null=True, blank=True, on_delete=models.CASCADE)
    profile = models.ForeignKey("marketplace.Profile", null=True, blank=True, on_delete=models.CASCADE)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "profile"], name="one_alert_per_search_and_profile"
            )
        ]

    def __str__(self) -> str:
        return self.title


class GlossaryEntry(models.Model):
    """A broker's term of the domain glossary: a term in one language -> an English term. It overrides the
    general bilingual lexicons when texts are mapped onto English for matching (e.g. 储能 -> energy storage)."""

    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    term = models.CharField(_("term"), max_length=120)
    english = models.CharField(_("English term"), max_length=120)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="one_glossary_term_per_language")
        ]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        return f"{self.language}: {self.term} -> {self.english}"
