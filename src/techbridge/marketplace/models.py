"""Marketplace: typed profiles (offers, requests, partner searches, business cooperation) and their history."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from techbridge.core.marketplace.lifecycle import Status as CoreStatus


class TextJSONEncoder(json.JSONEncoder):
    """JSON with non-ASCII characters as they are, not as \\u escapes: on SQLite the stored text is what free-text
    search reads, and a Chinese word must be found in it as written (PostgreSQL's jsonb keeps them anyway)."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class ProfileKind(models.TextChoices):
    OFFER = "offer", _("Technology offer")
    REQUEST = "request", _("Technology request")
    RND = "rnd", _("R&D partner search")
    BUSINESS = "business", _("Business cooperation")


class Status(models.TextChoices):
    DRAFT = CoreStatus.DRAFT.value, _("Draft")
    SUBMITTED = CoreStatus.SUBMITTED.value, _("Submitted")
    IN_REVIEW = CoreStatus.IN_REVIEW.value, _("In review")
    PUBLISHED = CoreStatus.PUBLISHED.value, _("Published")
    EXPIRED = CoreStatus.EXPIRED.value, _("Expired")
    WITHDRAWN = CoreStatus.WITHDRAWN.value, _("Withdrawn")


class IprStatus(models.TextChoices):
    PATENT_GRANTED = "patent_granted", _("Patent granted")
    PATENT_APPLIED = "patent_applied", _("Patent applied for")
    EXCLUSIVE_RIGHTS = "exclusive_rights", _("Exclusive rights")
    SECRET_KNOWHOW = "secret_knowhow", _("Secret know-how")
    COPYRIGHT = "copyright", _("Copyright")
    TRADEMARK = "trademark", _("Trademark")
    REGISTERED_DESIGN = "registered_design", _("Registered design")
    NONE = "none", _("No IPR")


class PartnershipType(models.TextChoices):
    LICENCE = "licence", _("Licence agreement")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    RESEARCH_COOPERATION = "research_cooperation", _("Research cooperation")
    TECHNICAL_COOPERATION = "technical_cooperation", _("Technical cooperation")
    COMMERCIAL_TECHNICAL_ASSISTANCE = (
        "commercial_technical_assistance",
        _("Commercial agreement with technical assistance"),
    )
    INVESTMENT = "investment", _("Investment")


class Language(models.TextChoices):
    ZH = "zh", "中文"
    EN = "en", "English"
    PL = "pl", "Polski"
    CS = "cs", "Čeština"
    HU = "hu", "Magyar"
    SK = "sk", "Slovenčina"
    RO = "ro", "Română"
    BG = "bg", "Български"
    HR = "hr", "Hrvatski"
    SR = "sr", "Српски"
    SL = "sl", "Slovenščina"
    EL = "el", "Ελληνικά"
    ET = "et", "Eesti"
    LV = "lv", "Latviešu"
    LT = "lt", "Lietuvių"
    MK = "mk", "Македонски"
    SQ = "sq", "Shqip"
    BS = "bs", "Bosanski"


class Profile(models.Model):
    """A published need or capability of an organisation (fields after the EEN partnering database)."""

    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=ProfileKind.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="profiles",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("text language"), max_length=2, choices=Language.choices)
    translations = models.JSONField(_("translations"), default=dict, blank=True, encoder=TextJSONEncoder)
    technology_keywords = models.ManyToManyField(
        "directory.TaxonomyTerm", verbose_name=_("technology keywords"), blank=True, related_name="+"
    )
    market_keywords = models.ManyToManyField(
        "directory.TaxonomyTerm", verbose_name=_("market keywords"), blank=True, related_name="+"
    )
    trl = models.PositiveSmallIntegerField(
        _("development stage (TRL)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    ipr_status = models.CharField(_("IPR status"), max_length=20, choices=IprStatus.choices, blank=True)
    partnership_types = models.JSONField(_("partnership types sought"), default=list, blank=True)
    target_countries = models.ManyToManyField(
        "directory.Country", verbose_name=_("target countries"), blank=True, related_name="+"
    )
    partner_kinds = models.JSONField(_("expected partner type"), default=list, blank=True)
    confidential_details = models.TextField(_("confidential details"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    expires_at = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    source_key = models.CharField(max_length=100, blank=True, db_index=True)  # demo or import identity
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["language"]),
            # the marketplace list at 100,000 profiles: newest first without sorting, counts from the index
            models.Index(fields=["-published_at", "-created_at", "-id"], name="profile_list_order_idx"),
            models.Index(
                fields=["status", "organisation", "kind", "trl", "language"], name="profile_list_filter_idx"
            ),
        ]
        verbose_name = _("profile")

    def translated(self, field: str) -> str:
        """The field in the viewer's language where a translation exists, else in the original."""
        lang = (get_language() or "en")[:2]
        if lang != self.language:
            text = (self.translations.get(lang) or {}).get(field)
            if text:
                return text
        return getattr(self, field)

    @property
    def display_title(self) -> str:
        return self.translated("title")

    @property
    def display_summary(self) -> str:
        return self.translated("summary")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class ProfileAction(models.TextChoices):
    CREATE = "create", _("created")
    EDIT = "edit", _("edited")
    SUBMIT = "submit", _("submitted")
    START_REVIEW = "start_review", _("review started")
    COMMENT = "comment", _("commented")
    REQUEST_CHANGES = "request_changes", _("changes requested")
    PUBLISH = "publish", _("published")
    WITHDRAW = "withdraw", _("withdrawn")
    EXPIRE = "expire", _("expired")
    RENEW = "renew", _("renewed")


class ProfileEvent(models.Model):
    """One entry of a profile's history: a transition or a broker's review comment."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=16, choices=ProfileAction.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.profile.reference}: {self.action}"
