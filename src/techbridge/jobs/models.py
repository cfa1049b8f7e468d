"""A background job: what to run (kind + params), who asked, and where it is in its life."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATES = (JobState.QUEUED.value, JobState.RUNNING.value)


class Job(models.Model):
    """One submitted job. Workers claim it with a compare-and-set on `state`, so it runs once at a time.

    `attempts` counts claims and doubles as the lease token: a worker may only record progress or a result
    while the row still carries the attempt number it claimed, so a worker presumed dead cannot overwrite the
    result of the run that replaced it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED, db_index=True
    )
    progress = models.FloatField(_("progress"), default=0.0)
    message = models.CharField(_("message"), max_length=300, blank=True, default="")
    result = models.JSONField(_("result"), null=True, blank=True)
    result_url = models.CharField(_("result page"), max_length=500, blank=True, default="")
    error = models.TextField(_("reason of failure"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=1)
    recoveries = models.PositiveIntegerField(_("recoveries after a lost worker"), default=0)
    cancel_requested = models.BooleanField(_("cancellation requested"), default=False)
    worker = models.CharField(_("worker"), max_length=200, blank=True, default="")
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    run_after = models.DateTimeField(_("not before"), default=timezone.now, db_index=True)
    unique_key = models.CharField(_("unique key"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["state", "run_after"], name="jobs_due_idx")]
        constraints = [
            # At most one queued or running job per unique key: periodic kinds, coalesced re-indexing.
            models.UniqueConstraint(
                fields=["unique_key"],
                condition=models.Q(state__in=ACTIVE_STATES) & ~models.Q(unique_key=""),
                name="jobs_one_active_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> int:
        return max(0, min(100, round(self.progress * 100)))

    @property
    def title(self) -> str:
        """The registered human title of the kind, else the kind itself."""
        from techbridge.jobs.registry import get_spec

        spec = get_spec(self.kind)
        return str(spec.title) if spec is not None and spec.title else self.kind
