"""Cases: parties, stage transitions, assessments, documents, agreements with follow-ups, match views, audit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.core.cases.stages import Stage as CoreStage

USER = settings.AUTH_USER_MODEL


class Stage(models.TextChoices):
    CONSULTATION = CoreStage.CONSULTATION.value, _("Consultation")
    EVALUATION = CoreStage.EVALUATION.value, _("Evaluation")
    DOCKING = CoreStage.DOCKING.value, _("Docking")
    NEGOTIATION = CoreStage.NEGOTIATION.value, _("Negotiation")
    AGREEMENT = CoreStage.AGREEMENT.value, _("Agreement")
    TRACKING = CoreStage.TRACKING.value, _("Tracking / incubation")
    CLOSED = CoreStage.CLOSED.value, _("Closed without agreement")


class CloseReason(models.TextChoices):
    NO_INTEREST = "no_interest", _("No further interest")
    TECHNOLOGY_UNSUITABLE = "technology_unsuitable", _("Technology unsuitable")
    TERMS_NOT_AGREED = "terms_not_agreed", _("Terms not agreed")
    IP_ISSUE = "ip_issue", _("Intellectual-property issue")
    FUNDING = "funding", _("No funding")
    PARTNER_WITHDREW = "partner_withdrew", _("A partner withdrew")
    DUPLICATE = "duplicate", _("Duplicate case")
    OTHER = "other", _("Other")


class Origin(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    INTEREST = "interest", _("Accepted expression of interest")
    MEETING = "meeting", _("Brokerage-event meeting")


class Decision(models.TextChoices):
    NONE = "", _("Not decided")
    PROCEED = "proceed", _("Proceed")
    PROCEED_WITH_CONDITIONS = "conditions", _("Proceed with conditions")
    STOP = "stop", _("Do not proceed")


class Case(models.Model):
    """A cooperation case run by a broker between two sides (a: the profile's owner, b: the counterpart)."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    origin = models.CharField(_("origin"), max_length=14, choices=Origin.choices)
    interest = models.ForeignKey(
        "docking.Interest", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    meeting = models.ForeignKey(
        "events.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    profiles = models.ManyToManyField("marketplace.Profile", blank=True, related_name="cases")
    broker = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="cases_run")
    stage = models.CharField(_("stage"), max_length=14, choices=Stage.choices, default=Stage.CONSULTATION)
    stage_since = models.DateTimeField()
    close_reason = models.CharField(_("reason"), max_length=24, choices=CloseReason.choices, blank=True)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_due = models.DateField(_("due date"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # last overdue reminder, one per day at most
    decision = models.CharField(
        _("evaluation decision"), max_length=12, choices=Decision.choices, blank=True, default=""
    )
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["next_action_due"])]
        verbose_name = _("case")

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


class Side(models.TextChoices):
    A = "a", _("Side A (profile owner)")
    B = "b", _("Side B (counterpart)")


class CaseParty(models.Model):
    """An organisation or a person on one side of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=1, choices=Side.choices)
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="case_parties"
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="case_parties"
    )
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        ordering = ["side", "pk"]

    def __str__(self) -> str:
        return f"{self.side}: {self.organisation or self.person}"


class Transition(models.Model):
    """One stage change of a case (the first row is the opening)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(max_length=14, blank=True)
    to_stage = models.CharField(max_length=14)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_stage} -> {self.to_stage}"


class EvaluatorTie(models.Model):
    """An evaluator's declared tie to an organisation (employment, shares, family, recent contract)."""

    evaluator = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="declared_ties")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluator", "organisation"], name="one_tie_per_org")]

    def __str__(self) -> str:
        return f"{self.evaluator_id} ~ {self.organisation_id}"


class Assessment(models.Model):
    """One evaluator's score sheet for a case, assigned by a broker."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    evaluator = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assessments")
    assigned_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "evaluator"], name="one_assessment_per_evaluator")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.evaluator_id}"


class DocumentKind(models.TextChoices):
    NDA = "nda", _("Non-disclosure agreement")
    MOU = "mou", _("Memorandum of understanding")
    CONTRACT = "contract", _("Contract")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class Document(models.Model):
    """One version of a case document; files live under MEDIA_ROOT (never served statically)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(default=1)
    file = models.FileField(upload_to="cases/%Y/%m/")
    filename = models.CharField(max_length=200)
    file_type = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "title", "version"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class AgreementKind(models.TextChoices):
    LICENCE = "licence", _("Licence")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    RESEARCH = "research", _("Research cooperation")
    SERVICE = "service", _("Technical service")
    JOINT_LAB = "joint_lab", _("Joint laboratory")
    TRAINING = "training", _("Talent training")
    MOU = "mou", _("Memorandum of understanding")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


SIGNED_STATUSES = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE, AgreementStatus.COMPLETED)


class Agreement(models.Model):
    """An entry of the agreements register."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(_("type"), max_length=14, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField("directory.Organisation", related_name="agreements")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("agreement")

    def __str__(self) -> str:
        return self.title


class FollowUp(models.Model):
    """Outcome tracking after signing (values as of `on`, cumulative since the signature)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField(_("date"))
    products_launched = models.PositiveIntegerField(_("products launched"), default=0)
    revenue = models.DecimalField(_("revenue"), max_digits=16, decimal_places=2, default=0)
    jobs = models.PositiveIntegerField(_("jobs created"), default=0)
    patents = models.PositiveIntegerField(_("patents filed"), default=0)
    follow_on_projects = models.PositiveIntegerField(_("follow-on projects"), default=0)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id} @ {self.on}"


class MatchView(models.Model):
    """A user opened a profile from a match list (the funnel's "matches viewed" step)."""

    user = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    profile = models.ForeignKey("marketplace.Profile", on_delete=models.CASCADE, related_name="match_views")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.profile_id}"


class AuditEntry(models.Model):
    """A field-level change of a profile, case, assessment or agreement: who, when, before/after."""

    model = models.CharField(max_length=40)  # app_label.model
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=20)
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict)  # field -> [before, after]

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.model}#{self.object_id} {self.action}"
