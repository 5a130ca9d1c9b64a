"""Online submission, bookings, notifications, letters, scores."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from thanthien.accounts import senders
from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.models import Dossier
from thanthien.onestop import selectors, services
from thanthien.onestop.models import Attachment, Booking, LifeEventLetter, Notification

from .conftest import MONDAY_9

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _intake(procedure):
    return dossier_services.IntakeData(
        procedure=procedure, applicant=dossier_services.ApplicantData(name="Trần Thị Bình", address="Xóm Đồng")
    )


def _files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_online_submission_stores_checked_files_outside_the_web_root(commune_a, procedure, settings, citizen_phone):
    dossier = services.online_submit(
        actor=None,
        phone=citizen_phone,
        unit=commune_a,
        data=_intake(procedure),
        files=[("giay-chung-sinh.pdf", PDF), ("anh.png", PNG)],
        at=MONDAY_9,
    )
    assert dossier.status == "submitted_online" and dossier.applicant_phone == citizen_phone
    rows = list(Attachment.objects.unscoped().filter(dossier=dossier))
    assert [r.original_name for r in rows] == ["giay-chung-sinh.pdf", "anh.png"]
    stored = _files(settings.MEDIA_ROOT)
    assert len(stored) == 2 and all("giay" not in p.name for p in stored)
    assert str(settings.STATIC_ROOT) not in str(stored[0])


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("to-khai.exe", b"MZ\x90\x00", "upload.type"),
        ("fake.pdf", b"<html>not a pdf</html>", "upload.type"),
        ("anh.jpg", PNG, "upload.type"),
        ("empty.pdf", b"", "upload.empty"),
        ("big.pdf", PDF + b"0" * 2048, "upload.too_large"),
    ],
)
def test_a_wrong_or_oversized_file_is_refused_and_nothing_is_saved(
    commune_a, procedure, settings, citizen_phone, name, content, code
):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(services.OnestopError) as caught:
        services.online_submit(
            actor=None,
            phone=citizen_phone,
            unit=commune_a,
            data=_intake(procedure),
            files=[("ok.pdf", PDF), (name, content)],
        )
    assert caught.value.rule_code == code
    assert not Dossier.objects.unscoped().exists()
    assert not Attachment.objects.unscoped().exists()
    assert _files(settings.MEDIA_ROOT) == []


def test_a_failure_after_the_files_are_written_leaves_no_file(
    commune_a, procedure, settings, citizen_phone, monkeypatch
):
    def boom(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "audit_record", boom)
    with pytest.raises(RuntimeError):
        services.online_submit(
            actor=None, phone=citizen_phone, unit=commune_a, data=_intake(procedure), files=[("a.pdf", PDF)]
        )
    assert not Dossier.objects.unscoped().exists()
    assert _files(settings.MEDIA_ROOT) == []


def test_online_submission_needs_a_verified_phone(commune_a, procedure):
    with pytest.raises(PermissionDenied):
        services.online_submit(actor=None, phone="", unit=commune_a, data=_intake(procedure))


@pytest.fixture
def slot(officer_a, commune_a):
    start = MONDAY_9 + dt.timedelta(days=1)
    return services.slot_create(
        actor=officer_a, unit=commune_a, starts_at=start, ends_at=start + dt.timedelta(minutes=30), capacity=2
    )


def test_slot_capacity_is_enforced_and_cancellation_frees_a_place(slot):
    first = services.booking_create(phone="0912000001", name="An", slot=slot, at=MONDAY_9)
    services.booking_create(phone="0912000002", name="Bình", slot=slot, at=MONDAY_9)
    with pytest.raises(services.OnestopError) as caught:
        services.booking_create(phone="0912000003", name="Chi", slot=slot, at=MONDAY_9)
    assert caught.value.rule_code == "booking.full"
    with pytest.raises(PermissionDenied):
        services.booking_cancel(phone="0912000002", booking=first)
    services.booking_cancel(phone="0912000001", booking=first, at=MONDAY_9)
    services.booking_create(phone="0912000003", name="Chi", slot=slot, at=MONDAY_9)
    slot.refresh_from_db()
    assert slot.booked == 2


def test_slot_is_opened_only_by_the_communes_one_stop(slot, officer_b, commune_a):
    with pytest.raises(PermissionDenied):
        services.slot_create(
            actor=officer_b, unit=commune_a, starts_at=slot.starts_at, ends_at=slot.ends_at, capacity=1
        )


def test_booking_reminder_is_sent_once_the_day_before(slot):
    booking = services.booking_create(phone="0912000001", name="An", slot=slot, at=MONDAY_9)
    senders.outbox.clear()
    assert services.bookings_remind(now=MONDAY_9 - dt.timedelta(days=1)) == {"reminded": 0}
    assert services.bookings_remind(now=MONDAY_9 + dt.timedelta(hours=1)) == {"reminded": 1}
    assert services.bookings_remind(now=MONDAY_9 + dt.timedelta(hours=2)) == {"reminded": 0}
    assert [m.to for m in senders.outbox] == ["0912000001"]
    assert Notification.objects.unscoped().filter(booking=booking, kind="booking_reminder").count() == 1


def test_receipt_result_and_apology_are_notified_once_each(received, officer_a, chairman_a):
    senders.outbox.clear()
    now = MONDAY_9 + dt.timedelta(hours=1)
    assert services.dossiers_notify(now=now) == {"sent": 1}
    assert services.dossiers_notify(now=now) == {"sent": 0}
    assert received.code in senders.outbox[-1].text
    assert f"/tra-cuu/{received.tracking_code}/" in senders.outbox[-1].text
    dossier_services.dossier_transition(actor=officer_a, dossier=received, action="transfer", at=now)
    dossier_services.dossier_transition(actor=officer_a, dossier=received, action="assign", handler=officer_a, at=now)
    dossier_services.dossier_transition(actor=officer_a, dossier=received, action="record_result", at=now)
    assert services.dossiers_notify(now=now + dt.timedelta(minutes=5)) == {"sent": 1}
    kinds = list(Notification.objects.unscoped().order_by("id").values_list("kind", flat=True))
    assert kinds == ["received", "result_ready"]


def test_a_failed_send_is_logged_as_failed(received, monkeypatch):
    class Down:
        def send(self, to, text):
            raise senders.SendError("gateway down")

    monkeypatch.setattr(services, "get_sender", lambda: Down())
    services.dossiers_notify(now=MONDAY_9 + dt.timedelta(hours=1))
    row = Notification.objects.unscoped().get()
    assert (row.state, row.error) == ("failed", "gateway down")


def _return(dossier, officer, at):
    for action, params in (
        ("transfer", {}),
        ("assign", {"handler": officer}),
        ("record_result", {}),
        ("return_result", {}),
    ):
        dossier = dossier_services.dossier_transition(actor=officer, dossier=dossier, action=action, at=at, **params)
    return dossier


def test_birth_registration_returned_gets_a_congratulation_letter_once(received, officer_a):
    at = MONDAY_9 + dt.timedelta(hours=2)
    _return(received, officer_a, at)
    assert services.letters_for_returned(now=at + dt.timedelta(minutes=1)) == {"drafted": 1}
    assert services.letters_for_returned(now=at + dt.timedelta(minutes=2)) == {"drafted": 0}
    letter = LifeEventLetter.objects.unscoped().get()
    assert letter.kind == "birth" and "Nguyễn Văn An" in letter.salutation
    assert "phường Phan Đình Phùng" in letter.body


def test_late_result_gets_an_apology_letter(received, officer_a):
    late = MONDAY_9 + dt.timedelta(days=10)
    _return(received, officer_a, late)
    services.letters_for_returned(now=late + dt.timedelta(minutes=1))
    assert set(LifeEventLetter.objects.unscoped().values_list("kind", flat=True)) == {"birth", "apology"}


def test_letter_template_refuses_unknown_placeholders(officer_a, commune_a):
    with pytest.raises(services.OnestopError) as caught:
        services.letter_template_save(
            actor=officer_a, unit=commune_a, kind="birth", salutation="Kính gửi $name", body="Chào ${name.__class__}"
        )
    assert caught.value.rule_code == "letter.placeholder"
    services.letter_template_save(
        actor=officer_a, unit=commune_a, kind="birth", salutation="Kính gửi $name", body="Chúc mừng $$ $name"
    )
    assert services.template_for(commune_a.pk, "birth") == ("Kính gửi $name", "Chúc mừng $$ $name")


def test_letter_hand_over_is_recorded_once(received, officer_a, officer_b):
    letter = services.letter_draft(dossier=received, kind="birth", at=MONDAY_9)
    with pytest.raises(PermissionDenied):
        services.letter_hand_over(actor=officer_b, letter=letter)
    services.letter_hand_over(actor=officer_a, letter=letter, note="Trao tận tay tại nhà", at=MONDAY_9)
    letter.refresh_from_db()
    assert letter.handed_over_by == officer_a and letter.handover_note == "Trao tận tay tại nhà"


def test_score_report_counts_the_quarter(received, officer_a, commune_a):
    _return(received, officer_a, MONDAY_9 + dt.timedelta(hours=3))
    report = selectors.score_report(actor=officer_a, unit_id=commune_a.pk, year=2026, quarter=1)
    assert report.dossiers == 1
    assert report.scorecard.indicators[1] == 2  # returned before the appointment day: early
    assert report.kpis.received == 1 and report.kpis.on_time_rate == 1
    assert selectors.score_report(actor=officer_a, unit_id=commune_a.pk, year=2026, quarter=2).dossiers == 0


def test_score_report_is_scoped(officer_b, commune_a):
    with pytest.raises(PermissionDenied):
        selectors.score_report(actor=officer_b, unit_id=commune_a.pk, year=2026)


def test_quarter_bounds():
    assert selectors.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert selectors.quarter_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert selectors.quarter_bounds(2026, None) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_booking_is_unique_per_phone_and_slot(slot):
    services.booking_create(phone="0912000001", name="An", slot=slot, at=MONDAY_9)
    with pytest.raises(services.OnestopError):
        services.booking_create(phone="0912000001", name="An", slot=slot, at=MONDAY_9)
    assert Booking.objects.unscoped().count() == 1


def test_the_sweeps_are_registered():
    from thanthien.clocks.sweep import discover_sweeps, registered_sweeps

    discover_sweeps()
    names = set(registered_sweeps())
    assert {"onestop.notify_dossiers", "onestop.remind_bookings", "onestop.life_event_letters"} <= names
