"""Writes of the citizen side of the one-stop centre: ratings, online submission with
attachments, bookings, notifications and life-event letters.

Keyword-only, actor first (``None`` for a citizen identified by a verified phone or a tracking
code), permission checked, one transaction, one audit event. Dossier transitions are never
written here: they go through ``thanthien.dossiers.services``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.accounts.senders import SendError, get_sender
from thanthien.audit.services import audit_record
from thanthien.core.search import fold
from thanthien.core.tenancy import ensure_in_scope
from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.domain.common import local_date
from thanthien.dossiers.domain.rating import ServiceFactor, validate_rating
from thanthien.dossiers.domain.status import DossierStatus
from thanthien.dossiers.models import Dossier
from thanthien.dossiers.permissions import DOSSIER_STAFF, ONE_STOP
from thanthien.units.permissions import ensure_role

from .domain import letters as letter_rules
from .models import (
    Attachment,
    Booking,
    BookingSlot,
    LetterKind,
    LetterTemplate,
    LifeEventLetter,
    Notification,
    ServiceRating,
)


class OnestopError(ValidationError):
    """A refusal with a stable ``code`` and per-field messages (for forms and the API)."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message, code=code)
        self.rule_code = code
        self.fields = {field: [message]} if field else {}


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


# --------------------------------------------------------------------------------------------
# Ratings at return (R1.5)
# --------------------------------------------------------------------------------------------

RATEABLE = frozenset({DossierStatus.RESULT_READY.value, DossierStatus.RETURNED.value})


def rating_submit(
    *, actor: Any, dossier: Dossier, payload: dict[str, Any], source: str, at: dt.datetime | None = None
) -> ServiceRating:
    """Record the citizen's rating of ``dossier`` (NĐ 61/2018 Điều 29, 31; SIPAS factors).

    ``source`` ``qr``: the citizen, from the slip's QR code (``actor`` None; knowing the
    tracking code is the permission). ``tablet`` / ``paper``: a logged-in officer of the
    receiving commune (the counter tablet, or a paper form typed in). Once per dossier.
    """
    at = _now(at)
    if source not in ServiceRating.Source.values:
        raise OnestopError("rating.source", _("Unknown rating source."), "source")
    if source != ServiceRating.Source.QR:
        ensure_in_scope(actor, dossier.unit_id)
        ensure_role(actor, dossier.unit_id, DOSSIER_STAFF)
    if dossier.status not in RATEABLE:
        raise OnestopError("rating.too_early", _("The dossier can be rated when its result is ready."))
    rating = validate_rating(payload)
    scores = rating.scores
    with transaction.atomic():
        if ServiceRating.objects.unscoped().filter(dossier_id=dossier.pk).exists():
            raise OnestopError("rating.already", _("This dossier has already been rated. Thank you."))
        try:
            with transaction.atomic():
                row = ServiceRating.objects.create(
                    unit_id=dossier.unit_id,
                    dossier=dossier,
                    source=source,
                    score_access=scores[ServiceFactor.ACCESS],
                    score_procedure=scores[ServiceFactor.PROCEDURE],
                    score_staff=scores[ServiceFactor.STAFF],
                    score_result=scores[ServiceFactor.RESULT],
                    score_feedback=scores.get(ServiceFactor.FEEDBACK_HANDLING),
                    trips=rating.trips,
                    extra_payment_asked=rating.extra_payment_asked,
                    appointment_kept=rating.appointment_kept,
                    conduct_breaches=sorted(rating.conduct_breaches),
                    comment=rating.comment,
                    anonymous=rating.anonymous,
                    receiver_id=dossier.received_by_id,
                    handler_id=dossier.handler_id,
                    entered_by=actor if getattr(actor, "is_authenticated", False) else None,
                    rated_at=at,
                    rated_on=local_date(at),
                )
        except IntegrityError:
            raise OnestopError("rating.already", _("This dossier has already been rated. Thank you.")) from None
        audit_record(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label="" if getattr(actor, "is_authenticated", False) else "citizen (QR)",
            action="onestop.rating_recorded",
            obj=dossier,
            unit=dossier.unit_id,
            new={
                "source": source,
                "average": str(rating.average),
                "extra_payment_asked": rating.extra_payment_asked,
                "conduct_breaches": sorted(rating.conduct_breaches),
            },
        )
    return row


# --------------------------------------------------------------------------------------------
# Online submission with attachments (NĐ 61/2018 Điều 17.2)
# --------------------------------------------------------------------------------------------

#: Allowed types: extension → (content type, magic bytes at the start of the file).
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
MAX_FILES = 10


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str


def max_upload_bytes() -> int:
    return int(settings.UPLOAD_MAX_BYTES)


def upload_too_large(name: str) -> OnestopError:
    limit = max_upload_bytes()
    return OnestopError(
        "upload.too_large",
        _("The file %(name)s is larger than %(limit)s MB.")
        % {"name": Path(name or "").name, "limit": round(limit / 1048576, 1)},
        "files",
    )


def check_upload(name: str, data: bytes, *, max_bytes: int | None = None) -> CheckedFile:
    """Refuse a file that is empty, too large, or not really a PDF, JPEG or PNG.

    The type is decided by the file's first bytes, not by what the browser claims; the
    extension must agree with them.
    """
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    base = Path(name or "").name[-200:] or "tep"
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    if not data:
        raise OnestopError("upload.empty", _("The file %(name)s is empty.") % {"name": base}, "files")
    if len(data) > limit:
        raise upload_too_large(base)
    spec = ALLOWED_TYPES.get(ext)
    if spec is None or not any(data.startswith(magic) for magic in spec[1]):
        raise OnestopError(
            "upload.type", _("The file %(name)s is not a PDF, JPG or PNG file.") % {"name": base}, "files"
        )
    return CheckedFile(base, spec[0], data, hashlib.sha256(data).hexdigest())


def online_submit(
    *,
    actor: Any,
    phone: str,
    unit: Any,
    data: dossier_services.IntakeData,
    files: Sequence[tuple[str, bytes]] = (),
    at: dt.datetime | None = None,
) -> Dossier:
    """A citizen's online submission (status ``submitted_online``) with its attachments.

    ``phone`` is the number the citizen proved with a one-time code; it becomes the applicant's
    phone. Every file is checked before anything is written; if one is refused, or anything
    fails later, no dossier, no row and no file remains.
    """
    at = _now(at)
    if not phone:
        raise PermissionDenied(_("Verify your phone number first."))
    if len(files) > MAX_FILES:
        raise OnestopError("upload.count", _("Attach at most %(n)s files.") % {"n": MAX_FILES}, "files")
    checked = [check_upload(name, content) for name, content in files]
    data.applicant.phone = phone
    written: list[str] = []
    try:
        with transaction.atomic():
            dossier = dossier_services.dossier_submit_online(actor=actor, unit=unit, data=data, at=at)
            for item in checked:
                attachment = Attachment(
                    unit_id=dossier.unit_id,
                    dossier=dossier,
                    storage_name=f"{secrets.token_hex(16)}.{item.name.rsplit('.', 1)[-1].lower()}",
                    original_name=item.name,
                    content_type=item.content_type,
                    size=len(item.data),
                    sha256=item.sha256,
                    uploaded_at=at,
                )
                attachment.file.save(attachment.storage_name, ContentFile(item.data), save=False)
                written.append(attachment.file.name)
                attachment.save()
            audit_record(
                actor=None,
                actor_label="citizen (online)",
                action="onestop.attachments_saved",
                obj=dossier,
                unit=dossier.unit_id,
                new={"files": [c.name for c in checked], "bytes": sum(len(c.data) for c in checked)},
            )
    except BaseException:
        from django.core.files.storage import default_storage

        for name in written:
            default_storage.delete(name)
        raise
    return dossier


# --------------------------------------------------------------------------------------------
# Bookings at the counter (plan §1.2; no legal rule, local practice — legal-rules §2.13)
# --------------------------------------------------------------------------------------------


def slot_create(*, actor: Any, unit: Any, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int) -> BookingSlot:
    """Open a time slot at the counter with ``capacity`` places."""
    ensure_role(actor, unit.pk, ONE_STOP)
    if ends_at <= starts_at or capacity < 1:
        raise OnestopError("slot.invalid", _("A slot ends after it starts and has at least one place."), "ends_at")
    with transaction.atomic():
        try:
            with transaction.atomic():
                slot = BookingSlot.objects.create(unit=unit, starts_at=starts_at, ends_at=ends_at, capacity=capacity)
        except IntegrityError:
            raise OnestopError("slot.exists", _("A slot already starts at this time."), "starts_at") from None
        audit_record(actor=actor, action="onestop.slot_created", obj=slot, unit=unit.pk, new={"capacity": capacity})
    return slot


def booking_create(
    *, phone: str, name: str, slot: BookingSlot, procedure: Any = None, at: dt.datetime | None = None
) -> Booking:
    """Book a place in ``slot`` for the verified ``phone``; refused when the slot is full or past."""
    at = _now(at)
    if not phone:
        raise PermissionDenied(_("Verify your phone number first."))
    if not (name or "").strip():
        raise OnestopError("booking.name", _("Enter your name."), "name")
    with transaction.atomic():
        slot = BookingSlot.objects.unscoped().select_for_update().get(pk=slot.pk)
        if slot.starts_at <= at:
            raise OnestopError("booking.past", _("This time slot has already started."), "slot")
        if slot.booked >= slot.capacity:
            raise OnestopError("booking.full", _("This time slot is full. Please choose another one."), "slot")
        if Booking.objects.unscoped().filter(slot=slot, phone=phone, state=Booking.State.BOOKED).exists():
            raise OnestopError("booking.duplicate", _("You have already booked this time slot."), "slot")
        booking = Booking.objects.create(
            unit_id=slot.unit_id, slot=slot, procedure=procedure, phone=phone, name=name.strip(), created_at=at
        )
        BookingSlot.objects.unscoped().filter(pk=slot.pk).update(booked=F("booked") + 1)
        audit_record(
            actor=None,
            actor_label="citizen (phone)",
            action="onestop.booking_created",
            obj=booking,
            unit=slot.unit_id,
            new={"slot": slot.starts_at},
        )
        transaction.on_commit(lambda: _notify_booking(booking, Notification.Kind.BOOKING, at))
    return booking


def booking_cancel(*, phone: str, booking: Booking, at: dt.datetime | None = None) -> Booking:
    """Cancel the citizen's own booking; the place is freed at once."""
    at = _now(at)
    if not phone or booking.phone != phone:
        raise PermissionDenied(_("This booking is not yours."))
    with transaction.atomic():
        booking = Booking.objects.unscoped().select_for_update().get(pk=booking.pk)
        if booking.state == Booking.State.CANCELLED:
            return booking
        booking.state = Booking.State.CANCELLED
        booking.cancelled_at = at
        booking.save(update_fields=["state", "cancelled_at"])
        BookingSlot.objects.unscoped().filter(pk=booking.slot_id, booked__gt=0).update(booked=F("booked") - 1)
        audit_record(
            actor=None,
            actor_label="citizen (phone)",
            action="onestop.booking_cancelled",
            obj=booking,
            unit=booking.unit_id,
        )
        transaction.on_commit(lambda: _notify_booking(booking, Notification.Kind.BOOKING_CANCELLED, at))
    return booking


def _slot_text(booking: Booking) -> str:
    start = timezone.localtime(booking.slot.starts_at)
    return f"{start:%H:%M} ngày {start:%d/%m/%Y}"


def _notify_booking(booking: Booking, kind: str, at: dt.datetime) -> Notification | None:
    texts = {
        Notification.Kind.BOOKING: "Thân Thiện: đã đặt lịch làm thủ tục lúc {slot} tại Bộ phận Một cửa. "
        "Hủy lịch trên trang Đặt lịch nếu không đến được.",
        Notification.Kind.BOOKING_CANCELLED: "Thân Thiện: lịch hẹn lúc {slot} đã được hủy.",
        Notification.Kind.BOOKING_REMINDER: "Thân Thiện: nhắc lịch hẹn làm thủ tục lúc {slot} tại Bộ phận Một cửa.",
    }
    return notify(
        kind=kind,
        key=f"booking:{booking.pk}:{kind}",
        unit_id=booking.unit_id,
        to=booking.phone,
        text=texts[kind].format(slot=_slot_text(booking)),
        booking=booking,
        at=at,
    )


def bookings_remind(*, now: dt.datetime) -> dict[str, int]:
    """Sweep: remind bookings whose slot starts within ``ONESTOP_REMINDER_HOURS`` (default 24), once."""
    hours = int(getattr(settings, "ONESTOP_REMINDER_HOURS", 24))
    due = (
        Booking.objects.unscoped()
        .filter(
            state=Booking.State.BOOKED,
            reminded_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + dt.timedelta(hours=hours),
        )
        .select_related("slot")
    )
    sent = 0
    for booking in due:
        if Booking.objects.unscoped().filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=now):
            sent += _notify_booking(booking, Notification.Kind.BOOKING_REMINDER, now) is not None
    return {"reminded": sent}


# --------------------------------------------------------------------------------------------
# Notifications (SMS / Zalo adapter through accounts.senders), logged and idempotent
# --------------------------------------------------------------------------------------------


def notify(
    *,
    kind: str,
    key: str,
    unit_id: int,
    to: str,
    text: str,
    dossier: Dossier | None = None,
    booking: Booking | None = None,
    at: dt.datetime | None = None,
) -> Notification | None:
    """Send ``text`` to ``to`` once per ``key`` and log it; None if already sent or no phone."""
    if not to or Notification.objects.unscoped().filter(key=key).exists():
        return None
    state, error = Notification.State.SENT, ""
    try:
        get_sender().send(to, text)
    except SendError as exc:
        state, error = Notification.State.FAILED, str(exc)[:255]
    try:
        with transaction.atomic():
            return Notification.objects.create(
                unit_id=unit_id,
                dossier=dossier,
                booking=booking,
                kind=kind,
                key=key,
                to=to,
                text=text[:480],
                state=state,
                error=error,
                sent_at=_now(at),
            )
    except IntegrityError:
        return None


#: Dossier events that the citizen is told about (issue text §5).
EVENT_KINDS = {
    "receive": Notification.Kind.RECEIVED,
    "request_supplement_at_reception": Notification.Kind.SUPPLEMENT,
    "request_supplement": Notification.Kind.SUPPLEMENT,
    "record_result": Notification.Kind.RESULT_READY,
    "record_immediate_result": Notification.Kind.RESULT_READY,
    "issue_apology": Notification.Kind.DELAY,
}


def _dossier_text(kind: str, dossier: Dossier, event: Any) -> str:
    from thanthien.dossiers.papers import due_text, status_url

    code = dossier.code or ""
    url = status_url(dossier) if dossier.tracking_code else ""
    if kind == Notification.Kind.RECEIVED:
        return f"Thân Thiện: hồ sơ {code} đã được tiếp nhận, hẹn trả kết quả {due_text(dossier)}. Tra cứu: {url}"
    if kind == Notification.Kind.SUPPLEMENT:
        return f"Thân Thiện: hồ sơ {dossier.procedure.name[:60]} cần bổ sung: {(event.note or '')[:160]}. {url}"
    if kind == Notification.Kind.RESULT_READY:
        return f"Thân Thiện: hồ sơ {code} đã có kết quả. Mời ông/bà nhận kết quả và đánh giá sự phục vụ: {url}"
    return (
        f"Thân Thiện: xin lỗi ông/bà, hồ sơ {code} chậm so với hẹn. "
        f"Hẹn lại: {due_text(dossier, extended=True)}. Lý do: {(event.note or '')[:120]}"
    )


def dossiers_notify(*, now: dt.datetime) -> dict[str, int]:
    """Sweep: tell applicants about recent dossier events (receipt, supplement request, result
    ready, delay with apology), once per event. Reads the append-only hand-off log, so the
    dossiers core needs no hook and no signal."""
    from thanthien.dossiers.models import DossierEvent

    hours = int(getattr(settings, "ONESTOP_NOTIFY_LOOKBACK_HOURS", 48))
    events = (
        DossierEvent.objects.unscoped()
        .filter(action__in=list(EVENT_KINDS), at__gte=now - dt.timedelta(hours=hours), at__lte=now)
        .select_related("dossier", "dossier__procedure")
        .order_by("at", "id")
    )
    done = set(
        Notification.objects.unscoped()
        .filter(key__startswith="event:", sent_at__gte=now - dt.timedelta(hours=hours + 24))
        .values_list("key", flat=True)
    )
    sent = 0
    for event in events:
        key = f"event:{event.pk}"
        if key in done or not event.dossier.applicant_phone:
            continue
        kind = EVENT_KINDS[event.action]
        sent += (
            notify(
                kind=kind,
                key=key,
                unit_id=event.dossier.unit_id,
                to=event.dossier.applicant_phone,
                text=_dossier_text(kind, event.dossier, event),
                dossier=event.dossier,
                at=now,
            )
            is not None
        )
    return {"sent": sent}


# --------------------------------------------------------------------------------------------
# Life-event letters (thư công, R1.6)
# --------------------------------------------------------------------------------------------


def template_for(unit_id: int, kind: str) -> tuple[str, str]:
    row = LetterTemplate.objects.unscoped().filter(unit_id=unit_id, kind=kind).first()
    return (row.salutation, row.body) if row else letter_rules.DEFAULTS[kind]


def letter_template_save(*, actor: Any, unit: Any, kind: str, salutation: str, body: str) -> LetterTemplate:
    """Edit a commune's text of one kind of letter; only the allowed ``$placeholders``."""
    ensure_role(actor, unit.pk, ONE_STOP)
    if kind not in LetterKind.values:
        raise OnestopError("letter.kind", _("Unknown kind of letter."), "kind")
    bad = letter_rules.unknown_placeholders(salutation) + letter_rules.unknown_placeholders(body)
    if bad:
        raise OnestopError(
            "letter.placeholder",
            _("Unknown placeholder: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(bad), "allowed": ", ".join(f"${p}" for p in letter_rules.PLACEHOLDERS)},
            "body",
        )
    if not body.strip():
        raise OnestopError("letter.empty", _("Enter the text of the letter."), "body")
    with transaction.atomic():
        row, created = (
            LetterTemplate.objects.unscoped()
            .select_for_update()
            .get_or_create(
                unit=unit,
                kind=kind,
                defaults={"salutation": salutation, "body": body, "updated_at": timezone.now(), "updated_by": actor},
            )
        )
        old = None if created else {"salutation": row.salutation, "body": row.body}
        row.salutation, row.body, row.updated_at, row.updated_by = salutation, body, timezone.now(), actor
        row.save()
        audit_record(
            actor=actor, action="onestop.letter_template_saved", obj=row, unit=unit.pk, old=old, new={"kind": kind}
        )
    return row


def _letter_values(dossier: Dossier) -> dict[str, str]:
    from thanthien.dossiers.papers import due_text, unit_phrase
    from thanthien.papers.domain.nd30 import short_date

    def day(moment: dt.datetime | None) -> str:
        return short_date(local_date(moment)) if moment else ""

    return {
        "name": dossier.applicant_name,
        "procedure": dossier.procedure.name,
        "code": dossier.code or "",
        "commune": unit_phrase(dossier.unit),
        "received": day(dossier.received_at),
        "due": due_text(dossier),
        "returned": day(dossier.returned_at),
    }


def letter_draft(*, dossier: Dossier, kind: str, at: dt.datetime | None = None) -> LifeEventLetter | None:
    """Draft one letter for ``dossier`` from the commune's template; None if it already exists."""
    salutation, body = template_for(dossier.unit_id, kind)
    values = _letter_values(dossier)
    try:
        with transaction.atomic():
            letter = LifeEventLetter.objects.create(
                unit_id=dossier.unit_id,
                dossier=dossier,
                kind=kind,
                salutation=letter_rules.fill(salutation, values),
                body=letter_rules.fill(body, values),
                created_at=_now(at),
            )
            audit_record(
                actor=None, actor_label="system", action="onestop.letter_drafted", obj=letter, unit=dossier.unit_id
            )
    except IntegrityError:
        return None
    return letter


def letters_for_returned(*, now: dt.datetime) -> dict[str, int]:
    """Sweep: draft the life-event letters of recently returned dossiers, once each.

    Birth or marriage registration → congratulation; death registration → condolence; a result
    returned late → apology (Kế hoạch 138 §1.6).
    """
    hours = int(getattr(settings, "ONESTOP_NOTIFY_LOOKBACK_HOURS", 48))
    drafted = 0
    qs = (
        Dossier.objects.unscoped()
        .filter(status=DossierStatus.RETURNED, returned_at__gte=now - dt.timedelta(hours=hours), returned_at__lte=now)
        .select_related("procedure", "unit")
    )
    existing = set(
        LifeEventLetter.objects.unscoped().filter(dossier__in=qs.values("pk")).values_list("dossier_id", "kind")
    )
    for dossier in qs:
        kinds = []
        life = letter_rules.kind_for_procedure(fold(dossier.procedure.name))
        if life:
            kinds.append(life)
        if dossier.timeliness == "late":
            kinds.append(LetterKind.APOLOGY.value)
        for kind in kinds:
            if (dossier.pk, kind) not in existing and letter_draft(dossier=dossier, kind=kind, at=now):
                drafted += 1
    return {"drafted": drafted}


def letter_edit(*, actor: Any, letter: LifeEventLetter, salutation: str, body: str) -> LifeEventLetter:
    """Adjust one letter before it is printed (only before hand-over)."""
    ensure_in_scope(actor, letter)
    ensure_role(actor, letter.unit_id, ONE_STOP)
    if letter.handed_over_at:
        raise OnestopError("letter.handed_over", _("The letter has already been handed over."))
    with transaction.atomic():
        old = {"salutation": letter.salutation, "body": letter.body}
        letter.salutation, letter.body = salutation.strip(), body.strip()
        letter.save(update_fields=["salutation", "body"])
        audit_record(actor=actor, action="onestop.letter_edited", obj=letter, unit=letter.unit_id, old=old)
    return letter


def letter_hand_over(
    *, actor: Any, letter: LifeEventLetter, note: str = "", at: dt.datetime | None = None
) -> LifeEventLetter:
    """Record that the letter was handed to the family (who, when, how)."""
    ensure_in_scope(actor, letter)
    ensure_role(actor, letter.unit_id, ONE_STOP)
    with transaction.atomic():
        letter = LifeEventLetter.objects.unscoped().select_for_update().get(pk=letter.pk)
        if letter.handed_over_at:
            return letter
        letter.handed_over_at = _now(at)
        letter.handed_over_by = actor
        letter.handover_note = (note or "")[:255]
        letter.save(update_fields=["handed_over_at", "handed_over_by", "handover_note"])
        audit_record(
            actor=actor, action="onestop.letter_handed_over", obj=letter, unit=letter.unit_id, new={"note": note}
        )
    return letter
