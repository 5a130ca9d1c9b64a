"""Tenancy cases for the unit-owned models of the onestop app (walked by core's cross-unit test)."""

import datetime as dt

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.core.tests.tenancy_cases import TenancyCase
from thanthien.dossiers.tests.factories import DossierFactory
from thanthien.onestop import services
from thanthien.onestop.models import (
    Attachment,
    Booking,
    BookingSlot,
    LetterTemplate,
    LifeEventLetter,
    Notification,
    ServiceRating,
)

AT = dt.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)


def _rating(unit):
    dossier = DossierFactory(unit=unit, status="returned")
    return ServiceRating.objects.create(
        unit=unit,
        dossier=dossier,
        source="qr",
        score_access=5,
        score_procedure=5,
        score_staff=5,
        score_result=5,
        trips=1,
        extra_payment_asked=False,
        rated_at=AT,
        rated_on=AT.date(),
    )


def _attachment(unit):
    dossier = DossierFactory(unit=unit)
    return Attachment.objects.create(
        unit=unit,
        dossier=dossier,
        file="dossiers/x.pdf",
        storage_name="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_at=AT,
    )


def _slot(unit):
    return BookingSlot.objects.create(unit=unit, starts_at=AT, ends_at=AT + dt.timedelta(minutes=30), capacity=3)


def _booking(unit):
    return Booking.objects.create(unit=unit, slot=_slot(unit), phone="0912000111", name="An", created_at=AT)


def _notification(unit):
    return Notification.objects.create(
        unit=unit, kind="received", key=f"t:{unit.pk}", to="0912000111", text="x", state="sent", sent_at=AT
    )


def _template(unit):
    return LetterTemplate.objects.create(unit=unit, kind="birth", salutation="Kính gửi $name", body="x", updated_at=AT)


def _letter(unit):
    return LifeEventLetter.objects.create(
        unit=unit, dossier=DossierFactory(unit=unit), kind="birth", salutation="Kính gửi", body="x", created_at=AT
    )


CASES = [
    TenancyCase(
        model=ServiceRating,
        make=_rating,
        change=lambda actor, r: services.rating_submit(actor=actor, dossier=r.dossier, payload={}, source="paper"),
        role=None,
        note="A rating is the citizen's word: recorded once, never edited.",
    ),
    TenancyCase(
        model=Attachment,
        make=_attachment,
        change=lambda actor, a: services.rating_submit(actor=actor, dossier=a.dossier, payload={}, source="tablet"),
        role=None,
        note="Attachments are the citizen's filed documents: append-only.",
    ),
    TenancyCase(
        model=BookingSlot,
        make=_slot,
        change=lambda actor, s: services.slot_create(
            actor=actor,
            unit=s.unit,
            starts_at=s.starts_at + dt.timedelta(hours=1),
            ends_at=s.ends_at + dt.timedelta(hours=1),
            capacity=1,
        ),
        role=None,
        note="Slots are opened, not edited (a booked slot must keep its time); opening is role-checked.",
    ),
    TenancyCase(
        model=Booking,
        make=_booking,
        change=lambda actor, b: services.booking_cancel(phone=getattr(actor, "phone", "") or "", booking=b),
        role=None,
        note="Only the citizen who booked (by verified phone) may cancel; staff never change a booking.",
    ),
    TenancyCase(
        model=Notification,
        make=_notification,
        change=lambda actor, n: services.letter_template_save(
            actor=actor, unit=n.unit, kind="birth", salutation="", body=""
        ),
        role=None,
        note="The notification log is append-only.",
    ),
    TenancyCase(
        model=LetterTemplate,
        make=_template,
        change=lambda actor, t: services.letter_template_save(
            actor=actor, unit=t.unit, kind=t.kind, salutation="Kính gửi gia đình $name", body="Chúc mừng $name"
        ),
        role="one_stop_officer",
    ),
    TenancyCase(
        model=LifeEventLetter,
        make=_letter,
        change=lambda actor, letter: services.letter_hand_over(actor=actor, letter=letter, note="Trao tại nhà"),
        role="one_stop_officer",
    ),
]
