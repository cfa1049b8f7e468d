"""Import runs (who imported what, when, with which outcome) and the mapping of external records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People")
    PROFILES = "profiles", _("Profiles")
    CORDIS_PROJECTS = "cordis-projects", _("CORDIS projects and organisations")


class ImportMode(models.TextChoices):
    CREATE = "create", _("Create only (an existing key is an error)")
    UPSERT = "upsert", _("Create or update (an existing key is updated)")


class ImportRun(models.Model):
    """One dry run or commit of an import file, with its counts and row errors."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(_("entity"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(max_length=8, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=ImportMode.choices, default=ImportMode.CREATE)
    profile_status = models.CharField(max_length=12, default="draft")
    dry_run = models.BooleanField(_("dry run"), default=True)
    committed = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    changes = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    # The uploaded files kept between the dry run and the commit (names under MEDIA_ROOT/imports).
    stored_files = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({'dry run' if self.dry_run else 'commit'})"


class ExternalRecord(models.Model):
    """A record of an external source (e.g. a CORDIS project) and the profile made from it."""

    source = models.CharField(max_length=20)
    external_id = models.CharField(max_length=64)
    profile = models.ForeignKey("marketplace.Profile", on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="unique_external_record")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"
