"""Reads of the marketplace: profile search with filters, the review queue, counts for dashboards."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from techbridge.core.marketplace.lifecycle import Status
from techbridge.directory.models import Organisation, TaxonomyTerm, without_country_details
from techbridge.marketplace import rules
from techbridge.marketplace.models import Profile


@dataclass(frozen=True)
class ProfileFilters:
    q: str = ""
    kind: str = ""
    term: str = ""  # taxonomy code; includes its sub-terms
    country: str = ""  # the organisation's country
    trl_min: int | None = None
    trl_max: int | None = None
    partnership: str = ""
    language: str = ""
    status: str = ""
    organisation: int | None = None


def _term_labels() -> list[tuple[int, list[str]]]:
    """(pk, lower-cased labels and synonyms in every language) of every taxonomy term: one query."""
    return [(t.pk, [label.lower() for label in t.all_labels()]) for t in TaxonomyTerm.objects.all()]


def _terms_matching(text: str, labels: list[tuple[int, list[str]]] | None = None) -> list[int]:
    """Taxonomy terms whose label or synonym in any language contains the query (cross-lingual search).

    Pass `labels` (from `_term_labels`) when matching several words, so the taxonomy is read once."""
    needle = text.strip().lower()
    if len(needle) < 2:
        return []
    return [pk for pk, found in (labels or _term_labels()) if any(needle in label for label in found)]


def _with_descendants(code: str) -> list[int]:
    terms = {t.pk: t.parent_id for t in TaxonomyTerm.objects.only("pk", "parent_id")}
    root = TaxonomyTerm.objects.filter(code=code).values_list("pk", flat=True).first()
    if root is None:
        return []
    found, frontier = {root}, {root}
    while frontier:
        frontier = {pk for pk, parent in terms.items() if parent in frontier} - found
        found |= frontier
    return list(found)


def _tagged(field: str, **term_filter) -> Q:
    """Profiles tagged (in many-to-many `field`) with a term matching `term_filter`, as a subquery: a join
    would repeat profiles and need DISTINCT, which sorts whole rows (seconds at 100,000 profiles)."""
    through = getattr(Profile, field).through
    terms = {f"taxonomyterm__{k}": v for k, v in term_filter.items()}
    return Q(pk__in=through.objects.filter(**terms).values("profile_id"))


# The searchable text of a profile as one expression; on PostgreSQL a trigram index on exactly this expression
# (migration 0002) finds a word without reading every description (seconds at 100,000 profiles).
SEARCH_TEXT_SQL = "(title || ' ' || summary || ' ' || description || ' ' || translations::text)"
# Two Han characters (most Chinese words) are too short for trigrams: migration 0003 indexes the distinct pairs of
# adjacent Han characters of the same text, and such a word occurs in the text exactly when it is one of them.
HAN_PAIR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{2}")
HAN_BIGRAMS_SQL = f"techbridge_han_bigrams({SEARCH_TEXT_SQL})"
# A word of one or two letters or digits (AI, 5G, 3D) is matched as a whole word, not inside longer words; on
# PostgreSQL through an index of the short words of the same text (migration 0006). Keys of the translations
# (a JSON object: "en": ...) are not words of the text.
SHORT_WORD = re.compile(r"[^\W\u3400-\u4dbf\u4e00-\u9fff]{1,2}")
SHORT_WORDS_SQL = f"techbridge_short_words({SEARCH_TEXT_SQL})"


# The keys of one translation (Profile.translations = {"en": {"title": ..., "summary": ...}}): in the JSON text a
# key is followed by `":`, which a value never is (its quotes are escaped). A word that occurs inside a key
# ("title", "mary", "script") must occur elsewhere: otherwise every translated profile would match.
TRANSLATION_KEYS = ("title", "summary", "description")
NOT_IN_A_KEY = r'(?!\w*":)'


def _could_be_in_a_key(word: str) -> bool:
    return any(word.lower() in key for key in TRANSLATION_KEYS)


def _outside_keys_pattern(word: str) -> str:
    """`word` anywhere but inside a key of the translations (valid in Python's and PostgreSQL's regexps)."""
    return re.escape(word) + NOT_IN_A_KEY


def _whole_word_pattern(word: str) -> str:
    """A regular expression (Python's, as Django runs REGEXP on SQLite) for `word` as a whole word."""
    return r"(?<!\w)" + re.escape(word) + r"(?!\w)(?!\":)"


def _word_match_postgresql(word: str, term_ids: list[int]) -> Q:
    """The same profiles as the portable filter of `profile_list` (text, organisation name, exact reference,
    taxonomy terms), as one UNION of indexed lookups instead of an OR that scans the whole table."""
    like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    table = Profile._meta.db_table
    text_match, text_params = f"{SEARCH_TEXT_SQL} ILIKE %s", [like]
    if HAN_PAIR.fullmatch(word):
        text_match, text_params = f"{HAN_BIGRAMS_SQL} @> ARRAY[%s]::text[]", [word]
    elif SHORT_WORD.fullmatch(word):
        text_match, text_params = f"{SHORT_WORDS_SQL} @> ARRAY[lower(%s)]::text[]", [word]
    elif _could_be_in_a_key(word):
        text_match += f" AND {SEARCH_TEXT_SQL} ~* %s"
        text_params.append(_outside_keys_pattern(word))
    parts = [
        f"SELECT id FROM {table} WHERE {text_match}",
        f"SELECT id FROM {table} WHERE reference IN (%s, UPPER(%s))",
        f"SELECT id FROM {table} WHERE organisation_id IN"
        f" (SELECT id FROM {Organisation._meta.db_table} WHERE name ILIKE %s OR name_en ILIKE %s)",
    ]
    params: list = [*text_params, word, word, like, like]
    if term_ids:
        for field in ("technology_keywords", "market_keywords"):
            parts.append(f"SELECT profile_id FROM {getattr(Profile, field).through._meta.db_table}"
                         " WHERE taxonomyterm_id = ANY(%s)")  # fmt: skip
            params.append(list(term_ids))
    return Q(pk__in=RawSQL(" UNION ".join(parts), params))


def visible_profiles(viewer) -> QuerySet[Profile]:
    """Published profiles, plus everything of the viewer's organisation; brokers see all."""
    base = without_country_details(Profile.objects.select_related("organisation", "organisation__country"))
    if rules.is_broker(viewer):
        return base
    visible = Q(status=Status.PUBLISHED.value)
    if viewer is not None and viewer.is_authenticated and viewer.organisation_id:
        visible |= Q(organisation_id=viewer.organisation_id)
    return base.filter(visible)


def profile_list(*, filters: ProfileFilters, viewer) -> QuerySet[Profile]:
    qs = visible_profiles(viewer)
    f = filters
    if f.q.strip():
        words = f.q.split()
        labels = _term_labels()
        for word in words:
            term_ids = _terms_matching(word, labels)
            if connection.vendor == "postgresql":
                qs = qs.filter(_word_match_postgresql(word, term_ids))
                continue
            lookup, value = (
                ("iregex", _whole_word_pattern(word)) if SHORT_WORD.fullmatch(word) else ("icontains", word)
            )
            in_translations = Q(**{f"translations__{lookup}": value})
            if lookup == "icontains" and _could_be_in_a_key(word):
                in_translations = Q(translations__iregex=_outside_keys_pattern(word))
            text = (
                Q(**{f"title__{lookup}": value})
                | Q(**{f"summary__{lookup}": value})
                | Q(**{f"description__{lookup}": value})
                | in_translations
                | Q(reference__iexact=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__name_en__icontains=word)
            )
            if term_ids:
                text |= _tagged("technology_keywords", pk__in=term_ids)
                text |= _tagged("market_keywords", pk__in=term_ids)
            qs = qs.filter(text)
        if len(words) > 1:
            phrase_terms = _terms_matching(f.q, labels)
            if phrase_terms:
                qs = qs | visible_profiles(viewer).filter(_tagged("technology_keywords", pk__in=phrase_terms))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.term:
        # one subquery of a UNION: an OR of two subqueries made PostgreSQL read every profile
        tech = Profile.technology_keywords.through.objects.filter(
            taxonomyterm_id__in=_with_descendants(f.term)
        )
        market = Profile.market_keywords.through.objects.filter(taxonomyterm__code=f.term)
        qs = qs.filter(pk__in=tech.values("profile_id").union(market.values("profile_id")))
    if f.country:
        qs = qs.filter(organisation__country_id=f.country)
    if f.trl_min is not None:
        qs = qs.filter(trl__gte=f.trl_min)
    if f.trl_max is not None:
        qs = qs.filter(trl__lte=f.trl_max)
    if f.partnership:
        qs = qs.filter(partnership_types__icontains=f'"{f.partnership}"')
    if f.language:
        qs = qs.filter(language=f.language)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.organisation:
        qs = qs.filter(organisation_id=f.organisation)
    return qs.order_by("-published_at", "-created_at", "-id")


def review_queue() -> QuerySet[Profile]:
    """Profiles waiting for a broker, oldest submission first."""
    return (
        Profile.objects.filter(status__in=[Status.SUBMITTED.value, Status.IN_REVIEW.value])
        .select_related("organisation", "organisation__country")
        .order_by("submitted_at", "id")
    )


def profile_counts() -> dict:
    """Aggregates for dashboards (no personal data)."""
    by_status = dict(Profile.objects.values_list("status").annotate(n=Count("id")))
    by_kind = dict(
        Profile.objects.filter(status=Status.PUBLISHED.value).values_list("kind").annotate(n=Count("id"))
    )
    by_language = dict(
        Profile.objects.filter(status=Status.PUBLISHED.value).values_list("language").annotate(n=Count("id"))
    )
    by_country = list(
        Profile.objects.filter(status=Status.PUBLISHED.value)
        .values(
            "organisation__country_id", "organisation__country__name_en", "organisation__country__name_zh"
        )
        .annotate(n=Count("id"))
        .order_by("-n")[:20]
    )
    return {"by_status": by_status, "by_kind": by_kind, "by_language": by_language, "by_country": by_country}
