"""Evaluation: frameworks of a composite cooperation index, datasets per year, and index runs with results.

A framework's ``spec`` is the core's index spec (``framework``, ``method``, ``uncertainty``, ``meta``), so
it round-trips to the YAML/JSON files analysts upload and download. No personal data is stored here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    """A composite-indicator framework (tree of indicators and aggregates) with its method choices."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    spec = models.JSONField(_("specification"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_preset = models.BooleanField(_("preset"), default=False)
    illustrative = models.BooleanField(_("illustrative data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    @property
    def title(self) -> str:
        """The name in the UI language: the spec's Chinese title while the name is still its English title."""
        from django.utils.translation import get_language

        meta = self.spec.get("meta") or {}
        if (
            (get_language() or "").startswith("zh")
            and meta.get("title_zh")
            and self.name == meta.get("title_en")
        ):
            return meta["title_zh"]
        return self.name

    def __str__(self) -> str:
        return self.name


class DatasetSource(models.TextChoices):
    UPLOAD = "upload", _("Uploaded file")
    PLATFORM = "platform", _("Platform indicators")
    PRESET = "preset", _("Preset (illustrative)")


class Dataset(models.Model):
    """Indicator values of the units for one year: ``rows`` is a list of records keyed by column name."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="datasets")
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=DatasetSource.choices)
    illustrative = models.BooleanField(_("illustrative data"), default=False)
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return f"{self.name} ({self.year or '-'})"


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class IndexRun(models.Model):
    """One computation of the index on a dataset, optionally with Monte Carlo uncertainty and sensitivity."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="runs")
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="runs")
    spec = models.JSONField(default=dict)  # the framework spec as it was when the run started
    mc_runs = models.PositiveIntegerField(_("Monte Carlo runs"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    results = models.JSONField(default=dict, blank=True)
    analysis = models.JSONField(default=dict, blank=True)
    uncertainty = models.JSONField(default=dict, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("index run")
        verbose_name_plural = _("index runs")

    @property
    def illustrative(self) -> bool:
        return self.dataset.illustrative or self.framework.illustrative

    def __str__(self) -> str:
        return f"{self.framework} / {self.dataset} ({self.state})"
