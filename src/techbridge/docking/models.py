"""Docking: expressions of interest between organisations and profiles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
