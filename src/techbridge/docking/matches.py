"""Reads of docking: matches for a profile, for a free-text idea, experts for a need, with explanations
rendered in the viewer's language."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from techbridge.core.matching import Match, MatchDocument, MatchingError
from techbridge.core.matching.words import words_of
from techbridge.directory.models import Country, Person, TaxonomyTerm, without_country_details
from techbridge.docking import engine
from techbridge.marketplace.models import PartnershipType, Profile, ProfileKind

QUERY_MAX = 5000
TARGET_KINDS = {
    "technologies": {"offer"},
    "needs": {"request"},
    "partners": {"partner_search", "business", "offer", "request"},
}


class QueryError(ValueError):
    """A query the engine cannot take; the message is for the user."""


@dataclass
class Explained:
    """A match with its object (profile or person) and readable reasons and shared words."""

    match: Match
    obj: object
    reasons: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """The score as shown (0-100, halves rounded up), computed once instead of by a filter per use."""
        return _shown(self.match.score)

    @property
    def percent_forward(self) -> int:
        return _shown(self.match.score_forward)

    @property
    def percent_backward(self) -> int:
        return _shown(self.match.score_backward)


def _shown(score: float) -> int:
    return math.floor(score + 0.5)


def _country_name(code: str, countries: dict[str, Country] | None = None) -> str:
    country = countries.get(code) if countries is not None else Country.objects.filter(code=code).first()
    return country.name if country else code


def reason_text(code: str, params: dict, countries: dict[str, Country] | None = None) -> str | None:
    """One reason as a sentence in the active language; None for reasons not worth showing.

    `countries` (code -> Country) saves a query per country reason when a whole list is explained."""
    kinds = {
        "offer": ProfileKind.OFFER.label,
        "request": ProfileKind.REQUEST.label,
        "partner_search": ProfileKind.RND.label,
        "business": ProfileKind.BUSINESS.label,
    }
    partnerships = dict(PartnershipType.choices)
    if code == "kind_compatible":
        return _("%(kind)s answers a %(query_kind)s") % {
            "kind": kinds.get(params["kind"], params["kind"]),
            "query_kind": kinds.get(params["query_kind"], ""),
        }
    if code == "kind_mismatch":
        return _("Different kind of profile (%(kind)s)") % {"kind": kinds.get(params["kind"], params["kind"])}
    if code == "trl_ok":
        return _("Development stage TRL %(actual)s meets the TRL %(required)s needed") % params
    if code == "trl_below":
        return _("Development stage TRL %(actual)s is below the TRL %(required)s needed") % params
    if code == "partnership_shared":
        return _("Both seek: %(types)s") % {
            "types": ", ".join(str(partnerships.get(t, t)) for t in params["types"])
        }
    if code == "partnership_mismatch":
        return _("Different partnership types sought")
    if code == "country_targeted":
        return _("From %(country)s, a country you target") % {
            "country": _country_name(params["country"], countries)
        }
    if code == "country_targets_you":
        return _("Targets partners from %(country)s") % {
            "country": _country_name(params["country"], countries)
        }
    if code == "country_not_targeted":
        return _("%(country)s is not among the target countries") % {
            "country": _country_name(params["country"], countries)
        }
    if code == "generic_profile":
        return _("Broad profile: it resembles many queries, so its score is lowered")
    if code == "semantic_similarity":
        return _("Similar meaning (embedding model)")
    return None


def _words(text: str, lang: str | None) -> dict[str, str]:
    """Pivot term -> the first original word that produced it (read-only: the result may be shared)."""
    return _analysed_words(engine.analyzer(), text[:4000], lang)


@functools.lru_cache(maxsize=4096)
def _analysed_words(analyzer, text: str, lang: str | None) -> dict[str, str]:
    # Popular profiles appear in many match lists; analysing their text (jieba, lemmatisers) is the costly
    # part of an explanation. Keyed on the analyzer too, so new lexicons (engine.reset()) are seen.
    found: dict[str, str] = {}
    try:
        for t in analyzer.terms(text, lang):
            found.setdefault(t.term, t.word)
    except ValueError:
        pass
    return found


def _shared_words(
    mine: dict[str, str], match_parts: Sequence[tuple[str, str | None]], terms: list[str]
) -> list[str]:
    """For the strongest pivot terms, the original words on both sides: "储能 ↔ storage".

    `mine` is the query's `_words`, analysed once per list rather than once per match. The match's text is
    read part by part ((text, language): title, summary, keywords, translations, description; 4,000 characters
    in all) and only as far as needed to find a word for every term the query shares: the strongest terms are
    mostly in the title or summary, and analysing a long description (Chinese word segmentation) was the
    costliest step of a match list."""
    wanted = [term for term in terms if term in mine]
    theirs: dict[str, str] = {}
    room = 4000
    for part, lang in match_parts:
        if room <= 0 or all(term in theirs for term in wanted):
            break
        if not part:
            continue
        piece = part[:room]
        room -= len(piece) + 1
        for term, word in _words(piece, lang).items():
            theirs.setdefault(term, word)
    met: dict[str, list[str]] = {}  # a query word -> the match's words it met (a compound meets several)
    for term in wanted:
        left, right = mine[term], theirs.get(term)
        if not left or not right or _single_han(left) or _single_han(right):
            continue
        rights = met.setdefault(left, [])
        if right not in rights:
            rights.append(right)
    pairs = [
        left if [r.lower() for r in rights] == [left.lower()] else f"{left} ↔ {', '.join(rights)}"
        for left, rights in met.items()
    ]
    return pairs[:8]


def _single_han(word: str) -> bool:
    """A lone Chinese character is too ambiguous to show as evidence."""
    return len(word) == 1 and "\u4e00" <= word <= "\u9fff"


class _Explainer:
    """Explains the matches of one query: the query's words, the country names and the taxonomy labels are
    loaded once for the whole list instead of once per match (a match list made ~40 queries and analysed
    the query text ten times)."""

    def __init__(self, query: MatchDocument, found: list[Match]):
        self.query = query
        codes = {
            c.removeprefix("tax:")
            for m in found
            for r in m.reasons
            if r.code == "concepts_shared"
            for c in r.params.get("concepts", [])
        }
        self.terms = list(TaxonomyTerm.objects.filter(code__in=codes)) if codes else []
        self.countries: dict[str, Country] | None = None
        self.mine: dict[str, str] | None = None

    def __call__(self, match: Match, obj, obj_text: Sequence[tuple[str, str | None]]) -> Explained:
        concepts_codes: list[str] = []
        reasons = []
        for reason in match.reasons:
            if reason.code == "concepts_shared":
                concepts_codes = [c for c in reason.params.get("concepts", [])]
                continue
            if "country" in reason.params and self.countries is None:
                self.countries = {c.code: c for c in without_country_details(Country.objects.all(), path="")}
            text = reason_text(reason.code, reason.params, self.countries)
            if text:
                reasons.append(text)
        wanted = {c.removeprefix("tax:") for c in concepts_codes}
        labels = [t.label for t in self.terms if t.code in wanted]  # in the taxonomy's order, as before
        ranked = [
            t for t in sorted(match.terms, key=lambda t: -t.contribution) if not t.term.startswith("tax:")
        ]
        if self.mine is None:  # the original first, then keywords, translations (MatchDocument.parts)
            self.mine = words_of(engine.analyzer(), self.query)
        # Words most profiles hold (技术 ↔ technology) are evidence only when nothing more specific is shared.
        shared = _shared_words(self.mine, obj_text, [t.term for t in ranked if not t.generic][:12])
        if not shared:
            shared = _shared_words(self.mine, obj_text, [t.term for t in ranked if t.generic][:12])
        return Explained(match=match, obj=obj, reasons=reasons, shared_terms=shared, concepts=labels)


def _search(
    query: MatchDocument, *, index_name: str, top: int, filters: dict, one_sided: bool = False
) -> list[Match]:
    try:
        return engine.search(index_name, query, top=top, filters=filters, one_sided=one_sided)
    except MatchingError as exc:
        raise QueryError(str(exc)) from None


def matches_for_profile(profile: Profile, *, top: int = 10) -> list[Explained]:
    """Published profiles of other organisations that fit this one, best first, two-sided scores."""
    query = engine.profile_document(profile)
    own = set(
        Profile.objects.filter(organisation=profile.organisation_id).values_list("reference", flat=True)
    )
    found = _search(
        query,
        index_name="profiles",
        top=top * 2,
        filters={"compatible_kinds": True, "exclude": own | {profile.reference}},
    )
    return _with_profiles(found, query, limit=top)


def _with_profiles(found: list[Match], query: MatchDocument, *, limit: int | None = None) -> list[Explained]:
    """The matched profiles still published, explained, best first; stops after `limit` (explaining costs)."""
    profiles = without_country_details(
        Profile.objects.filter(reference__in=[m.id for m in found], status="published")
        .select_related("organisation", "organisation__country")
        .prefetch_related("technology_keywords", "market_keywords", "target_countries")
    )
    by_ref = {p.reference: p for p in profiles}
    explain = _Explainer(query, found)
    explained = []
    for m in found:
        p = by_ref.get(m.id)
        if p is not None:  # the index may briefly lag behind a withdrawal
            if limit is not None and len(explained) >= limit:
                break
            explained.append(explain(m, p, _profile_parts(p)))
    return explained


def _profile_parts(profile: Profile) -> list[tuple[str, str | None]]:
    return engine.profile_document(profile).parts()


def idea_query(text: str, *, target: str) -> MatchDocument:
    text = (text or "").strip()
    if not text:
        raise QueryError(_("Describe what you are looking for."))
    if len(text) > QUERY_MAX:
        raise QueryError(_("The description is too long: at most %(n)s characters.") % {"n": QUERY_MAX})
    kind = {"technologies": "request", "needs": "offer"}.get(target)
    return MatchDocument(id="query", title=text[:200], text=text, kind=kind)


def matches_for_idea(text: str, *, target: str, top: int = 20) -> list[Explained]:
    """Free text in any language -> profiles (technologies, needs, partners) or experts.

    An idea is a question, not a profile: it is scored by how well each profile answers it (one-sided), since
    a few words cover little of any profile and the two-sided score would put even a perfect answer near 0."""
    if target not in (*TARGET_KINDS, "experts"):
        raise QueryError(_("Unknown search target '%(t)s'.") % {"t": target})
    query = idea_query(text, target=target)
    if target == "experts":
        return experts_for(query, top=top, one_sided=True)
    found = _search(
        query, index_name="profiles", top=top, filters={"kinds": TARGET_KINDS[target]}, one_sided=True
    )
    return _with_profiles(found, query)


def experts_for(query: MatchDocument, *, top: int = 10, one_sided: bool = False) -> list[Explained]:
    found = _search(query, index_name="people", top=top, filters={}, one_sided=one_sided)
    people = {
        p.key: p
        for p in Person.objects.filter(key__in=[m.id for m in found]).select_related(
            "organisation", "country"
        )
    }
    explain = _Explainer(query, found)
    return [explain(m, people[m.id], [(people[m.id].expertise, None)]) for m in found if m.id in people]
