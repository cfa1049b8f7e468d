"""Writes of docking: expressions of interest and the owner's decision on them, saved searches, alerts and
the brokers' glossary."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.docking.models import Interest, InterestStatus
from techbridge.marketplace import rules

MESSAGE_MAX = 2000


@transaction.atomic
def interest_express(*, profile, by, message: str) -> Interest:
    """A member's organisation expresses interest in a published profile of another organisation."""
    if not rules.can_express_interest(by, profile):
        raise PermissionDenied(
            "Only members of another organisation can express interest in a published profile."
        )
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": ["Say briefly why you are interested."]})
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": [f"The message is longer than {MESSAGE_MAX} characters."]})
    if Interest.objects.filter(profile=profile, organisation_id=by.organisation_id).exists():
        raise ValidationError(
            {"profile": ["Your organisation has already expressed interest in this profile."]}
        )
    return Interest.objects.create(
        profile=profile, organisation_id=by.organisation_id, sent_by=by, message=message
    )


@transaction.atomic
def interest_decide(*, interest: Interest, by, accept: bool) -> Interest:
    """The profile's owner (or a broker) accepts or declines; acceptance reveals the confidential details."""
    if rules.actor_for(by, interest.profile) is None:
        raise PermissionDenied("Only the profile's organisation or a broker decides on interests.")
    if interest.status != InterestStatus.PENDING:
        raise ValidationError({"status": [f"This expression of interest is already {interest.status}."]})
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.decided_by = by
    interest.decided_at = timezone.now()
    interest.save()
    return interest


SAVED_SEARCHES_MAX = 20


@transaction.atomic
def saved_search_create(*, by, name: str, query: str, target: str, threshold: int = 40, email: bool = True):
    """Save a standing query; new published profiles scoring at least `threshold` raise alerts."""
    from techbridge.docking.matches import QUERY_MAX
    from techbridge.docking.models import SavedSearch, SearchTarget

    errors: dict[str, list[str]] = {}
    if not by.is_authenticated or by.role == "analyst":
        raise PermissionDenied("Saved searches are for members, brokers, evaluators and administrators.")
    if not (name or "").strip():
        errors["name"] = ["Give the search a name."]
    if not (query or "").strip():
        errors["query"] = ["Describe what you are looking for."]
    elif len(query) > QUERY_MAX:
        errors["query"] = [f"At most {QUERY_MAX} characters."]
    if target not in SearchTarget.values or target == SearchTarget.EXPERTS:
        errors["target"] = ["Choose technologies, needs or partners."]
    if not 0 <= int(threshold) <= 100:
        errors["threshold"] = ["The minimum score is between 0 and 100."]
    if SavedSearch.objects.filter(user=by).count() >= SAVED_SEARCHES_MAX:
        errors["name"] = [f"At most {SAVED_SEARCHES_MAX} saved searches; delete one first."]
    if errors:
        raise ValidationError(errors)
    return SavedSearch.objects.create(
        user=by,
        name=name.strip()[:120],
        query=query.strip(),
        target=target,
        threshold=int(threshold),
        email=email,
    )


def saved_search_delete(*, saved_search, by) -> None:
    if saved_search.user_id != by.pk:
        raise PermissionDenied("This is not your saved search.")
    saved_search.delete()


def profile_changed(profile) -> None:
    """After a profile's status or text changed: once the transaction commits, a background job updates
    the match index and, for a newly published profile, checks the saved searches."""
    reference = profile.reference

    def _after_commit() -> None:
        from techbridge.jobs.services import job_submit

        job_submit(kind="docking.profile_changed", params={"reference": reference}, by=None)

    transaction.on_commit(_after_commit)


def profile_reindex(reference: str) -> int:
    """Bring the index in line with the profile's current state; alerts when it is published."""
    from techbridge.docking import engine
    from techbridge.marketplace.models import Profile

    profile = Profile.objects.filter(reference=reference).select_related("organisation").first()
    if profile is None:
        return 0
    engine.profile_changed(profile)
    return alerts_for_profile(reference) if profile.status == "published" else 0


def alerts_for_profile(reference: str) -> int:
    """Notify every saved search the published profile matches (in-app, and by e-mail if asked)."""
    from django.core.mail import send_mail

    from techbridge.docking import engine
    from techbridge.docking.matches import TARGET_KINDS, QueryError, idea_query
    from techbridge.docking.models import Notification, SavedSearch
    from techbridge.marketplace.models import Profile

    profile = (
        Profile.objects.filter(reference=reference, status="published").select_related("organisation").first()
    )
    if profile is None:
        return 0
    core_kind = engine.KIND_TO_CORE[profile.kind]
    sent = 0
    searches = SavedSearch.objects.select_related("user").exclude(
        user__organisation_id=profile.organisation_id
    )
    for search in searches:
        if core_kind not in TARGET_KINDS.get(search.target, set()):
            continue
        try:
            found = engine.search(
                "profiles",
                idea_query(search.query, target=search.target),
                top=50,
                filters={"kinds": TARGET_KINDS[search.target]},
                one_sided=True,  # scored as the idea search shows it (matches.matches_for_idea)
            )
        except (QueryError, ValueError):
            continue
        hit = next((m for m in found if m.id == reference and m.score >= search.threshold), None)
        if hit is None:
            continue
        notification, created = Notification.objects.get_or_create(
            saved_search=search,
            profile=profile,
            defaults={
                "user": search.user,
                "title": f"{search.name}: {profile.title}"[:200],
                "body": f"{round(hit.score)}/100 · {profile.organisation}",
                "url": f"/profiles/{reference}/",
            },
        )
        if created:
            sent += 1
            if search.email and search.user.email:
                send_mail(
                    f"TechBridge: {notification.title}",
                    f"{notification.body}\n{notification.url}",
                    None,
                    [search.user.email],
                    fail_silently=True,
                )
    return sent


GLOSSARY_TERM_MAX = 120


def _glossary_text(value: str, field: str, errors: dict[str, list[str]]) -> str:
    text = " ".join((value or "").split())  # one line, single spaces
    if not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(text) > GLOSSARY_TERM_MAX:
        errors.setdefault(field, []).append(
            _("At most %(n)s characters (it has %(m)s).") % {"n": GLOSSARY_TERM_MAX, "m": len(text)}
        )
    elif not any(ch.isalnum() for ch in text):
        errors.setdefault(field, []).append(_("Write a word, not only punctuation."))
    return text


@transaction.atomic
def glossary_entry_save(*, by, language: str, term: str, english: str, note: str = ""):
    """A broker adds a glossary term, or changes the English of an existing one (same language and term).

    Returns (entry, created). The match indexes are rebuilt in the background once the change is committed:
    texts already indexed were mapped onto English without it."""
    from techbridge.docking.models import GlossaryEntry
    from techbridge.marketplace.models import Language

    if not rules.is_broker(by):
        raise PermissionDenied(_("Only brokers curate the glossary."))
    errors: dict[str, list[str]] = {}
    if language not in Language.values:
        errors["language"] = [_("Unknown language '%(code)s'.") % {"code": language}]
    term = _glossary_text(term, "term", errors)
    english = _glossary_text(english, "english", errors)
    note = (note or "").strip()[:300]
    if not errors and language == "en" and term.casefold() == english.casefold():
        errors["english"] = [_("An English term mapped to itself changes nothing.")]
    if errors:
        raise ValidationError(errors)
    existing = GlossaryEntry.objects.select_for_update().filter(language=language, term__iexact=term).first()
    if existing is not None:
        existing.term, existing.english, existing.note, existing.updated_by = term, english, note, by
        existing.save()
        entry, created = existing, False
    else:
        entry = GlossaryEntry.objects.create(
            language=language, term=term, english=english, note=note, updated_by=by
        )
        created = True
    _reindex_after_commit(by)
    return entry, created


@transaction.atomic
def glossary_entry_delete(*, entry, by) -> None:
    if not rules.is_broker(by):
        raise PermissionDenied(_("Only brokers curate the glossary."))
    entry.delete()
    _reindex_after_commit(by)


def _reindex_after_commit(by) -> None:
    """Queue one re-index for the glossary and lexicons as they are now (repeated edits share a queued job)."""
    from techbridge.docking import engine
    from techbridge.jobs.services import job_submit

    def _submit() -> None:
        job_submit(kind="docking.reindex", by=by, unique_key=f"docking.reindex:{engine.text_state()}")

    transaction.on_commit(_submit)
