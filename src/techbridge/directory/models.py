"""Directory: countries, cities and their ties, organisations, people, and the technology taxonomy."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _zh() -> bool:
    return (get_language() or "en").startswith("zh")


class CountryGroup(models.TextChoices):
    CHINA = "china", _("China")
    CEE = "cee", _("Central and Eastern Europe")
    OTHER = "other", _("Other partner")


# A country's long reference fields: the profile and match pages that join a country for its name never read them,
# and decoding the holiday lists for every listed profile was a tenth of a list page's time.
COUNTRY_DETAILS = (
    "official_languages",
    "public_holidays",
    "movable_holidays",
    "business_culture_en",
    "business_culture_zh",
    "policy_notes_en",
    "policy_notes_zh",
)


def without_country_details(queryset, path: str = "organisation__country"):
    """``queryset`` with the country (at ``path``; "" for countries themselves) read without COUNTRY_DETAILS."""
    return queryset.defer(*(f"{path}__{name}" if path else name for name in COUNTRY_DETAILS))


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_local = models.CharField(_("local name"), max_length=100, blank=True)
    group = models.CharField(_("group"), max_length=8, choices=CountryGroup.choices)
    capital = models.CharField(_("capital"), max_length=100, blank=True)
    official_languages = models.JSONField(_("official languages"), default=list, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    public_holidays = models.JSONField(_("public holidays"), default=list, blank=True)
    movable_holidays = models.JSONField(_("movable holidays"), default=list, blank=True)
    business_culture_en = models.TextField(_("business culture (English)"), blank=True)
    business_culture_zh = models.TextField(_("business culture (Chinese)"), blank=True)
    policy_notes_en = models.TextField(_("policy notes (English)"), blank=True)
    policy_notes_zh = models.TextField(_("policy notes (Chinese)"), blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    @property
    def name(self) -> str:
        return self.name_zh if _zh() and self.name_zh else self.name_en

    @property
    def business_culture(self) -> str:
        return self.business_culture_zh if _zh() and self.business_culture_zh else self.business_culture_en

    @property
    def policy_notes(self) -> str:
        return self.policy_notes_zh if _zh() and self.policy_notes_zh else self.policy_notes_en

    def __str__(self) -> str:
        return self.name


class City(models.Model):
    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    name_local = models.CharField(_("local name"), max_length=100, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="cities")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    @property
    def name(self) -> str:
        return self.name_zh if _zh() and self.name_zh else self.name_en

    def __str__(self) -> str:
        return self.name


class CityTieKind(models.TextChoices):
    SISTER = "sister", _("Sister city")
    FRIENDSHIP = "friendship", _("Friendship city")


class CityTie(models.Model):
    city_a = models.ForeignKey(City, on_delete=models.CASCADE, related_name="ties_a")
    city_b = models.ForeignKey(City, on_delete=models.CASCADE, related_name="ties_b")
    kind = models.CharField(_("kind"), max_length=16, choices=CityTieKind.choices)
    since = models.PositiveIntegerField(
        _("since"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["since"]
        constraints = [models.UniqueConstraint(fields=["city_a", "city_b"], name="unique_city_tie")]
        verbose_name = _("city tie")

    def other(self, city: City) -> City:
        return self.city_b if city.pk == self.city_a_id else self.city_a

    def __str__(self) -> str:
        return f"{self.city_a} - {self.city_b} ({self.get_kind_display()})"


class TaxonomyScheme(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology")
    MARKET = "market", _("Market")


class TaxonomyTerm(models.Model):
    """A controlled term; labels maps a language code to its label (en and zh always present)."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    scheme = models.CharField(_("scheme"), max_length=16, choices=TaxonomyScheme.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    label_en = models.CharField(_("label (English)"), max_length=120)
    label_zh = models.CharField(_("label (Chinese)"), max_length=120)
    labels = models.JSONField(_("labels in other languages"), default=dict, blank=True)
    synonyms = models.JSONField(_("synonyms"), default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["scheme", "position", "code"]
        verbose_name = _("taxonomy term")

    @property
    def label(self) -> str:
        return self.label_zh if _zh() else self.label_en

    def all_labels(self) -> list[str]:
        """Every label and synonym in every language (for search and cross-lingual matching)."""
        found = [self.label_en, self.label_zh, *self.labels.values()]
        for words in self.synonyms.values():
            found.extend(words)
        return [label for label in found if label]

    def __str__(self) -> str:
        return self.label


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    SCIENCE_PARK = "science_park", _("Science park")
    INNOVATION_CENTRE = "innovation_centre", _("Overseas innovation centre")
    INTERMEDIARY = "intermediary", _("Intermediary / service agency")
    INVESTOR = "investor", _("Investor")
    GOVERNMENT = "government", _("Government body")


class OrganisationSize(models.TextChoices):
    MICRO = "micro", _("Micro (< 10)")
    SMALL = "small", _("Small (< 50)")
    MEDIUM = "medium", _("Medium (< 250)")
    LARGE = "large", _("Large (250+)")


class Organisation(models.Model):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT)
    city = models.ForeignKey(City, verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL)
    size = models.CharField(_("size"), max_length=8, choices=OrganisationSize.choices, blank=True)
    sectors = models.ManyToManyField(TaxonomyTerm, verbose_name=_("sectors"), blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    founded = models.PositiveIntegerField(_("founded"), null=True, blank=True)
    external_ids = models.JSONField(default=dict, blank=True)  # e.g. {"cordis": "999993953"}
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    @property
    def display_name(self) -> str:
        if not _zh() and self.name_en:
            return self.name_en
        return self.name

    def __str__(self) -> str:
        return self.display_name


class PersonKind(models.TextChoices):
    EXPERT = "expert", _("Expert")
    TALENT = "talent", _("Talent")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited")
    UNAVAILABLE = "unavailable", _("Unavailable")


class Person(models.Model):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=PersonKind.choices)
    title = models.CharField(_("title"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("affiliation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT)
    expertise = models.TextField(_("expertise"), blank=True)
    expertise_terms = models.ManyToManyField(TaxonomyTerm, verbose_name=_("expertise terms"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.CharField(
        _("availability"), max_length=12, choices=Availability.choices, default=Availability.AVAILABLE
    )
    email = models.EmailField(_("e-mail"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.title} {self.full_name}".strip()
