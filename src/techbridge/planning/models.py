"""Planning and exchange: location studies (sites, criteria, judgements), exchange programmes, plans with
targets, and the calendar of expos, conferences and delegation visits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# --- location planner -------------------------------------------------------------------------------


class SiteLevel(models.TextChoices):
    CITY = "city", _("City")
    COUNTRY = "country", _("Country")


class Study(models.Model):
    """A location study: where to place overseas innovation centres; results of the last run as JSON."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("candidate level"), max_length=8, choices=SiteLevel.choices, default="city")
    smaa_samples = models.PositiveIntegerField(_("SMAA samples"), default=4000)
    seed = models.PositiveIntegerField(_("random seed"), default=0)
    weights_source = models.CharField(max_length=8, blank=True)  # "", "ahp", "bwm": last applied
    weights_report = models.JSONField(default=dict, blank=True)  # CR, worst triple, judges
    result = models.JSONField(null=True, blank=True)  # SitePlan.as_dict() plus inputs
    result_at = models.DateTimeField(null=True, blank=True)
    portfolio = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("location study")
        verbose_name_plural = _("location studies")

    def __str__(self) -> str:
        return self.title


class CriterionKind(models.TextChoices):
    BENEFIT = "benefit", _("Benefit (more is better)")
    COST = "cost", _("Cost (less is better)")


class StudyCriterion(models.Model):
    """A criterion of a study; `metric` names a platform metric that computes its value per site."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("label"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=CriterionKind.choices, default="benefit")
    weight = models.FloatField(_("weight"), default=1.0)
    metric = models.CharField(_("computed from"), max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["study", "key"], name="unique_criterion_key")]

    def __str__(self) -> str:
        return self.label


class Site(models.Model):
    """A candidate location (a city, or a whole country); `values` maps criterion key -> number."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=120)
    country = models.ForeignKey("directory.Country", verbose_name=_("country"), on_delete=models.PROTECT)
    city = models.ForeignKey(
        "directory.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    cost = models.FloatField(_("annual cost (k EUR)"), default=0)
    values = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["study", "name"], name="unique_site_name")]

    def __str__(self) -> str:
        return self.name


class WeightMethod(models.TextChoices):
    AHP = "ahp", _("AHP pairwise comparison")
    BWM = "bwm", _("Best-worst method")


class Judgement(models.Model):
    """One judge's comparisons: AHP upper-triangle judgements, or BWM best/worst vectors."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="judgements")
    method = models.CharField(max_length=4, choices=WeightMethod.choices)
    judge = models.CharField(_("judge"), max_length=120)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    data = models.JSONField(default=dict)
    consistency_ratio = models.FloatField(null=True, blank=True)
    weights = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["study", "method", "judge"], name="one_judgement_per_judge")
        ]

    def __str__(self) -> str:
        return f"{self.judge} ({self.method})"


# --- exchange programmes ----------------------------------------------------------------------------


class ProgrammeKind(models.TextChoices):
    TALENT_VISIT = "talent_visit", _("Talent visit or tour")
    TRAINING = "training", _("Training agreement")
    JOINT_LAB = "joint_lab", _("Joint laboratory")
    PARK = "park", _("Science-park cooperation")
    DELEGATION = "delegation", _("Delegation or on-the-spot investigation")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Programme(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    description = models.TextField(_("description"), blank=True)
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("partner country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    partners = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="programmes",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    outcomes = models.TextField(_("outcomes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("programme")

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="programme_participations",
    )
    role = models.CharField(_("role"), max_length=80, blank=True)

    class Meta:
        ordering = ["programme__start", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "person"], name="unique_participation")]

    def __str__(self) -> str:
        return f"{self.person} in {self.programme}"


class Milestone(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title


# --- plans and targets ------------------------------------------------------------------------------


class Plan(models.Model):
    """A medium- or long-term cooperation plan: a tree of goals with measurable targets."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("plan")

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A measurable target; its current value is entered (`manual_value`) or computed by `metric`."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    title = models.CharField(_("title"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.FloatField(_("baseline"), default=0)
    target_value = models.FloatField(_("target value"))
    start = models.DateField(_("start"))
    due = models.DateField(_("due"))
    metric = models.CharField(_("computed from"), max_length=40, blank=True)
    metric_params = models.JSONField(default=dict, blank=True)
    manual_value = models.FloatField(_("current value"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class TargetReading(models.Model):
    """A dated value of a target (entered, or a snapshot of its computed value), for the trend."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="readings")
    on = models.DateField()
    value = models.FloatField()

    class Meta:
        ordering = ["on", "id"]
        constraints = [models.UniqueConstraint(fields=["target", "on"], name="one_reading_per_day")]

    def __str__(self) -> str:
        return f"{self.target}: {self.value} on {self.on}"


# --- calendar ---------------------------------------------------------------------------------------


class CalendarKind(models.TextChoices):
    EXPO = "expo", _("Expo")
    MINISTERIAL = "ministerial", _("Ministerial conference")
    DOCKING = "docking", _("Docking conference")
    DELEGATION = "delegation", _("Delegation visit")
    OTHER = "other", _("Other")


class CalendarEvent(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=CalendarKind.choices)
    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    city = models.ForeignKey(
        "directory.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    url = models.URLField(_("web address"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("calendar event")

    def __str__(self) -> str:
        return self.title
