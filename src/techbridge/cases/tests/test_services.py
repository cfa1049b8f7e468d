import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.cases import agreements, assessments, services
from techbridge.cases.models import AuditEntry, Case, CaseParty, Transition
from techbridge.cases.tests.conftest import SCORES

pytestmark = pytest.mark.django_db


def _walk_to_negotiation(case, world):
    broker = world["users"]["broker"]
    services.case_move(case=case, by=broker, to="evaluation")
    services.case_decide(case=case, by=broker, decision="proceed")
    services.case_move(case=case, by=broker, to="docking")
    return services.case_move(case=case, by=broker, to="negotiation", note="terms sheet sent")


def test_a_case_from_an_accepted_interest_names_both_sides(case, world):
    sides = dict(case.parties.values_list("side", "organisation__key"))
    assert sides == {"a": "pl-storage", "b": "nb-battery"}
    assert list(case.profiles.values_list("reference", flat=True)) == ["TOPL20260101001"]
    assert case.stage == "consultation" and case.origin == "interest"
    assert Transition.objects.filter(case=case, to_stage="consultation").count() == 1


def test_it_refuses_a_pending_interest_and_a_second_case(world, interest, case):
    with pytest.raises(ValidationError, match="already opened"):
        services.case_open_from_interest(interest=interest, by=world["users"]["broker"])
    interest.status = "pending"
    with pytest.raises(ValidationError) as exc:
        services.case_open_from_interest(interest=interest, by=world["users"]["broker"])
    assert "interest" in exc.value.message_dict


def test_members_cannot_open_or_move_cases(world, case):
    with pytest.raises(PermissionDenied):
        services.case_open(by=world["users"]["member"], title="x")
    with pytest.raises(PermissionDenied):
        services.case_move(case=case, by=world["users"]["member"], to="evaluation")


def test_every_move_is_recorded_with_who_and_note(case, world):
    _walk_to_negotiation(case, world)
    rows = list(case.transitions.values_list("from_stage", "to_stage", "by__username", "note"))
    assert rows[-1] == ("docking", "negotiation", "broker", "terms sheet sent")
    assert [r[1] for r in rows] == ["consultation", "evaluation", "docking", "negotiation"]
    assert AuditEntry.objects.filter(model="cases.case", action="move").count() == 3


def test_a_jump_to_agreement_is_refused_naming_the_stage(case, world):
    with pytest.raises(ValidationError) as exc:
        services.case_move(case=case, by=world["users"]["broker"], to="agreement")
    assert "stage" in exc.value.message_dict
    assert Case.objects.get(pk=case.pk).stage == "consultation"


def test_an_agreement_stage_without_parties_is_refused_and_nothing_is_saved(case, world):
    _walk_to_negotiation(case, world)
    CaseParty.objects.filter(case=case, side="b").delete()
    before = case.transitions.count()
    with pytest.raises(ValidationError) as exc:
        services.case_move(case=case, by=world["users"]["broker"], to="agreement")
    assert set(exc.value.message_dict) == {"parties", "agreement"}
    assert case.transitions.count() == before
    assert Case.objects.get(pk=case.pk).stage == "negotiation"


def test_the_full_course_reaches_tracking_with_a_follow_up(case, world):
    broker = world["users"]["broker"]
    _walk_to_negotiation(case, world)
    orgs = world["orgs"]
    ag = agreements.agreement_record(
        case=case,
        by=broker,
        data={
            "kind": "licence",
            "title": "Cell licence",
            "parties": [orgs["polish"].pk, orgs["ningbo"].pk],
            "value": "250000",
            "currency": "eur",
            "signed_on": "2026-10-01",
            "status": "signed",
        },
    )
    assert ag.currency == "EUR" and str(ag.value) == "250000.00"
    services.case_move(case=case, by=broker, to="agreement")
    services.case_move(case=case, by=broker, to="tracking")
    fu = agreements.follow_up_record(
        agreement=ag,
        by=broker,
        data={"on": "2026-11-01", "products_launched": 1, "jobs": 12, "revenue": "1e5"},
    )
    assert fu.jobs == 12 and str(fu.revenue) == "100000.00"


def test_agreement_input_errors_name_their_fields(case, world):
    with pytest.raises(ValidationError) as exc:
        agreements.agreement_record(
            case=case,
            by=world["users"]["broker"],
            data={
                "kind": "marriage",
                "title": "",
                "value": "-3",
                "parties": [world["orgs"]["polish"].pk],
                "status": "signed",
                "starts_on": "2026-02-30",
            },
        )
    assert set(exc.value.message_dict) == {"kind", "title", "value", "parties", "signed_on", "starts_on"}
    assert case.agreements.count() == 0


def test_a_follow_up_needs_a_signed_agreement(case, world):
    orgs = world["orgs"]
    ag = agreements.agreement_record(
        case=case,
        by=world["users"]["broker"],
        data={"kind": "mou", "title": "MoU", "parties": [orgs["polish"].pk, orgs["ningbo"].pk]},
    )
    with pytest.raises(ValidationError) as exc:
        agreements.follow_up_record(
            agreement=ag, by=world["users"]["broker"], data={"on": "2026-01-01", "jobs": -1}
        )
    assert set(exc.value.message_dict) == {"agreement", "jobs"}


def test_two_evaluators_and_one_refused_for_conflict_of_interest(case, world, evaluator2):
    broker = world["users"]["broker"]
    member = world["users"]["member"]
    member.role = "evaluator"  # an evaluator from side B's organisation
    member.save()
    with pytest.raises(ValidationError) as exc:
        assessments.evaluator_assign(case=case, by=broker, evaluator=member)
    assert "Conflict of interest" in exc.value.message_dict["evaluator"][0]
    assessments.tie_declare(
        evaluator=evaluator2, organisation=world["orgs"]["polish"], note="former employee"
    )
    with pytest.raises(ValidationError, match="declared a tie"):
        assessments.evaluator_assign(case=case, by=broker, evaluator=evaluator2)
    a1 = assessments.evaluator_assign(case=case, by=broker, evaluator=world["users"]["evaluator"])
    assert case.assessments.count() == 1
    assessments.assessment_submit(assessment=a1, by=world["users"]["evaluator"], scores=SCORES, comment="ok")
    summary = assessments.assessment_summary(case)
    assert summary["submitted"] == 1
    assert summary["overall"] == pytest.approx(21 / 6)


def test_aggregate_of_two_sheets_has_the_spread(case, world, evaluator2):
    broker = world["users"]["broker"]
    a1 = assessments.evaluator_assign(case=case, by=broker, evaluator=world["users"]["evaluator"])
    a2 = assessments.evaluator_assign(case=case, by=broker, evaluator=evaluator2)
    assessments.assessment_submit(assessment=a1, by=a1.evaluator, scores=SCORES)
    assessments.assessment_submit(assessment=a2, by=evaluator2, scores=SCORES | {"market": 3})
    rows = {r.key: r.summary for r in assessments.assessment_summary(case)["rows"]}
    assert (rows["market"].mean, rows["market"].min, rows["market"].max, rows["market"].std) == (
        4.0,
        3,
        5,
        1.0,
    )
    assert rows["ip"].std == 0.0


def test_a_score_out_of_range_is_refused_naming_the_field_and_nothing_saved(case, world):
    a1 = assessments.evaluator_assign(
        case=case, by=world["users"]["broker"], evaluator=world["users"]["evaluator"]
    )
    with pytest.raises(ValidationError) as exc:
        assessments.assessment_submit(assessment=a1, by=a1.evaluator, scores=SCORES | {"team": 9})
    assert list(exc.value.message_dict) == ["score_team"]
    assert "Team" in exc.value.message_dict["score_team"][0]
    a1.refresh_from_db()
    assert a1.scores == {} and a1.submitted_at is None


def test_only_the_assigned_evaluator_fills_the_sheet(case, world):
    a1 = assessments.evaluator_assign(
        case=case, by=world["users"]["broker"], evaluator=world["users"]["evaluator"]
    )
    with pytest.raises(PermissionDenied):
        assessments.assessment_submit(assessment=a1, by=world["users"]["broker"], scores=SCORES)


def test_overdue_cases_are_reminded_once_a_day_in_app_and_by_mail(case, world):
    from techbridge.cases.reminders import reminders_send
    from techbridge.docking.models import Notification
    from techbridge.jobs.services import job_submit

    services.case_update(
        case=case,
        by=world["users"]["broker"],
        data={"next_action": "Call Kraków", "next_action_due": "2026-01-05"},
    )
    assert reminders_send(today=dt.date(2026, 1, 10)) == 1
    assert Notification.objects.filter(user=world["users"]["broker"], title__contains="Overdue").count() == 1
    assert len(mail.outbox) == 1 and "Call Kraków" in mail.outbox[0].body
    assert reminders_send(today=dt.date(2026, 1, 10)) == 0
    job = job_submit(kind="cases.reminders", params={}, by=None)  # eager in tests; today's date is later
    job.refresh_from_db()
    assert job.state == "done" and job.result == {"reminded": 1}


def test_a_bad_due_date_names_the_field(case, world):
    with pytest.raises(ValidationError) as exc:
        services.case_update(case=case, by=world["users"]["broker"], data={"next_action_due": "tomorrow"})
    assert list(exc.value.message_dict) == ["next_action_due"]


def test_edits_are_audited_field_by_field(case, world):
    services.case_update(case=case, by=world["users"]["broker"], data={"next_action": "Send NDA"})
    entry = AuditEntry.objects.filter(model="cases.case", action="edit").get()
    assert entry.changes == {"next_action": ["", "Send NDA"]} and entry.by == world["users"]["broker"]


def test_a_case_opens_from_an_event_meeting_with_an_intention(world):
    from techbridge.events.models import Event, Meeting, MeetingRequest, Registration

    ev = Event.objects.create(title="Ningbo docking 2026", venue="Ningbo", start_date=dt.date(2026, 6, 1))
    r1 = Registration.objects.create(event=ev, organisation=world["orgs"]["ningbo"], name="A")
    r2 = Registration.objects.create(event=ev, organisation=world["orgs"]["polish"], name="B")
    r2.profiles.set([world["published"]])
    req = MeetingRequest.objects.create(event=ev, requester=r1, recipient=r2, status="accepted")
    meeting = Meeting.objects.create(event=ev, request=req, outcome="no_interest")
    with pytest.raises(ValidationError):
        services.case_open_from_meeting(meeting=meeting, by=world["users"]["broker"])
    meeting.outcome = "cooperation"
    case = services.case_open_from_meeting(meeting=meeting, by=world["users"]["broker"])
    assert dict(case.parties.values_list("side", "organisation__key")) == {
        "a": "pl-storage",
        "b": "nb-battery",
    }
    assert case.origin == "meeting" and case.profiles.count() == 1
