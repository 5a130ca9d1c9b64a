"""Services: the register, clocks per type, routing, answers, citizen follow-up, confidentiality."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thanthien.audit.models import AuditEvent
from thanthien.clocks import services as clock_services
from thanthien.clocks.models import Clock
from thanthien.reception import selectors, services
from thanthien.reception.domain.classification import Facts
from thanthien.reception.domain.masking import MASK
from thanthien.reception.models import InfoRequest, Petition
from thanthien.reception.selectors import PetitionFilters

from .factories import at, make_denunciation, make_petition

pytestmark = pytest.mark.django_db


def test_web_report_starts_the_ten_working_day_answer_clock(commune_a):
    p = make_petition(commune_a)
    assert p.code.startswith("PA-260302-")
    assert p.clock.kind == "reception.reception.answer"
    assert p.due_date == dt.date(2026, 3, 16)  # Mon 2/3 + 10 working days
    assert AuditEvent.objects.unscoped().filter(action="petition.received", object_id=str(p.pk)).exists()


def test_citizen_cannot_use_staff_channels(commune_a):
    with pytest.raises(PermissionDenied):
        make_petition(commune_a, channel="counter")


def test_officer_of_another_commune_cannot_register(commune_a, officer_b):
    with pytest.raises(PermissionDenied):
        services.petition_receive(actor=officer_b, unit=commune_a, channel="counter", subject="x", content="y")


def test_complaint_classification_starts_acceptance_then_resolution_clock(commune_a, officer_a):
    p = make_petition(commune_a, signed=True, dated=True)
    p = services.petition_classify(actor=officer_a, petition=p, kind="complaint", at=at(2026, 3, 3))
    assert p.kind == "complaint" and p.clock.kind == "reception.complaint.acceptance"
    assert p.due_date == dt.date(2026, 3, 17)
    p = services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 4))
    assert p.clock.kind == "reception.complaint.resolution"
    assert p.due_date == dt.date(2026, 4, 3)  # 30 calendar days
    assert Clock.objects.unscoped().filter(subject_id=str(p.pk), status="done").count() == 2


def test_remote_commune_gets_45_days(commune_a, officer_a):
    commune_a.is_remote = True
    commune_a.save(update_fields=["is_remote"])
    p = make_petition(commune_a, signed=True, dated=True)
    p = services.petition_classify(actor=officer_a, petition=p, kind="complaint", at=at(2026, 3, 3))
    p = services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 4))
    assert p.due_date == dt.date(2026, 4, 20)  # 18/4 is a Saturday → Monday 20/4 (BLDS Điều 148)


def test_unsigned_complaint_is_not_eligible(commune_a, officer_a):
    p = make_petition(commune_a, signed=False, dated=True)
    p = services.petition_classify(actor=officer_a, petition=p, kind="complaint")
    assert p.kind == "not_eligible" and p.eligibility_issues == ["unsigned"]


def test_denunciation_initial_processing_and_two_extensions(commune_a, officer_a, chairman_a):
    p = make_denunciation(commune_a, signed=True, dated=True)
    p = services.petition_classify(
        actor=officer_a, petition=p, kind="denunciation", multi_place=True, at=at(2026, 3, 3)
    )
    assert p.clock.kind == "reception.denunciation.initial.multi_place"
    assert p.due_date == dt.date(2026, 3, 17)
    p = services.petition_accept(actor=officer_a, petition=p, at=at(2026, 3, 5))
    assert p.due_date == dt.date(2026, 4, 6)
    with pytest.raises(PermissionDenied):
        services.petition_extend(actor=officer_a, petition=p, reason="Phức tạp")
    p = services.petition_extend(actor=chairman_a, petition=p, reason="Phức tạp")
    p = services.petition_extend(actor=chairman_a, petition=p, reason="Đặc biệt phức tạp")
    assert p.extensions == 2 and p.due_date == dt.date(2026, 6, 5)
    with pytest.raises(ValidationError):
        services.petition_extend(actor=chairman_a, petition=p, reason="Lần ba")


def test_forward_tracks_the_handoff(commune_a, officer_a):
    p = make_petition(commune_a)
    h = services.petition_forward(
        actor=officer_a, petition=p, body_kind="electricity", body_name="Điện lực Thái Nguyên"
    )
    p.refresh_from_db()
    assert p.status == "forwarded" and p.forwarded_to == "Điện lực Thái Nguyên" and p.clock.status == "done"
    h = services.handoff_acknowledge(actor=officer_a, handoff=h)
    assert h.acknowledged_at is not None


def test_not_our_responsibility_needs_a_reason(commune_a, officer_a):
    p = make_petition(commune_a)
    with pytest.raises(ValidationError):
        services.petition_refuse(actor=officer_a, petition=p, reason=" ")
    p = services.petition_refuse(actor=officer_a, petition=p, reason="Thuộc thẩm quyền Công an tỉnh")
    assert p.status == "refused"
    assert selectors.public_petition_by_code(p.code).refusal_reason == "Thuộc thẩm quyền Công an tỉnh"


def test_answer_rate_reopen_by_code(commune_a, officer_a):
    p = make_petition(commune_a, submitter_phone="0987654321")
    p = services.petition_answer(
        actor=officer_a,
        petition=p,
        answer="Đã thay bóng đèn. Liên hệ Nguyễn Văn Tố 0987654321.",
        publish=True,
        at=at(2026, 3, 5),
    )
    assert p.status == "answered" and p.reopen_until == dt.date(2026, 4, 4)
    assert "0987654321" not in p.public_summary and "Nguyễn Văn Tố" not in p.public_summary
    p = services.petition_rate(code=p.code.lower(), rating=2, comment="Chưa sửa hết")
    assert p.rating == 2
    p = services.petition_reopen(code=p.code, reason="Còn một cột chưa sáng", at=at(2026, 3, 10))
    assert p.status == "reopened" and p.reopen_count == 1 and p.rating is None
    assert p.clock.is_open


def test_reopen_window_closes(commune_a, officer_a):
    p = make_petition(commune_a)
    p = services.petition_answer(actor=officer_a, petition=p, answer="Đã xử lý", at=at(2026, 3, 5))
    with pytest.raises(ValidationError):
        services.petition_reopen(code=p.code, reason="Chưa xong", at=at(2026, 5, 5))
    assert services.petition_close_expired(now=at(2026, 5, 5)) == 1
    assert services.petition_close_expired(now=at(2026, 5, 5)) == 0


def test_rating_before_answer_is_refused(commune_a):
    p = make_petition(commune_a)
    with pytest.raises(ValidationError):
        services.petition_rate(code=p.code, rating=5)


def test_duplicates_are_linked_not_lost(commune_a, officer_a):
    first = make_petition(commune_a)
    second = make_petition(commune_a)
    services.petition_link_duplicate(actor=officer_a, petition=second, original=first)
    assert [d.code for d in selectors.petition_duplicates(actor=officer_a, petition=first)] == [second.code]
    assert selectors.petition_list(actor=officer_a).count() == 2


def test_overdue_clock_escalates_to_the_leader(commune_a, officer_a, django_capture_on_commit_callbacks):
    p = make_petition(commune_a)
    with django_capture_on_commit_callbacks(execute=True):
        clock_services.clocks_mark_due(now=at(2026, 3, 13, 10))  # warn_at passed (D−1)
    p.refresh_from_db()
    assert p.warned_at is not None and p.escalated_at is None
    with django_capture_on_commit_callbacks(execute=True):
        clock_services.clocks_mark_due(now=at(2026, 3, 20, 10))
    p.refresh_from_db()
    assert p.escalated_at is not None
    assert AuditEvent.objects.unscoped().filter(action="petition.escalated", object_id=str(p.pk)).count() == 1


# ---- denouncer confidentiality -----------------------------------------------------------------


@pytest.fixture
def denunciation(commune_a, officer_a, chairman_a):
    p = make_denunciation(commune_a, signed=True, dated=True, submitter_email="bimat@example.vn")
    services.petition_assign(actor=chairman_a, petition=p, handler=officer_a)
    return services.petition_classify(actor=officer_a, petition=p, kind="denunciation")


def test_assigned_handler_and_leader_see_the_denouncer(denunciation, officer_a, chairman_a):
    assert selectors.petition_get(actor=officer_a, pk=denunciation.pk).submitter_name == "Trần Bí Mật"
    assert selectors.petition_get(actor=chairman_a, pk=denunciation.pk).submitter_name == "Trần Bí Mật"
    assert selectors.petition_page(actor=chairman_a)[0].submitter_name == "Trần Bí Mật"


def test_other_officer_sees_the_denouncer_masked_everywhere(denunciation, officer2_a):
    detail = selectors.petition_get(actor=officer2_a, pk=denunciation.pk)
    assert detail.submitter_name == MASK and detail.submitter_phone == MASK and detail.submitter_email == MASK
    assert detail.identity_visible is False
    assert selectors.petition_page(actor=officer2_a)[0].submitter_name == MASK
    assert selectors.petition_export_rows(actor=officer2_a)[0]["submitter"] == MASK
    # Search by the denouncer's name finds nothing (the name is not indexed).
    assert selectors.petition_page(actor=officer2_a, filters=PetitionFilters(q="Bí Mật")) == []


def test_superuser_is_not_exempt_from_confidentiality(denunciation, django_user_model):
    admin = django_user_model.objects.create_superuser(username="root", password="x" * 12)
    assert selectors.petition_get(actor=admin, pk=denunciation.pk).submitter_name == MASK


def test_audit_trail_never_holds_the_denouncer_identity(denunciation, chairman_a):
    services.petition_accept(actor=chairman_a, petition=denunciation, at=at(2026, 3, 5))
    events = AuditEvent.objects.unscoped().filter(object_id=str(denunciation.pk), object_type="reception.petition")
    assert events.count() >= 3
    for e in events:
        blob = f"{e.old} {e.new} {e.object_label} {e.note}"
        assert "Trần Bí Mật" not in blob and "0912345678" not in blob and "bimat@example.vn" not in blob


def test_public_view_by_code_does_not_load_identity(denunciation):
    p = selectors.public_petition_by_code(denunciation.code)
    assert set(services.IDENTITY_FIELDS) <= p.get_deferred_fields()


def test_non_denunciation_identity_is_visible_to_any_officer(commune_a, officer2_a):
    p = make_petition(commune_a)
    assert selectors.petition_get(actor=officer2_a, pk=p.pk).submitter_name == "Nguyễn Văn Tố"


# ---- reception sessions -----------------------------------------------------------------------


def test_chairman_schedule_published_five_working_days_ahead(commune_a, officer_a):
    with pytest.raises(ValidationError):
        services.session_schedule(
            actor=officer_a,
            unit=commune_a,
            day=dt.date(2026, 3, 9),
            start_time=dt.time(8),
            end_time=dt.time(11),
            place="Trụ sở",
            host="Chủ tịch",
            published_on=dt.date(2026, 3, 3),
        )
    s = services.session_schedule(
        actor=officer_a,
        unit=commune_a,
        day=dt.date(2026, 3, 9),
        start_time=dt.time(8),
        end_time=dt.time(11),
        place="Trụ sở",
        host="Chủ tịch",
        participants="Công chức địa chính",
        expected_content="Đất đai",
        published_on=dt.date(2026, 3, 2),
    )
    s = services.session_postpone(actor=officer_a, session=s, new_day=dt.date(2026, 3, 16), reason="Họp tỉnh")
    assert s.status == "postponed"


def test_online_sessions_exist_from_1_7_2026(commune_a, officer_a):
    kw = {
        "actor": officer_a,
        "unit": commune_a,
        "start_time": dt.time(8),
        "end_time": dt.time(11),
        "place": "Trực tuyến",
        "host": "Chủ tịch",
        "online": True,
    }
    with pytest.raises(ValidationError):
        services.session_schedule(day=dt.date(2026, 6, 29), published_on=dt.date(2026, 6, 1), **kw)
    s = services.session_schedule(day=dt.date(2026, 7, 13), published_on=dt.date(2026, 7, 1), **kw)
    with pytest.raises(ValidationError):
        services.session_record(actor=officer_a, session=s, attendees="3", summary="Đất", outcome="Hẹn")
    s = services.session_record(
        actor=officer_a, session=s, attendees="3", summary="Đất", outcome="Hẹn", recording_ref="REC-1"
    )
    assert s.status == "held"


# ---- information requests ----------------------------------------------------------------------


def _info(unit, **kw):
    data = {
        "channel": "electronic",
        "requester_name": "Lò Văn Páo",
        "address": "Thôn Na",
        "id_number": "019186001234",
        "information": "Quyết định giao đất 2024",
        "delivery": "email",
        "purpose": "Quyền lợi",
        "received_at": at(2026, 3, 2),
    }
    data.update(kw)
    return services.info_request_receive(actor=None, unit=unit, **data)


@pytest.mark.parametrize(
    ("channel", "complex_case", "due"),
    [
        ("electronic", False, dt.date(2026, 3, 5)),
        ("electronic", True, dt.date(2026, 3, 23)),
        ("post", False, dt.date(2026, 3, 9)),
        ("in_person", False, dt.date(2026, 3, 2)),
    ],
)
def test_info_request_clocks(commune_a, officer_a, channel, complex_case, due):
    actor = None if channel == "electronic" else officer_a
    r = services.info_request_receive(
        actor=actor,
        unit=commune_a,
        channel=channel,
        requester_name="A",
        address="B",
        id_number="1",
        information="C",
        delivery="copy",
        purpose="D",
        complex_case=complex_case,
        received_at=at(2026, 3, 2),
    )
    assert r.due_date == due


def test_info_request_one_extension_then_provided(commune_a, officer_a):
    r = _info(commune_a)
    r = services.info_request_extend(actor=officer_a, request=r, reason="Cần thu thập")
    assert r.status == "extended" and r.due_date == dt.date(2026, 3, 26)
    with pytest.raises(ValidationError):
        services.info_request_extend(actor=officer_a, request=r, reason="Lần hai")
    with pytest.raises(ValidationError):
        services.info_request_provide(actor=officer_a, request=r, copying_cost=20000, cost_paid=False)
    r = services.info_request_provide(actor=officer_a, request=r, copying_cost=20000, cost_paid=True)
    assert r.status == "provided"


def test_info_already_provided_twice_must_be_refused(commune_a, officer_a):
    for _ in range(2):
        services.info_request_provide(actor=officer_a, request=_info(commune_a))
    third = _info(commune_a, information="quyết định  giao đất 2024")
    with pytest.raises(ValidationError):
        services.info_request_provide(actor=officer_a, request=third)
    third = services.info_request_refuse(
        actor=officer_a, request=third, ground="provided_twice", reason="Đã cung cấp 2 lần"
    )
    assert third.status == InfoRequest.Status.REFUSED


def test_info_request_needs_the_legal_fields(commune_a):
    with pytest.raises(ValidationError) as exc:
        _info(commune_a, id_number="", purpose="")
    assert set(exc.value.message_dict) == {"id_number", "purpose"}


def test_petitions_of_other_commune_are_invisible(commune_a, commune_b, officer_b):
    make_petition(commune_a)
    assert selectors.petition_list(actor=officer_b).count() == 0
    with pytest.raises(Petition.DoesNotExist):
        selectors.petition_get(actor=officer_b, pk=Petition.objects.unscoped().get().pk)


def test_facts_override(commune_a, officer_a):
    p = make_petition(commune_a)
    p = services.petition_classify(actor=officer_a, petition=p, kind="complaint", facts=Facts(signatories=6))
    assert p.eligibility_issues == ["no_representative"]


def test_not_competent_starts_the_five_day_forwarding_clock(commune_a, officer_a):
    p = make_petition(commune_a)
    p = services.petition_classify(actor=officer_a, petition=p, kind="report", competent=False, at=at(2026, 3, 3))
    assert p.clock.kind == "reception.feedback.forward" and p.due_date == dt.date(2026, 3, 10)
    d = make_denunciation(commune_a, signed=True, dated=True)
    d = services.petition_classify(actor=officer_a, petition=d, kind="denunciation", competent=False, at=at(2026, 3, 3))
    assert d.clock.kind == "reception.denunciation.forward"
    services.petition_forward(actor=officer_a, petition=d, body_kind="police", body_name="Công an tỉnh")
    d.refresh_from_db()
    assert d.clock.status == "done"


def test_oversight_board_recommendation_is_answered_within_15_days(commune_a, officer_a):
    p = services.petition_receive(
        actor=officer_a,
        unit=commune_a,
        channel="board",
        subject="Kiến nghị của Ban TTND",
        content="Công khai quỹ",
        received_at=at(2026, 3, 2),
    )
    assert p.clock.kind == "reception.board.answer" and p.due_date == dt.date(2026, 3, 17)
