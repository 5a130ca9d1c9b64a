"""Late dossiers: the predicted-late sweep, the apology draft and the apology with a new
appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả, Mẫu 04; NĐ 61/2018 Điều 19 khoản 9).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record

from .. import permissions
from ..cache import invalidate_status
from ..domain import deadlines
from ..domain.common import local_date
from ..domain.status import ACTIVE_STATES, Action, DossierStatus, check_transition
from ..models import Dossier, DossierApology, DossierEvent
from ._common import (
    _audit,
    _calendar_for,
    _label,
    _lock,
    _now,
    _processing_hours,
    _state,
    _steps_hours,
    dossier_rules,
    refusal,
)

S = DossierStatus


def remaining_step_hours(dossier: Dossier) -> Decimal:
    """Budgeted working hours still ahead, for the predicted-late rule (Điều 19.9).

    Before assignment: the handler's whole budget; while processing: the last catalogue step
    (sign-off and return); otherwise nothing.
    """
    status = dossier.status
    if status in {S.RECEIVED, S.TRANSFERRED}:
        return _processing_hours(dossier.procedure)
    if status in {S.IN_PROCESSING, S.CONSULTATION, S.INTER_AGENCY, S.AWAITING_FEES}:
        hours = _steps_hours(dossier.procedure)
        # A single-step procedure still has that whole step ahead until the result is ready.
        return hours[-1] if hours else Decimal(0)
    return Decimal(0)


def _proposed_new_due(dossier: Dossier, cal: Any) -> dt.date:
    hours = remaining_step_hours(dossier)
    days = max(1, int((hours / 8).to_integral_value(rounding="ROUND_CEILING")))
    return cal.add_working_days(dossier.due_date or local_date(dossier.due_at), days)


def apology_draft(*, dossier: Dossier, now: dt.datetime, actor: Any = None) -> DossierApology | None:
    """Draft the Mẫu 04 slip for a predicted-late dossier, once; None if one exists or it is too late."""
    if dossier.due_at is None or dossier.extended_due_at is not None:
        return None
    if DossierApology.objects.unscoped().filter(dossier=dossier).exists():
        return None
    cal = _calendar_for(dossier, now)
    if not deadlines.can_issue_apology(dossier.due_at, now, 0, cal, dossier_rules()):
        return None
    with transaction.atomic():
        apology, created = DossierApology.objects.unscoped().get_or_create(
            dossier=dossier,
            defaults={
                "unit_id": dossier.unit_id,
                "original_due_at": dossier.due_at,
                "new_due_date": _proposed_new_due(dossier, cal),
                "drafted_at": now,
                "reason": "",
            },
        )
        if created:
            audit_record(
                actor=actor,
                actor_label="" if actor else "system",
                action="dossier.apology_drafted",
                obj=dossier,
                unit=dossier.unit_id,
                new={"new_due_date": apology.new_due_date},
            )
    return apology if created else None


def dossier_apology_issue(
    *,
    actor: Any,
    dossier: Dossier,
    new_due_date: dt.date | None,
    reason: str,
    delivered_channel: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Issue the apology and new appointment (NĐ 61/2018 Điều 19 khoản 9; Mẫu 04).

    At least one working day before the due date, at most once per dossier (a second extension
    is refused, and the database refuses a second slip). The original due date is kept; the new
    one becomes the dossier's due date.
    """
    at = _now(at)
    permissions.ensure_dossier_scope(actor, dossier)
    permissions.ensure_can(actor, dossier, Action.ISSUE_APOLOGY)
    with transaction.atomic():
        dossier = _lock(dossier)
        check_transition(dossier.status, Action.ISSUE_APOLOGY)
        existing = DossierApology.objects.unscoped().filter(dossier=dossier).first()
        issued = 1 if (dossier.extended_due_at or (existing and existing.state == DossierApology.State.ISSUED)) else 0
        cal = _calendar_for(dossier, at)
        rules = dossier_rules()
        original = dossier.original_due_at or dossier.due_at
        deadlines.can_issue_apology(dossier.due_at, at, issued, cal, rules).raise_if_refused()
        if not (reason or "").strip():
            message = _("Explain the reason for the delay (it is printed on the slip).")
            raise refusal("apology.reason_required", message, "reason")
        if new_due_date is None:
            message = _("Choose the new return date.")
            raise refusal("apology.new_date_required", message, "new_due_date")
        new_due = deadlines.validate_new_due(dossier.due_at, new_due_date, cal, rules)
        old = _state(dossier)
        if existing is None:
            existing = DossierApology(unit_id=dossier.unit_id, dossier=dossier, drafted_at=at, original_due_at=original)
        existing.state = DossierApology.State.ISSUED
        existing.reason = reason.strip()
        existing.original_due_at = original
        existing.new_due_date = new_due.due_date
        existing.new_due_at = new_due.due_at
        existing.issued_at = at
        existing.signer = actor if getattr(actor, "is_authenticated", False) else None
        existing.delivered_channel = delivered_channel or dossier.channel_out
        existing.delivered_at = at
        existing.save()
        dossier.extended_due_at = new_due.due_at
        dossier.extended_due_date = new_due.due_date
        dossier.due_at = new_due.due_at
        dossier.due_date = new_due.due_date
        dossier.predicted_late = False
        dossier.save(
            update_fields=["extended_due_at", "extended_due_date", "due_at", "due_date", "predicted_late", "updated_at"]
        )
        DossierEvent.objects.create(
            unit_id=dossier.unit_id,
            dossier=dossier,
            action=Action.ISSUE_APOLOGY.value,
            from_status=dossier.status,
            to_status=dossier.status,
            at=at,
            giver=existing.signer,
            giver_label=_label(actor),
            receiver_label=dossier.applicant_name,
            note=existing.reason,
            data={"original_due_at": original.isoformat(), "new_due_at": new_due.due_at.isoformat()},
        )
        _audit(actor, "dossier.apology_issued", dossier, old, _state(dossier), note=existing.reason)
        transaction.on_commit(lambda code=dossier.tracking_code: invalidate_status(code))
    return dossier


def dossiers_flag_predicted_late(*, now: dt.datetime, batch: int = 2000) -> dict[str, int]:
    """Flag active dossiers expected to be late and draft their apology slips (once).

    NĐ 61/2018 Điều 19 khoản 9. Idempotent: a second run at the same ``now`` changes nothing.
    """
    flagged = unflagged = drafted = 0
    qs = (
        Dossier.objects.unscoped()
        .filter(status__in=[s.value for s in ACTIVE_STATES], due_at__isnull=False)
        .select_related("procedure")
        .prefetch_related("procedure__steps")
        .order_by("id")
    )
    cal = None
    for dossier in qs.iterator(chunk_size=batch):
        if cal is None or not (cal.first_day <= local_date(dossier.due_at) <= cal.last_day):
            cal = _calendar_for(dossier, now)
        late = deadlines.needs_apology_now(
            dossier.due_at, now, remaining_step_hours(dossier), cal, rules=dossier_rules()
        )
        if late != dossier.predicted_late:
            Dossier.objects.unscoped().filter(pk=dossier.pk).update(predicted_late=late)
            dossier.predicted_late = late
            flagged += late
            unflagged += not late
        if late and apology_draft(dossier=dossier, now=now):
            drafted += 1
    return {"flagged": flagged, "unflagged": unflagged, "drafted": drafted}
