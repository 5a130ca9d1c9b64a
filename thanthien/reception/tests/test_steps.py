"""Steps after acceptance: the complaint decision sent within 3 working days (LKN Điều 32), the
denunciation notices within 5 working days (LTC Điều 29.3), extension notices (LTC Điều 30) and
the complaint dialogue (LKN Điều 30)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thanthien.audit.models import AuditEvent
from thanthien.clocks import services as clock_services
from thanthien.reception import services
from thanthien.reception.domain import steps as step_rules
from thanthien.reception.models import PetitionStep

from .factories import at, make_denunciation, make_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(commune_a, officer_a):
    p = make_petition(commune_a, signed=True, dated=True, name="Lê Văn Khiếu")
    p = services.petition_classify(actor=officer_a, petition=p, kind="complaint", at=at(2026, 3, 3))
    return services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 4))


@pytest.fixture
def accepted_denunciation(commune_a, officer_a, chairman_a):
    p = make_denunciation(commune_a, signed=True, dated=True)
    services.petition_assign(actor=chairman_a, petition=p, handler=officer_a)
    p = services.petition_classify(actor=officer_a, petition=p, kind="denunciation", at=at(2026, 3, 3))
    return services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 5))


MOMENT = at(2026, 3, 11)


def _send_all(step, actor, recipients, on=dt.date(2026, 3, 11), moment=MOMENT):
    for r in recipients:
        services.step_delivery_record(actor=actor, step=step, recipient=r, sent_on=on, method="post", at=moment)


def test_domain_missing_recipients_in_legal_order():
    assert step_rules.missing_recipients("decision", ["superior"]) == ("complainant", "related", "inspectorate")
    assert step_rules.is_complete("denunciation_notice", ["accused", "denouncer"])
    assert not step_rules.is_complete("denunciation_notice", ["accused"])


def test_decision_issued_starts_three_working_day_clock_and_stops_resolution(complaint, officer_a):
    resolution = complaint.clock
    step = services.complaint_decision_issue(
        actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="Giữ nguyên", at=at(2026, 3, 10)
    )
    assert step.clock.kind == "reception.complaint.decision_send"
    assert step.due_date == dt.date(2026, 3, 13)  # Tue 10/3 + 3 working days
    resolution.refresh_from_db()
    assert not resolution.is_open
    assert AuditEvent.objects.unscoped().filter(action="petition.decision_issued").count() == 1
    with pytest.raises(ValidationError):
        services.complaint_decision_issue(
            actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="Lại", at=at(2026, 3, 10)
        )


def test_decision_clock_stops_only_when_all_four_recipients_are_reached(complaint, officer_a):
    step = services.complaint_decision_issue(
        actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="Giữ nguyên", at=at(2026, 3, 10)
    )
    _send_all(step, officer_a, ["complainant", "superior", "related"])
    step.refresh_from_db()
    assert step.completed_at is None and step.clock.is_open
    _send_all(step, officer_a, ["inspectorate"])
    step.refresh_from_db()
    assert step.completed_at is not None and not step.clock.is_open
    assert AuditEvent.objects.unscoped().filter(action="petition.step_delivered").count() == 4


def test_decision_delivery_rules(complaint, officer_a, officer_b):
    step = services.complaint_decision_issue(
        actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="Giữ nguyên", at=at(2026, 3, 10)
    )
    with pytest.raises(ValidationError):  # not a recipient of a decision
        services.step_delivery_record(
            actor=officer_a, step=step, recipient="accused", sent_on=dt.date(2026, 3, 11), method="post"
        )
    with pytest.raises(ValidationError):  # before the decision
        services.step_delivery_record(
            actor=officer_a, step=step, recipient="complainant", sent_on=dt.date(2026, 3, 9), method="post"
        )
    with pytest.raises(PermissionDenied):
        services.step_delivery_record(
            actor=officer_b, step=step, recipient="complainant", sent_on=dt.date(2026, 3, 11), method="post"
        )
    _send_all(step, officer_a, ["complainant"])
    with pytest.raises(ValidationError):  # twice
        _send_all(step, officer_a, ["complainant"])


def test_decision_only_on_accepted_complaint(commune_a, officer_a, officer_b, complaint):
    report = make_petition(commune_a)
    with pytest.raises(ValidationError):
        services.complaint_decision_issue(actor=officer_a, petition=report, decided_on=dt.date(2026, 3, 2), summary="x")
    with pytest.raises(PermissionDenied):
        services.complaint_decision_issue(
            actor=officer_b, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="x"
        )


def test_decision_clock_warns_then_escalates(complaint, officer_a, django_capture_on_commit_callbacks):
    step = services.complaint_decision_issue(
        actor=officer_a, petition=complaint, decided_on=dt.date(2026, 3, 10), summary="Giữ nguyên", at=at(2026, 3, 10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        clock_services.clocks_mark_due(now=at(2026, 3, 12, 10))
    step.refresh_from_db()
    assert step.warned_at is not None and step.escalated_at is None
    with django_capture_on_commit_callbacks(execute=True):
        clock_services.clocks_mark_due(now=at(2026, 3, 17, 10))
    step.refresh_from_db()
    assert step.escalated_at is not None
    assert AuditEvent.objects.unscoped().filter(action="petition.step_escalated", object_id=str(step.pk)).count() == 1


def test_denunciation_acceptance_opens_five_working_day_notice_clock(accepted_denunciation, officer_a):
    step = PetitionStep.objects.unscoped().get(petition=accepted_denunciation, kind="denunciation_notice")
    assert step.clock.kind == "reception.denunciation.notice"
    assert step.due_date == dt.date(2026, 3, 12)  # Thu 5/3 + 5 working days
    assert accepted_denunciation.clock.kind == "reception.denunciation.resolution"  # runs in parallel
    _send_all(step, officer_a, ["denouncer"])
    step.refresh_from_db()
    assert step.clock.is_open
    _send_all(step, officer_a, ["accused"])
    step.refresh_from_db()
    assert not step.clock.is_open and step.completed_at is not None


def test_denunciation_notice_audit_never_holds_the_identity(accepted_denunciation, officer_a):
    step = accepted_denunciation.steps.get(kind="denunciation_notice")
    _send_all(step, officer_a, ["denouncer", "accused"])
    for event in AuditEvent.objects.unscoped().filter(action__startswith="petition.step"):
        assert "Trần Bí Mật" not in str(event.old) + str(event.new)


def test_extension_opens_an_extension_notice_step(accepted_denunciation, chairman_a, officer_a):
    services.petition_extend(actor=chairman_a, petition=accepted_denunciation, reason="Phức tạp")
    step = accepted_denunciation.steps.get(kind="extension_notice")
    assert step.clock is None and step.summary == "Phức tạp"
    _send_all(step, officer_a, ["denouncer", "accused"], on=step.decided_on, moment=None)
    step.refresh_from_db()
    assert step.completed_at is not None


def test_complaint_dialogue_notice_then_signed_minutes(complaint, officer_a):
    d = services.complaint_dialogue_schedule(
        actor=officer_a,
        petition=complaint,
        held_at=at(2026, 3, 9, 14),
        place="Phòng họp UBND",
        content="Đối chiếu kết quả xác minh",
        notified_on=dt.date(2026, 3, 5),
    )
    kwargs = {"participants": "Chủ tịch; ông Khiếu", "discussion": "Hai bên trình bày", "results": "Thống nhất"}
    with pytest.raises(ValidationError):  # minutes must be signed
        services.complaint_dialogue_record(actor=officer_a, dialogue=d, signed=False, at=at(2026, 3, 9, 16), **kwargs)
    with pytest.raises(ValidationError):  # before the dialogue
        services.complaint_dialogue_record(actor=officer_a, dialogue=d, signed=True, at=at(2026, 3, 9, 8), **kwargs)
    d = services.complaint_dialogue_record(actor=officer_a, dialogue=d, signed=True, at=at(2026, 3, 9, 16), **kwargs)
    assert d.signed and d.minutes_at is not None and d.results == "Thống nhất"
    assert AuditEvent.objects.unscoped().filter(action="petition.dialogue_recorded").count() == 1


def test_dialogue_only_on_accepted_complaint(commune_a, officer_a, officer_b, complaint):
    with pytest.raises(ValidationError):
        services.complaint_dialogue_schedule(
            actor=officer_a, petition=make_petition(commune_a), held_at=at(2026, 3, 9), place="x", content="y"
        )
    with pytest.raises(PermissionDenied):
        services.complaint_dialogue_schedule(
            actor=officer_b, petition=complaint, held_at=at(2030, 3, 9), place="x", content="y"
        )
