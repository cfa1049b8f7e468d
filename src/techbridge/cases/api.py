"""API of cases: cases, stage moves, assessments, agreements, follow-ups and the funnel, with the same
permissions as the pages (rules.py)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from techbridge.cases import agreements, analytics, assessments, rules, selectors, services
from techbridge.cases.models import Agreement, Case

router = Router(tags=["cases"])


class PartyOut(Schema):
    side: str
    organisation: str | None
    person: str | None
    role: str

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.key if obj.organisation_id else None

    @staticmethod
    def resolve_person(obj) -> str | None:
        return obj.person.key if obj.person_id else None


class CaseOut(Schema):
    id: int
    title: str
    origin: str
    stage: str
    broker: str
    next_action: str
    next_action_due: dt.date | None
    decision: str
    close_reason: str
    profiles: list[str]
    parties: list[PartyOut]
    created_at: dt.datetime

    @staticmethod
    def resolve_broker(obj) -> str:
        return obj.broker.username

    @staticmethod
    def resolve_profiles(obj) -> list[str]:
        return [p.reference for p in obj.profiles.all()]

    @staticmethod
    def resolve_parties(obj) -> list:
        return list(obj.parties.select_related("organisation", "person"))


class CaseIn(Schema):
    title: str
    summary: str = ""
    organisation: str | None = None  # key of the organisation consulted (side A)
    profiles: list[str] = []


class MoveIn(Schema):
    to: str
    note: str = ""
    reason: str = ""


class CaseUpdateIn(Schema):
    next_action: str | None = None
    next_action_due: str | None = None
    title: str | None = None
    summary: str | None = None


class AssessmentOut(Schema):
    id: int
    case: int
    evaluator: str
    scores: dict
    comment: str
    submitted_at: dt.datetime | None

    @staticmethod
    def resolve_case(obj) -> int:
        return obj.case_id

    @staticmethod
    def resolve_evaluator(obj) -> str:
        return obj.evaluator.username


class AssignIn(Schema):
    evaluator: str  # user name


class ScoresIn(Schema):
    scores: dict
    comment: str = ""


class AgreementIn(Schema):
    kind: str
    title: str
    parties: list[str]  # organisation keys
    value: str | None = None
    currency: str = ""
    signed_on: str | None = None
    starts_on: str | None = None
    ends_on: str | None = None
    status: str = "draft"


class AgreementOut(Schema):
    id: int
    case: int
    kind: str
    title: str
    parties: list[str]
    value: str | None
    currency: str
    signed_on: dt.date | None
    status: str

    @staticmethod
    def resolve_case(obj) -> int:
        return obj.case_id

    @staticmethod
    def resolve_parties(obj) -> list[str]:
        return [o.key for o in obj.parties.all()]

    @staticmethod
    def resolve_value(obj) -> str | None:
        return None if obj.value is None else str(obj.value)


class FollowUpIn(Schema):
    on: str
    products_launched: int = 0
    revenue: str = "0"
    jobs: int = 0
    patents: int = 0
    follow_on_projects: int = 0
    note: str = ""


def _case(request, case_id: int) -> Case:
    case = get_object_or_404(Case, pk=case_id)
    if not rules.can_view_case(request.user, case):
        raise Http404("No such case.")
    return case


@router.get("/cases", response=list[CaseOut])
def list_cases(request, stage: str = "", q: str = ""):
    if rules.is_analyst(request.user):
        raise PermissionDenied("Analysts see aggregates only (GET /api/cases/funnel).")
    return selectors.case_list(viewer=request.user, filters={"stage": stage, "q": q}).prefetch_related(
        "profiles"
    )


@router.post("/cases", response={201: CaseOut})
def open_case(request, payload: CaseIn):
    from techbridge.directory.models import Organisation
    from techbridge.marketplace.models import Profile

    org = Organisation.objects.filter(key=payload.organisation).first() if payload.organisation else None
    profiles = list(Profile.objects.filter(reference__in=payload.profiles))
    case = services.case_open_from_consultation(
        by=request.user, title=payload.title, summary=payload.summary, organisation=org, profiles=profiles
    )
    return Status(201, case)


@router.post("/interests/{interest_id}/case", response={201: CaseOut})
def open_case_from_interest(request, interest_id: int):
    from techbridge.docking.models import Interest

    if not rules.can_manage(request.user):
        raise PermissionDenied("Only brokers open cases.")
    interest = get_object_or_404(Interest, pk=interest_id)
    return Status(201, services.case_open_from_interest(interest=interest, by=request.user))


@router.get("/cases/funnel")
def funnel(request, start: str = "", end: str = "", country: str = "", sector: str = "", broker: str = ""):
    if not rules.can_see_funnel(request.user):
        raise PermissionDenied("The funnel is for brokers and analysts.")
    data = analytics.funnel(
        {"start": start, "end": end, "country": country, "sector": sector, "broker": broker}
    )
    return {
        "steps": [
            {
                "key": r["key"],
                "count": r["count"],
                "rate_from_previous": r["rate"],
                "rate_from_first": r["overall"],
            }
            for r in data["rows"]
        ],
        "case_to_agreement": data["case_to_agreement"],
        "reference": data["reference"],
    }


@router.get("/cases/{case_id}", response=CaseOut)
def get_case(request, case_id: int):
    return _case(request, case_id)


@router.post("/cases/{case_id}/move", response=CaseOut)
def move_case(request, case_id: int, payload: MoveIn):
    case = _case(request, case_id)
    return services.case_move(
        case=case, by=request.user, to=payload.to, note=payload.note, reason=payload.reason
    )


@router.patch("/cases/{case_id}", response=CaseOut)
def update_case(request, case_id: int, payload: CaseUpdateIn):
    case = _case(request, case_id)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return services.case_update(case=case, by=request.user, data=data)


@router.get("/cases/{case_id}/assessments", response=list[AssessmentOut])
def list_assessments(request, case_id: int):
    case = _case(request, case_id)
    qs = case.assessments.select_related("evaluator")
    return qs if rules.can_see_assessments(request.user, case) else qs.filter(evaluator=request.user)


@router.get("/cases/{case_id}/assessments/summary")
def assessment_summary(request, case_id: int):
    case = _case(request, case_id)
    if not rules.can_see_assessments(request.user, case):
        raise PermissionDenied("The aggregate is for brokers.")
    s = assessments.assessment_summary(case)
    return {
        "submitted": s["submitted"],
        "overall": s["overall"],
        "criteria": [
            {
                "criterion": r.key,
                "n": r.summary.n,
                "mean": r.summary.mean,
                "min": r.summary.min,
                "max": r.summary.max,
                "std": r.summary.std,
            }
            for r in s["rows"]
        ],
    }


@router.post("/cases/{case_id}/assessments", response={201: AssessmentOut})
def assign_evaluator(request, case_id: int, payload: AssignIn):
    from techbridge.accounts.models import User

    case = _case(request, case_id)
    evaluator = User.objects.filter(username=payload.evaluator).first()
    return Status(201, assessments.evaluator_assign(case=case, by=request.user, evaluator=evaluator))


@router.put("/assessments/{assessment_id}", response=AssessmentOut)
def submit_assessment(request, assessment_id: int, payload: ScoresIn):
    from techbridge.cases.models import Assessment

    sheet = get_object_or_404(Assessment.objects.select_related("case"), pk=assessment_id)
    if sheet.evaluator_id != request.user.pk and not rules.can_manage(request.user):
        raise Http404("No such assessment.")
    return assessments.assessment_submit(
        assessment=sheet, by=request.user, scores=payload.scores, comment=payload.comment
    )


@router.get("/agreements", response=list[AgreementOut])
def list_agreements(request):
    if rules.is_analyst(request.user):
        raise PermissionDenied("Analysts see aggregates only (GET /api/cases/funnel).")
    cases = rules.visible_cases(request.user)
    if not rules.can_manage(request.user):
        cases = cases.filter(parties__organisation_id=request.user.organisation_id or -1)
    return Agreement.objects.filter(case__in=cases).prefetch_related("parties").distinct()


@router.post("/cases/{case_id}/agreements", response={201: AgreementOut})
def record_agreement(request, case_id: int, payload: AgreementIn):
    case = _case(request, case_id)
    data = payload.dict()
    keys = data.pop("parties")
    ids = dict(case.parties.exclude(organisation=None).values_list("organisation__key", "organisation_id"))
    data["parties"] = [ids.get(k, -1) for k in keys]
    return Status(201, agreements.agreement_record(case=case, by=request.user, data=data))


@router.post("/agreements/{agreement_id}/follow-ups", response={201: dict})
def record_follow_up(request, agreement_id: int, payload: FollowUpIn):
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    _case(request, agreement.case_id)
    fu = agreements.follow_up_record(agreement=agreement, by=request.user, data=payload.dict())
    return Status(201, {"id": fu.pk, "agreement": agreement.pk, "on": fu.on.isoformat()})


class TieIn(Schema):
    organisation: str  # organisation key
    note: str = ""


@router.post("/evaluators/me/ties", response={201: dict})
def declare_tie(request, payload: TieIn):
    """An evaluator declares a tie to an organisation; cases with that party can no longer be assigned."""
    from techbridge.directory.models import Organisation

    if not rules.is_evaluator(request.user):
        raise PermissionDenied("Only evaluators declare ties.")
    org = Organisation.objects.filter(key=payload.organisation[:100]).first()
    if org is None:
        raise ValidationError({"organisation": ["No organisation with this key."]})
    tie = assessments.tie_declare(evaluator=request.user, organisation=org, note=payload.note)
    return Status(201, {"organisation": org.key, "note": tie.note})
