"""Services: reception, lifecycle, hand-offs, apology, fees, components, routing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from thanthien.audit.models import AuditEvent
from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.dossiers import services
from thanthien.dossiers.domain.common import DossierRuleError
from thanthien.dossiers.domain.status import IllegalTransition
from thanthien.dossiers.models import Dossier, DossierApology, DossierEvent
from thanthien.dossiers.services import ApplicantData, IntakeData
from thanthien.units.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

MON_10 = dt.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)
MON_16 = dt.datetime(2026, 3, 9, 16, 0, tzinfo=VIETNAM_TZ)


def intake(procedure, **kw):
    return IntakeData(procedure=procedure, applicant=ApplicantData(name="Trần Văn Nam", phone="0987654321"), **kw)


def receive(officer, unit, procedure, at=MON_10, **kw):
    return services.dossier_create(actor=officer, unit=unit, data=intake(procedure, **kw), at=at)


def test_reception_gives_code_tracking_code_and_due_date(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    assert d.status == "received"
    assert d.code.endswith("-260309-0001")
    assert d.tracking_code and len(d.tracking_code) == 11
    # 1 working day from Monday (Monday not counted) → Tuesday 10/03, ends at 24:00.
    assert d.due_date == dt.date(2026, 3, 10)
    assert d.original_due_date == d.due_date
    assert AuditEvent.objects.unscoped().filter(action="dossier.received", object_id=str(d.pk)).exists()
    ev = DossierEvent.objects.unscoped().get(dossier=d)
    # Received before 15:00: handed on the same day.
    assert ev.step_due_at.astimezone(VIETNAM_TZ).date() == dt.date(2026, 3, 9)


def test_second_reception_of_the_day_gets_next_sequence(officer_a, commune_a, procedure):
    receive(officer_a, commune_a, procedure)
    d2 = receive(officer_a, commune_a, procedure)
    assert d2.code.endswith("-260309-0002")


def test_after_15h_the_clock_starts_next_morning(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure, at=MON_16)
    assert d.clock_started_at.astimezone(VIETNAM_TZ) == dt.datetime(2026, 3, 10, 7, 30, tzinfo=VIETNAM_TZ)
    assert d.due_date == dt.date(2026, 3, 11)
    ev = DossierEvent.objects.unscoped().get(dossier=d)
    assert ev.step_due_at.astimezone(VIETNAM_TZ) == dt.datetime(2026, 3, 10, 11, 30, tzinfo=VIETNAM_TZ)


def test_postal_submission_time_is_the_signed_handover(officer_a, commune_a, procedure):
    signed = dt.datetime(2026, 3, 6, 9, 0, tzinfo=VIETNAM_TZ)  # Friday
    d = receive(
        officer_a, commune_a, procedure, channel_in="postal", handover_signed_at=signed, postal_receipt_no="BĐ-1"
    )
    assert d.received_at == signed
    assert d.due_date == dt.date(2026, 3, 9)  # Friday + 1 working day = Monday


def test_postal_without_handover_is_refused(officer_a, commune_a, procedure):
    with pytest.raises(DossierRuleError) as exc:
        receive(officer_a, commune_a, procedure, channel_in="postal")
    assert "handover_signed_at" in exc.value.fields
    assert not Dossier.objects.unscoped().exists()


def test_supplement_and_refusal_at_reception_start_no_clock(officer_a, commune_a, procedure):
    d = services.dossier_create(
        actor=officer_a,
        unit=commune_a,
        data=intake(procedure, reason="Thiếu tờ khai"),
        action="request_supplement_at_reception",
        at=MON_10,
    )
    assert d.status == "supplement_requested_at_reception" and d.due_at is None and d.code is None
    d = services.dossier_transition(actor=officer_a, dossier=d, action="receive", at=MON_10 + dt.timedelta(days=1))
    assert d.status == "received" and d.due_date == dt.date(2026, 3, 11)


def test_illegal_transition_is_refused_in_vietnamese_and_changes_nothing(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    events = DossierEvent.objects.unscoped().count()
    with pytest.raises(IllegalTransition) as exc:
        services.dossier_transition(actor=officer_a, dossier=d, action="return_result", at=MON_10)
    assert "không" in str(exc.value).lower() or "Trả kết quả" in str(exc.value)
    d.refresh_from_db()
    assert d.status == "received"
    assert DossierEvent.objects.unscoped().count() == events


def full_path(officer, chairman, specialist, d, start=MON_10):
    t = start
    d = services.dossier_transition(actor=officer, dossier=d, action="transfer", at=t + dt.timedelta(hours=1))
    d = services.dossier_transition(
        actor=chairman, dossier=d, action="assign", handler=specialist, at=t + dt.timedelta(hours=2)
    )
    return d


def test_whole_lifecycle_with_handoffs_and_classification(officer_a, chairman_a, specialist_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    d = full_path(officer_a, chairman_a, specialist_a, d)
    assert d.status == "in_processing" and d.handler == specialist_a
    d = services.dossier_transition(
        actor=specialist_a,
        dossier=d,
        action="record_result",
        result_note="Đã chứng thực",
        at=MON_10 + dt.timedelta(hours=4),
    )
    d = services.dossier_transition(
        actor=officer_a, dossier=d, action="return_result", at=MON_10 + dt.timedelta(hours=5)
    )
    assert d.status == "returned" and d.timeliness == "early"
    events = list(DossierEvent.objects.unscoped().filter(dossier=d).order_by("at", "id"))
    assert [e.action for e in events] == ["receive", "transfer", "assign", "record_result", "return_result"]
    assert events[0].step_timeliness == "on_time"  # transferred on the day it was due
    # The handler's 6 working hours run to Tuesday; the result came on Monday: early (Mẫu 05).
    assert events[2].receiver == specialist_a and events[2].step_timeliness == "early"


def test_late_return_is_classified_late(officer_a, chairman_a, specialist_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    d = full_path(officer_a, chairman_a, specialist_a, d)
    d = services.dossier_transition(
        actor=specialist_a, dossier=d, action="record_result", at=MON_10 + dt.timedelta(days=2)
    )
    d = services.dossier_transition(
        actor=officer_a, dossier=d, action="return_result", at=MON_10 + dt.timedelta(days=2)
    )
    assert d.timeliness == "late"


def test_supplement_in_processing_restarts_the_clock(officer_a, chairman_a, specialist_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    d = full_path(officer_a, chairman_a, specialist_a, d)
    d = services.dossier_transition(
        actor=specialist_a,
        dossier=d,
        action="request_supplement",
        reason="Thiếu bản sao",
        at=MON_10 + dt.timedelta(hours=3),
    )
    assert d.status == "supplement_requested_in_processing" and d.supplement_requests == 1
    thursday = dt.datetime(2026, 3, 12, 9, 0, tzinfo=VIETNAM_TZ)
    d = services.dossier_transition(actor=specialist_a, dossier=d, action="complete_supplement", at=thursday)
    assert d.status == "in_processing"
    assert d.due_date == dt.date(2026, 3, 13) and d.original_due_date == dt.date(2026, 3, 13)
    # Only once.
    with pytest.raises(DossierRuleError) as exc:
        services.dossier_transition(actor=specialist_a, dossier=d, action="request_supplement", reason="x", at=thursday)
    assert exc.value.code == "supplement.already_requested"


def test_supplement_after_three_working_days_is_refused(officer_a, chairman_a, specialist_a, commune_a):
    from thanthien.procedures.tests.factories import ProcedureFactory

    proc = ProcedureFactory(time_amount=Decimal(10))
    d = receive(officer_a, commune_a, proc)
    d = full_path(officer_a, chairman_a, specialist_a, d)
    late = dt.datetime(2026, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)  # Friday = 4th working day
    with pytest.raises(DossierRuleError) as exc:
        services.dossier_transition(actor=specialist_a, dossier=d, action="request_supplement", reason="x", at=late)
    assert exc.value.code == "supplement.too_late"
    d.refresh_from_db()
    assert d.status == "in_processing"


def test_consultation_has_its_own_step_deadline(officer_a, chairman_a, specialist_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    d = full_path(officer_a, chairman_a, specialist_a, d)
    d = services.dossier_transition(
        actor=specialist_a,
        dossier=d,
        action="request_consultation",
        body="Công an xã",
        step_hours=4,
        at=MON_10 + dt.timedelta(hours=3),
    )
    ev = DossierEvent.objects.unscoped().filter(dossier=d).latest("id")
    assert ev.step == "Công an xã" and ev.step_due_at.astimezone(VIETNAM_TZ).hour == 17  # 13:00 is lunch: 13:30 + 4 h
    with pytest.raises(DossierRuleError):
        services.dossier_transition(actor=specialist_a, dossier=d, action="send_inter_agency", body="x", step_hours=2)


def long_procedure():
    from thanthien.procedures.tests.factories import ProcedureFactory

    return ProcedureFactory(time_amount=Decimal(5), fee_amount=Decimal(0))


def test_apology_once_at_least_one_working_day_before_due(officer_a, chairman_a, specialist_a, commune_a):
    d = receive(officer_a, commune_a, long_procedure())  # due Monday 16/03
    d = full_path(officer_a, chairman_a, specialist_a, d)
    wed = dt.datetime(2026, 3, 11, 9, 0, tzinfo=VIETNAM_TZ)
    d = services.dossier_apology_issue(
        actor=chairman_a, dossier=d, new_due_date=dt.date(2026, 3, 18), reason="Chờ xác minh", at=wed
    )
    assert d.original_due_date == dt.date(2026, 3, 16) and d.extended_due_date == dt.date(2026, 3, 18)
    assert d.due_date == dt.date(2026, 3, 18)
    with pytest.raises(DossierRuleError) as exc:
        services.dossier_apology_issue(
            actor=chairman_a, dossier=d, new_due_date=dt.date(2026, 3, 20), reason="Lần hai", at=wed
        )
    assert exc.value.code == "apology.already_issued"
    assert DossierApology.objects.unscoped().filter(dossier=d).count() == 1
    d.refresh_from_db()
    assert d.extended_due_date == dt.date(2026, 3, 18)


def test_apology_too_late_is_refused(officer_a, chairman_a, specialist_a, commune_a):
    d = receive(officer_a, commune_a, long_procedure())  # due Monday 16/03 → deadline Friday 13/03
    d = full_path(officer_a, chairman_a, specialist_a, d)
    monday = dt.datetime(2026, 3, 16, 9, 0, tzinfo=VIETNAM_TZ)
    with pytest.raises(DossierRuleError) as exc:
        services.dossier_apology_issue(
            actor=chairman_a, dossier=d, new_due_date=dt.date(2026, 3, 18), reason="Muộn", at=monday
        )
    assert exc.value.code == "apology.too_late"


def test_apology_db_constraint_once_per_dossier(officer_a, commune_a, procedure):
    from django.db import IntegrityError, transaction

    d = receive(officer_a, commune_a, procedure)
    DossierApology.objects.create(unit=commune_a, dossier=d, original_due_at=d.due_at, drafted_at=MON_10)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierApology.objects.create(unit=commune_a, dossier=d, original_due_at=d.due_at, drafted_at=MON_10)


def test_return_after_extension_keeps_both_classifications(officer_a, chairman_a, specialist_a, commune_a):
    d = receive(officer_a, commune_a, long_procedure())
    d = full_path(officer_a, chairman_a, specialist_a, d)
    wed = dt.datetime(2026, 3, 11, 9, 0, tzinfo=VIETNAM_TZ)
    d = services.dossier_apology_issue(
        actor=chairman_a, dossier=d, new_due_date=dt.date(2026, 3, 18), reason="x", at=wed
    )
    tue = dt.datetime(2026, 3, 17, 9, 0, tzinfo=VIETNAM_TZ)
    d = services.dossier_transition(actor=specialist_a, dossier=d, action="record_result", at=tue)
    d = services.dossier_transition(actor=officer_a, dossier=d, action="return_result", at=tue)
    assert d.timeliness == "late" and d.timeliness_extended == "early"


def test_sweep_flags_predicted_late_and_drafts_apology_once(officer_a, chairman_a, specialist_a, commune_a):
    d = receive(officer_a, commune_a, long_procedure())  # due 16/03
    d = full_path(officer_a, chairman_a, specialist_a, d)
    # Thursday 12/03 16:00: assume the last step needs more than what is left? No: make it overdue-ish.
    friday = dt.datetime(2026, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)
    from thanthien.procedures.models import ProcedureStep

    ProcedureStep.objects.filter(procedure=d.procedure).update(hours=40)
    result = services.dossiers_flag_predicted_late(now=friday)
    assert result["flagged"] == 1 and result["drafted"] == 1
    d.refresh_from_db()
    assert d.predicted_late
    again = services.dossiers_flag_predicted_late(now=friday)
    assert again == {"flagged": 0, "unflagged": 0, "drafted": 0}
    draft = DossierApology.objects.unscoped().get(dossier=d)
    assert draft.state == "draft" and draft.new_due_date > dt.date(2026, 3, 16)


def test_fee_above_legal_fee_is_refused(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    fee = services.dossier_fee_record(actor=officer_a, dossier=d, amount=10000, receipt_no="BL-1")
    assert fee.amount == 10000
    with pytest.raises(DossierRuleError) as exc:
        services.dossier_fee_record(actor=officer_a, dossier=d, amount=15000)
    assert exc.value.code == "fee.above_legal" and "10.000" in str(exc.value)
    assert d.fees.count() == 1


def test_component_beyond_the_list_is_flagged(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure, components=["Đơn đề nghị theo mẫu", "Sổ hộ khẩu"])
    flags = {c.name: c.is_extra for c in d.components.all()}
    assert flags == {"Đơn đề nghị theo mẫu": False, "Sổ hộ khẩu": True}


def test_routing_to_another_commune_of_the_province(officer_a, commune_a, commune_b, officer_b, procedure):
    from thanthien.units.tests.factories import make_staff

    assert commune_a.parent_id == commune_b.parent_id
    d = receive(officer_a, commune_a, procedure, deciding_unit=commune_b)
    assert d.deciding_unit == commune_b
    assert Dossier.objects.for_actor(officer_b).filter(pk=d.pk).exists()
    d = services.dossier_transition(actor=officer_a, dossier=d, action="transfer", at=MON_10 + dt.timedelta(hours=1))
    spec_b = make_staff("specialist_officer", commune_b)
    # Commune A cannot assign in commune B's stead; commune B can.
    with pytest.raises(PermissionDenied):
        services.dossier_transition(actor=officer_a, dossier=d, action="assign", handler=spec_b)
    d = services.dossier_transition(actor=officer_b, dossier=d, action="assign", handler=spec_b)
    assert d.handler == spec_b


def test_routing_outside_the_province_is_refused(officer_a, commune_a, procedure):
    other = CommuneFactory(parent=CommuneFactory(level="province", unit_type="tinh", slug="tinh-khac", code="20"))
    with pytest.raises(DossierRuleError) as exc:
        receive(officer_a, commune_a, procedure, deciding_unit=other)
    assert "deciding_unit" in exc.value.fields


def test_officer_of_another_commune_cannot_act(officer_a, officer_b, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    with pytest.raises(PermissionDenied):
        services.dossier_transition(actor=officer_b, dossier=d, action="transfer")
    d.refresh_from_db()
    assert d.status == "received"


def test_assisted_online_submission_records_entered_by(officer_a, commune_a, procedure):
    d = services.dossier_submit_online(
        actor=officer_a, unit=commune_a, data=intake(procedure, on_behalf_of="Bà Lò Thị Sen"), at=MON_16
    )
    assert d.status == "submitted_online" and d.entered_by == officer_a and d.on_behalf_of == "Bà Lò Thị Sen"
    ev = AuditEvent.objects.unscoped().get(action="dossier.submitted_online")
    assert ev.on_behalf_of == "Bà Lò Thị Sen"
    d = services.dossier_transition(actor=officer_a, dossier=d, action="receive", at=MON_16 + dt.timedelta(hours=16))
    assert d.code and d.due_date == dt.date(2026, 3, 11)


def test_stop_at_request_is_final(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    d = services.dossier_transition(actor=officer_a, dossier=d, action="stop_at_request", reason="Đơn xin rút hồ sơ")
    assert d.status == "stopped_at_request"
    with pytest.raises(IllegalTransition) as exc:
        services.dossier_transition(actor=officer_a, dossier=d, action="transfer")
    assert exc.value.code == "dossier.final_status"


# --- the tracking book line (Sổ theo dõi hồ sơ, Mẫu 06) given at reception ---------------------------


def book(unit):
    return list(
        Dossier.objects.unscoped()
        .filter(unit=unit, book_number__isnull=False)
        .order_by("book_year", "book_number")
        .values_list("book_year", "book_number", "applicant_name")
    )


def test_receptions_take_the_next_lines_of_the_year_and_refusals_take_none(officer_a, commune_a, procedure):
    receive(officer_a, commune_a, procedure)
    refused = services.dossier_create(
        actor=officer_a,
        unit=commune_a,
        data=intake(procedure, reason="Không thuộc thẩm quyền"),
        action="refuse_at_reception",
        at=MON_10,
    )
    second = receive(officer_a, commune_a, procedure, at=MON_16)
    assert refused.book_number is None and refused.book_year is None
    assert (second.book_year, second.book_number) == (2026, 2)
    assert [line[:2] for line in book(commune_a)] == [(2026, 1), (2026, 2)]


def test_a_postal_dossier_entered_late_takes_the_next_line_and_moves_no_other(officer_a, commune_a, procedure):
    """Its hand-over (Friday) is older than Monday's counter dossiers: it still comes after them."""
    first = receive(officer_a, commune_a, procedure)
    second = receive(officer_a, commune_a, procedure, at=MON_10 + dt.timedelta(hours=1))
    postal = receive(
        officer_a,
        commune_a,
        procedure,
        at=MON_16,
        channel_in="postal",
        handover_signed_at=dt.datetime(2026, 3, 6, 9, 0, tzinfo=VIETNAM_TZ),
        postal_receipt_no="BĐ-9",
    )
    assert postal.received_at < first.received_at
    assert postal.book_number == 3
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.book_number, second.book_number) == (1, 2)


def test_an_online_dossier_gets_its_line_when_received_not_when_submitted(officer_a, commune_a, procedure):
    online = services.dossier_submit_online(actor=None, unit=commune_a, data=intake(procedure), at=MON_10)
    assert online.book_number is None
    receive(officer_a, commune_a, procedure, at=MON_10 + dt.timedelta(hours=1))
    online = services.dossier_transition(
        actor=officer_a, dossier=online, action="receive", at=MON_10 + dt.timedelta(hours=2)
    )
    assert (online.book_year, online.book_number) == (2026, 2)


def test_the_book_starts_again_from_01_each_year_and_per_commune(officer_a, officer_b, commune_a, commune_b, procedure):
    receive(officer_a, commune_a, procedure, at=dt.datetime(2025, 12, 31, 9, 0, tzinfo=VIETNAM_TZ))
    receive(officer_a, commune_a, procedure, at=dt.datetime(2025, 12, 31, 10, 0, tzinfo=VIETNAM_TZ))
    january = receive(officer_a, commune_a, procedure, at=dt.datetime(2026, 1, 5, 9, 0, tzinfo=VIETNAM_TZ))
    other = receive(officer_b, commune_b, procedure)
    assert (january.book_year, january.book_number) == (2026, 1)
    assert (other.book_year, other.book_number) == (2026, 1)
    assert [line[:2] for line in book(commune_a)] == [(2025, 1), (2025, 2), (2026, 1)]


def test_the_database_refuses_a_second_dossier_on_the_same_line(officer_a, commune_a, procedure):
    from django.db import IntegrityError, transaction

    d = receive(officer_a, commune_a, procedure)
    other = receive(officer_a, commune_a, procedure)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.unscoped().filter(pk=other.pk).update(book_number=d.book_number)


@pytest.mark.parametrize("change", [{"book_number": None}, {"book_year": None}, {"book_number": 0}])
def test_the_database_refuses_half_a_book_line(officer_a, commune_a, procedure, change):
    from django.db import IntegrityError, transaction

    d = receive(officer_a, commune_a, procedure)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.unscoped().filter(pk=d.pk).update(**change)


# --- who hands the dossier over at reception; early steps (Mẫu 05) ---------------------------------------


@pytest.mark.parametrize(
    ("channel", "label"),
    [
        ("direct", "Trần Văn Nam"),
        ("postal", "Bưu chính công ích (số hiệu bưu gửi BĐ-17)"),
        ("online", "Trần Văn Nam (nộp trực tuyến qua Cổng Dịch vụ công)"),
    ],
)
def test_the_reception_event_records_the_applicant_side_as_giver(officer_a, commune_a, procedure, channel, label):
    if channel == "online":
        d = services.dossier_submit_online(actor=None, unit=commune_a, data=intake(procedure), at=MON_10)
        d = services.dossier_transition(actor=officer_a, dossier=d, action="receive", at=MON_16)
    else:
        extra = {}
        if channel == "postal":
            extra = {"channel_in": "postal", "handover_signed_at": MON_10, "postal_receipt_no": "BĐ-17"}
        d = receive(officer_a, commune_a, procedure, **extra)
    ev = DossierEvent.objects.unscoped().get(dossier=d, action="receive")
    assert (ev.giver_id, ev.giver_label) == (None, label)
    assert ev.receiver == officer_a


def test_a_step_finished_before_its_due_day_is_early(officer_a, commune_a, procedure):
    """Received after 15:00: the transfer is due the next morning; done the same evening → early."""
    d = receive(officer_a, commune_a, procedure, at=MON_16)
    services.dossier_transition(actor=officer_a, dossier=d, action="transfer", at=MON_16 + dt.timedelta(minutes=30))
    ev = DossierEvent.objects.unscoped().get(dossier=d, action="receive")
    assert ev.step_finished_at == MON_16 + dt.timedelta(minutes=30)
    assert ev.step_timeliness == "early"


def test_a_step_finished_after_its_due_instant_is_late(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure, at=MON_16)  # transfer due Tuesday 11:30
    services.dossier_transition(
        actor=officer_a, dossier=d, action="transfer", at=dt.datetime(2026, 3, 10, 14, 0, tzinfo=VIETNAM_TZ)
    )
    assert DossierEvent.objects.unscoped().get(dossier=d, action="receive").step_timeliness == "late"
